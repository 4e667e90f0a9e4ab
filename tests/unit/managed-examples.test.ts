import { describe, expect, test } from 'vitest';
import { parsePolicy, presetsOf } from '@/utils/managed/policy';
import { readRecipientKey } from '@/utils/handoff/export/encrypt';
import {
  chromeJsonPolicy,
  examples,
  exampleKey,
  firefoxPolicy,
  fromRegistry,
  parseReg,
  readmeExamples,
  repoFile,
} from './managed-files';

interface Property {
  type: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
}
const schema = JSON.parse(repoFile('public/managed_schema.json')) as { properties: Record<string, Property> };

/** Whether Chrome would pass this value on (schema.cc, Schema::Validate: type, enum, range, pattern). */
function chromeAccepts(name: string, value: unknown): boolean {
  const p = schema.properties[name];
  if (!p) return false;
  const type = typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
  if (type !== p.type) return false;
  if (p.enum && !p.enum.includes(value)) return false;
  if (typeof value === 'number' && ((p.minimum !== undefined && value < p.minimum) || (p.maximum !== undefined && value > p.maximum))) return false;
  if (typeof value === 'string' && p.pattern !== undefined && !new RegExp(p.pattern).test(value)) return false;
  return true;
}

const CHROME_KEY = /^HKEY_LOCAL_MACHINE\\Software\\Policies\\Google\\Chrome\\3rdparty\\extensions\\<chrome-extension-id>\\policy$/;
const EDGE_KEY = /^HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\<edge-extension-id>\\policy$/;

function registryPolicies() {
  const keys = parseReg(repoFile(examples.chromeReg));
  const entries = [...keys.entries()];
  const chrome = entries.find(([k]) => CHROME_KEY.test(k));
  const edge = entries.find(([k]) => EDGE_KEY.test(k));
  return { keys, chrome: chrome && fromRegistry(chrome[1], schema), edge: edge && fromRegistry(edge[1], schema) };
}

describe('the README shows the policy examples the tests load', () => {
  test.each(Object.values(examples))('%s is in the README, character for character', (path) => {
    const shown = readmeExamples().get(path);
    expect(shown, `README block after \`${path}\``).toBeDefined();
    expect(shown).toBe(repoFile(path));
  });

  test('and no other policy block', () => {
    expect([...readmeExamples().keys()].sort()).toEqual(Object.values(examples).sort());
  });
});

describe('policy examples', () => {
  test('the .reg file sets the same values for Chrome and for Edge, and nothing else', () => {
    const { keys, chrome, edge } = registryPolicies();
    expect(keys.size).toBe(2);
    expect(chrome).toBeDefined();
    expect(edge).toEqual(chrome);
  });

  test.each([
    ['Chrome (Linux JSON)', () => chromeJsonPolicy()],
    ['Chrome (Windows registry)', () => registryPolicies().chrome],
    ['Edge (Windows registry)', () => registryPolicies().edge],
    ['Firefox (policies.json)', () => firefoxPolicy()],
  ])('%s: every value is valid, with no notice, and Chrome would pass every one on', (_, load) => {
    const raw = load() as Record<string, unknown>;
    const { policy, notices } = parsePolicy(raw);
    expect(notices).toEqual([]);
    expect(policy).toEqual(raw);
    for (const [name, value] of Object.entries(raw)) expect(chromeAccepts(name, value), name).toBe(true);
  });

  test('all forms give the same policy, once the registry\'s "\\n" are line breaks again', () => {
    const forms = [chromeJsonPolicy(), registryPolicies().chrome, registryPolicies().edge, firefoxPolicy()];
    const presets = forms.map((raw) => presetsOf(parsePolicy(raw).policy));
    for (const p of presets) expect(p).toEqual(presets[0]);
    expect(presets[0]).toMatchObject({
      setup: { profile: 'self-service', region: 'emea', includeDirectoryRead: true },
      settings: { clipboardClearSeconds: 30 },
    });
  });

  test('the example key is read as an imported one would be, and says it is only an example', async () => {
    const recipient = presetsOf(parsePolicy(registryPolicies().chrome).policy).recipientPublicKey;
    expect(recipient).toBe(exampleKey());
    const info = await readRecipientKey(recipient ?? '');
    expect(info.userIds).toEqual([expect.stringMatching(/^EXAMPLE ONLY/)]);
    expect(info.expires).toBeNull();
  });

  test('the .reg reader refuses what it does not know, rather than skip it', () => {
    expect(() => parseReg('Windows Registry Editor Version 5.00\n[HKEY_LOCAL_MACHINE\\X]\n"a"=hex(7):61,00\n')).toThrow(/Line 3/);
    expect(() => parseReg('REGEDIT4\n')).toThrow(/5\.00/);
    expect(parseReg('Windows Registry Editor Version 5.00\r\n[K]\r\n"a"="x\\\\n\\"y\\""\r\n"b"=dword:0000000a\r\n').get('K')).toEqual({
      a: 'x\\n"y"',
      b: 10,
    });
  });
});
