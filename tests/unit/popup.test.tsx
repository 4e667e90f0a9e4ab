import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
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
    expect(screen.getByText('0 of 11 steps done')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Choose how dbt receives the values' }));
    expect(store.getState().progress.setup).toMatchObject({ done: true, by: 'hand' });
    expect(screen.getByText('1 of 11 steps done')).toBeTruthy();
  });
});
