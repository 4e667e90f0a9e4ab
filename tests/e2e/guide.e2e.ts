import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { DEFAULT_EXTENSION_PATH, launchBrowser, type ExtensionBrowser } from './harness';
import { blade, panel, panelButton, poll, spotlightCovers, startGuide, stepOf, storageAreas, storedValues, type GuideSetup } from './guide-helpers';

/**
 * The whole Entra procedure as dbt documents it today, walked as an admin would on the replica
 * portal with only the guide's own buttons and the portal's controls: register, the enterprise
 * application's users and "Assignment required?", permissions and consent, the client secret and
 * the tenant overview, ending with every hand-off value valid in the popup. For the self-service
 * profile, the support-assisted one (the URI support sent, pasted), and a multi-tenant app.
 */

if (!existsSync(join(DEFAULT_EXTENSION_PATH, 'manifest.json'))) {
  throw new Error(`No extension build at ${DEFAULT_EXTENSION_PATH}. Build it first: npm run build`);
}

interface Variant {
  name: string;
  setup: GuideSetup;
  /** The radio the guide chooses on "Register an application" (its button's words). */
  radio: string;
  audience: string;
  redirectUri: string;
  /** What goes in dbt's "Microsoft Entra ID Domain". */
  domain: string;
  /** Whether the popup asks for the tenant ID as a value dbt needs. */
  tenantNeeded: boolean;
}

const VARIANTS: Variant[] = [
  {
    name: 'self-service, single tenant',
    setup: { region: 'us' },
    radio: 'Accounts in this organizational directory only',
    audience: 'AzureADMyOrg',
    redirectUri: 'https://auth.cloud.getdbt.com/login/callback',
    domain: 'contoso.onmicrosoft.com',
    tenantNeeded: true,
  },
  {
    name: 'support-assisted, the URI support sent',
    setup: { supportUri: 'https://acme.us1.dbt.com/login/callback?connection=acme-42' },
    radio: 'Accounts in this organizational directory only',
    audience: 'AzureADMyOrg',
    redirectUri: 'https://acme.us1.dbt.com/login/callback?connection=acme-42',
    domain: 'contoso.onmicrosoft.com',
    tenantNeeded: false,
  },
  {
    name: 'self-service, multi-tenant',
    setup: { region: 'emea', accountType: 'multi' },
    radio: 'Accounts in any organizational directory',
    audience: 'AzureADMultipleOrgs',
    redirectUri: 'https://auth.emea.dbt.com/login/callback',
    domain: 'organizations',
    tenantNeeded: false,
  },
];

let replica: Replica;

beforeAll(async () => {
  replica = await startReplica({ config: { renderDelayMs: 400 } });
});
afterAll(async () => {
  await replica?.close();
});

const HOSTS = ['portal.azure.com', 'entra.microsoft.com'];
const walks = HOSTS.flatMap((host) => VARIANTS.map((variant) => [host, variant.name, variant] as const));

