import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { guides, rotationSteps, steps } from '@/steps';
import { ROTATION_GUIDE_IDS, SETUP_GUIDE_IDS } from '@/steps/ids';
import { StepSchema } from '@/utils/guide/step-schema';
import { READERS } from '@/utils/guide/readers';
import { detectors } from '@/utils/portal/routes';
import { locators } from '@/utils/portal/locators';
import { readers } from '@/utils/portal/readers';
import { dbtLocators } from '@/utils/dbt/locators';
import { dbtReaders } from '@/utils/dbt/readers';
import { DBT_DETECTOR_NAMES, PORTAL_DETECTOR_NAMES } from '@/utils/portal/route-names';
import { READER_NAMES } from '@/utils/portal/names';
import { checks } from '@/utils/guide/checks';
import { SIGN_IN_ERRORS } from '@/steps/diagnosis/sign-in-errors';

const root = join(import.meta.dirname, '../..');

/** Every source file of the engine and the extension's UI: everything but steps/ and tests. */
function engineSources(): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx)$/.test(entry.name)) out.push({ path: relative(root, path), text: readFileSync(path, 'utf8') });
    }
  };
  for (const d of ['utils', 'components', 'entrypoints']) walk(join(root, d));
  return out;
}

/** Quoted occurrences of a step id ('id', "id" or `id`) in a source text. */
export function namesStepId(text: string, id: string): boolean {
  return new RegExp(`(['"\`])${id.replace(/-/g, '\\-')}\\1`).test(text);
}

const GUIDES = [
  { name: 'the setup guide', dir: 'steps', ids: SETUP_GUIDE_IDS as readonly string[], steps },
  { name: 'the rotation guide', dir: 'steps/rotation', ids: ROTATION_GUIDE_IDS as readonly string[], steps: rotationSteps },
];

/** Every module under steps/, loaded on demand (a dynamic import reaches one folder level only). */
const STEP_MODULES = import.meta.glob('../../steps/**/*.ts');

/** The step files of a guide's folder: every .ts but its index (and the id list). */
const stepFiles = (d: string) =>
  readdirSync(join(root, d))
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'ids.ts')
    .map((f) => basename(f, '.ts'));

/** Both guides, held to the same rules: the rotation guide is data run by the same engine. */
describe.each(GUIDES)('$name: steps/ convention', ({ dir: guideDir, ids, steps: guideSteps }) => {
  const guideFiles = stepFiles(guideDir);
  const guideIndex = readFileSync(join(root, guideDir, 'index.ts'), 'utf8');

  test("one file per step id, in the guide's order (steps/ids.ts)", () => {
    expect([...guideFiles].sort()).toEqual([...ids].sort());
    expect(guideSteps.map((s) => s.id)).toEqual([...ids]);
  });

  test('every value a step records is recorded by a reader', () => {
    for (const step of guideSteps) {
      for (const key of step.records) {
        expect(READER_NAMES.some((name) => READERS[name].records.includes(key)), `${step.id} records ${key}`).toBe(true);
      }
    }
  });

  test('optional branches say when they are needed; extension steps name their section', () => {
    for (const step of guideSteps) {
      if (step.neededWhen) expect(step.optional, step.id).toBe(true);
      if (step.where === 'extension') expect(step.section, step.id).toBeDefined();
      else expect(step.section, step.id).toBeUndefined();
    }
  });

  test.each(guideFiles)('%s is imported once by its index', (file) => {
    expect(guideIndex.match(new RegExp(`from '\\./${file}'`, 'g'))).toHaveLength(1);
  });

  test.each(guideFiles)('%s: default export parses and its id is its file name', async (file) => {
    const load = STEP_MODULES[`../../${guideDir}/${file}.ts`];
    expect(load, file).toBeDefined();
    const mod = (await load?.()) as { default: unknown };
    const parsed = StepSchema.safeParse(mod.default);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.id).toBe(file);
  });

  test('ids are unique', () => {
    expect(new Set(guideSteps.map((s) => s.id)).size).toBe(guideSteps.length);
  });

  test.each(guideSteps.map((s) => [s.id, s] as const))('%s names only detectors, locators, readers and checks that exist', (_id, step) => {
    for (const page of [...step.pages, ...(step.deepLink ? [step.deepLink] : [])]) {
      expect(detectors, page).toHaveProperty(page);
    }
    // A step's controls are on one site: the portal's tables, or dbt's (their agent ships only those).
    const [own, ownReaders] = step.where === 'dbt' ? [dbtLocators, dbtReaders] : [locators, readers];
    for (const target of step.targets) expect(own, target.locator).toHaveProperty(target.locator);
    if (step.check.reader) expect(ownReaders, step.check.reader).toHaveProperty(step.check.reader);
    const site = step.where === 'dbt' ? DBT_DETECTOR_NAMES : PORTAL_DETECTOR_NAMES;
    for (const page of step.pages) expect(site as readonly string[], page).toContain(page);
    expect(checks, step.check.rule).toHaveProperty(step.check.rule);
    if (step.neededWhen) expect(checks, step.neededWhen).toHaveProperty(step.neededWhen);
  });

  test.each(guideSteps.filter((s) => s.where !== 'extension').map((s) => [s.id, s] as const))(
    '%s tells the admin where on the portal (or dbt) and why it differs from the original guide',
    (_id, step) => {
      expect(step.pages.length + (step.deepLink ? 1 : 0)).toBeGreaterThan(0);
      expect(step.targets.length).toBeGreaterThan(0);
      expect(step.reason.seed).not.toBe(step.reason.today);
    },
  );
});

