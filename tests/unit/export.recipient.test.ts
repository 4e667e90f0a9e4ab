import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as openpgp from 'openpgp';
import {
  daysUntilExpiry,
  encryptHandoff,
  expiryWarning,
  formatFingerprint,
  readRecipientKey,
  RecipientKeyError,
  RecipientSchema,
} from '@/utils/handoff/export/encrypt';
import { buildHandoffDocument } from '@/utils/handoff/export/document';
import { GuideStoreProvider } from '@/components/store-context';
import { PopupApp } from '@/components/PopupApp';
import { RecipientKey } from '@/components/handoff/RecipientKey';
import { useRecipient } from '@/components/handoff/use-recipient';
import { createGuideStore } from '@/utils/guide/store';
import { persistGuideStore } from '@/utils/guide/persist';
import { recipientItem } from '@/utils/guide/items';
import { createGpgHome, listPackets, pkeskPackets, type GpgHome } from '../gpg';

/*
 * The recipient key: only its armored text counts. Everything shown of it, and the key the file
 * is encrypted to, is computed from that text by openpgp, never taken from what is stored beside
 * it (storage.local is writable by content scripts). Keys are made here with openpgp; the few
 * openpgp cannot make (DSA/ElGamal, RSA 1024, secp256k1) were made by gpg once and kept in
 * tests/fixtures/keys/ (see its README).
 */

const userIDs = [{ name: 'dbt Support', email: 'sso@example.com' }];
const DAY = 24 * 60 * 60;
const longAgo = new Date(Date.now() - 30 * DAY * 1000);
const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/keys', name), 'utf8');

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

/** Keys of every kind the admin might paste. */
const keys = {
  publicKey: '',
  privateKey: '',
  twoKeys: '',
  twoBlocks: '',
  message: '',
  expired: '',
  revoked: '',
  signOnly: '',
  expiredSubkey: '',
  revokedSubkey: '',
  v6: '',
  v5: '',
  x25519: '',
  rsaWeakSubkey: '',
  expiresSoon: '',
  expiresLater: '',
  subkeyExpiresSoon: '',
  unsignedUserId: '',
  /** A key pair's public key, not dbt's: what a content script could store under dbt's fingerprint. */
  attacker: '',
  attackerPrivate: '',
};

/** A v6 key with its key packet's version byte made 5: openpgp reads it as a v5 key (GnuPG 2.2 cannot). */
function asVersion5(v6: openpgp.PublicKey): string {
  const bytes = v6.write().slice();
  // A new-format packet header: tag byte, then a one-, two- or five-octet length.
  const first = bytes[1] ?? 0;
  const offset = first < 192 ? 2 : first < 224 ? 3 : 6;
  expect(bytes[offset]).toBe(6);
  bytes[offset] = 5;
  return openpgp.armor(openpgp.enums.armor.publicKey, bytes);
}

