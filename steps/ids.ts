/**
 * The setup guide's step ids, in the guide's order: a contract (DESIGN.md), used by tests outside
 * the project. The one place outside the step files that names them; a convention test checks
 * that the step files, steps/index.ts and this list agree, and that no engine code names an id.
 */
export const SETUP_GUIDE_IDS = [
  'setup',
  'open-app-registrations',
  'register-app',
  'add-redirect-uri',
  'record-app-ids',
  'assign-users',
  'require-assignment',
  'add-api-permissions',
  'grant-admin-consent',
  'create-client-secret',
  'record-domain',
  'dbt-sso-form',
  'handoff',
  'test-sign-in',
] as const;

/** The rotation guide's step ids (steps/rotation/), in its order; a contract like the setup's. */
export const ROTATION_GUIDE_IDS = ['rotate-create-secret', 'rotate-dbt-form', 'rotate-test-sign-in', 'rotate-delete-old-secret'] as const;
