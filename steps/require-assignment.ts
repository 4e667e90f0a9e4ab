import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'require-assignment',
  title: 'Allow only assigned users to sign in',
  where: 'portal',
  instruction: [
    'In the enterprise application\'s menu, open Manage > Properties.',
    'Set "Assignment required?" to Yes (the button below sets it), then click "Save" yourself.',
  ],
  reason: {
    seed: 'The original guide had no such step.',
    today:
      'dbt\'s current document recommends "User assignment required?" = Yes (the portal labels it "Assignment required?"): with No, anyone in your directory can sign in to dbt through this app, assigned or not (Microsoft Learn, Manage users and groups assignment to an application).',
  },
  pages: ['isEnterpriseAppOverview', 'isEnterpriseAppUsers', 'isEnterpriseAppProperties'],
  deepLink: 'isEnterpriseAppProperties',
  targets: [
    { locator: 'propertiesMenuItem', action: 'highlight', lookFor: 'Manage > Properties (menu)' },
    { locator: 'assignmentRequiredToggle', action: 'choose', value: 'yes', lookFor: 'Properties > Assignment required?' },
    { locator: 'saveButton', action: 'highlight', lookFor: 'Save (command bar)' },
  ],
  records: ['assignmentRequired', 'servicePrincipalId', 'enterpriseAppId'],
  check: { reader: 'appProperties', rule: 'assignmentRequired' },
} satisfies StepInput;
