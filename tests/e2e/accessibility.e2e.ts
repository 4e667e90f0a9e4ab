import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { DEFAULT_EXTENSION_PATH, launchBrowser, type ExtensionBrowser } from './harness';
import { blade, panel, poll, spotlightCovers, stepOf, untilSet } from './guide-helpers';
import { describeFocus, isFocused, press, tabTo } from './keyboard';
import { seriousViolations } from './axe';

/**
 * The whole guide with the keyboard alone: Tab, Shift+Tab, Enter and Space, in the popup, the
 * panel and the portal's own blades, from App registrations to the tenant overview.
 */

if (!existsSync(join(DEFAULT_EXTENSION_PATH, 'manifest.json'))) {
  throw new Error(`No extension build at ${DEFAULT_EXTENSION_PATH}. Build it first: npm run build`);
}

let replica: Replica;
let browser: ExtensionBrowser;
let page: Page;

beforeAll(async () => {
  replica = await startReplica({ config: { renderDelayMs: 400 } });
  browser = await launchBrowser({ replica });
});
afterAll(async () => {
  await browser?.close();
  await replica?.close();
});

/**
 * axe-core on the guide panel alone (the replica's own markup is not ours to judge), on the
 * portal's light and dark themes: the portal switches its theme live, and the panel follows it.
 */
async function panelViolations(): Promise<string[]> {
  const found: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((dark) => document.body.classList.toggle('fxs-theme-dark', dark), theme === 'dark');
    await poll(() => panel(page).locator('[data-theme]').first().getAttribute('data-theme')).toBe(theme);
    for (const v of await seriousViolations(page, 'sso-guide-panel')) found.push(`${theme}: ${v.id} (${v.impact}) ${v.targets.join(', ')}`);
  }
  await page.evaluate(() => document.body.classList.remove('fxs-theme-dark'));
  return found;
}

/** Presses one of the panel's value buttons by keyboard and waits for the page to show it set. */
async function panelKey(name: string): Promise<void> {
  const button = panel(page).getByRole('button', { name });
  await poll(() => button.isEnabled()).toBe(true);
  await press(page, button);
  await untilSet(page, button);
  // Filling focused the field in the portal's frame; the focus is back on the button, so that
  // the next value is one Tab away.
  expect(await isFocused(button), `${name}: the focus is on ${await describeFocus(page)}`).toBe(true);
}

