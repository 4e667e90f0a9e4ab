import { cleanText } from '@/utils/portal/dom';
import { DBT_LABELS, dbtLocators, ssoForm, summaryValue } from '@/utils/dbt/locators';
import type { DbtReaderName } from '@/utils/portal/names';
import { guard } from '@/utils/portal/guard';

/**
 * What dbt's SSO & SCIM page shows. Never the Client Secret: only whether its field holds
 * something. Null when the page shows neither the form nor a saved configuration.
 */
export interface DbtSsoReading {
  /** The form is open. */
  form: boolean;
  /** The form's values, as typed so far. */
  loginWith: string;
  callbackUri: string;
  clientId: string;
  tenantId: string;
  domain: string;
  /** The Client Secret field holds a value (never which). */
  secretFilled: boolean;
  /** The saved configuration's summary ("" when none is shown). */
  saved: { loginWith: string; clientId: string; tenantId: string; domain: string; loginUrl: string } | null;
}

const valueOf = (el: Element | null): string => cleanText((el as HTMLInputElement | null)?.value ?? '');
const selected = (el: Element | null): string =>
  el?.tagName === 'SELECT' ? cleanText((el as HTMLSelectElement).selectedOptions[0]?.text) : cleanText(el?.textContent);

function dbtSso(doc: Document): DbtSsoReading | null {
  const form = ssoForm(doc);
  const callback = form ? Array.from(form.querySelectorAll('input')).find((i) => (i.labels ? Array.from(i.labels) : []).some((l) => cleanText(l.textContent) === DBT_LABELS.callbackUri)) : undefined;
  const loginUrl = cleanText(dbtLocators.dbtLoginUrl.find(doc)?.textContent);
  const saved = loginUrl || summaryValue(doc, DBT_LABELS.clientId)
    ? {
        loginWith: summaryValue(doc, DBT_LABELS.loginWith),
        clientId: summaryValue(doc, DBT_LABELS.clientId),
        tenantId: summaryValue(doc, DBT_LABELS.tenantId),
        domain: summaryValue(doc, DBT_LABELS.domain),
        loginUrl,
      }
    : null;
  if (!form && !saved) return null;
  return {
    form: form !== null,
    loginWith: selected(dbtLocators.dbtLoginWithSelect.find(doc)),
    callbackUri: valueOf(callback ?? null),
    clientId: valueOf(dbtLocators.dbtClientIdInput.find(doc)),
    tenantId: valueOf(dbtLocators.dbtTenantIdInput.find(doc)),
    domain: valueOf(dbtLocators.dbtDomainInput.find(doc)),
    secretFilled: valueOf(dbtLocators.dbtClientSecretInput.find(doc)) !== '',
    saved,
  };
}


export const dbtReaders: { [K in DbtReaderName]: (doc: Document) => DbtSsoReading | null } = {
  dbtSso: guard(dbtSso),
};
