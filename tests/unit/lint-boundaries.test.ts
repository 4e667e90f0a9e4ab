import { describe, expect, test } from 'vitest';
import { ESLint } from 'eslint';

/**
 * The import boundaries are lint rules (eslint.config.js): a file that crosses one fails
 * `npm run lint`. Each case lints a few lines as if they were a file at that path.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function messages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports' || m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('import boundaries', () => {
  test('utils/ imports no step, component or entry point', async () => {
    expect(await messages('utils/guide/progress.ts', "import { steps } from '@/steps';\nexport const n = steps.length;\n")).toEqual([
      expect.stringContaining('utils/ imports neither steps/, components/ nor entrypoints/.'),
    ]);
    expect(await messages('utils/guide/x.ts', "import { PopupApp } from '@/components/PopupApp';\nexport const c = PopupApp;\n")).toHaveLength(1);
    expect(await messages('utils/handoff/x.ts', "import { x } from '../../entrypoints/popup/main';\nexport const c = x;\n")).toHaveLength(1);
    // Between utils/ modules: allowed.
    expect(await messages('utils/guide/x.ts', "import { doneCount } from '@/utils/guide/progress';\nexport const c = doneCount;\n")).toEqual([]);
  });

  test('the frame agent imports no zod, and only types from the protocol', async () => {
    expect(await messages('utils/portal/dom.ts', "import * as z from 'zod/mini';\nexport const s = z.string();\n")).toEqual([
      expect.stringContaining('No zod in the frame agent (its size budget).'),
    ]);
    expect(await messages('entrypoints/agent.content.ts', "import { MessageSchema } from '@/utils/messaging/protocol';\nexport const s = MessageSchema;\n")).toHaveLength(1);
    expect(await messages('utils/portal/agent.ts', "import type { Message } from '@/utils/messaging/protocol';\nexport type M = Message;\n")).toEqual([]);
    // The panel side may use zod.
    expect(await messages('utils/guide/x.ts', "import * as z from 'zod/mini';\nexport const s = z.string();\n")).toEqual([]);
  });

  test('the extension never imports the portal\'s component library (the replica\'s only)', async () => {
    const code = "import { TextField } from '@fluentui/react';\nexport const t = TextField;\n";
    for (const path of ['components/panel/X.tsx', 'entrypoints/popup/x.tsx', 'steps/x.ts']) {
      expect(await messages(path, code)).toEqual([expect.stringContaining("Fluent UI is the replica's (tests)")]);
    }
    // utils/ keeps its other boundaries as well.
    expect(await messages('utils/guide/x.ts', `${code}import { steps } from '@/steps';\nexport const n = steps;\n`)).toHaveLength(2);
    expect(await messages('tests/fixtures/replica/app/blade/x.tsx', code)).toEqual([]);
  });
});