/** The key with one more user ID, not certified by the key: anyone can add one. */
async function withUnsignedUserId(armored: string, userID: string): Promise<string> {
  const key = await openpgp.readKey({ armoredKey: armored });
  const packets = key.toPacketList();
  const position = packets.findIndex((p) => p instanceof openpgp.SignaturePacket) + 1;
  packets.splice(position, 0, openpgp.UserIDPacket.fromObject({ name: userID.split(' <')[0], email: 'security@getdbt.com' }));
  return new openpgp.PublicKey(packets).armor();
}

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
  const withSubkey = await openpgp.generateKey({ userIDs, format: 'object' });
  const [subkey] = withSubkey.privateKey.subkeys;
  withSubkey.privateKey.subkeys[0] = await subkey!.revoke(withSubkey.privateKey.keyPacket as openpgp.SecretKeyPacket);
  const v6 = await openpgp.generateKey({ userIDs, type: 'curve25519', config: { v6Keys: true }, format: 'object' });
  const x25519 = await openpgp.generateKey({ userIDs, type: 'curve25519' });
  const rsaWeakSubkey = await openpgp.generateKey({
    userIDs,
    type: 'rsa',
    rsaBits: 2048,
    subkeys: [{ type: 'rsa', rsaBits: 1024 }],
    config: { minRSABits: 1024 },
  });
  const expiresSoon = await openpgp.generateKey({ userIDs, keyExpirationTime: 2 * DAY });
  const expiresLater = await openpgp.generateKey({ userIDs, keyExpirationTime: 60 * DAY });
  const subkeyExpiresSoon = await openpgp.generateKey({ userIDs, subkeys: [{ keyExpirationTime: 10 * DAY }] });
  const attacker = await openpgp.generateKey({ userIDs: [{ name: 'Mallory', email: 'mallory@example.com' }], type: 'ecc' });

  const otherPublic = await openpgp.readKey({ armoredKey: other.publicKey });
  const mainPublic = await openpgp.readKey({ armoredKey: main.publicKey });
  keys.publicKey = main.publicKey;
  keys.privateKey = main.privateKey;
  keys.twoKeys = openpgp.armor(
    openpgp.enums.armor.publicKey,
    new Uint8Array([...mainPublic.write(), ...otherPublic.write()]),
  );
  keys.twoBlocks = `${main.publicKey}\n${other.publicKey}`;
  keys.message = await openpgp.encrypt({
    message: await openpgp.createMessage({ text: 'hello' }),
    encryptionKeys: mainPublic,
  });
  keys.expired = expired.publicKey;
  keys.revoked = revoked.publicKey;
  keys.signOnly = signOnly.publicKey;
  keys.expiredSubkey = expiredSubkey.publicKey;
  keys.revokedSubkey = withSubkey.privateKey.toPublic().armor();
  keys.v6 = v6.publicKey.armor();
  keys.v5 = asVersion5(v6.publicKey);
  keys.x25519 = x25519.publicKey;
  keys.rsaWeakSubkey = rsaWeakSubkey.publicKey;
  keys.expiresSoon = expiresSoon.publicKey;
  keys.expiresLater = expiresLater.publicKey;
  keys.subkeyExpiresSoon = subkeyExpiresSoon.publicKey;
  keys.unsignedUserId = await withUnsignedUserId(main.publicKey, 'dbt Labs <security@getdbt.com>');
  keys.attacker = attacker.publicKey;
  keys.attackerPrivate = attacker.privateKey;
}, 60_000);

/** openpgp's own reading of an armored key: its fingerprint, as shown, and the key ID it encrypts to. */
async function computed(armored: string): Promise<{ fingerprint: string; encryptionKeyId: string; userIds: string[] }> {
  const key = await openpgp.readKey({ armoredKey: armored });
  return {
    fingerprint: formatFingerprint(key.getFingerprint()),
    encryptionKeyId: (await key.getEncryptionKey()).getKeyID().toHex().toUpperCase(),
    userIds: key.getUserIDs(),
  };
}

