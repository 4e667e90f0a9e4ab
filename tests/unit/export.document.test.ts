import { describe, expect, test } from 'vitest';
import {
  buildHandoffDocument,
  HandoffDocumentError,
  HandoffDocumentSchema,
  parseHandoffDocument,
  type HandoffDocumentInput,
  type HandoffValues,
} from '@/utils/handoff/export/document';

const SECRET = 'Zq8~SECRET.value_must-not-leak-42';

const values: HandoffValues = {
  clientId: '6f1b7c2e-1234-4abc-9def-0123456789ab',
  clientSecret: SECRET,
  tenantId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  domain: 'contoso.onmicrosoft.com',
  secretExpiry: '2028-02-29',
  redirectUri: 'https://auth.cloud.getdbt.com/login/callback',
  permissions: [
    { api: 'Microsoft Graph', name: 'User.Read', type: 'Delegated' },
    { api: 'Microsoft Graph', name: 'GroupMember.Read.All', type: 'Delegated' },
  ],
};

const input: HandoffDocumentInput = {
  profile: 'self-service',
  destination: 'dbt Account settings > SSO & SCIM',
  values,
  now: new Date('2026-03-01T10:20:30.000Z'),
};

describe('buildHandoffDocument', () => {
  test('wraps the values in the versioned format', () => {
    expect(buildHandoffDocument(input)).toEqual({
      format: 'dbt-entra-sso-handoff',
      version: 1,
      createdAt: '2026-03-01T10:20:30.000Z',
      profile: 'self-service',
      destination: 'dbt Account settings > SSO & SCIM',
      values,
    });
  });

  test('the document survives JSON and parses with the schema', () => {
    const doc = buildHandoffDocument(input);
    expect(HandoffDocumentSchema.parse(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
  });

  test.each([
    ['only the required values (support)', { profile: 'support' as const, values: { clientId: values.clientId, clientSecret: SECRET, domain: values.domain, permissions: [] } }],
    ['a custom domain', { values: { ...values, domain: 'sso.example.co.uk' } }],
    ['an uppercase GUID', { values: { ...values, clientId: values.clientId.toUpperCase() } }],
    ['the support redirect URI', { values: { ...values, redirectUri: 'https://auth.getdbt.com/login/callback?connection=acme-42' } }],
  ])('accepts %s', (_name, change) => {
    expect(() => buildHandoffDocument({ ...input, ...change })).not.toThrow();
  });

  test.each([
    ['a client ID that is not a GUID', { clientId: 'dbt Cloud' }, /values\.clientId: Application \(client\) ID must be a GUID/],
    ['an empty secret', { clientSecret: '' }, /values\.clientSecret: Client secret Value is missing/],
    ['a secret with a line break', { clientSecret: `${SECRET}\n` }, /values\.clientSecret: .*spaces or line breaks/],
    ['a secret with a space', { clientSecret: `Value ${SECRET}` }, /values\.clientSecret: .*spaces or line breaks/],
    ['a tenant ID that is not a GUID', { tenantId: 'contoso' }, /values\.tenantId: Directory \(tenant\) ID must be a GUID/],
    ['a domain with a path', { domain: 'contoso.onmicrosoft.com/x' }, /values\.domain: Directory domain must be a domain name/],
    ['a domain without a dot', { domain: 'contoso' }, /values\.domain/],
    ['an expiry that is not a date', { secretExpiry: '29/02/2028' }, /values\.secretExpiry: Client secret expiry must be a date/],
    ['an impossible expiry', { secretExpiry: '2027-02-29' }, /values\.secretExpiry/],
    ['an http redirect URI', { redirectUri: 'http://auth.getdbt.com/login/callback' }, /values\.redirectUri: Redirect URI must be an https/],
    ['a permission of an unknown type', { permissions: [{ api: 'Microsoft Graph', name: 'User.Read', type: 'Both' }] }, /values\.permissions\.0\.type/],
    ['an extra field', { objectId: 'x' }, /values: Unrecognized key/],
  ])('refuses %s, naming the field', (_name, change, message) => {
    const bad = { ...input, values: { ...values, ...change } as unknown as HandoffValues };
    expect(() => buildHandoffDocument(bad)).toThrow(HandoffDocumentError);
    expect(() => buildHandoffDocument(bad)).toThrow(message);
  });

  test('self-service needs the tenant ID; support does not', () => {
    const withoutTenant: HandoffValues = { ...values, tenantId: undefined };
    expect(() => buildHandoffDocument({ ...input, values: withoutTenant })).toThrow(
      /values\.tenantId: Directory \(tenant\) ID is required/,
    );
    expect(() =>
      buildHandoffDocument({ ...input, profile: 'support', destination: 'dbt support', values: withoutTenant }),
    ).not.toThrow();
  });

  test('an error never repeats the secret', () => {
    const bad = { ...input, values: { ...values, clientSecret: `${SECRET} ${SECRET}`, clientId: SECRET } };
    let message = '';
    try {
      buildHandoffDocument(bad);
    } catch (error) {
      message = String(error) + JSON.stringify((error as HandoffDocumentError).issues);
    }
    expect(message).toMatch(/clientSecret/);
    expect(message).not.toContain(SECRET);
  });
});

describe('parseHandoffDocument', () => {
  test.each([
    ['another format', { format: 'something-else' }],
    ['another version', { version: 2 }],
    ['a local time', { createdAt: '2026-03-01T10:20:30' }],
    ['an unknown profile', { profile: 'other' }],
  ])('refuses %s', (_name, change) => {
    const doc = { ...buildHandoffDocument(input), ...change };
    expect(() => parseHandoffDocument(doc)).toThrow(HandoffDocumentError);
  });
});
