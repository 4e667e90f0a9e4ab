import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { FOREIGN_CONTENT, FOREIGN_SECRET, SWAP_BLADE_HOSTS } from '../fixtures/replica/protocol';
import { registerApp } from '../fixtures/replica/tenant';
import { DEFAULT_EXTENSION_PATH, frameByHost, launchBrowser, type ExtensionBrowser } from './harness';
import { blade, markDone, panel, panelButton, poll, spotlightCovers, startGuide, stepOf, storageAreas, storedValues, targetStateOf } from './guide-helpers';

/**
 * Trust boundaries and recovery, on the production build: what the page can do to the panel, and
 * the detour when the secret is gone.
 */

if (!existsSync(join(DEFAULT_EXTENSION_PATH, 'manifest.json'))) {
  throw new Error(`No extension build at ${DEFAULT_EXTENSION_PATH}. Build it first: npm run build`);
}

let replica: Replica;
let browser: ExtensionBrowser;
let page: Page;

const BEFORE_SECRET = ['open-app-registrations', 'register-app', 'record-app-ids', 'assign-users', 'require-assignment', 'add-api-permissions', 'grant-admin-consent'];

type ChromeStorage = { chrome: { storage: { session: { clear(): Promise<void> }; local: { clear(): Promise<void> } } } };

/** A fresh start: nothing stored (as after a new install), then the guide started again. */
async function freshGuide(): Promise<void> {
  await browser.serviceWorker.evaluate(async () => {
    const { local, session } = (globalThis as unknown as ChromeStorage).chrome.storage;
    await Promise.all([local.clear(), session.clear()]);
  });
  await startGuide(browser, { region: 'us' });
}

beforeAll(async () => {
  replica = await startReplica({ config: { renderDelayMs: 300 } });
  browser = await launchBrowser({ replica });
  await startGuide(browser, { region: 'us' });
});
afterEach(async () => {
  await page?.close();
});
afterAll(async () => {
  await browser?.close();
  await replica?.close();
});

/** Adds a client secret through the portal's own form, with the panel's Fill and Choose. */
async function addSecret(p: Page): Promise<void> {
  const frame = await blade(p);
  await frame.getByRole('tab', { name: /Client secrets/ }).click();
  await frame.getByRole('menuitem', { name: 'New client secret' }).click();
  await panelButton(p, 'Fill in dbt Cloud');
  await panelButton(p, 'Choose 730 days (24 months)');
  await frame.getByRole('button', { name: 'Add', exact: true }).click();
}

/** A fresh app, registered in the replica's directory (as if the admin had), and its pages. */
function freshApp() {
  const app = registerApp(replica.state, { displayName: 'dbt Cloud', signInAudience: 'AzureADMyOrg', redirectUri: { platform: 'web', uri: 'https://auth.cloud.getdbt.com/login/callback' } });
  const at = (item: string) => `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/${item}/appId/${app.appId}`;
  return { app, credentials: at('Credentials'), permissions: at('CallAnAPI') };
}

const ignoredReports = async (p: Page) => Number((await panel(p).getAttribute('data-ignored-reports')) ?? '0');

