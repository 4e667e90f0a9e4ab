/**
 * dbt's own pages: pure functions of the top frame's URL, like the portal's (utils/portal/routes.ts).
 *
 * dbt's access URLs (docs.getdbt.com, "Access, Regions, & IP addresses"): cloud.getdbt.com,
 * emea.dbt.com, au.dbt.com, and the cell-based `<prefix>.<cell>.dbt.com` (e.g. ab123.us1.dbt.com).
 * Settings pages live under `/settings/accounts/<account id>/`; the SSO & SCIM page's own path is
 * not documented: `/settings/accounts/<id>/pages/sso` is what the guide assumes (the panel falls
 * back to "Account settings > SSO & SCIM" by the page's words on any other path).
 *
 * Loaded by the content scripts: no dependencies, no DOM.
 */
// Relative: wxt.config.ts loads this file before the @/ alias exists.
import { toUrl } from '../portal/url';

/**
 * The optional host permissions (manifest `optional_host_permissions`): nothing of dbt at install;
 * the admin grants the host of their own access URL when the guide reaches dbt's form.
 */
export const DBT_HOST_PERMISSIONS = ['https://cloud.getdbt.com/*', 'https://*.dbt.com/*'] as const;

const FIXED_HOSTS = ['cloud.getdbt.com', 'emea.dbt.com', 'au.dbt.com'];
/** `<prefix>.<cell>.dbt.com`; dbt's Auth0 hosts (`auth.<region>.dbt.com`) are not access URLs. */
const CELL_HOST = /^(?!auth\.)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.dbt\.com$/;

export function isDbtAccessHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return FIXED_HOSTS.includes(host) || CELL_HOST.test(host);
}

/** The https origin of a dbt access URL (path, query and port refused), or null. */
export function dbtAccessOrigin(url: string | URL): string | null {
  const parsed = toUrl(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.port !== '' || parsed.username || parsed.password) return null;
  return isDbtAccessHost(parsed.hostname) ? parsed.origin : null;
}

/** The host permission pattern that covers one access URL's origin. */
export const dbtPermissionFor = (origin: string): string => `${origin}/*`;

const SSO_PATH = /^\/settings\/accounts\/(\d{1,20})\/pages\/sso\/?$/i;
const SETTINGS_PATH = /^\/settings\/accounts\/(\d{1,20})(?:\/.*)?$/i;

const onDbt = (url: string | URL | undefined, test: (path: string) => boolean): boolean => {
  const parsed = toUrl(url ?? location.href);
  return parsed !== null && dbtAccessOrigin(parsed.origin) !== null && test(parsed.pathname);
};

/** Account settings > SSO & SCIM (the path is assumed, see above). */
export const isDbtSsoSettings = (url?: string | URL) => onDbt(url, (p) => SSO_PATH.test(p));
/** Any other page of Account settings (where "SSO & SCIM" is in the settings menu). */
export const isDbtAccountSettings = (url?: string | URL) => onDbt(url, (p) => SETTINGS_PATH.test(p) && !SSO_PATH.test(p));
/** Any other page of the dbt app (the account menu leads to Account settings). */
export const isDbtApp = (url?: string | URL) => onDbt(url, (p) => !SETTINGS_PATH.test(p) && !p.startsWith('/enterprise-login/'));

/** The account id of a settings page. */
export function dbtAccountId(url: string | URL): string | null {
  const parsed = toUrl(url);
  if (!parsed || dbtAccessOrigin(parsed.origin) === null) return null;
  return SETTINGS_PATH.exec(parsed.pathname)?.[1] ?? null;
}

/** The SSO & SCIM page of an account on an access URL; null when either is not valid. */
export function dbtSsoUrl(origin: string, accountId: string): string | null {
  const base = dbtAccessOrigin(origin);
  return base && /^\d{1,20}$/.test(accountId) ? `${base}/settings/accounts/${accountId}/pages/sso` : null;
}

/** dbt's enterprise login URL: `https://<access URL>/enterprise-login/<slug>` (slug: letters, digits, dashes). */
export function isDbtLoginUrl(url: string): boolean {
  const parsed = toUrl(url);
  return parsed !== null && dbtAccessOrigin(parsed.origin) !== null && /^\/enterprise-login\/[A-Za-z0-9-]{1,100}\/?$/.test(parsed.pathname) && parsed.search === '' && parsed.hash === '';
}

export const dbtExamples = {
  isDbtSsoSettings: [
    'https://cloud.getdbt.com/settings/accounts/70403103918/pages/sso',
    'https://emea.dbt.com/settings/accounts/1/pages/sso/',
    'https://au.dbt.com/settings/accounts/12345/pages/SSO',
    'https://ab123.us1.dbt.com/settings/accounts/70403103918/pages/sso?tab=sso',
  ],
  isDbtAccountSettings: [
    'https://cloud.getdbt.com/settings/accounts/70403103918',
    'https://cloud.getdbt.com/settings/accounts/70403103918/',
    'https://emea.dbt.com/settings/accounts/1/pages/users',
    'https://ab123.us1.dbt.com/settings/accounts/70403103918/pages/account',
  ],
  isDbtApp: [
    'https://cloud.getdbt.com/',
    'https://cloud.getdbt.com/deploy/70403103918/projects/1/jobs',
    'https://emea.dbt.com/develop/26/projects/7',
    'https://ab123.us1.dbt.com/',
  ],
} as const;
