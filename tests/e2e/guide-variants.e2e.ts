import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { registerApp } from '../fixtures/replica/tenant';
import { DEFAULT_EXTENSION_PATH, launchBrowser, type ExtensionBrowser } from './harness';
import { blade, markDone, mergeLocal, panel, panelButton, poll, spotlightCovers, startGuide, stepOf, storageAreas, storedValues, targetStateOf } from './guide-helpers';

/**
 * The guide where the portal is not kind: an old-form link, a blade that renders late and again,
 * and a control the portal renamed.
 */

if (!existsSync(join(DEFAULT_EXTENSION_PATH, 'manifest.json'))) {
  throw new Error(`No extension build at ${DEFAULT_EXTENSION_PATH}. Build it first: npm run build`);
}

let replica: Replica;
let browser: ExtensionBrowser;
let page: Page;

beforeAll(async () => {
  replica = await startReplica();
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

describe('the guide on an unkind portal', () => {
  test('a legacy #blade/ link with a tenant prefix is recognised', async () => {
    replica.configure({ renderDelayMs: 300 });
    page = await browser.newPage();
    await page.goto('https://portal.azure.com/#@contoso.onmicrosoft.com/blade/Microsoft_AAD_RegisteredApps/ApplicationsListBlade');
    await poll(() => stepOf(page)).toBe('open-app-registrations');
    const frame = await blade(page);
    await poll(() => spotlightCovers(frame, frame.getByRole('menuitem', { name: 'New registration' }))).toBe(true);
  });

  test('a blade that renders after 3 s and again: the spotlight finds the new node', async () => {
    replica.configure({ renderDelayMs: 3000, rerender: true });
    page = await browser.newPage();
    await page.goto('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade');
    await poll(() => stepOf(page)).toBe('open-app-registrations');
    const frame = await blade(page);
    await poll(() => spotlightCovers(frame, frame.getByRole('menuitem', { name: 'New registration' }))).toBe(true);
    expect(await targetStateOf(page)).toBe('found');
  });

  test('a control the portal renamed: the panel says what to look for, and nothing throws', async () => {
    replica.configure({ renderDelayMs: 300, missingControl: 'newRegistrationButton' });
    page = await browser.newPage();
    await page.goto('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade');
    await poll(() => targetStateOf(page)).toBe('missing');
    await poll(() => panel(page).getByRole('alert').textContent()).toContain('+ New registration (command bar)');
    replica.configure({ missingControl: undefined });
  });

  test('a Knockout blade in the top document: the spotlight is drawn there', async () => {
    replica.configure({ renderDelayMs: 300, knockout: true });
    page = await browser.newPage();
    await page.goto('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade');
    await poll(() => stepOf(page)).toBe('open-app-registrations');
    const top = page.mainFrame();
    await poll(() => spotlightCovers(top, top.getByRole('button', { name: 'New registration' }))).toBe(true);
    expect(await targetStateOf(page)).toBe('found');
    replica.configure({ knockout: false });
  });

  test('the spotlight follows its target when an inner container scrolls and the window resizes', async () => {
    replica.configure({ renderDelayMs: 300, rerender: false });
    page = await browser.newPage();
    // Short enough that the registration form scrolls inside the blade, not the window.
    await page.setViewportSize({ width: 1280, height: 480 });
    await page.goto('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/CreateApplicationBlade/quickStartType~/null/isMSAApp~/false');
    await poll(() => stepOf(page)).toBe('register-app');
    const frame = await blade(page);
    const name = frame.getByRole('textbox', { name: /^Name\b/ });
    await poll(() => spotlightCovers(frame, name)).toBe(true);
    const scroller = frame.locator('.ext-blade-scroll');
    expect(await scroller.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    const ring = frame.locator('[data-sso-guide="spotlight"]');
    for (const dy of [40, 40, -80]) {
      const before = (await name.boundingBox())?.y ?? NaN;
      await scroller.evaluate((el, by) => el.scrollBy(0, by), dy);
      // The target really moved inside its frame, and the ring with it.
      await poll(async () => Math.round(before - ((await name.boundingBox())?.y ?? NaN))).toBe(dy);
      await poll(() => spotlightCovers(frame, name)).toBe(true);
      expect(await ring.count()).toBe(1);
    }
    await page.setViewportSize({ width: 900, height: 420 });
    await poll(() => spotlightCovers(frame, name)).toBe(true);
    replica.configure({ rerender: true });
  });

  test('the page shows a Secret ID where the Value belongs: the panel refuses it, says so, and keeps nothing', async () => {
    replica.configure({ renderDelayMs: 300, secretColumnsSwapped: true, credentialsTab: 'secrets' });
    const app = registerApp(replica.state, {
      displayName: 'dbt Cloud',
      signInAudience: 'AzureADMyOrg',
      redirectUri: { platform: 'web', uri: 'https://auth.cloud.getdbt.com/login/callback' },
    });
    // The steps before the secret were done earlier (as if by hand, in the checklist).
    await markDone(browser, ['open-app-registrations', 'register-app', 'record-app-ids', 'assign-users', 'require-assignment', 'add-api-permissions', 'grant-admin-consent']);
    page = await browser.newPage();
    await page.goto(`https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${app.appId}`);
    await poll(() => stepOf(page)).toBe('create-client-secret');
    const frame = await blade(page);
    await frame.getByRole('menuitem', { name: 'New client secret' }).click();
    await panelButton(page, 'Fill in dbt Cloud');
    await panelButton(page, 'Choose 730 days (24 months)');
    await frame.getByRole('button', { name: 'Add', exact: true }).click();

    await poll(() => panel(page).getByRole('alert').allTextContents()).toContainEqual(
      expect.stringContaining('That is the Secret ID, not the Value.'),
    );
    const secret = app.passwordCredentials[0]?.secretText ?? '';
    expect(secret.length).toBeGreaterThan(30);
    // The real Value is on the page (under the mislabelled column), but nowhere in the extension.
    await expect.poll(() => frame.getByText(secret).count()).toBe(1);
    expect(await stepOf(page)).toBe('create-client-secret');
    const stored = await storageAreas(browser);
    expect(JSON.parse(stored.session)).not.toHaveProperty('secret');
    expect(stored.session).not.toContain(secret);
    expect(stored.local).not.toContain(secret);
    expect(stored.local).not.toContain(secret.slice(3));
    expect(await page.content()).not.toContain(secret.slice(3));
    replica.configure({ secretColumnsSwapped: false, credentialsTab: 'certificates' });
  });

  test('the account menu shows another directory than the one the app was registered in: the panel warns', async () => {
    replica.configure({ renderDelayMs: 300, accountDirectory: { name: 'Fabrikam', domain: 'fabrikam.onmicrosoft.com' } });
    await mergeLocal(browser, 'values', (stored) => {
      const { values, lists } = (stored ?? {}) as { values?: object; lists?: object };
      const registered = { value: 'contoso.onmicrosoft.com', source: 'page', at: new Date().toISOString() };
      return { lists: lists ?? {}, values: { ...values, registeredDirectory: registered } };
    });
    page = await browser.newPage();
    const app = replica.state.apps.find((a) => a.displayName === 'dbt Cloud');
    await page.goto(`https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${app?.appId}`);
    await poll(() => stepOf(page)).toBe('create-client-secret');
    await poll(() => panel(page).getByRole('alert').allTextContents()).toContainEqual(
      expect.stringContaining('The portal now shows the directory fabrikam.onmicrosoft.com, but the app was registered in contoso.onmicrosoft.com.'),
    );
    replica.configure({ accountDirectory: undefined });
  });

  test('a Knockout tenant overview: the primary domain is read from the top document', async () => {
    replica.configure({ renderDelayMs: 300, knockout: true });
    await markDone(browser, ['create-client-secret']);
    // The secret captured (else the guide takes the lost-secret detour: its step done, no Value held).
    await browser.serviceWorker.evaluate(() =>
      (globalThis as unknown as { chrome: { storage: { session: { set(v: object): Promise<void> } } } }).chrome.storage.session.set({
        secret: { value: 'abC8Q~xYz0123456789ABCDEFGHIJKLMNOPqrstu', source: 'page', at: new Date().toISOString() },
      }),
    );
    page = await browser.newPage();
    await page.goto('https://entra.microsoft.com/#view/Microsoft_AAD_IAM/TenantOverview.ReactView');
    await poll(() => stepOf(page)).toBe('dbt-sso-form');
    expect((await storedValues(browser)).domain).toMatchObject({ value: 'contoso.onmicrosoft.com', source: 'page' });
    replica.configure({ knockout: false });
  });

  test('no errors from the extension, nor in the portal pages it runs in', () => {
    expect(browser.errors).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
