import { expect } from 'vitest';
import type { Page } from 'puppeteer-core';

/**
 * What the Firefox browser tests share about the guide (firefox.e2e.ts on the portal,
 * firefox-dbt.e2e.ts on dbt's site): waiting, the storage areas, the panel's value buttons.
 */

/** expect.poll with room for a slow machine and the replica's late renders. */
export const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout, interval: 100 });

/** What the test's functions see as `browser` inside the extension's documents. */
declare const browser: {
  storage: Record<'local' | 'session', { get(keys: null): Promise<Record<string, unknown>> }>;
};

/** Both storage areas, as JSON text; evaluated in an extension document. */
export const storageAreas = async () => ({
  local: JSON.stringify(await browser.storage.local.get(null)),
  session: JSON.stringify(await browser.storage.session.get(null)),
});

/**
 * One of the panel's value buttons, in its open shadow root: its accessible name ends with the
 * action ("Fill in dbt Cloud"), and begins with "✓ Set: " once the page shows the value.
 */
export const panelButton = (page: Page, action: string) => page.$(`sso-guide-panel >>> button[aria-label$=${JSON.stringify(action)}]`);

/** Presses a value button (Fill, Choose, Tick), and waits for the panel to read the value back. */
export async function pressPanelButton(page: Page, action: string): Promise<void> {
  const usable = (b: Element) => !(b as HTMLButtonElement).disabled && b.getAttribute('aria-disabled') !== 'true';
  await poll(async () => (await panelButton(page, action))?.evaluate(usable) ?? false).toBe(true);
  await (await panelButton(page, action))?.click();
  // Busy while the value is filled in; then the panel reads the page back: "✓ Set". A fill that
  // did not take says why in the panel: shown in the failure.
  await poll(async () => {
    const button = await panelButton(page, action);
    const failed = await page.$$eval('sso-guide-panel >>> .fill-failed', (els) => els.map((e) => e.textContent ?? '').join(' '));
    return button ? `${await button.evaluate((b) => b.textContent ?? '')} ${failed}`.trim() : 'no button';
  }).toBe('✓ Set');
  expect(await (await panelButton(page, action))?.evaluate((b) => b.getAttribute('aria-label'))).toBe(`✓ Set: ${action}`);
}
