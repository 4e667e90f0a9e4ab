import { afterEach, describe, expect, test, vi } from 'vitest';
import { dbtAccessOrigin, dbtAccountId, dbtSsoUrl, isDbtAccessHost, isDbtLoginUrl } from '@/utils/dbt/routes';
import { DBT_DETECTOR_NAMES, DETECTOR_NAMES, PORTAL_DETECTOR_NAMES } from '@/utils/portal/route-names';
import type { DetectorName } from '@/utils/portal/route-names';
import {
  appIdFromRoute,
  deepLinkFor,
  detectPage,
  detectors,
  examples,
  isAppOverview,
  isGuid,
  isPortalHost,
  parseRoute,
} from '@/utils/portal/routes';

const APP = '6731de76-14a6-49ae-97bc-6eba6914391e';
const OBJ = 'a1b2c3d4-0000-4e5f-8a9b-0123456789ab';
const SP = 'c0ffee00-1234-4d5e-9f60-abcdefabcdef';
const APP_PAGES: DetectorName[] = ['isAppOverview', 'isAppAuthentication', 'isAppApiPermissions', 'isAppCredentials'];
const ENTERPRISE_PAGES: DetectorName[] = ['isEnterpriseAppOverview', 'isEnterpriseAppUsers', 'isEnterpriseAppProperties'];
const ORIGINS = [
  'https://portal.azure.com',
  'https://preview.portal.azure.com',
  'https://entra.microsoft.com',
  'https://portal.azure.us',
  'https://portal.azure.cn',
];

