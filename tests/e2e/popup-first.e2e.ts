import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { DEFAULT_EXTENSION_PATH, launchBrowser, type ExtensionBrowser } from './harness';
import { poll, startGuide, stepOf } from './guide-helpers';
import { isFocused, press, tabTo } from './keyboard';
import { seriousViolations } from './axe';

/**
 * The popup as an admin first meets it, in the production build: usable at once in a fresh
 * profile (the setup's radios in its first content, never a "Loading…"), nothing red or marked
 * invalid before the admin acted (popup, checklist, the guide's first step on the portal); once
 * values exist, the hand-off review is the first section. axe-core clean in light and dark.
 * Screenshots at the popup's real size go to test-results/popup-first/ (git-ignored) to look at.
 */

if (!existsSync(join(DEFAULT_EXTENSION_PATH, 'manifest.json'))) {
  throw new Error(`No extension build at ${DEFAULT_EXTENSION_PATH}. Build it first: npm run build`);
}

const SHOTS = join('test-results', 'popup-first');
mkdirSync(SHOTS, { recursive: true });
/** Chrome sizes a popup to its content, at most 800×600: the popup is 420 px wide plus its padding. */
const POPUP_SIZE = { width: 452, height: 600 };

const CLIENT_ID = '6f1b7c2e-1234-4abc-9def-0123456789ab';
const TENANT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const DOMAIN = 'contoso.onmicrosoft.com';

let replica: Replica;
let browser: ExtensionBrowser;

beforeAll(async () => {
  replica = await startReplica({ config: { renderDelayMs: 300 } });
  browser = await launchBrowser({ replica });
});
afterAll(async () => {
  await browser?.close();
  await replica?.close();
});

interface FirstContent {
  sawLoading: boolean;
  radioInFirstContent: boolean | null;
}

/** popup.html in a tab at the popup's size, watched from before its scripts run. */
async function openWatchedPopup(): Promise<{ page: Page; first: () => Promise<FirstContent> }> {
  const page = await browser.context.newPage();
  await page.setViewportSize(POPUP_SIZE);
  await page.addInitScript(() => {
    const seen = { sawLoading: false, radioInFirstContent: null as boolean | null };
    (window as unknown as { __first: typeof seen }).__first = seen;
    new MutationObserver(() => {
      const root = document.getElementById('root');
      if (/Loading…/.test(root?.textContent ?? '')) seen.sawLoading = true;
      if (seen.radioInFirstContent === null && root?.firstChild) {
        seen.radioInFirstContent = document.querySelector('input[type="radio"][name="profile"]') !== null;
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  return { page, first: () => page.evaluate(() => (window as unknown as { __first: FirstContent }).__first) };
}

/**
 * Text shown in the error colour (or a control bordered in it), in the document or in one shadow
 * host's tree: the colour is read from a probe styled `color: var(--error)` where the text is.
 */
async function errorStyled(page: Page, host?: string): Promise<string[]> {
  return page.evaluate((hostSelector) => {
    const root: ParentNode | null = hostSelector ? (document.querySelector(hostSelector)?.shadowRoot ?? null) : document;
    if (!root) return ['(no root)'];
    const container = (root instanceof Document ? root.body : root.firstElementChild) as HTMLElement | null;
    if (!container) return ['(empty root)'];
    const probe = document.createElement('span');
    probe.style.color = 'var(--error)';
    container.append(probe);
    const error = getComputedStyle(probe).color;
    probe.remove();
    const found: string[] = [];
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const ownText = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
      if (ownText && style.color === error) found.push(`text: ${ownText.slice(0, 80)}`);
      if ((el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA') && style.borderTopColor === error) {
        found.push(`control: ${el.getAttribute('name') ?? el.id}`);
      }
    }
    return found;
  }, host);
}

/** axe-core, light and dark, as "scheme: id (impact) targets". */
async function violations(page: Page, within?: string): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const v of await seriousViolations(page, within)) found.push(`${colorScheme}: ${v.id} (${v.impact}) ${v.targets.join(', ')}`);
  }
  await page.emulateMedia({ colorScheme: null });
  return found;
}

/** Screenshots of the popup's first screen (or of the screen showing `at`), light and dark. */
async function shoot(page: Page, name: string, at?: Locator): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    if (at) await at.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    else await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: null });
}

/** The popup's sections in document order. */
function sectionOrder(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main.popup .handoff-section, main.popup [data-testid="progress"], main.popup .setup-form, main.popup .steps')].map((el) =>
      el.matches('.handoff-section') ? 'handoff' : el.matches('.setup-form') ? 'setup' : el.matches('.steps') ? 'steps' : 'progress',
    ),
  );
}

const neutral = async (page: Page, host?: string) => ({
  invalid: await (host ? page.locator(host) : page.locator('body')).locator('[aria-invalid="true"]').count(),
  red: await errorStyled(page, host),
});

