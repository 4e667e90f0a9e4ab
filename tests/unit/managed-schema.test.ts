import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { ManagedPolicySchema, POLICY_KEYS } from '@/utils/managed/policy';
import config from '../../wxt.config';

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  [attribute: string]: unknown;
}

/** What Chrome and Edge are given (storage.managed_schema in wxt.config.ts). */
const chrome = JSON.parse(readFileSync('public/managed_schema.json', 'utf8')) as JsonSchema;
/** What the extension checks, as JSON Schema. */
const zod = z.toJSONSchema(ManagedPolicySchema) as JsonSchema;

/**
 * The attributes Chrome's policy schema parser knows for each type
 * (components/policy/core/common/schema.cc, kAttributesAndTypesFor*). Unknown ones are ignored
 * in a managed_schema, so a limit written with one would silently not apply.
 */
const CHROME_ATTRIBUTES: Record<string, string[]> = {
  object: ['type', 'title', 'description', 'id', 'properties', 'patternProperties', 'additionalProperties', 'required', 'sensitiveValue'],
  string: ['type', 'title', 'description', 'id', 'enum', 'pattern', 'sensitiveValue'],
  integer: ['type', 'title', 'description', 'id', 'enum', 'minimum', 'maximum', 'sensitiveValue'],
  boolean: ['type', 'title', 'description', 'id', 'sensitiveValue'],
};

/** A pattern as JavaScript reads it: `^https://` and `^https:\/\/` are the same. */
const pattern = (p: string | undefined) => (p === undefined ? undefined : new RegExp(p).source);

describe('managed_schema.json (Chrome, Edge) and the zod policy schema', () => {
  test('declare the same keys', () => {
    expect(Object.keys(chrome.properties ?? {}).sort()).toEqual([...POLICY_KEYS].sort());
    expect(Object.keys(zod.properties ?? {}).sort()).toEqual([...POLICY_KEYS].sort());
  });

  test.each(POLICY_KEYS)('%s: same type, enum, limits and pattern', (key) => {
    const c = chrome.properties?.[key];
    const s = zod.properties?.[key];
    expect(c).toBeDefined();
    expect(s).toBeDefined();
    expect(c?.type).toBe(s?.type);
    expect(c?.enum).toEqual(s?.enum);
    expect(c?.minimum).toBe(s?.minimum);
    expect(c?.maximum).toBe(s?.maximum);
    expect(pattern(c?.pattern)).toBe(pattern(s?.pattern));
    // A title and a description for chrome://policy and the Admin console.
    expect(c?.title).toEqual(expect.any(String));
    expect(c?.description).toEqual(expect.any(String));
  });

  test('is a schema Chrome accepts: an object at the top, without additionalProperties, with known attributes only', () => {
    expect(chrome.type).toBe('object');
    expect(chrome).not.toHaveProperty('additionalProperties');
    expect(chrome).not.toHaveProperty('patternProperties');
    for (const attribute of Object.keys(chrome)) expect(CHROME_ATTRIBUTES.object).toContain(attribute);
    for (const [key, property] of Object.entries(chrome.properties ?? {})) {
      const allowed = CHROME_ATTRIBUTES[property.type ?? ''];
      expect(allowed, `${key}: type ${property.type}`).toBeDefined();
      for (const attribute of Object.keys(property)) expect(allowed, `${key}.${attribute}`).toContain(attribute);
    }
  });

  test('its patterns read the same in RE2 (Chrome) as in JavaScript: no \\s, \\d, \\w classes, no lookaround, repeats within 1000', () => {
    for (const property of Object.values(chrome.properties ?? {})) {
      if (property.pattern === undefined) continue;
      expect(property.pattern).not.toMatch(/\\[sSdDwWbB]|\(\?[=!<]/);
      for (const [, n] of property.pattern.matchAll(/\{\d+,(\d+)\}/g)) expect(Number(n)).toBeLessThanOrEqual(1000);
    }
  });
});

describe('the manifest', () => {
  type ManifestFn = (env: { browser: string; manifestVersion: number; mode: string; command: string }) => Record<string, unknown>;
  const manifest = (browser: string) =>
    (config.manifest as ManifestFn)({ browser, manifestVersion: 3, mode: 'production', command: 'build' });
  type PublicAssetsHook = (wxt: { config: { browser: string } }, files: { relativeDest: string }[]) => void;
  const publicAssets = (browser: string) => {
    const files = [{ relativeDest: 'managed_schema.json' }, { relativeDest: 'icon.png' }];
    ((config.hooks as Record<string, unknown> | undefined)?.['build:publicAssets'] as PublicAssetsHook)({ config: { browser } }, files);
    return files.map((f) => f.relativeDest);
  };

  test.each(['chrome', 'edge'])('%s: declares managed_schema.json, which the build ships', (browser) => {
    expect(manifest(browser).storage).toEqual({ managed_schema: 'managed_schema.json' });
    expect(publicAssets(browser)).toContain('managed_schema.json');
  });

  test('firefox: no storage key (Firefox has no managed schema, MDN) and no schema file', () => {
    expect(manifest('firefox')).not.toHaveProperty('storage');
    expect(publicAssets('firefox')).toEqual(['icon.png']);
  });
});