describe('readRecipientKey', () => {
  test('accepts a public key and says whose it is, all computed from the armored key', async () => {
    const info = await readRecipientKey(keys.publicKey);
    const key = await openpgp.readKey({ armoredKey: keys.publicKey });
    expect(info.fingerprint).toBe(formatFingerprint(key.getFingerprint()));
    expect(info.fingerprint).toMatch(/^([0-9A-F]{4} ){9}[0-9A-F]{4}$/);
    expect(info.userIds).toEqual(['dbt Support <sso@example.com>']);
    expect(info.algorithm).toBe('ed25519');
    expect(info.encryptionAlgorithm).toBe('cv25519');
    expect(info.encryptionKeyId).toBe((await computed(keys.publicKey)).encryptionKeyId);
    expect(info.encryptionKeyId).toBe(key.subkeys[0]!.getKeyID().toHex().toUpperCase());
    expect(info.created).toBe(key.getCreationTime().toISOString());
    expect(info.expires).toBeNull();
  });

  test('accepts a key pasted with blank lines around it', async () => {
    await expect(readRecipientKey(`\n\n${keys.publicKey}\n\n`)).resolves.toMatchObject({
      userIds: ['dbt Support <sso@example.com>'],
    });
  });

  test('shows only the user IDs the key itself certifies: one added by anyone else is not shown', async () => {
    const key = await openpgp.readKey({ armoredKey: keys.unsignedUserId });
    expect(key.getUserIDs()).toEqual(['dbt Support <sso@example.com>', 'dbt Labs <security@getdbt.com>']);
    expect((await readRecipientKey(keys.unsignedUserId)).userIds).toEqual(['dbt Support <sso@example.com>']);
  });

  const ASK = /Ask dbt for an RSA key of 3072 bits or more, or a Curve25519 key \(ed25519 with a cv25519 encryption subkey\)\.$/;

  test.each([
    ['an empty string', () => '', /^No key given: paste the armored public key\./],
    ['only whitespace', () => '  \n\t ', /^No key given/],
    ['garbage', () => 'not a key at all', /^This is not an OpenPGP public key: no armored block was found\. Paste the whole armored block/],
    ['an SSH key', () => 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI admin@example.com', /^This is not an OpenPGP public key: no armored block was found/],
    ['an encrypted message', () => keys.message, /^This is an OpenPGP message, not an OpenPGP public key\. Ask dbt for its public key\./],
    [
      'a broken armored block',
      () => '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----\n',
      /^This is not an OpenPGP public key that can be read: the armored block is damaged or incomplete\./,
    ],
    [
      'a private key',
      () => keys.privateKey,
      /^This is a private key: it is never accepted here, and it must not be shared with anyone\. Paste the public key that dbt gives you instead\.$/,
    ],
    ['a public key with a private key after it', () => `${keys.publicKey}\n${keys.privateKey}`, /^This is a private key/],
    ['two keys in one block', () => keys.twoKeys, /^This block holds 2 public keys; only one is accepted\. Paste only the key that dbt gives you\.$/],
    ['two armored blocks', () => keys.twoBlocks, /^This holds 2 armored blocks; only one public key is accepted\./],
    ['a version 6 key', () => keys.v6, /^This is a version 6 key, which GnuPG 2\.2 cannot use\. Ask dbt for a version 4 key\.$/],
    ['a version 5 key', () => keys.v5, /^This is a version 5 key, which GnuPG 2\.2 cannot use\./],
    ['a revoked key', () => keys.revoked, /^This key has been revoked by its owner: it must not be used\. Ask dbt for its current key\.$/],
    ['an expired key', () => keys.expired, /^This key expired on \d{4}-\d{2}-\d{2}\. Ask dbt for its current key\.$/],
    ['a signing-only key', () => keys.signOnly, /^This key cannot encrypt: it has no encryption subkey \(it is for signing only\)\./],
    ['a key whose encryption subkey expired', () => keys.expiredSubkey, /^This key cannot encrypt: its encryption subkey expired on \d{4}-\d{2}-\d{2}\./],
    ['a key whose encryption subkey was revoked', () => keys.revokedSubkey, /^This key cannot encrypt: its encryption subkey has been revoked\./],
    ['an RSA 1024 key (made by gpg)', () => fixture('rsa1024.asc'), /^This key is too weak: RSA 1024 bits, and RSA keys need at least 2048\. /],
    ['an RSA 2048 key with an RSA 1024 encryption subkey', () => keys.rsaWeakSubkey, /^This key is too weak: its encryption subkey is RSA 1024 bits, and RSA keys need at least 2048\. /],
    ['a DSA key with an ElGamal subkey (made by gpg)', () => fixture('dsa2048-elg2048.asc'), /^This key uses DSA 2048 bits, an outdated algorithm that is not accepted\. /],
    ['a secp256k1 key (made by gpg)', () => fixture('secp256k1.asc'), /^This key uses the secp256k1 curve, which is not supported\. /],
    ['a v4 key with an X25519 subkey (RFC 9580)', () => keys.x25519, /^This key encrypts with X25519 \(RFC 9580\), which GnuPG 2\.2 cannot decrypt\. /],
  ])('refuses %s, saying why', async (_name, armored, message) => {
    const attempt = readRecipientKey(armored());
    await expect(attempt).rejects.toThrow(RecipientKeyError);
    await expect(attempt).rejects.toThrow(message);
  });

  test.each([
    ['too weak', () => keys.rsaWeakSubkey],
    ['outdated', () => fixture('dsa2048-elg2048.asc')],
    ['not supported', () => fixture('secp256k1.asc')],
    ['cannot decrypt', () => keys.x25519],
  ])('an algorithm refused as %s says what to ask dbt for', async (_reason, armored) => {
    await expect(readRecipientKey(armored())).rejects.toThrow(ASK);
  });

  test('the fixtures are public keys only', () => {
    for (const name of ['rsa1024.asc', 'dsa2048-elg2048.asc', 'secp256k1.asc']) {
      expect(fixture(name)).toMatch(/^-----BEGIN PGP PUBLIC KEY BLOCK-----/);
      expect(fixture(name)).not.toMatch(/PRIVATE/);
    }
  });
});

describe('expiry', () => {
  test('a key that expires in 2 days: its date, and a warning', async () => {
    const info = await readRecipientKey(keys.expiresSoon);
    const key = await openpgp.readKey({ armoredKey: keys.expiresSoon });
    expect(info.expires).toBe(((await key.getExpirationTime()) as Date).toISOString());
    expect(daysUntilExpiry(info)).toBe(2);
    expect(expiryWarning(info)).toBe(
      `This key expires in 2 days, on ${info.expires?.slice(0, 10)}. Check with dbt that it is still the key to use, or ask for its new key, before you export.`,
    );
  });

  test('a key that expires in 60 days: its date, no warning; one that does not expire: none either', async () => {
    const later = await readRecipientKey(keys.expiresLater);
    expect(later.expires).not.toBeNull();
    expect(daysUntilExpiry(later)).toBe(60);
    expect(expiryWarning(later)).toBeNull();
    const never = await readRecipientKey(keys.publicKey);
    expect(daysUntilExpiry(never)).toBeNull();
    expect(expiryWarning(never)).toBeNull();
  });

  test('the warning starts under 30 days', () => {
    const now = new Date('2027-04-01T00:00:00Z');
    expect(expiryWarning({ expires: '2027-05-01T00:00:00.000Z' }, now)).toBeNull();
    expect(expiryWarning({ expires: '2027-04-30T00:00:00.000Z' }, now)).toMatch(/in 29 days, on 2027-04-30/);
    expect(expiryWarning({ expires: '2027-04-01T12:00:00.000Z' }, now)).toMatch(/expires within a day, on 2027-04-01/);
  });

  test('an encryption subkey that expires before the primary key: its date is the key\'s expiry', async () => {
    const info = await readRecipientKey(keys.subkeyExpiresSoon);
    const key = await openpgp.readKey({ armoredKey: keys.subkeyExpiresSoon });
    expect(await key.getExpirationTime()).toBe(Infinity);
    expect(info.expires).toBe(((await key.subkeys[0]!.getExpirationTime()) as Date).toISOString());
    expect(expiryWarning(info)).toMatch(/^This key expires in 10 days/);
  });
});

describe('encryptHandoff to a public key', () => {
  test('encrypts to the (sub)key computed from the armored key, given the fingerprint shown', async () => {
    const info = await readRecipientKey(keys.publicKey);
    const armored = await encryptHandoff(doc, { publicKeyArmored: keys.publicKey, fingerprint: info.fingerprint });
    const message = await openpgp.readMessage({ armoredMessage: armored });
    expect(message.getEncryptionKeyIDs().map((id) => id.toHex().toUpperCase())).toEqual([info.encryptionKeyId]);
  });

  test('the fingerprint compares by its hex digits alone', async () => {
    const { fingerprint } = await readRecipientKey(keys.publicKey);
    await expect(
      encryptHandoff(doc, { publicKeyArmored: keys.publicKey, fingerprint: fingerprint.replaceAll(' ', '').toLowerCase() }),
    ).resolves.toMatch(/^-----BEGIN PGP MESSAGE-----/);
  });

  test('refuses when the key no longer has the fingerprint shown', async () => {
    const shown = await readRecipientKey(keys.publicKey);
    const now = await readRecipientKey(keys.attacker);
    await expect(encryptHandoff(doc, { publicKeyArmored: keys.attacker, fingerprint: shown.fingerprint })).rejects.toThrow(
      new RecipientKeyError(
        `The key changed after it was shown: it now has the fingerprint ${now.fingerprint}, not ${shown.fingerprint}, the one you compared. Nothing was encrypted. Check the key shown again before you export.`,
      ),
    );
    await expect(encryptHandoff(doc, { publicKeyArmored: keys.publicKey, fingerprint: '' })).rejects.toThrow(/not \(none\)/);
  });

  test.each([
    ['a private key', () => keys.privateKey, /private key/],
    ['an expired key', () => keys.expired, /expired on/],
    ['a revoked key', () => keys.revoked, /revoked/],
    ['a DSA key', () => fixture('dsa2048-elg2048.asc'), /DSA/],
  ])('refuses %s as readRecipientKey does', async (_name, armored, message) => {
    await expect(encryptHandoff(doc, { publicKeyArmored: armored(), fingerprint: 'ABCD '.repeat(9) + 'ABCD' })).rejects.toThrow(message);
  });
});

describe('RecipientSchema: the stored value is the armored key alone', () => {
  test('an old stored value with a fingerprint and user IDs reads as its armored key alone', async () => {
    const dbt = await readRecipientKey(keys.publicKey);
    const old = { armored: keys.attacker, fingerprint: dbt.fingerprint, userIds: ['dbt'] };
    expect(RecipientSchema.parse(old)).toEqual({ armored: keys.attacker });
    expect(RecipientSchema.parse({ armored: keys.publicKey })).toEqual({ armored: keys.publicKey });
  });

  test.each([
    ['a private key', () => ({ armored: keys.privateKey })],
    ['a public key with a private key after it', () => ({ armored: `${keys.publicKey}\n${keys.privateKey}` })],
    ['no armored key', () => ({ fingerprint: 'ABCD '.repeat(9) + 'ABCD', userIds: [] })],
    ['text that is no key', () => ({ armored: 'hello' })],
  ])('rejects %s', (_name, value) => {
    expect(RecipientSchema.safeParse(value()).success).toBe(false);
  });
});

test('formatFingerprint groups uppercase hex in fours', () => {
  expect(formatFingerprint('b5cae74c6aa64161c210901d1e8033e1f0b81f6b')).toBe(
    'B5CA E74C 6AA6 4161 C210 901D 1E80 33E1 F0B8 1F6B',
  );
});

/* The popup: what it shows of a key, and what it encrypts to. */

const CLIENT_ID = '6f1b7c2e-1234-4abc-9def-0123456789ab';

function RecipientHarness() {
  return createElement(RecipientKey, { state: useRecipient() });
}

async function renderRecipient() {
  const store = createGuideStore();
  await persistGuideStore(store, { withSecret: true, signal: new AbortController().signal });
  render(createElement(GuideStoreProvider, { store, children: createElement(RecipientHarness) }));
}

async function renderPopup() {
  const store = createGuideStore();
  await persistGuideStore(store, { withSecret: true, signal: new AbortController().signal });
  const s = store.getState();
  s.updateSetup({ profile: 'support', deploymentId: 'acme-42' });
  s.recordValue('clientId', CLIENT_ID, 'page');
  s.recordValue('tenantId', '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', 'page');
  s.recordValue('domain', 'contoso.onmicrosoft.com', 'page');
  s.setSecret('abc8Q~recipient-component-test-0123456', 'page');
  render(createElement(GuideStoreProvider, { store, children: createElement(PopupApp) }));
}

/** The files the popup saves, as the Blobs given to URL.createObjectURL. */
function downloads(): Blob[] {
  const saved: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    saved.push(blob as Blob);
    return `blob:test/${saved.length}`;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  return saved;
}

function describedText(el: Element): string {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

const exportButton = () => screen.getByRole('button', { name: /Export encrypted file/ }) as HTMLButtonElement;

describe('the popup shows the key it encrypts to', () => {
  let gpg: GpgHome;
  beforeAll(() => {
    gpg = createGpgHome('recipient-gpg-');
  });
  afterAll(() => gpg.dispose());
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  test('a stored key is shown by what openpgp computes from it: the fingerprint equals openpgp\'s', async () => {
    await fakeBrowser.storage.local.set({ recipient: { armored: keys.publicKey } });
    await renderRecipient();
    const expected = await computed(keys.publicKey);
    expect((await screen.findByTestId('recipient-fingerprint')).textContent).toBe(expected.fingerprint);
    expect(screen.getByTestId('recipient-user-ids').textContent).toBe('dbt Support <sso@example.com>');
    expect(screen.getByTestId('recipient-algorithm').textContent).toBe(`ed25519, encrypts with cv25519 (key ID ${expected.encryptionKeyId})`);
    expect(screen.getByTestId('recipient-expiry').textContent).toBe('does not expire');
    const group = screen.getByRole('group', { name: 'The file will be encrypted to this key:' });
    expect(group.getAttribute('aria-describedby')).toBeNull();
    expect(screen.queryByTestId('recipient-expiry-warning')).toBeNull();
  });

  test('a stored record naming dbt\'s fingerprint and user ID but holding another key shows that key\'s own, never the stored ones', async () => {
    const dbt = await computed(keys.publicKey);
    const attacker = await computed(keys.attacker);
    await fakeBrowser.storage.local.set({ recipient: { armored: keys.attacker, fingerprint: dbt.fingerprint, userIds: ['dbt'] } });
    await renderRecipient();
    expect((await screen.findByTestId('recipient-fingerprint')).textContent).toBe(attacker.fingerprint);
    expect(screen.getByTestId('recipient-user-ids').textContent).toBe('Mallory <mallory@example.com>');
    expect(document.body.textContent).not.toContain(dbt.fingerprint);
    expect(screen.getByTestId('recipient-user-ids').textContent).not.toMatch(/^dbt$/);
  });

  test('the same record, exported from the popup: gpg --list-packets shows the file encrypted to the encryption subkey of the key whose fingerprint is shown', { timeout: 60_000 }, async () => {
    const saved = downloads();
    const dbt = await computed(keys.publicKey);
    await fakeBrowser.storage.local.set({ recipient: { armored: keys.attacker, fingerprint: dbt.fingerprint, userIds: ['dbt'] } });
    await renderPopup();
    const shown = (await screen.findByTestId('recipient-fingerprint')).textContent ?? '';
    expect(screen.getByRole('radio', { name: /With dbt's public key/ })).toHaveProperty('checked', true);

    await userEvent.setup().click(exportButton());
    await screen.findByText(/Saved dbt-entra-sso-handoff\.asc/, undefined, { timeout: 30_000 });
    writeFileSync(join(gpg.home, 'handoff.asc'), await saved[0]!.text());
    // This home holds no key at all: gpg lists the packets of the file as it is.
    const packets = pkeskPackets(listPackets(gpg, 'handoff.asc'));

    // The key whose fingerprint is shown, found by that fingerprint; its encryption subkey by openpgp.
    const shownKey = (await Promise.all([keys.publicKey, keys.attacker].map(computed))).find((k) => k.fingerprint === shown);
    expect(shownKey?.fingerprint).toBe(shown);
    expect(packets).toEqual([{ version: 3, algo: 18, keyId: shownKey?.encryptionKeyId }]);
    expect(packets[0]?.keyId).not.toBe(dbt.encryptionKeyId);
    // The message for dbt names the fingerprint shown, not the stored one.
    const text = (screen.getByLabelText('Message without the secret') as HTMLTextAreaElement).value;
    expect(text).toContain(shown);
    expect(text).not.toContain(dbt.fingerprint);
  });

  test('the stored key changed between showing and exporting: the export is refused, nothing is saved', { timeout: 30_000 }, async () => {
    const saved = downloads();
    await fakeBrowser.storage.local.set({ recipient: { armored: keys.publicKey } });
    await renderPopup();
    const shown = (await screen.findByTestId('recipient-fingerprint')).textContent ?? '';
    // What the export reads from storage is now another key (the popup has not seen the change yet).
    vi.spyOn(recipientItem, 'getValue').mockResolvedValue({ armored: keys.attacker });

    await userEvent.setup().click(exportButton());
    expect(
      await screen.findByText(/^The key changed after it was shown: it now has the fingerprint/, undefined, { timeout: 20_000 }),
    ).toBeTruthy();
    expect(screen.getByText(/^The key changed/).textContent).toContain(`not ${shown}, the one you compared. Nothing was encrypted.`);
    expect(saved).toHaveLength(0);
  });

  test('a key expiring in 2 days: "expires on" its date, and a warning linked to the key', async () => {
    await fakeBrowser.storage.local.set({ recipient: { armored: keys.expiresSoon } });
    await renderRecipient();
    const info = await readRecipientKey(keys.expiresSoon);
    expect((await screen.findByTestId('recipient-expiry')).textContent).toBe(`expires on ${info.expires?.slice(0, 10)}`);
    const warning = screen.getByRole('status');
    expect(warning.textContent).toMatch(/^Warning: This key expires in 2 days/);
    const group = screen.getByRole('group', { name: 'The file will be encrypted to this key:' });
    expect(group.getAttribute('aria-describedby')).toBe(warning.id);
    expect(describedText(group)).toMatch(/expires in 2 days/);
  });

  test('a pasted key: refusal only after "Read key", linked to the field; then its expiry and warning before it is used; stored as the armored key alone', async () => {
    const user = userEvent.setup();
    await renderRecipient();
    const textarea = await screen.findByLabelText("dbt's public key (armored)");
    await user.click(textarea);
    await user.paste(fixture('dsa2048-elg2048.asc'));
    // Nothing red before the admin asked.
    expect(textarea.getAttribute('aria-invalid')).toBeNull();
    expect(textarea.getAttribute('aria-describedby')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Read key' }));
    await waitFor(() => expect(textarea.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(textarea)).toMatch(/This key uses DSA 2048 bits, an outdated algorithm that is not accepted/);

    await user.clear(textarea);
    expect(textarea.getAttribute('aria-invalid')).toBeNull();
    await user.paste(keys.expiresSoon);
    await user.click(screen.getByRole('button', { name: 'Read key' }));
    const candidate = await screen.findByRole('group', { name: 'Key to check' });
    expect(within(candidate).getByTestId('recipient-fingerprint').textContent).toBe((await computed(keys.expiresSoon)).fingerprint);
    expect(describedText(candidate)).toMatch(/This key expires in 2 days/);
    await user.click(screen.getByRole('button', { name: /fingerprint matches: use this key/ }));
    await waitFor(async () => expect(await fakeBrowser.storage.local.get('recipient')).toEqual({ recipient: { armored: keys.expiresSoon.trim() } }));
  });

  test('a stored key that can no longer be used is refused with its reason, and can be removed', async () => {
    const user = userEvent.setup();
    await fakeBrowser.storage.local.set({ recipient: { armored: keys.expired, fingerprint: (await computed(keys.publicKey)).fingerprint, userIds: ['dbt'] } });
    await renderPopup();
    const group = await screen.findByRole('group', { name: 'The stored key cannot be used:' });
    expect(describedText(group)).toMatch(/^Error: This key expired on \d{4}-\d{2}-\d{2}\./);
    expect(screen.queryByTestId('recipient-fingerprint')).toBeNull();
    expect(exportButton().disabled).toBe(true);
    await user.click(within(group).getByRole('button', { name: 'Remove this key' }));
    await waitFor(async () => expect(await fakeBrowser.storage.local.get('recipient')).toEqual({}));
    await user.click(screen.getByRole('radio', { name: /With dbt's public key/ }));
    expect(screen.getByLabelText("dbt's public key (armored)")).toBeTruthy();
  });

  test('a stored value that is no public key at all is refused, never shown', async () => {
    await fakeBrowser.storage.local.set({ recipient: { armored: keys.privateKey, fingerprint: 'ABCD '.repeat(9) + 'ABCD', userIds: ['dbt'] } });
    await renderRecipient();
    const group = await screen.findByRole('group', { name: 'The stored key cannot be used:' });
    expect(describedText(group)).toMatch(/The stored key is not an OpenPGP public key/);
    expect(document.body.textContent).not.toContain('ABCD ABCD');
  });
});
