import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as openpgp from 'openpgp';
import { GuideStoreProvider } from '@/components/store-context';
import { PopupApp } from '@/components/PopupApp';
import { ChecklistApp } from '@/components/checklist/ChecklistApp';
import { createGuideStore } from '@/utils/guide/store';
import { persistGuideStore } from '@/utils/guide/persist';
import { HandoffDocumentSchema } from '@/utils/handoff/export/document';
import { formatFingerprint } from '@/utils/handoff/export/encrypt';
import type { Message } from '@/utils/messaging/protocol';
import { chromeJsonPolicy, exampleKey } from './managed-files';

const SECRET = 'abc8Q~managed-policy_component-test-0123';
const CLIENT_ID = '6f1b7c2e-1234-4abc-9def-0123456789ab';
const TENANT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const DOMAIN = 'contoso.onmicrosoft.com';
const SET_BY_ORGANISATION = 'Set by your organisation';

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

async function renderPage(page: 'popup' | 'checklist', policy: Record<string, unknown> = {}) {
  await fakeBrowser.storage.managed.set(policy);
  const store = createGuideStore();
  await persistGuideStore(store, { withSecret: true, signal: new AbortController().signal });
  // The store is loaded without waiting for the policy, which applies when storage.managed answers.
  await settle();
  render(<GuideStoreProvider store={store}>{page === 'popup' ? <PopupApp /> : <ChecklistApp />}</GuideStoreProvider>);
  return store;
}

