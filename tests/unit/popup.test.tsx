import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { GuideStoreProvider } from '@/components/store-context';
import { PopupApp } from '@/components/PopupApp';
import { createGuideStore } from '@/utils/guide/store';
import { persistGuideStore } from '@/utils/guide/persist';

async function renderPopup() {
  const store = createGuideStore();
  const controller = new AbortController();
  await persistGuideStore(store, { withSecret: true, signal: controller.signal });
  render(
    <GuideStoreProvider store={store}>
      <PopupApp />
    </GuideStoreProvider>,
  );
  return { store, controller };
}

describe('popup: setup and steps', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  test('support-assisted: the deployment ID is validated and gives the seed redirect URI', async () => {
    const user = userEvent.setup();
    await renderPopup();
    await user.click(screen.getByRole('radio', { name: /Support-assisted/ }));
    const input = screen.getByLabelText('Deployment ID');
    await user.type(input, 'acme 42');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = input.getAttribute('aria-describedby') ?? '';
    expect(describedBy).not.toBe('');
    expect(document.getElementById(describedBy.split(' ')[0] ?? '')?.textContent).toMatch(/space/i);

    await user.clear(input);
    await user.type(input, 'acme-42');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByTestId('redirect-uri').textContent).toBe('https://auth.getdbt.com/login/callback?connection=acme-42');
    expect(within(screen.getByTestId('permissions')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringContaining('User.Read'),
      expect.stringContaining('GroupMember.Read.All'),
    ]);
  });

  test('support-assisted: the redirect URI dbt support sent is used exactly, and checked as one of dbt\'s', async () => {
    const user = userEvent.setup();
    await renderPopup();
    await user.click(screen.getByRole('radio', { name: /Support-assisted/ }));
    const uri = screen.getByLabelText('Redirect URI from dbt support');
    await user.type(uri, 'https://auth.getdbt.com.evil.example/login/callback');
    expect(uri.getAttribute('aria-invalid')).toBe('true');
    await user.clear(uri);
    await user.type(uri, 'https://acme.us1.dbt.com/login/callback?connection=acme');
    expect(uri.getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByTestId('redirect-uri').textContent).toBe('https://acme.us1.dbt.com/login/callback?connection=acme');
  });

  test('multi-tenant: the account type gives the radio words and dbt\'s domain value', async () => {
    const user = userEvent.setup();
    await renderPopup();
    await user.selectOptions(screen.getByLabelText('Supported account types'), 'multi');
    expect(screen.getByText(/Microsoft Entra ID Multi Tenant/)).toBeTruthy();
    expect(screen.getByText('organizations')).toBeTruthy();
  });

  test('self-service: the region gives the Auth0 host, and the choice is stored', async () => {
    const user = userEvent.setup();
    await renderPopup();
    await user.selectOptions(screen.getByLabelText('dbt region'), 'emea');
    expect(screen.getByTestId('redirect-uri').textContent).toBe('https://auth.emea.dbt.com/login/callback');
    await new Promise((r) => setTimeout(r, 0));
    expect(JSON.stringify(await fakeBrowser.storage.local.get('setup'))).toContain('"emea"');
  });

  test('a step ticked by hand shows as done and is counted', async () => {
    const user = userEvent.setup();
    const { store } = await renderPopup();
    expect(screen.getByText('0 of 12 steps done')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Choose how dbt receives the values' }));
    expect(store.getState().progress.setup).toMatchObject({ done: true, by: 'hand' });
    expect(screen.getByText('1 of 12 steps done')).toBeTruthy();
  });
});

const CLIENT_ID = '6f1b7c2e-1234-4abc-9def-0123456789ab';
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

/** A storage.managed read that answers only when the test says so (a fresh profile's first read). */
function lateManaged() {
  let answer: (policy: Record<string, unknown>) => void = () => undefined;
  const pending = new Promise<Record<string, unknown>>((resolve) => {
    answer = resolve;
  });
  vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation((() => pending) as never);
  return (policy: Record<string, unknown> = {}) => act(async () => {
    answer(policy);
    await settle();
  });
}

/** The popup mounted as popup.html mounts it: rendered at once, the store bound to storage beside it. */
function mountPopup() {
  const store = createGuideStore();
  const controller = new AbortController();
  const bound = persistGuideStore(store, { withSecret: true, signal: controller.signal });
  render(
    <GuideStoreProvider store={store}>
      <PopupApp />
    </GuideStoreProvider>,
  );
  return { store, bound: act(() => bound) };
}

/** The popup's top-level parts in document order: hand-off, progress, setup, steps. */
function order(): string[] {
  const main = document.querySelector('main.popup') as HTMLElement;
  return [...main.querySelectorAll('.handoff-section, [data-testid="progress"], .setup-form, .steps')].map((el) =>
    el.matches('.handoff-section') ? 'handoff' : el.matches('.setup-form') ? 'setup' : el.matches('.steps') ? 'steps' : 'progress',
  );
}

