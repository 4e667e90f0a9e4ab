import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as openpgp from 'openpgp';
import { GuideStoreProvider } from '@/components/store-context';
import { PopupApp } from '@/components/PopupApp';
import { createGuideStore } from '@/utils/guide/store';
import { persistGuideStore } from '@/utils/guide/persist';
import { HandoffDocumentSchema } from '@/utils/handoff/export/document';
import { matchesFingerprint } from '@/utils/handoff/clipboard';
import type { Message } from '@/utils/messaging/protocol';

const SECRET = 'abc8Q~hand.off_component-test-0123456789';
const CLIENT_ID = '6f1b7c2e-1234-4abc-9def-0123456789ab';
const TENANT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const DOMAIN = 'contoso.onmicrosoft.com';

/** A year from now: a valid expiry whatever day the test runs. */
function expiryInAYear(): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

const settle = () => new Promise((r) => setTimeout(r, 0));

async function area(name: 'local' | 'session'): Promise<string> {
  return JSON.stringify(await fakeBrowser.storage[name].get(null));
}

interface Setup {
  profile?: 'support' | 'self-service';
  recorded?: boolean;
}

async function renderPopup({ profile = 'self-service', recorded = true }: Setup = {}) {
  const store = createGuideStore();
  const controller = new AbortController();
  await persistGuideStore(store, { withSecret: true, signal: controller.signal });
  const s = store.getState();
  s.updateSetup(profile === 'support' ? { profile, deploymentId: 'acme-42' } : { profile, region: 'emea' });
  if (recorded) {
    s.recordValue('clientId', CLIENT_ID, 'page');
    s.recordValue('tenantId', TENANT_ID, 'page');
    s.recordValue('domain', DOMAIN, 'page');
    s.recordValue('secretExpiry', expiryInAYear(), 'page');
    s.setSecret(SECRET, 'page');
  }
  render(
    <GuideStoreProvider store={store}>
      <PopupApp />
    </GuideStoreProvider>,
  );
  return { store, controller };
}

/** Messages the popup sends to the background, answered as the background would. */
function backgroundMessages(): Message[] {
  const seen: Message[] = [];
  fakeBrowser.runtime.onMessage.addListener((message: Message, _sender, sendResponse) => {
    seen.push(message);
    if (message.type === 'clipboard/armed') sendResponse({ armed: true });
    else if (message.type === 'clipboard/clear-now') sendResponse({ outcome: 'none' });
    else return undefined;
    return true;
  });
  return seen;
}

/** The files the popup saves: the Blob given to URL.createObjectURL and the link's name. */
function downloads(): { name: string; blob: Blob }[] {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return `blob:test/${blobs.length}`;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs[Number(this.href.split('/').pop()) - 1];
    if (blob) saved.push({ name: this.download, blob });
  });
  return saved;
}

const field = (label: string | RegExp) => screen.getByLabelText(label, { selector: 'input' }) as HTMLInputElement;
const exportButton = () => screen.getByRole('button', { name: /Export encrypted file/ }) as HTMLButtonElement;

/** The error text linked to a field by aria-describedby. */
function describedText(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

/** The page's markup without the masked secret input, the one place the secret may be. */
function markupOutsideSecretInput(): string {
  const copy = document.body.cloneNode(true) as HTMLElement;
  copy.querySelector('input[name="clientSecret"]')?.remove();
  return copy.innerHTML;
}

describe('a secret captured, then gone (browser restarted or idle timeout)', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => cleanup());

  test('the popup says the Value cannot be shown again and leads to a new secret; the old hint goes', async () => {
    const user = userEvent.setup();
    const { store } = await renderPopup({ recorded: true });
    const s = store.getState();
    s.markStep('create-client-secret', true, 'page');
    s.recordValue('secretHint', 'old', 'page');
    s.setSecret(null);
    const notice = await screen.findByTestId('secret-lost');
    expect(notice.textContent).toMatch(/never shows a Value again/);
    await user.click(within(notice).getByRole('button', { name: 'Create a new client secret' }));
    expect(store.getState().progress['create-client-secret']?.done).toBe(false);
    expect(store.getState().values.secretHint).toBeUndefined();
    await waitFor(() => expect(screen.queryByTestId('secret-lost')).toBeNull());
    // A new secret (another hint) is taken for what it is, and the export can go on.
    s.setSecret(SECRET, 'page');
    await waitFor(() => expect(screen.queryByTestId('export-blocked')).toBeNull());
  });
});

