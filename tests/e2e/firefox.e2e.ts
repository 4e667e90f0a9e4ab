import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LIVE_BLADE_HOST, PLAIN_HOST } from '../fixtures/replica/protocol';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { poll, pressPanelButton, storageAreas } from './firefox-guide';
import {
  DEFAULT_FIREFOX_EXTENSION_PATH,
  EXTENSION_UUID,
  firefoxFrameByHost,
  launchFirefox,
  type ExtensionPage,
  type FirefoxBrowser,
} from './firefox-harness';

/**
 * The Firefox build, unchanged, in Debian's firefox-esr (WebDriver BiDi through puppeteer-core,
 * Firefox's remote debugging protocol for the extension's own documents) on the replica portal:
 * the panel in the top frame, the spotlight in the blade iframe, a fill that React takes and the
 * panel reads back; then the Firefox-only paths: the secret in storage.session only, and the
 * clipboard cleared by the background page (Firefox has no offscreen document).
 */

if (!existsSync(join(DEFAULT_FIREFOX_EXTENSION_PATH, 'manifest.json'))) {
  throw new Error(`No Firefox build at ${DEFAULT_FIREFOX_EXTENSION_PATH}. Build it first: npm run build`);
}


/** What the test's functions see as `browser` inside the extension's documents. */
declare const browser: {
  storage: Record<'local' | 'session', { get(keys: null): Promise<Record<string, unknown>> }>;
  permissions: { getAll(): Promise<{ origins?: string[]; permissions?: string[] }> };
  runtime: { getManifest(): { manifest_version: number; content_scripts?: { matches: string[] }[] } };
};


// --- The portal ------------------------------------------------------------------------------

const panelAttribute = (page: Page, name: string) =>
  page.evaluate((n) => document.querySelector('sso-guide-panel')?.getAttribute(n) ?? null, name);


type Box = { x: number; y: number; width: number; height: number };
const covers = (r: Box | null, t: Box | null) =>
  !!r && !!t && r.width > 0 && r.x <= t.x + 0.5 && r.y <= t.y + 0.5 && r.x + r.width >= t.x + t.width - 0.5 && r.y + r.height >= t.y + t.height - 0.5;

/**
 * The spotlight ring in a frame (inside sso-guide-spotlight's open shadow root) covers the element
 * matching `selector`, looked up afresh: the replica re-renders.
 */
async function spotlightCovers(frame: Frame, selector: string): Promise<boolean> {
  const rings = await frame.$$('sso-guide-spotlight >>> [data-sso-guide="spotlight"]');
  const target = await frame.$(selector);
  if (rings.length !== 1 || !target) return false;
  return covers(await rings[0]!.boundingBox(), await target.boundingBox());
}

/** The frame's element matching a CSS selector, waiting for it. */
async function element(frame: Frame, selector: string): Promise<ElementHandle> {
  const handle = await frame.waitForSelector(selector, { timeout: 20_000 });
  if (!handle) throw new Error(`No ${selector}`);
  return handle;
}

/**
 * Clicks the element matching `selector`, looked up afresh: the replica re-renders late and more
 * than once, so a node found a moment ago may be gone by the click.
 */
async function clickFresh(frame: Frame, selector: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await (await element(frame, selector)).click();
      return;
    } catch (error) {
      if (attempt >= 5 || !/detached|not clickable|no longer/i.test(String(error))) throw error;
    }
  }
}

/** The input whose <label> reads `text`, in a frame. */
async function inputLabelled(frame: Frame, text: string): Promise<ElementHandle<HTMLInputElement>> {
  await poll(() => frame.evaluate((t) => Array.from(document.querySelectorAll('label')).some((l) => l.textContent?.trim() === t), text)).toBe(true);
  const handle = await frame.evaluateHandle((t) => {
    const label = Array.from(document.querySelectorAll('label')).find((l) => l.textContent?.trim() === t);
    return label?.control as HTMLInputElement;
  }, text);
  return handle as ElementHandle<HTMLInputElement>;
}

// --- The guide on the portal -----------------------------------------------------------------

