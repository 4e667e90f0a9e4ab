// @vitest-environment node
import { beforeAll, describe, expect, test } from 'vitest';
import * as openpgp from 'openpgp';
import {
  encryptHandoff,
  formatFingerprint,
  readRecipientKey,
  RecipientKeyError,
  RecipientSchema,
} from '@/utils/handoff/export/encrypt';
import { buildHandoffDocument } from '@/utils/handoff/export/document';

const userIDs = [{ name: 'dbt Support', email: 'sso@example.com' }];
const DAY = 24 * 60 * 60;
const longAgo = new Date(Date.now() - 30 * DAY * 1000);

/** Keys of every kind the admin might paste, made with openpgp so that this file needs no gpg. */
const keys = {
  publicKey: '',
  privateKey: '',
  twoKeys: '',
  expired: '',
  revoked: '',
  signOnly: '',
  expiredSubkey: '',
  v6: '',
  x25519: '',
};

beforeAll(async () => {
  const main = await openpgp.generateKey({ userIDs, type: 'ecc' });
  const other = await openpgp.generateKey({ userIDs: [{ email: 'other@example.com' }] });
  const expired = await openpgp.generateKey({ userIDs, date: longAgo, keyExpirationTime: DAY });
  const revoked = await openpgp.revokeKey({
    key: await openpgp.readPrivateKey({ armoredKey: other.privateKey }),
  });
  const signOnly = await openpgp.generateKey({ userIDs, subkeys: [] });
  const expiredSubkey = await openpgp.generateKey({
    userIDs,
    date: longAgo,
    subkeys: [{ keyExpirationTime: DAY }],
  });
  const v6 = await openpgp.generateKey({ userIDs, type: 'curve25519', config: { v6Keys: true } });
  const x25519 = await openpgp.generateKey({ userIDs, type: 'curve25519' });

  const otherPublic = await openpgp.readKey({ armoredKey: other.publicKey });
  const mainPublic = await openpgp.readKey({ armoredKey: main.publicKey });
  keys.publicKey = main.publicKey;
  keys.privateKey = main.privateKey;
  keys.twoKeys = openpgp.armor(
    openpgp.enums.armor.publicKey,
    new Uint8Array([...mainPublic.write(), ...otherPublic.write()]),
  );
  keys.expired = expired.publicKey;
  keys.revoked = revoked.publicKey;
  keys.signOnly = signOnly.publicKey;
  keys.expiredSubkey = expiredSubkey.publicKey;
  keys.v6 = v6.publicKey;
  keys.x25519 = x25519.publicKey;
});

describe('readRecipientKey', () => {
  test('accepts a public key and says whose it is', async () => {
    const info = await readRecipientKey(keys.publicKey);
    const key = await openpgp.readKey({ armoredKey: keys.publicKey });
    expect(info.fingerprint).toBe(formatFingerprint(key.getFingerprint()));
    expect(info.fingerprint).toMatch(/^([0-9A-F]{4} ){9}[0-9A-F]{4}$/);
    expect(info.userIds).toEqual(['dbt Support <sso@example.com>']);
    expect(info.algorithm).toBe('ed25519');
    expect(info.created).toBe(key.getCreationTime().toISOString());
    expect(info.expires).toBeNull();
  });

  test('accepts a key pasted with blank lines around it', async () => {
    await expect(readRecipientKey(`\n\n${keys.publicKey}\n\n`)).resolves.toMatchObject({
      userIds: ['dbt Support <sso@example.com>'],
    });
  });

  test.each([
    ['an empty string', () => '', /No key given/],
    ['only whitespace', () => '  \n\t ', /No key given/],
    ['a private key', () => keys.privateKey, /private key/],
    ['garbage', () => 'not a key at all', /not an OpenPGP public key/],
    [
      'a broken armored block',
      () => '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----\n',
      /not an OpenPGP public key/,
    ],
    ['two keys in one block', () => keys.twoKeys, /exactly one public key, found 2/],
    ['an expired key', () => keys.expired, /This key has expired/],
    ['a revoked key', () => keys.revoked, /This key has been revoked/],
    ['a signing-only key', () => keys.signOnly, /This key cannot encrypt/],
    ['a key whose encryption subkey expired', () => keys.expiredSubkey, /This key cannot encrypt/],
    ['a version 6 key', () => keys.v6, /version 6 key, which GnuPG 2\.2 cannot use/],
    ['a v4 key with an X25519 subkey (RFC 9580)', () => keys.x25519, /x25519, which GnuPG 2\.2 cannot/],
  ])('rejects %s with a clear error', async (_name, armored, message) => {
    const attempt = readRecipientKey(armored());
    await expect(attempt).rejects.toThrow(RecipientKeyError);
    await expect(attempt).rejects.toThrow(message);
  });

  test('encryptHandoff refuses the same keys', async () => {
    const doc = buildHandoffDocument({
      profile: 'support',
      destination: 'dbt support',
      values: {
        clientId: '6f1b7c2e-1234-4abc-9def-0123456789ab',
        clientSecret: 'secret-value',
        domain: 'contoso.onmicrosoft.com',
        permissions: [],
      },
    });
    await expect(encryptHandoff(doc, { publicKeyArmored: keys.privateKey })).rejects.toThrow(
      /private key/,
    );
    await expect(encryptHandoff(doc, { publicKeyArmored: keys.expired })).rejects.toThrow(/expired/);
  });
});

describe('RecipientSchema', () => {
  test('accepts what readRecipientKey returns, with the armored key', async () => {
    const { fingerprint, userIds } = await readRecipientKey(keys.publicKey);
    expect(RecipientSchema.safeParse({ armored: keys.publicKey, fingerprint, userIds }).success).toBe(
      true,
    );
  });

  test.each([
    ['a private key', () => ({ armored: keys.privateKey, fingerprint: 'ABCD '.repeat(9) + 'ABCD', userIds: [] })],
    ['a public key with a private key after it', () => ({ armored: `${keys.publicKey}\n${keys.privateKey}`, fingerprint: 'ABCD '.repeat(9) + 'ABCD', userIds: [] })],
    ['a fingerprint not grouped', () => ({ armored: keys.publicKey, fingerprint: 'ABCD'.repeat(10), userIds: [] })],
    ['a lowercase fingerprint', () => ({ armored: keys.publicKey, fingerprint: 'abcd '.repeat(9) + 'abcd', userIds: [] })],
    ['missing user IDs', () => ({ armored: keys.publicKey, fingerprint: 'ABCD '.repeat(9) + 'ABCD' })],
  ])('rejects %s', (_name, value) => {
    expect(RecipientSchema.safeParse(value()).success).toBe(false);
  });
});

test('formatFingerprint groups uppercase hex in fours', () => {
  expect(formatFingerprint('b5cae74c6aa64161c210901d1e8033e1f0b81f6b')).toBe(
    'B5CA E74C 6AA6 4161 C210 901D 1E80 33E1 F0B8 1F6B',
  );
});
