import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { addPermissions, addSecret, assignPrincipals, grantAdminConsent, registerApp, updateServicePrincipal } from '../fixtures/replica/tenant';
import { launchBrowser, type ExtensionBrowser } from './harness';
import { blade, panel, panelButton, poll, spotlightCovers, startGuide, stepOf, storageAreas, storedValues } from './guide-helpers';
import { allowHost, clipboardText } from './dbt-helpers';

/**
 * The second guide: rotating the client secret of an SSO set up before (the replica's tenant and
 * dbt configured with the old secret, the guide's values recorded as the setup left them): a new
 * secret captured in Entra, given to dbt from the session, a sign-in proven, and the old secret's
 * Delete ringed and confirmed by the admin. The setup's progress is left as it was.
 */

const ACCOUNT = '70403103918';
const DBT = 'https://cloud.getdbt.com';
const SSO_URL = `${DBT}/settings/accounts/${ACCOUNT}/pages/sso`;
const CALLBACK = 'https://auth.cloud.getdbt.com/login/callback';

let replica: Replica;
let browser: ExtensionBrowser;
let portal: Page;
let appId = '';
let oldSecret = { value: '', id: '' };

const app = () => replica.state.apps.find((a) => a.appId === appId);
const local = async () => JSON.parse((await storageAreas(browser)).local) as Record<string, { done?: boolean; by?: string; value?: string } | undefined>;
const newSecret = () => app()?.passwordCredentials.find((p) => p.keyId !== oldSecret.id)?.secretText ?? '';

beforeAll(async () => {
  replica = await startReplica({ config: { renderDelayMs: 300 } });
  browser = await launchBrowser({ replica });
  // SSO as the setup left it: the app, consent, a group assigned, dbt holding the old secret.
  const s = replica.state;
  const registered = registerApp(s, { displayName: 'dbt Cloud', signInAudience: 'AzureADMyOrg', redirectUri: { platform: 'web', uri: CALLBACK } });
  appId = registered.appId;
  addPermissions(s, appId, 'Delegated', ['User.Read', 'GroupMember.Read.All']);
  grantAdminConsent(s, appId);
  const secret = addSecret(s, appId, { description: 'dbt Cloud', days: 20 });
  oldSecret = { value: secret.secretText, id: secret.keyId };
  const sp = s.servicePrincipals.find((p) => p.appId === appId);
  const developers = s.groups.find((g) => g.displayName === 'dbt Developers');
  if (!sp || !developers) throw new Error('The seeded tenant changed');
  updateServicePrincipal(s, sp.id, { appRoleAssignmentRequired: true });
  assignPrincipals(s, sp.id, [developers.id]);
  replica.setDbtSso({ loginWith: 'entra-single', clientId: appId, clientSecret: oldSecret.value, tenantId: s.tenant.id, domain: s.tenant.primaryDomain });

  await startGuide(browser, { region: 'us' });
  const at = new Date().toISOString();
  const value = (v: string) => ({ value: v, source: 'page', at });
  await browser.serviceWorker.evaluate(
    async (items) => (globalThis as unknown as { chrome: { storage: { local: { set(i: object): Promise<void> } } } }).chrome.storage.local.set(items),
    {
      'values.clientId': value(appId),
      'values.tenantId': value(s.tenant.id),
      'values.domain': value(s.tenant.primaryDomain),
      'values.secretId': value(oldSecret.id),
      'values.secretExpiry': value(new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10)),
      'values.dbtSsoUrl': value(SSO_URL),
      'values.dbtLoginUrl': value(`${DBT}/enterprise-login/${replica.dbt.sso?.slug ?? ''}`),
      ...Object.fromEntries(
        ['setup', 'open-app-registrations', 'register-app', 'record-app-ids', 'assign-users', 'require-assignment', 'add-api-permissions', 'grant-admin-consent', 'create-client-secret', 'record-domain', 'dbt-sso-form', 'test-sign-in'].map((id) => [
          `progress.${id}`,
          { done: true, by: 'page', at },
        ]),
      ),
    },
  );
  await allowHost(browser, `${DBT}/*`);
});
afterAll(async () => {
  await browser?.close();
  await replica?.close();
});

