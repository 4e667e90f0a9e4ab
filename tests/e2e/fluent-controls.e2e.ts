import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { ReplicaConfig } from '../fixtures/replica/protocol';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { registerApp } from '../fixtures/replica/tenant';
import { DEFAULT_EXTENSION_PATH, launchBrowser, type ExtensionBrowser } from './harness';
import { blade, markDone, panel, poll, startGuide, stepOf } from './guide-helpers';

/**
 * The guide's Fill, Choose and Tick on the real Fluent UI 8 controls of the portal's React Views
 * (TextField, ChoiceGroup, Dropdown held controlled and uncontrolled, Checkbox under a SearchBox
 * filter, CompoundButton toggle): the panel says "✓ Set" only once the blade's React state holds
 * the value, and never "did not take" when it does; what the form then submits is that value.
 */

if (!existsSync(join(DEFAULT_EXTENSION_PATH, 'manifest.json'))) {
  throw new Error(`No extension build at ${DEFAULT_EXTENSION_PATH}. Build it first: npm run build`);
}

const REDIRECT_URI = 'https://auth.cloud.getdbt.com/login/callback';
const STEPS_BEFORE = ['open-app-registrations', 'register-app', 'record-app-ids', 'assign-users', 'require-assignment', 'add-api-permissions', 'grant-admin-consent'];
const DAY_MS = 86_400_000;

/** The blade's React state (the replica's test-only window.__replicaState), by state key. */
type BladeState = Record<string, unknown>;

async function bladeState(frame: Frame): Promise<BladeState> {
  return frame.evaluate(() => (window as unknown as { __replicaState?: { state: BladeState } }).__replicaState?.state ?? {});
}

interface Outcome {
  /** The panel button's words once the fill settled (or at the deadline). */
  text: string;
  /** The panel's "did not take" words (.fill-failed), if any. */
  failed: string;
  /** Whether the blade's React state holds the value then. */
  holds: boolean;
  /** Moments the panel's words and the state disagreed. */
  disagreements: string[];
}

const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * Presses the panel's button `name` and watches its words beside the blade's state until the fill
 * has settled with "✓ Set" and the state holding the value, or 10 seconds have passed.
 */
async function pressAndWatch(page: Page, name: string, holds: (s: BladeState) => boolean): Promise<Outcome> {
  const frame = await blade(page);
  const button = panel(page).getByRole('button', { name });
  await poll(() => button.isEnabled()).toBe(true);
  expect(holds(await bladeState(frame)), `before "${name}", the form already holds the value`).toBe(false);
  await button.click();
  const disagreements: string[] = [];
  const deadline = Date.now() + 10_000;
  for (;;) {
    const holdsBefore = holds(await bladeState(frame));
    const text = clean(await button.textContent());
    const failed = clean((await panel(page).locator('.fill-failed').allTextContents()).join(' '));
    const busy = (await button.getAttribute('aria-busy')) === 'true';
    const holdsAfter = holds(await bladeState(frame));
    if (text === '✓ Set' && !holdsAfter) disagreements.push(`"✓ Set" while the state lacks the value`);
    if (failed && holdsBefore) disagreements.push(`"${failed}" while the state holds the value`);
    if ((!busy && text === '✓ Set' && holdsAfter) || Date.now() > deadline) {
      return { text, failed, holds: holdsAfter, disagreements: [...new Set(disagreements)] };
    }
    await page.waitForTimeout(50);
  }
}

const SET: Outcome = { text: '✓ Set', failed: '', holds: true, disagreements: [] };

let replica: Replica;
let browser: ExtensionBrowser;
let page: Page | undefined;

beforeAll(async () => {
  replica = await startReplica({ config: { renderDelayMs: 300 } });
  browser = await launchBrowser({ replica });
});
afterEach(async () => {
  await page?.close();
  page = undefined;
});
afterAll(async () => {
  await browser?.close();
  await replica?.close();
});

type ChromeStorage = { chrome: { storage: { session: { clear(): Promise<void> }; local: { clear(): Promise<void> } } } };

/**
 * A fresh start on `config`: nothing stored (as after a new install), then the guide started,
 * multi-tenant (so that choosing the account type is a change).
 */
async function freshGuide(config: Partial<ReplicaConfig>): Promise<void> {
  replica.reset();
  replica.configure({ renderDelayMs: 300, ...config });
  await browser.serviceWorker.evaluate(async () => {
    const { local, session } = (globalThis as unknown as ChromeStorage).chrome.storage;
    await Promise.all([local.clear(), session.clear()]);
  });
  await startGuide(browser, { region: 'us', accountType: 'multi' });
}

function freshApp() {
  const app = registerApp(replica.state, { displayName: 'dbt Cloud', signInAudience: 'AzureADMultipleOrgs', redirectUri: { platform: 'web', uri: REDIRECT_URI } });
  const at = (item: string) => `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/${item}/appId/${app.appId}`;
  return { app, credentials: at('Credentials'), permissions: at('CallAnAPI') };
}

