import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { launchBrowser, type ExtensionBrowser } from './harness';

/*
 * Two extension pages (two popups in tabs) record different values at the same moment, 100 rounds:
 * storage.local must hold both every round, and each page must show the other's value. Then both
 * write the same field at once: storage and both pages end with the same one (the last write).
 *
 * "The same moment": both pages are told, through page.evaluate, a wall-clock instant a little
 * ahead; each sets its input's value and fires the input event React listens to at that instant
 * (the same path as typing: React's onChange, then the store's recordValue). Playwright's fill()
 * on two pages runs one after the other, several milliseconds apart, which lets the first write
 * reach the other page before it writes and hides the race; the scheduled event does not.
 */

const ROUNDS = Number(process.env.CONCURRENT_ROUNDS ?? 100);
/** How long a round may take for both values to reach storage.local and both pages. */
const SETTLE_MS = 1_000;
/** A control: the second page writes this much later (0: the same moment). */
const STAGGER_MS = Number(process.env.CONCURRENT_STAGGER_MS ?? 0);

let replica: Replica;
let browser: ExtensionBrowser;
let a: Page;
let b: Page;

beforeAll(async () => {
  replica = await startReplica();
  browser = await launchBrowser({ replica });
  a = await browser.openPopup();
  b = await browser.openPopup();
  for (const page of [a, b]) await page.getByLabel('Application (client) ID', { exact: true }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await replica?.close();
});

/** Sets the input's value and fires `input` at the wall-clock instant `at`. */
function typeAt(input: Locator, value: string, at: number): Promise<void> {
  return input.evaluate(
    (el, { value, at }) =>
      new Promise<void>((resolve) => {
        const fire = () => {
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
          setter?.call(el, value);
          el.dispatchEvent(new Event('input', { bubbles: true }));
          resolve();
        };
        // A busy wait for the last milliseconds: timers are only as precise as the event loop.
        const spin = () => {
          while (Date.now() < at);
          fire();
        };
        setTimeout(spin, Math.max(0, at - Date.now() - 5));
      }),
    { value, at },
  );
}

async function localStorageText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<object> } } } }).chrome;
    return JSON.stringify(await chrome.storage.local.get(null));
  });
}

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('two pages writing at once', () => {
  test(`${ROUNDS} rounds of two values recorded at the same moment by two popups: none lost`, async () => {
    const clientIdOf = (p: Page) => p.getByLabel('Application (client) ID', { exact: true });
    const domainOf = (p: Page) => p.getByLabel('Directory domain', { exact: true });
    const lostInStorage: number[] = [];
    const lostInPage: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const clientId = `6f1b7c2e-1234-4abc-9def-${String(round).padStart(12, '0')}`;
      const domain = `round${round}.onmicrosoft.com`;
      const at = Date.now() + 60;
      await Promise.all([typeAt(clientIdOf(a), clientId, at), typeAt(domainOf(b), domain, at + STAGGER_MS)]);

      const stored = await until(async () => {
        const local = await localStorageText(a);
        return local.includes(clientId) && local.includes(domain);
      }, SETTLE_MS);
      // Still both a moment later: no late write of a whole item takes one away again.
      await new Promise((r) => setTimeout(r, 50));
      const local = await localStorageText(a);
      if (!stored || !local.includes(clientId) || !local.includes(domain)) lostInStorage.push(round);

      const shown = await until(
        async () =>
          (await domainOf(a).inputValue()) === domain &&
          (await clientIdOf(a).inputValue()) === clientId &&
          (await clientIdOf(b).inputValue()) === clientId &&
          (await domainOf(b).inputValue()) === domain,
        SETTLE_MS,
      );
      if (!shown) lostInPage.push(round);
    }
    console.log(`concurrent writes: ${lostInStorage.length} of ${ROUNDS} rounds lost a value in storage.local, ${lostInPage.length} in a page`);
    expect({ lostInStorage, lostInPage }).toEqual({ lostInStorage: [], lostInPage: [] });
    expect(browser.errors).toEqual([]);
  }, 600_000);

  test('the same field written by both at the same moment: the last write wins, in storage and in both pages', async () => {
    const tenantIdOf = (p: Page) => p.getByLabel('Directory (tenant) ID', { exact: true });
    const rounds = Math.min(ROUNDS, 30);
    const apart: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const fromA = `0a1b2c3d-4e5f-4a6b-8c7d-a${String(round).padStart(11, '0')}`;
      const fromB = `0a1b2c3d-4e5f-4a6b-8c7d-b${String(round).padStart(11, '0')}`;
      const at = Date.now() + 60;
      await Promise.all([typeAt(tenantIdOf(a), fromA, at), typeAt(tenantIdOf(b), fromB, at)]);
      const agreed = await until(async () => {
        const local = await localStorageText(a);
        const stored = local.includes(fromA) ? fromA : local.includes(fromB) ? fromB : null;
        return stored !== null && (await tenantIdOf(a).inputValue()) === stored && (await tenantIdOf(b).inputValue()) === stored;
      }, SETTLE_MS);
      if (!agreed) apart.push(round);
    }
    expect(apart).toEqual([]);
    expect(browser.errors).toEqual([]);
  }, 300_000);
});