describe('the popup first', () => {
  test('a fresh profile: the setup is there at once (no "Loading…"), nothing red or invalid, axe clean', async () => {
    const { page, first } = await openWatchedPopup();
    await page.locator('input[type="radio"][name="profile"]').first().waitFor({ state: 'attached', timeout: 5_000 });
    expect(await first()).toEqual({ sawLoading: false, radioInFirstContent: true });
    expect(await page.getByRole('radio', { name: /Self-service/ }).isChecked()).toBe(true);
    // Once the rest is there: still nothing red, what is missing is "to do".
    const todo = page.getByTestId('export-blocked');
    await todo.waitFor();
    expect(await todo.textContent()).toBe('Still to record before the export: Application (client) ID, Client secret Value, Directory (tenant) ID, Directory domain.');
    expect(await neutral(page)).toEqual({ invalid: 0, red: [] });
    expect(await page.locator('body').innerText()).not.toMatch(/is empty|not possible/);
    expect(await sectionOrder(page)).toEqual(['progress', 'setup', 'steps', 'handoff']);
    expect(await page.getByTestId('progress').textContent()).toBe('0 of 12 steps done. Next: Choose how dbt receives the values.');
    expect(await violations(page)).toEqual([]);
    await shoot(page, 'fresh');
    await page.close();
  });

  test('the checklist, fresh: nothing red or invalid either', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/checklist.html`);
    await page.getByTestId('export-blocked').waitFor();
    expect(await neutral(page)).toEqual({ invalid: 0, red: [] });
    expect(await page.locator('body').innerText()).not.toMatch(/is empty|not possible/);
    await page.close();
  });

  test('a wrong value typed is red at once, marked invalid and linked', async () => {
    const page = await browser.openPopup();
    await page.setViewportSize(POPUP_SIZE);
    const domain = page.getByLabel('Directory domain', { exact: true });
    await domain.fill('admin@contoso.onmicrosoft.com');
    await poll(() => domain.getAttribute('aria-invalid')).toBe('true');
    const describedBy = ((await domain.getAttribute('aria-describedby')) ?? '').split(' ');
    const linked = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(linked.join(' ')).toMatch(/e-mail address/);
    expect((await errorStyled(page)).join('\n')).toMatch(/e-mail address/);
    await shoot(page, 'wrong-value', domain);
    await domain.fill('');
    await page.close();
  });

  test('the guide\'s first step on the portal, before the admin acted: nothing red or invalid in the panel', async () => {
    await startGuide(browser, { region: 'us' });
    const page = await browser.newPage();
    await page.goto('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade');
    await poll(() => stepOf(page)).toBe('open-app-registrations');
    await page.waitForTimeout(500);
    expect(await neutral(page, 'sso-guide-panel')).toEqual({ invalid: 0, red: [] });
    await page.close();
  });

  test('values recorded: the hand-off review is the first section; the setup and steps folded; axe clean', async () => {
    const at = new Date().toISOString();
    await browser.serviceWorker.evaluate(
      async (values) => {
        const local = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local;
        await local.set(values);
      },
      {
        'values.clientId': { value: CLIENT_ID, source: 'page', at },
        'values.tenantId': { value: TENANT_ID, source: 'page', at },
        'values.domain': { value: DOMAIN, source: 'page', at },
      },
    );
    const { page, first } = await openWatchedPopup();
    await poll(() => sectionOrder(page)).toEqual(['progress', 'handoff', 'setup', 'steps']);
    expect((await first()).sawLoading).toBe(false);
    // Self-service: the first section under the title is dbt's form (the main action), then the
    // review, its first field the client ID read from the page.
    const sections = page.locator('main.popup > :is(section, div, details)');
    expect(await sections.first().locator('h2').first().textContent()).toBe("Fill dbt's SSO form");
    expect(await sections.nth(1).locator('h2').first().textContent()).toMatch(/^Review and hand off/);
    expect(await page.getByLabel('Application (client) ID', { exact: true }).inputValue()).toBe(CLIENT_ID);
    expect(await page.locator('details.setup-details').getAttribute('open')).toBeNull();
    expect(await page.locator('details.steps-details').getAttribute('open')).toBeNull();
    expect(await page.locator('details.setup-details > summary').textContent()).toBe(
      'Setup: Self-service, https://auth.cloud.getdbt.com/login/callback, single tenant',
    );
    expect(await page.getByText(/\d+ of \d+ steps done/).count()).toBe(1);
    // The secret is still to do: neutral.
    expect(await neutral(page)).toEqual({ invalid: 0, red: [] });
    expect(await page.getByTestId('export-blocked').textContent()).toBe('Still to record before the export: Client secret Value.');
    expect(await violations(page)).toEqual([]);
    await shoot(page, 'with-values');
    await page.close();
  });

  test('keyboard only: the folded setup opens with Enter and its controls are reached with Tab', async () => {
    const page = await browser.openPopup();
    await page.setViewportSize(POPUP_SIZE);
    const summary: Locator = page.locator('details.setup-details > summary');
    await press(page, summary);
    await poll(() => page.locator('details.setup-details').getAttribute('open')).not.toBeNull();
    const region = page.getByLabel('dbt region');
    await tabTo(page, region, { max: 10 });
    expect(await isFocused(region)).toBe(true);
    await page.keyboard.press('End');
    expect(await region.inputValue()).toBe('custom');
    await page.keyboard.press('Home');
    expect(await region.inputValue()).toBe('us');
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  test('no errors from the extension', () => {
    expect(browser.errors).toEqual([]);
  });
});