describe('the guide in Firefox', () => {
  let replica: Replica;
  let firefox: FirefoxBrowser;
  let page: Page;

  beforeAll(async () => {
    replica = await startReplica({ config: { renderDelayMs: 400 } });
    firefox = await launchFirefox({ replica });
  });
  afterAll(async () => {
    await firefox?.close();
    await replica?.close();
  });

  test('installed as a temporary add-on: the background page runs, every content-script host is granted', async () => {
    const background = await firefox.background();
    expect(background.url).toBe(`moz-extension://${EXTENSION_UUID}/_generated_background_page.html`);
    const { manifest, origins } = await background.evaluate(async () => ({
      manifest: browser.runtime.getManifest(),
      origins: (await browser.permissions.getAll()).origins ?? [],
    }));
    expect(manifest.manifest_version).toBe(3);
    // Firefox treats MV3 content-script matches as host permissions: without them granted, the
    // content scripts would not run at all.
    for (const match of manifest.content_scripts?.flatMap((c) => c.matches) ?? []) expect(origins).toContain(match);
  });

  test('the popup starts the guide', async () => {
    const popup = await firefox.openExtensionPage('/popup.html');
    await poll(() => popup.ui((ui) => ui.button('Start the guide on the portal')?.matches(':enabled') ?? false)).toBe(true);
    await popup.ui((ui) => ui.select('dbt region', 'us'));
    await popup.ui((ui) => ui.click('Start the guide on the portal'));
    await poll(() => popup.ui((ui) => ui.button('Stop the guide') !== null)).toBe(true);
    await popup.close();
  });

  test('App registrations: the panel in the top frame, the spotlight in the blade iframe', async () => {
    page = await firefox.newPage();
    await page.goto('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade');
    await poll(() => panelAttribute(page, 'data-step')).toBe('open-app-registrations');
    await poll(() => panelAttribute(page, 'data-target-state')).toBe('found');

    const blade = await firefoxFrameByHost(page, LIVE_BLADE_HOST);
    // The panel is in the top frame only; the frame agent (and its spotlight) in the blade.
    expect(await blade.$('sso-guide-panel')).toBeNull();
    const NEW_REGISTRATION = 'button[role="menuitem"][name="New registration"]';
    await poll(() => spotlightCovers(blade, NEW_REGISTRATION)).toBe(true);
    // Not in a frame outside the portal.
    const other = await firefoxFrameByHost(page, PLAIN_HOST);
    expect(await other.$('sso-guide-spotlight')).toBeNull();
    await clickFresh(blade, NEW_REGISTRATION);
  });

  test('Register an application: Fill puts the value into the React input, the panel reads it back', async () => {
    await poll(() => panelAttribute(page, 'data-step')).toBe('register-app');
    const blade = await firefoxFrameByHost(page, LIVE_BLADE_HOST);
    await pressPanelButton(page, 'Fill in dbt Cloud');
    expect(await (await inputLabelled(blade, 'Name')).evaluate((i) => i.value)).toBe('dbt Cloud');

    await pressPanelButton(page, 'Choose Accounts in this organizational directory only');
    await pressPanelButton(page, 'Choose Web');
    await pressPanelButton(page, 'Fill in https://auth.cloud.getdbt.com/login/callback');
    // The replica's Register button follows its React state, not the DOM: enabled only if React
    // took every value. The admin registers; the replica records what React held.
    const REGISTER = '.ext-blade-footer button.ms-Button--primary';
    await poll(() => blade.$eval(REGISTER, (b) => `${b.textContent ?? ''} ${(b as HTMLButtonElement).disabled}`)).toBe('Register false');
    await poll(() => spotlightCovers(blade, REGISTER)).toBe(true);
    await clickFresh(blade, REGISTER);
    await poll(() => replica.state.apps.find((a) => a.displayName === 'dbt Cloud')?.redirectUris.web).toEqual([
      'https://auth.cloud.getdbt.com/login/callback',
    ]);
    expect(replica.state.apps.find((a) => a.displayName === 'dbt Cloud')?.signInAudience).toBe('AzureADMyOrg');
  });

  test('App overview: the IDs read from the page are recorded in storage.local and the guide moves on', async () => {
    // Still on the Overview: the next step starts here ("Managed application in local directory").
    await poll(() => panelAttribute(page, 'data-step')).toBe('assign-users');
    const app = replica.state.apps.find((a) => a.displayName === 'dbt Cloud');
    const popup = await firefox.openExtensionPage('/popup.html');
    await poll(async () => (await popup.evaluate(storageAreas)).local).toContain(app?.appId);
    expect((await popup.evaluate(storageAreas)).local).toContain(replica.state.tenant.id);
    await popup.close();
  });

  test('no errors from the extension, and no portal request refused by the proxy', () => {
    expect(firefox.errors).toEqual([]);
    // The replica's pages log no errors of their own (replica.e2e.ts), so anything logged there
    // came from the content scripts too: Firefox reports an unhandled rejection in a content
    // script with no stack, which cannot be told apart from the page's by its source.
    expect(firefox.pageErrors).toEqual([]);
    expect(firefox.refused.filter((r) => /portal|azure|microsoft|getdbt/.test(r))).toEqual([]);
  });
});