const errorText = () => [...document.querySelectorAll('.findings .error, .blocked, .error-text')].map((e) => e.textContent);

describe('popup: usable at once', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  test('the setup shows its defaults while storage.managed has not answered, without "Loading…"', async () => {
    const answer = lateManaged();
    const { store, bound } = mountPopup();
    // The first render: the setup with its defaults, before any storage read came back.
    expect(screen.queryByText(/Loading/)).toBeNull();
    expect((screen.getByRole('radio', { name: /Self-service/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('dbt region') as HTMLSelectElement).value).toBe('us');
    expect(screen.getByTestId('progress').textContent).toMatch(/^0 of 12 steps done/);
    await bound;
    // Loaded without waiting for the policy; the rest of the popup is there.
    expect(store.getState().loaded).toBe(true);
    expect(await screen.findByRole('region', { name: /Review and hand off/ })).toBeTruthy();
    await answer({});
    expect(screen.queryByTestId('set-by-organisation')).toBeNull();
  });

  test('stored values apply when they arrive; the defaults shown before are not written over them', async () => {
    await fakeBrowser.storage.local.set({
      setup: { profile: 'support', deploymentId: 'acme-42', supportRedirectUri: '', region: 'us', customRedirectUri: '', accountType: 'single', includeDirectoryRead: false },
    });
    lateManaged();
    const { store, bound } = mountPopup();
    expect(store.getState().setup.profile).toBe('self-service');
    expect((screen.getByRole('radio', { name: /Self-service/ }) as HTMLInputElement).checked).toBe(true);
    await bound;
    await waitFor(() => expect((screen.getByRole('radio', { name: /Support-assisted/ }) as HTMLInputElement).checked).toBe(true));
    expect((screen.getByLabelText('Deployment ID') as HTMLInputElement).value).toBe('acme-42');
    await settle();
    expect(await fakeBrowser.storage.local.get('setup')).toMatchObject({ setup: { profile: 'support', deploymentId: 'acme-42' } });
  });
});

describe('popup: the review first once values exist', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  test('before any value: setup first, then the steps, then the hand-off; nothing folded', async () => {
    await renderPopup();
    expect(order()).toEqual(['progress', 'setup', 'steps', 'handoff']);
    expect(document.querySelector('details')).toBeNull();
  });

  test('a value recorded: under the progress line, the hand-off review first, then the setup and the steps folded', async () => {
    await fakeBrowser.storage.local.set({ 'values.clientId': { value: CLIENT_ID, source: 'page', at: '2026-01-01T00:00:00.000Z' } });
    await renderPopup();
    expect(order()).toEqual(['progress', 'handoff', 'setup', 'steps']);
    const [setup, stepList] = [...document.querySelectorAll('details')];
    expect(setup?.open).toBe(false);
    expect(setup?.querySelector('summary')?.textContent).toBe('Setup: Self-service, https://auth.cloud.getdbt.com/login/callback, single tenant');
    expect(stepList?.open).toBe(false);
    expect(stepList?.querySelector('.steps')).toBeTruthy();
    expect((screen.getByLabelText('Application (client) ID', { selector: 'input' }) as HTMLInputElement).value).toBe(CLIENT_ID);
    // The guide can still be started or stopped without unfolding anything.
    expect(screen.getByRole('button', { name: 'Start the guide on the portal' }).closest('details')).toBeNull();
  });

  test('an incomplete setup stays unfolded under the review', async () => {
    await fakeBrowser.storage.local.set({ 'values.domain': { value: 'contoso.onmicrosoft.com', source: 'page', at: '2026-01-01T00:00:00.000Z' } });
    const { store } = await renderPopup();
    cleanup();
    store.getState().updateSetup({ region: 'custom' });
    render(
      <GuideStoreProvider store={store}>
        <PopupApp />
      </GuideStoreProvider>,
    );
    expect(order().slice(0, 2)).toEqual(['progress', 'handoff']);
    expect(document.querySelector('details.setup-details')?.hasAttribute('open')).toBe(true);
  });

  test('a value arriving from the portal while the popup is open brings the review first, its state kept', async () => {
    const { store } = await renderPopup();
    expect(order()[1]).toBe('setup');
    const section = screen.getByRole('region', { name: /Review and hand off/ });
    act(() => store.getState().recordValue('clientId', CLIENT_ID, 'page'));
    expect(order()).toEqual(['progress', 'handoff', 'setup', 'steps']);
    // The same section, moved, not built again.
    expect(screen.getByRole('region', { name: /Review and hand off/ })).toBe(section);
  });

  test('a value typed into the hand-off here leaves it where it is, focused', async () => {
    const user = userEvent.setup();
    await renderPopup();
    const input = screen.getByLabelText('Application (client) ID', { selector: 'input' });
    await user.click(input);
    await user.paste(CLIENT_ID);
    expect(order()).toEqual(['progress', 'setup', 'steps', 'handoff']);
    expect(document.activeElement).toBe(input);
  });
});

