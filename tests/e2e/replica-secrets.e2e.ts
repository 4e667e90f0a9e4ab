import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { LIVE_BLADE_HOST, type Snapshot } from '../fixtures/replica/protocol';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { addSecret, registerApp, type RegisteredApp } from '../fixtures/replica/tenant';
import { frameByHost, launchBrowser, type PortalBrowser } from './harness';

/**
 * Certificates & secrets deletes a client secret as the portal does (the secret-rotation guide's
 * last step): each row's Delete asks first; No keeps the secret, Yes deletes it in the tenant and
 * the row goes once the blade has read the app again. Without the extension.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

let replica: Replica;
let browser: PortalBrowser;
let page: Page;

beforeAll(async () => {
  replica = await startReplica({ config: { renderDelayMs: 250, rerenderAfterMs: 150, credentialsTab: 'secrets' } });
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

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

/** An app with a secret made 300 days ago (its rotation due) and the one that replaces it. */
function appWithTwoSecrets(): { app: RegisteredApp; oldKeyId: string; newKeyId: string } {
  const app = registerApp(replica.state, { displayName: 'dbt Cloud', signInAudience: 'AzureADMyOrg' });
  const oldKeyId = addSecret(replica.state, app.appId, { description: 'dbt Cloud 2025', days: 365 }).keyId;
  const old = app.passwordCredentials.find((c) => c.keyId === oldKeyId);
  if (!old) throw new Error('the old secret was not added');
  old.startDateTime = new Date(Date.now() - 300 * DAY_MS).toISOString();
  old.endDateTime = new Date(Date.now() + 65 * DAY_MS).toISOString();
  const newKeyId = addSecret(replica.state, app.appId, { description: 'dbt Cloud 2026', days: 730 }).keyId;
  return { app, oldKeyId, newKeyId };
}

/**
 * Opens the app's Certificates & secrets and waits for its last render: a React View in the blade
 * frame, or a Knockout blade in the top document.
 */
async function openCredentials(appId: string, knockout: boolean): Promise<Frame | Page> {
  replica.configure({ knockout });
  page = await browser.newPage();
  await page.goto(`https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${appId}/isMSAApp~/false`);
  if (knockout) {
    await page.locator('.fxs-blade-knockout .azc-grid[aria-label="Client secrets"]').waitFor();
    await page.locator('.fxs-blade-knockout[data-replica-settled="true"]').waitFor();
    return page;
  }
  const blade = await frameByHost(page, LIVE_BLADE_HOST);
  await blade.locator('.ext-blade[data-view="credentials"][data-replica-settled="true"]').waitFor();
  return blade;
}

const secretRows = (scope: Frame | Page): Locator => scope.getByRole('grid', { name: 'Client secrets' }).getByRole('row').filter({ hasText: /^dbt Cloud/ });
const rowOf = (scope: Frame | Page, description: string) => secretRows(scope).filter({ hasText: description });
const snapshotOf = (p: Page) => p.evaluate(() => fetch('/api/snapshot').then((r) => r.json() as Promise<Snapshot>));

describe.each([
  ['React View', false],
  ['Knockout', true],
])('replica portal, %s: deleting a client secret', (_variant, knockout) => {
  test('each row has a Delete button that asks first; No keeps the secret', async () => {
    const { app } = appWithTwoSecrets();
    const scope = await openCredentials(app.appId, knockout);
    await poll(() => secretRows(scope).count()).toBe(2);
    const deletes = scope.getByRole('grid', { name: 'Client secrets' }).getByRole('button', { name: 'Delete', exact: true });
    expect(await deletes.count()).toBe(2);
    expect(await deletes.evaluateAll((els) => els.map((el) => el.getAttribute('title')))).toEqual(['Delete', 'Delete']);
    // The old secret's Value is masked: only its hint.
    const hint = app.passwordCredentials[0]?.hint ?? '';
    expect(await rowOf(scope, 'dbt Cloud 2025').textContent()).toContain(`${hint}***`);

    const confirm = scope.getByRole('alertdialog', { name: 'Delete client secret' });
    expect(await confirm.count()).toBe(0);
    await rowOf(scope, 'dbt Cloud 2025').getByRole('button', { name: 'Delete', exact: true }).click();
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Are you sure you want to delete this client secret?');
    expect(await confirm.getByRole('button').allTextContents()).toEqual(['Yes', 'No']);
    await confirm.getByRole('button', { name: 'No', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });

    await page.waitForTimeout(600);
    expect(await secretRows(scope).count()).toBe(2);
    expect(app.passwordCredentials.map((c) => c.description)).toEqual(['dbt Cloud 2025', 'dbt Cloud 2026']);
    expect(browser.pageErrors).toEqual([]);
  });

  test('Yes deletes that secret in the tenant; the row goes, the other stays', async () => {
    const { app, oldKeyId, newKeyId } = appWithTwoSecrets();
    const scope = await openCredentials(app.appId, knockout);
    await poll(() => secretRows(scope).count()).toBe(2);
    await rowOf(scope, 'dbt Cloud 2025').getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = scope.getByRole('alertdialog', { name: 'Delete client secret' });
    await confirm.getByRole('button', { name: 'Yes', exact: true }).click();

    await poll(() => app.passwordCredentials.map((c) => c.keyId)).toEqual([newKeyId]);
    await poll(() => secretRows(scope).count()).toBe(1);
    expect(await secretRows(scope).first().textContent()).toContain('dbt Cloud 2026');
    expect(await confirm.count()).toBe(0);
    expect(await scope.getByRole('tab', { name: 'Client secrets (1)' }).getAttribute('aria-selected')).toBe('true');
    // The snapshot the pages read says the same.
    const shown = (await snapshotOf(page)).apps.find((a) => a.appId === app.appId);
    expect(shown?.secrets.map((x) => x.keyId)).toEqual([newKeyId]);
    expect(shown?.secrets.map((x) => x.keyId)).not.toContain(oldKeyId);
    expect(browser.pageErrors).toEqual([]);
  });
});

