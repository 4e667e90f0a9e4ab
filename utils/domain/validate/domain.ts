import { ACCOUNT_TYPES } from '@/utils/domain/setup';
import { type Finding, GUID, type ValidationContext, finding, presence, readContext } from '@/utils/domain/validate/common';
import { parseUrl } from '@/utils/domain/validate/redirect-uri';

/**
 * The directory domain dbt asks for: a primary domain, or organizations/common/consumers for a
 * multi-tenant app.
 */

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const TOP_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;

function isHostname(value: string): boolean {
  if (value.length > 253) return false;
  const labels = value.split('.');
  const top = labels[labels.length - 1];
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && top !== undefined && TOP_LABEL.test(top);
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The domain with the usual paste mistakes removed (an e-mail address's part after "@", a URL's
 * host, trailing dots, surrounding spaces), in lower case; null when no domain can be made of it.
 */
export function normalizeDomain(value: string): string | null {
  if (typeof value !== 'string') return null;
  let text = value.trim().replace(/^mailto:/i, '');
  const at = text.lastIndexOf('@');
  if (at >= 0) text = text.slice(at + 1);
  if (SCHEME.test(text)) {
    text = parseUrl(text)?.hostname ?? '';
  } else {
    text = (text.split(/[/?#]/, 1)[0] ?? '').replace(/:\d*$/, '');
  }
  text = text.replace(/\.+$/, '').toLowerCase();
  return isHostname(text) ? text : null;
}

export function validateDomain(value: string, ctx: ValidationContext = {}): Finding[] {
  const field = 'domain';
  const context = readContext(ctx);
  const { text: trimmed, findings } = presence(field, value, 'error');
  if (trimmed === null) return findings;
  const suggestion = normalizeDomain(trimmed);
  const use = suggestion === null ? '' : `: ${suggestion}`;
  const add = (code: string, message: string): void => {
    findings.push(finding(field, code, 'error', message));
  };

  const authorities = Object.values(ACCOUNT_TYPES).map((t) => t.authority).filter((a) => a !== null);
  const authority = context.setup ? ACCOUNT_TYPES[context.setup.accountType].authority : null;
  const given = trimmed.toLowerCase();
  if (authority !== null) {
    // A multi-tenant app: dbt's "Microsoft Entra ID Domain" is the account type's authority string.
    if (given !== authority) {
      add(
        'domain-not-authority',
        `For an app that accepts "${ACCOUNT_TYPES[context.setup?.accountType ?? 'multi'].label}", dbt's Microsoft Entra ID Domain is "${authority}", not a domain name. Enter ${authority}.`,
      );
    } else if (trimmed !== authority) {
      findings.push(finding(field, 'domain-authority-case', 'warning', `dbt expects "${authority}" in lower case.`));
    }
    return findings;
  }
  if ((authorities as string[]).includes(given)) {
    add(
      'domain-is-authority',
      `"${given}" is the value for multi-tenant apps. Your setup is single tenant: enter the directory's primary domain, for example contoso.onmicrosoft.com.`,
    );
    return findings;
  }

  if (trimmed.includes('@')) {
    add('domain-email', `That is an e-mail address. dbt wants only the domain, the part after "@"${use}.`);
    return findings;
  }
  if (SCHEME.test(trimmed) || /[/?#]/.test(trimmed) || /:\d*$/.test(trimmed)) {
    add('domain-url', `That is an address (URL). dbt wants only the domain name, without "https://", a port or a path${use}.`);
    return findings;
  }
  if (GUID.test(trimmed)) {
    add('domain-is-tenant-id', 'That is an ID, not a domain. Enter the primary domain from the Microsoft Entra ID overview, for example contoso.onmicrosoft.com.');
    return findings;
  }
  let text = trimmed;
  if (text.endsWith('.')) {
    add('domain-trailing-dot', `The domain ends with a dot. Remove it${use}.`);
    text = text.replace(/\.+$/, '');
  }
  if (!isHostname(text)) {
    add(
      'domain-syntax',
      'This is not a domain name: letters, digits and "-" in parts separated by dots, like contoso.onmicrosoft.com. Copy the primary domain from the Microsoft Entra ID overview.',
    );
    return findings;
  }
  const primary = context.primaryDomain === undefined ? null : normalizeDomain(context.primaryDomain);
  if (primary !== null && primary !== text.toLowerCase()) {
    findings.push(
      finding(
        field,
        'domain-not-primary',
        'warning',
        `dbt wants the primary domain, and the Microsoft Entra ID overview shows ${primary}. Use it unless dbt asked for another of your verified domains.`,
      ),
    );
  }
  return findings;
}