/** The texts linked to a control by aria-describedby. */
function describedText(el: HTMLElement): string {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

function expectLocked(control: HTMLElement) {
  const input = control as HTMLInputElement;
  expect(input.disabled || input.readOnly, `${input.outerHTML} is disabled or read-only`).toBe(true);
  expect(describedText(control)).toContain(SET_BY_ORGANISATION);
}

function expectEditable(control: HTMLElement) {
  const input = control as HTMLInputElement;
  expect(input.disabled).toBe(false);
  expect(input.readOnly ?? false).toBe(false);
  expect(describedText(control)).not.toContain(SET_BY_ORGANISATION);
}

const radio = (name: RegExp) => screen.getByRole('radio', { name }) as HTMLInputElement;
const textbox = (label: string) => screen.getByLabelText(label, { selector: 'input' }) as HTMLInputElement;
const select = (label: string) => screen.getByLabelText(label, { selector: 'select' }) as HTMLSelectElement;
const directoryBox = () => screen.getByRole('checkbox', { name: /Directory\.Read\.All/ }) as HTMLInputElement;
const clipboardDelay = () => select('Clear a copied secret from the clipboard after');

describe('locking: a preset value shows as set by the organisation and cannot be changed', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  test('support-assisted with a deployment ID: profile and ID locked, the clipboard delay still editable', async () => {
    const user = userEvent.setup();
    const store = await renderPage('popup', { profile: 'support', deploymentId: 'acme-42' });
    for (const r of [radio(/Self-service/), radio(/Support-assisted/)]) expectLocked(r);
    expect(radio(/Support-assisted/).checked).toBe(true);
    const id = textbox('Deployment ID');
    expectLocked(id);
    expect(id.value).toBe('acme-42');
    expect(screen.getByTestId('redirect-uri').textContent).toBe('https://auth.getdbt.com/login/callback?connection=acme-42');

    await user.click(radio(/Self-service/));
    await user.type(id, '-typed');
    expect(store.getState().setup).toMatchObject({ profile: 'support', deploymentId: 'acme-42' });
    expect(id.value).toBe('acme-42');

    expectEditable(clipboardDelay());
    await user.selectOptions(clipboardDelay(), '20');
    expect(store.getState().settings.clipboardClearSeconds).toBe(20);
  });

  test('self-service: region and permission set locked; the profile still a choice', async () => {
    const user = userEvent.setup();
    const store = await renderPage('popup', { region: 'emea', includeDirectoryRead: true });
    expectLocked(select('dbt region'));
    expect(select('dbt region').value).toBe('emea');
    expectLocked(directoryBox());
    expect(directoryBox().checked).toBe(true);
    expect(within(screen.getByTestId('permissions')).getByText('Directory.Read.All')).toBeTruthy();
    await user.click(directoryBox());
    expect(store.getState().setup.includeDirectoryRead).toBe(true);

    expectEditable(radio(/Support-assisted/));
    await user.click(radio(/Support-assisted/));
    expect(store.getState().setup.profile).toBe('support');
    expectEditable(textbox('Deployment ID'));
  });

  test('a redirect URI: locked, with the region it implies', async () => {
    const user = userEvent.setup();
    const uri = 'https://cell-1.eu2.dbt.com/login/callback';
    const store = await renderPage('popup', { redirectUri: uri });
    expectLocked(select('dbt region'));
    expect(select('dbt region').value).toBe('custom');
    const field = textbox('Callback URI shown in dbt');
    expectLocked(field);
    await user.type(field, 'x');
    expect(store.getState().setup.customRedirectUri).toBe(uri);
    expect(screen.getByTestId('redirect-uri').textContent).toBe(uri);
  });

  test('the stored local value does not override the preset', async () => {
    await fakeBrowser.storage.local.set({
      setup: { profile: 'self-service', deploymentId: '', region: 'us', customRedirectUri: '', includeDirectoryRead: false },
      settings: { clipboardClearSeconds: 600, secretIdleMinutes: 30 },
    });
    await renderPage('popup', { region: 'au', clipboardClearSeconds: 20 });
    expect(select('dbt region').value).toBe('au');
    expect(clipboardDelay().value).toBe('20');
    expectLocked(clipboardDelay());
  });

  test('the clipboard delay: locked, and the one used when the secret is copied', async () => {
    const user = userEvent.setup();
    const sent: Message[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: Message, _sender, sendResponse) => {
      sent.push(message);
      sendResponse({ armed: true });
      return true;
    });
    const store = await renderPage('popup', { clipboardClearSeconds: 20 });
    store.getState().setSecret(SECRET, 'page');
    expectLocked(clipboardDelay());
    await user.selectOptions(clipboardDelay(), '600').catch(() => undefined);
    expect(store.getState().settings.clipboardClearSeconds).toBe(20);
    await user.click(await screen.findByRole('button', { name: 'Copy Client secret Value' }));
    await screen.findByText(/cleared in 20 s/);
    expect(sent[0]).toMatchObject({ type: 'clipboard/armed', delayMs: 20_000 });
  });

  test('a policy change while the popup is open locks and unlocks at once', async () => {
    await renderPage('popup');
    expectEditable(select('dbt region'));
    await fakeBrowser.storage.managed.set({ region: 'au' });
    await waitFor(() => expectLocked(select('dbt region')));
    expect(select('dbt region').value).toBe('au');
    await fakeBrowser.storage.managed.clear();
    await waitFor(() => expectEditable(select('dbt region')));
    expect(select('dbt region').value).toBe('au');
  });

  test('the checklist page locks the same controls', async () => {
    await renderPage('checklist', { profile: 'support', deploymentId: 'acme-42', clipboardClearSeconds: 30 });
    expectLocked(radio(/Self-service/));
    expectLocked(textbox('Deployment ID'));
    expectLocked(clipboardDelay());
  });
});

