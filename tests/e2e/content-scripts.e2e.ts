import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IDLE_BLADE_HOST, LIVE_BLADE_HOST, PLAIN_HOST, STALE_BLADE_HOST } from '../fixtures/replica/protocol';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { DEFAULT_EXTENSION_PATH, frameByHost, launchBrowser, type ExtensionBrowser } from './harness';

/**
 * The production build, unchanged, in Debian's Chromium on the replica portal: the service worker
 * runs, and the frame agent is in every portal frame (the top document and the cross-origin blade
 * frames, idle ones included) and in no other.
 */

if (!existsSync(join(DEFAULT_EXTENSION_PATH, 'manifest.json'))) {
  throw new Error(`No extension build at ${DEFAULT_EXTENSION_PATH}. Build it first: npm run build`);
}

let replica: Replica;
let browser: ExtensionBrowser;
let page: Page;

/** expect.poll with room for a slow machine (its default is one second). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

beforeAll(async () => {
  replica = await startReplica();
  browser = await launchBrowser({ replica });
});

afterAll(async () => {
  await browser?.close();
  await replica?.close();
});

describe('the extension in Chromium', () => {
  test('its service worker is up', () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    expect(browser.serviceWorker.url()).toBe(`chrome-extension://${browser.extensionId}/background.js`);
  });

  test('the content script runs in the portal top frame and its blade frames, not in other frames', async () => {
    page = await browser.newPage();
    await page.goto('https://portal.azure.com/');
    const top = page.mainFrame();
    const blade = await frameByHost(page, LIVE_BLADE_HOST);
    const stale = await frameByHost(page, STALE_BLADE_HOST);
    const idle = await frameByHost(page, IDLE_BLADE_HOST);
    const other = await frameByHost(page, PLAIN_HOST);

    // Content scripts run at document_idle: wait for them to appear, exactly once per frame.
    await poll(() => browser.contentScriptWorlds(top)).toBe(1);
    await poll(() => browser.contentScriptWorlds(blade)).toBe(1);
    await poll(() => browser.contentScriptWorlds(stale)).toBe(1);
    await poll(() => browser.contentScriptWorlds(idle)).toBe(1);

    // document_idle comes at the latest just after load: once the other frame has loaded and the
    // portal frames have their agent, the other frame would have had one too.
    await other.waitForLoadState('load');
    expect(await other.evaluate(() => document.readyState)).toBe('complete');
    expect(await browser.contentScriptWorlds(other)).toBe(0);
  });

  test('the popup sets up a profile, with validation, and the setup persists', async () => {
    const popup = await browser.openPopup();
    await popup.getByRole('radio', { name: /Support-assisted/ }).check();
    const id = popup.getByLabel('Deployment ID', { exact: true });
    await id.fill('<your-deployment-id>');
    await expect.poll(() => id.getAttribute('aria-invalid')).toBe('true');
    await id.fill('acme-42');
    await expect.poll(() => id.getAttribute('aria-invalid')).toBeNull();
    await expect.poll(() => popup.getByTestId('redirect-uri').textContent()).toBe(
      'https://auth.getdbt.com/login/callback?connection=acme-42',
    );
    await popup.getByRole('button', { name: 'Start the guide on the portal' }).click();
    await popup.close();

    // A popup opened again shows what was set.
    const again = await browser.openPopup();
    await expect.poll(() => again.getByLabel('Deployment ID', { exact: true }).inputValue()).toBe('acme-42');
    await expect.poll(() => again.getByRole('button', { name: 'Stop the guide' }).count()).toBe(1);
    await again.close();

    // The guide panel appears in the portal's top frame only.
    await page.reload();
    await poll(() => page.locator('sso-guide-panel').count()).toBe(1);
    const blade = await frameByHost(page, LIVE_BLADE_HOST);
    expect(await blade.locator('sso-guide-panel').count()).toBe(0);
  });

  test('no errors from the extension', () => {
    expect(browser.errors).toEqual([]);
  });
});
