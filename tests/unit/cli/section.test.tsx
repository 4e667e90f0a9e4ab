import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { GuideStoreProvider } from '@/components/store-context';
import { CliSection } from '@/components/checklist/CliSection';
import { createGuideStore } from '@/utils/guide/store';
import { cliPlan } from '@/utils/handoff/cli';

/*
 * The checklist's command-line section on its own: the optional group to assign, the account
 * type's notes and the way to run the script. (The permissions per profile are checked with the
 * whole checklist, in tests/unit/checklist.test.tsx.)
 */

function renderSection() {
  const store = createGuideStore();
  render(
    <GuideStoreProvider store={store}>
      <CliSection />
    </GuideStoreProvider>,
  );
  return store;
}

const GROUP = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const region = () => screen.getByRole('region', { name: /Command-line path/ });
const assignItem = () => region().querySelector('[data-cli-id="assign-group"]') as HTMLElement;

describe('command-line section', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  test('says to paste the whole script, which runs in its own bash', () => {
    renderSection();
    expect(region().textContent).toContain(
      'Paste the whole script; it runs in its own bash, so an error stops the script, not your Cloud Shell.',
    );
  });

  test('each command shows exactly its text, one token a span (a line breaks only between tokens)', () => {
    const store = renderSection();
    const commands = cliPlan(store.getState().setup, { groupObjectId: '' }).commands;
    const shown = [...region().querySelectorAll('.cli-commands pre code')];
    expect(shown.map((c) => c.textContent)).toEqual(commands.map((c) => c.command));
    for (const code of shown) {
      const tokens = [...code.querySelectorAll('.cli-token')].map((t) => t.textContent ?? '');
      expect(tokens.length).toBeGreaterThan(0);
      expect(tokens.every((t) => t.length > 0 && !/\s/.test(t))).toBe(true);
    }
  });

  test('a group Object ID, labelled, assigns the group; a wrong one is an error linked to the field', async () => {
    const user = userEvent.setup();
    renderSection();
    const input = screen.getByLabelText(/Group to assign to the app \(Object ID, optional\)/);
    expect(input.getAttribute('aria-invalid')).toBeNull();
    const hintId = input.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(hintId)?.textContent).toMatch(/P1 or P2/);
    expect(assignItem().querySelector('pre code')?.textContent).toMatch(/^# No group given/);

    await user.type(input, 'dbt users');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ');
    expect(described).toContain(hintId);
    const error = described.map((id) => document.getElementById(id)).find((el) => el?.textContent?.includes('Error:'));
    expect(error?.textContent).toMatch(/group Object ID is 32 hexadecimal digits/);
    // Not a GUID: the script assigns no group.
    expect(region().textContent).not.toContain('appRoleAssignedTo');

    await user.clear(input);
    await user.type(input, GROUP.toUpperCase());
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(input.getAttribute('aria-describedby')).toBe(hintId);
    const text = assignItem().textContent ?? '';
    expect(text).toContain(`"principalId": "${GROUP}"`);
    expect(text).toContain('/appRoleAssignedTo');
  });

  test.each([
    ['single', /primary domain/, false],
    ['multi', /Microsoft Entra ID Domain is organizations/, true],
    ['multi-personal', /Microsoft Entra ID Domain is common/, true],
    ['personal', /Microsoft Entra ID Domain is consumers/, false],
  ] as const)('account type %s: its notes', async (accountType, domain, consent) => {
    const store = renderSection();
    store.getState().updateSetup({ accountType });
    const text = (await screen.findByRole('region', { name: /Command-line path/ })).textContent ?? '';
    expect(text).toMatch(domain);
    expect(text.includes('https://login.microsoftonline.com/<tenant-id>/adminconsent?client_id=<client-id>')).toBe(consent);
  });
});
