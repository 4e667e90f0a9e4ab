import { beforeEach, describe, expect, test } from 'vitest';
import { DBT_LOCATOR_NAMES, type DbtLocatorName } from '@/utils/portal/names';
import { dbtLocators } from '@/utils/dbt/locators';
import { dbtReaders } from '@/utils/dbt/readers';
import { DBT_FIXTURES, FIXTURES, html, layout, load } from '../portal/fixtures';

/**
 * What each of dbt's pages (replica snapshots) shows of the guide's controls: the element's id or
 * words. The account menu's "Account settings" is found while the menu is closed (hidden): the
 * agent reports it not visible, and the menu button is what the guide rings then.
 */
const EXPECTED: Record<string, Partial<Record<DbtLocatorName, string>>> = {
  'dbt-account-settings': { dbtAccountMenuButton: 'Acme Analytics', dbtAccountSettingsLink: 'Account settings', dbtSsoScimLink: 'SSO & SCIM' },
  'dbt-sso-start': { dbtAccountMenuButton: 'Acme Analytics', dbtAccountSettingsLink: 'Account settings', dbtSsoScimLink: 'SSO & SCIM', dbtSsoStartButton: 'Get started' },
  'dbt-sso-form': {
    dbtAccountMenuButton: 'Acme Analytics', dbtAccountSettingsLink: 'Account settings',
    dbtSsoScimLink: 'SSO & SCIM',
    dbtLoginWithSelect: '#dbt-sso-login-with',
    dbtClientIdInput: '#dbt-sso-client-id',
    dbtClientSecretInput: '#dbt-sso-client-secret',
    dbtTenantIdInput: '#dbt-sso-tenant-id',
    dbtDomainInput: '#dbt-sso-domain',
    dbtSaveButton: 'Save',
  },
  'dbt-sso-form-multi': {
    dbtAccountMenuButton: 'Acme Analytics', dbtAccountSettingsLink: 'Account settings',
    dbtSsoScimLink: 'SSO & SCIM',
    dbtLoginWithSelect: '#dbt-sso-login-with',
    dbtClientIdInput: '#dbt-sso-client-id',
    dbtClientSecretInput: '#dbt-sso-client-secret',
    dbtDomainInput: '#dbt-sso-domain',
    dbtSaveButton: 'Save',
  },
  'dbt-sso-saved': { dbtAccountMenuButton: 'Acme Analytics', dbtAccountSettingsLink: 'Account settings', dbtSsoScimLink: 'SSO & SCIM', dbtSsoStartButton: 'Edit', dbtLoginUrl: 'https://cloud.getdbt.com/enterprise-login/' },
};

const describeEl = (el: Element | null): string | null => {
  if (!el) return null;
  if (el.id) return `#${el.id}`;
  const shown = el.cloneNode(true) as Element;
  for (const hidden of Array.from(shown.querySelectorAll('[aria-hidden="true"]'))) hidden.remove();
  return (shown.textContent ?? '').replace(/\s+/g, ' ').trim();
};

describe.each(DBT_FIXTURES)("dbt's page %s", (fixture) => {
  beforeEach(() => {
    load(fixture);
    layout();
  });

  test.each(DBT_LOCATOR_NAMES)('%s', (name) => {
    const want = EXPECTED[fixture]?.[name] ?? null;
    const got = describeEl(dbtLocators[name].find(document));
    if (want === null) expect(got).toBeNull();
    else expect(got?.startsWith(want) ? want : got).toBe(want);
  });
});

test('every page of dbt has its expectations', () => {
  expect(Object.keys(EXPECTED).sort()).toEqual([...DBT_FIXTURES].sort());
});

describe("dbt's locators on the portal's pages", () => {
  test.each(FIXTURES)('none finds anything on %s', (fixture) => {
    load(fixture);
    layout();
    expect(DBT_LOCATOR_NAMES.filter((name) => dbtLocators[name].find(document) !== null)).toEqual([]);
    expect(dbtReaders.dbtSso(document)).toBeNull();
  });
});

describe('the Client Secret field', () => {
  test('only a password field labelled exactly "Client Secret" inside the SSO form', () => {
    html(`
      <input type="password" aria-label="Client Secret">
      <form aria-label="Search"><label for="a">Client Secret</label><input id="a" type="password"></form>
      <form aria-label="Single sign-on">
        <label for="b">Client Secret (old)</label><input id="b" type="password">
        <label for="c">Client Secret</label><input id="c" type="text">
        <label for="d">Client ID</label><input id="d" type="text">
      </form>`);
    layout();
    expect(dbtLocators.dbtClientSecretInput.find(document)).toBeNull();
    html(`<form aria-label="Single sign-on"><label for="e">Client Secret</label><input id="e" type="password"></form>`);
    layout();
    expect(dbtLocators.dbtClientSecretInput.find(document)?.id).toBe('e');
  });
});

describe("dbt's reader", () => {
  test('the open form: its values and the Callback URI, never the secret', () => {
    load('dbt-sso-form');
    layout();
    const secret = document.querySelector<HTMLInputElement>('#dbt-sso-client-secret');
    if (secret) secret.value = 'k8Q~not-to-be-read-0123456789abcdefghijk';
    const read = dbtReaders.dbtSso(document);
    expect(read).toMatchObject({ form: true, loginWith: 'Microsoft Entra ID Single Tenant', callbackUri: 'https://auth.cloud.getdbt.com/login/callback', secretFilled: true, saved: null });
    expect(JSON.stringify(read)).not.toContain('not-to-be-read');
  });

  test('the saved configuration: the values and the login URL', () => {
    load('dbt-sso-saved');
    layout();
    const read = dbtReaders.dbtSso(document);
    expect(read?.form).toBe(false);
    expect(read?.saved?.loginUrl).toMatch(/^https:\/\/cloud\.getdbt\.com\/enterprise-login\/[a-z0-9-]+$/);
    expect(read?.saved?.loginWith).toMatch(/^Microsoft Entra ID (Single|Multi) Tenant$/);
  });

  test('a broken document is null, not an exception', () => {
    const broken = { querySelectorAll: () => { throw new Error('no'); } } as unknown as Document;
    expect(dbtReaders.dbtSso(broken)).toBeNull();
    for (const name of DBT_LOCATOR_NAMES) expect(dbtLocators[name].find(broken)).toBeNull();
  });
});