describe.each(['beside', 'other-host'] as const)('a foreign blade frame (%s) beside the real one', (where) => {
  beforeAll(async () => {
    replica.reset();
    replica.configure({ renderDelayMs: 300, foreignFrame: where });
    await freshGuide();
  });
  afterAll(() => {
    replica.configure({ foreignFrame: undefined });
  });

  test('its fake secret, permissions and domain are never recorded; the real Value is captured', async () => {
    const { app, credentials, permissions } = freshApp();
    await markDone(browser, BEFORE_SECRET.slice(0, 5));
    page = await browser.newPage();
    // API permissions: the app has none; the foreign frame shows them all "Granted".
    await page.goto(permissions);
    await poll(() => stepOf(page)).toBe('add-api-permissions');
    await poll(() => ignoredReports(page)).toBeGreaterThan(0);
    await page.waitForTimeout(800);
    expect(await stepOf(page)).toBe('add-api-permissions');
    // Certificates & secrets: the foreign frame shows a Value from the start.
    await markDone(browser, ['add-api-permissions', 'grant-admin-consent']);
    await page.goto(credentials);
    await poll(() => stepOf(page)).toBe('create-client-secret');
    await page.waitForTimeout(800);
    expect(await stepOf(page)).toBe('create-client-secret');
    expect((await storageAreas(browser)).session).not.toContain(FOREIGN_SECRET);
    await addSecret(page);
    await poll(() => stepOf(page)).toBe('record-domain');
    const real = app.passwordCredentials[0]?.secretText ?? '';
    const stored = await storageAreas(browser);
    expect(stored.session).toContain(real);
    expect(stored.session).not.toContain(FOREIGN_SECRET);
    // The tenant overview: the real primary domain, not the foreign "evil.example".
    await page.goto('https://portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview');
    await poll(() => stepOf(page)).toBe('dbt-sso-form');
    const values = await storedValues(browser);
    expect(values.domain?.value).toBe(replica.state.tenant.primaryDomain);
    const local = (await storageAreas(browser)).local;
    for (const forged of [FOREIGN_SECRET, FOREIGN_CONTENT.primaryDomain, FOREIGN_CONTENT.clientId, FOREIGN_CONTENT.tenantId, FOREIGN_CONTENT.secretId]) {
      expect(local).not.toContain(forged);
    }
    expect(await ignoredReports(page)).toBeGreaterThan(0);
    expect(browser.errors).toEqual([]);
  });
});

describe('a blade the portal hid at 0×0 with its stale content', () => {
  beforeAll(async () => {
    replica.reset();
    replica.configure({ renderDelayMs: 300, swapLiveFrame: true });
    await freshGuide();
  });
  afterAll(() => {
    replica.configure({ swapLiveFrame: false });
  });

  test('App registrations > Register > App registrations: the hidden form keeps no ring and the panel does not say found', async () => {
    page = await browser.newPage();
    await page.goto('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade');
    await poll(() => stepOf(page)).toBe('open-app-registrations');
    const list = await frameByHost(page, SWAP_BLADE_HOSTS[0]);
    await list.getByRole('menuitem', { name: 'New registration' }).click();
    await poll(() => stepOf(page)).toBe('register-app');
    const form = await frameByHost(page, SWAP_BLADE_HOSTS[1]);
    const name = form.getByRole('textbox', { name: 'Name' });
    await poll(() => spotlightCovers(form, name)).toBe(true);
    await poll(() => targetStateOf(page)).toBe('found');
    // Back to the list: the frame with the form is now 0×0, its form still in it.
    await page.locator('.fxs-breadcrumb').getByRole('link', { name: 'App registrations' }).click();
    await poll(() => form.evaluate(() => [innerWidth, innerHeight])).toEqual([0, 0]);
    expect(await name.count()).toBe(1);
    await poll(() => form.locator('[data-sso-guide="spotlight"]').evaluateAll((rings) => rings.filter((r) => (r as HTMLElement).offsetWidth > 0).length)).toBe(0);
    // The form is not on the page the admin sees: the panel says it could not find it.
    await poll(() => targetStateOf(page)).toBe('missing');
    expect(browser.errors).toEqual([]);
  });
});

describe('a choice verified by the page\'s state', () => {
  beforeAll(async () => {
    replica.reset();
    replica.configure({ renderDelayMs: 300, delegatedAsToggle: true });
    await freshGuide();
  });
  afterAll(() => {
    replica.configure({ delegatedAsToggle: false });
  });

  test('"Delegated permissions" as a toggle button: not "✓ Set" before it is pressed; Choose presses it', async () => {
    const { permissions } = freshApp();
    await markDone(browser, BEFORE_SECRET.slice(0, 5));
    page = await browser.newPage();
    await page.goto(permissions);
    await poll(() => stepOf(page)).toBe('add-api-permissions');
    const frame = await blade(page);
    await frame.getByRole('menuitem', { name: 'Add a permission' }).click();
    await frame.getByRole('button', { name: 'Microsoft Graph', exact: true }).click();
    const delegated = frame.getByRole('button', { name: 'Delegated permissions' });
    await delegated.waitFor();
    expect(await delegated.getAttribute('aria-pressed')).toBe('false');
    const choose = panel(page).getByRole('button', { name: /Delegated permissions/ });
    await poll(() => choose.isEnabled()).toBe(true);
    await page.waitForTimeout(500);
    expect(await choose.textContent()).toBe('Choose');
    await panelButton(page, 'Choose Delegated permissions');
    expect(await delegated.getAttribute('aria-pressed')).toBe('true');
    await panelButton(page, 'Tick User.Read');
    expect(browser.errors).toEqual([]);
  });
});

