import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'grant-admin-consent',
  title: 'Grant admin consent',
  where: 'portal',
  instruction: [
    'On API permissions, click "Grant admin consent for <your directory>", then "Yes" in the confirmation.',
    'Every permission row below must then say "Granted for <your directory>" and be of type Delegated.',
    'If the button is greyed out, your role cannot grant it: ask a Cloud Application Administrator, Application Administrator or Privileged Role Administrator.',
  ],
  reason: {
    seed: 'The original guide: "press Grant admin consent at the bottom of the page to grant admin consent for this directory on behalf of all of your users".',
    today:
      'The button is now in the command bar at the top of the page. Consent on behalf of all users means nobody is asked to approve dbt at their first sign-in; without it, sign-in fails with "AADSTS90094: Admin consent is required" (dbt\'s troubleshooting). Tenant-wide consent to delegated Microsoft Graph permissions can be granted by a Cloud Application Administrator or Application Administrator, as well as a Privileged Role Administrator (Microsoft Learn, Grant tenant-wide admin consent to an application).',
  },
  pages: ['isAppApiPermissions'],
  deepLink: 'isAppApiPermissions',
  targets: [
    { locator: 'grantConsentButton', action: 'highlight', lookFor: 'Grant admin consent for … (command bar)' },
    // The admin confirms; the ring moves there as soon as the confirmation shows.
    { locator: 'consentYesButton', action: 'highlight', lookFor: 'Yes, in the confirmation below the command bar' },
  ],
  records: ['permissions'],
  check: { reader: 'configuredPermissions', rule: 'permissionsGranted' },
  // What this step is here to do: "to do" until done, never an error.
  todoFindings: ['permission-not-granted'],
} satisfies StepInput;
