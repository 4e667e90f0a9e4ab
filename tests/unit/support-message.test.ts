import { describe, expect, test } from 'vitest';
import {
  decryptCommand,
  supportMessage,
  type SupportMessageInput,
} from '@/utils/handoff/export/support-message';

const SECRET = 'Zq8~SECRET.value_must-not-leak-42';

const input: SupportMessageInput = {
  clientId: '6f1b7c2e-1234-4abc-9def-0123456789ab',
  tenantId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  domain: 'contoso.onmicrosoft.com',
  redirectUri: 'https://auth.getdbt.com/login/callback?connection=acme-42',
  secretExpiry: '2028-02-29',
  permissions: [
    { api: 'Microsoft Graph', name: 'User.Read', type: 'Delegated' },
    { api: 'Microsoft Graph', name: 'Directory.AccessAsUser.All', type: 'Delegated' },
  ],
  fileName: 'dbt-entra-sso-handoff.asc',
  method: 'passphrase',
};

describe('supportMessage', () => {
  test('names every non-secret value, with its label', () => {
    const text = supportMessage(input);
    expect(text).toContain('Application (client) ID: 6f1b7c2e-1234-4abc-9def-0123456789ab');
    expect(text).toContain('Directory (tenant) ID: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
    expect(text).toContain('Directory domain: contoso.onmicrosoft.com');
    expect(text).toContain(
      'Redirect URI: https://auth.getdbt.com/login/callback?connection=acme-42',
    );
    expect(text).toContain('- Microsoft Graph: User.Read (Delegated)');
    expect(text).toContain('- Microsoft Graph: Directory.AccessAsUser.All (Delegated)');
    expect(text).toContain('Client secret expiry date: 2028-02-29');
  });

  test('says the secret follows in the encrypted file, and how to open it', () => {
    const text = supportMessage(input);
    expect(text).toContain(
      'The client secret Value is not in this message: it follows in the encrypted file dbt-entra-sso-handoff.asc.',
    );
    expect(text).toContain('gpg --output handoff.json --decrypt dbt-entra-sso-handoff.asc');
  });

  test.each([
    ['passphrase', undefined, /passphrase that opens it comes separately, by another channel/],
    ['public-key', undefined, /It is encrypted to your public key\./],
    [
      'public-key',
      'B5CA E74C 6AA6 4161 C210 901D 1E80 33E1 F0B8 1F6B',
      /It is encrypted to your public key B5CA E74C 6AA6 4161 C210 901D 1E80 33E1 F0B8 1F6B\./,
    ],
  ] as const)('says how a %s file is opened', (method, recipientFingerprint, expected) => {
    expect(supportMessage({ ...input, method, recipientFingerprint })).toMatch(expected);
  });

  test('leaves out values that were not recorded', () => {
    const text = supportMessage({
      ...input,
      tenantId: undefined,
      redirectUri: undefined,
      secretExpiry: undefined,
      permissions: [],
    });
    expect(text).not.toMatch(/tenant|Redirect URI|permissions|expiry/i);
    expect(text).toContain('Directory domain: contoso.onmicrosoft.com');
  });

  test('keeps each pasted value on one line', () => {
    const text = supportMessage({ ...input, domain: ' contoso.onmicrosoft.com\n\nInjected: line ' });
    expect(text).toContain('Directory domain: contoso.onmicrosoft.com Injected: line\n');
    expect(text).not.toMatch(/^Injected/m);
  });

  test.each([
    ['the values object the popup holds', { ...input, clientSecret: SECRET }],
    ['a value object per field, secret included', { ...input, clientSecret: { value: SECRET } }],
    ['the secret under any other name', { ...input, secret: SECRET, values: { clientSecret: SECRET } }],
  ])('never contains the secret, even from %s', (_name, uiObject) => {
    // The type has no secret field; this is what a careless caller could still pass at run time.
    const text = supportMessage(uiObject as unknown as SupportMessageInput);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(SECRET.slice(0, 12));
    expect(text).toContain('Application (client) ID: 6f1b7c2e-1234-4abc-9def-0123456789ab');
  });
});

describe('decryptCommand', () => {
  test.each([
    ['dbt-entra-sso-handoff.asc', 'gpg --output handoff.json --decrypt dbt-entra-sso-handoff.asc'],
    ['handoff 2026.asc', "gpg --output handoff.json --decrypt 'handoff 2026.asc'"],
    ["it's.asc", "gpg --output handoff.json --decrypt 'it'\\''s.asc'"],
    ['-x.asc', 'gpg --output handoff.json --decrypt ./-x.asc'],
  ])('%s', (fileName, expected) => {
    expect(decryptCommand(fileName)).toBe(expected);
  });
});
