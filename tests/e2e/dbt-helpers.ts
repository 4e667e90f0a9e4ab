import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './harness';

/**
 * The admin's answer to the browser's permission prompt, which no page can click. Chromium's
 * prompt is a window of the browser, out of the test's reach in headless mode, so:
 *
 * - granted: the host is first granted on chrome://extensions (what the extension's "Site access"
 *   does there); the popup's own `permissions.request` then resolves true without a prompt;
 * - declined: the prompt belongs to the window of the tab that asked: the tab moves to a new
 *   window and the old one closes, which dismisses the prompt: the request resolves false.
 */
type DeveloperPrivate = { chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void>; removeHostPermission(id: string, host: string): Promise<void> } } };

async function onExtensionsPage(browser: ExtensionBrowser, run: 'add' | 'remove', pattern: string): Promise<void> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome://extensions/?id=${browser.extensionId}`);
    await page.evaluate(
      async ([how, id, host]) => {
        const api = (globalThis as unknown as DeveloperPrivate).chrome.developerPrivate;
        await (how === 'add' ? api.addHostPermission(id, host) : api.removeHostPermission(id, host));
      },
      [run, browser.extensionId, pattern] as const,
    );
  } finally {
    await page.close();
  }
}

export const allowHost = (browser: ExtensionBrowser, pattern: string) => onExtensionsPage(browser, 'add', pattern);
export const revokeHost = (browser: ExtensionBrowser, pattern: string) => onExtensionsPage(browser, 'remove', pattern);

type ChromeTabs = {
  chrome: {
    runtime: { getURL(path: string): string };
    tabs: { query(q: { url: string }): Promise<{ id?: number; windowId: number }[]>; move(id: number, to: { windowId: number; index: number }): Promise<unknown> };
    windows: { create(o: { url: string | string[] }): Promise<{ id?: number }>; remove(id: number): Promise<void>; getLastFocused(): Promise<{ id?: number }> };
  };
};

/**
 * popup.html in a window of its own (with a blank tab: a window left empty by the move would not
 * take the prompt with it), so that dismissing its prompt closes nothing else.
 */
export async function popupInOwnWindow(browser: ExtensionBrowser): Promise<Page> {
  const url = `chrome-extension://${browser.extensionId}/popup.html`;
  const opened = browser.context.waitForEvent('page', { predicate: (p) => p.url() === url });
  await browser.serviceWorker.evaluate(async () => {
    const { runtime, windows } = (globalThis as unknown as ChromeTabs).chrome;
    await windows.create({ url: [runtime.getURL('popup.html'), 'about:blank'] });
  });
  const page = await opened;
  await page.waitForLoadState();
  return page;
}

/**
 * Dismisses the permission prompt the page's tab shows (see above): the request resolves false.
 * The page should have a window of its own (popupInOwnWindow): that window goes away with the
 * prompt, and so does the window last focused (the other tabs of the test go with it: a last test).
 */
export async function declinePrompt(browser: ExtensionBrowser, page: Page): Promise<void> {
  // The prompt opens a moment after the click; moved before it shows, the tab would take it along.
  await page.waitForTimeout(700);
  await browser.serviceWorker.evaluate(async (url) => {
    const { tabs, windows } = (globalThis as unknown as ChromeTabs).chrome;
    const [tab] = await tabs.query({ url });
    if (tab?.id === undefined) throw new Error(`no tab at ${url}`);
    // Headless, the prompt may sit on the window last focused rather than the tab's: both close.
    const last = (await windows.getLastFocused()).id;
    const fresh = await windows.create({ url: 'about:blank' });
    if (fresh.id === undefined) throw new Error('no new window');
    await tabs.move(tab.id, { windowId: fresh.id, index: -1 });
    await windows.remove(tab.windowId);
    if (last !== undefined && last !== tab.windowId && last !== fresh.id) await windows.remove(last);
  }, page.url());
}

/** The host permissions granted now, as the extension sees them. */
export function grantedOrigins(browser: ExtensionBrowser): Promise<string[]> {
  return browser.serviceWorker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { permissions: { getAll(): Promise<{ origins?: string[] }> } } }).chrome.permissions;
    return (await api.getAll()).origins ?? [];
  });
}

/** What the clipboard holds, read by the extension (it may read it: clipboardRead). */
export async function clipboardText(browser: ExtensionBrowser): Promise<string> {
  const page = await browser.openPopup();
  try {
    await page.bringToFront();
    return await page.evaluate(() => navigator.clipboard.readText().catch((e: unknown) => `unreadable: ${String(e)}`));
  } finally {
    await page.close();
  }
}
