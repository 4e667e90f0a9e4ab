import { accessibleName, cleanText, isVisible, labelsOf, normText } from '@/utils/portal/dom';
import type { DbtLocatorName } from '@/utils/portal/names';
import { safe, type Locator } from '@/utils/portal/guard';

/**
 * dbt's words on its SSO form and the way there, from dbt's current document ("Set up SSO with
 * Microsoft Entra ID", "Supplying credentials"): account name > Account settings > SSO & SCIM >
 * Get started (or Edit); Log in with, Client ID, Client Secret, Tenant ID, Microsoft Entra ID
 * Domain; Save. Controls are found by their labels and roles, never by class names.
 */
export const DBT_LABELS = {
  accountSettings: 'Account settings',
  ssoScim: 'SSO & SCIM',
  getStarted: 'Get started',
  edit: 'Edit',
  loginWith: 'Log in with',
  clientId: 'Client ID',
  clientSecret: 'Client Secret',
  tenantId: 'Tenant ID',
  domain: 'Microsoft Entra ID Domain',
  callbackUri: 'Callback URI',
  save: 'Save',
  loginUrl: 'Login URL',
  /** The form's name: the fields count only inside it. */
  form: 'Single sign-on',
} as const;

const all = (root: ParentNode, sel: string): Element[] => Array.from(root.querySelectorAll(sel));
const same = (a: string, b: string) => normText(a) === normText(b);
const firstShown = (list: Element[]): Element | null => list.find(isVisible) ?? list[0] ?? null;

/** The SSO form: a form named "Single sign-on", or the one form that holds a "Client ID" field. */
export function ssoForm(doc: Document): Element | null {
  const named = all(doc, 'form').filter((f) => same(accessibleName(f), DBT_LABELS.form));
  if (named.length) return firstShown(named);
  const withClientId = all(doc, 'form').filter((f) => fieldIn(f, DBT_LABELS.clientId, 'input') !== null);
  return withClientId.length === 1 ? (withClientId[0] ?? null) : null;
}

/** The field of `sel` in `root` whose label is exactly `label`. */
function fieldIn(root: ParentNode, label: string, sel: string): Element | null {
  return firstShown(all(root, sel).filter((el) => labelsOf(el).some((l) => same(l, label))));
}

const formField = (doc: Document, label: string, sel: string): Element | null => {
  const form = ssoForm(doc);
  return form ? fieldIn(form, label, sel) : null;
};

const TEXT = 'input:not([type]), input[type="text"], input[type="url"]';

function control(doc: ParentNode, sel: string, ...names: string[]): Element | null {
  return firstShown(all(doc, sel).filter((el) => names.some((n) => same(accessibleName(el), n))));
}


export const dbtLocators: Record<DbtLocatorName, Locator> = {
  // The left menu's account button (a menu button in the side bar or navigation; its menu holds
  // "Account settings"). Which menu button it is on dbt's real page is assumed, not documented.
  dbtAccountMenuButton: safe((doc) =>
    firstShown(all(doc, ':is(aside, nav, [role="navigation"]) :is(button, [role="button"])[aria-haspopup]')),
  ),
  dbtAccountSettingsLink: safe((doc) => control(doc, 'a[href], [role="menuitem"]', DBT_LABELS.accountSettings)),
  dbtSsoScimLink: safe((doc) => control(doc, 'a[href], [role="tab"], [role="menuitem"]', DBT_LABELS.ssoScim)),
  // "Get started" before SSO is configured, "Edit" after: in the "Single sign-on" section (or the
  // page's main region), while the form is not open.
  dbtSsoStartButton: safe((doc) => {
    const form = ssoForm(doc);
    if (form && isVisible(form)) return null;
    const section = firstShown(all(doc, 'section, [role="region"]').filter((s) => same(accessibleName(s), DBT_LABELS.form)));
    const scope = section ?? doc.querySelector('main');
    return scope ? control(scope, 'button, [role="button"], a[href]', DBT_LABELS.getStarted, DBT_LABELS.edit) : null;
  }),
  dbtLoginWithSelect: safe((doc) => formField(doc, DBT_LABELS.loginWith, 'select, [role="combobox"]')),
  dbtClientIdInput: safe((doc) => formField(doc, DBT_LABELS.clientId, TEXT)),
  // Only a password field of the SSO form labelled exactly "Client Secret": the one place the
  // secret may go.
  dbtClientSecretInput: safe((doc) => formField(doc, DBT_LABELS.clientSecret, 'input[type="password"]')),
  dbtTenantIdInput: safe((doc) => formField(doc, DBT_LABELS.tenantId, TEXT)),
  dbtDomainInput: safe((doc) => formField(doc, DBT_LABELS.domain, TEXT)),
  dbtSaveButton: safe((doc) => {
    const form = ssoForm(doc);
    return form ? control(form, 'button, input[type="submit"]', DBT_LABELS.save) : null;
  }),
  // The saved configuration's login URL (the test sign-in starts there).
  dbtLoginUrl: safe((doc) => {
    const term = all(doc, 'dt').find((dt) => same(dt.textContent ?? '', DBT_LABELS.loginUrl));
    const dd = term?.nextElementSibling;
    return dd && dd.tagName === 'DD' ? (dd.querySelector('a, code') ?? dd) : null;
  }),
};

/** The text of a definition list's value for a term ("Client ID" → its dd). */
export function summaryValue(doc: Document, term: string): string {
  const dt = all(doc, 'dt').find((d) => same(d.textContent ?? '', term));
  const dd = dt?.nextElementSibling;
  return dd && dd.tagName === 'DD' ? cleanText(dd.textContent) : '';
}
