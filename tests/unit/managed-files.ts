import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A file of the repository, by its path from the root. */
export function repoFile(path: string): string {
  return readFileSync(join(import.meta.dirname, '../..', path), 'utf8');
}

export const FIREFOX_ID = 'sso-setup-guide-dbt-entra@extension';

export const examples = {
  chromeJson: 'policies/chrome-policy.json',
  chromeReg: 'policies/chrome-policy.reg',
  firefoxJson: 'policies/firefox-policies.json',
} as const;

/** The policy in policies/chrome-policy.json (Chrome on Linux: { "3rdparty": { "extensions": { id: policy } } }). */
export function chromeJsonPolicy(): unknown {
  const file = JSON.parse(repoFile(examples.chromeJson)) as { '3rdparty': { extensions: Record<string, unknown> } };
  const ids = Object.keys(file['3rdparty'].extensions);
  if (ids.length !== 1) throw new Error(`Expected one extension ID, found ${ids.length}`);
  return file['3rdparty'].extensions[ids[0]!];
}

/** The policy in policies/firefox-policies.json ({ "policies": { "3rdparty": { "Extensions": { id: policy } } } }). */
export function firefoxPolicy(): unknown {
  const file = JSON.parse(repoFile(examples.firefoxJson)) as { policies: { '3rdparty': { Extensions: Record<string, unknown> } } };
  return file.policies['3rdparty'].Extensions[FIREFOX_ID];
}

/** The example recipient key, as policies/firefox-policies.json holds it. */
export function exampleKey(): string {
  return (firefoxPolicy() as { recipientPublicKey: string }).recipientPublicKey;
}

export type RegistryValue = string | number;

/**
 * A small reader of .reg files (regedit's "Windows Registry Editor Version 5.00" format): keys in
 * brackets, `"name"="string"` (REG_SZ, with `\\` and `\"` escapes) and `"name"=dword:xxxxxxxx`
 * (REG_DWORD), `;` comments. Anything else is an error, so that the example cannot hold what this
 * reader, and so the test, would not see.
 */
export function parseReg(text: string): Map<string, Record<string, RegistryValue>> {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[0] !== 'Windows Registry Editor Version 5.00') throw new Error('Not a version 5.00 .reg file');
  const keys = new Map<string, Record<string, RegistryValue>>();
  let current: Record<string, RegistryValue> | null = null;
  const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
  for (const [i, line] of lines.entries()) {
    if (i === 0 || line === '' || line.startsWith(';')) continue;
    const key = /^\[([^\]]+)\]$/.exec(line);
    if (key) {
      current = {};
      keys.set(key[1]!, current);
      continue;
    }
    const string = /^"((?:[^"\\]|\\.)*)"="((?:[^"\\]|\\.)*)"$/.exec(line);
    const dword = /^"((?:[^"\\]|\\.)*)"=dword:([0-9a-f]{8})$/i.exec(line);
    if (current && string) current[unescape(string[1]!)] = unescape(string[2]!);
    else if (current && dword) current[unescape(dword[1]!)] = Number.parseInt(dword[2]!, 16);
    else throw new Error(`Line ${i + 1} is not a key or a REG_SZ or REG_DWORD value: ${line.slice(0, 80)}`);
  }
  return keys;
}

/**
 * Registry values as Chrome hands them to the extension, converted by the schema's type
 * (components/policy/core/common/registry_dict.cc, ConvertRegistryValue): a DWORD or a numeric
 * string to a boolean (non-zero) or an integer; a string stays a string. A value that cannot be
 * converted is left out, as Chrome does.
 */
export function fromRegistry(values: Record<string, RegistryValue>, schema: { properties: Record<string, { type: string }> }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const type = schema.properties[name]?.type;
    if (type === undefined) out[name] = value;
    else if (type === 'boolean' && typeof value === 'number') out[name] = value !== 0;
    else if (type === 'boolean' && /^-?\d+$/.test(String(value))) out[name] = Number(value) !== 0;
    else if (type === 'integer' && typeof value === 'number') out[name] = value;
    else if (type === 'integer' && /^-?\d+$/.test(String(value))) out[name] = Number(value);
    else if (type === 'string' && typeof value === 'string') out[name] = value;
  }
  return out;
}

/** Fenced code blocks of one README section, each keyed by the `policies/…` path named just before it. */
export function readmeExamples(): Map<string, string> {
  const readme = repoFile('README.md');
  const start = readme.indexOf('\n## Managed configuration (for IT)\n');
  if (start < 0) throw new Error('README has no "Managed configuration (for IT)" section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const blocks = new Map<string, string>();
  for (const m of section.matchAll(/`(policies\/[\w.-]+)`[^\n]*\n+```[\w-]*\n([\s\S]*?)```/g)) {
    blocks.set(m[1]!, m[2]!);
  }
  return blocks;
}
