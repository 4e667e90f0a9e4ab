import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import {
  ManagedPolicySchema,
  NO_PRESETS,
  parsePolicy,
  POLICY_KEYS,
  presetsOf,
  type PolicyKey,
} from '@/utils/managed/policy';

/** The example key of policies/ (a public key whose private half was thrown away). */
const EXAMPLE_KEY = (JSON.parse(readFileSync('policies/firefox-policies.json', 'utf8')) as {
  policies: { '3rdparty': { Extensions: Record<string, { recipientPublicKey: string }> } };
}).policies['3rdparty'].Extensions['sso-setup-guide-dbt-entra@extension']!.recipientPublicKey;

const GOOD: [PolicyKey, unknown][] = [
  ['profile', 'support'],
  ['profile', 'self-service'],
  ['deploymentId', 'acme-42'],
  ['deploymentId', 'A_b-9'],
  ['deploymentId', 'x'.repeat(100)],
  ['region', 'us'],
  ['region', 'emea'],
  ['region', 'au'],
  ['region', 'custom'],
  ['redirectUri', 'https://auth.emea.dbt.com/login/callback'],
  ['redirectUri', 'https://auth.getdbt.com/login/callback?connection=acme-42'],
  ['accountType', 'single'],
  ['accountType', 'multi'],
  ['accountType', 'multi-personal'],
  ['accountType', 'personal'],
  ['includeDirectoryRead', true],
  ['includeDirectoryRead', false],
  ['recipientPublicKey', EXAMPLE_KEY],
  ['recipientPublicKey', EXAMPLE_KEY.replace(/\n/g, '\\n')],
  ['clipboardClearSeconds', 10],
  ['clipboardClearSeconds', 30],
  ['clipboardClearSeconds', 600],
];

