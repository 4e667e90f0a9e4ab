import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { DEFAULT_EXTENSION_PATH, launchBrowser, type ExtensionBrowser } from './harness';
import { panel, poll, stepOf } from './guide-helpers';

/**
 * The organisation's policy in a real Chromium: the README's Linux example
 * (policies/chrome-policy.json) installed where Debian's Chromium reads managed policies, for the
 * unpacked build's ID. The popup shows the presets locked, and the guide on the portal uses them.
 *
 * Needs to write /etc/chromium/policies/managed (CI runs as root). The browser test files run one
 * at a time (vitest.e2e.config.ts), so no other test sees this policy; it is removed afterwards.
 */

if (!existsSync(join(DEFAULT_EXTENSION_PATH, 'manifest.json'))) {
  throw new Error(`No extension build at ${DEFAULT_EXTENSION_PATH}. Build it first: npm run build`);
}

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'sso-setup-guide-test.json');

/** Chromium's ID for an unpacked extension: SHA-256 of its absolute path, first 32 hex digits as a–p. */
function unpackedExtensionId(path: string): string {
  const hex = createHash('sha256').update(realpathSync(path)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode('a'.charCodeAt(0) + parseInt(c, 16))).join('');
}

// Only root can write Chromium's policy folder: CI runs as root; elsewhere this file says so and stops.
const asRoot = process.getuid?.() === 0;
if (!asRoot) console.warn('managed.e2e.ts skipped: writing /etc/chromium/policies/managed needs root (CI runs as root).');

let replica: Replica;
let browser: ExtensionBrowser;
let page: Page;
let createdDir = false;

beforeAll(async () => {
  if (!asRoot) return;
  const id = unpackedExtensionId(DEFAULT_EXTENSION_PATH);
  const example = readFileSync('policies/chrome-policy.json', 'utf8').replaceAll('<chrome-extension-id>', id);
  createdDir = !existsSync(POLICY_DIR);
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(POLICY_FILE, example);
  replica = await startReplica({ config: { renderDelayMs: 300 } });
  browser = await launchBrowser({ replica });
  expect(browser.extensionId).toBe(id);
});
afterAll(async () => {
  await browser?.close();
  await replica?.close();
  rmSync(POLICY_FILE, { force: true });
  if (createdDir) rmSync('/etc/chromium/policies', { recursive: true, force: true });
});

describe.runIf(asRoot)('a policy set by the organisation (Chromium, the README example)', () => {
  test('the popup shows the presets as set by the organisation, and they cannot be changed', async () => {
    const popup = await browser.openPopup();
    const region = popup.getByLabel('dbt region');
    await poll(() => region.inputValue()).toBe('emea');
    expect(await region.isDisabled()).toBe(true);
    const describedBy = (await region.getAttribute('aria-describedby')) ?? '';
    expect(await popup.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent()).toContain('Set by your organisation');
    await expect(popup.getByText('https://auth.emea.dbt.com/login/callback').first().isVisible()).resolves.toBe(true);
    // The profile is preset too; what the policy leaves out stays the admin's to enter.
    expect(await popup.getByRole('radio', { name: /Support-assisted/ }).isDisabled()).toBe(true);
    expect(await popup.getByLabel('Application (client) ID', { exact: true }).isEditable()).toBe(true);
    await popup.getByRole('button', { name: 'Start the guide on the portal' }).click();
    await popup.getByRole('button', { name: 'Stop the guide' }).waitFor();
    await popup.close();
  });

  test('the guide on the portal offers the preset region\'s redirect URI', async () => {
    page = await browser.newPage();
    await page.goto('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/CreateApplicationBlade/quickStartType~/null/isMSAApp~/false');
    await poll(() => stepOf(page)).toBe('register-app');
    await poll(() => panel(page).getByRole('button', { name: 'Fill in https://auth.emea.dbt.com/login/callback' }).count()).toBe(1);
  });

  test('no errors from the extension', () => {
    expect(browser.errors).toEqual([]);
  });
});
