import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { addSecret, registerApp, type RegisteredApp } from '../fixtures/replica/tenant';
import { DEFAULT_FIREFOX_EXTENSION_PATH, launchFirefox, type ExtensionPage, type FirefoxBrowser } from './firefox-harness';
import { poll, pressPanelButton, storageAreas } from './firefox-guide';

/**
 * dbt's SSO form filled by the guide in Firefox (the Firefox build, unchanged, in Debian's
 * firefox-esr; see firefox-harness.ts), as dbt.e2e.ts does in Chromium. dbt's host is an optional
 * permission: the popup asks for it on the admin's key press (Firefox wants real user input), the
 * background registers the guide's scripts there and opens dbt; the panel fills the form, the
 * client secret straight from storage.session. With Firefox's prompt on, Deny gives the copy path
 * and Allow the grant. A look-alike host gets no guide.
 *
 * The Entra side is not walked here (firefox.e2e.ts drives the portal): the app and its secret are
 * made in the replica's tenant directly, the IDs recorded in storage.local as the portal's steps
 * record them, and the secret typed into the popup as an admin would.
 */

if (!existsSync(join(DEFAULT_FIREFOX_EXTENSION_PATH, 'manifest.json'))) {
  throw new Error(`No Firefox build at ${DEFAULT_FIREFOX_EXTENSION_PATH}. Build it first: npm run build`);
}

const ACCOUNT = '70403103918';
const DBT = 'https://cloud.getdbt.com';
const SSO_URL = `${DBT}/settings/accounts/${ACCOUNT}/pages/sso`;
const CALLBACK = 'https://auth.cloud.getdbt.com/login/callback';
const HOST_PATTERN = `${DBT}/*`;
const LOOKALIKE_SSO_URL = `https://cloud.getdbt.com.evil.example/settings/accounts/${ACCOUNT}/pages/sso`;
const FILL_DBT = "Fill dbt's SSO form";
const DECLINED = /Without access to cloud\.getdbt\.com the guide cannot fill dbt's form/;
/** Firefox grants an optional permission at once, with no prompt, when this is false. */
const NO_PERMISSION_PROMPT = { 'extensions.webextOptionalPermissionPrompts': false };


/** What the test's functions see as `browser` inside the extension's documents. */
declare const browser: {
  storage: Record<'local' | 'session', { get(keys: null): Promise<Record<string, unknown>>; set(items: object): Promise<void> }>;
  permissions: { getAll(): Promise<{ origins?: string[] }> };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[]; js?: string[]; allFrames?: boolean }[]> };
};


const grantedOrigins = async (firefox: FirefoxBrowser) =>
  (await firefox.background()).evaluate(async () => (await browser.permissions.getAll()).origins ?? []);

/** The dbt agent and panel scripts the background registered, by id. */
const registeredScripts = async (firefox: FirefoxBrowser) =>
  (await firefox.background()).evaluate(async () => (await browser.scripting.getRegisteredContentScripts()).map(({ id, matches, js, allFrames }) => ({ id, matches, js, allFrames })));

const isDbtPage = (url: string) => url.startsWith(`${DBT}/`);

// --- The popup -------------------------------------------------------------------------------

const popupText = (popup: ExtensionPage) => popup.ui((ui) => ui.texts('body').join(' '));

/** The self-service setup (the popup's default profile) for dbt's US region, and the guide started. */
async function startGuide(firefox: FirefoxBrowser): Promise<void> {
  const popup = await firefox.openExtensionPage('/popup.html');
  await poll(() => popup.ui((ui) => ui.button('Start the guide on the portal')?.matches(':enabled') ?? false)).toBe(true);
  await popup.ui((ui) => ui.select('dbt region', 'us'));
  await popup.ui((ui) => ui.click('Start the guide on the portal'));
  await poll(() => popup.ui((ui) => ui.button('Stop the guide') !== null)).toBe(true);
  await popup.close();
}

/** The popup with the access URL typed, its "Fill dbt's SSO form" ready to be pressed. */
async function popupForDbt(firefox: FirefoxBrowser, accessUrl: string): Promise<ExtensionPage> {
  const popup = await firefox.openExtensionPage('/popup.html');
  // The popup's controls are disabled until its store has loaded.
  await poll(() => popup.ui((ui) => ui.control('Your dbt access URL').matches(':enabled'))).toBe(true);
  await popup.ui((ui, url) => ui.fill('Your dbt access URL', url), accessUrl);
  await poll(() => popup.ui((ui, name) => ui.button(name)?.matches(':enabled') ?? false, FILL_DBT)).toBe(true);
  return popup;
}

// --- dbt's page ------------------------------------------------------------------------------

const stepOf = (page: Page) => page.evaluate(() => document.querySelector('sso-guide-panel')?.getAttribute('data-step') ?? null);


/**
 * Clicks the page's button reading `name` (under `within`) once it shows, is enabled and holds
 * still: the guide smooth-scrolls the control its ring moves to (Save, below the fold) into view,
 * and a click during the scroll lands where the button was.
 */
