/**
 * Page detection on the Azure portal and the Entra admin center: pure functions of the top frame's
 * URL (shared/reference/azure-portal.md, sections 1 and 2). Each detector has its example URLs
 * beside it; a test checks that every detector accepts its own examples and rejects all others'.
 *
 * Loaded by the content script inside the portal: no dependencies, no DOM.
 */
import { PORTAL_TOP_MATCHES } from '@/utils/portal/hosts';
import { DETECTOR_NAMES, PORTAL_DETECTOR_NAMES } from '@/utils/portal/route-names';
import type { DetectorName, PortalDetectorName } from '@/utils/portal/route-names';
import { toUrl } from '@/utils/portal/url';
import { dbtAccountId, dbtExamples, dbtSsoUrl, isDbtAccountSettings, isDbtApp, isDbtSsoSettings } from '@/utils/dbt/routes';

// Hosts

// Derived from the content-script matches so that the guide detects pages exactly where it runs.
// The blade iframes on *.portal.azure.net are not among them: their URLs carry no route.
const HOST_PATTERNS = PORTAL_TOP_MATCHES.map((match) => match.split('/')[2] ?? '');

export function isPortalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return HOST_PATTERNS.some((pattern) =>
    pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern,
  );
}

const isEntraHost = (hostname: string) => hostname.toLowerCase().replace(/\.$/, '') === 'entra.microsoft.com';

// Route grammar

