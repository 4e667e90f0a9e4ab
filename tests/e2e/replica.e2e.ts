import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  BLADE_PATH,
  CONTROL_RENAMES,
  DEFAULT_ACCESS_ROLE_ID,
  FOREIGN_BLADE_HOST,
  FOREIGN_CONTENT,
  FOREIGN_OTHER_HOST,
  FOREIGN_SECRET,
  IDLE_BLADE_HOST,
  LIVE_BLADE_HOST,
  PLAIN_HOST,
  STALE_BLADE_HOST,
  SWAP_BLADE_HOSTS,
  type ReplicaControl,
} from '../fixtures/replica/protocol';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { frameByHost, launchBrowser, type PortalBrowser } from './harness';

/**
 * The replica portal walked by hand, without the extension: it must behave as the portal does
 * before the guide's browser tests can mean anything.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SECRET = /^[A-Za-z0-9_.~-]{3}\dQ~[A-Za-z0-9_.~-]{34}$/;
const LIST = 'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade';

let replica: Replica;
let browser: PortalBrowser;
let page: Page;

beforeAll(async () => {
  replica = await startReplica({ config: { renderDelayMs: 250, rerenderAfterMs: 150 } });
  browser = await launchBrowser({ replica, withExtension: false });
});

afterEach(async () => {
  await page?.close();
  replica.reset();
});

afterAll(async () => {
  await browser?.close();
  await replica?.close();
});

async function open(url: string): Promise<Frame> {
  page = await browser.newPage();
  await page.goto(url);
  return frameByHost(page, LIVE_BLADE_HOST);
}

/** The text of the element right after the one whose own text is `label` (Essentials, info tables). */
function valueNextTo(scope: Frame | Page, label: string): Locator {
  return scope.getByText(label, { exact: true }).locator('xpath=following-sibling::*[1]');
}

const cell = (row: Locator, column: number) => row.getByRole('gridcell').nth(column);

/**
 * Waits until the live blade shows this view and has had its last render: acting earlier may
 * touch a node the second render is about to replace (the replica-only marker is for these tests).
 */
const settled = (blade: Frame, view: string) => blade.locator(`.ext-blade[data-view="${view}"][data-replica-settled="true"]`).waitFor();

