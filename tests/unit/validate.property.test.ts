import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  CLIENT_SECRET_MESSAGES,
  FieldNameSchema,
  validateClientSecret,
  validateField,
  type Finding,
  type ValidationContext,
} from '@/utils/domain/validate';

const RUNS = { numRuns: 1000 };
const FIELDS = FieldNameSchema.options;

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom('<', '>', '%', '/', ':', '@', '.', '-', '*', '•', '…', ' ', '\n', '#', '?', '=', '~', 'Q', '1', 'a') }),
);

const portalLike = fc.oneof(
  fc.uuid(),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.domain(),
  fc.emailAddress(),
  fc.constantFrom('Never', '11/26/2028', '2028-11-26T00:00:00Z', '<your-deployment-id>', 'Web', 'Granted for Contoso'),
);

const permissionRow = fc.record({
  api: fc.oneof(fc.constantFrom('Microsoft Graph', 'Microsoft Graph (2)', 'Azure Active Directory Graph'), fc.string()),
  name: fc.oneof(fc.constantFrom('User.Read', 'GroupMember.Read.All', 'Directory.AccessAsUser.All'), fc.string()),
  type: fc.oneof(fc.constantFrom('Delegated', 'Application'), fc.string()),
  status: fc.oneof(fc.constantFrom('Granted for Contoso', 'Not granted for Contoso', ''), fc.string()),
});

const anyValue = fc.oneof(fc.anything(), text, portalLike, fc.array(permissionRow), fc.array(fc.anything()));

const setup = fc.record({
  profile: fc.constantFrom('support', 'self-service'),
  deploymentId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), fc.string()),
  region: fc.constantFrom('us', 'emea', 'au', 'custom'),
  customRedirectUri: fc.oneof(fc.webUrl(), fc.string()),
  includeDirectoryRead: fc.boolean(),
});

const maybe = <T,>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> => fc.oneof(arb, fc.anything());

const context: fc.Arbitrary<unknown> = fc.oneof(
  fc.record(
    {
      setup: maybe(setup),
      routeAppId: maybe(fc.uuid()),
      objectId: maybe(fc.uuid()),
      clientId: maybe(fc.uuid()),
      tenantId: maybe(fc.uuid()),
      secretHint: maybe(fc.string({ maxLength: 5 })),
      secretId: maybe(fc.uuid()),
      primaryDomain: maybe(fc.domain()),
      now: maybe(fc.date()),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
  fc.constant(undefined),
);

function wellFormed(findings: unknown, field: string): void {
  expect(Array.isArray(findings)).toBe(true);
  for (const f of findings as Finding[]) {
    expect(f.field).toBe(field);
    expect(['error', 'warning']).toContain(f.severity);
    expect(typeof f.code).toBe('string');
    expect(f.message.length).toBeGreaterThan(0);
    // "check-failed" is the last-resort guard: reaching it means a validator threw.
    expect(f.code).not.toBe('check-failed');
  }
}

describe('validateField never throws', () => {
  test.each(FIELDS)('%s, any value and any context', (field) => {
    fc.assert(
      fc.property(anyValue, context, (value, ctx) => {
        wellFormed(validateField(field, value, ctx as ValidationContext), field);
      }),
      RUNS,
    );
  });

  test('any field, any value, any context', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), anyValue, context, (field, value, ctx) => {
        wellFormed(validateField(field, value, ctx as ValidationContext), field);
      }),
      RUNS,
    );
  });

  test('an unknown field name gives no findings', () => {
    fc.assert(
      fc.property(fc.string(), anyValue, (field, value) => {
        fc.pre(!(FIELDS as readonly string[]).includes(field));
        expect(validateField(field as never, value)).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe('no message contains the client secret', () => {
  const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~-'.split('');
  const secretChar = fc.constantFrom(...SECRET_CHARS);
  const current = fc
    .tuple(
      fc.string({ unit: secretChar, minLength: 3, maxLength: 3 }),
      fc.integer({ min: 0, max: 9 }),
      fc.string({ unit: secretChar, minLength: 31, maxLength: 34 }),
    )
    .map(([head, digit, tail]) => `${head}${digit}Q~${tail}`);
  const base = fc.oneof(
    current,
    fc.string({ unit: secretChar, minLength: 4, maxLength: 48 }),
    fc.string({ minLength: 4 }),
    fc.string({ unit: 'binary', minLength: 4 }),
  );
  // The mistakes admins make with a secret: padded, broken over lines, masked, cut short.
  const secret = fc.oneof(
    base,
    fc.tuple(base, fc.constantFrom(' ', '\n', '\t', '\r\n')).map(([s, pad]) => `${pad}${s}${pad}`),
    base.map((s) => `${s.slice(0, 2)}\n${s.slice(2)}`),
    base.map((s) => `${s.slice(0, 3)}${'*'.repeat(12)}`),
    base.map((s) => `${s.slice(0, 6)}…`),
  );
  const withContext = secret.chain((s) =>
    fc.tuple(
      fc.constant(s),
      fc.record(
        {
          secretHint: fc.oneof(fc.constant(s.trim().slice(0, 3)), fc.string({ unit: secretChar, maxLength: 3 })),
          secretId: fc.oneof(fc.uuid(), fc.constant(s)),
          clientId: fc.uuid(),
          tenantId: fc.uuid(),
          objectId: fc.uuid(),
        },
        { requiredKeys: [] },
      ),
    ),
  );

  const messages: readonly string[] = Object.values(CLIENT_SECRET_MESSAGES);
  const catalogue = messages.join('\n');

  test.each([
    ['validateField', (s: string, ctx: ValidationContext) => validateField('clientSecret', s, ctx)],
    ['validateClientSecret', validateClientSecret],
  ] as const)('%s', (_name, validate) => {
    fc.assert(
      fc.property(withContext, ([s, ctx]) => {
        const trimmed = s.trim();
        // A secret that happens to be a word of the fixed texts cannot be told from a leak.
        fc.pre(trimmed.length >= 4 && !catalogue.includes(trimmed));
        for (const f of validate(s, ctx)) {
          expect(messages).toContain(f.message);
          expect(f.message).not.toContain(s);
          expect(f.message).not.toContain(trimmed);
        }
      }),
      RUNS,
    );
  });
});