describe.each(walks)('the whole procedure on %s, %s', (host, _name, variant) => {
  let browser: ExtensionBrowser;
  let page: Page;
  /** The top document, where the portal's menus are. */
  let top: Frame;

  const app = () => replica.state.apps.find((a) => a.displayName === 'dbt Cloud');
  const servicePrincipal = () => replica.state.servicePrincipals.find((sp) => sp.appId === app()?.appId);

  beforeAll(async () => {
    replica.reset();
    replica.configure({ renderDelayMs: 400 });
    browser = await launchBrowser({ replica });
    await startGuide(browser, variant.setup);
    page = await browser.newPage();
    top = page.mainFrame();
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

  test('Register an application: the guide fills the form with the setup\'s account type, the admin registers', async () => {
    await poll(() => stepOf(page)).toBe('register-app');
    const frame = await blade(page);
    await panelButton(page, 'Fill in dbt Cloud');
    await panelButton(page, `Choose ${variant.radio}`);
    await panelButton(page, 'Choose Web');
    await panelButton(page, `Fill in ${variant.redirectUri}`);
    const register = frame.getByRole('button', { name: 'Register' });
    await poll(() => register.isEnabled()).toBe(true);
    await poll(() => spotlightCovers(frame, register)).toBe(true);
    await register.click();
    await poll(() => app()?.signInAudience).toBe(variant.audience);
    expect(app()?.redirectUris.web).toEqual([variant.redirectUri]);
  });

  test('Overview: the IDs are read; the guide leads to the enterprise application', async () => {
    await poll(() => stepOf(page)).toBe('assign-users');
    const frame = await blade(page);
    const link = frame.getByRole('link', { name: 'dbt Cloud' }).last();
    await poll(() => spotlightCovers(frame, link)).toBe(true);
    await link.click();
  });

  test('Enterprise application: "Users and groups" in the menu, then "+ Add user/group", one ring at a time', async () => {
    await page.waitForURL(/ManagedAppMenuBlade\/~\/Overview/);
    const usersMenu = top.getByRole('navigation', { name: 'Resource menu' }).getByRole('link', { name: 'Users and groups' });
    await poll(() => spotlightCovers(top, usersMenu)).toBe(true);
    await usersMenu.click();
    await page.waitForURL(/ManagedAppMenuBlade\/~\/Users/);
    const frame = await blade(page);
    const add = frame.getByRole('menuitem', { name: 'Add user/group' });
    await poll(() => spotlightCovers(frame, add)).toBe(true);
    // The menu item in the top document is behind the admin: its ring is gone.
    await poll(() => top.locator('[data-sso-guide="spotlight"]').count()).toBe(0);
    await add.click();
  });

  test('Add Assignment: the admin picks a group (the guide never does), Select, Assign; the guide reads it back', async () => {
    const frame = await blade(page);
    const dialog = frame.getByRole('dialog', { name: 'Add Assignment' });
    const none = dialog.getByRole('link', { name: 'None Selected' });
    await poll(() => spotlightCovers(frame, none)).toBe(true);
    await none.click();
    const picker = frame.getByRole('dialog', { name: 'Users and groups' });
    await picker.getByRole('checkbox', { name: 'dbt Developers', exact: true }).check();
    await picker.getByRole('button', { name: 'Select' }).click();
    const assign = dialog.getByRole('button', { name: 'Assign' });
    await poll(() => spotlightCovers(frame, assign)).toBe(true);
    expect(servicePrincipal()?.assignments).toEqual([]);
    await assign.click();
    await poll(() => servicePrincipal()?.assignments.map((a) => a.principalDisplayName)).toEqual(['dbt Developers']);
    await poll(() => stepOf(page)).toBe('require-assignment');
    const values = await storedValues(browser);
    expect(values.assignedGroups).toMatchObject({ value: '1', source: 'page' });
    expect(values.servicePrincipalId?.value).toBe(servicePrincipal()?.id);
  });

  test('Properties: the guide sets "Assignment required?" to Yes; the admin saves', async () => {
    const propertiesMenu = top.getByRole('navigation', { name: 'Resource menu' }).getByRole('link', { name: 'Properties' });
    await poll(() => spotlightCovers(top, propertiesMenu)).toBe(true);
    await propertiesMenu.click();
    await page.waitForURL(/ManagedAppMenuBlade\/~\/Properties/);
    const frame = await blade(page);
    const toggle = frame.getByRole('switch', { name: 'Assignment required?' });
    await poll(() => spotlightCovers(frame, toggle)).toBe(true);
    await panelButton(page, 'Choose Yes');
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    // Set, not saved: the step waits for Save.
    expect(servicePrincipal()?.appRoleAssignmentRequired).toBe(false);
    expect(await stepOf(page)).toBe('require-assignment');
    const save = frame.getByRole('menuitem', { name: 'Save' });
    await poll(() => spotlightCovers(frame, save)).toBe(true);
    await save.click();
    await poll(() => servicePrincipal()?.appRoleAssignmentRequired).toBe(true);
    await poll(() => stepOf(page)).toBe('add-api-permissions');
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
    expect(app()?.permissions.map((p) => `${p.name}/${p.type}`).sort()).toEqual(['GroupMember.Read.All/Delegated', 'User.Read/Delegated']);
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

  test('Tenant overview: the domain dbt wants is recorded; the portal part is done', async () => {
    await panel(page).getByRole('link', { name: 'Go there' }).click();
    // Next: dbt's own form (self-service, done on dbt's site: tests/e2e/dbt.e2e.ts), or the
    // encrypted hand-off (support-assisted).
    await poll(() => stepOf(page)).toBe(variant.setup.supportUri ? 'handoff' : 'dbt-sso-form');
  });

  test('the popup shows every hand-off value, valid, and the secret only in session storage', async () => {
    const registered = app();
    const secret = registered?.passwordCredentials[0]?.secretText ?? '';
    expect(secret.length).toBeGreaterThan(30);
    const stored = await storageAreas(browser);
    expect(stored.local).toContain(registered?.appId);
    expect(stored.local).toContain(replica.state.tenant.id);
    expect(stored.local).not.toContain(secret);
    expect(stored.session).toContain(secret);

    const popup = await browser.openPopup();
    await poll(() => popup.getByLabel('Application (client) ID', { exact: true }).inputValue()).toBe(registered?.appId);
    await poll(() => popup.getByLabel('Directory domain', { exact: true }).inputValue()).toBe(variant.domain);
    await poll(() => popup.getByLabel('Directory (tenant) ID', { exact: true }).inputValue()).toBe(replica.state.tenant.id);
    const secretField = popup.getByLabel('Client secret Value', { exact: true });
    await poll(() => secretField.inputValue()).toBe(secret);
    expect(await secretField.getAttribute('type')).toBe('password');
    await poll(() => popup.getByLabel('Client secret expiry date', { exact: true }).inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await poll(() => popup.locator('[aria-invalid="true"]').count()).toBe(0);
    // Every step of the procedure is done, seen on the page (none ticked by hand).
    const local = JSON.parse(stored.local) as Record<string, { done: boolean; by: string } | undefined>;
    for (const id of ['register-app', 'record-app-ids', 'assign-users', 'require-assignment', 'add-api-permissions', 'grant-admin-consent', 'create-client-secret', 'record-domain']) {
      expect(local[`progress.${id}`], id).toMatchObject({ done: true, by: 'page' });
    }
    expect(variant.tenantNeeded || (await popup.getByText(/For reference/).count()) > 0).toBe(true);
    await popup.close();
    expect(await page.content()).not.toContain(secret.slice(3));
  });

  test('no errors from the extension, nor in the portal pages it runs in', () => {
    expect(browser.errors).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});

describe('the panel helps on the page that is open', () => {
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    replica.reset();
    replica.configure({ renderDelayMs: 400 });
    browser = await launchBrowser({ replica });
    await startGuide(browser, { region: 'us' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('Certificates & secrets opened first, before the Overview was read: that step, with the earlier ones still to do', async () => {
    const seeded = replica.state.apps[0];
    if (!seeded) throw new Error('the replica has no seeded app');
    const page = await browser.newPage();
    await page.goto(`https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${seeded.appId}`);
    await poll(() => stepOf(page)).toBe('create-client-secret');
    const still = panel(page).getByRole('region', { name: 'Still to do' });
    await poll(() => still.getByRole('listitem').count()).toBeGreaterThan(0);
    const items = await still.locator('[data-step-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-step-id')));
    expect(items).toEqual(['record-app-ids', 'assign-users', 'require-assignment', 'add-api-permissions', 'grant-admin-consent']);
    // Each leads where it is done: the app's Overview, its enterprise application, its API permissions.
    const overview = still.getByRole('link', { name: 'Record the Application (client) ID and tenant ID' });
    expect(await overview.getAttribute('href')).toContain(`ApplicationMenuBlade/~/Overview/appId/${seeded.appId}`);
    // The spotlight works on this page all the same.
    const frame = await blade(page);
    await frame.getByRole('tab', { name: /Client secrets/ }).click();
    await poll(() => spotlightCovers(frame, frame.getByRole('menuitem', { name: 'New client secret' }))).toBe(true);
    // Following the first "still to do" reads the Overview, and the Credentials page keeps its step.
    await overview.click();
    // The Overview's own step, then, once its IDs are read, the next one that starts there.
    await poll(() => stepOf(page)).toBe('assign-users');
    await page.goBack();
    await poll(() => stepOf(page)).toBe('create-client-secret');
    await poll(() => still.locator('[data-step-id="record-app-ids"]').count()).toBe(0);
    expect(browser.errors).toEqual([]);
  });
});