describe('the guided walk with the keyboard alone', () => {
  test('popup: the setup is chosen and the guide started without a pointer', async () => {
    const popup = await browser.openPopup();
    const region = popup.getByLabel('dbt region');
    await region.waitFor();
    await press(popup, region, 'End');
    expect(await region.inputValue()).toBe('custom');
    await popup.keyboard.press('Home');
    expect(await region.inputValue()).toBe('us');
    await press(popup, popup.getByRole('button', { name: 'Start the guide on the portal' }));
    await popup.getByRole('button', { name: 'Stop the guide' }).waitFor();
    await popup.close();
  });

  test('prefers-reduced-motion: the spotlight appears without its fade', async () => {
    const durations: Record<string, string> = {};
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      const tab = await browser.newPage();
      await tab.emulateMedia({ reducedMotion });
      await tab.goto('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade');
      const ring = (await blade(tab)).locator('[data-sso-guide="spotlight"]');
      await ring.waitFor({ state: 'attached' });
      durations[reducedMotion] = await ring.evaluate((el) => getComputedStyle(el).transitionDuration);
      await tab.close();
    }
    expect(durations).toEqual({ 'no-preference': '0.15s', reduce: '0s' });
  });

  test('App registrations → Register an application', async () => {
    page = await browser.newPage();
    await page.goto('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade');
    await poll(() => stepOf(page)).toBe('open-app-registrations');
    const frame = await blade(page);
    await poll(() => spotlightCovers(frame, frame.getByRole('menuitem', { name: 'New registration' }))).toBe(true);
    // The panel is last in the page's tab order: Shift+Tab from the top of the page reaches its
    // last button at once (at most 3 presses, should the browser's own focus stops come first).
    expect(await tabTo(page, panel(page).getByRole('button', { name: 'Open the checklist' }), { backwards: true, max: 3 })).toBeLessThanOrEqual(3);
    await press(page, frame.getByRole('menuitem', { name: 'New registration' }));
    await poll(() => stepOf(page)).toBe('register-app');
    await poll(() => panel(page).getByRole('button', { name: 'Fill in dbt Cloud' }).isEnabled()).toBe(true);
    expect(await panelViolations()).toEqual([]);
    await panelKey('Fill in dbt Cloud');
    await panelKey('Choose Accounts in this organizational directory only');
    await panelKey('Choose Web');
    await panelKey('Fill in https://auth.cloud.getdbt.com/login/callback');
    const register = (await blade(page)).getByRole('button', { name: 'Register' });
    await poll(() => register.isEnabled()).toBe(true);
    await press(page, register);
    await poll(() => stepOf(page)).toBe('assign-users');
    // The panel with what it read back (IDs, account type, redirect URI).
    expect(await panelViolations()).toEqual([]);
    expect(replica.state.apps.find((a) => a.displayName === 'dbt Cloud')?.redirectUris.web).toEqual([
      'https://auth.cloud.getdbt.com/login/callback',
    ]);
  });

  test('Enterprise application: assign a group, require assignment', async () => {
    const app = replica.state.apps.find((a) => a.displayName === 'dbt Cloud');
    const sp = () => replica.state.servicePrincipals.find((s) => s.appId === app?.appId);
    await press(page, (await blade(page)).getByRole('link', { name: 'dbt Cloud' }).last());
    await page.waitForURL(/ManagedAppMenuBlade\/~\/Overview/);
    const menu = page.getByRole('navigation', { name: 'Resource menu' });
    await press(page, menu.getByRole('link', { name: 'Users and groups' }));
    await page.waitForURL(/ManagedAppMenuBlade\/~\/Users/);
    let frame = await blade(page);
    await press(page, frame.getByRole('menuitem', { name: 'Add user/group' }));
    await press(page, frame.getByRole('dialog', { name: 'Add Assignment' }).getByRole('link', { name: 'None Selected' }));
    const picker = frame.getByRole('dialog', { name: 'Users and groups' });
    await press(page, picker.getByRole('checkbox', { name: 'dbt Developers', exact: true }), 'Space');
    await press(page, picker.getByRole('button', { name: 'Select' }));
    await press(page, frame.getByRole('dialog', { name: 'Add Assignment' }).getByRole('button', { name: 'Assign' }));
    await poll(() => sp()?.assignments.length).toBe(1);
    await poll(() => stepOf(page)).toBe('require-assignment');
    expect(await panelViolations()).toEqual([]);
    await press(page, menu.getByRole('link', { name: 'Properties' }));
    await page.waitForURL(/ManagedAppMenuBlade\/~\/Properties/);
    frame = await blade(page);
    await frame.getByRole('switch', { name: 'Assignment required?' }).waitFor();
    await panelKey('Choose Yes');
    await press(page, frame.getByRole('menuitem', { name: 'Save' }));
    await poll(() => sp()?.appRoleAssignmentRequired).toBe(true);
    await poll(() => stepOf(page)).toBe('add-api-permissions');
  });

  test('API permissions and admin consent', async () => {
    await press(page, panel(page).getByRole('link', { name: 'Go there' }));
    const frame = await blade(page);
    await press(page, frame.getByRole('menuitem', { name: 'Add a permission' }));
    await press(page, frame.getByRole('button', { name: 'Microsoft Graph', exact: true }));
    await panelKey('Choose Delegated permissions');
    await panelKey('Tick User.Read');
    await panelKey('Tick GroupMember.Read.All');
    await press(page, frame.getByRole('button', { name: 'Add permissions' }));
    await poll(() => stepOf(page)).toBe('grant-admin-consent');
    await press(page, frame.getByRole('menuitem', { name: /Grant admin consent for/ }));
    await press(page, frame.getByRole('button', { name: 'Yes' }));
    await poll(() => stepOf(page)).toBe('create-client-secret');
  });

  test('Certificates & secrets, then the tenant overview', async () => {
    await press(page, panel(page).getByRole('link', { name: 'Go there' }));
    const frame = await blade(page);
    await press(page, frame.getByRole('tab', { name: /Client secrets/ }));
    await press(page, frame.getByRole('menuitem', { name: 'New client secret' }));
    await panelKey('Fill in dbt Cloud');
    await panelKey('Choose 730 days (24 months)');
    await press(page, frame.getByRole('button', { name: 'Add', exact: true }));
    await poll(() => stepOf(page)).toBe('record-domain');
    await press(page, panel(page).getByRole('link', { name: 'Go there' }));
    await poll(() => stepOf(page)).toBe('dbt-sso-form');
    expect(await panelViolations()).toEqual([]);
  });

  test('(control) the panel check can fail: an unnamed button in the panel is found', async () => {
    await page.evaluate(() => document.querySelector('sso-guide-panel')?.shadowRoot?.querySelector('.panel')?.append(document.createElement('button')));
    expect(await panelViolations()).toContainEqual(expect.stringMatching(/^light: button-name \(critical\)/));
  });

  test('popup and checklist in the dark colour scheme: no serious or critical violation', async () => {
    const popup = await browser.openPopup();
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.getByRole('heading', { name: /dbt Cloud SSO/ }).waitFor();
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.goto(`chrome-extension://${browser.extensionId}/checklist.html`);
    await popup.getByRole('heading', { name: /checklist/ }).waitFor();
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.close();
  });

  test('no errors from the extension, nor in the portal pages it runs in', () => {
    expect(browser.errors).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
