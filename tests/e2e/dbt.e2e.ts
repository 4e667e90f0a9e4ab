import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { updateServicePrincipal } from '../fixtures/replica/tenant';
import { DEFAULT_EXTENSION_PATH, launchBrowser, type ExtensionBrowser } from './harness';
import { blade, panel, panelButton, poll, spotlightCovers, startGuide, stepOf, storageAreas, storedValues } from './guide-helpers';
import { allowHost, clipboardText, declinePrompt, grantedOrigins, popupInOwnWindow, revokeHost } from './dbt-helpers';

/**
 * The self-service procedure end to end, as an admin starting in dbt: dbt's SSO & SCIM page (the
 * Callback URI read there becomes the app's redirect URI), the whole Entra side on the portal, back
 * on dbt with the form filled by the guide (the client secret straight from the session, on the
 * admin's click), Save, the login URL read and checked, a user signed in, and a failed sign-in
 * explained. dbt's host is an optional permission: granted here from the popup; declined, the copy
 * path. The secret is checked to be nowhere else: storage.local, the clipboard, any other page,
 * frame or field.
 */

if (!existsSync(join(DEFAULT_EXTENSION_PATH, 'manifest.json'))) {
  throw new Error(`No extension build at ${DEFAULT_EXTENSION_PATH}. Build it first: npm run build`);
}

const ACCOUNT = '70403103918';
const DBT = 'https://cloud.getdbt.com';
const SSO_URL = `${DBT}/settings/accounts/${ACCOUNT}/pages/sso`;
const CALLBACK = 'https://auth.cloud.getdbt.com/login/callback';
const HOST_PATTERN = `${DBT}/*`;

let replica: Replica;
let browser: ExtensionBrowser;
/** dbt's tab, opened by the extension. */
let dbt: Page;
/** The portal's tab. */
let portal: Page;

const app = () => replica.state.apps.find((a) => a.displayName === 'dbt Cloud');
const secretValue = () => app()?.passwordCredentials[0]?.secretText ?? '';
const form = () => dbt.getByRole('form', { name: 'Single sign-on' });
/** A step's stored progress (one storage.local key a step). */
const progressOf = async (id: string) =>
  (JSON.parse((await storageAreas(browser)).local) as Record<string, { done: boolean; by: string } | undefined>)[`progress.${id}`];

beforeAll(async () => {
  replica = await startReplica({ config: { renderDelayMs: 300 } });
  browser = await launchBrowser({ replica });
});
afterAll(async () => {
  await browser?.close();
  await replica?.close();
});

describe('installed: nothing of dbt', () => {
  test("no dbt host among the required permissions (the build's manifest and the installed extension)", async () => {
    const built = JSON.parse(readFileSync(join(DEFAULT_EXTENSION_PATH, 'manifest.json'), 'utf8')) as { host_permissions?: string[]; optional_host_permissions?: string[]; content_scripts?: { matches: string[] }[] };
    const required = [...(built.host_permissions ?? []), ...(built.content_scripts ?? []).flatMap((c) => c.matches)];
    expect(required.filter((p) => /dbt\.com|getdbt\.com/.test(p))).toEqual([]);
    expect(built.optional_host_permissions).toEqual(['https://cloud.getdbt.com/*', 'https://*.dbt.com/*']);
    expect((await grantedOrigins(browser)).filter((p) => /dbt/.test(p))).toEqual([]);
  });

  test("dbt's pages get no script before the admin grants the host", async () => {
    const page = await browser.newPage();
    await page.goto(SSO_URL);
    await page.getByRole('heading', { name: 'Single sign-on' }).waitFor();
    expect(await browser.contentScriptWorlds(page.mainFrame())).toBe(0);
    expect(await page.locator('sso-guide-panel').count()).toBe(0);
    await page.close();
  });
});

