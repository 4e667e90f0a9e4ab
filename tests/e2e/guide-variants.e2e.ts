import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { DEFAULT_EXTENSION_PATH, launchBrowser, type ExtensionBrowser } from './harness';
import { blade, panel, poll, spotlightCovers, startGuide, stepOf, targetStateOf } from './guide-helpers';

/**
 * The guide where the portal is not kind: an old-form link, a blade that renders late and again,
 * and a control the portal renamed.
 */

if (!existsSync(join(DEFAULT_EXTENSION_PATH, 'manifest.json'))) {
  throw new Error(`No extension build at ${DEFAULT_EXTENSION_PATH}. Build it first: npm run build`);
}

let replica: Replica;
let browser: ExtensionBrowser;
let page: Page;

beforeAll(async () => {
  replica = await startReplica();
  browser = await launchBrowser({ replica });
  await startGuide(browser, { region: 'us' });
});
afterEach(async () => {
  await page?.close();
});
afterAll(async () => {
  await browser?.close();
  await replica?.close();
});

describe('the guide on an unkind portal', () => {
  test('a legacy #blade/ link with a tenant prefix is recognised', async () => {
    replica.configure({ renderDelayMs: 300 });
    page = await browser.newPage();
    await page.goto('https://portal.azure.com/#@contoso.onmicrosoft.com/blade/Microsoft_AAD_RegisteredApps/ApplicationsListBlade');
    await poll(() => stepOf(page)).toBe('open-app-registrations');
    const frame = await blade(page);
    await poll(() => spotlightCovers(frame, frame.getByRole('menuitem', { name: 'New registration' }))).toBe(true);
  });

  test('a blade that renders after 3 s and again: the spotlight finds the new node', async () => {
    replica.configure({ renderDelayMs: 3000, rerender: true });
    page = await browser.newPage();
    await page.goto('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade');
    await poll(() => stepOf(page)).toBe('open-app-registrations');
    const frame = await blade(page);
    await poll(() => spotlightCovers(frame, frame.getByRole('menuitem', { name: 'New registration' }))).toBe(true);
    expect(await targetStateOf(page)).toBe('found');
  });

  test('a control the portal renamed: the panel says what to look for, and nothing throws', async () => {
    replica.configure({ renderDelayMs: 300, missingControl: 'newRegistrationButton' });
    page = await browser.newPage();
    await page.goto('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade');
    await poll(() => targetStateOf(page)).toBe('missing');
    await poll(() => panel(page).getByRole('alert').textContent()).toContain('+ New registration (command bar)');
    replica.configure({ missingControl: undefined });
  });

  test('no errors from the extension', () => {
    expect(browser.errors).toEqual([]);
  });
});