// --- The secret and the clipboard ------------------------------------------------------------

const SECRET = 'Ab78Q~ff.handoff_SECRET-value-0123456789';
const CLIENT_ID = '6f1b7c2e-1234-4abc-9def-0123456789ab';
const TENANT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
/** The shortest delay the settings allow. */
const DELAY_SECONDS = 10;

describe('the secret and the clipboard in Firefox', () => {
  let replica: Replica;
  let firefox: FirefoxBrowser;

  beforeAll(async () => {
    replica = await startReplica();
    firefox = await launchFirefox({ replica });
  });
  afterAll(async () => {
    await firefox?.close();
    await replica?.close();
  });

  /** The clipboard's text, read in the background page (the extension may read it). */
  const clipboardText = async () => (await firefox.background()).evaluate(() => navigator.clipboard.readText());

  async function typeValues(popup: ExtensionPage): Promise<void> {
    await poll(() => popup.ui((ui) => ui.button('Start the guide on the portal')?.matches(':enabled') ?? false)).toBe(true);
    await popup.ui(
      (ui, values) => {
        ui.fill('Application (client) ID', values.clientId);
        ui.fill('Client secret Value', values.secret);
        ui.fill('Directory (tenant) ID', values.tenantId);
        ui.fill('Directory domain', 'contoso.onmicrosoft.com');
      },
      { clientId: CLIENT_ID, secret: SECRET, tenantId: TENANT_ID },
    );
  }

  async function copySecret(): Promise<ExtensionPage> {
    const popup = await firefox.openExtensionPage('/popup.html');
    await typeValues(popup);
    await popup.ui((ui, seconds) => ui.select('Clear a copied secret from the clipboard after', seconds), String(DELAY_SECONDS));
    await popup.ui((ui) => ui.click('Copy Client secret Value'));
    // Shown once the background page has armed the clearing.
    await poll(() => popup.ui((ui) => ui.texts('body').join(' '))).toContain(`cleared in ${DELAY_SECONDS} s if it still holds the Value`);
    return popup;
  }

  test('a secret typed in the popup is in storage.session, never in storage.local', async () => {
    const popup = await firefox.openExtensionPage('/popup.html');
    await typeValues(popup);
    await poll(async () => (await popup.evaluate(storageAreas)).session).toContain(SECRET);
    const areas = await popup.evaluate(storageAreas);
    expect(areas.local).toContain(CLIENT_ID);
    expect(areas.local).not.toContain(SECRET);
    // The background page sees the same areas.
    const background = await (await firefox.background()).evaluate(storageAreas);
    expect(background.session).toContain(SECRET);
    expect(background.local).not.toContain(SECRET);
    await popup.close();
  });

  test('a copied secret is cleared by the background page after the delay, with the popup closed', async () => {
    const popup = await copySecret();
    const copiedAt = Date.now();
    expect(await clipboardText()).toBe(SECRET);
    await popup.close();
    const session = (await (await firefox.background()).evaluate(storageAreas)).session;
    expect(session).toMatch(/"clipboard":\{[^}]*"fingerprint":"v1\./);
    expect(session).not.toMatch(/"clipboard":\{[^}]*Ab78Q/);

    await expect.poll(clipboardText, { timeout: (DELAY_SECONDS + 15) * 1000, interval: 500 }).toBe('');
    expect(Date.now() - copiedAt).toBeGreaterThanOrEqual(DELAY_SECONDS * 1000 - 1000);
    expect((await (await firefox.background()).evaluate(storageAreas)).session).not.toContain('"clipboard"');
  });

  test('even when Firefox stopped the background page meanwhile: the alarm starts it again', async () => {
    const popup = await copySecret();
    await popup.close();
    await firefox.stopBackground();
    expect(await firefox.backgroundRunning()).toBe(false);
    // Nothing but the alarm can start it now: no extension page or portal tab is open.
    await expect.poll(() => firefox.backgroundRunning(), { timeout: (DELAY_SECONDS + 60) * 1000, interval: 500 }).toBe(true);
    await expect.poll(clipboardText, { timeout: 15_000, interval: 500 }).toBe('');
  });

  test('but not what was copied after it', async () => {
    const popup = await copySecret();
    await popup.ui((ui) => ui.click('Copy Application (client) ID'));
    await poll(() => popup.ui((ui) => ui.button('Copy Application (client) ID')?.textContent)).toBe('Copied');
    await popup.close();
    expect(await clipboardText()).toBe(CLIENT_ID);
    await expect
      .poll(async () => (await (await firefox.background()).evaluate(storageAreas)).session, { timeout: (DELAY_SECONDS + 15) * 1000, interval: 500 })
      .not.toContain('"clipboard"');
    expect(await clipboardText()).toBe(CLIENT_ID);
  });

  test('no errors from the extension', () => {
    expect(firefox.errors).toEqual([]);
  });
});

// --- The harness itself ----------------------------------------------------------------------

/**
 * A probe add-on that misbehaves on purpose, so that "no errors from the extension" above can
 * fail: its content script and background page log errors and throw.
 */
describe('the Firefox harness reports extension errors', () => {
  const PROBE = {
    'manifest.json': JSON.stringify({
      manifest_version: 3,
      name: 'Harness probe',
      version: '1.0',
      browser_specific_settings: { gecko: { id: 'harness-probe@extension' } },
      background: { scripts: ['bg.js'] },
      content_scripts: [{ matches: ['https://portal.azure.com/*', 'https://*.portal.azure.net/*'], all_frames: true, js: ['cs.js'] }],
    }),
    'cs.js': `console.error('probe: console error in ' + location.host);
setTimeout(() => { throw new Error('probe: uncaught in ' + location.host); }, 0);`,
    'bg.js': `console.error('probe: console error in background');
setTimeout(() => { throw new Error('probe: uncaught in background'); }, 0);`,
  };
  let dir: string;
  let replica: Replica;
  let firefox: FirefoxBrowser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sso-guide-ff-probe-'));
    await Promise.all(Object.entries(PROBE).map(([name, text]) => writeFile(join(dir, name), text)));
    replica = await startReplica({ config: { renderDelayMs: 0 } });
    firefox = await launchFirefox({ replica, extensionPath: dir });
  });
  afterAll(async () => {
    await firefox?.close();
    await replica?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('from the background page and from content scripts in the top frame and blade frames, not the page', async () => {
    const page = await firefox.newPage();
    await page.goto('https://portal.azure.com/');
    await firefoxFrameByHost(page, LIVE_BLADE_HOST);
    await page.evaluate(() => console.error('the page itself'));
    const has = (text: string) => () => firefox.errors.some((e) => e.includes(text));
    await poll(has('probe: console error in background')).toBe(true);
    await poll(has('probe: uncaught in background')).toBe(true);
    await poll(has('probe: console error in portal.azure.com')).toBe(true);
    await poll(has('probe: uncaught in portal.azure.com')).toBe(true);
    await poll(has(`probe: console error in ${LIVE_BLADE_HOST}`)).toBe(true);
    await poll(has(`probe: uncaught in ${LIVE_BLADE_HOST}`)).toBe(true);
    await poll(() => firefox.pageErrors.some((e) => e.includes('the page itself'))).toBe(true);
    expect(firefox.errors.filter((e) => e.includes('the page itself'))).toEqual([]);
  });
});