describe('detectors', () => {
  test('the record holds every detector name, in order', () => {
    expect(Object.keys(detectors)).toEqual([...DETECTOR_NAMES]);
    expect(Object.keys(examples)).toEqual([...DETECTOR_NAMES]);
  });

  const pairs = DETECTOR_NAMES.flatMap((detector) =>
    DETECTOR_NAMES.flatMap((owner) => examples[owner].map((url) => [detector, owner, url] as const)),
  );
  test.each(pairs)('%s on an example of %s: %s', (detector, owner, url) => {
    expect(detectors[detector](url)).toBe(detector === owner);
  });

  test.each(PORTAL_DETECTOR_NAMES)('%s has examples on every host kind and in both route forms', (name) => {
    const urls = examples[name];
    const hosts = new Set(urls.map((url) => new URL(url).hostname));
    for (const host of ['portal.azure.com', 'preview.portal.azure.com', 'entra.microsoft.com', 'portal.azure.us', 'portal.azure.cn']) {
      expect(hosts).toContain(host);
    }
    expect(urls.some((url) => url.includes('#view/') || /#@[^/]+\/view\//.test(url))).toBe(true);
    expect(urls.some((url) => url.includes('#blade/') || /#@[^/]+\/blade\//.test(url))).toBe(true);
    expect(urls.some((url) => url.includes('#@contoso.onmicrosoft.com/'))).toBe(true);
  });

  const negatives = [
    // Off the portal hosts: blade iframes, look-alikes, plain HTTP
    'https://portal.azure.net/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
    'https://sandbox-1.reactblade.portal.azure.net/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
    'https://example.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
    'https://portal.azure.com.example.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
    'https://evilportal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
    'https://entra.microsoft.com.example.com/#view/Microsoft_AAD_IAM/TenantOverview.ReactView',
    'http://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
    // App pages without a usable appId
    'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview',
    `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/objectId/${OBJ}`,
    'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/not-a-guid',
    `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/{${APP}}`,
    `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/CallAnAPI/appId/${APP}0`,
    'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Authentication/appId//objectId/x',
    // Unrelated blades and menu items, some with the same item names
    'https://portal.azure.com/#view/Microsoft_AAD_IAM/UsersManagementMenuBlade/~/MsGraphUsers',
    'https://portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Users',
    // Enterprise application pages without the service principal's object ID, or another item
    `https://portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/appId/${APP}`,
    `https://portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Users/objectId/not-a-guid/appId/${APP}`,
    `https://portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/SignOn/objectId/${OBJ}/appId/${APP}`,
    'https://portal.azure.com/#view/Microsoft_AAD_IAM/StartboardApplicationsMenuBlade/~/AppGallery',
    `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Manifest/appId/${APP}`,
    'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/TenantOverview.ReactView',
    'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps',
    // No route
    'https://portal.azure.com/',
    'https://portal.azure.com/#',
    'https://portal.azure.com/#home',
    'https://portal.azure.com/#@contoso.onmicrosoft.com',
    'https://portal.azure.com/view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
    'not a url',
    '',
  ];
  test.each(negatives)('no detector accepts %s', (url) => {
    expect(DETECTOR_NAMES.filter((name) => detectors[name](url))).toEqual([]);
    expect(detectPage(url)).toBeNull();
  });

  test('accepts URL objects', () => {
    expect(isAppOverview(new URL(`https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/appId/${APP}`))).toBe(true);
  });

  describe('default URL', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    test('reads the current location', () => {
      vi.stubGlobal('location', { href: `https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${APP}` });
      expect(isAppOverview()).toBe(true);
      expect(detectPage()).toEqual({ name: 'isAppOverview', appId: APP });
      vi.stubGlobal('location', { href: 'https://entra.microsoft.com/#home' });
      expect(isAppOverview()).toBe(false);
    });
  });
});

describe('isPortalHost', () => {
  test.each([
    ['portal.azure.com', true],
    ['PORTAL.Azure.com', true],
    ['preview.portal.azure.com', true],
    ['aad.portal.azure.com', true],
    ['entra.microsoft.com', true],
    ['portal.azure.us', true],
    ['portal.azure.cn', true],
    ['portal.azure.com.', true],
    ['sandbox-1.reactblade.portal.azure.net', false],
    ['portal.azure.net', false],
    ['azure.com', false],
    ['evilportal.azure.com', false],
    ['portal.azure.com.example.com', false],
    ['microsoft.com', false],
    ['', false],
  ] as const)('%s -> %s', (host, expected) => {
    expect(isPortalHost(host)).toBe(expected);
  });
});

describe('parseRoute', () => {
  test.each([
    [
      'view form with ~ menu item and typed parameters',
      `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${APP}/isMSAApp~/false`,
      {
        form: 'view',
        extension: 'Microsoft_AAD_RegisteredApps',
        blade: 'ApplicationMenuBlade',
        menuItem: 'Overview',
        params: { appid: APP, ismsaapp: 'false' },
      },
    ],
    [
      'tenant prefix, JSON null and a JSON string',
      'https://entra.microsoft.com/#@contoso.onmicrosoft.com/view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade/quickStartType~/null/label~/%22dbt%20Cloud%22',
      {
        form: 'view',
        tenant: 'contoso.onmicrosoft.com',
        extension: 'Microsoft_AAD_RegisteredApps',
        blade: 'ApplicationsListBlade',
        params: { quickstarttype: 'null', label: 'dbt Cloud' },
      },
    ],
    [
      'old form from the reference, with an empty value',
      `https://portal.azure.com/#blade/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/Overview/appId/${APP}/objectId/${OBJ}/isMSAApp//defaultBlade/Overview/appSignInAudience/AzureADMyOrg`,
      {
        form: 'blade',
        extension: 'Microsoft_AAD_RegisteredApps',
        blade: 'ApplicationMenuBlade',
        menuItem: 'Overview',
        params: { appid: APP, objectid: OBJ, ismsaapp: '', defaultblade: 'Overview', appsigninaudience: 'AzureADMyOrg' },
      },
    ],
    [
      'old form of a blade that has no menu',
      'https://portal.azure.cn/#blade/Microsoft_AAD_RegisteredApps/CreateApplicationBlade/quickStartType//isMSAApp/false',
      {
        form: 'blade',
        extension: 'Microsoft_AAD_RegisteredApps',
        blade: 'CreateApplicationBlade',
        params: { quickstarttype: '', ismsaapp: 'false' },
      },
    ],
    [
      'percent-encoded segments, an encoded slash inside a value',
      'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade/%7E/All%20applications/search/a%2Fb',
      {
        form: 'view',
        extension: 'Microsoft_AAD_RegisteredApps',
        blade: 'ApplicationsListBlade',
        menuItem: 'All applications',
        params: { search: 'a/b' },
      },
    ],
    [
      'mixed case names, parameters before the menu item, a trailing slash',
      `https://portal.azure.com/#VIEW/microsoft_aad_registeredapps/applicationMenuBlade/APPID/${APP}/~/CallAnApi/`,
      {
        form: 'view',
        extension: 'microsoft_aad_registeredapps',
        blade: 'applicationMenuBlade',
        menuItem: 'CallAnApi',
        params: { appid: APP },
      },
    ],
    [
      'the first of two values wins',
      'https://portal.azure.com/#view/Microsoft_AAD_IAM/TenantOverview.ReactView/a/1/A/2',
      { form: 'view', extension: 'Microsoft_AAD_IAM', blade: 'TenantOverview.ReactView', params: { a: '1' } },
    ],
  ] as const)('%s', (_name, url, expected) => {
    expect(parseRoute(url)).toEqual(expected);
  });

  test.each([
    'https://example.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
    'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps',
    'https://portal.azure.com/#view//ApplicationsListBlade',
    'https://portal.azure.com/#home',
    'https://portal.azure.com/',
    'https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/x',
  ])('no route in %s', (url) => {
    expect(parseRoute(url)).toBeNull();
  });

  test('a parameter named like an object property stays a plain value', () => {
    const route = parseRoute('https://portal.azure.com/#view/X/Y/__proto__/a/constructor/b');
    expect(route?.params['__proto__']).toBe('a');
    expect(route?.params.constructor).toBe('b');
    expect(route?.params.toString).toBeUndefined();
  });
});

describe('detectPage and appIdFromRoute', () => {
  test('app pages give the IDs, lowercased', () => {
    const url = `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/objectId/${OBJ.toUpperCase()}/appId/${APP.toUpperCase()}`;
    expect(detectPage(url)).toEqual({ name: 'isAppCredentials', appId: APP, objectId: OBJ });
    expect(appIdFromRoute(url)).toBe(APP);
  });

  test('the old form gives the IDs too', () => {
    const [oldForm] = examples.isAppOverview.filter((url) => url.includes('defaultBlade'));
    expect(detectPage(oldForm ?? '')).toEqual({ name: 'isAppOverview', appId: APP, objectId: OBJ });
  });

  test('other pages give just the name', () => {
    expect(detectPage('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade')).toEqual({
      name: 'isAppRegistrations',
    });
  });

  test.each([
    ['https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview', null],
    ['https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/12345', null],
    [`https://example.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${APP}`, null],
    [`https://portal.azure.us/#blade/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/Overview/appId/${APP.toUpperCase()}`, APP],
  ])('appIdFromRoute(%s) is %s', (url, expected) => {
    expect(appIdFromRoute(url)).toBe(expected);
  });

  test.each([
    [APP, true],
    [APP.toUpperCase(), true],
    [`{${APP}}`, false],
    [APP.replaceAll('-', ''), false],
    [`${APP} `, false],
    ['', false],
    [undefined, false],
  ])('isGuid(%s) is %s', (value, expected) => {
    expect(isGuid(value)).toBe(expected);
  });
});

describe('deepLinkFor', () => {
  const cases = ORIGINS.flatMap((origin) => PORTAL_DETECTOR_NAMES.map((name) => [name, origin] as const));
  test.each(cases)('%s on %s round-trips through detectPage', (name, origin) => {
    const link = deepLinkFor(name, origin, { appId: APP.toUpperCase(), servicePrincipalId: SP.toUpperCase() });
    expect(link).not.toBeNull();
    expect(link?.startsWith(`${origin}/#view/`)).toBe(true);
    expect(detectPage(link ?? '')).toEqual(
      APP_PAGES.includes(name) ? { name, appId: APP } : ENTERPRISE_PAGES.includes(name) ? { name, appId: APP, objectId: SP } : { name },
    );
    expect(detectors[name](link ?? '')).toBe(true);
  });

  test.each(ENTERPRISE_PAGES)('%s without the service principal\'s object ID links to the Enterprise applications list', (name) => {
    const link = deepLinkFor(name, 'https://entra.microsoft.com', { appId: APP });
    expect(detectPage(link ?? '')).toEqual({ name: 'isEnterpriseApps' });
  });

  test('the tenant overview differs between the portal and the Entra admin center', () => {
    expect(deepLinkFor('isTenantOverview', 'https://portal.azure.com')).toBe(
      'https://portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview',
    );
    expect(deepLinkFor('isTenantOverview', 'https://entra.microsoft.com/')).toBe(
      'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/TenantOverview.ReactView',
    );
  });

  test.each(APP_PAGES)('%s needs a valid appId', (name) => {
    expect(deepLinkFor(name, 'https://portal.azure.com')).toBeNull();
    expect(deepLinkFor(name, 'https://portal.azure.com', { appId: 'not-a-guid' })).toBeNull();
  });

  test.each(['https://example.com', 'https://portal.azure.net', 'http://portal.azure.com', 'portal.azure.com'])(
    'no link on %s',
    (origin) => {
      expect(deepLinkFor('isAppRegistrations', origin)).toBeNull();
    },
  );
});

describe("dbt's pages", () => {
  test.each(DBT_DETECTOR_NAMES)('%s has examples on every kind of access URL', (name) => {
    const hosts = new Set(examples[name].map((url) => new URL(url).hostname));
    expect(hosts).toContain('cloud.getdbt.com');
    expect([...hosts].some((h) => /\.dbt\.com$/.test(h))).toBe(true);
  });

  test.each([
    'cloud.getdbt.com',
    'emea.dbt.com',
    'au.dbt.com',
    'ab123.us1.dbt.com',
    'CLOUD.GETDBT.COM.',
    'x1.eu2.dbt.com',
  ])('%s is an access URL host', (host) => {
    expect(isDbtAccessHost(host)).toBe(true);
  });

  test.each([
    'getdbt.com',
    'docs.getdbt.com',
    'auth.cloud.getdbt.com',
    'auth.emea.dbt.com',
    'dbt.com',
    'evil.com',
    'cloud.getdbt.com.evil.example',
    'dbt.com.evil.example',
    'a.b.c.dbt.com',
    'clouddgetdbt.com',
    '-x.us1.dbt.com',
  ])('%s is not', (host) => {
    expect(isDbtAccessHost(host)).toBe(false);
  });

  test.each([
    ['https://cloud.getdbt.com/settings/accounts/1/pages/sso', 'https://cloud.getdbt.com'],
    ['https://ab123.us1.dbt.com/', 'https://ab123.us1.dbt.com'],
    ['http://cloud.getdbt.com/', null],
    ['https://cloud.getdbt.com:8443/', null],
    ['https://user:pw@cloud.getdbt.com/', null],
    ['https://dbt.com.evil.example/settings/accounts/1/pages/sso', null],
    ['not a url', null],
  ])('access origin of %s', (url, origin) => {
    expect(dbtAccessOrigin(url)).toBe(origin);
  });

  test('the SSO page and login URLs', () => {
    expect(dbtSsoUrl('https://emea.dbt.com', '42')).toBe('https://emea.dbt.com/settings/accounts/42/pages/sso');
    expect(dbtSsoUrl('https://evil.example', '42')).toBeNull();
    expect(dbtSsoUrl('https://emea.dbt.com', '4x2')).toBeNull();
    expect(dbtAccountId('https://cloud.getdbt.com/settings/accounts/70403103918/pages/sso')).toBe('70403103918');
    expect(detectPage('https://cloud.getdbt.com/settings/accounts/7/pages/sso/')).toEqual({ name: 'isDbtSsoSettings', ssoUrl: 'https://cloud.getdbt.com/settings/accounts/7/pages/sso' });
    expect(detectPage('https://cloud.getdbt.com.evil.example/settings/accounts/7/pages/sso')).toBeNull();
    expect(detectPage('https://cloud.getdbt.com/enterprise-login/acme-1')).toBeNull();
    expect(isDbtLoginUrl('https://cloud.getdbt.com/enterprise-login/acme-analytics-7')).toBe(true);
    expect(isDbtLoginUrl('https://cloud.getdbt.com/enterprise-login/acme?next=https://evil.example')).toBe(false);
    expect(isDbtLoginUrl('https://evil.example/enterprise-login/acme')).toBe(false);
    expect(deepLinkFor('isDbtSsoSettings', 'https://portal.azure.com')).toBeNull();
  });
});
