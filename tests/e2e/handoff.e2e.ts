import type { SpawnSyncReturns } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { launchBrowser, type ExtensionBrowser } from './harness';
import { createGpgHome, generateGpgKey, ok, type GpgHome } from '../gpg';

/*
 * The hand-off in the production build, in Chromium: values typed into the popup, the encrypted
 * file downloaded and opened by the real gpg; the copied secret cleared from the clipboard after
 * the delay, with the popup closed, and only while the clipboard still holds it. (The document's
 * schema is checked on gpg's output in tests/unit/export.gpg.test.ts; here, its shape and values.)
 */

const SECRET = 'Ab78Q~e2e.handoff_SECRET-value-0123456789';
const CLIENT_ID = '6f1b7c2e-1234-4abc-9def-0123456789ab';
const TENANT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const DOMAIN = 'contoso.onmicrosoft.com';
const EXPIRY = (() => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
})();
/** The shortest delay the settings allow. */
const DELAY_SECONDS = 10;

let replica: Replica;
let browser: ExtensionBrowser;
let home: string;
let gpgHome: GpgHome;

/** The real gpg in this test's own home (tests/gpg.ts); the passphrase, if any, on stdin. */
function gpg(args: string[], input = '', cwd = home): SpawnSyncReturns<string> {
  return gpgHome.run(args, { input, cwd });
}

beforeAll(async () => {
  gpgHome = createGpgHome('handoff-e2e-gpg-');
  home = gpgHome.home;
  replica = await startReplica();
  browser = await launchBrowser({ replica });
});

afterAll(async () => {
  await browser?.close();
  await replica?.close();
  gpgHome?.dispose();
});

async function typeValues(popup: Page): Promise<void> {
  await popup.getByLabel('Application (client) ID', { exact: true }).fill(CLIENT_ID);
  await popup.getByLabel('Client secret Value', { exact: true }).fill(SECRET);
  await popup.getByLabel('Directory (tenant) ID', { exact: true }).fill(TENANT_ID);
  await popup.getByLabel('Directory domain', { exact: true }).fill(DOMAIN);
  await popup.getByLabel('Client secret expiry date', { exact: true }).fill(EXPIRY);
}

