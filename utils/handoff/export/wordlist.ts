import WORDS from '@/utils/handoff/export/eff_large_wordlist.txt?raw';

/**
 * The EFF large wordlist for random passphrases: 7,776 words (6^5), one for each roll of five dice.
 *
 * Source: Electronic Frontier Foundation, "EFF's New Wordlists for Random Passphrases" (2016),
 * https://www.eff.org/dice (eff_large_wordlist.txt, the dice-numbered file, SHA-256
 * addd35536511597a02fa0a9ff1e5284677b8883b83e986e43f15a3db996b903e).
 * Licensed under the Creative Commons Attribution 3.0 United States licence (CC BY 3.0 US),
 * https://creativecommons.org/licenses/by/3.0/us/
 *
 * The words are a data file beside this module (eff_large_wordlist.txt, one word a line, the dice
 * numbers left out), bundled as text. Imported only through a dynamic import (see passphrase.ts),
 * so that the list stays out of the popup's first load.
 */
export const EFF_LARGE_WORDLIST: readonly string[] = Object.freeze(WORDS.trim().split('\n'));
