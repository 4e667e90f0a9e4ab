import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { GuideStoreProvider } from '@/components/store-context';
import { ChecklistApp } from '@/components/checklist/ChecklistApp';
import { PopupApp } from '@/components/PopupApp';
import { createGuideStore } from '@/utils/guide/store';
import { persistGuideStore } from '@/utils/guide/persist';
import { GRAPH_DELEGATED_PERMISSION_IDS } from '@/utils/handoff/cli';

async function renderChecklist() {
  const store = createGuideStore();
  await persistGuideStore(store, { withSecret: true, signal: new AbortController().signal });
  render(
    <GuideStoreProvider store={store}>
      <ChecklistApp />
    </GuideStoreProvider>,
  );
  return store;
}

const stepCard = (id: string) => document.querySelector(`[data-step-id="${id}"]`) as HTMLElement;

describe('checklist page', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  test('every step with its reason; checking and unchecking is the shared progress', async () => {
    const user = userEvent.setup();
    const store = await renderChecklist();
    expect(document.querySelectorAll('[data-step-id]')).toHaveLength(13);
    expect(within(stepCard('add-api-permissions')).getByText(/retired it on 31 August 2025/)).toBeTruthy();
    const box = within(stepCard('grant-admin-consent')).getByRole('checkbox', { name: /Grant admin consent/ });
    await user.click(box);
    expect(store.getState().progress['grant-admin-consent']).toMatchObject({ done: true, by: 'hand' });
    expect(screen.getByText('1 of 12 steps done')).toBeTruthy();
    await user.click(box);
    expect(store.getState().progress['grant-admin-consent']?.done).toBe(false);
    expect(screen.getByText('0 of 12 steps done')).toBeTruthy();
  });

  test('a step the panel saw done shows checked', async () => {
    const store = await renderChecklist();
    store.getState().markStep('record-domain', true, 'page');
    await screen.findByText('1 of 12 steps done');
    expect(stepCard('record-domain').getAttribute('data-status')).toBe('done');
  });

  test('the same count, in the same words, as the popup (and the panel: the required steps)', async () => {
    const store = await renderChecklist();
    const s = store.getState();
    s.markStep('setup', true, 'hand');
    s.markStep('open-app-registrations', true, 'page');
    s.markNeeded('add-redirect-uri');
    const checklist = await screen.findByText('2 of 13 steps done');
    const popup = render(
      <GuideStoreProvider store={store}>
        <PopupApp />
      </GuideStoreProvider>,
    );
    expect(popup.getByTestId('progress').textContent).toMatch(/^2 of 13 steps done\. Next: /);
    expect(checklist.textContent).toBe('2 of 13 steps done');
  });

  test('setup values are validated with the same messages as the popup', async () => {
    const user = userEvent.setup();
    await renderChecklist();
    await user.click(screen.getByRole('radio', { name: /Support-assisted/ }));
    const id = screen.getByLabelText('Deployment ID');
    await user.type(id, '<your-deployment-id>');
    expect(id.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById((id.getAttribute('aria-describedby') ?? '').split(' ')[0] ?? '')?.textContent).toMatch(/placeholder|deployment ID/i);
  });

  test.each([
    ['support', false],
    ['support', true],
    ['self-service', false],
    ['self-service', true],
  ] as const)('the command-line path for the %s profile (Directory.Read.All: %s) adds exactly its permissions', async (profile, includeDirectoryRead) => {
    const store = await renderChecklist();
    store.getState().updateSetup({ profile, deploymentId: 'acme-42', includeDirectoryRead });
    const cli = await screen.findByRole('region', { name: /Command-line path/ });
    const text = cli.textContent ?? '';
    const scope = (name: string) => `${GRAPH_DELEGATED_PERMISSION_IDS[name]}=Scope`;
    for (const name of ['User.Read', 'GroupMember.Read.All']) expect(text).toContain(scope(name));
    expect(text).not.toContain(scope('Directory.AccessAsUser.All'));
    expect(text.includes(scope('Directory.Read.All'))).toBe(includeDirectoryRead);
    expect(text).toContain(profile === 'support' ? 'connection=acme-42' : 'https://auth.cloud.getdbt.com/login/callback');
    expect(text).toContain('it runs in its own bash, so an error stops the script, not your Cloud Shell');
  });
});
