/**
 * Names of the locators (utils/portal/locators.ts) and readers (utils/portal/readers.ts) that the
 * guide's steps may use. Kept apart from the DOM code so that steps and their convention test do
 * not load it; a test checks that every name here has an implementation.
 */
export const PORTAL_LOCATOR_NAMES = [
  // Shell and lists
  'appRegistrationsMenuItem',
  'newRegistrationButton',
  // Register an application
  'appNameInput',
  'accountTypeRadio',
  'redirectPlatformDropdown',
  'redirectUriInput',
  'registerButton',
  // Authentication
  'addPlatformButton',
  'webPlatformTile',
  'webRedirectUriInput',
  'configureButton',
  // Overview
  'clientIdValue',
  'tenantIdValue',
  // API permissions
  'addPermissionButton',
  'microsoftGraphTile',
  'delegatedPermissionsChoice',
  'permissionSearchBox',
  'permissionCheckbox',
  'addPermissionsButton',
  'grantConsentButton',
  'consentYesButton',
  // Certificates & secrets
  'clientSecretsTab',
  'newClientSecretButton',
  'secretDescriptionInput',
  'secretExpiryDropdown',
  'addSecretButton',
  'newSecretValue',
  // Tenant overview
  'primaryDomainValue',
  // Enterprise application: reached from the app's Overview or the Enterprise applications list
  'managedAppLink',
  'enterpriseAppLink',
  'usersAndGroupsMenuItem',
  'addUserGroupButton',
  'selectPrincipalsLink',
  'selectButton',
  'assignButton',
  'propertiesMenuItem',
  'assignmentRequiredToggle',
  'saveButton',
  // Rotation: the old secret's Delete (argument: its Secret ID) and the confirmation's Yes
  'deleteSecretButton',
  'confirmDeleteSecretButton',
] as const;
export type PortalLocatorName = (typeof PORTAL_LOCATOR_NAMES)[number];

/** On dbt's own pages (utils/dbt/locators.ts): its menu, Account settings > SSO & SCIM, the form. */
export const DBT_LOCATOR_NAMES = [
  'dbtAccountMenuButton',
  'dbtAccountSettingsLink',
  'dbtSsoScimLink',
  'dbtSsoStartButton',
  'dbtLoginWithSelect',
  'dbtClientIdInput',
  'dbtClientSecretInput',
  'dbtTenantIdInput',
  'dbtDomainInput',
  'dbtSaveButton',
  'dbtLoginUrl',
] as const;
export type DbtLocatorName = (typeof DBT_LOCATOR_NAMES)[number];

// Pure, so that a bundle that does not use the joined list (the frame agents) leaves it out.
export const LOCATOR_NAMES = /* @__PURE__ */ (() => [...PORTAL_LOCATOR_NAMES, ...DBT_LOCATOR_NAMES] as const)();
export type LocatorName = (typeof LOCATOR_NAMES)[number];

export const PORTAL_READER_NAMES = [
  'appEssentials',
  'authRedirectUris',
  'configuredPermissions',
  'clientSecrets',
  'newSecretValue',
  'tenantOverview',
  'currentDirectory',
  'enterpriseApp',
  'appAssignments',
  'appProperties',
] as const;
export type PortalReaderName = (typeof PORTAL_READER_NAMES)[number];

export const DBT_READER_NAMES = ['dbtSso'] as const;
export type DbtReaderName = (typeof DBT_READER_NAMES)[number];

export const READER_NAMES = /* @__PURE__ */ (() => [...PORTAL_READER_NAMES, ...DBT_READER_NAMES] as const)();
export type ReaderName = (typeof READER_NAMES)[number];

/**
 * What the guide does with a step's control: highlight it only, fill a text into it, choose an
 * option (a radio, a dropdown, a toggle), tick a checkbox, or (dbt's Client Secret field only) fill
 * the client secret held in the session: the background sends it to that one field on the admin's
 * click, the panel never sees it.
 */
export const ACTION_NAMES = ['highlight', 'fill', 'choose', 'check', 'fillSecret'] as const;
export type ActionName = (typeof ACTION_NAMES)[number];