describe('rotating the client secret', () => {
  test('the popup offers "Rotate the client secret": the rotation starts, the old Secret ID kept to delete at the end', async () => {
    const popup = await browser.openPopup();
    await popup.getByRole('button', { name: 'Rotate the client secret' }).click();
    await poll(async () => (await local())['values.oldSecretId']?.value).toBe(oldSecret.id);
    expect((await local())['values.secretId']).toBeUndefined();
    await poll(() => popup.getByText('The rotation guide is running').count()).toBe(1);
    await popup.close();
  });

  test('Certificates & secrets: the new secret is captured (the old one stays for now)', async () => {
    portal = await browser.newPage();
    await portal.goto(`https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${appId}`);
    await poll(() => stepOf(portal)).toBe('rotate-create-secret');
    const frame = await blade(portal);
    await frame.getByRole('tab', { name: /Client secrets/ }).click();
    await frame.getByRole('menuitem', { name: 'New client secret' }).click();
    await panelButton(portal, 'Fill in dbt Cloud');
    await panelButton(portal, 'Choose 730 days (24 months)');
    await frame.getByRole('button', { name: 'Add', exact: true }).click();
    await poll(() => stepOf(portal)).toBe('rotate-dbt-form');
    // Still on Certificates & secrets, the old secret's Delete is not offered before dbt has the new one.
    await poll(() => panel(portal).getByText("This step is done on dbt's own site").count()).toBe(1);
    expect(await frame.locator('[data-sso-guide="spotlight"]').count()).toBe(0);
    expect(app()?.passwordCredentials).toHaveLength(2);
    const stored = await storageAreas(browser);
    expect(stored.session).toContain(newSecret());
    expect(stored.session).not.toContain(oldSecret.value);
    expect(stored.local).not.toContain(newSecret());
    // The setup's progress is the setup's: untouched.
    expect((await local())['progress.create-client-secret']).toMatchObject({ done: true });
  });

  test("dbt: Edit, the new secret from the session into Client Secret, Save: dbt holds the new secret", async () => {
    const popup = await browser.openPopup();
    await popup.getByLabel('Your dbt access URL', { exact: true }).fill(DBT);
    const opened = browser.context.waitForEvent('page', { predicate: (p) => p.url().startsWith(DBT) });
    await popup.getByRole('button', { name: "Fill dbt's SSO form" }).click();
    const dbt = await opened;
    await popup.close();
    expect(dbt.url()).toBe(SSO_URL);
    await poll(() => stepOf(dbt)).toBe('rotate-dbt-form');
    const edit = dbt.getByRole('button', { name: 'Edit' });
    await poll(() => spotlightCovers(dbt.mainFrame(), edit)).toBe(true);
    await edit.click();
    await panelButton(dbt, /Fill the client secret from this session/);
    await dbt.getByRole('form', { name: 'Single sign-on' }).getByRole('button', { name: 'Save' }).click();
    await poll(() => replica.dbt.sso?.clientSecret).toBe(newSecret());
    await poll(() => stepOf(dbt)).toBe('rotate-test-sign-in');
    expect(await clipboardText(browser)).not.toBe(newSecret());
    await dbt.close();
  });

  test('the sign-in with the new secret works; the admin says so', async () => {
    const page = await browser.newPage();
    await page.goto((await storedValues(browser)).dbtLoginUrl?.value ?? '');
    await page.getByRole('button', { name: 'Continue with Microsoft Entra ID' }).click();
    const alex = replica.state.users.find((u) => u.displayName === 'Alex Wilber')?.userPrincipalName ?? '?';
    await page.getByRole('button', { name: alex }).click();
    await poll(() => page.getByText(`Signed in as ${alex} with Microsoft Entra ID`).count()).toBe(1);
    await page.close();
    const popup = await browser.openPopup();
    await popup.getByRole('region', { name: 'Test the sign-in' }).getByRole('button', { name: 'A user signed in' }).click();
    await poll(async () => (await local())['progress.rotate-test-sign-in']?.done).toBe(true);
    // The setup's own sign-in test is not marked again by the rotation's.
    expect((await local())['progress.test-sign-in']).toMatchObject({ done: true, by: 'page' });
    await popup.close();
  });

  test("the old secret: its Delete is ringed (not the new one's); the admin confirms; the guide sees it gone", async () => {
    await portal.bringToFront();
    await portal.reload();
    await poll(() => stepOf(portal)).toBe('rotate-delete-old-secret');
    const frame = await blade(portal);
    await frame.getByRole('tab', { name: /Client secrets/ }).click();
    const oldRow = frame.getByRole('row').filter({ hasText: oldSecret.id });
    const del = oldRow.getByRole('button', { name: 'Delete' });
    await poll(() => spotlightCovers(frame, del)).toBe(true);
    await del.click();
    const yes = frame.getByRole('alertdialog', { name: 'Delete client secret' }).getByRole('button', { name: 'Yes' });
    await poll(() => spotlightCovers(frame, yes)).toBe(true);
    // The guide never clicks it: the secret is still there until the admin does.
    expect(app()?.passwordCredentials).toHaveLength(2);
    await yes.click();
    await poll(() => app()?.passwordCredentials.map((p) => p.keyId)).toEqual([app()?.passwordCredentials[0]?.keyId]);
    expect(app()?.passwordCredentials[0]?.keyId).not.toBe(oldSecret.id);
    await poll(async () => (await local())['progress.rotate-delete-old-secret']).toMatchObject({ done: true, by: 'page' });
    await poll(() => stepOf(portal)).toBe('done');
  });

  test('no errors from the extension, nor in the pages it runs in', () => {
    expect(browser.errors).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