/** Saves the download the click starts; gives its path. */
async function exportFile(popup: Page, dir: string): Promise<string> {
  const [download] = await Promise.all([
    popup.waitForEvent('download'),
    popup.getByRole('button', { name: 'Export encrypted file (.asc)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('dbt-entra-sso-handoff.asc');
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

/** The extension's service worker as it is now: a stopped one starts again as a new worker. */
async function worker(): Promise<Worker> {
  const origin = `chrome-extension://${browser.extensionId}/`;
  const running = browser.context.serviceWorkers().filter((w) => w.url().startsWith(origin)).at(-1);
  if (running) return running;
  // Any event wakes it; opening an extension page that sends nothing does not, so ask it.
  const page = await browser.openPopup();
  await page.evaluate(() =>
    (self as unknown as WorkerScope).chrome.runtime.sendMessage({ type: 'agent/hello' }).catch(() => undefined),
  );
  await page.close();
  return browser.context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(origin) });
}

/** Stops the extension's service worker, as Chrome does after 30 s without events. */
async function stopServiceWorker(): Promise<void> {
  const page = await browser.openPopup();
  const cdp = await browser.context.newCDPSession(page);
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: { versions: { runningStatus: string; scriptURL: string }[] }) => {
      if (versions.some((v) => v.scriptURL.includes(browser.extensionId) && v.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
  await page.close();
}

/** The parts of the extension API these tests use in the service worker. */
interface WorkerScope {
  chrome: {
    storage: Record<'local' | 'session', { get(keys: null): Promise<Record<string, unknown>> }>;
    runtime: {
      getContexts(filter: { contextTypes: string[] }): Promise<unknown[]>;
      sendMessage(message: unknown): Promise<unknown>;
    };
  };
}

/** The extension's storage areas, read in its service worker. */
async function storageText(area: 'local' | 'session'): Promise<string> {
  return (await worker()).evaluate(
    async (name) => JSON.stringify(await (self as unknown as WorkerScope).chrome.storage[name].get(null)),
    area,
  );
}

async function offscreenDocuments(): Promise<number> {
  return (await worker()).evaluate(
    async () => (await (self as unknown as WorkerScope).chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length,
  );
}

/** The clipboard's text, read in a focused extension page (the extension may read it). */
async function clipboardText(): Promise<string> {
  const page = await browser.openPopup();
  try {
    await page.bringToFront();
    return await page.evaluate(() => navigator.clipboard.readText());
  } finally {
    await page.close();
  }
}

describe('hand-off from the popup', () => {
  test('values typed into the popup, exported with a passphrase, opened by gpg', async () => {
    const dir = await mkdtemp(join(home, 'pass-'));
    const popup = await browser.openPopup();
    await typeValues(popup);
    await expect.poll(() => popup.locator('[aria-invalid="true"]').count()).toBe(0);
    const path = await exportFile(popup, dir);
    const passphrase = (await popup.getByTestId('passphrase').textContent()) ?? '';
    expect(passphrase.split(' ')).toHaveLength(6);
    expect(await popup.getByTestId('decrypt-command').textContent()).toBe(
      'gpg --output handoff.json --decrypt dbt-entra-sso-handoff.asc',
    );

    const armored = await readFile(path, 'utf8');
    expect(armored).toMatch(/^-----BEGIN PGP MESSAGE-----/);
    expect(armored).not.toContain(SECRET);
    const listed = ok(gpg(['--pinentry-mode', 'loopback', '--passphrase-fd', '0', '--list-packets', path], passphrase)).stdout;
    expect(listed).toMatch(/^:symkey enc packet: version 4, cipher 9, aead 0,\s?s2k 3/m);
    expect(listed).toMatch(/^:encrypted data packet:\n\tlength: \d+\n\tmdc_method: 2$/m);

    // The recipient's command, with the passphrase on stdin instead of a prompt.
    ok(gpg(['--pinentry-mode', 'loopback', '--passphrase-fd', '0', '--output', 'handoff.json', '--decrypt', 'dbt-entra-sso-handoff.asc'], passphrase, dir));
    const doc: unknown = JSON.parse(await readFile(join(dir, 'handoff.json'), 'utf8'));
    expect(doc).toMatchObject({
      format: 'dbt-entra-sso-handoff',
      version: 1,
      profile: 'self-service',
      values: { clientId: CLIENT_ID, clientSecret: SECRET, tenantId: TENANT_ID, domain: DOMAIN, secretExpiry: EXPIRY },
    });
    expect(gpg(['--pinentry-mode', 'loopback', '--passphrase-fd', '0', '--decrypt', path], `${passphrase}x`).status).not.toBe(0);

    // The export is recorded (self-service lists no export step: dbt's form is its main action, the
    // file a choice); the secret is in session storage only, and in no text the popup offers.
    await expect.poll(async () => JSON.parse(await storageText('local'))['progress.handoff']?.done).toBe(true);
    expect(await storageText('local')).not.toContain(SECRET);
    expect(await storageText('session')).toContain(SECRET);
    expect(await popup.getByRole('textbox', { name: 'Message without the secret' }).inputValue()).not.toContain(SECRET);
    await popup.close();
    expect(browser.errors).toEqual([]);
  });

  test('to a public key made by gpg: fingerprint shown as gpg shows it, file opened with the secret key', async () => {
    const dir = await mkdtemp(join(home, 'key-'));
    const { fingerprint, armored: armoredKey } = generateGpgKey(gpgHome, 'dbt Support <sso@example.com>', 'future-default', 'default');

    const popup = await browser.openPopup();
    await popup.getByRole('radio', { name: /With dbt's public key/ }).check();
    await popup.getByLabel("dbt's public key (armored)").fill(armoredKey);
    await popup.getByRole('button', { name: 'Read key' }).click();
    expect((await popup.getByTestId('recipient-fingerprint').textContent())?.replaceAll(' ', '')).toBe(fingerprint);
    await popup.getByRole('button', { name: /fingerprint matches: use this key/ }).click();
    await expect.poll(() => storageText('local')).toContain('BEGIN PGP PUBLIC KEY BLOCK');

    const path = await exportFile(popup, dir);
    expect(await popup.getByTestId('passphrase').count()).toBe(0);
    expect(ok(gpg(['--list-packets', path])).stdout).toMatch(/^:pubkey enc packet: version 3, algo 18/m);
    ok(gpg(['--output', 'handoff.json', '--decrypt', 'dbt-entra-sso-handoff.asc'], '', dir));
    const doc: unknown = JSON.parse(await readFile(join(dir, 'handoff.json'), 'utf8'));
    expect(doc).toMatchObject({ format: 'dbt-entra-sso-handoff', version: 1, values: { clientId: CLIENT_ID, clientSecret: SECRET } });
    await popup.getByRole('button', { name: 'Remove this key' }).click();
    await popup.close();
    expect(browser.errors).toEqual([]);
  });
});

describe('the copied secret leaves the clipboard', () => {
  async function copySecret(): Promise<Page> {
    const popup = await browser.openPopup();
    await popup.bringToFront();
    await typeValues(popup);
    await popup.getByLabel('Clear a copied secret from the clipboard after').selectOption(String(DELAY_SECONDS));
    await popup.getByRole('button', { name: 'Copy Client secret Value' }).click();
    // Shown once the background has armed the clearing.
    await popup.getByText(`cleared in ${DELAY_SECONDS} s if it still holds the Value`).waitFor();
    return popup;
  }

  test('after the delay, with the popup closed', async () => {
    const popup = await copySecret();
    const copiedAt = Date.now();
    await popup.close();
    expect(await clipboardText()).toBe(SECRET);
    expect(await storageText('session')).toMatch(/"clipboard":\{[^}]*"fingerprint":"v1\./);

    await expect
      .poll(clipboardText, { timeout: (DELAY_SECONDS + 15) * 1000, interval: 1000 })
      .toBe('');
    expect(Date.now() - copiedAt).toBeGreaterThanOrEqual(DELAY_SECONDS * 1000 - 1000);
    expect(await storageText('session')).not.toContain('"clipboard"');
    // The offscreen document was closed after the clearing.
    expect(await offscreenDocuments()).toBe(0);
    expect(browser.errors).toEqual([]);
  });

  test('even when the background was stopped meanwhile: its alarm wakes it', async () => {
    const popup = await copySecret();
    await popup.close();
    await stopServiceWorker();
    expect(await clipboardText()).toBe(SECRET);
    await expect.poll(clipboardText, { timeout: (DELAY_SECONDS + 20) * 1000, interval: 1000 }).toBe('');
    expect(browser.errors).toEqual([]);
  });

  test('but not what was copied after it', async () => {
    const popup = await copySecret();
    const copyClientId = popup.getByRole('button', { name: 'Copy Application (client) ID' });
    await copyClientId.click();
    await expect.poll(() => copyClientId.textContent()).toBe('Copied');
    await popup.close();
    expect(await clipboardText()).toBe(CLIENT_ID);
    await expect.poll(() => storageText('session'), { timeout: (DELAY_SECONDS + 15) * 1000, interval: 1000 }).not.toContain('"clipboard"');
    expect(await clipboardText()).toBe(CLIENT_ID);
    expect(browser.errors).toEqual([]);
  });
});