/** Each bad value, and the words the notice must hold to say why. */
const BAD: [PolicyKey, unknown, RegExp][] = [
  ['profile', 'Support', /"self-service" or "support"/],
  ['profile', 'support-assisted', /"self-service" or "support"/],
  ['profile', true, /"self-service" or "support"/],
  ['deploymentId', '<your-deployment-id>', /placeholder/],
  ['deploymentId', 'https://auth.getdbt.com/login/callback?connection=acme-42', /whole address.*acme-42/],
  ['deploymentId', 'acme 42', /spaces/],
  ['deploymentId', '', /is empty/],
  ['deploymentId', 'x'.repeat(101), /longer than 100 characters/],
  ['deploymentId', 42, /1 to 100 letters, digits/],
  ['region', 'EMEA', /"us", "emea", "au" or "custom"/],
  ['region', 'eu', /"us", "emea", "au" or "custom"/],
  ['region', null, /"us", "emea", "au" or "custom"/],
  ['redirectUri', 'http://auth.emea.dbt.com/login/callback', /starts with "http:"\. Use "https:"/],
  ['redirectUri', 'https://auth.emea.dbt.com/login/callback/', /ends with "\/"/],
  ['redirectUri', 'https://auth.getdbt.com/login/callback?connection=<your-deployment-id>', /placeholder/],
  ['redirectUri', 'https://auth.emea.dbt.com/login/callback#x', /"#"/],
  ['redirectUri', 'https://auth.emea.dbt.com/login callback', /wrong path/],
  ['redirectUri', 'https://auth.emea.dbt.com.evil.example/login/callback', /not one of dbt's hosts/],
  ['accountType', 'Single tenant', /"single", "multi", "multi-personal" or "personal"/],
  ['accountType', 1, /"single", "multi"/],
  ['redirectUri', `https://auth.emea.dbt.com/login/callback?x=${'a'.repeat(2000)}`, /at most 2000 characters/],
  ['redirectUri', ['https://auth.emea.dbt.com/login/callback'], /starting with "https:\/\/"/],
  ['includeDirectoryRead', 'true', /true or false/],
  ['includeDirectoryRead', 1, /true or false.*DWORD/],
  ['recipientPublicKey', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI', /armored OpenPGP public key/],
  ['recipientPublicKey', '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nxcLYBGd0', /private key/],
  ['recipientPublicKey', `${EXAMPLE_KEY}\n-----BEGIN PGP PRIVATE KEY BLOCK-----`, /private key/],
  ['recipientPublicKey', `${EXAMPLE_KEY}${'A'.repeat(200_000)}`, /armored OpenPGP public key/],
  ['clipboardClearSeconds', 5, /from 10 to 600/],
  ['clipboardClearSeconds', 601, /from 10 to 600/],
  ['clipboardClearSeconds', 30.5, /whole number/],
  ['clipboardClearSeconds', '30', /whole number/],
];

describe('policy: each key on its own', () => {
  test('every key is covered by a good and a bad case', () => {
    expect(new Set(GOOD.map(([k]) => k))).toEqual(new Set(POLICY_KEYS));
    expect(new Set(BAD.map(([k]) => k))).toEqual(new Set(POLICY_KEYS));
  });

  test.each(GOOD)('%s = %j applies, with no notice', (key, value) => {
    const { policy, notices } = parsePolicy({ [key]: value });
    expect(notices).toEqual([]);
    expect(policy).toEqual({ [key]: value });
  });

  test.each(BAD)('%s = %j is ignored, with a notice naming the key and why', (key, value, why) => {
    const { policy, notices } = parsePolicy({ [key]: value });
    expect(policy).toEqual({});
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`"${key}"`);
    expect(notices[0]).toMatch(/ignored/);
    expect(notices[0]).toMatch(why);
  });

  test.each(BAD)('%s = %j, bad, leaves the other keys applied', (key, value) => {
    const others = { profile: 'support', deploymentId: 'acme-42', clipboardClearSeconds: 120, includeDirectoryRead: true };
    const { policy, notices } = parsePolicy({ ...others, [key]: value });
    expect(notices).toHaveLength(1);
    const rest: Record<string, unknown> = { ...others };
    delete rest[key];
    expect(policy).toEqual(rest);
  });

  test('a notice never repeats the value (a private key pasted by mistake stays out of the page)', () => {
    const { notices } = parsePolicy({ recipientPublicKey: `${EXAMPLE_KEY}\n-----BEGIN PGP PRIVATE KEY BLOCK-----\nSECRETSTUFF` });
    expect(notices.join(' ')).not.toContain('SECRETSTUFF');
  });
});

describe('policy: the whole', () => {
  test.each([[undefined], [null], [{}]])('%j is no policy, and no notice', (raw) => {
    expect(parsePolicy(raw)).toEqual({ policy: {}, notices: [] });
  });

  test.each([['a string'], [42], [true], [['profile', 'support']]])('%j is not a policy: nothing applies, one notice', (raw) => {
    const { policy, notices } = parsePolicy(raw);
    expect(policy).toEqual({});
    expect(notices).toEqual([expect.stringMatching(/not a set of named settings/)]);
  });

  test('unknown keys are named in one notice and ignored; the known ones apply', () => {
    const { policy, notices } = parsePolicy({ profile: 'support', Profile: 'x', clipboardSeconds: 30 });
    expect(policy).toEqual({ profile: 'support' });
    expect(notices).toEqual([expect.stringMatching(/does not know, ignored: "Profile", "clipboardSeconds"\./)]);
  });

  test('an unknown key is shown short and printable', () => {
    const { notices } = parsePolicy({ [`a\u0000b${'c'.repeat(100)}`]: 1 });
    expect(notices[0]).toContain('"a?bccc');
    expect(notices[0]).toContain('…"');
    expect(notices[0]!.length).toBeLessThan(200);
  });

  test('a redirect URI with a region other than "custom" is ignored, with a notice; the region applies', () => {
    const { policy, notices } = parsePolicy({ region: 'emea', redirectUri: 'https://auth.emea.dbt.com/login/callback' });
    expect(policy).toEqual({ region: 'emea' });
    expect(notices).toEqual([expect.stringMatching(/"redirectUri" was ignored: it applies only when "region" is "custom", and "region" is "emea"/)]);
    expect(parsePolicy({ region: 'custom', redirectUri: 'https://acme.us1.dbt.com/login/callback' }).notices).toEqual([]);
  });

  test('the key of version 1 (Directory.AccessAsUser.All) is ignored with a notice naming its successor', () => {
    const { policy, notices } = parsePolicy({ includeDirectoryAccess: true, region: 'au' });
    expect(policy).toEqual({ region: 'au' });
    expect(notices).toEqual([expect.stringMatching(/"includeDirectoryAccess" was ignored.*December 2025.*"includeDirectoryRead"/)]);
  });

  test('whatever JSON comes, it never throws, and what applies is a valid policy', () => {
    const anyKey = fc.oneof(fc.constantFrom(...POLICY_KEYS), fc.string({ maxLength: 30 }));
    const value = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom<unknown>('support', 'self-service', 'emea', 'custom', 'https://auth.emea.dbt.com/login/callback', EXAMPLE_KEY, 10, 600),
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(anyKey, value, { maxKeys: 10 })), (raw) => {
        const reading = parsePolicy(raw);
        expect(ManagedPolicySchema.safeParse(reading.policy).success).toBe(true);
        for (const key of Object.keys(reading.policy)) expect(POLICY_KEYS).toContain(key);
        // A key present in the input and absent from the result is always named in a notice.
        if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
          for (const key of Object.keys(raw)) {
            if (!(key in reading.policy)) expect(reading.notices.join('\n')).toContain(`"${key.slice(0, 20).replace(/[^\x20-\x7e]/g, '?')}`);
          }
        }
        // And the presets drawn from it are always well-formed.
        const presets = presetsOf(reading.policy);
        expect(Object.keys(presets).sort()).toEqual(Object.keys(NO_PRESETS).sort());
      }),
      { numRuns: 500 },
    );
  });
});

describe('presets drawn from a policy', () => {
  test('no policy presets nothing', () => {
    expect(presetsOf({})).toEqual(NO_PRESETS);
  });

  test('setup, settings and recipient key, in the store\'s terms', () => {
    expect(
      presetsOf({
        profile: 'support',
        deploymentId: 'acme-42',
        region: 'au',
        includeDirectoryRead: true,
        clipboardClearSeconds: 20,
        recipientPublicKey: EXAMPLE_KEY,
      }),
    ).toEqual({
      setup: { profile: 'support', deploymentId: 'acme-42', region: 'au', includeDirectoryRead: true },
      settings: { clipboardClearSeconds: 20 },
      recipientPublicKey: EXAMPLE_KEY,
    });
  });

  test('a redirect URI sets the region to "custom"', () => {
    expect(presetsOf({ redirectUri: 'https://x.example/login/callback' }).setup).toEqual({
      region: 'custom',
      customRedirectUri: 'https://x.example/login/callback',
    });
  });

  test('line breaks written as "\\n" (a registry string) are restored in the key', () => {
    expect(presetsOf({ recipientPublicKey: EXAMPLE_KEY.replace(/\n/g, '\\n') }).recipientPublicKey).toBe(EXAMPLE_KEY);
    expect(presetsOf({ recipientPublicKey: EXAMPLE_KEY.replace(/\n/g, '\\r\\n') }).recipientPublicKey).toBe(EXAMPLE_KEY);
  });
});
