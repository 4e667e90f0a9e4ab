import * as z from 'zod/mini';
import type * as OpenPgp from 'openpgp';
import type { AlgorithmInfo, Key, KeyID, PartialConfig, PublicKey, SessionKey, Subkey } from 'openpgp';
import { parseHandoffDocument, type HandoffDocument } from '@/utils/handoff/export/document';

/**
 * The encrypted hand-off file: an ASCII-armored OpenPGP message that the recipient opens with
 * plain `gpg`, GnuPG 2.2 included. That pins the format to what 2.2 reads:
 * - SEIPD v1 (with MDC), never the AEAD packets of RFC 9580 or of GnuPG 2.3+;
 * - for a passphrase, SKESK v4 with iterated-and-salted S2K at the highest count, never Argon2;
 * - AES-256, whatever the recipient key prefers.
 *
 * A recipient key is only ever its armored text: what is shown of it (fingerprint, user IDs,
 * algorithm, dates) is computed from that text by openpgp whenever it is shown, and the export
 * reads the text again, checks that it still has the fingerprint the admin was shown, and
 * encrypts to the encryption (sub)key it has just computed. Nothing stored beside the armored
 * key is ever trusted: storage.local is writable by the extension's content scripts.
 *
 * `openpgp` is imported inside the functions so that the bundler makes it a lazy chunk, loaded
 * only when the admin exports or adds a recipient key, not with the popup.
 */

export type HandoffEncryption =
  | { passphrase: string }
  | {
      publicKeyArmored: string;
      /** The fingerprint the admin was shown and compared: the key must still have it. */
      fingerprint: string;
    };

/** Matches the shortest generated passphrase (6 short words, or 20 base32 characters). */
export const MIN_PASSPHRASE_LENGTH = 20;

/**
 * The smallest RSA key accepted, primary key or encryption subkey: openpgp's own floor
 * (`config.minRSABits`, 2047), which the extension has always applied, said in whole bits.
 */
export const MIN_RSA_BITS = 2048;

/** Under this many days before the key expires, the admin is warned. */
export const EXPIRY_WARNING_DAYS = 30;

const ASK_FOR_A_GOOD_KEY =
  'Ask dbt for an RSA key of 3072 bits or more, or a Curve25519 key (ed25519 with a cv25519 encryption subkey).';

/**
 * A recipient key as stored (storage.local: a public key is not secret): the armored key alone.
 * A value stored by an earlier version, `{ armored, fingerprint, userIds }`, reads as
 * `{ armored }`: its fingerprint and user IDs are dropped, never shown nor used.
 */
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
});
export type Recipient = z.infer<typeof RecipientSchema>;

/** What openpgp computed from an armored key, just now: never read from storage. */
export interface RecipientKeyInfo {
  /** 40 uppercase hex digits in groups of four, to compare with the one dbt gives. */
  fingerprint: string;
  /** The user IDs with a valid self-signature (an unsigned or revoked one is not shown). */
  userIds: string[];
  /** The primary key's algorithm in GnuPG's words, e.g. "rsa3072", "ed25519". */
  algorithm: string;
  /** The (sub)key the file is encrypted to: its key ID, 16 uppercase hex digits, as gpg shows it. */
  encryptionKeyId: string;
  /** That (sub)key's algorithm in GnuPG's words, e.g. "rsa3072", "cv25519". */
  encryptionAlgorithm: string;
  /** ISO 8601. */
  created: string;
  /**
   * ISO 8601: when the key stops being usable to encrypt (the earlier of the primary key's and
   * the encryption subkey's expiry), or null when it does not expire.
   */
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
  // The key is read again here, from the armored text: what was shown may be stale.
  const date = new Date();
  const { key, encryptionKeyID, info } = await loadRecipientKey(openpgp, how.publicKeyArmored, date);
  const shown = fingerprintHex(how.fingerprint);
  if (shown === '' || fingerprintHex(info.fingerprint) !== shown) {
    throw new RecipientKeyError(
      `The key changed after it was shown: it now has the fingerprint ${info.fingerprint}, not ${formatFingerprint(shown) || '(none)'}, the one you compared. Nothing was encrypted. Check the key shown again before you export.`,
    );
  }
  const armored = await openpgp.encrypt({
    message,
    encryptionKeys: [key],
    // The very (sub)key computed above, not openpgp's own pick made again.
    encryptionKeyIDs: [encryptionKeyID],
    date,
    sessionKey,
    config,
  });
  // The file is checked before it is handed over: one recipient, the one computed above.
  const written = await openpgp.readMessage({ armoredMessage: armored });
  const to = written.getEncryptionKeyIDs().map((id) => id.toHex().toUpperCase());
  if (to.length !== 1 || to[0] !== info.encryptionKeyId) {
    throw new Error(`The file was not encrypted to the key shown (${to.join(', ')}).`);
  }
  return armored;
}

