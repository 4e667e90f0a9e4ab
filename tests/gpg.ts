import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

/*
 * The real GnuPG, for the tests that check what the hand-off export makes: each test file runs it
 * in its own temporary GNUPGHOME, never the user's. Tests fail (never skip) when gpg is missing.
 */

export interface GpgHome {
  /** The GNUPGHOME folder, also the default working folder. */
  readonly home: string;
  /** Runs gpg with `input` on stdin (never a passphrase in argv). */
  run(args: string[], options?: { input?: string; cwd?: string }): SpawnSyncReturns<string>;
  /** Stops the agent and deletes the home. */
  dispose(): void;
}

export function createGpgHome(prefix: string): GpgHome {
  const home = mkdtempSync(join(tmpdir(), prefix));
  return {
    home,
    run(args, options = {}) {
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
    },
    dispose() {
      spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home } });
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The result, once gpg said it succeeded (its stderr as the failure's message). */
export function ok(result: SpawnSyncReturns<string>): SpawnSyncReturns<string> {
  expect(result.status, result.stderr).toBe(0);
  return result;
}

/** A key pair made by gpg: its fingerprint (40 hex digits), the key ID it encrypts to, the armored public key. */
export interface GpgKey {
  fingerprint: string;
  encryptionKeyId: string;
  armored: string;
}

/** `gpg --quick-gen-key` without a passphrase, e.g. ('dbt <sso@example.com>', 'future-default', 'default'). */
export function generateGpgKey(gpg: GpgHome, userId: string, algo: string, usage: string, expire = 'never'): GpgKey {
  // --yes: another key may have the same user ID (a test's impostor); KEY_CREATED names the new one.
  const created = ok(
    gpg.run(['--yes', '--status-fd', '1', '--passphrase', '', '--pinentry-mode', 'loopback', '--quick-gen-key', userId, algo, usage, expire]),
  ).stdout;
  const fingerprint = /^\[GNUPG:\] KEY_CREATED [BP] ([0-9A-F]{40})/m.exec(created)?.[1] ?? '';
  expect(fingerprint, created).toMatch(/^[0-9A-F]{40}$/);
  const colons = ok(gpg.run(['--with-colons', '--list-keys', fingerprint])).stdout.split('\n');
  const fields = colons.map((line) => line.split(':'));
  // The key that encrypts: the subkey with usage "e", or the primary key when it has it.
  const encrypting = fields.find((f) => (f[0] === 'sub' || f[0] === 'pub') && f[11]?.includes('e'));
  const armored = ok(gpg.run(['--armor', '--export', fingerprint])).stdout;
  return { fingerprint, encryptionKeyId: encrypting?.[4] ?? '', armored };
}

/** The public-key encrypted session key packets `gpg --list-packets` shows: version, algorithm, key ID. */
export function pkeskPackets(listPacketsOutput: string): { version: number; algo: number; keyId: string }[] {
  return [...listPacketsOutput.matchAll(/^:pubkey enc packet: version (\d+), algo (\d+), keyid ([0-9A-F]{16})$/gm)].map(
    (m) => ({ version: Number(m[1]), algo: Number(m[2]), keyId: m[3] ?? '' }),
  );
}

/**
 * `gpg --list-packets` on a file encrypted to a key this home may not hold: gpg lists every packet
 * (no key import needed), then exits with 2 when it has no secret key to go on.
 */
export function listPackets(gpg: GpgHome, fileName: string, cwd?: string): string {
  const result = gpg.run(['--list-packets', fileName], cwd === undefined ? {} : { cwd });
  if (result.status !== 0) expect(result.stderr).toMatch(/decryption failed: No secret key/);
  expect(result.stdout).toMatch(/^:(pubkey|symkey) enc packet:/m);
  return result.stdout;
}
