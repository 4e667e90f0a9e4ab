import * as z from 'zod/mini';
import type * as OpenPgp from 'openpgp';
import type { AlgorithmInfo, Key, PartialConfig, PublicKey, SessionKey } from 'openpgp';
import { parseHandoffDocument, type HandoffDocument } from '@/utils/handoff/export/document';

/**
 * The encrypted hand-off file: an ASCII-armored OpenPGP message that the recipient opens with
 * plain `gpg`, GnuPG 2.2 included. That pins the format to what 2.2 reads:
 * - SEIPD v1 (with MDC), never the AEAD packets of RFC 9580 or of GnuPG 2.3+;
 * - for a passphrase, SKESK v4 with iterated-and-salted S2K at the highest count, never Argon2;
 * - AES-256, whatever the recipient key prefers.
 *
 * `openpgp` is imported inside the functions so that the bundler makes it a lazy chunk, loaded
 * only when the admin exports or adds a recipient key, not with the popup.
 */

export type HandoffEncryption = { passphrase: string } | { publicKeyArmored: string };

/** Matches the shortest generated passphrase (6 short words, or 20 base32 characters). */
export const MIN_PASSPHRASE_LENGTH = 20;

const FINGERPRINT_PATTERN = /^[0-9A-F]{4}( [0-9A-F]{4}){9}$/;

/** A recipient key as stored (storage.local: a public key is not secret). */
export const RecipientSchema = z.object({
  armored: z
    .string()
    .check(
      z.maxLength(200_000),
      z.refine(
        (s) => s.includes('-----BEGIN PGP PUBLIC KEY BLOCK-----') && !s.includes('PRIVATE KEY BLOCK'),
        'must be an armored OpenPGP public key, and nothing private',
      ),
    ),
  /** As shown to the admin: 40 uppercase hex digits in groups of four. */
  fingerprint: z.string().check(z.regex(FINGERPRINT_PATTERN)),
  userIds: z.array(z.string().check(z.maxLength(1000))).check(z.maxLength(100)),
});
export type Recipient = z.infer<typeof RecipientSchema>;

export interface RecipientKeyInfo {
  /** 40 uppercase hex digits in groups of four, to compare with the one dbt gives. */
  fingerprint: string;
  userIds: string[];
  /** The primary key's algorithm in GnuPG's words, e.g. "rsa3072", "ed25519". */
  algorithm: string;
  /** ISO 8601. */
  created: string;
  /** ISO 8601, or null when the key does not expire. */
  expires: string | null;
}

export class RecipientKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecipientKeyError';
  }
}

export async function encryptHandoff(
  doc: HandoffDocument,
  how: HandoffEncryption,
): Promise<string> {
  const checked = parseHandoffDocument(doc);
  if ('passphrase' in how && how.passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new Error(`The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long.`);
  }
  const openpgp = await import('openpgp');
  const config: PartialConfig = {
    aeadProtect: false,
    preferredSymmetricAlgorithm: openpgp.enums.symmetric.aes256,
    preferredCompressionAlgorithm: openpgp.enums.compression.uncompressed,
    s2kType: openpgp.enums.s2k.iterated,
    s2kIterationCountByte: 255,
    v6Keys: false,
    showVersion: false,
    showComment: false,
  };
  const message = await openpgp.createMessage({
    binary: new TextEncoder().encode(`${JSON.stringify(checked, null, 2)}\n`),
    filename: 'handoff.json',
    format: 'binary',
  });
  // With keys, openpgp picks the cipher (and SEIPD v2) from the key's preferences and features;
  // an explicit AES-256 session key without an AEAD mode keeps the pinned format for any key.
  const sessionKey: SessionKey = {
    data: crypto.getRandomValues(new Uint8Array(32)),
    algorithm: 'aes256',
  };
  if ('passphrase' in how) {
    return openpgp.encrypt({ message, passwords: [how.passphrase], sessionKey, config });
  }
  const { key } = await loadRecipientKey(openpgp, how.publicKeyArmored);
  return openpgp.encrypt({ message, encryptionKeys: [key], sessionKey, config });
}

/** Reads a recipient's armored public key and says who it is, or why it cannot be used. */
export async function readRecipientKey(armored: string): Promise<RecipientKeyInfo> {
  const openpgp = await import('openpgp');
  const { info } = await loadRecipientKey(openpgp, armored);
  return info;
}

export function formatFingerprint(hex: string): string {
  return (
    hex
      .toUpperCase()
      .match(/.{1,4}/g)
      ?.join(' ') ?? ''
  );
}