/**
 * Reads a recipient's armored public key and says who it is, or why it cannot be used. Called
 * whenever a key is shown: nothing of it is kept but the armored text.
 */
export async function readRecipientKey(
  armored: string,
  options: { date?: Date } = {},
): Promise<RecipientKeyInfo> {
  const openpgp = await import('openpgp');
  const { info } = await loadRecipientKey(openpgp, armored, options.date ?? new Date());
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

/** The fingerprint's hex digits alone, uppercase: "b5ca e74c…" and "B5CAE74C…" compare equal. */
function fingerprintHex(fingerprint: string): string {
  return fingerprint.replace(/\s+/g, '').toUpperCase();
}

/** "2027-05-01": the date part of an ISO 8601 time, in UTC as gpg shows it. */
export function formatKeyDate(iso: string): string {
  return iso.slice(0, 10);
}

/**
 * Whole days until the key expires, counted up (a key that expires in 36 hours has 2 days left),
 * or null when it does not expire.
 */
export function daysUntilExpiry(info: Pick<RecipientKeyInfo, 'expires'>, now: Date = new Date()): number | null {
  if (info.expires === null) return null;
  return Math.ceil((Date.parse(info.expires) - now.getTime()) / DAY_MS);
}

/** The warning for a key that expires within EXPIRY_WARNING_DAYS, or null. */
export function expiryWarning(info: Pick<RecipientKeyInfo, 'expires'>, now: Date = new Date()): string | null {
  const days = daysUntilExpiry(info, now);
  if (days === null || info.expires === null || days >= EXPIRY_WARNING_DAYS) return null;
  const when = days <= 1 ? 'within a day' : `in ${days} days`;
  return `This key expires ${when}, on ${formatKeyDate(info.expires)}. Check with dbt that it is still the key to use, or ask for its new key, before you export.`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Encryption algorithms GnuPG 2.2 can decrypt with (RFC 9580's X25519/X448 it cannot). */
const GPG22_ENCRYPTION_ALGORITHMS: ReadonlySet<string> = new Set([
  'rsaEncryptSign',
  'rsaEncrypt',
  'elgamal',
  'ecdh',
]);

const ARMOR_TYPES: Record<string, string> = {
  MESSAGE: 'an OpenPGP message',
  SIGNATURE: 'an OpenPGP signature',
  'SIGNED MESSAGE': 'an OpenPGP signed message',
};

const NOT_A_KEY =
  'Paste the whole armored block, from "-----BEGIN PGP PUBLIC KEY BLOCK-----" to "-----END PGP PUBLIC KEY BLOCK-----".';

async function loadRecipientKey(
  openpgp: typeof OpenPgp,
  armored: string,
  date: Date,
): Promise<{ key: PublicKey; encryptionKeyID: KeyID; info: RecipientKeyInfo }> {
  const text = armored.trim();
  if (text === '') {
    throw new RecipientKeyError(`No key given: paste the armored public key. ${NOT_A_KEY}`);
  }
  // Refuse before parsing: a private key must not be handled here at all.
  if (/PRIVATE KEY BLOCK/.test(text)) throw privateKeyError();
  const headers = [...text.matchAll(/^-----BEGIN PGP ([A-Z ]+?)-----/gm)].map((m) => m[1] ?? '');
  if (headers.length > 1) {
    throw new RecipientKeyError(
      `This holds ${headers.length} armored blocks; only one public key is accepted. Paste only the key that dbt gives you, as one "-----BEGIN PGP PUBLIC KEY BLOCK-----" block.`,
    );
  }
  const [header] = headers;
  if (header === undefined) {
    throw new RecipientKeyError(`This is not an OpenPGP public key: no armored block was found. ${NOT_A_KEY}`);
  }
  if (header !== 'PUBLIC KEY BLOCK') {
    throw new RecipientKeyError(
      `This is ${ARMOR_TYPES[header] ?? `a "${header}" block`}, not an OpenPGP public key. Ask dbt for its public key. ${NOT_A_KEY}`,
    );
  }
  let keys: Key[];
  try {
    // v5 keys are parsed only to be refused by their version below, rather than as "unreadable".
    keys = await openpgp.readKeys({ armoredKeys: text, config: { enableParsingV5Entities: true } });
  } catch {
    throw new RecipientKeyError(
      `This is not an OpenPGP public key that can be read: the armored block is damaged or incomplete. ${NOT_A_KEY}`,
    );
  }
  const [anyKey, ...others] = keys;
  if (anyKey === undefined) {
    throw new RecipientKeyError(`This is not an OpenPGP public key: the block holds no key. ${NOT_A_KEY}`);
  }
  if (others.length > 0) {
    throw new RecipientKeyError(
      `This block holds ${keys.length} public keys; only one is accepted. Paste only the key that dbt gives you.`,
    );
  }
  if (anyKey.isPrivate()) throw privateKeyError();
  const key = anyKey.toPublic();
  const version = key.keyPacket.version;
  if (version !== 4) {
    throw new RecipientKeyError(
      `This is a version ${version} key, which GnuPG 2.2 cannot use. Ask dbt for a version 4 key.`,
    );
  }
  refuseAlgorithm(openpgp, key.getAlgorithmInfo(), 'uses');
  if (await key.isRevoked(undefined, undefined, date)) {
    throw new RecipientKeyError('This key has been revoked by its owner: it must not be used. Ask dbt for its current key.');
  }
  try {
    await key.verifyPrimaryKey(date);
  } catch (error) {
    if (error instanceof Error && /expired/i.test(error.message)) {
      const expiry = await key.getExpirationTime();
      throw new RecipientKeyError(
        expiry instanceof Date
          ? `This key expired on ${formatKeyDate(expiry.toISOString())}. Ask dbt for its current key.`
          : 'This key has expired. Ask dbt for its current key.',
      );
    }
    throw new RecipientKeyError(
      'This key has no valid self-signature, so it cannot be trusted. Ask dbt for its current key.',
    );
  }
  const encryptionKey = await findEncryptionKey(openpgp, key, date);
  const encryptionInfo = encryptionKey.getAlgorithmInfo();
  if (!GPG22_ENCRYPTION_ALGORITHMS.has(encryptionInfo.algorithm)) {
    throw new RecipientKeyError(
      `This key encrypts with ${algorithmName(encryptionInfo)}, which GnuPG 2.2 cannot decrypt. ${ASK_FOR_A_GOOD_KEY}`,
    );
  }

  const primaryExpiry = await key.getExpirationTime();
  const subkeyExpiry = encryptionKey === key ? Infinity : await (encryptionKey as Subkey).getExpirationTime(date);
  const expiries = [primaryExpiry, subkeyExpiry].filter((d): d is Date => d instanceof Date);
  const expires = expiries.length === 0 ? null : new Date(Math.min(...expiries.map((d) => d.getTime())));
  return {
    key,
    encryptionKeyID: encryptionKey.getKeyID(),
    info: {
      fingerprint: formatFingerprint(key.getFingerprint()),
      userIds: await certifiedUserIds(openpgp, key, date),
      algorithm: gnupgAlgorithmName(key.getAlgorithmInfo()),
      encryptionKeyId: encryptionKey.getKeyID().toHex().toUpperCase(),
      encryptionAlgorithm: gnupgAlgorithmName(encryptionInfo),
      created: key.getCreationTime().toISOString(),
      expires: expires === null ? null : expires.toISOString(),
    },
  };
}

function privateKeyError(): RecipientKeyError {
  return new RecipientKeyError(
    'This is a private key: it is never accepted here, and it must not be shared with anyone. Paste the public key that dbt gives you instead.',
  );
}

/**
 * Refuses a (sub)key whose algorithm the export will not encrypt with: openpgp's own rules
 * (DSA and ElGamal refused as outdated, RSA under 2048 bits as too weak, secp256k1 unsupported),
 * each said as such rather than as "cannot encrypt".
 */
function refuseAlgorithm(openpgp: typeof OpenPgp, info: AlgorithmInfo, verb: 'uses' | 'encrypts with'): void {
  const { algorithm, bits, curve } = info;
  if (algorithm === 'dsa' || algorithm === 'elgamal') {
    throw new RecipientKeyError(
      `This key ${verb} ${algorithmName(info)}, an outdated algorithm that is not accepted. ${ASK_FOR_A_GOOD_KEY}`,
    );
  }
  if (algorithm.startsWith('rsa') && bits !== undefined && bits < MIN_RSA_BITS) {
    throw new RecipientKeyError(
      `This key is too weak: ${verb === 'uses' ? '' : 'its encryption subkey is '}RSA ${bits} bits, and RSA keys need at least ${MIN_RSA_BITS}. ${ASK_FOR_A_GOOD_KEY}`,
    );
  }
  if (curve !== undefined && openpgp.config.rejectCurves.has(curve as OpenPgp.enums.curve)) {
    throw new RecipientKeyError(
      `This key ${verb} the ${GNUPG_CURVE_NAMES[curve] ?? curve} curve, which is not supported. ${ASK_FOR_A_GOOD_KEY}`,
    );
  }
}

/**
 * The (sub)key openpgp encrypts to at `date`; if there is none, why, in the admin's words: an
 * algorithm refused, a subkey expired or revoked, or no subkey for encryption at all.
 */
async function findEncryptionKey(openpgp: typeof OpenPgp, key: PublicKey, date: Date): Promise<PublicKey | Subkey> {
  try {
    return await key.getEncryptionKey(undefined, date);
  } catch {
    // Explained below.
  }
  // The (sub)key openpgp would pick if no algorithm were refused: refused for its algorithm.
  const permissive = {
    ...openpgp.config,
    rejectPublicKeyAlgorithms: new Set<OpenPgp.enums.publicKey>(),
    rejectCurves: new Set<OpenPgp.enums.curve>(),
    minRSABits: 0,
  };
  const refused = await key.getEncryptionKey(undefined, date, undefined, permissive).catch(() => null);
  if (refused !== null) {
    refuseAlgorithm(openpgp, refused.getAlgorithmInfo(), 'encrypts with');
    throw new RecipientKeyError(
      `This key encrypts with ${algorithmName(refused.getAlgorithmInfo())}, which is not supported. ${ASK_FOR_A_GOOD_KEY}`,
    );
  }
  const flags = openpgp.enums.keyFlags.encryptCommunication | openpgp.enums.keyFlags.encryptStorage;
  const forEncryption = key.subkeys.filter((subkey) =>
    subkey.bindingSignatures.some((signature) => ((signature.keyFlags?.[0] ?? 0) & flags) !== 0),
  );
  if (forEncryption.length === 0) {
    throw new RecipientKeyError(
      'This key cannot encrypt: it has no encryption subkey (it is for signing only). Ask dbt for its encryption key.',
    );
  }
  const revoked = await Promise.all(forEncryption.map((subkey) => isSubkeyRevoked(subkey, date)));
  if (revoked.every(Boolean)) {
    throw new RecipientKeyError(
      'This key cannot encrypt: its encryption subkey has been revoked. Ask dbt for its current key.',
    );
  }
  const expiries = await Promise.all(
    forEncryption.map((subkey) => subkeyExpiry(subkey)),
  );
  const expired = expiries.filter((d): d is Date => d instanceof Date && d.getTime() <= date.getTime());
  if (expired.length > 0) {
    const last = new Date(Math.max(...expired.map((d) => d.getTime())));
    throw new RecipientKeyError(
      `This key cannot encrypt: its encryption subkey expired on ${formatKeyDate(last.toISOString())}. Ask dbt for its current key.`,
    );
  }
  throw new RecipientKeyError(
    'This key cannot encrypt: its encryption subkey has no valid binding signature. Ask dbt for its current key.',
  );
}

/** Typed as needing a signature; given none, openpgp checks every revocation of the subkey. */
function isSubkeyRevoked(subkey: Subkey, date: Date): Promise<boolean> {
  const isRevoked = subkey.isRevoked as unknown as (signature: null, key: null, date: Date) => Promise<boolean>;
  return isRevoked.call(subkey, null, null, date);
}

/** The subkey's expiry, whenever that is (a null date: its binding signature checked at any time). */
function subkeyExpiry(subkey: Subkey): Promise<Date | number | null> {
  const getExpirationTime = subkey.getExpirationTime as (date: Date | null) => Promise<Date | number | null>;
  return getExpirationTime.call(subkey, null);
}

/** The user IDs that the key itself certifies (valid, unrevoked self-signature) at `date`. */
async function certifiedUserIds(openpgp: typeof OpenPgp, key: PublicKey, date: Date): Promise<string[]> {
  const certified = await Promise.all(
    key.users.map(async (user) => {
      if (user.userID === null) return null;
      try {
        await user.verify(date, openpgp.config);
        return user.userID.userID;
      } catch {
        return null;
      }
    }),
  );
  return certified.filter((id): id is string => id !== null);
}

const GNUPG_CURVE_NAMES: Record<string, string> = {
  ed25519Legacy: 'ed25519',
  curve25519Legacy: 'cv25519',
  nistP256: 'nistp256',
  nistP384: 'nistp384',
  nistP521: 'nistp521',
  brainpoolP256r1: 'brainpoolP256r1',
  brainpoolP384r1: 'brainpoolP384r1',
  brainpoolP512r1: 'brainpoolP512r1',
  secp256k1: 'secp256k1',
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

/** An algorithm as a refusal names it: "DSA 2048 bits", "ElGamal 2048 bits", "X25519 (RFC 9580)". */
function algorithmName(info: AlgorithmInfo): string {
  const { algorithm, bits, curve } = info;
  const size = bits === undefined ? '' : ` ${bits} bits`;
  if (algorithm.startsWith('rsa')) return `RSA${size}`;
  if (algorithm === 'dsa') return `DSA${size}`;
  if (algorithm === 'elgamal') return `ElGamal${size}`;
  if (algorithm === 'x25519' || algorithm === 'x448' || algorithm === 'ed25519' || algorithm === 'ed448') {
    return `${algorithm.charAt(0).toUpperCase()}${algorithm.slice(1)} (RFC 9580)`;
  }
  if (curve !== undefined) return `${algorithm.toUpperCase()} on ${GNUPG_CURVE_NAMES[curve] ?? curve}`;
  return algorithm;
}
