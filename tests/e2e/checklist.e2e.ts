import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { DEFAULT_EXTENSION_PATH, launchBrowser, type ExtensionBrowser } from './harness';
import { seriousViolations } from './axe';

/**
 * The offline checklist: no portal tab, nothing reachable (the browser resolves every other host
 * to nothing), the procedure done by hand, values typed and fixed, the encrypted file exported,
 * the progress seen in the popup; and the printed runbook, with every step and no secret.
 */

if (!existsSync(join(DEFAULT_EXTENSION_PATH, 'manifest.json'))) {
  throw new Error(`No extension build at ${DEFAULT_EXTENSION_PATH}. Build it first: npm run build`);
}

const STEP_TITLES = [
  'Choose how dbt receives the values',
  'Open App registrations',
  'Register the application',
  'Add the Web redirect URI',
  'Record the Application (client) ID and tenant ID',
  'Add the Microsoft Graph permissions',
  'Grant admin consent',
  'Create the client secret and capture its Value',
  "Record the directory's primary domain",
  'Review and hand the values to dbt securely',
];
const SECRET = 'Abc8Q~Zr0kXn4P_q.Lm-9tYvW2sEoHu7JcIdGfBa';
const EXPIRY = new Date(Date.now() + 700 * 86_400_000).toISOString().slice(0, 10);

let replica: Replica;
let browser: ExtensionBrowser;
let dir: string;

beforeAll(async () => {
  replica = await startReplica();
  browser = await launchBrowser({ replica });
  dir = await mkdtemp(join(tmpdir(), 'sso-checklist-'));
});
afterAll(async () => {
  await browser?.close();
  await replica?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the offline checklist page', () => {
  test('the procedure done by hand, values typed and fixed, exported, progress in the popup', async () => {
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/checklist.html`);
    // Self-service first: dbt's form and the sign-in test, no export step.
    const heading = (title: string) => page.getByRole('heading', { name: new RegExp(title.replace(/[()']/g, '\\$&')) });
    for (const title of [...STEP_TITLES.slice(0, -1), "Fill in dbt's SSO form", 'Test the sign-in']) await heading(title).first().waitFor();
    expect(await heading(STEP_TITLES.at(-1) ?? '').count()).toBe(0);

    // Support-assisted: the export is a step (the encrypted file is its main action).
    await page.getByRole('radio', { name: /Support-assisted/ }).check();
    await heading(STEP_TITLES.at(-1) ?? '').waitFor();
    await page.getByLabel('Deployment ID', { exact: true }).fill('acme-42');
    await expect.poll(() => page.getByText('https://auth.getdbt.com/login/callback?connection=acme-42').count()).toBeGreaterThan(0);

    for (const id of ['setup', 'open-app-registrations', 'register-app', 'record-app-ids']) {
      await page.locator(`[data-step-id="${id}"] input[type="checkbox"]`).first().check();
    }
    await page.locator('[data-step-id="register-app"] input[type="checkbox"]').first().uncheck();
    await page.locator('[data-step-id="register-app"] input[type="checkbox"]').first().check();

    const clientId = page.getByLabel('Application (client) ID', { exact: true });
    await clientId.fill('not-a-guid');
    await expect.poll(() => clientId.getAttribute('aria-invalid')).toBe('true');
    await clientId.fill('11111111-2222-4333-8444-555555555555');
    await expect.poll(() => clientId.getAttribute('aria-invalid')).toBeNull();
    await page.getByLabel('Client secret Value', { exact: true }).fill(SECRET);
    await page.getByLabel('Directory domain', { exact: true }).fill('contoso.onmicrosoft.com');
    await page.getByLabel('Client secret expiry date', { exact: true }).fill(EXPIRY);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export encrypted file (.asc)' }).click(),
    ]);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(await readFile(file, 'utf8')).toMatch(/^-----BEGIN PGP MESSAGE-----/);
    expect(await readFile(file, 'utf8')).not.toContain(SECRET);

    const popup = await browser.openPopup();
    for (const id of ['setup', 'open-app-registrations', 'register-app', 'record-app-ids', 'handoff']) {
      await expect.poll(() => popup.locator(`[data-step-id="${id}"]`).getAttribute('data-status')).toBe('done');
    }
    await popup.close();
    await page.close();
  });

  test('printed, it is a runbook with every step and no secret', async () => {
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/checklist.html`);
    await page.getByRole('heading', { name: /checklist/ }).waitFor();
    // The secret is still held from the test above: it must not be printed.
    await expect.poll(() => page.getByLabel('Client secret Value', { exact: true }).inputValue()).toBe(SECRET);
    const pdf = join(dir, 'runbook.pdf');
    await writeFile(pdf, await page.pdf({ format: 'A4' }));
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    const flat = text.stdout.replace(/\s+/g, ' ');
    for (const title of STEP_TITLES) expect(flat).toContain(title);
    expect(flat).toContain('az ad app create');
    expect(flat).not.toContain(SECRET);
    expect(flat).not.toContain(SECRET.slice(0, 12));
    expect(flat).not.toMatch(/Export encrypted file/);
    await page.close();
  });

  test('the checklist page and the popup have no accessibility violation of serious or critical impact', async () => {
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/checklist.html`);
    await page.getByRole('heading', { name: /checklist/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
    const popup = await browser.openPopup();
    await popup.getByRole('heading', { name: /dbt Cloud SSO/ }).waitFor();
    expect(await seriousViolations(popup)).toEqual([]);
    // The check can fail: an unlabelled field is a critical violation.
    await popup.evaluate(() => document.body.append(document.createElement('input')));
    expect((await seriousViolations(popup)).map((v) => v.id)).toContain('label');
    await popup.close();
  });

  test('no errors from the extension', () => {
    expect(browser.errors).toEqual([]);
  });
});