describe('steps/ convention', () => {
  test('the engine knows no step by name: no step id of either guide is written in utils/, components/ or entrypoints/', () => {
    const sources = engineSources();
    expect(sources.length).toBeGreaterThan(50);
    const all = [...SETUP_GUIDE_IDS, ...ROTATION_GUIDE_IDS];
    const named = sources.flatMap(({ path, text }) => all.filter((id) => namesStepId(text, id)).map((id) => `${path}: '${id}'`));
    expect(named).toEqual([]);
  });

  test('the id check finds an id however it is quoted, and only whole ids', () => {
    expect(namesStepId(`if (step.id === 'register-app') {}`, 'register-app')).toBe(true);
    expect(namesStepId('markStep("handoff", true)', 'handoff')).toBe(true);
    expect(namesStepId('const k = `setup`;', 'setup')).toBe(true);
    expect(namesStepId(`const item = 'local:setup';`, 'setup')).toBe(false);
    expect(namesStepId(`section: 'setup-form'`, 'setup')).toBe(false);
  });

  test("the rotation's ids start with rotate-, and no id is in both guides (their progress stays apart)", () => {
    for (const id of ROTATION_GUIDE_IDS) expect(id).toMatch(/^rotate-/);
    expect(SETUP_GUIDE_IDS.filter((id) => (ROTATION_GUIDE_IDS as readonly string[]).includes(id))).toEqual([]);
    expect(Object.keys(guides).sort()).toEqual(['rotation', 'sso-setup']);
  });

  test('every sign-in error (steps/diagnosis/, not a step file) is fixed by a step of the guide', () => {
    for (const e of SIGN_IN_ERRORS) expect(SETUP_GUIDE_IDS, e.code).toContain(e.stepId);
  });

  test('the guide states what changed since the original: Entra ID, Azure AD Graph, Never, Secret ID', () => {
    const text = steps.flatMap((s) => [s.title, ...s.instruction, s.reason.seed, s.reason.today]).join('\n');
    expect(text).toMatch(/Microsoft Entra ID/);
    expect(text).toMatch(/retired it on 31 August 2025/);
    expect(text).toMatch(/"Never" no longer exists/);
    expect(text).toMatch(/Secret ID/);
    // dbt's December 2025 permissions, and the enterprise application's assignment.
    expect(text).toMatch(/December 2025/);
    expect(text).toMatch(/GroupMember\.Read\.All/);
    expect(text).toMatch(/Assignment required\?/);
    expect(text).toMatch(/Cloud Application Administrator/);
    // The retired API is never offered as something to do.
    for (const step of steps) for (const line of step.instruction) expect(line).not.toMatch(/Azure Active Directory Graph/);
  });
});