/** expect.poll with room for a slow machine (its default is one second). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

describe('replica portal', () => {
  test.each(['portal.azure.com', 'entra.microsoft.com'])('on %s: registers an app, adds and grants permissions, adds a secret, reads the tenant', async (host) => {
    const blade = await open(`https://${host}/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade`);
    await settled(blade, 'appList');
    await blade.getByRole('menuitem', { name: 'New registration' }).click();
    await page.waitForURL(/CreateApplicationBlade/);
    await settled(blade, 'createApp');

    const name = blade.getByRole('textbox', { name: /^Name/ });
    const register = blade.getByRole('button', { name: 'Register' });
    await name.waitFor();
    expect(await register.isDisabled()).toBe(true);

    // React owns the value: a value attribute or a property set without React's events changes
    // nothing in the form's state.
    await name.evaluate((el: HTMLInputElement) => {
      el.setAttribute('value', 'dbt Cloud');
      el.value = 'set without events';
    });
    await page.waitForTimeout(200);
    expect(await register.isDisabled()).toBe(true);
    // The native setter and a bubbling input event do reach React.
    await name.evaluate((el: HTMLInputElement) => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(el, 'dbt Cloud');
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await poll(() => register.isEnabled()).toBe(true);

    await blade.getByRole('radio', { name: /^Accounts in this organizational directory only \(Contoso only - Single tenant\)/ }).check();
    await blade.getByRole('combobox', { name: 'Select a platform' }).click();
    // Fluent renders the options in a layer at the end of the frame's body, inside its default
    // layer host (a div it appends to the body on first use).
    const layer = blade.locator('body > #fluent-default-layer-host:last-child > .ms-Layer:last-child');
    await poll(() => layer.getByRole('option').allTextContents()).toEqual(['Web', 'Single-page application (SPA)', 'Public client/native (mobile & desktop)']);
    await layer.getByRole('option', { name: 'Web' }).click();
    await blade.getByRole('textbox', { name: 'Redirect URI' }).fill('http://auth.cloud.getdbt.com/login/callback');
    await poll(() => register.isDisabled()).toBe(true);
    await blade.getByRole('textbox', { name: 'Redirect URI' }).fill('https://auth.cloud.getdbt.com/login/callback');
    await register.click();

    await page.waitForURL(/ApplicationMenuBlade\/~\/Overview\/.*appId\//);
    await settled(blade, 'appOverview');
    const app = replica.state.apps.find((a) => a.displayName === 'dbt Cloud');
    expect(app).toBeDefined();
    if (!app) return;
    expect(page.url()).toContain(`/appId/${app.appId}/`);
    expect(app.redirectUris.web).toEqual(['https://auth.cloud.getdbt.com/login/callback']);
    expect(app.signInAudience).toBe('AzureADMyOrg');
    await poll(() => page.locator('.fxs-blade-title-titleText').textContent()).toBe('dbt Cloud | Overview');
    await poll(() => valueNextTo(blade, 'Application (client) ID').textContent()).toBe(app.appId);
    expect(await valueNextTo(blade, 'Object ID').textContent()).toBe(app.objectId);
    expect(await valueNextTo(blade, 'Directory (tenant) ID').textContent()).toBe(replica.state.tenant.id);
    expect(await valueNextTo(blade, 'Redirect URIs').textContent()).toBe('1 web, 0 spa, 0 public client');
    expect(await valueNextTo(blade, 'Supported account types').textContent()).toBe('My organization only');
    expect(await valueNextTo(blade, 'Application (client) ID').getByRole('button', { name: 'Copy to clipboard' }).count()).toBe(1);

    // API permissions: a new app has Microsoft Graph User.Read, delegated, not granted.
    await page.getByRole('link', { name: 'API permissions' }).click();
    await settled(blade, 'apiPermissions');
    const grid = blade.getByRole('grid', { name: 'Configured permissions' });
    const rows = grid.locator('.ms-DetailsRow');
    await poll(() => rows.count()).toBe(1);
    expect(await cell(rows.first(), 0).textContent()).toBe('User.Read');
    expect(await cell(rows.first(), 1).textContent()).toBe('Delegated');
    expect(await cell(rows.first(), 4).textContent()).toBe('');
    expect(await grid.getByRole('columnheader').allTextContents()).toEqual(['API / Permissions name', 'Type', 'Description', 'Admin consent required', 'Status', '']);
    // The table starts below the fold of the blade's inner scroll container.
    const gridTop = await grid.evaluate((el) => el.getBoundingClientRect().top);
    expect(gridTop).toBeGreaterThan(await blade.evaluate(() => innerHeight));

    await blade.getByRole('menuitem', { name: 'Add a permission' }).click();
    const panel = blade.getByRole('dialog', { name: 'Request API permissions' });
    expect(await panel.getByRole('tab').allTextContents()).toEqual(['Microsoft APIs', 'APIs my organization uses', 'My APIs']);
    await panel.getByRole('button', { name: 'Microsoft Graph', exact: true }).click();
    await panel.getByRole('radio', { name: 'Delegated permissions' }).check();
    // Groups start collapsed; typing in the search box shows the matches.
    expect(await panel.getByRole('checkbox', { name: 'GroupMember.Read.All' }).count()).toBe(0);
    await panel.getByRole('searchbox', { name: 'Start typing a permission to filter these results' }).fill('GroupMember');
    await panel.getByRole('checkbox', { name: 'GroupMember.Read.All', exact: true }).check();
    await panel.getByRole('searchbox').fill('');
    await panel.getByRole('button', { name: /^Directory/ }).click();
    await panel.getByRole('checkbox', { name: 'Directory.AccessAsUser.All' }).check();
    await panel.getByRole('button', { name: /^User/ }).click();
    expect(await panel.getByRole('checkbox', { name: 'User.Read', exact: true }).isChecked()).toBe(true);
    await panel.getByRole('button', { name: 'Add permissions' }).click();
    await panel.waitFor({ state: 'detached' });
    await poll(() => rows.count()).toBe(3);
    expect(await rows.nth(1).getByRole('gridcell').allTextContents()).toEqual(['GroupMember.Read.All', 'Delegated', 'Read group memberships', 'Yes', 'Not granted for Contoso', '']);

    await blade.getByRole('menuitem', { name: 'Grant admin consent for Contoso' }).click();
    const confirm = blade.getByRole('alertdialog', { name: 'Grant admin consent confirmation.' });
    await confirm.getByRole('button', { name: 'Yes' }).click();
    await poll(() => rows.evaluateAll((els) => els.map((r) => r.querySelectorAll('[role=gridcell]')[4]?.textContent?.trim()))).toEqual([
      'Granted for Contoso',
      'Granted for Contoso',
      'Granted for Contoso',
    ]);
    expect(app.permissions.map((p) => `${p.name}:${p.type}:${p.granted}`)).toEqual([
      'User.Read:Delegated:true',
      'GroupMember.Read.All:Delegated:true',
      'Directory.AccessAsUser.All:Delegated:true',
    ]);

    // Certificates & secrets: the Value shows once, then only its first three characters.
    await page.getByRole('link', { name: 'Certificates & secrets' }).click();
    await settled(blade, 'credentials');
    await blade.getByRole('tab', { name: 'Client secrets (0)' }).click();
    const secretsGrid = blade.getByRole('grid', { name: 'Client secrets' });
    expect(await secretsGrid.evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThan(await blade.evaluate(() => innerHeight));
    await blade.getByRole('menuitem', { name: 'New client secret' }).click();
    const secretPanel = blade.getByRole('dialog', { name: 'Add a client secret' });
    await secretPanel.getByRole('textbox', { name: 'Description' }).fill('dbt Cloud');
    const expires = secretPanel.getByRole('combobox', { name: 'Expires' });
    // The title; the caret after it is an icon font glyph (private use area).
    expect(await expires.locator('.ms-Dropdown-title').textContent()).toBe('Recommended: 180 days (6 months)');
    await expires.click();
    await poll(() => blade.getByRole('option').allTextContents()).toEqual([
      'Recommended: 180 days (6 months)',
      '90 days (3 months)',
      '365 days (12 months)',
      '545 days (18 months)',
      '730 days (24 months)',
      'Custom',
    ]);
    await blade.getByRole('option', { name: '730 days (24 months)' }).click();
    await secretPanel.getByRole('button', { name: 'Add' }).click();
    await secretPanel.waitFor({ state: 'detached' });

    const secrets = secretsGrid.locator('.ms-DetailsRow');
    await poll(() => secrets.count()).toBe(1);
    const secret = app.passwordCredentials[0];
    expect(secret).toBeDefined();
    if (!secret) return;
    expect(secret.secretText).toMatch(SECRET);
    const [description, expiry, value, secretId] = await secrets.first().getByRole('gridcell').allTextContents();
    expect(description).toBe('dbt Cloud');
    const end = new Date(secret.endDateTime);
    expect(expiry).toBe(`${end.getMonth() + 1}/${end.getDate()}/${end.getFullYear()}`);
    expect(Math.round((end.getTime() - Date.parse(secret.startDateTime)) / 86_400_000)).toBe(730);
    expect(value).toBe(secret.secretText);
    expect(secretId).toBe(secret.keyId);
    expect(secretId).toMatch(GUID);
    expect(await cell(secrets.first(), 2).getByRole('button', { name: 'Copy to clipboard' }).count()).toBe(1);
    expect(await blade.getByRole('tab', { name: 'Client secrets (1)' }).getAttribute('aria-selected')).toBe('true');

    await page.getByRole('link', { name: 'Overview', exact: true }).last().click();
    await page.waitForURL(/~\/Overview\//);
    await settled(blade, 'appOverview');
    await page.getByRole('link', { name: 'Certificates & secrets' }).click();
    await settled(blade, 'credentials');
    await blade.getByRole('tab', { name: 'Client secrets (1)' }).click();
    await poll(() => cell(secrets.first(), 2).textContent()).toBe(secret.hint + '*'.repeat(secret.secretText.length - 3));

    // The directory: the account menu and the tenant overview.
    expect(await page.locator('.fxs-avatarmenu-tenant[data-telemetryname="DirectoryMenu"]').textContent()).toBe('Contoso (contoso.onmicrosoft.com)');
    await page.getByRole('navigation', { name: 'Portal menu' }).getByRole('link', { name: 'Overview' }).click();
    await page.waitForURL(host === 'entra.microsoft.com' ? /TenantOverview\.ReactView/ : /ActiveDirectoryMenuBlade\/~\/Overview/);
    await poll(() => valueNextTo(blade, 'Primary domain').textContent()).toBe('contoso.onmicrosoft.com');
    expect(await valueNextTo(blade, 'Tenant ID').locator('.ext-info-text').textContent()).toBe(replica.state.tenant.id);
    expect(await valueNextTo(blade, 'Tenant ID').getByRole('button', { name: 'Copy to clipboard' }).count()).toBe(1);
    expect(browser.pageErrors).toEqual([]);
  });

  test('the Entra admin center: its header, the tenant overview, a legacy #blade/ link with a tenant prefix', async () => {
    const seeded = replica.state.apps[0];
    if (!seeded) throw new Error('no seeded app');
    const blade = await open('https://entra.microsoft.com/#view/Microsoft_AAD_IAM/TenantOverview.ReactView');
    expect(await page.locator('.fxs-topbar-home').textContent()).toBe('Microsoft Entra admin center');
    await poll(() => valueNextTo(blade, 'Primary domain').textContent()).toBe('contoso.onmicrosoft.com');

    await page.goto(
      `https://entra.microsoft.com/#@contoso.onmicrosoft.com/blade/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/Overview/appId/${seeded.appId}/objectId/${seeded.objectId}/isMSAApp//defaultBlade/Overview`,
    );
    const again = await frameByHost(page, LIVE_BLADE_HOST);
    await poll(() => valueNextTo(again, 'Application (client) ID').textContent()).toBe(seeded.appId);
    expect(await page.locator('.fxs-blade-title-titleText').textContent()).toBe(`${seeded.displayName} | Overview`);

    await page.goto(`https://entra.microsoft.com/#view/microsoft_aad_registeredapps/applicationMenuBlade/~/callAnApi/isMSAApp~/false/APPID/${seeded.appId}`);
    const perms = await frameByHost(page, LIVE_BLADE_HOST);
    await perms.getByRole('grid', { name: 'Configured permissions' }).waitFor();
  });

  test('pre-warmed frames: one holds a stale hidden copy of the previous blade, one is hidden and idle', async () => {
    const blade = await open(LIST);
    await settled(blade, 'appList');
    await blade.getByRole('menuitem', { name: 'New registration' }).click();
    await settled(blade, 'createApp');
    const stale = await frameByHost(page, STALE_BLADE_HOST);
    await stale.getByRole('menuitem', { name: 'New registration' }).waitFor({ state: 'attached' });
    expect(await stale.evaluate(() => [innerWidth, innerHeight])).toEqual([0, 0]);
    const idle = await frameByHost(page, IDLE_BLADE_HOST);
    expect(await page.locator('iframe[name="ReactView-4"]').evaluate((el) => getComputedStyle(el).display)).toBe('none');
    expect(await idle.evaluate(() => document.getElementById('root')?.childElementCount)).toBe(0);
    const plain = await frameByHost(page, PLAIN_HOST);
    expect(await plain.evaluate(() => document.title)).toBe('Not the portal');
    // The live frame's URL never carries the route.
    expect(blade.url()).toBe(`https://${LIVE_BLADE_HOST}/React/Index`);
  });

  test('blades render late and then once more, replacing their nodes', async () => {
    replica.configure({ renderDelayMs: 1000, rerenderAfterMs: 1500 });
    const started = Date.now();
    const blade = await open(LIST);
    const first = await blade.getByRole('menuitem', { name: 'New registration' }).elementHandle();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    await poll(() => first?.evaluate((el) => el.isConnected)).toBe(false);
    await blade.getByRole('menuitem', { name: 'New registration' }).waitFor();
  });

  test('Knockout blades render in the top document', async () => {
    replica.configure({ knockout: true });
    await open(LIST);
    const toolbarButton = page.locator('.fxs-blade-content-wrapper .azc-toolbarButton', { hasText: 'New registration' });
    await page.locator('.fxs-blade-knockout[data-replica-settled="true"]').waitFor();
    expect(await page.locator('.azc-grid').getByRole('link', { name: 'Contoso Expenses' }).count()).toBe(1);
    expect(await page.locator('[data-bind]').count()).toBeGreaterThan(5);
    expect(await page.locator('.fxs-reactview-host').isHidden()).toBe(true);
    await toolbarButton.click();
    await page.waitForURL(/CreateApplicationBlade/);
    await page.getByRole('navigation', { name: 'Portal menu' }).getByRole('link', { name: 'Overview' }).click();
    const domain = page.locator('.fxc-essentials-item', { hasText: 'Primary domain' }).locator('.fxc-essentials-value');
    await poll(() => domain.textContent()).toBe('contoso.onmicrosoft.com');
  });

  test('without a Redirect URI on the form, Authentication adds it through "Add a platform"', async () => {
    replica.configure({ redirectUriOnRegister: false });
    const blade = await open('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/CreateApplicationBlade/quickStartType~/null/isMSAApp~/false');
    await settled(blade, 'createApp');
    await blade.getByRole('textbox', { name: /^Name/ }).fill('dbt Cloud');
    expect(await blade.getByRole('combobox').count()).toBe(0);
    await blade.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(/~\/Overview\//);
    await settled(blade, 'appOverview');
    expect(await valueNextTo(blade, 'Redirect URIs').textContent()).toBe('Add a Redirect URI');
    await page.getByRole('link', { name: 'Authentication' }).click();
    await settled(blade, 'authentication');
    await blade.getByRole('button', { name: 'Add a platform' }).click();
    await blade.getByRole('dialog', { name: 'Configure platforms' }).getByRole('button', { name: 'Web', exact: true }).click();
    const panel = blade.getByRole('dialog', { name: 'Configure Web' });
    const configure = panel.getByRole('button', { name: 'Configure' });
    expect(await configure.isDisabled()).toBe(true);
    await panel.getByRole('textbox', { name: /^Redirect URIs/ }).fill('https://auth.cloud.getdbt.com/login/callback');
    await configure.click();
    await panel.waitFor({ state: 'detached' });
    await poll(() => blade.getByRole('region', { name: 'Web' }).getByRole('textbox', { name: 'Redirect URI' }).inputValue()).toBe('https://auth.cloud.getdbt.com/login/callback');
    expect(replica.state.apps.at(-1)?.redirectUris.web).toEqual(['https://auth.cloud.getdbt.com/login/callback']);
  });

  test('a "missing" control is renamed, and the page still works', async () => {
    replica.configure({ missingControl: 'newRegistrationButton' });
    const blade = await open(LIST);
    await blade.getByRole('menuitem', { name: 'Create app' }).waitFor();
    expect(await blade.getByRole('menuitem', { name: 'New registration' }).count()).toBe(0);
  });
});

/** Registers an app through App registrations, as an admin does, and waits for its Overview. */
async function registerThroughUi(host: string, displayName: string): Promise<Frame> {
  const blade = await open(`https://${host}/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade`);
  await settled(blade, 'appList');
  await blade.getByRole('menuitem', { name: 'New registration' }).click();
  await settled(blade, 'createApp');
  await blade.getByRole('textbox', { name: /^Name/ }).fill(displayName);
  await blade.getByRole('button', { name: 'Register' }).click();
  await page.waitForURL(/ApplicationMenuBlade\/~\/Overview\//);
  await settled(blade, 'appOverview');
  return blade;
}

const servicePrincipalOf = (appId: string) => {
  const sp = replica.state.servicePrincipals.find((p) => p.appId === appId);
  if (!sp) throw new Error(`no service principal for ${appId}`);
  return sp;
};

/** A Knockout blade in the top document: this content shown, and no render still to come. */
async function koSettled(content: Locator): Promise<void> {
  await content.waitFor();
  await page.locator('.fxs-blade-knockout[data-replica-settled="true"]').waitFor();
}

const resourceMenu = () => page.getByRole('navigation', { name: 'Resource menu' });
const toast = (text: string) => page.locator('.fxs-toast[role="status"]', { hasText: text });
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('replica portal: Enterprise applications', () => {
  test.each(['portal.azure.com', 'entra.microsoft.com'])('on %s: from the registered app to its enterprise app; assigns a group; requires assignment; lists it', async (host) => {
    const blade = await registerThroughUi(host, 'dbt Cloud');
    const app = replica.state.apps.find((a) => a.displayName === 'dbt Cloud');
    if (!app) throw new Error('not registered');
    // Registering in the portal creates the service principal, with an object ID of its own.
    const sp = servicePrincipalOf(app.appId);
    expect(sp).toMatchObject({ appId: app.appId, displayName: 'dbt Cloud', appRoleAssignmentRequired: false, assignments: [] });
    expect(sp.id).toMatch(GUID);
    expect(sp.id).not.toBe(app.objectId);

    // Overview > "Managed application in local directory" > the enterprise app's Overview.
    await valueNextTo(blade, 'Managed application in local directory').getByRole('link', { name: 'dbt Cloud' }).click();
    await page.waitForURL(new RegExp(`ManagedAppMenuBlade/~/Overview/objectId/${sp.id}/appId/${app.appId}/`));
    await settled(blade, 'managedAppOverview');
    expect(await page.locator('.fxs-blade-title-titleText').textContent()).toBe('dbt Cloud | Overview');
    expect(await valueNextTo(blade, 'Name').textContent()).toBe('dbt Cloud');
    expect(await valueNextTo(blade, 'Application ID').textContent()).toBe(app.appId);
    expect(await valueNextTo(blade, 'Object ID').textContent()).toBe(sp.id);
    expect(await blade.getByRole('heading', { name: '1. Assign users and groups' }).count()).toBe(1);
    // A React View: its content is in the sandbox-1 frame, none of it in the top document.
    expect(blade.url()).toBe(`https://${LIVE_BLADE_HOST}/React/Index`);
    expect(await page.getByText('1. Assign users and groups').count()).toBe(0);
    expect(await resourceMenu().getByRole('link').allTextContents()).toEqual([
      'Overview',
      'Deployment Plan',
      'Diagnose and solve problems',
      'Properties',
      'Owners',
      'Roles and administrators',
      'Users and groups',
      'Single sign-on',
      'Provisioning',
      'Self-service',
    ]);

    // Users and groups: empty, then "+ Add user/group" > "None Selected" > a group > Select > Assign.
    await blade.getByRole('link', { name: 'Assign users and groups' }).click();
    await page.waitForURL(new RegExp(`ManagedAppMenuBlade/~/Users/objectId/${sp.id}/`));
    await settled(blade, 'managedAppUsers');
    expect(await page.locator('.fxs-blade-title-titleText').textContent()).toBe('dbt Cloud | Users and groups');
    const grid = blade.getByRole('grid', { name: 'Users and groups' });
    expect(await grid.getByRole('columnheader').allTextContents()).toEqual(['Display Name', 'Object Type', 'Role assigned']);
    expect(await grid.getByText('No application assignments found').count()).toBe(1);
    expect(await blade.getByText("The application will appear for assigned users within My Apps. Set 'visible to users?' to no in properties to prevent this.").count()).toBe(1);
    expect(await blade.getByRole('menuitem').allTextContents()).toEqual(['Add user/group', 'Edit assignment', 'Remove', 'Update credentials', 'Columns', 'Got feedback?']);
    expect(await page.getByRole('menuitem').count()).toBe(0);

    await blade.getByRole('menuitem', { name: 'Add user/group' }).click();
    const add = blade.getByRole('dialog', { name: 'Add Assignment' });
    const assign = add.getByRole('button', { name: 'Assign' });
    expect(await assign.isDisabled()).toBe(true);
    expect(await add.getByText('Select a role').count()).toBe(1);
    expect(await add.getByText('Default Access').count()).toBe(1);
    await add.getByRole('link', { name: 'None Selected' }).click();
    const picker = blade.getByRole('dialog', { name: 'Users and groups' });
    expect(await picker.getByRole('checkbox').count()).toBe(replica.state.users.length + replica.state.groups.length);
    // A user's row shows the UPN, outside the checkbox's name.
    const adele = replica.state.users.find((u) => u.displayName === 'Adele Vance');
    expect(adele?.userPrincipalName).toBe('AdeleV@contoso.onmicrosoft.com');
    expect(await picker.getByRole('listitem').filter({ has: blade.getByRole('checkbox', { name: 'Adele Vance', exact: true }) }).textContent()).toContain('AdeleV@contoso.onmicrosoft.com');
    await picker.getByRole('searchbox', { name: 'Search' }).fill('dbt');
    await poll(() => picker.getByRole('checkbox').count()).toBe(2);
    await picker.getByRole('checkbox', { name: 'dbt Developers', exact: true }).check();
    expect(await picker.getByRole('list', { name: 'Selected items' }).textContent()).toContain('dbt Developers');
    await picker.getByRole('button', { name: 'Select' }).click();
    await picker.waitFor({ state: 'detached' });
    await add.getByRole('link', { name: '1 group selected.' }).waitFor();
    // Choosing is not assigning: nothing reached the directory before Assign.
    expect(sp.assignments).toEqual([]);
    await assign.click();
    await add.waitFor({ state: 'detached' });
    const rows = grid.locator('.ms-DetailsRow');
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().getByRole('gridcell').allTextContents()).toEqual(['dbt Developers', 'Group', 'Default Access']);
    const developers = replica.state.groups.find((g) => g.displayName === 'dbt Developers');
    expect(sp.assignments).toEqual([
      { id: expect.stringMatching(GUID), principalId: developers?.id, principalType: 'Group', principalDisplayName: 'dbt Developers', appRoleId: DEFAULT_ACCESS_ROLE_ID },
    ]);
    await toast('Assignment succeeded').waitFor();

    // Properties: "Assignment required?" Yes, Save.
    await resourceMenu().getByRole('link', { name: 'Properties' }).click();
    await page.waitForURL(/ManagedAppMenuBlade\/~\/Properties\//);
    await settled(blade, 'managedAppProperties');
    expect(await blade.getByRole('switch').evaluateAll((els) => els.map((el) => el.getAttribute('aria-labelledby') && document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent))).toEqual([
      'Enabled for users to sign-in?',
      'Assignment required?',
      'Visible to users?',
    ]);
    const required = blade.getByRole('switch', { name: 'Assignment required?' });
    const save = blade.getByRole('menuitem', { name: 'Save' });
    const discard = blade.getByRole('menuitem', { name: 'Discard' });
    expect(await blade.getByRole('menuitem').allTextContents()).toEqual(['Save', 'Discard', 'Delete', 'Got feedback?']);
    expect(await required.getAttribute('aria-checked')).toBe('false');
    expect(await required.locator('xpath=following-sibling::*[1]').textContent()).toBe('No');
    expect(await save.isDisabled()).toBe(true);
    expect(await discard.isDisabled()).toBe(true);
    expect(await blade.getByRole('textbox', { name: 'Application ID' }).inputValue()).toBe(app.appId);
    expect(await blade.getByRole('textbox', { name: 'Application ID' }).getAttribute('readonly')).not.toBeNull();
    expect(await blade.getByRole('textbox', { name: 'Object ID' }).inputValue()).toBe(sp.id);

    await required.click();
    expect(await required.getAttribute('aria-checked')).toBe('true');
    expect(await required.locator('xpath=following-sibling::*[1]').textContent()).toBe('Yes');
    await poll(() => save.isEnabled()).toBe(true);
    // Not saved until Save.
    expect(sp.appRoleAssignmentRequired).toBe(false);
    await save.click();
    await poll(() => sp.appRoleAssignmentRequired).toBe(true);
    await poll(() => save.isDisabled()).toBe(true);
    expect(await discard.isDisabled()).toBe(true);
    expect(await required.getAttribute('aria-checked')).toBe('true');
    await toast('Successfully updated dbt Cloud application properties').waitFor();
    expect(sp).toMatchObject({ accountEnabled: true, visibleToUsers: true, displayName: 'dbt Cloud' });

    // Enterprise applications: the list shows the app and leads to it.
    await page.getByRole('navigation', { name: 'Portal menu' }).getByRole('link', { name: 'Enterprise applications' }).click();
    await page.waitForURL(/StartboardApplicationsMenuBlade\/~\/AppAppsPreview/);
    await settled(blade, 'enterpriseApps');
    expect(await page.locator('.fxs-blade-title-titleText').textContent()).toBe('Enterprise applications | All applications');
    const list = blade.getByRole('grid', { name: 'Enterprise applications' });
    expect(await list.getByRole('columnheader').allTextContents()).toEqual(['Name', 'Object ID', 'Application ID', 'Homepage URL', 'Created on']);
    const row = list.locator('.ms-DetailsRow').filter({ has: blade.getByRole('link', { name: 'dbt Cloud' }) });
    expect((await row.getByRole('gridcell').allTextContents()).slice(1, 4)).toEqual([sp.id, app.appId, '']);
    expect(await list.locator('.ms-DetailsRow').count()).toBe(replica.state.servicePrincipals.length);
    await blade.getByRole('searchbox', { name: 'Search by application name or object ID' }).fill('dbt');
    await poll(() => list.locator('.ms-DetailsRow').count()).toBe(1);
    await blade.getByRole('searchbox', { name: 'Search by application name or object ID' }).fill(sp.id.slice(0, 8));
    await poll(() => list.locator('.ms-DetailsRow').count()).toBe(1);
    await row.getByRole('link', { name: 'dbt Cloud' }).click();
    await page.waitForURL(new RegExp(`ManagedAppMenuBlade/~/Overview/objectId/${sp.id}/appId/${app.appId}$`));
    await settled(blade, 'managedAppOverview');
    expect(browser.pageErrors).toEqual([]);
  });

  test('Properties: the Name is React-controlled; Discard puts the saved values back', async () => {
    const seeded = replica.state.servicePrincipals[1];
    if (!seeded) throw new Error('no seeded service principal');
    const blade = await open(`https://portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Properties/objectId/${seeded.id}/appId/${seeded.appId}`);
    await settled(blade, 'managedAppProperties');
    const name = blade.getByRole('textbox', { name: 'Name', exact: true });
    const save = blade.getByRole('menuitem', { name: 'Save' });
    const discard = blade.getByRole('menuitem', { name: 'Discard' });
    await name.evaluate((el: HTMLInputElement) => {
      el.value = 'set without events';
    });
    await page.waitForTimeout(200);
    expect(await save.isDisabled()).toBe(true);
    await name.evaluate((el: HTMLInputElement) => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(el, 'Intranet (renamed)');
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await poll(() => save.isEnabled()).toBe(true);
    await blade.getByRole('switch', { name: 'Visible to users?' }).click();
    await discard.click();
    await poll(() => save.isDisabled()).toBe(true);
    expect(await name.inputValue()).toBe(seeded.displayName);
    expect(await blade.getByRole('switch', { name: 'Visible to users?' }).getAttribute('aria-checked')).toBe('true');
    expect(seeded.displayName).toBe('Contoso Intranet');
  });

  test('Knockout: the same pages in the top document; option pickers for Yes/No', async () => {
    replica.configure({ knockout: true });
    const sp = replica.state.servicePrincipals.find((p) => p.displayName === 'Contoso Intranet');
    if (!sp) throw new Error('no seeded service principal');
    await open('https://portal.azure.com/#view/Microsoft_AAD_IAM/StartboardApplicationsMenuBlade/~/AppAppsPreview');
    const list = page.locator('.azc-grid[aria-label="Enterprise applications"]');
    await koSettled(list);
    expect(await page.locator('.fxs-reactview-host').isHidden()).toBe(true);
    expect(await list.getByRole('columnheader').allTextContents()).toEqual(['Name', 'Object ID', 'Application ID', 'Homepage URL', 'Created on']);
    await page.getByRole('textbox', { name: 'Search by application name or object ID' }).fill('intranet');
    await poll(() => list.locator('tbody tr').count()).toBe(1);
    await list.getByRole('link', { name: 'Contoso Intranet' }).click();

    await koSettled(page.locator('.fxc-essentials-item', { hasText: 'Object ID' }));
    expect(await page.locator('.fxc-essentials-item', { hasText: 'Object ID' }).locator('.fxc-essentials-value').textContent()).toBe(sp.id);
    await page.getByRole('link', { name: 'Assign users and groups' }).click();
    const grid = page.locator('.azc-grid[aria-label="Users and groups"]');
    await koSettled(grid.getByText('No application assignments found'));
    expect(await page.locator('.azc-toolbarButton').allTextContents()).toEqual(['Add user/group', 'Edit assignment', 'Remove', 'Update credentials', 'Columns', 'Got feedback?']);
    await page.locator('.azc-toolbarButton', { hasText: 'Add user/group' }).click();
    const add = page.getByRole('dialog', { name: 'Add Assignment' });
    expect(await add.getByRole('button', { name: 'Assign' }).isDisabled()).toBe(true);
    await add.getByRole('link', { name: 'None Selected' }).click();
    const picker = page.getByRole('dialog', { name: 'Users and groups' });
    await picker.getByRole('checkbox', { name: 'Adele Vance' }).check();
    await picker.getByRole('checkbox', { name: 'Megan Bowen' }).check();
    await picker.getByRole('button', { name: 'Select' }).click();
    await picker.waitFor({ state: 'detached' });
    await add.getByRole('link', { name: '2 users selected.' }).click();
    // The picker opens again on what was chosen.
    expect(await picker.getByRole('checkbox', { name: 'Megan Bowen' }).isChecked()).toBe(true);
    await picker.getByRole('checkbox', { name: 'dbt Analysts' }).check();
    await picker.getByRole('button', { name: 'Select' }).click();
    await add.getByRole('link', { name: '2 users and 1 group selected.' }).waitFor();
    expect(sp.assignments).toEqual([]);
    await add.getByRole('button', { name: 'Assign' }).click();
    await poll(() => grid.locator('tbody tr').allTextContents()).toEqual(['Adele VanceUserDefault Access', 'dbt AnalystsGroupDefault Access', 'Megan BowenUserDefault Access']);
    expect(sp.assignments.map((a) => `${a.principalDisplayName}:${a.principalType}`).sort()).toEqual(['Adele Vance:User', 'Megan Bowen:User', 'dbt Analysts:Group']);
    await toast('Assignment succeeded').waitFor();

    await resourceMenu().getByRole('link', { name: 'Properties' }).click();
    const required = page.getByRole('radiogroup', { name: 'Assignment required?' });
    await koSettled(required);
    // Three Yes/No groups: a "Yes" is only meaningful inside its group.
    expect(await page.getByRole('radio', { name: 'Yes' }).count()).toBe(3);
    expect(await required.getByRole('radio', { name: 'No' }).getAttribute('aria-checked')).toBe('true');
    const save = page.locator('.azc-toolbarButton', { hasText: 'Save' });
    expect(await page.locator('.azc-toolbarButton').allTextContents()).toEqual(['Save', 'Discard', 'Delete', 'Got feedback?']);
    expect(await save.getAttribute('aria-disabled')).toBe('true');
    // A disabled command does nothing, even when clicked.
    await save.click({ force: true });
    await required.getByRole('radio', { name: 'Yes' }).click();
    expect(await required.getByRole('radio', { name: 'Yes' }).getAttribute('aria-checked')).toBe('true');
    expect(await save.getAttribute('aria-disabled')).toBe('false');
    expect(sp.appRoleAssignmentRequired).toBe(false);
    expect(await toast('Successfully updated').count()).toBe(0);
    await save.click();
    await poll(() => sp.appRoleAssignmentRequired).toBe(true);
    await toast('Successfully updated Contoso Intranet application properties').waitFor();
    await poll(() => page.locator('.azc-toolbarButton', { hasText: 'Save' }).getAttribute('aria-disabled')).toBe('true');
    await koSettled(page.getByRole('radiogroup', { name: 'Assignment required?' }));
    expect(await page.getByRole('radiogroup', { name: 'Assignment required?' }).getByRole('radio', { name: 'Yes' }).getAttribute('aria-checked')).toBe('true');
    expect(await page.getByRole('textbox', { name: 'Application ID' }).inputValue()).toBe(sp.appId);
    expect(browser.pageErrors).toEqual([]);
  });

  test('routes: #blade/, a tenant prefix, any case and order, trailing parameters; the directory menu leads to the list', async () => {
    const sp = replica.state.servicePrincipals[0];
    const app = replica.state.apps[0];
    if (!sp || !app) throw new Error('nothing seeded');
    let blade = await open(`https://entra.microsoft.com/#@contoso.onmicrosoft.com/blade/Microsoft_AAD_IAM/ManagedAppMenuBlade/Users/objectId/${sp.id}/appId/${sp.appId}/fromNav/`);
    await settled(blade, 'managedAppUsers');
    // The seeded app already has a group assigned and assignment required.
    expect(await blade.getByRole('grid', { name: 'Users and groups' }).locator('.ms-DetailsRow').getByRole('gridcell').allTextContents()).toEqual(['Finance', 'Group', 'Default Access']);

    await page.goto(`https://portal.azure.com/#view/microsoft_aad_iam/managedappmenublade/~/properties/APPID/${sp.appId.toUpperCase()}/OBJECTID/${sp.id}`);
    blade = await frameByHost(page, LIVE_BLADE_HOST);
    await settled(blade, 'managedAppProperties');
    expect(await blade.getByRole('switch', { name: 'Assignment required?' }).getAttribute('aria-checked')).toBe('true');

    await page.goto(`https://portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/${sp.id}/appId/${sp.appId}/preferredSingleSignOnMode~/null/servicePrincipalType/Application/fromNav/`);
    blade = await frameByHost(page, LIVE_BLADE_HOST);
    await settled(blade, 'managedAppOverview');
    expect(await valueNextTo(blade, 'Object ID').textContent()).toBe(sp.id);

    // The app registration's Object ID is not the enterprise app's: the portal finds nothing.
    await page.goto(`https://portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/${app.objectId}/appId/${app.appId}`);
    blade = await frameByHost(page, LIVE_BLADE_HOST);
    await settled(blade, 'notFound');
    expect(await blade.getByRole('alert').textContent()).toContain(app.objectId);

    for (const hash of ['#view/Microsoft_AAD_IAM/StartboardApplicationsMenuBlade/~/AppAppsPreview/menuId~/null', '#VIEW/Microsoft_AAD_IAM/StartboardApplicationsMenuBlade', '#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/EnterpriseApps']) {
      await page.goto(`https://portal.azure.com/${hash}`);
      blade = await frameByHost(page, LIVE_BLADE_HOST);
      // The same blade again renders afresh: wait for the new render's content, not the old one's.
      await poll(() => blade.getByRole('grid', { name: 'Enterprise applications' }).getByRole('link', { name: 'Contoso Expenses' }).count()).toBe(1);
      expect(page.url()).toContain(hash);
    }

    await page.goto('https://portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview');
    await resourceMenu().getByRole('link', { name: 'Enterprise applications' }).click();
    await page.waitForURL(new RegExp(`${escape('#view/Microsoft_AAD_IAM/StartboardApplicationsMenuBlade/~/AppAppsPreview')}`));
    await settled(blade, 'enterpriseApps');
    // The list's other menu items stay in the Enterprise applications blade.
    await resourceMenu().getByRole('link', { name: 'User settings' }).click();
    await poll(() => page.locator('.fxs-blade-title-titleText').textContent()).toBe('Enterprise applications | User settings');
    await resourceMenu().getByRole('link', { name: 'All applications' }).click();
    await poll(() => page.locator('.fxs-blade-title-titleText').textContent()).toBe('Enterprise applications | All applications');
    await poll(() => blade.getByRole('grid', { name: 'Enterprise applications' }).isVisible()).toBe(true);
  });

  const renamed: { control: ReplicaControl; usual: string; where: (blade: Frame) => Locator }[] = [
    { control: 'enterpriseAppsMenuItem', usual: 'Enterprise applications', where: () => page.getByRole('navigation', { name: 'Portal menu' }).getByRole('link') },
    { control: 'managedAppLink', usual: 'Managed application in local directory', where: (blade) => blade.locator('.ext-essentials-label') },
    { control: 'usersAndGroupsMenuItem', usual: 'Users and groups', where: () => resourceMenu().getByRole('link') },
    { control: 'addUserGroupButton', usual: 'Add user/group', where: (blade) => blade.getByRole('menuitem') },
    { control: 'assignmentRequiredToggle', usual: 'Assignment required?', where: (blade) => blade.locator('.ms-Toggle-label') },
  ];
  test.each(renamed)('a "missing" $control is renamed', async ({ control, usual, where }) => {
    replica.configure({ missingControl: control });
    const sp = replica.state.servicePrincipals[0];
    const app = replica.state.apps[0];
    if (!sp || !app) throw new Error('nothing seeded');
    const hash =
      control === 'managedAppLink'
        ? `#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${app.appId}`
        : `#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/${control === 'assignmentRequiredToggle' ? 'Properties' : 'Users'}/objectId/${sp.id}/appId/${sp.appId}`;
    const blade = await open(`https://portal.azure.com/${hash}`);
    await blade.locator('.ext-blade[data-replica-settled="true"]').waitFor();
    const texts = await where(blade).allTextContents();
    expect(texts).toContain(CONTROL_RENAMES[control]);
    expect(texts).not.toContain(usual);
  });
});

describe('replica options for the guide\'s robustness tests', () => {
  const foreignCases = [
    { kind: 'beside', host: FOREIGN_BLADE_HOST },
    { kind: 'other-host', host: FOREIGN_OTHER_HOST },
  ] as const;
  test.each(foreignCases)('foreignFrame $kind: a smaller visible frame on $host beside the blade, with a fake secret, permissions and IDs; the real blade still works', async ({ kind, host }) => {
    replica.configure({ foreignFrame: kind });
    const blade = await open('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/CreateApplicationBlade');
    await settled(blade, 'createApp');
    const foreign = await frameByHost(page, host);
    const foreignEl = page.locator(`iframe[src="https://${host}${BLADE_PATH}"]`);
    const liveEl = page.locator('iframe[name="ReactView-1"]');

    // In the top document, visible, inside the viewport, smaller than the real blade and beside it.
    expect(await foreignEl.evaluate((el) => el.parentElement?.closest('iframe, .fxs-reactview-pool') ?? null)).toBeNull();
    expect(await foreignEl.isVisible()).toBe(true);
    const box = await foreignEl.boundingBox();
    const liveBox = await liveEl.boundingBox();
    if (!box || !liveBox) throw new Error('no box');
    expect(box.width * box.height).toBeGreaterThan(0);
    expect(box.width * box.height).toBeLessThan(liveBox.width * liveBox.height);
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    expect(box.y + box.height).toBeLessThanOrEqual(720);
    const overlaps = box.x < liveBox.x + liveBox.width && liveBox.x < box.x + box.width && box.y < liveBox.y + liveBox.height && liveBox.y < box.y + box.height;
    expect(overlaps).toBe(false);
    expect(await foreign.evaluate(() => [innerWidth > 0, innerHeight > 0])).toEqual([true, true]);

    // The fake secrets grid, in the real one's markup.
    const secrets = foreign.getByRole('grid', { name: 'Client secrets' });
    expect(await secrets.getByRole('columnheader').allTextContents()).toEqual(['Description', 'Expires', 'Value', 'Secret ID', '']);
    const secretRows = secrets.locator('[role=row].ms-DetailsRow');
    expect(await secretRows.count()).toBe(1);
    const [description, expires, value, secretId] = await secretRows.first().getByRole('gridcell').allTextContents();
    expect(description).toBe(FOREIGN_CONTENT.secretDescription);
    expect(expires).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
    expect(value).toBe(FOREIGN_SECRET);
    expect(value).toMatch(SECRET);
    expect(secretId).toMatch(GUID);
    expect(await foreign.getByText(FOREIGN_SECRET, { exact: true }).isVisible()).toBe(true);
    expect(replica.state.apps.flatMap((a) => a.passwordCredentials.map((c) => c.secretText))).not.toContain(FOREIGN_SECRET);

    // The fake configured permissions: Microsoft Graph, delegated, granted.
    const permissions = foreign.getByRole('grid', { name: 'Configured permissions' });
    expect(await permissions.getByRole('columnheader').allTextContents()).toEqual(['API / Permissions name', 'Type', 'Description', 'Admin consent required', 'Status', '']);
    expect(await permissions.locator('.ms-GroupHeader').textContent()).toBe('Microsoft Graph (2)');
    const permissionRows = permissions.locator('[role=row].ms-DetailsRow');
    expect(await permissionRows.nth(0).getByRole('gridcell').allTextContents()).toEqual(['User.Read', 'Delegated', 'Sign in and read user profile', 'No', 'Granted for Contoso', '']);
    expect(await permissionRows.nth(1).getByRole('gridcell').allTextContents()).toEqual(['GroupMember.Read.All', 'Delegated', 'Read group memberships', 'Yes', 'Granted for Contoso', '']);

    // The fake tenant and app IDs, as label/value pairs; none of them the tenant's or an app's.
    expect(await valueNextTo(foreign, 'Primary domain').textContent()).toBe('evil.example');
    const tenantId = await valueNextTo(foreign, 'Tenant ID').locator('.ext-info-text').textContent();
    const clientId = await valueNextTo(foreign, 'Application (client) ID').textContent();
    const directoryId = await valueNextTo(foreign, 'Directory (tenant) ID').textContent();
    for (const id of [tenantId, clientId, directoryId, secretId]) expect(id).toMatch(GUID);
    expect(tenantId).not.toBe(replica.state.tenant.id);
    expect(directoryId).not.toBe(replica.state.tenant.id);
    const realIds = replica.state.apps.flatMap((a) => [a.appId, a.objectId, ...a.passwordCredentials.map((c) => c.keyId)]);
    for (const id of [clientId, secretId]) expect(realIds).not.toContain(id);

    // The real blade still works: register an app.
    await blade.getByRole('textbox', { name: /^Name/ }).fill('dbt Cloud');
    await blade.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(/~\/Overview\//);
    await settled(blade, 'appOverview');
    const app = replica.state.apps.find((a) => a.displayName === 'dbt Cloud');
    if (!app) throw new Error('not registered');
    await poll(() => valueNextTo(blade, 'Application (client) ID').textContent()).toBe(app.appId);
    expect(clientId).not.toBe(app.appId);

    // Whatever the route, the same frame and the same fake content, still visible.
    expect(await foreignEl.isVisible()).toBe(true);
    expect(await page.locator(`iframe[src="https://${host}${BLADE_PATH}"]`).count()).toBe(1);
    expect(await foreign.getByText(FOREIGN_SECRET, { exact: true }).isVisible()).toBe(true);
    expect(browser.pageErrors).toEqual([]);
  });

  test('foreignFrame off (the default): no foreign frame', async () => {
    const blade = await open(LIST);
    await settled(blade, 'appList');
    expect(page.frames().map((f) => new URL(f.url()).hostname)).not.toContain(FOREIGN_BLADE_HOST);
    expect(page.frames().map((f) => new URL(f.url()).hostname)).not.toContain(FOREIGN_OTHER_HOST);
    expect(await page.locator('iframe[name="ReactView-3"]').count()).toBe(0);
  });

  test('swapLiveFrame: the frame that was live goes to 0×0 and keeps its old blade; the other frame shows the new one', async () => {
    replica.configure({ swapLiveFrame: true });
    const [firstHost, secondHost] = SWAP_BLADE_HOSTS;
    const first = await open(LIST);
    const firstEl = page.locator(`iframe[src="https://${firstHost}${BLADE_PATH}"]`);
    const secondEl = page.locator(`iframe[src="https://${secondHost}${BLADE_PATH}"]`);
    await settled(first, 'appList');
    const oldList = await first.locator('.ext-blade[data-view="appList"]').elementHandle();
    if (!oldList) throw new Error('no list');

    // App registrations > New registration: the form goes to the other frame.
    await first.getByRole('menuitem', { name: 'New registration' }).click();
    await page.waitForURL(/CreateApplicationBlade/);
    const second = await frameByHost(page, secondHost);
    await settled(second, 'createApp');
    expect(await second.evaluate(() => innerWidth)).toBeGreaterThan(500);
    await poll(() => first.evaluate(() => [innerWidth, innerHeight])).toEqual([0, 0]);
    expect(await oldList.evaluate((el) => el.isConnected)).toBe(true);
    const name = second.getByRole('textbox', { name: /^Name/ });
    await name.fill('dbt Cloud');
    // What a reload or a re-render would lose: a window property, the typed value, the node itself.
    await second.evaluate(() => {
      const w = window as unknown as { replicaSizes: number[][]; replicaMarker: string };
      w.replicaMarker = 'kept';
      w.replicaSizes = [];
      addEventListener('resize', () => w.replicaSizes.push([innerWidth, innerHeight]));
    });
    const formNode = await second.locator('.ext-blade[data-view="createApp"]').elementHandle();
    if (!formNode) throw new Error('no form');

    // Back to App registrations: the list renders afresh in the first frame, shown at full size.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'App registrations' }).click();
    await page.waitForURL(/ApplicationsListBlade/);
    await poll(() => oldList.evaluate((el) => el.isConnected)).toBe(false);
    await settled(first, 'appList');
    const [width, height] = await first.evaluate(() => [innerWidth, innerHeight]);
    expect(width).toBeGreaterThan(500);
    expect(height).toBeGreaterThan(400);
    expect(await firstEl.isVisible()).toBe(true);
    expect(await first.getByRole('menuitem', { name: 'New registration' }).isVisible()).toBe(true);
    expect(await firstEl.getAttribute('title')).toBe('Blade content');

    // The frame that held the form: 0×0, as the pool's pre-warmed frames, its form still there.
    await poll(() => second.evaluate(() => [innerWidth, innerHeight])).toEqual([0, 0]);
    expect(await second.evaluate(() => (window as unknown as { replicaSizes: number[][] }).replicaSizes)).toContainEqual([0, 0]);
    expect(await second.evaluate(() => (window as unknown as { replicaMarker?: string }).replicaMarker)).toBe('kept');
    expect(await formNode.evaluate((el) => el.isConnected)).toBe(true);
    expect(await name.count()).toBe(1);
    expect(await name.inputValue()).toBe('dbt Cloud');
    expect(await second.getByRole('button', { name: 'Register' }).count()).toBe(1);
    // Hidden in place (moving an iframe would reload it): 0×0 and absolutely placed, as the pool's frames.
    expect(await secondEl.evaluate((el) => [el.getBoundingClientRect().width, el.getBoundingClientRect().height, getComputedStyle(el).position, el.getAttribute('aria-hidden')])).toEqual([0, 0, 'absolute', 'true']);
    expect(await secondEl.isVisible()).toBe(false);
    expect(replica.state.apps.some((a) => a.displayName === 'dbt Cloud')).toBe(false);

    // The next React View takes the other frame again: the list's frame goes to 0×0 in turn.
    await first.getByRole('menuitem', { name: 'New registration' }).click();
    await page.waitForURL(/CreateApplicationBlade/);
    await poll(() => formNode.evaluate((el) => el.isConnected)).toBe(false);
    await settled(second, 'createApp');
    expect(await second.evaluate(() => innerWidth)).toBeGreaterThan(500);
    expect(await second.getByRole('textbox', { name: /^Name/ }).inputValue()).toBe('');
    await poll(() => first.evaluate(() => [innerWidth, innerHeight])).toEqual([0, 0]);
    expect(browser.pageErrors).toEqual([]);
  });

  test('delegatedAsToggle: "Delegated permissions" and "Application permissions" are toggle buttons, neither pressed at first', async () => {
    replica.configure({ delegatedAsToggle: true });
    const app = replica.state.apps[0];
    if (!app) throw new Error('no seeded app');
    const blade = await open(`https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/CallAnAPI/appId/${app.appId}`);
    await settled(blade, 'apiPermissions');
    await blade.getByRole('menuitem', { name: 'Add a permission' }).click();
    const panel = blade.getByRole('dialog', { name: 'Request API permissions' });
    await panel.getByRole('button', { name: 'Microsoft Graph', exact: true }).click();
    const types = panel.getByRole('group', { name: 'What type of permissions does your application require?' });
    const delegated = types.getByRole('button', { name: 'Delegated permissions', exact: true });
    const application = types.getByRole('button', { name: 'Application permissions', exact: true });
    await delegated.waitFor();
    expect(await types.getByRole('button').count()).toBe(2);
    expect(await delegated.getAttribute('aria-pressed')).toBe('false');
    expect(await application.getAttribute('aria-pressed')).toBe('false');
    expect(await delegated.evaluate((el) => el.tagName)).toBe('BUTTON');
    expect(await delegated.locator('.ms-Button-description').textContent()).toBe('Your application needs to access the API as the signed-in user.');
    expect(await panel.getByRole('radio').count()).toBe(0);
    expect(await panel.getByRole('checkbox').count()).toBe(0);
    expect(await panel.getByRole('searchbox').count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Add permissions' }).isDisabled()).toBe(true);

    await delegated.click();
    expect(await delegated.getAttribute('aria-pressed')).toBe('true');
    expect(await application.getAttribute('aria-pressed')).toBe('false');
    // The same name pressed or not: only aria-pressed tells.
    expect(await delegated.locator('.ms-Button-label').textContent()).toBe('Delegated permissions');
    // The delegated list: openid and Directory.AccessAsUser.All are delegated only.
    await panel.getByRole('button', { name: /^User \(/ }).click();
    expect(await panel.getByRole('checkbox', { name: 'User.Read', exact: true }).isChecked()).toBe(true);
    await panel.getByRole('searchbox').fill('openid');
    await panel.getByRole('checkbox', { name: 'openid', exact: true }).check();
    await panel.getByRole('searchbox').fill('Directory');
    expect(await panel.getByRole('checkbox', { name: 'Directory.AccessAsUser.All', exact: true }).count()).toBe(1);

    await application.click();
    expect(await application.getAttribute('aria-pressed')).toBe('true');
    expect(await delegated.getAttribute('aria-pressed')).toBe('false');
    expect(await panel.getByRole('checkbox', { name: 'Directory.AccessAsUser.All', exact: true }).count()).toBe(0);
    expect(await panel.getByRole('checkbox', { name: 'Directory.Read.All', exact: true }).count()).toBe(1);

    await delegated.click();
    expect(await delegated.getAttribute('aria-pressed')).toBe('true');
    await panel.getByRole('button', { name: 'Add permissions' }).click();
    await panel.waitFor({ state: 'detached' });
    await poll(() => app.permissions.map((p) => `${p.name}:${p.type}`)).toEqual(['User.Read:Delegated', 'openid:Delegated']);
    expect(browser.pageErrors).toEqual([]);
  });
});
