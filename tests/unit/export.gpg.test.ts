// @vitest-environment node
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  buildHandoffDocument,
  HandoffDocumentSchema,
  type HandoffDocument,
} from '@/utils/handoff/export/document';
import { encryptHandoff, readRecipientKey } from '@/utils/handoff/export/encrypt';
import { decryptCommand } from '@/utils/handoff/export/support-message';

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

let home = '';
let work = 0;

/** Runs gpg in the test's own GNUPGHOME, with `input` on stdin (never a passphrase in argv). */
function gpg(args: string[], options: { input?: string; cwd?: string } = {}): SpawnSyncReturns<string> {
  const result = spawnSync(
    'gpg',
    // --no-symkey-cache: the agent would otherwise remember a passphrase between tests.
    ['--batch', '--no-tty', '--no-symkey-cache', ...args],
    {
      input: options.input ?? '',
      cwd: options.cwd ?? home,
      env: { ...process.env, GNUPGHOME: home, LC_ALL: 'C', LANG: 'C' },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  if (result.error) throw result.error;
  return result;
}

function ok(result: SpawnSyncReturns<string>): SpawnSyncReturns<string> {
  expect(result.status, result.stderr).toBe(0);
  return result;
}

/** A fresh folder holding the .asc, so that `--output handoff.json` never finds an old file. */
function writeAsc(armored: string): { dir: string; fileName: string } {
  const dir = join(home, `work-${(work += 1)}`);
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

interface GpgKey {
  fingerprint: string;
  encryptionKeyId: string;
  armored: string;
}

function generateKey(userId: string, algo: string, usage: string): GpgKey {
  ok(gpg(['--passphrase', '', '--pinentry-mode', 'loopback', '--quick-gen-key', userId, algo, usage, 'never']));
  const colons = ok(gpg(['--with-colons', '--list-keys', userId])).stdout.split('\n');
  const fields = colons.map((line) => line.split(':'));
  const fingerprint = fields.find((f) => f[0] === 'fpr')?.[9] ?? '';
  // The key that encrypts: the subkey with usage "e", or the primary key when it has it.
  const encrypting = fields.find((f) => (f[0] === 'sub' || f[0] === 'pub') && f[11]?.includes('e'));
  const armored = ok(gpg(['--armor', '--export', fingerprint])).stdout;
  return { fingerprint, encryptionKeyId: encrypting?.[4] ?? '', armored };
}

let generated: Record<'ecc' | 'rsa', GpgKey> | undefined;

/**
 * The recipient's key pairs, made by gpg on first use. Not in beforeAll: there, a missing gpg
 * would only mark the tests as skipped; here every test that needs gpg fails.
 */
function gpgKeys(): Record<'ecc' | 'rsa', GpgKey> {
  generated ??= {
    // GnuPG's "future-default" in 2.2: an ed25519 primary key with a cv25519 encryption subkey.
    ecc: generateKey('dbt Support <sso@example.com>', 'future-default', 'default'),
    rsa: generateKey('dbt Support RSA <sso-rsa@example.com>', 'rsa3072', 'encrypt,sign'),
  };
  return generated;
}

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'handoff-gpg-'));
});

afterAll(() => {
  if (home === '') return;
  spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home } });
  rmSync(home, { recursive: true, force: true });
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
      await encryptHandoff(doc, { publicKeyArmored: keys[kind].armored }),
    );
    ok(decryptAsRecipient(dir, fileName));
    expect(readDecrypted(dir)).toEqual(doc);
  });

  test('gpg --list-packets shows PKESK v3 to the encryption key, SEIPD v1 with MDC, AES-256', { timeout: 60_000 }, async () => {
    const keys = gpgKeys();
    const { dir, fileName } = writeAsc(
      await encryptHandoff(doc, { publicKeyArmored: keys[kind].armored }),
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

test('the armored file never shows the secret or the JSON in clear', async () => {
  const armored = await encryptHandoff(doc, { passphrase: PASSPHRASE });
  expect(armored.startsWith('-----BEGIN PGP MESSAGE-----')).toBe(true);
  expect(armored).not.toContain(SECRET);
  expect(armored).not.toContain('clientSecret');
});