describe('a policy that arrives after the popup opened (a fresh profile\'s first storage.managed read)', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  /** storage.managed answers when the test says so. */
  function lateManaged() {
    let answer: (policy: Record<string, unknown>) => void = () => undefined;
    const pending = new Promise<Record<string, unknown>>((resolve) => {
      answer = resolve;
    });
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation((() => pending) as never);
    return (policy: Record<string, unknown>) =>
      act(async () => {
        answer(policy);
        await settle();
      });
  }

  test('the popup is usable with the stored values at once; the presets apply and lock when the policy comes, over the stored values', async () => {
    await fakeBrowser.storage.local.set({
      setup: { profile: 'self-service', deploymentId: '', supportRedirectUri: '', region: 'us', customRedirectUri: '', accountType: 'single', includeDirectoryRead: false },
      settings: { clipboardClearSeconds: 600, secretIdleMinutes: 30 },
    });
    const answer = lateManaged();
    const store = createGuideStore();
    const bound = persistGuideStore(store, { withSecret: true, signal: new AbortController().signal });
    render(<GuideStoreProvider store={store}><PopupApp /></GuideStoreProvider>);
    expectEditable(select('dbt region'));
    expectEditable(radio(/Self-service/));
    await act(() => bound);
    expect(store.getState().loaded).toBe(true);
    await waitFor(() => expect(clipboardDelay().value).toBe('600'));
    expectEditable(select('dbt region'));
    expectEditable(clipboardDelay());
    expect(screen.queryByTestId('set-by-organisation')).toBeNull();

    await answer({ region: 'au', clipboardClearSeconds: 20, profile: 'self-service' });
    expect(select('dbt region').value).toBe('au');
    expectLocked(select('dbt region'));
    expect(clipboardDelay().value).toBe('20');
    expectLocked(clipboardDelay());
    expectLocked(radio(/Support-assisted/));
    // What is in force reaches storage.local; the admin's choices cannot change it any more.
    await settle();
    expect(await fakeBrowser.storage.local.get('setup')).toMatchObject({ setup: { region: 'au' } });
    store.getState().updateSetup({ region: 'emea' });
    expect(store.getState().setup.region).toBe('au');
  });

  test('a value the admin chose before the policy came is replaced by the preset, and locked', async () => {
    const user = userEvent.setup();
    const answer = lateManaged();
    const store = createGuideStore();
    await persistGuideStore(store, { withSecret: true, signal: new AbortController().signal });
    render(<GuideStoreProvider store={store}><PopupApp /></GuideStoreProvider>);
    await user.selectOptions(select('dbt region'), 'emea');
    expect(store.getState().setup.region).toBe('emea');
    await answer({ region: 'au' });
    expect(select('dbt region').value).toBe('au');
    expectLocked(select('dbt region'));
  });
});

describe('notices: a bad policy value is ignored, visibly', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  test.each(['popup', 'checklist'] as const)('%s: the notice names the key and why; the good values apply, the bad one stays editable', async (page) => {
    await renderPage(page, { profile: 'support', deploymentId: '<your-deployment-id>', region: 'eu' });
    const notices = screen.getByTestId('policy-notices');
    expect(notices.getAttribute('role')).toBe('status');
    expect(notices.textContent).toMatch(/tell your IT team/);
    expect(notices.textContent).toMatch(/"deploymentId" was ignored: .*placeholder/);
    expect(notices.textContent).toMatch(/"region" was ignored: it must be one of "us", "emea", "au" or "custom"/);
    expectLocked(radio(/Support-assisted/));
    expectEditable(textbox('Deployment ID'));
  });

  test('no notice without a policy, and none for a good one', async () => {
    await renderPage('popup', { profile: 'support' });
    expect(screen.queryByTestId('policy-notices')).toBeNull();
  });
});

/** The files the popup saves, as in handoff-popup.test.tsx. */
function downloads(): Blob[] {
  const saved: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    saved.push(blob as Blob);
    return `blob:test/${saved.length}`;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  return saved;
}

function recordValues(store: ReturnType<typeof createGuideStore>) {
  const s = store.getState();
  s.recordValue('clientId', CLIENT_ID, 'page');
  s.recordValue('tenantId', TENANT_ID, 'page');
  s.recordValue('domain', DOMAIN, 'page');
  s.setSecret(SECRET, 'page');
}