async function clickButton(page: Page, name: string, within = 'body'): Promise<void> {
  await page.locator(`${within} button::-p-text(${JSON.stringify(name)})`).setTimeout(20_000).click();
}

/** Waits for a heading reading `text`: the page has rendered. */
async function headingShown(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (t: string) => Array.from(document.querySelectorAll('h1, h2, h3, [role="heading"]')).some((h) => h.textContent?.trim() === t),
    { timeout: 20_000 },
    text,
  );
}

/** The value of the input whose <label> reads `text`. */
const inputValue = (page: Page, text: string) =>
  page.evaluate((t) => {
    const label = Array.from(document.querySelectorAll('label')).find((l) => l.textContent?.trim() === t);
    return (label?.control as HTMLInputElement | null | undefined)?.value ?? null;
  }, text);

/** Anything the guide injects into a page: its elements and attributes share one prefix. */
const guideInjected = (page: Page) => page.evaluate(() => document.querySelector('sso-guide-panel, sso-guide-spotlight, [data-sso-guide]') !== null);

// --- Granted with no prompt: the form filled -------------------------------------------------

describe("dbt's form filled by the guide in Firefox, the host granted on the admin's key press", () => {
  let replica: Replica;
  let firefox: FirefoxBrowser;
  let app: RegisteredApp;
  let secret: string;
  /** dbt's tab, opened by the extension. */
  let dbt: Page;

  beforeAll(async () => {
    replica = await startReplica({ config: { renderDelayMs: 300 } });
    firefox = await launchFirefox({ replica, prefs: NO_PERMISSION_PROMPT });
    // The Entra side as the guide leaves it: the app registered with dbt's redirect URI, a secret.
    app = registerApp(replica.state, { displayName: 'dbt Cloud', signInAudience: 'AzureADMyOrg', redirectUri: { platform: 'web', uri: CALLBACK } });
    secret = addSecret(replica.state, app.appId, { description: 'dbt Cloud', days: 730 }).secretText;
  });
  afterAll(async () => {
    await firefox?.close();
    await replica?.close();
  });

  test('installed: no dbt host granted, no script registered on dbt', async () => {
    expect((await grantedOrigins(firefox)).filter((o) => /dbt/.test(o))).toEqual([]);
    expect(await registeredScripts(firefox)).toEqual([]);
  });

  test('the guide running, the IDs recorded as the portal records them, the secret typed in the popup: storage.session only', async () => {
    await startGuide(firefox);
    const at = new Date().toISOString();
    const { tenant } = replica.state;
    await (await firefox.background()).evaluate(
      (values: object) => browser.storage.local.set(values),
      Object.fromEntries(
        Object.entries({ clientId: app.appId, tenantId: tenant.id, domain: tenant.primaryDomain }).map(([key, value]) => [`values.${key}`, { value, source: 'page', at }]),
      ),
    );
    const popup = await firefox.openExtensionPage('/popup.html');
    await poll(() => popup.ui((ui) => ui.control('Application (client) ID').value)).toBe(app.appId);
    await popup.ui((ui, value) => ui.fill('Client secret Value', value), secret);
    await poll(async () => (await popup.evaluate(storageAreas)).session).toContain(secret);
    expect((await popup.evaluate(storageAreas)).local).not.toContain(secret);
    await popup.close();
  });

  test(`"${FILL_DBT}" pressed: the host is granted, dbt opens in a new tab with the guide's panel`, async () => {
    const popup = await popupForDbt(firefox, `${DBT}/deploy/${ACCOUNT}/projects`);
    const opened = firefox.pageOpened(isDbtPage);
    await popup.pressEnter(FILL_DBT);
    dbt = await opened;
    await poll(() => popupText(popup)).toContain('dbt opened in a new tab');
    expect(await grantedOrigins(firefox)).toContain(HOST_PATTERN);
    // Only the host asked for, not the declared wildcard; the guide's scripts there, top frame.
    expect(await grantedOrigins(firefox)).not.toContain('https://*.dbt.com/*');
    expect(await registeredScripts(firefox)).toEqual([
      { id: 'sso-guide-dbt', matches: [HOST_PATTERN], js: ['content-scripts/dbt-agent.js', 'content-scripts/panel.js'], allFrames: false },
    ]);
    await popup.close();
    await poll(() => stepOf(dbt)).toBe('dbt-sso-form');
  });

  test('on SSO & SCIM, "Get started": the panel fills the form, the secret from the session into Client Secret only', async () => {
    await dbt.goto(SSO_URL);
    await poll(() => stepOf(dbt)).toBe('dbt-sso-form');
    await clickButton(dbt, 'Get started');
    await pressPanelButton(dbt, 'Choose Microsoft Entra ID Single Tenant');
    await pressPanelButton(dbt, `Fill in ${app.appId}`);
    await pressPanelButton(dbt, 'Fill the client secret from this session');
    await pressPanelButton(dbt, `Fill in ${replica.state.tenant.id}`);
    await pressPanelButton(dbt, `Fill in ${replica.state.tenant.primaryDomain}`);
    expect(await inputValue(dbt, 'Client Secret')).toBe(secret);
    // No other field holds it, and the page's markup shows it nowhere but in that field (React
    // mirrors a controlled input's value into its value attribute).
    const elsewhere = await dbt.evaluate((value) => {
      const field = Array.from(document.querySelectorAll('label')).find((l) => l.textContent?.trim() === 'Client Secret')?.control;
      const others = Array.from(document.querySelectorAll('input, textarea')).filter((el) => el !== field && (el as HTMLInputElement).value.includes(value));
      const clone = document.documentElement.cloneNode(true) as HTMLElement;
      if (field?.id) clone.querySelector(`#${CSS.escape(field.id)}`)?.remove();
      return { others: others.length, markup: clone.outerHTML.includes(value) };
    }, secret);
    expect(elsewhere).toEqual({ others: 0, markup: false });
  });

  test('the admin saves: dbt holds the client ID, the tenant ID, the domain and the exact secret Value', async () => {
    await clickButton(dbt, 'Save', 'form');
    // Not saved, the failure shows what the form says (a refused Save names the field in error).
    await poll(async () => replica.dbt.sso?.clientId ?? `not saved: ${await dbt.evaluate(() => document.querySelector('form')?.innerText ?? 'no form')}`).toBe(
      app.appId,
    );
    expect(replica.dbt.sso).toMatchObject({
      loginWith: 'entra-single',
      clientId: app.appId,
      clientSecret: secret,
      tenantId: replica.state.tenant.id,
      domain: replica.state.tenant.primaryDomain,
    });
    // The panel reads the saved form back: the login URL recorded, the step done by the page.
    const local = async () => JSON.parse((await (await firefox.background()).evaluate(storageAreas)).local) as Record<string, { value?: string; done?: boolean; by?: string }>;
    await poll(async () => (await local())['values.dbtLoginUrl']?.value).toBe(`${DBT}/enterprise-login/${replica.dbt.sso?.slug ?? ''}`);
    expect((await local())['progress.dbt-sso-form']).toMatchObject({ done: true, by: 'page' });
  });

  test('the secret is in storage.session, never in storage.local', async () => {
    const stored = await (await firefox.background()).evaluate(storageAreas);
    expect(stored.session).toContain(secret);
    expect(stored.local).not.toContain(secret);
  });

  test('a look-alike of dbt gets no guide, while dbt itself does', async () => {
    const lookalike = await firefox.newPage();
    await lookalike.goto(LOOKALIKE_SSO_URL);
    await headingShown(lookalike, 'Single sign-on');
    // Content scripts run once a page is idle: by the time a dbt page opened later shows the
    // panel, the look-alike, loaded first, would have had it too.
    const real = await firefox.newPage();
    await real.goto(SSO_URL);
    await poll(() => guideInjected(real)).toBe(true);
    expect(await guideInjected(lookalike)).toBe(false);
    await real.close();
    await lookalike.close();
  });

  test('no errors from the extension, nor in the pages it runs in', () => {
    expect(firefox.errors).toEqual([]);
    expect(firefox.pageErrors).toEqual([]);
    expect(firefox.refused.filter((r) => /getdbt|dbt\.com/.test(r))).toEqual([]);
  });
});