/** Encryption algorithms GnuPG 2.2 can decrypt with (RFC 9580's X25519/X448 it cannot). */
const GPG22_ENCRYPTION_ALGORITHMS: ReadonlySet<string> = new Set([
  'rsaEncryptSign',
  'rsaEncrypt',
  'elgamal',
  'ecdh',
]);

async function loadRecipientKey(
  openpgp: typeof OpenPgp,
  armored: string,
): Promise<{ key: PublicKey; info: RecipientKeyInfo }> {
  const text = armored.trim();
  if (text === '') {
    throw new RecipientKeyError(
      'No key given: paste the armored public key, from "-----BEGIN PGP PUBLIC KEY BLOCK-----" to "-----END PGP PUBLIC KEY BLOCK-----".',
    );
  }
  // Refuse before parsing: a private key must not be handled here at all.
  if (text.includes('PRIVATE KEY BLOCK')) {
    throw new RecipientKeyError(
      'This is a private key. Use the public key that dbt gives you; never share a private key.',
    );
  }
  let keys: Key[];
  try {
    keys = await openpgp.readKeys({ armoredKeys: text });
  } catch {
    throw new RecipientKeyError(
      'This is not an OpenPGP public key. Paste the whole armored block, from "-----BEGIN PGP PUBLIC KEY BLOCK-----" to "-----END PGP PUBLIC KEY BLOCK-----".',
    );
  }
  const [anyKey, ...others] = keys;
  if (anyKey === undefined || others.length > 0) {
    throw new RecipientKeyError(
      `Expected exactly one public key, found ${keys.length}. Paste only the key that dbt gives you.`,
    );
  }
  if (anyKey.isPrivate()) {
    throw new RecipientKeyError(
      'This is a private key. Use the public key that dbt gives you; never share a private key.',
    );
  }
  const key = anyKey.toPublic();
  if (key.keyPacket.version !== 4) {
    throw new RecipientKeyError(
      `This is a version ${key.keyPacket.version} key, which GnuPG 2.2 cannot use. Ask dbt for a version 4 key.`,
    );
  }
  if (await key.isRevoked()) {
    throw new RecipientKeyError('This key has been revoked. Ask dbt for its current key.');
  }
  try {
    await key.verifyPrimaryKey();
  } catch (error) {
    throw new RecipientKeyError(
      error instanceof Error && /expired/i.test(error.message)
        ? 'This key has expired. Ask dbt for its current key.'
        : 'This key has no valid self-signature, so it cannot be trusted. Ask dbt for its current key.',
    );
  }
  let encryptionKey: Awaited<ReturnType<PublicKey['getEncryptionKey']>>;
  try {
    encryptionKey = await key.getEncryptionKey();
  } catch {
    throw new RecipientKeyError(
      'This key cannot encrypt: it has no valid encryption subkey (signing only, or its subkey expired or was revoked). Ask dbt for an encryption key.',
    );
  }
  const encryptionAlgorithm = encryptionKey.getAlgorithmInfo().algorithm;
  if (!GPG22_ENCRYPTION_ALGORITHMS.has(encryptionAlgorithm)) {
    throw new RecipientKeyError(
      `This key encrypts with ${encryptionAlgorithm}, which GnuPG 2.2 cannot decrypt. Ask dbt for an RSA or Curve25519 (cv25519) key.`,
    );
  }
  const expiry = await key.getExpirationTime();
  return {
    key,
    info: {
      fingerprint: formatFingerprint(key.getFingerprint()),
      userIds: key.getUserIDs(),
      algorithm: gnupgAlgorithmName(key.getAlgorithmInfo()),
      created: key.getCreationTime().toISOString(),
      expires: expiry instanceof Date ? expiry.toISOString() : null,
    },
  };
}

const GNUPG_CURVE_NAMES: Record<string, string> = {
  ed25519Legacy: 'ed25519',
  curve25519Legacy: 'cv25519',
  nistP256: 'nistp256',
  nistP384: 'nistp384',
  nistP521: 'nistp521',
};

function gnupgAlgorithmName({ algorithm, bits, curve }: AlgorithmInfo): string {
  if (curve !== undefined) return GNUPG_CURVE_NAMES[curve] ?? curve;
  const prefix = algorithm.startsWith('rsa')
    ? 'rsa'
    : algorithm === 'elgamal'
      ? 'elg'
      : algorithm;
  return bits === undefined ? prefix : `${prefix}${bits}`;
}
