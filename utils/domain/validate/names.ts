import { PORTAL_VALUES, ACCOUNT_TYPES, type AccountType } from '@/utils/domain/setup';
import { type Finding, type ValidationContext, collapse, finding, presence, readContext } from '@/utils/domain/validate/common';

/**
 * The values chosen on the register form: the app's name, the supported account type, the
 * platform (Web).
 */

export function validateAppName(value: string, _ctx: ValidationContext = {}): Finding[] {
  const field = 'appName';
  const { text, findings } = presence(field, value, 'warning');
  if (text === null) return findings;
  if (text !== PORTAL_VALUES.appName) {
    findings.push(
      finding(
        field,
        'app-name-not-dbt-cloud',
        'warning',
        `The guide names the app "${PORTAL_VALUES.appName}" so that colleagues and dbt support recognise it. Any name works; keep yours if it follows your own naming rules.`,
      ),
    );
  }
  return findings;
}


/**
 * The account type an app accepts, from any of the ways the portal words it: the register form's
 * radio labels, the Overview's "Supported account types" ("My organization only", "Multiple
 * organizations", "All Microsoft account users", "Personal Microsoft accounts only") and the
 * manifest's signInAudience. Null when not recognised.
 */
export function accountTypeOf(value: string): AccountType | null {
  const t = collapse(value);
  const compact = t.replace(/[\s-]/g, '');
  // The register form's label begins so; the tenant name inside it could contain anything.
  if (t.startsWith('accounts in this organizational directory only') || compact === 'azureadmyorg') return 'single';
  if (t.startsWith('personal microsoft accounts only') || compact === 'personalmicrosoftaccount') return 'personal';
  if (
    (t.startsWith('accounts in any organizational directory') && t.includes('personal microsoft account')) ||
    t === 'all microsoft account users' ||
    compact === 'azureadandpersonalmicrosoftaccount'
  ) {
    return 'multi-personal';
  }
  if (
    t.startsWith('accounts in any organizational directory') ||
    // dbt's table words the multi-tenant choice so.
    t.startsWith('accounts in organizational directories') ||
    t === 'multiple organizations' ||
    compact === 'azureadmultipleorgs' ||
    (compact.includes('multitenant') && !t.includes('personal'))
  ) {
    return 'multi';
  }
  if (compact.includes('singletenant') || t === 'my organization only' || t.includes('this organizational directory only')) {
    return 'single';
  }
  return null;
}

export function validateAccountType(value: string, ctx: ValidationContext = {}): Finding[] {
  const field = 'accountType';
  const context = readContext(ctx);
  const { text, findings } = presence(field, value, null);
  if (text === null) return findings;
  const shown = accountTypeOf(text);
  // Single tenant is dbt's recommendation and the default; a setup may choose another on purpose.
  const wanted: AccountType = context.setup?.accountType ?? 'single';
  const want = ACCOUNT_TYPES[wanted];
  const where = 'Authentication > Supported account types (if the portal refuses the change, register the app again with the right choice)';
  if (shown === null) {
    findings.push(
      finding(field, 'account-type-unknown', 'warning', `This account type was not recognised. The app should accept "${want.radio}".`),
    );
    return findings;
  }
  if (shown === wanted) return findings;
  const got = ACCOUNT_TYPES[shown];
  if (context.setup) {
    findings.push(
      finding(
        field,
        'account-type-mismatch',
        'error',
        `The app accepts "${got.label}", but your setup says "${want.label}", and dbt's "Log in with" and "Microsoft Entra ID Domain" follow from it. Change the app (${where}) or the setup, so that both agree.`,
      ),
    );
    return findings;
  }
  findings.push(
    finding(
      field,
      shown === 'multi' ? 'account-type-multi-tenant' : 'account-type-personal',
      'warning',
      `The app accepts "${got.label}". dbt recommends single tenant, so that only your directory signs in through this app: "${ACCOUNT_TYPES.single.radio}" under ${where}.`,
    ),
  );
  return findings;
}

export function validatePlatform(value: string, _ctx: ValidationContext = {}): Finding[] {
  const field = 'platform';
  const { text, findings } = presence(field, value, null);
  if (text === null) return findings;
  const t = collapse(text);
  if (t === 'web') return findings;
  if (t.includes('single-page') || t.includes('single page') || /\bspa\b/.test(t)) {
    findings.push(
      finding(
        field,
        'platform-spa',
        'error',
        'The platform is "Single-page application", which is for apps that sign in inside the browser. dbt signs in on its server with a client secret, which needs the platform "Web": add the URI under Web (Authentication > + Add a platform > Web) and remove it from the SPA platform.',
      ),
    );
  } else if (/public client|native|mobile|desktop|\bios\b|macos|android/.test(t)) {
    findings.push(
      finding(
        field,
        'platform-public-client',
        'error',
        'The platform is "Public client/native (mobile & desktop)", which is for apps without a client secret. dbt needs the platform "Web": add the URI under Web (Authentication > + Add a platform > Web) and remove it from the mobile and desktop platform.',
      ),
    );
  } else {
    findings.push(
      finding(field, 'platform-unknown', 'warning', 'This platform was not recognised. The redirect URI must be registered under the platform "Web".'),
    );
  }
  return findings;
}
