import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { DEFAULT_EXTENSION_PATH, launchBrowser, type ExtensionBrowser } from './harness';
import { blade, panel, panelButton, poll, spotlightCovers, startGuide, stepOf, storageAreas } from './guide-helpers';

/**
 * The whole guide, walked as an admin would on the replica portal: only the guide's own buttons
 * and the portal's controls, from App registrations to the tenant overview, ending with every
 * hand-off value captured and valid in the popup.
 */

if (!existsSync(join(DEFAULT_EXTENSION_PATH, 'manifest.json'))) {
  throw new Error(`No extension build at ${DEFAULT_EXTENSION_PATH}. Build it first: npm run build`);
}

let replica: Replica;

beforeAll(async () => {
  replica = await startReplica({ config: { renderDelayMs: 400 } });
});
afterAll(async () => {
  await replica?.close();
});

describe.each(['portal.azure.com', 'entra.microsoft.com'])('the guided walk on %s', (host) => {
  let browser: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    replica.reset();
    replica.configure({ renderDelayMs: 400 });
    browser = await launchBrowser({ replica });
    await startGuide(browser, { region: 'us' });
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('App registrations: the panel points at "+ New registration"', async () => {
    await page.goto(`https://${host}/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade`);
    await poll(() => stepOf(page)).toBe('open-app-registrations');
    const frame = await blade(page);
    const newRegistration = frame.getByRole('menuitem', { name: 'New registration' });
    await poll(() => spotlightCovers(frame, newRegistration)).toBe(true);
    await newRegistration.click();
  });

  test('Register an application: the guide fills the form, the admin registers', async () => {
    await poll(() => stepOf(page)).toBe('register-app');
    const frame = await blade(page);
    await panelButton(page, 'Fill in dbt Cloud');
    await panelButton(page, 'Choose Accounts in this organizational directory only');
    await panelButton(page, 'Choose Web');
    await panelButton(page, 'Fill in https://auth.cloud.getdbt.com/login/callback');
    const register = frame.getByRole('button', { name: 'Register' });
    await poll(() => register.isEnabled()).toBe(true);
    await poll(() => spotlightCovers(frame, register)).toBe(true);
    await register.click();
  });

  test('App overview: the IDs are read from the page and the guide moves on', async () => {
    await poll(() => stepOf(page)).toBe('add-api-permissions');
    const app = replica.state.apps.find((a) => a.displayName === 'dbt Cloud');
    expect(app?.redirectUris.web).toEqual(['https://auth.cloud.getdbt.com/login/callback']);
    expect(app?.signInAudience).toBe('AzureADMyOrg');
  });

  test('API permissions: Microsoft Graph delegated permissions, ticked by the guide', async () => {
    await panel(page).getByRole('link', { name: 'Go there' }).click();
    const frame = await blade(page);
    await frame.getByRole('menuitem', { name: 'Add a permission' }).click();
    await frame.getByRole('button', { name: 'Microsoft Graph', exact: true }).click();
    await panelButton(page, 'Choose Delegated permissions');
    await panelButton(page, 'Tick User.Read');
    await panelButton(page, 'Tick GroupMember.Read.All');
    await frame.getByRole('button', { name: 'Add permissions' }).click();
    await poll(() => stepOf(page)).toBe('grant-admin-consent');
  });

  test('Grant admin consent: the admin confirms, the guide sees every row granted', async () => {
    const frame = await blade(page);
    await frame.getByRole('menuitem', { name: /Grant admin consent for/ }).click();
    await frame.getByRole('button', { name: 'Yes' }).click();
    await poll(() => stepOf(page)).toBe('create-client-secret');
  });

  test('Certificates & secrets: the Value is captured at once, never the Secret ID', async () => {
    await panel(page).getByRole('link', { name: 'Go there' }).click();
    const frame = await blade(page);
    await frame.getByRole('tab', { name: /Client secrets/ }).click();
    await frame.getByRole('menuitem', { name: 'New client secret' }).click();
    await panelButton(page, 'Fill in dbt Cloud');
    await panelButton(page, 'Choose 730 days (24 months)');
    await frame.getByRole('button', { name: 'Add', exact: true }).click();
    await poll(() => stepOf(page)).toBe('record-domain');
  });

  test('Tenant overview: the primary domain is read; the portal part is done', async () => {
    await panel(page).getByRole('link', { name: 'Go there' }).click();
    await poll(() => stepOf(page)).toBe('handoff');
  });

  test('the popup shows every hand-off value, valid, and the secret only in session storage', async () => {
    const app = replica.state.apps.find((a) => a.displayName === 'dbt Cloud');
    const secret = app?.passwordCredentials[0]?.secretText ?? '';
    expect(secret.length).toBeGreaterThan(30);
    const stored = await storageAreas(browser);
    expect(stored.local).toContain(app?.appId);
    expect(stored.local).toContain(replica.state.tenant.id);
    expect(stored.local).toContain('contoso.onmicrosoft.com');
    expect(stored.local).not.toContain(secret);
    expect(stored.session).toContain(secret);

    const popup = await browser.openPopup();
    await poll(() => popup.getByLabel('Application (client) ID', { exact: true }).inputValue()).toBe(app?.appId);
    await poll(() => popup.getByLabel('Directory (tenant) ID', { exact: true }).inputValue()).toBe(replica.state.tenant.id);
    await poll(() => popup.getByLabel('Directory domain', { exact: true }).inputValue()).toBe('contoso.onmicrosoft.com');
    // The secret is there, masked.
    const secretField = popup.getByLabel('Client secret Value', { exact: true });
    await poll(() => secretField.inputValue()).toBe(secret);
    expect(await secretField.getAttribute('type')).toBe('password');
    await poll(() => popup.getByLabel('Client secret expiry date', { exact: true }).inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await poll(() => popup.locator('[aria-invalid="true"]').count()).toBe(0);
    await popup.close();
    expect(await page.content()).not.toContain(secret.slice(3));
  });

  test('no errors from the extension, nor in the portal pages it runs in', () => {
    expect(browser.errors).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
