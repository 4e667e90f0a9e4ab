import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DBT_HOSTS, DBT_LOOKALIKE_HOSTS } from '../fixtures/replica/protocol';
import { startReplica, type DbtSsoSetup, type Replica } from '../fixtures/replica/server';
import { addPermissions, addSecret, assignPrincipals, grantAdminConsent, registerApp, setRedirectUris, updateServicePrincipal } from '../fixtures/replica/tenant';
import { launchBrowser, type PortalBrowser } from './harness';

/**
 * The replica of dbt's app and of Microsoft's sign-in page, walked by hand without the extension:
 * the guide's dbt-side tests mean something only if these behave as dbt and Microsoft do.
 */

const ACCOUNT_ID = '70403103918';
const SSO_URL = `https://cloud.getdbt.com/settings/accounts/${ACCOUNT_ID}/pages/sso`;
const CALLBACK = 'https://auth.cloud.getdbt.com/login/callback';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let replica: Replica;
let browser: PortalBrowser;
let page: Page;

beforeAll(async () => {
  replica = await startReplica();
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

/** expect.poll with room for a slow machine (its default is one second). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

async function open(url: string): Promise<Page> {
  page = await browser.newPage();
  await page.goto(url);
  return page;
}

const form = () => page.getByRole('form', { name: 'Single sign-on' });

describe('dbt: Account settings > SSO & SCIM', () => {
  test('from the account menu to the saved login URL, with React-controlled fields', async () => {
    await open('https://cloud.getdbt.com/');
    await page.getByRole('button', { name: 'Acme Analytics', exact: true }).click();
    await page.getByRole('link', { name: 'Account settings', exact: true }).click();
    await page.waitForURL(`https://cloud.getdbt.com/settings/accounts/${ACCOUNT_ID}/`);
    await page.getByRole('navigation', { name: 'Account settings' }).getByRole('link', { name: 'SSO & SCIM' }).click();
    await page.waitForURL(SSO_URL);

    await page.getByRole('heading', { name: 'Single sign-on' }).waitFor();
    expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Get started' }).click();

    const loginWith = form().getByLabel('Log in with', { exact: true });
    expect(await loginWith.evaluate((el: HTMLSelectElement) => Array.from(el.options, (o) => [o.value, o.text]))).toEqual([
      ['', 'Select a provider'],
      ['entra-single', 'Microsoft Entra ID Single Tenant'],
      ['entra-multi', 'Microsoft Entra ID Multi Tenant'],
      ['okta', 'Okta'],
      ['google', 'Google Workspace'],
      ['saml', 'SAML 2.0'],
    ]);
    expect(await form().getByLabel('Client ID').count()).toBe(0);
    await loginWith.selectOption({ label: 'Microsoft Entra ID Single Tenant' });

    const callback = form().getByLabel('Callback URI', { exact: true });
    expect(await callback.inputValue()).toBe(CALLBACK);
    expect(await callback.getAttribute('readonly')).not.toBeNull();
    const clientId = form().getByLabel('Client ID', { exact: true });
    const secret = form().getByLabel('Client Secret', { exact: true });
    const tenantId = form().getByLabel('Tenant ID', { exact: true });
    const domain = form().getByLabel('Microsoft Entra ID Domain', { exact: true });
    expect(await secret.getAttribute('type')).toBe('password');
    expect(await secret.getAttribute('autocomplete')).toBe('off');
    expect(await form().getByLabel('Include all groups').isChecked()).toBe(true);
    expect(await form().getByLabel('Maximum number of groups to retrieve').inputValue()).toBe('250');

    const app = registerApp(replica.state, { displayName: 'dbt Cloud', signInAudience: 'AzureADMyOrg', redirectUri: { platform: 'web', uri: CALLBACK } });
    const value = addSecret(replica.state, app.appId, { description: 'dbt', days: 730 }).secretText;
    await clientId.fill(app.appId);
    await tenantId.fill(replica.state.tenant.id);
    await domain.fill(replica.state.tenant.primaryDomain);

    // A value set on the element alone never reaches React: the next render puts the state's back.
    await secret.evaluate((el: HTMLInputElement, v: string) => {
      el.value = v;
    }, value);
    await domain.fill('contoso.onmicrosoft.com ');
    await domain.fill(replica.state.tenant.primaryDomain);
    expect(await secret.inputValue()).toBe('');

    // Changing "Log in with" re-mounts the fields: the old element is gone, the typed value stays.
    const before = await clientId.elementHandle();
    await loginWith.selectOption({ label: 'Microsoft Entra ID Multi Tenant' });
    expect(await tenantId.count()).toBe(0);
    expect(await before?.evaluate((el) => el.isConnected)).toBe(false);
    expect(await clientId.inputValue()).toBe(app.appId);
    await loginWith.selectOption({ label: 'Microsoft Entra ID Single Tenant' });

    // Save checks the fields: required, GUID-shaped.
    await clientId.fill('not-a-guid');
    await form().getByRole('button', { name: 'Save' }).click();
    await poll(() => clientId.getAttribute('aria-invalid')).toBe('true');
    expect(await form().getByText('Client ID must be a GUID, such as 00000000-0000-0000-0000-000000000000.').isVisible()).toBe(true);
    expect(await secret.getAttribute('aria-invalid')).toBe('true');
    expect(await form().getByText('Client Secret is required.').isVisible()).toBe(true);
    expect(replica.dbt.sso).toBeNull();

    await clientId.fill(app.appId);
    await secret.fill(value);
    await form().getByRole('button', { name: 'Save' }).click();
    await poll(() => page.getByRole('status').textContent()).toBe('SSO settings saved');

    const saved = replica.dbt.sso;
    expect(saved).toMatchObject({
      loginWith: 'entra-single',
      clientId: app.appId,
      clientSecret: value,
      tenantId: replica.state.tenant.id,
      domain: replica.state.tenant.primaryDomain,
      includeAllGroups: true,
      maxGroups: 250,
    });
    expect(saved?.slug).toMatch(/^acme-analytics-[a-z0-9]{6}$/);
    const loginUrl = `https://cloud.getdbt.com/enterprise-login/${saved?.slug ?? ''}`;
    const summary = page.locator('dl');
    expect(await summary.locator('dt').allTextContents()).toEqual([
      'Log in with',
      'Client ID',
      'Client Secret',
      'Tenant ID',
      'Microsoft Entra ID Domain',
      'Include all groups',
      'Maximum number of groups to retrieve',
      'Login URL',
    ]);
    expect(await summary.locator('code').textContent()).toBe(loginUrl);
    expect(await page.content()).not.toContain(value);
    expect(await page.getByRole('textbox', { name: 'Search' }).inputValue()).toBe('');

    // Edit: the saved values come back but the secret; left empty, the saved one is kept.
    await page.getByRole('button', { name: 'Edit' }).click();
    expect(await loginWith.inputValue()).toBe('entra-single');
    expect(await loginWith.locator('option').first().textContent()).toBe('Microsoft Entra ID Single Tenant');
    expect(await clientId.inputValue()).toBe(app.appId);
    expect(await secret.inputValue()).toBe('');
    await form().getByLabel('Maximum number of groups to retrieve').fill('400');
    await form().getByRole('button', { name: 'Save' }).click();
    await poll(() => replica.dbt.sso?.maxGroups).toBe(400);
    expect(replica.dbt.sso?.clientSecret).toBe(value);
    expect(replica.dbt.sso?.slug).toBe(saved?.slug);

    // The login URL signs in (the app: Web redirect URI, its secret, no assignment required).
    addPermissions(replica.state, app.appId, 'Delegated', ['GroupMember.Read.All']);
    grantAdminConsent(replica.state, app.appId);
    await page.goto(loginUrl);
    await page.getByRole('button', { name: 'Continue with Microsoft Entra ID' }).click();
    await page.getByRole('button', { name: replica.state.users[0]?.userPrincipalName ?? '?' }).click();
    await page.waitForURL('https://cloud.getdbt.com/');
    await poll(() => page.getByRole('status').textContent()).toBe(`Signed in as ${replica.state.users[0]?.userPrincipalName} with Microsoft Entra ID`);
    expect(browser.pageErrors).toEqual([]);
  });

  test('the settings content comes after its fetch; a full load of each path shows its page', async () => {
    await open(SSO_URL);
    // The frame is there at once, the settings content only after the fake fetch (300–800 ms).
    expect(await page.getByRole('navigation', { name: 'Account settings' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Single sign-on' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'Single sign-on' }).waitFor();
    expect(await page.getByRole('link', { name: 'SSO & SCIM' }).getAttribute('aria-current')).toBe('page');

    await page.goto(`https://cloud.getdbt.com/settings/accounts/${ACCOUNT_ID}/`);
    await page.getByRole('heading', { name: 'Account settings', level: 1 }).waitFor();
    await page.goBack();
    await page.getByRole('button', { name: 'Get started' }).waitFor();
  });

  test.each<[string, string]>([
    ['cloud.getdbt.com', 'https://auth.cloud.getdbt.com/login/callback'],
    ['emea.dbt.com', 'https://auth.emea.dbt.com/login/callback'],
    ['au.dbt.com', 'https://auth.au.dbt.com/login/callback'],
    ['ab123.us1.dbt.com', 'https://auth.cloud.getdbt.com/login/callback'],
    ...DBT_LOOKALIKE_HOSTS.map((host): [string, string] => [host, 'https://auth.cloud.getdbt.com/login/callback']),
  ])('on %s the Callback URI is %s', async (host, uri) => {
    await open(`https://${host}/settings/accounts/${ACCOUNT_ID}/pages/sso`);
    await page.getByRole('button', { name: 'Get started' }).click();
    await form().getByLabel('Log in with').selectOption('entra-multi');
    expect(await form().getByLabel('Callback URI').inputValue()).toBe(uri);
  });

  test('dbt\'s hosts and Microsoft\'s sign-in host are mapped to the replica', () => {
    for (const host of [...DBT_HOSTS, ...DBT_LOOKALIKE_HOSTS, 'auth.cloud.getdbt.com', 'login.microsoftonline.com']) {
      expect(replica.hostResolverRules).toContain(`MAP ${host} 127.0.0.1:${replica.port}`);
    }
  });
});

describe('dbt: test sign-in through Microsoft Entra ID', () => {
  interface Setup {
    appId: string;
    secret: string;
    secretId: string;
  }

  /** The app as the guide leaves it: Web redirect URI, permissions granted, a secret, "dbt Analysts" assigned. */
  function setUp(): Setup {
    const s = replica.state;
    const app = registerApp(s, { displayName: 'dbt Cloud', signInAudience: 'AzureADMyOrg', redirectUri: { platform: 'web', uri: CALLBACK } });
    addPermissions(s, app.appId, 'Delegated', ['GroupMember.Read.All']);
    grantAdminConsent(s, app.appId);
    const secret = addSecret(s, app.appId, { description: 'dbt', days: 730 });
    const sp = s.servicePrincipals.find((p) => p.appId === app.appId);
    const analysts = s.groups.find((g) => g.displayName === 'dbt Analysts');
    if (!sp || !analysts) throw new Error('The seeded tenant changed');
    updateServicePrincipal(s, sp.id, { appRoleAssignmentRequired: true });
    assignPrincipals(s, sp.id, [analysts.id]);
    return { appId: app.appId, secret: secret.secretText, secretId: secret.keyId };
  }

  function saveDbt(setup: Setup, change: Partial<DbtSsoSetup> = {}): string {
    const sso = replica.setDbtSso({
      loginWith: 'entra-single',
      clientId: setup.appId,
      clientSecret: setup.secret,
      tenantId: replica.state.tenant.id,
      domain: replica.state.tenant.primaryDomain,
      ...change,
    });
    return `https://cloud.getdbt.com/enterprise-login/${sso.slug}`;
  }

  const upn = (name: string) => replica.state.users.find((u) => u.displayName === name)?.userPrincipalName ?? `${name}?`;

  /** From dbt's login URL to Microsoft's page, as the user sees them. */
  async function continueToMicrosoft(loginUrl: string): Promise<URL> {
    await open(loginUrl);
    await page.getByRole('heading', { name: 'Log in to dbt' }).waitFor();
    await page.getByRole('button', { name: 'Continue with Microsoft Entra ID' }).click();
    await page.waitForURL(/^https:\/\/login\.microsoftonline\.com\//);
    return new URL(page.url());
  }

  async function signIn(loginUrl: string, name: string): Promise<void> {
    await continueToMicrosoft(loginUrl);
    await page.getByRole('heading', { name: 'Pick an account' }).waitFor();
    await page.getByRole('button', { name: upn(name), exact: true }).click();
    await page.waitForLoadState();
  }

  /** Microsoft's error page: its heading, its apology, the message and the trace lines. */
  async function microsoftError(): Promise<string> {
    expect(new URL(page.url()).host).toBe('login.microsoftonline.com');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
    expect(await page.getByText('Sorry, but we’re having trouble signing you in.').isVisible()).toBe(true);
    for (const line of ['Request Id:', 'Correlation Id:', 'Timestamp:', 'Message:']) {
      expect(await page.getByText(line, { exact: true }).count(), line).toBe(1);
    }
    return (await page.locator('.ms-error-text').textContent()) ?? '';
  }

  /** dbt's page after the callback, when the token exchange or dbt's own check failed. */
  async function dbtError(): Promise<string> {
    expect(new URL(page.url()).host).toBe('cloud.getdbt.com');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign-in failed');
    return (await page.getByRole('alert').textContent()) ?? '';
  }

  test('a member of an assigned group signs in; dbt asks Microsoft for its scopes at the tenant', async () => {
    const setup = setUp();
    const loginUrl = saveDbt(setup);
    const authorize = await continueToMicrosoft(loginUrl);
    expect(authorize.pathname).toBe(`/${replica.state.tenant.id}/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: setup.appId,
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'openid profile email User.Read GroupMember.Read.All',
    });
    expect(authorize.search).toContain('scope=openid%20profile%20email%20User.Read%20GroupMember.Read.All');
    expect(await page.getByRole('list', { name: 'Accounts' }).getByRole('button').allTextContents()).toHaveLength(replica.state.users.length);
    await page.getByRole('button', { name: upn('Adele Vance'), exact: true }).click();
    await page.waitForURL('https://cloud.getdbt.com/');
    await poll(() => page.getByRole('status').textContent()).toBe(`Signed in as ${upn('Adele Vance')} with Microsoft Entra ID`);
    expect(replica.dbt.signIns).toEqual([{ host: 'cloud.getdbt.com', upn: upn('Adele Vance'), ok: true, error: null }]);
  });

  test('a user assigned directly signs in', async () => {
    const setup = setUp();
    const sp = replica.state.servicePrincipals.find((p) => p.appId === setup.appId);
    const lee = replica.state.users.find((u) => u.displayName === 'Lee Gu');
    assignPrincipals(replica.state, sp?.id ?? '', [lee?.id ?? '']);
    await signIn(saveDbt(setup), 'Lee Gu');
    await poll(() => page.getByRole('status').textContent()).toBe(`Signed in as ${upn('Lee Gu')} with Microsoft Entra ID`);
  });

  test('AADSTS50011: the redirect URI is not among the Web ones', async () => {
    const setup = setUp();
    setRedirectUris(replica.state, setup.appId, 'web', ['https://auth.emea.dbt.com/login/callback']);
    await continueToMicrosoft(saveDbt(setup));
    expect(await microsoftError()).toBe(
      `AADSTS50011: The redirect URI '${CALLBACK}' specified in the request does not match the redirect URIs configured for the application '${setup.appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
    );
    expect(replica.dbt.signIns).toEqual([]);
  });

  test('AADSTS50105: assignment required, the user is in no assigned group', async () => {
    const setup = setUp();
    await signIn(saveDbt(setup), 'Alex Wilber');
    expect(await microsoftError()).toBe(
      `AADSTS50105: Your administrator has configured the application dbt Cloud ('${setup.appId}') to block users unless they are specifically granted ('assigned') access to the application. The signed in user '${upn('Alex Wilber')}' is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator. Please contact your administrator to assign access to this application.`,
    );
  });

  test('AADSTS7000215: dbt holds the Secret ID, not the Value (shown by dbt after the callback)', async () => {
    const setup = setUp();
    await signIn(saveDbt(setup, { clientSecret: setup.secretId }), 'Adele Vance');
    expect(await dbtError()).toBe(
      `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${setup.appId}'.`,
    );
    expect(replica.dbt.signIns[0]).toMatchObject({ ok: false, upn: null });
  });

  const outcomes: [string, (setup: Setup) => Partial<DbtSsoSetup> | void, 'microsoft' | 'dbt', RegExp][] = [
    [
      'AADSTS7000222: the secret has expired',
      (setup) => {
        const cred = replica.state.apps.find((a) => a.appId === setup.appId)?.passwordCredentials[0];
        if (cred) cred.endDateTime = new Date(Date.now() - 86_400_000).toISOString();
      },
      'dbt',
      /^AADSTS7000222: The provided client secret keys for app '[0-9a-f-]{36}' are expired\. Visit the Azure portal/,
    ],
    [
      'AADSTS9002325: the redirect URI is registered under SPA only',
      (setup) => {
        setRedirectUris(replica.state, setup.appId, 'web', []);
        setRedirectUris(replica.state, setup.appId, 'spa', [CALLBACK]);
      },
      'dbt',
      /^AADSTS9002325: Proof Key for Code Exchange is required for cross-origin authorization code redemption\.$/,
    ],
    [
      'Domain name mismatch: dbt holds another domain than the tenant primary one',
      () => ({ domain: 'fabrikam.com' }),
      'dbt',
      /^Domain name mismatch: /,
    ],
    [
      'AADSTS700016: dbt holds a client ID of no app',
      () => ({ clientId: '00000000-0000-4000-8000-000000000001' }),
      'microsoft',
      /^AADSTS700016: Application with identifier '00000000-0000-4000-8000-000000000001' was not found in the directory/,
    ],
    [
      'AADSTS90002: dbt holds a tenant ID of no tenant',
      () => ({ tenantId: '00000000-0000-4000-8000-000000000002' }),
      'microsoft',
      /^AADSTS90002: Tenant '00000000-0000-4000-8000-000000000002' not found\./,
    ],
    [
      'AADSTS50194: Multi Tenant in dbt, a single-tenant app',
      () => ({ loginWith: 'entra-multi', domain: 'organizations' }),
      'microsoft',
      /^AADSTS50194: Application '[0-9a-f-]{36}'\(dbt Cloud\) is not configured as a multi-tenant application\./,
    ],
  ];

  test.each(outcomes)('%s', async (_, change, where, message) => {
    const setup = setUp();
    const loginUrl = saveDbt(setup, change(setup) ?? {});
    if (where === 'microsoft') {
      await continueToMicrosoft(loginUrl);
      expect(await microsoftError()).toMatch(message);
      return;
    }
    await signIn(loginUrl, 'Adele Vance');
    expect(await dbtError()).toMatch(message);
  });

  test('AADSTS90094: GroupMember.Read.All is not granted', async () => {
    const setup = setUp();
    const app = replica.state.apps.find((a) => a.appId === setup.appId);
    for (const p of app?.permissions ?? []) p.granted = false;
    await signIn(saveDbt(setup), 'Adele Vance');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Need admin approval');
    expect(await page.getByText('Message:', { exact: true }).locator('xpath=following-sibling::*[1]').textContent()).toBe('AADSTS90094: The grant requires admin permission.');
  });

  test('Multi Tenant signs in through /organizations with a multi-tenant app', async () => {
    const setup = setUp();
    const app = replica.state.apps.find((a) => a.appId === setup.appId);
    if (app) app.signInAudience = 'AzureADMultipleOrgs';
    const authorize = await continueToMicrosoft(saveDbt(setup, { loginWith: 'entra-multi', domain: 'organizations' }));
    expect(authorize.pathname).toBe('/organizations/oauth2/v2.0/authorize');
    await page.getByRole('button', { name: upn('Megan Bowen'), exact: true }).click();
    await poll(() => page.getByRole('status').textContent()).toBe(`Signed in as ${upn('Megan Bowen')} with Microsoft Entra ID`);
    expect(replica.dbt.sso?.tenantId).toBe('');
  });

  test('the sign-in state is the replica tenant’s: IDs are GUIDs, reset clears dbt', () => {
    const setup = setUp();
    saveDbt(setup);
    expect(setup.appId).toMatch(GUID);
    expect(replica.dbt.sso).not.toBeNull();
    replica.reset();
    expect(replica.dbt.sso).toBeNull();
    expect(replica.dbt.signIns).toEqual([]);
  });
});