export interface PortalRoute {
  form: 'view' | 'blade';
  tenant?: string;
  extension: string;
  blade: string;
  menuItem?: string;
  /** Parameter values by lowercased name; the first occurrence wins. */
  params: Record<string, string>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string | null | undefined): value is string {
  return typeof value === 'string' && GUID.test(value);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// `name~/value` carries a JSON value: keep its text, unquoting a JSON string.
function jsonText(value: string): string {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
}

/**
 * Reads `#[@<tenant>/]view/<Extension>/<Blade>[/~/<MenuItem>][/<param>[~]/<value>]*` and the older
 * `#[@<tenant>/]blade/<Extension>/<Blade>[/<MenuItem>]/<param>/<value>...`. Null for anything else,
 * and for URLs off the portal hosts.
 */
export function parseRoute(url: string | URL): PortalRoute | null {
  const parsed = toUrl(url);
  if (!parsed || parsed.protocol !== 'https:' || !isPortalHost(parsed.hostname)) return null;
  // Split before decoding, so that an encoded `/` stays inside its segment.
  const segments = parsed.hash.replace(/^#/, '').split('/').map(decode);

  let i = 0;
  let tenant: string | undefined;
  if (segments[0]?.startsWith('@')) {
    tenant = segments[0].slice(1) || undefined;
    i = 1;
  }
  const form = segments[i]?.toLowerCase();
  const extension = segments[i + 1];
  const blade = segments[i + 2];
  if ((form !== 'view' && form !== 'blade') || !extension || !blade) return null;
  i += 3;

  let menuItem: string | undefined;
  // The older form names a menu blade's item right after the blade, with no `~` before it.
  if (form === 'blade' && /menublade$/i.test(blade) && i < segments.length && segments[i] !== '~') {
    menuItem = segments[i] || undefined;
    i += 1;
  }

  const params: Record<string, string> = Object.create(null);
  while (i < segments.length) {
    const name = segments[i] ?? '';
    if (name === '') {
      // A stray or trailing slash; empty values are consumed with their name below.
      i += 1;
      continue;
    }
    const value = segments[i + 1] ?? '';
    i += 2;
    if (name === '~') {
      menuItem ??= value || undefined;
      continue;
    }
    const typed = name.endsWith('~');
    const key = (typed ? name.slice(0, -1) : name).toLowerCase();
    if (key !== '' && !(key in params)) params[key] = typed ? jsonText(value) : value;
  }

  return {
    form,
    ...(tenant === undefined ? {} : { tenant }),
    extension,
    blade,
    ...(menuItem === undefined ? {} : { menuItem }),
    params,
  };
}

export function appIdFromRoute(url: string | URL): string | null {
  const appId = parseRoute(url)?.params.appid;
  return isGuid(appId) ? appId.toLowerCase() : null;
}

// Detectors

type Detector = (url?: string | URL) => boolean;

const REGISTERED_APPS = 'Microsoft_AAD_RegisteredApps';
const IAM = 'Microsoft_AAD_IAM';

function detector(matches: (route: PortalRoute) => boolean): Detector {
  return (url = location.href) => {
    const route = parseRoute(url);
    return route !== null && matches(route);
  };
}

const isBlade = (route: PortalRoute, extension: string, blade: string) =>
  route.extension.toLowerCase() === extension.toLowerCase() && route.blade.toLowerCase() === blade.toLowerCase();

const isMenuItem = (route: PortalRoute, item: string, isDefault = false) =>
  (route.menuItem?.toLowerCase() ?? (isDefault ? item.toLowerCase() : undefined)) === item.toLowerCase();

const APP_MENU_ITEMS = {
  isAppOverview: 'Overview',
  isAppAuthentication: 'Authentication',
  isAppApiPermissions: 'CallAnAPI',
  isAppCredentials: 'Credentials',
} as const satisfies Partial<Record<DetectorName, string>>;
type AppPage = keyof typeof APP_MENU_ITEMS;

// An app page needs the app it shows: without a valid appId the portal opens nothing useful.
const appPage = (page: AppPage) =>
  detector(
    (route) =>
      isBlade(route, REGISTERED_APPS, 'ApplicationMenuBlade') &&
      isMenuItem(route, APP_MENU_ITEMS[page], page === 'isAppOverview') &&
      isGuid(route.params.appid),
  );

// Example URLs use these two IDs: an Application (client) ID and an Object ID.
const APP = '6731de76-14a6-49ae-97bc-6eba6914391e';
const OBJ = 'a1b2c3d4-0000-4e5f-8a9b-0123456789ab';
const APP_UPPER = APP.toUpperCase();

/** App registrations, on its own or inside the Entra ID menu (portal). */
export const isAppRegistrations = detector(
  (route) =>
    isBlade(route, REGISTERED_APPS, 'ApplicationsListBlade') ||
    (isBlade(route, IAM, 'ActiveDirectoryMenuBlade') && isMenuItem(route, 'RegisteredApps')),
);
const appRegistrationsExamples = [
  'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
  'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade/quickStartType~/null/sourceType/Microsoft_AAD_IAM',
  'https://preview.portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/RegisteredApps',
  'https://aad.portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/RegisteredApps',
  'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade/sourceType/Microsoft_AAD_IAM/quickStartType~/null',
  'https://portal.azure.us/#@contoso.onmicrosoft.com/view/Microsoft_AAD_RegisteredApps/applicationsListBlade',
  'https://portal.azure.cn/#blade/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/RegisteredApps',
  'https://portal.azure.com/#blade/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
  'https://portal.azure.com/?feature.customportal=false#view/microsoft_aad_iam/activedirectorymenublade/~/registeredapps',
];

/** Register an application. */
export const isRegisterApp = detector((route) => isBlade(route, REGISTERED_APPS, 'CreateApplicationBlade'));
const registerAppExamples = [
  'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/CreateApplicationBlade/quickStartType~/null/isMSAApp~/false',
  'https://preview.portal.azure.com/#view/Microsoft_AAD_RegisteredApps/CreateApplicationBlade',
  'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/CreateApplicationBlade/isMSAApp~/false/quickStartType~/null',
  'https://portal.azure.us/#@contoso.onmicrosoft.com/view/Microsoft_AAD_RegisteredApps/createApplicationBlade',
  'https://portal.azure.cn/#blade/Microsoft_AAD_RegisteredApps/CreateApplicationBlade/quickStartType//isMSAApp/false',
  'https://portal.azure.com/#view/MICROSOFT_AAD_REGISTEREDAPPS/CreateApplicationBlade/quickStartType%7E/null',
];

/** App overview ("Essentials"); a menu blade opened with no item shows its Overview. */
export const isAppOverview = appPage('isAppOverview');
const appOverviewExamples = [
  `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${APP}/isMSAApp~/false`,
  `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${APP}/objectId/${OBJ}/isMSAApp~/false/isConvergedApp~/true`,
  `https://preview.portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/appId/${APP}/~/Overview`,
  `https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/objectId/${OBJ}/appId/${APP}`,
  `https://portal.azure.us/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/appId/${APP}`,
  `https://portal.azure.cn/#@contoso.onmicrosoft.com/blade/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/Overview/appId/${APP}/objectId/${OBJ}`,
  `https://portal.azure.com/#blade/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/Overview/appId/${APP}/objectId/${OBJ}/isMSAApp//defaultBlade/Overview/appSignInAudience/AzureADMyOrg`,
  `https://portal.azure.com/#view/microsoft_aad_registeredapps/applicationmenublade/~/overview/APPID/${APP_UPPER}`,
  `https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/%7E/Overview/appId/${APP}`,
];

/** Authentication: redirect URIs, "+ Add a platform". */
export const isAppAuthentication = appPage('isAppAuthentication');
const appAuthenticationExamples = [
  `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Authentication/appId/${APP}/isMSAApp~/false`,
  `https://preview.portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/appId/${APP}/objectId/${OBJ}/~/Authentication`,
  `https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Authentication/appId/${APP}`,
  `https://portal.azure.us/#@contoso.onmicrosoft.com/view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/authentication/appId/${APP_UPPER}`,
  `https://portal.azure.cn/#blade/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/Authentication/appId/${APP}/objectId/${OBJ}/isMSAApp//defaultBlade/Overview/appSignInAudience/AzureADMyOrg`,
];

/** API permissions (the "Request API permissions" panel opens over it). */
export const isAppApiPermissions = appPage('isAppApiPermissions');
const appApiPermissionsExamples = [
  `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/CallAnAPI/appId/${APP}/isMSAApp~/false`,
  `https://preview.portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/CallAnApi/appId/${APP}`,
  `https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/isMSAApp~/false/appId/${APP}/~/CallAnAPI`,
  `https://portal.azure.us/#@contoso.onmicrosoft.com/view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/CallAnAPI/objectId/${OBJ}/appId/${APP}`,
  `https://portal.azure.cn/#blade/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/CallAnAPI/appId/${APP}/objectId/${OBJ}/isMSAApp//defaultBlade/Overview/appSignInAudience/AzureADMyOrg`,
  `https://portal.azure.com/#blade/microsoft_aad_registeredapps/ApplicationMenuBlade/callanapi/appId/${APP_UPPER}`,
];

/** Certificates & secrets (the "Add a client secret" panel opens over it). */
export const isAppCredentials = appPage('isAppCredentials');
const appCredentialsExamples = [
  `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${APP}/isMSAApp~/false`,
  `https://preview.portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/objectId/${OBJ}/appId/${APP}`,
  `https://entra.microsoft.com/#@contoso.onmicrosoft.com/view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${APP}`,
  `https://portal.azure.us/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/appId/${APP_UPPER}/~/credentials`,
  `https://portal.azure.cn/#blade/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/Credentials/appId/${APP}/objectId/${OBJ}/isMSAApp//defaultBlade/Overview/appSignInAudience/AzureADMyOrg`,
];

/**
 * Directory (tenant) overview: the Entra ID menu's Overview on the portal (also its default item),
 * a React View of its own in the Entra admin center.
 */
export const isTenantOverview = detector(
  (route) =>
    (isBlade(route, IAM, 'ActiveDirectoryMenuBlade') && isMenuItem(route, 'Overview', true)) ||
    isBlade(route, IAM, 'TenantOverview.ReactView'),
);
const tenantOverviewExamples = [
  'https://portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview',
  'https://portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade',
  'https://preview.portal.azure.com/#view/microsoft_aad_iam/activeDirectoryMenuBlade/~/overview',
  'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/TenantOverview.ReactView',
  'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/TenantOverview.ReactView/initialValue//tabToFocus//isB2CTenant~/false',
  'https://entra.microsoft.com/#@contoso.onmicrosoft.com/view/Microsoft_AAD_IAM/tenantoverview.reactview',
  'https://portal.azure.us/#@contoso.onmicrosoft.com/view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview',
  'https://portal.azure.cn/#blade/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/Overview',
];

// Enterprise applications: the app's service principal, where users and groups are assigned and
// "Assignment required?" is set. Its pages carry the service principal's object ID (not the app
// registration's) and the app's appId.

const ENTERPRISE_MENU_ITEMS = {
  isEnterpriseAppOverview: 'Overview',
  isEnterpriseAppUsers: 'Users',
  isEnterpriseAppProperties: 'Properties',
} as const satisfies Partial<Record<DetectorName, string>>;
type EnterprisePage = keyof typeof ENTERPRISE_MENU_ITEMS;

// Without the service principal's object ID the portal opens nothing useful.
const enterprisePage = (page: EnterprisePage) =>
  detector(
    (route) =>
      isBlade(route, IAM, 'ManagedAppMenuBlade') &&
      isMenuItem(route, ENTERPRISE_MENU_ITEMS[page], page === 'isEnterpriseAppOverview') &&
      isGuid(route.params.objectid),
  );

// Example URLs use this service principal object ID.
const SP = 'c0ffee00-1234-4d5e-9f60-abcdefabcdef';

/** Enterprise applications list (the directory menu's "Enterprise applications"). */
export const isEnterpriseApps = detector(
  (route) =>
    // "AllApps" is the list's older menu item name.
    (isBlade(route, IAM, 'StartboardApplicationsMenuBlade') && (isMenuItem(route, 'AppAppsPreview', true) || isMenuItem(route, 'AllApps'))) ||
    (isBlade(route, IAM, 'ActiveDirectoryMenuBlade') && isMenuItem(route, 'EnterpriseApps')),
);
const enterpriseAppsExamples = [
  'https://portal.azure.com/#view/Microsoft_AAD_IAM/StartboardApplicationsMenuBlade/~/AppAppsPreview',
  'https://portal.azure.com/#view/Microsoft_AAD_IAM/StartboardApplicationsMenuBlade/~/AppAppsPreview/menuId~/null',
  'https://preview.portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/EnterpriseApps',
  'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/StartboardApplicationsMenuBlade/~/AppAppsPreview/menuId~/null',
  'https://portal.azure.us/#@contoso.onmicrosoft.com/view/Microsoft_AAD_IAM/startboardApplicationsMenuBlade/~/appAppsPreview',
  'https://portal.azure.cn/#blade/Microsoft_AAD_IAM/StartboardApplicationsMenuBlade/AppAppsPreview',
  'https://portal.azure.com/#blade/Microsoft_AAD_IAM/StartboardApplicationsMenuBlade/AllApps/menuId/',
];

/** Enterprise application > Overview (the menu blade's default item). */
export const isEnterpriseAppOverview = enterprisePage('isEnterpriseAppOverview');
const enterpriseAppOverviewExamples = [
  `https://portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/${SP}/appId/${APP}`,
  `https://portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/${SP}/appId/${APP}/preferredSingleSignOnMode~/null/servicePrincipalType/Application/fromNav/`,
  `https://preview.portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/objectId/${SP}/appId/${APP}`,
  `https://entra.microsoft.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/${SP}/appId/${APP}/preferredSingleSignOnMode~/null`,
  `https://portal.azure.us/#@contoso.onmicrosoft.com/view/Microsoft_AAD_IAM/managedAppMenuBlade/~/overview/objectId/${SP}/appId/${APP}`,
  `https://portal.azure.cn/#blade/Microsoft_AAD_IAM/ManagedAppMenuBlade/Overview/objectId/${SP}/appId/${APP}`,
];

/** Enterprise application > Users and groups. */
export const isEnterpriseAppUsers = enterprisePage('isEnterpriseAppUsers');
const enterpriseAppUsersExamples = [
  `https://portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Users/objectId/${SP}/appId/${APP}`,
  `https://portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Users/objectId/${SP}/appId/${APP}/preferredSingleSignOnMode~/null/servicePrincipalType/Application/fromNav/`,
  `https://preview.portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/appId/${APP}/objectId/${SP}/~/Users`,
  `https://entra.microsoft.com/#@contoso.onmicrosoft.com/view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Users/objectId/${SP}/appId/${APP}`,
  `https://portal.azure.us/#view/microsoft_aad_iam/ManagedAppMenuBlade/~/users/objectId/${SP.toUpperCase()}/appId/${APP}`,
  `https://portal.azure.cn/#blade/Microsoft_AAD_IAM/ManagedAppMenuBlade/Users/objectId/${SP}/appId/${APP}`,
];

/** Enterprise application > Properties ("Assignment required?"). */
export const isEnterpriseAppProperties = enterprisePage('isEnterpriseAppProperties');
const enterpriseAppPropertiesExamples = [
  `https://portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Properties/objectId/${SP}/appId/${APP}`,
  `https://portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Properties/objectId/${SP}/appId/${APP}/preferredSingleSignOnMode~/null/servicePrincipalType/Application/fromNav/`,
  `https://preview.portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/objectId/${SP}/~/Properties/appId/${APP}`,
  `https://entra.microsoft.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Properties/objectId/${SP}/appId/${APP}`,
  `https://portal.azure.us/#@contoso.onmicrosoft.com/view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/properties/objectId/${SP}/appId/${APP}`,
  `https://portal.azure.cn/#blade/Microsoft_AAD_IAM/ManagedAppMenuBlade/Properties/objectId/${SP}/appId/${APP}`,
];

export const detectors: Record<DetectorName, Detector> = {
  isAppRegistrations,
  isRegisterApp,
  isAppOverview,
  isAppAuthentication,
  isAppApiPermissions,
  isAppCredentials,
  isTenantOverview,
  isEnterpriseApps,
  isEnterpriseAppOverview,
  isEnterpriseAppUsers,
  isEnterpriseAppProperties,
  isDbtSsoSettings,
  isDbtAccountSettings,
  isDbtApp,
};

export const examples: Record<DetectorName, readonly string[]> = {
  isAppRegistrations: appRegistrationsExamples,
  isRegisterApp: registerAppExamples,
  isAppOverview: appOverviewExamples,
  isAppAuthentication: appAuthenticationExamples,
  isAppApiPermissions: appApiPermissionsExamples,
  isAppCredentials: appCredentialsExamples,
  isTenantOverview: tenantOverviewExamples,
  isEnterpriseApps: enterpriseAppsExamples,
  isEnterpriseAppOverview: enterpriseAppOverviewExamples,
  isEnterpriseAppUsers: enterpriseAppUsersExamples,
  isEnterpriseAppProperties: enterpriseAppPropertiesExamples,
  ...dbtExamples,
};

export interface DetectedPage {
  name: DetectorName;
  /** On app and enterprise application pages: the app's Application (client) ID. */
  appId?: string;
  /** App pages: the app registration's Object ID; enterprise application pages: the service principal's. */
  objectId?: string;
  /** dbt's SSO & SCIM page: its canonical URL (access URL and account). */
  ssoUrl?: string;
}

const hasIds = (name: DetectorName) => name in APP_MENU_ITEMS || name in ENTERPRISE_MENU_ITEMS;

/** The page a URL shows (no two detectors accept the same URL), with the app's IDs on app pages. */
export function detectPage(url: string | URL = location.href): DetectedPage | null {
  const name = DETECTOR_NAMES.find((candidate) => detectors[candidate](url));
  if (name === undefined) return null;
  if (name === 'isDbtSsoSettings') {
    const parsed = toUrl(url);
    const account = parsed ? dbtAccountId(parsed) : null;
    const ssoUrl = parsed && account ? dbtSsoUrl(parsed.origin, account) : null;
    return { name, ...(ssoUrl ? { ssoUrl } : {}) };
  }
  if (!hasIds(name)) return { name };
  const appId = appIdFromRoute(url) ?? undefined;
  const objectId = parseRoute(url)?.params.objectid;
  return { name, ...(appId ? { appId } : {}), ...(isGuid(objectId) ? { objectId: objectId.toLowerCase() } : {}) };
}

// Deep links

/** IDs a deep link may need: the app's Application (client) ID, the service principal's object ID. */
export interface LinkIds {
  appId?: string;
  servicePrincipalId?: string;
}

/**
 * The canonical `#view/` URL of a page on a portal origin. An app page needs a valid appId (null
 * without); an enterprise application page needs the service principal's object ID too, and
 * without it links to the Enterprise applications list, where the admin opens the app.
 */
export function deepLinkFor(name: DetectorName, origin: string, ids: LinkIds = {}): string | null {
  const base = toUrl(origin);
  if (!base || base.protocol !== 'https:' || !isPortalHost(base.hostname) || !isPortalDetector(name)) return null;
  const route = canonicalRoute(name as PortalDetectorName, base.hostname, ids);
  return route === null ? null : `${base.origin}/#view/${route}`;
}

const PORTAL_PAGES: readonly string[] = PORTAL_DETECTOR_NAMES;
const isPortalDetector = (name: DetectorName) => PORTAL_PAGES.includes(name);

const ENTERPRISE_APPS_ROUTE = `${IAM}/StartboardApplicationsMenuBlade/~/AppAppsPreview`;

function canonicalRoute(name: PortalDetectorName, hostname: string, { appId, servicePrincipalId }: LinkIds): string | null {
  switch (name) {
    case 'isAppRegistrations':
      return `${REGISTERED_APPS}/ApplicationsListBlade`;
    case 'isRegisterApp':
      // The parameters the portal itself adds when "+ New registration" opens this blade.
      return `${REGISTERED_APPS}/CreateApplicationBlade/quickStartType~/null/isMSAApp~/false`;
    case 'isTenantOverview':
      return isEntraHost(hostname) ? `${IAM}/TenantOverview.ReactView` : `${IAM}/ActiveDirectoryMenuBlade/~/Overview`;
    case 'isEnterpriseApps':
      return ENTERPRISE_APPS_ROUTE;
    case 'isEnterpriseAppOverview':
    case 'isEnterpriseAppUsers':
    case 'isEnterpriseAppProperties':
      return isGuid(servicePrincipalId) && isGuid(appId)
        ? `${IAM}/ManagedAppMenuBlade/~/${ENTERPRISE_MENU_ITEMS[name]}/objectId/${servicePrincipalId.toLowerCase()}/appId/${appId.toLowerCase()}`
        : ENTERPRISE_APPS_ROUTE;
    default:
      return isGuid(appId)
        ? `${REGISTERED_APPS}/ApplicationMenuBlade/~/${APP_MENU_ITEMS[name]}/appId/${appId.toLowerCase()}`
        : null;
  }
}
