import { describe, expect, test } from 'vitest';
import { steps } from '@/steps';
import { resolveTargets } from '@/utils/guide/resolve';
import { DEFAULT_SETUP, type Setup } from '@/utils/domain/setup';

const step = (id: string) => {
  const s = steps.find((x) => x.id === id);
  if (!s) throw new Error(id);
  return s;
};

describe('resolveTargets', () => {
  test('register-app offers the name, single tenant, Web and the profile\'s redirect URI', () => {
    const setup: Setup = { ...DEFAULT_SETUP, profile: 'support', deploymentId: 'acme' };
    const targets = resolveTargets(step('register-app'), setup);
    expect(targets.map((t) => [t.locator, t.value])).toEqual([
      ['appNameInput', 'dbt Cloud'],
      ['accountTypeRadio', 'Accounts in this organizational directory only'],
      ['redirectPlatformDropdown', 'Web'],
      ['redirectUriInput', 'https://auth.getdbt.com/login/callback?connection=acme'],
      ['registerButton', undefined],
    ]);
  });

  test.each([
    [{ ...DEFAULT_SETUP, profile: 'support' as const }, ['User.Read', 'GroupMember.Read.All']],
    [DEFAULT_SETUP, ['User.Read', 'GroupMember.Read.All']],
    [{ ...DEFAULT_SETUP, includeDirectoryRead: true }, ['User.Read', 'GroupMember.Read.All', 'Directory.Read.All']],
  ])('permission checkboxes follow the profile', (setup, names) => {
    const targets = resolveTargets(step('add-api-permissions'), setup).filter((t) => t.locator === 'permissionCheckbox');
    expect(targets.map((t) => t.arg)).toEqual(names);
  });

  test.each([
    ['multi', 'Accounts in any organizational directory'],
    ['multi-personal', 'Accounts in any organizational directory … and personal Microsoft accounts'],
    ['personal', 'Personal Microsoft accounts only'],
  ] as const)('the account type radio follows the setup (%s), as the locator\'s argument', (accountType, words) => {
    const target = resolveTargets(step('register-app'), { ...DEFAULT_SETUP, accountType }).find((t) => t.locator === 'accountTypeRadio');
    expect(target).toMatchObject({ action: 'choose', value: words, arg: words });
  });

  test('"Assignment required?" is set to Yes', () => {
    const target = resolveTargets(step('require-assignment'), DEFAULT_SETUP).find((t) => t.locator === 'assignmentRequiredToggle');
    expect(target).toMatchObject({ action: 'choose', value: 'Yes', arg: 'Yes' });
  });

  test('an incomplete setup leaves the redirect URI out instead of inventing one', () => {
    const target = resolveTargets(step('register-app'), { ...DEFAULT_SETUP, region: 'custom' }).find(
      (t) => t.locator === 'redirectUriInput',
    );
    expect(target?.value).toBeUndefined();
  });

  test('the secret expiry offered is the longest the portal allows', () => {
    const target = resolveTargets(step('create-client-secret'), DEFAULT_SETUP).find((t) => t.locator === 'secretExpiryDropdown');
    expect(target?.value).toBe('730 days (24 months)');
  });
});
