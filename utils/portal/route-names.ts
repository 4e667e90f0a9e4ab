/**
 * Names of the route detectors in utils/portal/routes.ts, kept apart so that the guide data can be
 * checked without loading the detectors. A test checks both lists agree.
 */
export const DETECTOR_NAMES = [
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
export type DetectorName = (typeof DETECTOR_NAMES)[number];