describe('a pasted redirect URI is checked as one of dbt\'s', () => {
  test.each([
    ['a look-alike host', 'https://auth.getdbt.com.evil.example/login/callback'],
    ['a wrong path', 'https://auth.cloud.getdbt.com/callback'],
  ])('%s is flagged, and the guide cannot start with it', async (_what, uri) => {
    const popup = await browser.openPopup();
    await popup.getByLabel('dbt region').selectOption('custom');
    const field = popup.getByLabel('Callback URI shown in dbt', { exact: true });
    await field.fill(uri);
    await poll(() => field.getAttribute('aria-invalid')).toBe('true');
    await popup.close();
  });
});

describe('the page cannot drive the panel', () => {
  beforeAll(freshGuide);

  test('a click a page script makes on the panel\'s "Close the guide" does nothing', async () => {
    page = await browser.newPage();
    await page.goto('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade');
    await poll(() => stepOf(page)).toBe('open-app-registrations');
    // In the page's own world, as any script of the portal page could.
    const clicked = await page.evaluate(() => {
      const button = [...(document.querySelector('sso-guide-panel')?.shadowRoot?.querySelectorAll('button') ?? [])].find(
        (b) => b.getAttribute('aria-label') === 'Close the guide',
      );
      button?.click();
      return button !== undefined;
    });
    expect(clicked).toBe(true);
    await page.waitForTimeout(500);
    expect(await stepOf(page)).toBe('open-app-registrations');
    expect(JSON.parse((await storageAreas(browser)).local).panel).toMatchObject({ running: true });
    // The admin's own click closes it.
    await panel(page).getByRole('button', { name: 'Close the guide' }).click();
    await poll(async () => (JSON.parse((await storageAreas(browser)).local) as { panel?: { running?: boolean } }).panel?.running).toBe(false);
    await startGuide(browser, { region: 'us' });
  });
});

describe('a lost secret is a guided detour', () => {
  beforeAll(freshGuide);

  test('captured, then the browser restarts: the panel and the popup say so, a new secret is captured, the export unblocks', async () => {
    const app = registerApp(replica.state, { displayName: 'dbt Cloud', signInAudience: 'AzureADMyOrg', redirectUri: { platform: 'web', uri: 'https://auth.cloud.getdbt.com/login/callback' } });
    await markDone(browser, BEFORE_SECRET);
    page = await browser.newPage();
    const credentials = `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${app.appId}`;
    await page.goto(credentials);
    await poll(() => stepOf(page)).toBe('create-client-secret');
    await addSecret(page);
    await poll(() => stepOf(page)).toBe('record-domain');
    const first = app.passwordCredentials[0]?.secretText ?? '';
    expect((await storageAreas(browser)).session).toContain(first);

    // A browser restart: storage.session is gone, storage.local (progress, the old hint) stays.
    await browser.serviceWorker.evaluate(() => (globalThis as unknown as ChromeStorage).chrome.storage.session.clear());
    const popup = await browser.openPopup();
    const notice = popup.getByTestId('secret-lost');
    await poll(() => notice.textContent()).toMatch(/never shows a Value again/);
    expect(await popup.getByTestId('export-blocked').count()).toBe(1);

    await page.reload();
    await poll(() => stepOf(page)).toBe('create-client-secret');
    await poll(() => panel(page).getByTestId('secret-lost').textContent()).toMatch(/no longer in this browser/);
    await addSecret(page);
    await poll(() => stepOf(page)).toBe('record-domain');
    const second = app.passwordCredentials.find((c) => c.secretText !== first)?.secretText ?? '';
    expect(second).not.toBe('');
    const stored = await storageAreas(browser);
    expect(stored.session).toContain(second);
    expect(stored.local).not.toContain(second);
    // The new secret's hint, not the old one's: the Value is taken for what it is.
    expect((await storedValues(browser)).secretHint?.value).toBe(second.slice(0, 3));

    await popup.reload();
    await poll(() => popup.getByTestId('secret-lost').count()).toBe(0);
    await poll(() => popup.getByLabel('Client secret Value', { exact: true }).inputValue()).toBe(second);
    await popup.close();
    expect(browser.errors).toEqual([]);
  });
});
