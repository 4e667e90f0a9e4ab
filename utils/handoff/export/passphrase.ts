/**
 * Passphrases for the encrypted hand-off file: six words drawn uniformly from the EFF large
 * wordlist (7,776 words), about 77.5 bits, sent to the recipient over another channel than the file.
 *
 * The wordlist (62 kB) is imported dynamically, so it stays out of the popup's first load.
 */

export const PASSPHRASE_WORDS = 6;
export const WORDLIST_SIZE = 7776;
export const PASSPHRASE_SEPARATOR = ' ';

/** log2(7776^6) ≈ 77.55. */
export const PASSPHRASE_ENTROPY_BITS = PASSPHRASE_WORDS * Math.log2(WORDLIST_SIZE);

/** Fills the array with random values, as crypto.getRandomValues does; tests pass their own. */
export type FillRandom = (array: Uint32Array<ArrayBuffer>) => Uint32Array<ArrayBuffer>;

const cryptoFill: FillRandom = (array) => crypto.getRandomValues(array);

/**
 * A uniform integer in [0, n). `x % n` alone would favour small results whenever 2^32 is not a
 * multiple of n, so draws at or above the largest multiple of n are thrown away and drawn again.
 */
export function randomBelow(n: number, fill: FillRandom = cryptoFill): number {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) {
    throw new RangeError(`randomBelow needs an integer from 1 to 2^32, got ${n}`);
  }
  const limit = 2 ** 32 - (2 ** 32 % n);
  const draw = new Uint32Array(1);
  for (;;) {
    const x = fill(draw)[0] ?? 0;
    if (x < limit) return x % n;
  }
}

export async function generatePassphrase(fill: FillRandom = cryptoFill): Promise<string> {
  const { EFF_LARGE_WORDLIST } = await import('@/utils/handoff/export/wordlist');
  if (EFF_LARGE_WORDLIST.length !== WORDLIST_SIZE) {
    throw new Error(`The wordlist has ${EFF_LARGE_WORDLIST.length} words, not ${WORDLIST_SIZE}.`);
  }
  const words: string[] = [];
  for (let i = 0; i < PASSPHRASE_WORDS; i += 1) {
    const word = EFF_LARGE_WORDLIST[randomBelow(WORDLIST_SIZE, fill)];
    if (word === undefined) throw new Error('Wordlist index out of range.');
    words.push(word);
  }
  return words.join(PASSPHRASE_SEPARATOR);
}
