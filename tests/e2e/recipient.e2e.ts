import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import * as openpgp from 'openpgp';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { launchBrowser, type ExtensionBrowser } from './harness';
import { seriousViolations } from './axe';
import { createGpgHome, generateGpgKey, listPackets, pkeskPackets, type GpgHome } from '../gpg';

/*
 * The recipient key in the production build, in Chromium: what the popup shows of a key is what
 * openpgp computes from the armored key in storage.local, never what is stored beside it (any of
 * the extension's content scripts can write storage.local), and the file is encrypted to the key
 * whose fingerprint is shown, as `gpg --list-packets` reads the file.
 */

const CLIENT_ID = '6f1b7c2e-1234-4abc-9def-0123456789ab';
const SECRET = 'Ab78Q~e2e.recipient_SECRET-value-012345';
const TENANT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const DOMAIN = 'contoso.onmicrosoft.com';
const EXPIRY = (() => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
})();

let replica: Replica;
let browser: ExtensionBrowser;
let gpg: GpgHome;

beforeAll(async () => {
  gpg = createGpgHome('recipient-e2e-gpg-');
  replica = await startReplica();
  browser = await launchBrowser({ replica });
});

afterAll(async () => {
  await browser?.close();
  await replica?.close();
  gpg?.dispose();
});

const grouped = (hex: string) => hex.match(/.{4}/g)?.join(' ') ?? '';

/** The parts of the extension API used in the popup page. */
interface PageScope {
  chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void>; get(keys: null): Promise<Record<string, unknown>> } } };
}

async function typeValues(popup: Page): Promise<void> {
  await popup.getByLabel('Application (client) ID', { exact: true }).fill(CLIENT_ID);
  await popup.getByLabel('Client secret Value', { exact: true }).fill(SECRET);
  await popup.getByLabel('Directory (tenant) ID', { exact: true }).fill(TENANT_ID);
  await popup.getByLabel('Directory domain', { exact: true }).fill(DOMAIN);
  await popup.getByLabel('Client secret expiry date', { exact: true }).fill(EXPIRY);
}

async function exportFile(popup: Page, dir: string): Promise<string> {
  const [download] = await Promise.all([
    popup.waitForEvent('download'),
    popup.getByRole('button', { name: 'Export encrypted file (.asc)' }).click(),
  ]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

/** The texts a control names with aria-describedby. */
async function describedText(popup: Page, selector: string): Promise<string> {
  return popup.locator(selector).first().evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

describe('the recipient key in the browser', () => {
  test('a stored record that names dbt\'s fingerprint but holds another key: that key\'s own fingerprint is shown, and gpg --list-packets finds the file encrypted to its encryption subkey', async () => {
    const dir = await mkdtemp(join(gpg.home, 'attacker-'));
    const dbt = generateGpgKey(gpg, 'dbt Support <sso@example.com>', 'future-default', 'default');
    // Another key pair with the very same user ID.
    const attacker = generateGpgKey(gpg, 'dbt Support <sso@example.com>', 'rsa3072', 'encrypt,sign');

    const popup = await browser.openPopup();
    // What any of the extension's contexts, a content script included, can write.
    await popup.evaluate(
      (recipient) => (self as unknown as PageScope).chrome.storage.local.set({ recipient }),
      { armored: attacker.armored, fingerprint: grouped(dbt.fingerprint), userIds: ['dbt Support <sso@example.com>'] },
    );
    await popup.reload();
    await typeValues(popup);
    await expect.poll(() => popup.getByRole('radio', { name: /With dbt's public key/ }).isChecked()).toBe(true);
    const shown = (await popup.getByTestId('recipient-fingerprint').textContent()) ?? '';
    expect(shown).toBe(grouped(attacker.fingerprint));
    expect(await popup.locator('body').textContent()).not.toContain(grouped(dbt.fingerprint));
    expect(await popup.getByTestId('recipient-algorithm').textContent()).toBe(`rsa3072 (key ID ${attacker.encryptionKeyId})`);

    const path = await exportFile(popup, dir);
    const packets = pkeskPackets(listPackets(gpg, path));
    // The encryption subkey of the key whose fingerprint is shown, computed by openpgp.
    const key = await openpgp.readKey({ armoredKey: attacker.armored });
    expect(grouped(key.getFingerprint().toUpperCase())).toBe(shown);
    const subkeyId = (await key.getEncryptionKey()).getKeyID().toHex().toUpperCase();
    expect(packets).toEqual([{ version: 3, algo: 1, keyId: subkeyId }]);
    expect(subkeyId).toBe(attacker.encryptionKeyId);
    expect(subkeyId).not.toBe(dbt.encryptionKeyId);
    expect(await popup.getByRole('textbox', { name: 'Message without the secret' }).inputValue()).toContain(`encrypted to your public key ${shown}`);

    await popup.getByRole('button', { name: 'Remove this key' }).click();
    await popup.close();
    expect(browser.errors).toEqual([]);
  });

  test('a key that expires in 2 days: its date and a warning linked to it; a DSA key: refused, the reason linked to the field', async () => {
    const soon = generateGpgKey(gpg, 'Expires Soon <soon@example.com>', 'future-default', 'default', '2d');
    const dsa = await readFile(join(__dirname, '../fixtures/keys/dsa2048-elg2048.asc'), 'utf8');
    const popup = await browser.openPopup();
    await popup.getByRole('radio', { name: /With dbt's public key/ }).check();
    const field = popup.getByLabel("dbt's public key (armored)");

    await field.fill(dsa);
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    await popup.getByRole('button', { name: 'Read key' }).click();
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(popup, 'textarea')).toMatch(/This key uses DSA 2048 bits, an outdated algorithm that is not accepted/);
    expect(await seriousViolations(popup, '.recipient')).toEqual([]);

    await field.fill(soon.armored);
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    await popup.getByRole('button', { name: 'Read key' }).click();
    const candidate = popup.getByRole('group', { name: 'Key to check' });
    expect((await candidate.getByTestId('recipient-fingerprint').textContent())?.replaceAll(' ', '')).toBe(soon.fingerprint);
    expect(await candidate.getByTestId('recipient-expiry').textContent()).toMatch(/^expires on \d{4}-\d{2}-\d{2}$/);
    expect(await describedText(popup, '[aria-label="Key to check"]')).toMatch(/This key expires in 2 days/);
    await popup.getByRole('button', { name: /fingerprint matches: use this key/ }).click();

    const stored = popup.getByRole('group', { name: 'The file will be encrypted to this key:' });
    await expect.poll(() => stored.getByRole('status').textContent()).toMatch(/^Warning: This key expires in 2 days/);
    expect(await describedText(popup, '.recipient[role="group"]')).toMatch(/^Warning: This key expires in 2 days/);
    expect(await seriousViolations(popup, '.recipient')).toEqual([]);
    const local = await popup.evaluate(() => (self as unknown as PageScope).chrome.storage.local.get(null));
    expect(local['recipient']).toEqual({ armored: soon.armored.trim() });
    await popup.getByRole('button', { name: 'Remove this key' }).click();
    await popup.close();
    expect(browser.errors).toEqual([]);
  });
});
