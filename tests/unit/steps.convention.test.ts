import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { steps } from '@/steps';
import { STEP_IDS, StepSchema } from '@/utils/guide/step-schema';
import { detectors } from '@/utils/portal/routes';
import { locators } from '@/utils/portal/locators';
import { readers } from '@/utils/portal/readers';
import { checks } from '@/utils/guide/checks';

const dir = join(import.meta.dirname, '../../steps');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => basename(f, '.ts'));
const index = readFileSync(join(dir, 'index.ts'), 'utf8');

describe('steps/ convention', () => {
  test('one file per step id of DESIGN.md, in the documented order', () => {
    expect([...files].sort()).toEqual([...STEP_IDS].sort());
    expect(steps.map((s) => s.id)).toEqual([...STEP_IDS]);
  });

  test.each(files)('%s is imported once by steps/index.ts', (file) => {
    expect(index.match(new RegExp(`from '\\./${file}'`, 'g'))).toHaveLength(1);
  });

  test.each(files)('%s: default export parses and its id is its file name', async (file) => {
    const mod = (await import(`../../steps/${file}.ts`)) as { default: unknown };
    const parsed = StepSchema.safeParse(mod.default);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.id).toBe(file);
  });

  test('ids are unique', () => {
    expect(new Set(steps.map((s) => s.id)).size).toBe(steps.length);
  });

  test.each(steps.map((s) => [s.id, s] as const))('%s names only detectors, locators, readers and checks that exist', (_id, step) => {
    for (const page of [...step.pages, ...(step.deepLink ? [step.deepLink] : [])]) {
      expect(detectors, page).toHaveProperty(page);
    }
    for (const target of step.targets) expect(locators, target.locator).toHaveProperty(target.locator);
    if (step.check.reader) expect(readers, step.check.reader).toHaveProperty(step.check.reader);
    expect(checks, step.check.rule).toHaveProperty(step.check.rule);
  });

  test.each(steps.filter((s) => s.where === 'portal').map((s) => [s.id, s] as const))(
    '%s tells the admin where on the portal and why it differs from the original guide',
    (_id, step) => {
      expect(step.pages.length + (step.deepLink ? 1 : 0)).toBeGreaterThan(0);
      expect(step.targets.length).toBeGreaterThan(0);
      expect(step.reason.seed).not.toBe(step.reason.today);
    },
  );

  test('the guide states what changed since the original: Entra ID, Azure AD Graph, Never, Secret ID', () => {
    const text = steps.flatMap((s) => [s.title, ...s.instruction, s.reason.seed, s.reason.today]).join('\n');
    expect(text).toMatch(/Microsoft Entra ID/);
    expect(text).toMatch(/retired it on 31 August 2025/);
    expect(text).toMatch(/"Never" no longer exists/);
    expect(text).toMatch(/Secret ID/);
    // The retired API is never offered as something to do.
    for (const step of steps) for (const line of step.instruction) expect(line).not.toMatch(/Azure Active Directory Graph/);
  });
});