describe('a preset recipient key', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  test('is used for the export, shown as set by the organisation, and cannot be removed or replaced; a stored key does not override it', { timeout: 60_000 }, async () => {
    const user = userEvent.setup();
    const saved = downloads();
    const dbt = await openpgp.generateKey({ userIDs: [{ name: 'dbt Support', email: 'sso@example.com' }], type: 'ecc', format: 'object' });
    const mine = await openpgp.generateKey({ userIDs: [{ email: 'mine@example.com' }], type: 'ecc' });
    const mineKey = await openpgp.readKey({ armoredKey: mine.publicKey });
    await fakeBrowser.storage.local.set({
      recipient: { armored: mine.publicKey, fingerprint: formatFingerprint(mineKey.getFingerprint()), userIds: ['<mine@example.com>'] },
    });
    // As a registry string carries it: line breaks written "\n".
    const store = await renderPage('popup', { profile: 'support', deploymentId: 'acme-42', recipientPublicKey: dbt.publicKey.armor().replace(/\n/g, '\\n') });
    recordValues(store);

    const fingerprint = await screen.findByTestId('recipient-fingerprint');
    expect(fingerprint.textContent).toBe(formatFingerprint(dbt.publicKey.getFingerprint()));
    const group = screen.getByRole('group', { name: 'The file will be encrypted to this key:' });
    expect(describedText(group)).toContain(SET_BY_ORGANISATION);
    expect(within(group).getByText('dbt Support <sso@example.com>')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Remove this key' })).toBeNull();
    expect(screen.queryByLabelText("dbt's public key (armored)")).toBeNull();
    expect(screen.getByRole('radio', { name: /With dbt's public key/ })).toHaveProperty('checked', true);

    await user.click(screen.getByRole('button', { name: /Export encrypted file/ }));
    await screen.findByText(/Saved dbt-entra-sso-handoff\.asc/, undefined, { timeout: 30_000 });
    const message = await openpgp.readMessage({ armoredMessage: await saved[0]!.text() });
    const { data } = await openpgp.decrypt({ message, decryptionKeys: dbt.privateKey, format: 'binary' });
    expect(HandoffDocumentSchema.parse(JSON.parse(new TextDecoder().decode(data)))).toMatchObject({ values: { clientId: CLIENT_ID, clientSecret: SECRET } });
    // The stored key is left as it was, and unused.
    expect(JSON.stringify(await fakeBrowser.storage.local.get('recipient'))).toContain(mine.publicKey.split('\n')[2]);
  });

  test('the example key of policies/ is read and shown like any other', async () => {
    await renderPage('popup', chromeJsonPolicy() as Record<string, unknown>);
    const key = await openpgp.readKey({ armoredKey: exampleKey() });
    expect((await screen.findByTestId('recipient-fingerprint')).textContent).toBe(formatFingerprint(key.getFingerprint()));
    expect(screen.getByText(/^EXAMPLE ONLY/)).toBeTruthy();
  });

  test.each([
    ['a key openpgp cannot read', '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbm90IGEga2V5\n-----END PGP PUBLIC KEY BLOCK-----', /not an OpenPGP public key/],
    ['an expired key', 'expired', /expired/],
  ])('%s is ignored with a notice; the admin chooses as without a policy', { timeout: 30_000 }, async (_, armored, why) => {
    const user = userEvent.setup();
    let key = armored;
    if (armored === 'expired') {
      const longAgo = new Date(Date.now() - 30 * 24 * 3600 * 1000);
      key = (await openpgp.generateKey({ userIDs: [{ email: 'old@example.com' }], type: 'ecc', date: longAgo, keyExpirationTime: 24 * 3600 })).publicKey;
    }
    await renderPage('popup', { recipientPublicKey: key });
    await waitFor(() => expect(screen.getByTestId('policy-notices').textContent).toMatch(/"recipientPublicKey" was ignored/));
    expect(screen.getByTestId('policy-notices').textContent).toMatch(why);
    expect(screen.getByRole('radio', { name: /With a passphrase/ })).toHaveProperty('checked', true);
    await user.click(screen.getByRole('radio', { name: /With dbt's public key/ }));
    expectEditable(screen.getByLabelText("dbt's public key (armored)"));
    expect(screen.queryByTestId('set-by-organisation')).toBeNull();
  });
});