describe('the self-service procedure, from dbt to a user signed in', () => {
  beforeAll(async () => {
    // EMEA in the setup, but the account is on cloud.getdbt.com: dbt's Callback URI must win.
    await startGuide(browser, { region: 'emea' });
  });

  test('the popup asks for the one host of the access URL, on the click; granted, dbt opens with the guide', async () => {
    const popup = await browser.openPopup();
    const url = popup.getByLabel('Your dbt access URL', { exact: true });
    expect(await url.inputValue()).toBe('https://emea.dbt.com');
    await url.fill(`${DBT}/deploy/${ACCOUNT}/projects`);
    // The admin allows it in the browser's prompt.
    await allowHost(browser, HOST_PATTERN);
    const opened = browser.context.waitForEvent('page', { predicate: (p) => p.url().startsWith(DBT) });
    await popup.getByRole('button', { name: "Fill dbt's SSO form" }).click();
    dbt = await opened;
    expect(await grantedOrigins(browser)).toContain(HOST_PATTERN);
    await popup.close();
    await poll(() => stepOf(dbt)).toBe('dbt-sso-form');
    // Entra is still to do: the panel says so, each step a link to where it is done.
    await poll(() => panel(dbt).getByRole('region', { name: 'Still to do' }).locator('[data-step-id]').count()).toBe(9);
  });

  test('dbt: account menu > Account settings > SSO & SCIM > Get started, one ring at a time', async () => {
    const menu = dbt.getByRole('button', { name: 'Acme Analytics', exact: true });
    await poll(() => spotlightCovers(dbt.mainFrame(), menu)).toBe(true);
    await menu.click();
    const settings = dbt.getByRole('link', { name: 'Account settings', exact: true });
    await poll(() => spotlightCovers(dbt.mainFrame(), settings)).toBe(true);
    await settings.click();
    const sso = dbt.getByRole('navigation', { name: 'Account settings' }).getByRole('link', { name: 'SSO & SCIM' });
    await poll(() => spotlightCovers(dbt.mainFrame(), sso)).toBe(true);
    await sso.click();
    await dbt.waitForURL(SSO_URL);
    const start = dbt.getByRole('button', { name: 'Get started' });
    await poll(() => spotlightCovers(dbt.mainFrame(), start)).toBe(true);
    await start.click();
  });

  test("Log in with, chosen by the guide: dbt's Callback URI becomes the app's redirect URI", async () => {
    await panelButton(dbt, 'Choose Microsoft Entra ID Single Tenant');
    expect(await form().getByLabel('Log in with').inputValue()).toBe('entra-single');
    await poll(async () => (await storedValues(browser)).dbtCallbackUri?.value).toBe(CALLBACK);
    await poll(async () => JSON.parse((await storageAreas(browser)).local).setup).toMatchObject({ region: 'custom', customRedirectUri: CALLBACK });
    expect((await storedValues(browser)).dbtSsoUrl?.value).toBe(SSO_URL);
  });

  test('with no secret captured yet, "Fill from this session" says where to get one and fills nothing', async () => {
    await panel(dbt).getByRole('button', { name: /Fill the client secret from this session/ }).click();
    await poll(() => panel(dbt).locator('.fill-failed').textContent()).toMatch(/No client secret Value is held/);
    expect(await form().getByLabel('Client Secret').inputValue()).toBe('');
  });

  test('the whole Entra side on the portal, with the redirect URI dbt showed', async () => {
    portal = await browser.newPage();
    await portal.goto('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade');
    await poll(() => stepOf(portal)).toBe('open-app-registrations');
    let frame: Frame = await blade(portal);
    await frame.getByRole('menuitem', { name: 'New registration' }).click();
    await poll(() => stepOf(portal)).toBe('register-app');
    frame = await blade(portal);
    await panelButton(portal, 'Fill in dbt Cloud');
    await panelButton(portal, 'Choose Accounts in this organizational directory only');
    await panelButton(portal, 'Choose Web');
    await panelButton(portal, `Fill in ${CALLBACK}`);
    await frame.getByRole('button', { name: 'Register' }).click();
    await poll(() => app()?.redirectUris.web).toEqual([CALLBACK]);

    await poll(() => stepOf(portal)).toBe('assign-users');
    frame = await blade(portal);
    await frame.getByRole('link', { name: 'dbt Cloud' }).last().click();
    await portal.waitForURL(/ManagedAppMenuBlade\/~\/Overview/);
    const top = portal.mainFrame();
    await top.getByRole('navigation', { name: 'Resource menu' }).getByRole('link', { name: 'Users and groups' }).click();
    frame = await blade(portal);
    await frame.getByRole('menuitem', { name: 'Add user/group' }).click();
    const dialog = frame.getByRole('dialog', { name: 'Add Assignment' });
    await dialog.getByRole('link', { name: 'None Selected' }).click();
    const picker = frame.getByRole('dialog', { name: 'Users and groups' });
    await picker.getByRole('checkbox', { name: 'dbt Developers', exact: true }).check();
    await picker.getByRole('button', { name: 'Select' }).click();
    await dialog.getByRole('button', { name: 'Assign' }).click();
    await poll(() => stepOf(portal)).toBe('require-assignment');

    await top.getByRole('navigation', { name: 'Resource menu' }).getByRole('link', { name: 'Properties' }).click();
    await portal.waitForURL(/ManagedAppMenuBlade\/~\/Properties/);
    frame = await blade(portal);
    await panelButton(portal, 'Choose Yes');
    await frame.getByRole('menuitem', { name: 'Save' }).click();
    await poll(() => stepOf(portal)).toBe('add-api-permissions');

    await panel(portal).getByRole('link', { name: 'Go there' }).click();
    frame = await blade(portal);
    await frame.getByRole('menuitem', { name: 'Add a permission' }).click();
    await frame.getByRole('button', { name: 'Microsoft Graph', exact: true }).click();
    await panelButton(portal, 'Choose Delegated permissions');
    await panelButton(portal, 'Tick User.Read');
    await panelButton(portal, 'Tick GroupMember.Read.All');
    await frame.getByRole('button', { name: 'Add permissions' }).click();
    await poll(() => stepOf(portal)).toBe('grant-admin-consent');
    frame = await blade(portal);
    await frame.getByRole('menuitem', { name: /Grant admin consent for/ }).click();
    await frame.getByRole('button', { name: 'Yes' }).click();
    await poll(() => stepOf(portal)).toBe('create-client-secret');

    await panel(portal).getByRole('link', { name: 'Go there' }).click();
    frame = await blade(portal);
    await frame.getByRole('tab', { name: /Client secrets/ }).click();
    await frame.getByRole('menuitem', { name: 'New client secret' }).click();
    await panelButton(portal, 'Fill in dbt Cloud');
    await panelButton(portal, 'Choose 730 days (24 months)');
    await frame.getByRole('button', { name: 'Add', exact: true }).click();
    await poll(() => stepOf(portal)).toBe('record-domain');
    await panel(portal).getByRole('link', { name: 'Go there' }).click();
    // The portal's part is done; the panel says where the next step is done.
    await poll(() => stepOf(portal)).toBe('dbt-sso-form');
    await poll(() => panel(portal).getByText("This step is done on dbt's own site").count()).toBe(1);
    expect(secretValue().length).toBeGreaterThan(30);
  });

  test("back on dbt, the guide fills the form: the IDs, the domain, and the secret from the session into Client Secret only", async () => {
    await dbt.bringToFront();
    await dbt.goto(SSO_URL);
    await dbt.getByRole('button', { name: 'Get started' }).click();
    const registered = app();
    if (!registered) throw new Error('no app registered');
    await panelButton(dbt, 'Choose Microsoft Entra ID Single Tenant');
    await panelButton(dbt, `Fill in ${registered.appId}`);
    await panelButton(dbt, /Fill the client secret from this session/);
    await panelButton(dbt, `Fill in ${replica.state.tenant.id}`);
    await panelButton(dbt, `Fill in ${replica.state.tenant.primaryDomain}`);
    const secret = secretValue();
    expect(await form().getByLabel('Client Secret').inputValue()).toBe(secret);
    // No other field, frame or page got it: the page's other inputs, its markup but that one field.
    const elsewhere = await dbt.evaluate((value) => {
      const field = document.querySelector('#dbt-sso-client-secret');
      const others = [...document.querySelectorAll('input, textarea')].filter((el) => el !== field && (el as HTMLInputElement).value.includes(value));
      const clone = document.documentElement.cloneNode(true) as HTMLElement;
      clone.querySelector('#dbt-sso-client-secret')?.remove();
      return { others: others.length, markup: clone.outerHTML.includes(value), search: (document.querySelector('input[aria-label="Search"]') as HTMLInputElement | null)?.value ?? null };
    }, secret);
    expect(elsewhere).toEqual({ others: 0, markup: false, search: '' });
    expect(await portal.content()).not.toContain(secret.slice(3));
    for (const frame of portal.frames()) expect(await frame.content().catch(() => ''), frame.url()).not.toContain(secret.slice(3));
  });

  test('the admin saves; the guide reads the saved values and the login URL back, and the step is done', async () => {
    await form().getByRole('button', { name: 'Save' }).click();
    await poll(() => replica.dbt.sso?.clientId).toBe(app()?.appId);
    expect(replica.dbt.sso).toMatchObject({ loginWith: 'entra-single', clientSecret: secretValue(), tenantId: replica.state.tenant.id, domain: replica.state.tenant.primaryDomain });
    const loginUrl = `${DBT}/enterprise-login/${replica.dbt.sso?.slug ?? ''}`;
    await poll(async () => (await storedValues(browser)).dbtLoginUrl?.value).toBe(loginUrl);
    await poll(() => stepOf(dbt)).toBe('test-sign-in');
    expect(await progressOf('dbt-sso-form')).toMatchObject({ done: true, by: 'page' });
  });

  test('the secret is in storage.session only: not in storage.local, not on the clipboard, not in dbt\'s page after Save', async () => {
    const secret = secretValue();
    const stored = await storageAreas(browser);
    expect(stored.local).not.toContain(secret);
    expect(stored.session).toContain(secret);
    expect(await clipboardText(browser)).not.toBe(secret);
    expect(await dbt.content()).not.toContain(secret);
  });

  test('a look-alike of dbt gets no guide, so no secret', async () => {
    const page = await browser.newPage();
    await page.goto(`https://cloud.getdbt.com.evil.example/settings/accounts/${ACCOUNT}/pages/sso`);
    await page.getByRole('heading', { name: 'Single sign-on' }).waitFor();
    expect(await browser.contentScriptWorlds(page.mainFrame())).toBe(0);
    await page.close();
  });

  test('the test sign-in: the login URL signs a user in; the admin says so in the popup', async () => {
    const loginUrl = (await storedValues(browser)).dbtLoginUrl?.value ?? '';
    const popup = await browser.openPopup();
    const section = popup.getByRole('region', { name: 'Test the sign-in' });
    await poll(() => section.getByText(loginUrl).count()).toBe(1);
    const page = await browser.newPage();
    await page.goto(loginUrl);
    await page.getByRole('button', { name: 'Continue with Microsoft Entra ID' }).click();
    const alex = replica.state.users.find((u) => u.displayName === 'Alex Wilber')?.userPrincipalName ?? '?';
    await page.getByRole('button', { name: alex }).click();
    await page.waitForURL(`${DBT}/`);
    await poll(() => page.getByText(`Signed in as ${alex} with Microsoft Entra ID`).count()).toBe(1);
    await page.close();
    await section.getByRole('button', { name: 'A user signed in' }).click();
    await poll(async () => (await progressOf('test-sign-in'))?.done).toBe(true);
    await popup.close();
  });

  test('a failed sign-in, pasted into the popup, is explained and leads to the step that fixes it', async () => {
    const sp = replica.state.servicePrincipals.find((s) => s.appId === app()?.appId);
    if (!sp) throw new Error('no service principal');
    // The group is unassigned in Entra: the next sign-in is refused.
    sp.assignments.splice(0);
    updateServicePrincipal(replica.state, sp.id, { appRoleAssignmentRequired: true });
    const page = await browser.newPage();
    await page.goto((await storedValues(browser)).dbtLoginUrl?.value ?? '');
    await page.getByRole('button', { name: 'Continue with Microsoft Entra ID' }).click();
    const diego = replica.state.users.find((u) => u.displayName === 'Diego Siciliani')?.userPrincipalName ?? '?';
    await page.getByRole('button', { name: diego }).click();
    const message = (await page.locator('.ms-error-text').textContent()) ?? '';
    expect(message).toMatch(/^AADSTS50105:/);
    await page.close();

    const popup = await browser.openPopup();
    const section = popup.getByRole('region', { name: 'Test the sign-in' });
    await section.getByLabel('Paste the error text or the page address').fill(message);
    await section.getByRole('button', { name: 'Explain' }).click();
    const go = section.getByRole('button', { name: /Go to: Assign the users and groups/ });
    await poll(() => go.count()).toBe(1);
    await go.click();
    await poll(async () => (await progressOf('assign-users'))?.done).toBe(false);
    await popup.close();
  });

  test('no errors from the extension, nor in the pages it runs in', () => {
    expect(browser.errors).toEqual([]);
    // The failed sign-in above: the replica's sign-in page reports its refusal (HTTP 400) as the real one does.
    browser.pageErrors.splice(0, browser.pageErrors.length, ...browser.pageErrors.filter((e) => !/login\.microsoftonline\.com.*400/.test(e)));
    expect(browser.pageErrors).toEqual([]);
  });
});

describe('the host declined: the copy path', () => {
  test('the prompt declined, the popup says to copy the values, and Copy works', async () => {
    // Granted by the walk above, if it ran: taken back, as the admin could in the browser's settings.
    if ((await grantedOrigins(browser)).includes(HOST_PATTERN)) await revokeHost(browser, HOST_PATTERN);
    expect(await grantedOrigins(browser)).not.toContain(HOST_PATTERN);
    const popup = await popupInOwnWindow(browser);
    await popup.getByLabel('Your dbt access URL', { exact: true }).fill(DBT);
    await popup.getByRole('button', { name: "Fill dbt's SSO form" }).click();
    await declinePrompt(browser, popup);
    await poll(() => popup.getByText(/Without access to cloud\.getdbt\.com the guide cannot fill dbt's form/).count()).toBe(1);
    // The popup's tab moved to a new window: in front again, it paints (and takes clicks) again.
    await popup.bringToFront();
    await popup.getByRole('button', { name: 'Copy Application (client) ID' }).click();
    await poll(() => clipboardText(browser)).toBe(app()?.appId);
    await popup.close();
    expect(browser.errors).toEqual([]);
  });
});
