// @vitest-environment node
import type { SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as openpgp from 'openpgp';
import {
  buildHandoffDocument,
  HandoffDocumentSchema,
  type HandoffDocument,
} from '@/utils/handoff/export/document';
import {
  encryptHandoff,
  expiryWarning,
  formatFingerprint,
  readRecipientKey,
  RecipientSchema,
} from '@/utils/handoff/export/encrypt';
import { decryptCommand } from '@/utils/handoff/export/support-message';
import { createGpgHome, generateGpgKey, ok, pkeskPackets, type GpgHome, type GpgKey } from '../gpg';

/*
 * The hand-off file is for plain `gpg`: these tests run the real GnuPG on what encryptHandoff
 * makes. They fail (never skip) when gpg is missing: CI installs gnupg.
 */

const SECRET = 'Qx8~hand.off_TEST-secret-value-0123456789';
const PASSPHRASE = 'abacus zoom t-shirt yo-yo drop-down unwind';

const doc: HandoffDocument = buildHandoffDocument({
  profile: 'support',
  destination: 'dbt support',
  now: new Date('2026-03-01T10:20:30.000Z'),
  values: {
    clientId: '6f1b7c2e-1234-4abc-9def-0123456789ab',
    clientSecret: SECRET,
    tenantId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    domain: 'contoso.onmicrosoft.com',
    secretExpiry: '2028-02-29',
    redirectUri: 'https://auth.getdbt.com/login/callback?connection=acme-42',
    permissions: [
      { api: 'Microsoft Graph', name: 'User.Read', type: 'Delegated' },
      { api: 'Microsoft Graph', name: 'Directory.AccessAsUser.All', type: 'Delegated' },
    ],
  },
});

let gpgHome: GpgHome;
let work = 0;

/** Runs gpg in the test's own GNUPGHOME, with `input` on stdin (never a passphrase in argv). */
function gpg(args: string[], options: { input?: string; cwd?: string } = {}): SpawnSyncReturns<string> {
  return gpgHome.run(args, options);
}

/** A fresh folder holding the .asc, so that `--output handoff.json` never finds an old file. */
function writeAsc(armored: string): { dir: string; fileName: string } {
  const dir = join(gpgHome.home, `work-${(work += 1)}`);
  mkdirSync(dir);
  const fileName = 'dbt-entra-sso-handoff.asc';
  writeFileSync(join(dir, fileName), armored);
  return { dir, fileName };
}

/** The recipient's documented command, with only the options a script needs put in front. */
function decryptAsRecipient(
  dir: string,
  fileName: string,
  extra: string[] = [],
  input = '',
): SpawnSyncReturns<string> {
  const [program, ...args] = decryptCommand(fileName).split(' ');
  expect(program).toBe('gpg');
  return gpg([...extra, ...args], { cwd: dir, input });
}

function readDecrypted(dir: string): HandoffDocument {
  return HandoffDocumentSchema.parse(JSON.parse(readFileSync(join(dir, 'handoff.json'), 'utf8')));
}

/** As the popup exports: the key read (and its fingerprint shown), then the export to that fingerprint. */
async function exportTo(armored: string): Promise<string> {
  const shown = await readRecipientKey(armored);
  return encryptHandoff(doc, { publicKeyArmored: armored, fingerprint: shown.fingerprint });
}

/** The key ID openpgp encrypts to for this armored key, and the key's fingerprint, both computed by openpgp. */
async function openpgpEncryptionKeyId(armored: string): Promise<{ fingerprint: string; keyId: string }> {
  const key = await openpgp.readKey({ armoredKey: armored });
  const encryptionKey = await key.getEncryptionKey();
  return { fingerprint: formatFingerprint(key.getFingerprint()), keyId: encryptionKey.getKeyID().toHex().toUpperCase() };
}

let generated: Record<'ecc' | 'rsa', GpgKey> | undefined;

/**
 * The recipient's key pairs, made by gpg on first use. Not in beforeAll: there, a missing gpg
 * would only mark the tests as skipped; here every test that needs gpg fails.
 */
function gpgKeys(): Record<'ecc' | 'rsa', GpgKey> {
  generated ??= {
    // GnuPG's "future-default" in 2.2: an ed25519 primary key with a cv25519 encryption subkey.
    ecc: generateGpgKey(gpgHome, 'dbt Support <sso@example.com>', 'future-default', 'default'),
    rsa: generateGpgKey(gpgHome, 'dbt Support RSA <sso-rsa@example.com>', 'rsa3072', 'encrypt,sign'),
  };
  return generated;
}

beforeAll(() => {
  gpgHome = createGpgHome('handoff-gpg-');
});

afterAll(() => {
  gpgHome.dispose();
});

test('gpg is GnuPG 2', () => {
  expect(gpg(['--version']).stdout).toMatch(/^gpg \(GnuPG\) 2\./);
});

describe('export with a passphrase', () => {
  test('gpg decrypts it, with the passphrase on stdin, to the document', async () => {
    const { dir, fileName } = writeAsc(await encryptHandoff(doc, { passphrase: PASSPHRASE }));
    ok(
      decryptAsRecipient(dir, fileName, ['--pinentry-mode', 'loopback', '--passphrase-fd', '0'], PASSPHRASE),
    );
    const decrypted = readDecrypted(dir);
    expect(decrypted).toEqual(doc);
    expect(decrypted.values.clientSecret).toBe(SECRET);
  });

  test('gpg --list-packets shows SKESK v4, iterated and salted S2K at the top count, SEIPD v1 with MDC, AES-256', async () => {
    const { dir, fileName } = writeAsc(await encryptHandoff(doc, { passphrase: PASSPHRASE }));
    const listed = ok(
      gpg(['--pinentry-mode', 'loopback', '--passphrase-fd', '0', '--list-packets', fileName], {
        cwd: dir,
        input: PASSPHRASE,
      }),
    );
    const out = listed.stdout;
    // cipher 9 = AES-256; s2k 3 = iterated and salted; count byte 255 = 65,011,712 octets.
    expect(out).toMatch(/^:symkey enc packet: version 4, cipher 9, aead 0,\s?s2k 3, hash \d+/m);
    expect(out).toMatch(/^\tsalt [0-9A-F]{16}, count 65011712 \(255\)$/m);
    expect(out).toMatch(/^:encrypted data packet:\n\tlength: \d+\n\tmdc_method: 2$/m);
    expect(out).not.toMatch(/aead encrypted packet/);
    expect(out).not.toMatch(/pubkey enc packet/);
    expect(out.match(/^:symkey enc packet:/gm)).toHaveLength(1);
    expect(out).toMatch(/^:literal data packet:\n\tmode b .*name="handoff\.json"/m);
    expect(listed.stderr).toMatch(/AES256\.CFB encrypted session key/);
  });

  test('a wrong passphrase fails', async () => {
    const { dir, fileName } = writeAsc(await encryptHandoff(doc, { passphrase: PASSPHRASE }));
    const result = decryptAsRecipient(
      dir,
      fileName,
      ['--pinentry-mode', 'loopback', '--passphrase-fd', '0'],
      'abacus zoom t-shirt yo-yo drop-down unwinD',
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/decryption failed/i);
    expect(existsSync(join(dir, 'handoff.json'))).toBe(false);
  });

  test('a short passphrase is refused before anything is encrypted', async () => {
    await expect(encryptHandoff(doc, { passphrase: 'too short' })).rejects.toThrow(/at least 20/);
  });
});

describe.each(['ecc', 'rsa'] as const)('export to a %s public key made by gpg', (kind) => {
  test('gpg decrypts it with the secret key to the document', { timeout: 60_000 }, async () => {
    const keys = gpgKeys();
    const { dir, fileName } = writeAsc(
      await exportTo(keys[kind].armored),
    );
    ok(decryptAsRecipient(dir, fileName));
    expect(readDecrypted(dir)).toEqual(doc);
  });

  test('gpg --list-packets shows PKESK v3 to the encryption key, SEIPD v1 with MDC, AES-256', { timeout: 60_000 }, async () => {
    const keys = gpgKeys();
    const { dir, fileName } = writeAsc(
      await exportTo(keys[kind].armored),
    );
    const listed = ok(gpg(['--show-session-key', '--list-packets', fileName], { cwd: dir }));
    const out = listed.stdout;
    const algo = kind === 'ecc' ? 18 : 1;
    expect(out).toMatch(
      new RegExp(`^:pubkey enc packet: version 3, algo ${algo}, keyid ${keys[kind].encryptionKeyId}$`, 'm'),
    );
    expect(out.match(/^:pubkey enc packet:/gm)).toHaveLength(1);
    expect(out).not.toMatch(/symkey enc packet/);
    expect(out).toMatch(/^:encrypted data packet:\n\tlength: \d+\n\tmdc_method: 2$/m);
    expect(out).not.toMatch(/aead encrypted packet/);
    // The session key's algorithm: 9 = AES-256, whatever the key's preferences.
    expect(listed.stderr).toMatch(/session key: '9:[0-9A-F]{64}'/);
  });

  test('readRecipientKey shows the fingerprint and user ID that gpg shows', { timeout: 60_000 }, async () => {
    const keys = gpgKeys();
    const info = await readRecipientKey(keys[kind].armored);
    expect(info.fingerprint.replaceAll(' ', '')).toBe(keys[kind].fingerprint);
    expect(info.fingerprint).toMatch(/^([0-9A-F]{4} ){9}[0-9A-F]{4}$/);
    expect(info.userIds).toEqual([
      kind === 'ecc' ? 'dbt Support <sso@example.com>' : 'dbt Support RSA <sso-rsa@example.com>',
    ]);
    expect(info.algorithm).toBe(kind === 'ecc' ? 'ed25519' : 'rsa3072');
    expect(info.expires).toBeNull();
  });
});

describe('the key whose fingerprint is shown is the key the file is encrypted to', () => {
  test('a stored record that names dbt\'s fingerprint but holds another key: that key\'s own fingerprint is shown, and the file goes to it alone', { timeout: 60_000 }, async () => {
    const dbt = gpgKeys().ecc;
    // Another key pair with the same user ID: what a content script could store.
    const attacker = generateGpgKey(gpgHome, 'dbt Support <sso@example.com>', 'rsa3072', 'encrypt,sign');
    const stored: unknown = {
      armored: attacker.armored,
      fingerprint: formatFingerprint(dbt.fingerprint),
      userIds: ['dbt Support <sso@example.com>'],
    };
    // Only the armored key is read from storage.
    const parsed = RecipientSchema.parse(stored);
    expect(parsed).toEqual({ armored: attacker.armored });

    const shown = await readRecipientKey(parsed.armored);
    expect(shown.fingerprint.replaceAll(' ', '')).toBe(attacker.fingerprint);
    expect(shown.fingerprint).not.toBe(formatFingerprint(dbt.fingerprint));

    // openpgp computes the encryption subkey of the key whose fingerprint is shown; gpg agrees.
    const computed = await openpgpEncryptionKeyId(parsed.armored);
    expect(computed.fingerprint).toBe(shown.fingerprint);
    expect(computed.keyId).toBe(shown.encryptionKeyId);
    expect(computed.keyId).toBe(attacker.encryptionKeyId);

    const { dir, fileName } = writeAsc(
      await encryptHandoff(doc, { publicKeyArmored: parsed.armored, fingerprint: shown.fingerprint }),
    );
    const packets = pkeskPackets(ok(gpg(['--list-packets', fileName], { cwd: dir })).stdout);
    expect(packets).toEqual([{ version: 3, algo: 1, keyId: computed.keyId }]);
    expect(packets[0]?.keyId).not.toBe(dbt.encryptionKeyId);

    // Exporting with the fingerprint the record claimed is refused: the key does not have it.
    await expect(
      encryptHandoff(doc, { publicKeyArmored: parsed.armored, fingerprint: formatFingerprint(dbt.fingerprint) }),
    ).rejects.toThrow(/The key changed after it was shown: it now has the fingerprint [0-9A-F ]+, not [0-9A-F ]+, the one you compared\. Nothing was encrypted/);
  });

  test('with two encryption subkeys, the file goes to the one shown (key ID), as gpg --list-packets shows', { timeout: 60_000 }, async () => {
    const key = generateGpgKey(gpgHome, 'Two Subkeys <two@example.com>', 'future-default', 'default');
    ok(gpg(['--passphrase', '', '--pinentry-mode', 'loopback', '--quick-add-key', key.fingerprint, 'cv25519', 'encr', 'never']));
    const armored = ok(gpg(['--armor', '--export', key.fingerprint])).stdout;
    const subkeys = (await openpgp.readKey({ armoredKey: armored })).subkeys.map((s) => s.getKeyID().toHex().toUpperCase());
    expect(subkeys).toHaveLength(2);

    const shown = await readRecipientKey(armored);
    expect(subkeys).toContain(shown.encryptionKeyId);
    const { dir, fileName } = writeAsc(await encryptHandoff(doc, { publicKeyArmored: armored, fingerprint: shown.fingerprint }));
    expect(pkeskPackets(ok(gpg(['--list-packets', fileName], { cwd: dir })).stdout)).toEqual([
      { version: 3, algo: 18, keyId: shown.encryptionKeyId },
    ]);
    ok(decryptAsRecipient(dir, fileName));
    expect(readDecrypted(dir)).toEqual(doc);
  });

  test('a key gpg made to expire in 2 days: its expiry as gpg has it, with a warning; the file still opens', { timeout: 60_000 }, async () => {
    const key = generateGpgKey(gpgHome, 'Expires Soon <soon@example.com>', 'future-default', 'default', '2d');
    const expiry = ok(gpg(['--with-colons', '--list-keys', key.fingerprint])).stdout.split('\n').find((l) => l.startsWith('pub:'))?.split(':')[6];
    const shown = await readRecipientKey(key.armored);
    expect(shown.expires).toBe(new Date(Number(expiry) * 1000).toISOString());
    expect(expiryWarning(shown)).toMatch(/^This key expires in 2 days, on \d{4}-\d{2}-\d{2}\./);
    const { dir, fileName } = writeAsc(await exportTo(key.armored));
    ok(decryptAsRecipient(dir, fileName));
  });
});

test('the armored file never shows the secret or the JSON in clear', async () => {
  const armored = await encryptHandoff(doc, { passphrase: PASSPHRASE });
  expect(armored.startsWith('-----BEGIN PGP MESSAGE-----')).toBe(true);
  expect(armored).not.toContain(SECRET);
  expect(armored).not.toContain('clientSecret');
});
