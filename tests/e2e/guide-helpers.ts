import type { Frame, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { LIVE_BLADE_HOST } from '../fixtures/replica/protocol';
import { frameByHost, type ExtensionBrowser } from './harness';

/** expect.poll with room for a slow machine and the replica's late renders. */
export const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout, interval: 100 });

/** The guide panel (open shadow root: Playwright's locators pierce it). */
export const panel = (page: Page): Locator => page.locator('sso-guide-panel');

export const stepOf = (page: Page) => panel(page).getAttribute('data-step');
export const targetStateOf = (page: Page) => panel(page).getAttribute('data-target-state');

export async function blade(page: Page): Promise<Frame> {
  return frameByHost(page, LIVE_BLADE_HOST);
}

export interface GuideSetup {
  region?: string;
  /** Support-assisted: the redirect URI dbt support sent (pasted as it is). */
  supportUri?: string;
  /** Support-assisted, the 2019 form: the deployment ID. */
  deploymentId?: string;
  /** single (default), multi, multi-personal or personal. */
  accountType?: string;
}

/** Sets up a profile in the popup and starts the guide. */
export async function startGuide(browser: ExtensionBrowser, setup: GuideSetup = {}): Promise<void> {
  const popup = await browser.openPopup();
  // Running already (an earlier test): stop it, to start with this setup.
  const stop = popup.getByRole('button', { name: 'Stop the guide' });
  await popup.getByRole('button', { name: /^(Start|Stop) the guide/ }).waitFor();
  if (await stop.count()) await stop.click();
  if (setup.deploymentId || setup.supportUri) {
    await popup.getByRole('radio', { name: /Support-assisted/ }).check();
    if (setup.supportUri) await popup.getByLabel('Redirect URI from dbt support', { exact: true }).fill(setup.supportUri);
    if (setup.deploymentId) await popup.getByLabel('Deployment ID', { exact: true }).fill(setup.deploymentId);
  } else {
    await popup.getByLabel('dbt region').selectOption(setup.region ?? 'us');
  }
  if (setup.accountType) await popup.getByLabel('Supported account types').selectOption(setup.accountType);
  await popup.getByRole('button', { name: 'Start the guide on the portal' }).click();
  await popup.getByRole('button', { name: 'Stop the guide' }).waitFor();
  await popup.close();
}

/** Clicks one of the panel's own buttons (Copy, Fill, Choose, Tick), and waits for it to finish. */
export async function panelButton(page: Page, name: string | RegExp): Promise<void> {
  const button = panel(page).getByRole('button', { name });
  await poll(() => button.isEnabled()).toBe(true);
  await button.click();
  await untilSet(page, button);
}

/** Waits for a value button's fill to finish and the page to show the value set. */
export async function untilSet(page: Page, button: Locator): Promise<void> {
  // Fill buttons are busy while a value is being filled in; then the page shows it.
  await poll(() => button.getAttribute('aria-busy')).not.toBe('true');
  // A fill that did not take says why in the panel: show it in the failure.
  await poll(async () => `${await button.textContent()} ${(await panel(page).locator('.fill-failed').allTextContents()).join(' ')}`.trim()).toBe(
    '✓ Set',
  );
}

type StorageArea = { get(keys: string | null): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
type ChromeStorage = { chrome: { storage: { local: StorageArea; session: StorageArea } } };

/** storage.local and storage.session as the service worker sees them, as JSON. */
export async function storageAreas(browser: ExtensionBrowser): Promise<{ local: string; session: string }> {
  return browser.serviceWorker.evaluate(async () => {
    const { local, session } = (globalThis as unknown as ChromeStorage).chrome.storage;
    return { local: JSON.stringify(await local.get(null)), session: JSON.stringify(await session.get(null)) };
  });
}

/** The recorded values in storage.local, by key (one storage key each: `values.<key>`). */
export async function storedValues(browser: ExtensionBrowser): Promise<Record<string, { value: string; source: string }>> {
  const local = JSON.parse((await storageAreas(browser)).local) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(local)
      .filter(([key]) => key.startsWith('values.'))
      .map(([key, value]) => [key.slice('values.'.length), value as { value: string; source: string }]),
  );
}

/** Merges `patch` into the object stored under `key` in storage.local (as another context would). */
export async function mergeLocal(browser: ExtensionBrowser, key: string, patch: (stored: unknown) => object): Promise<void> {
  const stored = JSON.parse((await storageAreas(browser)).local) as Record<string, unknown>;
  const value = patch(stored[key]);
  await browser.serviceWorker.evaluate(
    async ([k, v]) => (globalThis as unknown as ChromeStorage).chrome.storage.local.set({ [k]: v }),
    [key, value] as const,
  );
}

/** Marks steps done by hand, as the checklist does, through the stored progress. */
export async function markDone(browser: ExtensionBrowser, ids: string[]): Promise<void> {
  const at = new Date().toISOString();
  await mergeLocal(browser, 'progress', (progress) => ({
    ...(progress as object | undefined),
    ...Object.fromEntries(ids.map((id) => [id, { done: true, by: 'hand', at }])),
  }));
}

/** The spotlight ring in a frame, and whether its box covers the target's. */
export async function spotlightCovers(frame: Frame, target: Locator): Promise<boolean> {
  const ring = frame.locator('[data-sso-guide="spotlight"]');
  if ((await ring.count()) !== 1) return false;
  const [r, t] = await Promise.all([ring.boundingBox(), target.boundingBox()]);
  if (!r || !t || r.width === 0) return false;
  return r.x <= t.x + 0.5 && r.y <= t.y + 0.5 && r.x + r.width >= t.x + t.width - 0.5 && r.y + r.height >= t.y + t.height - 0.5;
}
