import type { Step, StepInput } from '@/utils/guide/step-schema';
import type { GuideName } from '@/utils/guide/state-schemas';
import { rotationSteps } from './rotation';
import setup from './setup';
import openAppRegistrations from './open-app-registrations';
import registerApp from './register-app';
import addRedirectUri from './add-redirect-uri';
import recordAppIds from './record-app-ids';
import assignUsers from './assign-users';
import requireAssignment from './require-assignment';
import addApiPermissions from './add-api-permissions';
import grantAdminConsent from './grant-admin-consent';
import createClientSecret from './create-client-secret';
import recordDomain from './record-domain';
import dbtSsoForm from './dbt-sso-form';
import handoff from './handoff';
import testSignIn from './test-sign-in';

/**
 * The setup guide, in the order of dbt's current document ("Set up SSO with Microsoft Entra ID",
 * the version with the note "SSO before December 2025"): register, the redirect URI branch, the
 * enterprise application's users and "Assignment required?", permissions and consent, the client
 * secret; the app's IDs are read where the portal lands after Register; then dbt's own form
 * (self-service) or the encrypted hand-off (support-assisted), and the test sign-in. Each file's default
 * export is checked against StepSchema by a test.
 */
const inputs: readonly StepInput[] = [
  setup,
  openAppRegistrations,
  registerApp,
  addRedirectUri,
  recordAppIds,
  assignUsers,
  requireAssignment,
  addApiPermissions,
  grantAdminConsent,
  createClientSecret,
  recordDomain,
  dbtSsoForm,
  handoff,
  testSignIn,
];

// `optional` is the schema's only default; applying it here keeps zod out of the content scripts.
export const steps: readonly Step[] = inputs.map((s) => ({ ...s, optional: s.optional ?? false }));

export { rotationSteps };

/** Both guides, by the name the store keeps of the one running. */
export const guides: Record<GuideName, readonly Step[]> = { 'sso-setup': steps, rotation: rotationSteps };