describe('hand-off review', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  test.each([
    ['self-service', ['Application (client) ID', 'Client secret Value', 'Directory (tenant) ID', 'Directory domain', 'Client secret expiry date']],
    ['support', ['Application (client) ID', 'Client secret Value', 'Directory domain', 'Directory (tenant) ID', 'Client secret expiry date']],
  ] as const)('%s: each value of the profile, in order, with where it came from', async (profile, labels) => {
    await renderPopup({ profile });
    const section = screen.getByRole('region', { name: /Review and hand off/ });
    const inputs = within(section).getAllByRole('textbox').concat(within(section).getAllByLabelText(/Client secret Value/, { selector: 'input' }));
    for (const label of labels) expect(field(label)).toBeTruthy();
    expect(inputs.length).toBeGreaterThanOrEqual(labels.length);
    const order = [...section.querySelectorAll('.review input')].map((i) => i.getAttribute('name'));
    expect(order).toEqual(
      profile === 'support'
        ? ['clientId', 'clientSecret', 'domain', 'tenantId', 'secretExpiry']
        : ['clientId', 'clientSecret', 'tenantId', 'domain', 'secretExpiry'],
    );
    expect(section.querySelectorAll('.review .source[data-source="page"]')).toHaveLength(5);
    expect(within(section).getAllByText('read from the page')).toHaveLength(5);
    // The redirect URI and permissions configured, for reference.
    expect(section.textContent).toContain(
      profile === 'support' ? 'https://auth.getdbt.com/login/callback?connection=acme-42' : 'https://auth.emea.dbt.com/login/callback',
    );
    expect(section.textContent).toContain('User.Read');
    expect(exportButton().disabled).toBe(false);
  });

  test('a value typed over one read from the page is recorded as typed', async () => {
    const user = userEvent.setup();
    const { store } = await renderPopup();
    const domain = field('Directory domain');
    await user.clear(domain);
    await user.type(domain, 'fabrikam.onmicrosoft.com');
    expect(store.getState().values.domain).toMatchObject({ value: 'fabrikam.onmicrosoft.com', source: 'typed' });
    const row = domain.closest('.field') as HTMLElement;
    expect(within(row).getByText('typed')).toBeTruthy();
  });

  test.each([
    ['Application (client) ID', TENANT_ID, /That is the Directory \(tenant\) ID/],
    ['Directory domain', 'admin@contoso.onmicrosoft.com', /e-mail address/],
    ['Directory domain', 'https://contoso.onmicrosoft.com/', /address \(URL\)/],
    ['Client secret expiry date', 'Never', /"Never" no longer exists/],
    ['Client secret Value', '9a8b7c6d-1111-2222-3333-444455556666', /Secret ID, not the Value/],
  ])('%s = %j: marked invalid with its reason linked, and the export is refused until fixed', async (label, bad, reason) => {
    const user = userEvent.setup();
    const { store } = await renderPopup();
    const input = field(label);
    const good = input.value;
    await user.clear(input);
    await user.type(input, bad);

    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(input)).toMatch(reason);
    expect(exportButton().disabled).toBe(true);
    const summary = screen.getByTestId('export-blocked');
    expect(summary.textContent).toContain(label);
    expect(exportButton().getAttribute('aria-describedby')).toBe(summary.id);
    // Nothing to paste while a value is wrong.
    expect(screen.getByText('Fix the values flagged above first.')).toBeTruthy();

    await user.clear(input);
    await user.type(input, good);
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByTestId('export-blocked')).toBeNull();
    expect(exportButton().disabled).toBe(false);
    expect(store.getState().progress.handoff).toBeUndefined();
  });

  test('an empty required value blocks; an empty reference value does not', async () => {
    const user = userEvent.setup();
    await renderPopup();
    await user.clear(field('Client secret expiry date'));
    expect(exportButton().disabled).toBe(false);
    await user.clear(field('Application (client) ID'));
    expect(field('Application (client) ID').getAttribute('aria-invalid')).toBe('true');
    expect(describedText(field('Application (client) ID'))).toMatch(/is empty/);
    expect(exportButton().disabled).toBe(true);
  });

  test('the client secret pasted into another field is refused there, and never recorded', async () => {
    const user = userEvent.setup();
    const { store } = await renderPopup();
    const domain = field('Directory domain');
    await user.clear(domain);
    await user.click(domain);
    await user.paste(SECRET);
    expect(domain.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(domain)).toMatch(/holds the client secret Value/);
    expect(exportButton().disabled).toBe(true);
    const copy = within(domain.closest('.field') as HTMLElement).getByRole('button', { name: 'Copy Directory domain' });
    expect((copy as HTMLButtonElement).disabled).toBe(true);
    expect(store.getState().values.domain).toBeUndefined();
    await settle();
    expect(await area('local')).not.toContain(SECRET);

    // Corrected, it is recorded again.
    await user.clear(domain);
    await user.type(domain, DOMAIN);
    expect(store.getState().values.domain).toMatchObject({ value: DOMAIN, source: 'typed' });
    expect(exportButton().disabled).toBe(false);
  });

  test('a value typed before the secret, that holds it, leaves storage.local once the secret is typed', async () => {
    const user = userEvent.setup();
    const { store } = await renderPopup({ recorded: false });
    const domain = field('Directory domain');
    await user.click(domain);
    await user.paste(SECRET);
    await settle();
    expect(await area('local')).toContain(SECRET);

    await user.click(field('Client secret Value'));
    await user.paste(SECRET);
    await settle();
    expect(await area('local')).not.toContain(SECRET);
    expect(store.getState().values.domain).toBeUndefined();
    expect(domain.value).toBe(SECRET);
    expect(domain.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(domain)).toMatch(/holds the client secret Value/);
  });

  test('the secret is masked, revealed on demand, typed into storage.session only, and nowhere else in the page', async () => {
    const user = userEvent.setup();
    const { store } = await renderPopup({ recorded: false });
    const secret = field('Client secret Value');
    expect(secret.type).toBe('password');
    await user.click(secret);
    await user.paste(SECRET);
    expect(store.getState().secret).toMatchObject({ value: SECRET, source: 'typed' });
    const reveal = screen.getByRole('button', { name: 'Show' });
    await user.click(reveal);
    expect(secret.type).toBe('text');
    expect(screen.getByRole('button', { name: 'Hide' }).getAttribute('aria-pressed')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Hide' }));
    expect(secret.type).toBe('password');

    await settle();
    expect(await area('session')).toContain(SECRET);
    expect(await area('local')).not.toContain(SECRET);
    expect(markupOutsideSecretInput()).not.toContain(SECRET);
  });
});

