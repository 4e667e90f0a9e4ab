/**
 * Names of the route detectors in utils/portal/routes.ts, kept apart so that the guide data can be
 * checked without loading the detectors. A test checks both lists agree.
 */
export const PORTAL_DETECTOR_NAMES = [
  'isAppRegistrations',
  'isRegisterApp',
  'isAppOverview',
  'isAppAuthentication',
  'isAppApiPermissions',
  'isAppCredentials',
  'isTenantOverview',
  'isEnterpriseApps',
  'isEnterpriseAppOverview',
  'isEnterpriseAppUsers',
  'isEnterpriseAppProperties',
] as const;

export type PortalDetectorName = (typeof PORTAL_DETECTOR_NAMES)[number];

/** dbt's pages (utils/dbt/routes.ts): the app, Account settings, SSO & SCIM. */
export const DBT_DETECTOR_NAMES = ['isDbtSsoSettings', 'isDbtAccountSettings', 'isDbtApp'] as const;

export const DETECTOR_NAMES = /* @__PURE__ */ (() => [...PORTAL_DETECTOR_NAMES, ...DBT_DETECTOR_NAMES] as const)();
export type DetectorName = (typeof DETECTOR_NAMES)[number];