describe.each(['controlled', 'uncontrolled'] as const)('Dropdown and ChoiceGroup held %s', (selectionHolding) => {
  beforeAll(async () => {
    await freshGuide({ selectionHolding });
  });

  test('Register an application: TextField, ChoiceGroup, Dropdown and TextField; the form registers what the state holds', async () => {
    await markDone(browser, STEPS_BEFORE.slice(0, 1));
    page = await browser.newPage();
    await page.goto('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/CreateApplicationBlade/quickStartType~/null/isMSAApp~/false');
    await poll(() => stepOf(page as Page)).toBe('register-app');
    const outcomes = {
      name: await pressAndWatch(page, 'Fill in dbt Cloud', (s) => s.name === 'dbt Cloud'),
      accountType: await pressAndWatch(page, 'Choose Accounts in any organizational directory', (s) => s.audience === 'AzureADMultipleOrgs'),
      platform: await pressAndWatch(page, 'Choose Web', (s) => s.platform === 'web'),
      redirectUri: await pressAndWatch(page, `Fill in ${REDIRECT_URI}`, (s) => s.uri === REDIRECT_URI),
    };
    expect(outcomes).toEqual({ name: SET, accountType: SET, platform: SET, redirectUri: SET });
    const frame = await blade(page);
    await frame.getByRole('button', { name: 'Register' }).click();
    await poll(() => replica.state.apps.find((a) => a.displayName === 'dbt Cloud')?.signInAudience).toBe('AzureADMultipleOrgs');
    expect(replica.state.apps.find((a) => a.displayName === 'dbt Cloud')?.redirectUris.web).toEqual([REDIRECT_URI]);
  });

  test('Add a client secret: Description TextField, "Expires" Dropdown; the secret added lives 730 days', async () => {
    const { app, credentials } = freshApp();
    await markDone(browser, STEPS_BEFORE);
    page = await browser.newPage();
    await page.goto(credentials);
    await poll(() => stepOf(page as Page)).toBe('create-client-secret');
    const frame = await blade(page);
    await frame.getByRole('tab', { name: /Client secrets/ }).click();
    await frame.getByRole('menuitem', { name: 'New client secret' }).click();
    const outcomes = {
      description: await pressAndWatch(page, 'Fill in dbt Cloud', (s) => s.secretDescription === 'dbt Cloud'),
      expires: await pressAndWatch(page, 'Choose 730 days (24 months)', (s) => s.secretExpiry === '730 days (24 months)'),
    };
    expect(outcomes).toEqual({ description: SET, expires: SET });
    await frame.getByRole('button', { name: 'Add', exact: true }).click();
    const stored = () => replica.state.apps.find((a) => a.appId === app.appId);
    await poll(() => stored()?.passwordCredentials.length).toBe(1);
    const secret = stored()?.passwordCredentials[0];
    expect(secret?.description).toBe('dbt Cloud');
    const days = (Date.parse(secret?.endDateTime ?? '') - Date.parse(secret?.startDateTime ?? '')) / DAY_MS;
    expect(Math.round(days)).toBe(730);
  });
});

describe.each([
  ['ChoiceGroup', false],
  ['CompoundButton toggle', true],
] as const)('Request API permissions, the permission type as a %s', (_kind, delegatedAsToggle) => {
  beforeAll(async () => {
    await freshGuide({ delegatedAsToggle });
  });

  test('Delegated chosen; GroupMember.Read.All ticked under the search filter; the panel adds what the state holds', async () => {
    const { app, permissions } = freshApp();
    await markDone(browser, STEPS_BEFORE.slice(0, 5));
    page = await browser.newPage();
    await page.goto(permissions);
    await poll(() => stepOf(page as Page)).toBe('add-api-permissions');
    const frame = await blade(page);
    await frame.getByRole('menuitem', { name: 'Add a permission' }).click();
    await frame.getByRole('button', { name: 'Microsoft Graph', exact: true }).click();
    const delegated = await pressAndWatch(page, 'Choose Delegated permissions', (s) => s.permType === 'Delegated');
    expect(delegated).toEqual(SET);
    // The admin types in the SearchBox: only the GroupMember permissions stay.
    const search = frame.getByRole('searchbox', { name: 'Start typing a permission to filter these results' });
    await search.fill('GroupMember');
    await poll(async () => (await bladeState(frame)).permSearch).toBe('GroupMember');
    await poll(() => frame.getByRole('checkbox', { name: 'User.Read', exact: true }).count()).toBe(0);
    const picked = (s: BladeState) => (s.picked as { Delegated?: string[] } | undefined)?.Delegated?.includes('GroupMember.Read.All') === true;
    const ticked = await pressAndWatch(page, 'Tick GroupMember.Read.All', picked);
    expect(ticked).toEqual(SET);
    expect(await frame.getByRole('checkbox', { name: 'GroupMember.Read.All', exact: true }).isChecked()).toBe(true);
    const add = frame.getByRole('button', { name: 'Add permissions' });
    await poll(() => add.isEnabled()).toBe(true);
    await add.click();
    await poll(() => replica.state.apps.find((a) => a.appId === app.appId)?.permissions.map((p) => `${p.name}/${p.type}`)).toContain('GroupMember.Read.All/Delegated');
  });
});

test('no errors from the extension, nor in the replica\'s pages', () => {
  expect(browser.errors).toEqual([]);
  expect(browser.pageErrors).toEqual([]);
});