// --- Firefox's prompt: Deny, then Allow ------------------------------------------------------

describe("Firefox's permission prompt for dbt's host, answered by the admin", () => {
  let replica: Replica;
  let firefox: FirefoxBrowser;
  let popup: ExtensionPage;

  beforeAll(async () => {
    replica = await startReplica({ config: { renderDelayMs: 0 } });
    // The default prefs: the request opens Firefox's prompt.
    firefox = await launchFirefox({ replica });
  });
  afterAll(async () => {
    await firefox?.close();
    await replica?.close();
  });

  test('denied: the popup says to copy the values by hand; nothing granted, nothing registered, dbt not opened', async () => {
    popup = await popupForDbt(firefox, DBT);
    await popup.pressEnter(FILL_DBT);
    await firefox.answerPermissionPrompt(popup, 'deny');
    await poll(() => popupText(popup)).toMatch(DECLINED);
    expect(await grantedOrigins(firefox)).not.toContain(HOST_PATTERN);
    expect(await registeredScripts(firefox)).toEqual([]);
    expect(firefox.browser.targets().map((t) => t.url()).filter(isDbtPage)).toEqual([]);
  });

  test('allowed: the host is granted and dbt opens', async () => {
    const opened = firefox.pageOpened(isDbtPage);
    await popup.pressEnter(FILL_DBT);
    await firefox.answerPermissionPrompt(popup, 'allow');
    await opened;
    await poll(() => popupText(popup)).toContain('dbt opened in a new tab');
    expect(await popupText(popup)).not.toMatch(DECLINED);
    expect(await grantedOrigins(firefox)).toContain(HOST_PATTERN);
    expect((await registeredScripts(firefox)).map((s) => s.matches)).toEqual([[HOST_PATTERN]]);
    await popup.close();
  });

  test('no errors from the extension', () => {
    expect(firefox.errors).toEqual([]);
  });
});