describe('popup: one count', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  const counts = () => (document.body.textContent ?? '').match(/\d+ of \d+ steps done/g) ?? [];
  const statusOf = (id: string) => document.querySelector(`[data-step-id="${id}"] .step-status`)?.textContent;

  test('"N of M steps done" once, M the required steps; a branch shown needed counts', async () => {
    const { store } = await renderPopup();
    expect(counts()).toEqual(['0 of 12 steps done']);
    expect(document.querySelectorAll('.steps li')).toHaveLength(13);
    expect(statusOf('add-redirect-uri')).toBe('only if needed');
    act(() => store.getState().markNeeded('add-redirect-uri'));
    expect(counts()).toEqual(['0 of 13 steps done']);
    expect(statusOf('add-redirect-uri')).toBe('to do');
  });

  test('rows say done, next, to do; "seen on the page" only for what the page showed', async () => {
    const user = userEvent.setup();
    const { store } = await renderPopup();
    expect(statusOf('setup')).toBe('next');
    expect(statusOf('register-app')).toBe('to do');
    await user.click(screen.getByRole('button', { name: 'Start the guide on the portal' }));
    expect(store.getState().progress.setup).toMatchObject({ done: true, by: 'hand' });
    expect(statusOf('setup')).toBe('done');
    act(() => store.getState().markStep('open-app-registrations', true, 'page'));
    expect(statusOf('open-app-registrations')).toBe('done (seen on the page)');
    await user.click(screen.getByRole('checkbox', { name: 'Register the application' }));
    expect(statusOf('register-app')).toBe('done');
    expect(counts()).toEqual(['3 of 12 steps done']);
    expect(screen.getByTestId('progress').textContent).toBe('3 of 12 steps done. Next: Record the Application (client) ID and tenant ID.');
  });
});

describe('popup: neutral before the admin acted', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  test('a fresh popup: no aria-invalid, no error text; empty values are "to do", linked to their field', async () => {
    await renderPopup();
    expect(document.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
    expect(errorText()).toEqual([]);
    expect(document.body.textContent).not.toMatch(/is empty|not possible/);
    const todo = screen.getByTestId('export-blocked');
    expect(todo.querySelector('.blocked')).toBeNull();
    expect(todo.textContent).toBe('Still to record before the export: Application (client) ID, Client secret Value, Directory (tenant) ID, Directory domain.');
    const clientId = screen.getByLabelText('Application (client) ID', { selector: 'input' });
    expect(document.getElementById(clientId.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/^To do: the guide reads it on the portal, or type it here/);
    const secret = screen.getByLabelText('Client secret Value', { selector: 'input' });
    expect(secret.getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByRole('button', { name: /Export encrypted file/ }).getAttribute('aria-describedby')).toBe(todo.id);
  });

  test('a field typed into and emptied again is an error, red and linked; the others stay "to do"', async () => {
    const user = userEvent.setup();
    await renderPopup();
    const domain = screen.getByLabelText('Directory domain', { selector: 'input' });
    await user.type(domain, 'x');
    await user.clear(domain);
    expect(domain.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (domain.getAttribute('aria-describedby') ?? '').split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent).join(' ')).toMatch(/Directory domain is empty/);
    expect(document.querySelectorAll('[aria-invalid="true"]')).toHaveLength(1);
    const blocked = screen.getByTestId('export-blocked');
    expect(blocked.querySelector('.blocked')?.textContent).toBe('Export is not possible yet: fix this value first: Directory domain.');
    expect(blocked.querySelector('.hint')?.textContent).toBe('Still to record before the export: Application (client) ID, Client secret Value, Directory (tenant) ID.');
  });

  test('a wrong value stays an error at once, whoever recorded it', async () => {
    await fakeBrowser.storage.local.set({ 'values.clientId': { value: 'not-a-guid', source: 'page', at: '2026-01-01T00:00:00.000Z' } });
    await renderPopup();
    const clientId = screen.getByLabelText('Application (client) ID', { selector: 'input' });
    expect(clientId.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('export-blocked').querySelector('.blocked')?.textContent).toMatch(/fix this value first: Application \(client\) ID/);
  });

  test('"Finish and clear" leaves the fields "to do", not red', async () => {
    const user = userEvent.setup();
    const { store } = await renderPopup();
    await user.type(screen.getByLabelText('Directory domain', { selector: 'input' }), 'contoso.onmicrosoft.com');
    act(() => store.getState().setSecret('abc8Q~popup-test_finish-and-clear-0123456', 'typed'));
    await user.click(screen.getByRole('button', { name: 'Finish and clear' }));
    await user.click(screen.getByRole('button', { name: 'Yes, clear them' }));
    expect(document.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
    expect(errorText()).toEqual([]);
  });
});
