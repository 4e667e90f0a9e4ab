/**
 * Names of the locators (utils/portal/locators.ts) and readers (utils/portal/readers.ts) that the
 * guide's steps may use. Kept apart from the DOM code so that steps and their convention test do
 * not load it; a test checks that every name here has an implementation.
 */
export const LOCATOR_NAMES = [
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
] as const;
export type LocatorName = (typeof LOCATOR_NAMES)[number];

export const READER_NAMES = [
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
export type ReaderName = (typeof READER_NAMES)[number];

/**
 * What the guide does with a step's control: highlight it only, fill a text into it, choose an
 * option (a radio, a dropdown, a toggle), or tick a checkbox.
 */
export const ACTION_NAMES = ['highlight', 'fill', 'choose', 'check'] as const;
export type ActionName = (typeof ACTION_NAMES)[number];