describe('replica portal, Knockout: adding a client secret', () => {
  test('"+ New client secret" opens "Add a client secret"; Add shows the Value once, in a copyable label', async () => {
    const { app } = appWithTwoSecrets();
    const scope = await openCredentials(app.appId, true);
    await page.locator('.azc-toolbarButton', { hasText: 'New client secret' }).click();
    const pane = page.getByRole('dialog', { name: 'Add a client secret' });
    await pane.getByRole('textbox', { name: 'Description' }).fill('dbt Cloud 2027');
    const expires = pane.getByRole('combobox', { name: 'Expires' });
    expect(await expires.inputValue()).toBe('Recommended: 180 days (6 months)');
    await expires.selectOption('Custom');
    const add = pane.getByRole('button', { name: 'Add', exact: true });
    await pane.getByRole('textbox', { name: 'End' }).fill('1/1/2000');
    await poll(() => add.isDisabled()).toBe(true);
    await expires.selectOption('730 days (24 months)');
    await add.click();
    await pane.waitFor({ state: 'detached' });

    await poll(() => secretRows(scope).count()).toBe(3);
    const added = app.passwordCredentials.at(-1);
    expect(added?.description).toBe('dbt Cloud 2027');
    expect(Math.round((Date.parse(added?.endDateTime ?? '') - Date.parse(added?.startDateTime ?? '')) / DAY_MS)).toBe(730);
    const row = rowOf(scope, 'dbt Cloud 2027');
    expect(await row.getByRole('textbox', { name: 'Value' }).inputValue()).toBe(added?.secretText);
    expect(await row.getByRole('textbox', { name: 'Secret ID' }).inputValue()).toBe(added?.keyId);
    expect(await row.getByRole('button', { name: 'Copy to clipboard' }).count()).toBe(2);
    expect(browser.pageErrors).toEqual([]);
  });
});

describe('replica API: DELETE apps/<appId>/secrets/<keyId>', () => {
  test('deletes by Secret ID; an unknown one is a 404 and changes nothing', async () => {
    const { app, oldKeyId, newKeyId } = appWithTwoSecrets();
    page = await browser.newPage();
    await page.goto('https://portal.azure.com/#home');
    const remove = (keyId: string) =>
      page.evaluate(
        ([appId, id]) => fetch(`/api/apps/${appId}/secrets/${id}`, { method: 'DELETE' }).then(async (r) => ({ status: r.status, body: (await r.json()) as { secrets?: { keyId: string }[]; error?: string } })),
        [app.appId, keyId] as const,
      );
    const unknown = await remove(crypto.randomUUID());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/^No client secret with Secret ID /);
    expect(app.passwordCredentials).toHaveLength(2);

    const removed = await remove(oldKeyId.toUpperCase());
    expect(removed.status).toBe(200);
    expect(removed.body.secrets?.map((x) => x.keyId)).toEqual([newKeyId]);
    expect(app.passwordCredentials.map((c) => c.keyId)).toEqual([newKeyId]);
    expect((await remove(oldKeyId)).status).toBe(404);
  });
});
