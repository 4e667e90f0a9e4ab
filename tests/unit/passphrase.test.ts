import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { EFF_LARGE_WORDLIST } from '@/utils/handoff/export/wordlist';
import {
  generatePassphrase,
  PASSPHRASE_ENTROPY_BITS,
  PASSPHRASE_SEPARATOR,
  PASSPHRASE_WORDS,
  randomBelow,
  WORDLIST_SIZE,
  type FillRandom,
} from '@/utils/handoff/export/passphrase';

describe('the EFF large wordlist', () => {
  test('has 7,776 unique words', () => {
    expect(EFF_LARGE_WORDLIST).toHaveLength(7776);
    expect(WORDLIST_SIZE).toBe(7776);
    expect(new Set(EFF_LARGE_WORDLIST).size).toBe(7776);
  });

  test('holds lowercase words only, so that the separator cannot appear inside one', () => {
    const odd = EFF_LARGE_WORDLIST.filter((w) => !/^[a-z]+(-[a-z]+)?$/.test(w));
    expect(odd).toEqual([]);
  });

  test('is byte for byte the EFF file: numbered back with its dice, its SHA-256 is the one recorded from eff.org', () => {
    const dice = (i: number) => Array.from({ length: 5 }, (_, k) => String((Math.floor(i / 6 ** (4 - k)) % 6) + 1)).join('');
    const file = EFF_LARGE_WORDLIST.map((word, i) => `${dice(i)}\t${word}`).join('\n') + '\n';
    expect(createHash('sha256').update(file).digest('hex')).toBe('addd35536511597a02fa0a9ff1e5284677b8883b83e986e43f15a3db996b903e');
  });

  test('is the EFF list: first, last and a few dice rolls', () => {
    // Index = the five dice (1-6) read as a base-6 number.
    const roll = (dice: string) => EFF_LARGE_WORDLIST[parseInt(dice.replace(/\d/g, (d) => String(Number(d) - 1)), 6)];
    expect(roll('11111')).toBe('abacus');
    expect(roll('66666')).toBe('zoom');
    expect(roll('16655')).toBe('contusion');
    expect(roll('43146')).toBe('overcook');
    expect(roll('52411')).toBe('roster');
  });
});

describe('generatePassphrase', () => {
  test('gives six words from the list', async () => {
    const passphrase = await generatePassphrase();
    const words = passphrase.split(PASSPHRASE_SEPARATOR);
    expect(words).toHaveLength(PASSPHRASE_WORDS);
    expect(PASSPHRASE_WORDS).toBe(6);
    const list = new Set(EFF_LARGE_WORDLIST);
    for (const word of words) expect(list.has(word)).toBe(true);
  });

  test('has at least 77 bits of entropy', () => {
    expect(PASSPHRASE_ENTROPY_BITS).toBeGreaterThanOrEqual(77);
    expect(PASSPHRASE_ENTROPY_BITS).toBeCloseTo(6 * Math.log2(7776), 10);
  });

  test('two calls differ', async () => {
    const [a, b] = await Promise.all([generatePassphrase(), generatePassphrase()]);
    expect(a).not.toBe(b);
  });

  test('maps random draws to words by index', async () => {
    const draws = [0, 7775, 1, 7776, 7777, 15551];
    const fill: FillRandom = (array) => {
      array[0] = draws.shift() ?? 0;
      return array;
    };
    // 7776 -> 0, 7777 -> 1, 15551 -> 7775 (all below the rejection limit).
    await expect(generatePassphrase(fill)).resolves.toBe('abacus zoom abdomen abacus abdomen zoom');
  });
});

describe('randomBelow', () => {
  const LIMIT = 2 ** 32 - (2 ** 32 % 7776);

  test.each([
    ['the first draw when below the limit', [LIMIT - 1], (LIMIT - 1) % 7776],
    ['zero', [0], 0],
    ['the next draw when one is at the limit (no modulo bias)', [LIMIT, 5], 5],
    ['the next draw when one is above the limit', [2 ** 32 - 1, LIMIT + 3, 7], 7],
  ])('takes %s', (_name, draws, expected) => {
    const queue = [...draws];
    const fill: FillRandom = (array) => {
      array[0] = queue.shift() ?? 0;
      return array;
    };
    expect(randomBelow(7776, fill)).toBe(expected);
    expect(queue).toEqual([]);
  });

  test('the rejected range is exactly the remainder of 2^32 by 7776', () => {
    expect(LIMIT % 7776).toBe(0);
    expect(2 ** 32 - LIMIT).toBe(2 ** 32 % 7776);
  });

  test.each([0, -1, 1.5, 2 ** 32 + 1])('refuses n = %s', (n) => {
    expect(() => randomBelow(n)).toThrow(RangeError);
  });

  test('is roughly uniform over a small range', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i += 1) counts[randomBelow(3)]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(9_000);
  });
});