describe('hand-off export', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  test('with a passphrase (the default without a key): the file opens with the passphrase shown once, and the step is done', { timeout: 60_000 }, async () => {
    const user = userEvent.setup();
    const saved = downloads();
    const { store } = await renderPopup();
    expect(screen.getByRole('radio', { name: /With a passphrase/ })).toHaveProperty('checked', true);
    expect(screen.getByTestId('decrypt-command').textContent).toBe(
      'gpg --output handoff.json --decrypt dbt-entra-sso-handoff.asc',
    );
    await user.click(exportButton());
    await screen.findByText(/Saved dbt-entra-sso-handoff\.asc/, undefined, { timeout: 30_000 });

    expect(saved.map((f) => f.name)).toEqual(['dbt-entra-sso-handoff.asc']);
    const armored = await saved[0]!.blob.text();
    expect(armored).toMatch(/^-----BEGIN PGP MESSAGE-----/);
    expect(armored).not.toContain(SECRET);

    const passphrase = screen.getByTestId('passphrase').textContent ?? '';
    expect(passphrase.split(' ')).toHaveLength(6);
    expect(screen.getByText(/another channel than the file/)).toBeTruthy();
    const { data } = await openpgp.decrypt({
      message: await openpgp.readMessage({ armoredMessage: armored }),
      passwords: [passphrase],
      format: 'binary',
    });
    const doc = HandoffDocumentSchema.parse(JSON.parse(new TextDecoder().decode(data)));
    expect(doc).toMatchObject({
      profile: 'self-service',
      values: { clientId: CLIENT_ID, clientSecret: SECRET, tenantId: TENANT_ID, domain: DOMAIN, secretExpiry: expiryInAYear(), redirectUri: 'https://auth.emea.dbt.com/login/callback' },
    });
    expect(store.getState().progress.handoff).toMatchObject({ done: true, by: 'hand' });

    // The passphrase is shown once: hidden, it cannot come back.
    await user.click(screen.getByRole('button', { name: /hide the passphrase/ }));
    expect(screen.queryByTestId('passphrase')).toBeNull();
    expect(document.body.innerHTML).not.toContain(passphrase);
    expect(await area('local')).not.toContain(passphrase);
    expect(await area('session')).not.toContain(passphrase);
  });

  test('to a public key: imported once, fingerprint and user ID shown to compare, stored, then only the key opens the file', { timeout: 60_000 }, async () => {
    const user = userEvent.setup();
    const saved = downloads();
    const key = await openpgp.generateKey({ userIDs: [{ name: 'dbt Support', email: 'sso@example.com' }], type: 'ecc', format: 'object' });
    const fingerprint = key.publicKey.getFingerprint().toUpperCase().match(/.{4}/g)!.join(' ');
    await renderPopup({ profile: 'support' });

    await user.click(screen.getByRole('radio', { name: /With dbt's public key/ }));
    expect(exportButton().disabled).toBe(true);
    const textarea = screen.getByLabelText("dbt's public key (armored)");
    await user.click(textarea);
    await user.paste('not a key');
    await user.click(screen.getByRole('button', { name: 'Read key' }));
    await waitFor(() => expect(textarea.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(textarea)).toMatch(/not an OpenPGP public key/);

    await user.clear(textarea);
    await user.paste(key.publicKey.armor());
    await user.click(screen.getByRole('button', { name: 'Read key' }));
    expect((await screen.findByTestId('recipient-fingerprint')).textContent).toBe(fingerprint);
    expect(screen.getByText('dbt Support <sso@example.com>')).toBeTruthy();
    expect(await area('local')).not.toContain('PUBLIC KEY');
    await user.click(screen.getByRole('button', { name: /fingerprint matches: use this key/ }));
    await waitFor(async () => expect(await area('local')).toContain('BEGIN PGP PUBLIC KEY BLOCK'));

    await user.click(exportButton());
    await screen.findByText(/Saved dbt-entra-sso-handoff\.asc/, undefined, { timeout: 30_000 });
    expect(screen.queryByTestId('passphrase')).toBeNull();
    const message = await openpgp.readMessage({ armoredMessage: await saved[0]!.blob.text() });
    const { data } = await openpgp.decrypt({ message, decryptionKeys: key.privateKey, format: 'binary' });
    const doc = HandoffDocumentSchema.parse(JSON.parse(new TextDecoder().decode(data)));
    expect(doc).toMatchObject({ profile: 'support', destination: 'dbt support', values: { clientId: CLIENT_ID, clientSecret: SECRET } });
    await expect(
      openpgp.decrypt({ message, passwords: ['any passphrase at all, long enough'], format: 'binary' }),
    ).rejects.toThrow();

    // The message names the key, and never holds the secret.
    const text = (screen.getByLabelText('Message without the secret') as HTMLTextAreaElement).value;
    expect(text).toContain(`encrypted to your public key ${fingerprint}`);
    expect(text).toContain(CLIENT_ID);
    expect(text).not.toContain(SECRET);
  });

  test('a stored key is the default and is shown for comparison', async () => {
    const key = await openpgp.generateKey({ userIDs: [{ email: 'sso@example.com' }], type: 'ecc' });
    const parsed = await openpgp.readKey({ armoredKey: key.publicKey });
    const fingerprint = parsed.getFingerprint().toUpperCase().match(/.{4}/g)!.join(' ');
    await fakeBrowser.storage.local.set({ recipient: { armored: key.publicKey, fingerprint, userIds: ['<sso@example.com>'] } });
    await renderPopup();
    await waitFor(() => expect(screen.getByRole('radio', { name: /With dbt's public key/ })).toHaveProperty('checked', true));
    expect(screen.getByTestId('recipient-fingerprint').textContent).toBe(fingerprint);
  });

  test('the message without the secret is there to copy', async () => {
    const user = userEvent.setup();
    await renderPopup();
    const text = (screen.getByLabelText('Message without the secret') as HTMLTextAreaElement).value;
    expect(text).toContain(`Application (client) ID: ${CLIENT_ID}`);
    expect(text).toContain(`Directory domain: ${DOMAIN}`);
    expect(text).toMatch(/not in this message: it follows in the encrypted file dbt-entra-sso-handoff\.asc/);
    expect(text).not.toContain(SECRET);
    await user.click(screen.getByRole('button', { name: 'Copy message without the secret' }));
    expect(await navigator.clipboard.readText()).toBe(text);
  });

  test('the rotation reminder shows the expiry and saves an .ics without the secret', async () => {
    const user = userEvent.setup();
    const saved = downloads();
    await renderPopup();
    expect(screen.getByTestId('secret-expiry').textContent).toMatch(new RegExp(`expires on ${expiryInAYear()} \\(in 36[56] days\\)`));
    await user.click(screen.getByRole('button', { name: /calendar reminder/ }));
    expect(saved.map((f) => f.name)).toEqual(['dbt-sso-secret-rotation.ics']);
    const ics = await saved[0]!.blob.text();
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain(CLIENT_ID);
    expect(ics).not.toContain(SECRET);
  });
});

describe('hand-off clipboard and clearing', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  test('copying the secret asks the background to clear it after the configured delay, with a fingerprint only', async () => {
    const user = userEvent.setup();
    const sent = backgroundMessages();
    const { store } = await renderPopup();
    await user.selectOptions(screen.getByLabelText('Clear a copied secret from the clipboard after'), '20');
    expect(store.getState().settings.clipboardClearSeconds).toBe(20);

    await user.click(screen.getByRole('button', { name: 'Copy Client secret Value' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    await screen.findByText(/cleared in 20 s if it still holds the Value/);
    expect(sent).toHaveLength(1);
    const armed = sent[0];
    expect(armed).toMatchObject({ type: 'clipboard/armed', delayMs: 20_000 });
    expect(JSON.stringify(sent)).not.toContain(SECRET);
    expect(armed?.type === 'clipboard/armed' && (await matchesFingerprint(SECRET, armed.fingerprint))).toBe(true);

    // Another value copied: nothing to clear for it.
    await user.click(screen.getByRole('button', { name: 'Copy Application (client) ID' }));
    expect(await navigator.clipboard.readText()).toBe(CLIENT_ID);
    expect(sent).toHaveLength(1);
  });

  test('"Finish and clear" asks first; confirmed, the secret and values go, setup and progress stay', async () => {
    const user = userEvent.setup();
    const sent = backgroundMessages();
    const { store } = await renderPopup({ profile: 'support' });
    store.getState().markStep('record-domain', true, 'page');

    await user.click(screen.getByRole('button', { name: 'Finish and clear' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(store.getState().secret).not.toBeNull();

    await user.click(screen.getByRole('button', { name: 'Finish and clear' }));
    expect(screen.getByText(/Remove the client secret and the collected values/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Yes, clear them' }));
    expect(screen.getByText(/were removed from this browser/)).toBeTruthy();

    const state = store.getState();
    expect(state.secret).toBeNull();
    expect(state.values).toEqual({});
    expect(state.setup.deploymentId).toBe('acme-42');
    expect(state.progress['record-domain']?.done).toBe(true);
    expect(field('Client secret Value').value).toBe('');
    expect(sent.map((m) => m.type)).toEqual(['clipboard/clear-now']);
    await settle();
    expect(await area('session')).not.toContain(SECRET);
    expect(await area('local')).not.toContain(SECRET);
    expect(await area('local')).not.toContain(CLIENT_ID);
  });
});
