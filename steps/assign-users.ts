import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'assign-users',
  title: 'Assign the users and groups who may sign in',
  where: 'portal',
  instruction: [
    'Open the app\'s enterprise application: on the app\'s Overview, the link under "Managed application in local directory" (or Enterprise applications > the app).',
    'Open "Users and groups" and click "+ Add user/group".',
    'Under "Users and groups", click "None Selected", pick the groups (or users) who use dbt, click "Select", then "Assign". You pick them; the guide never does.',
    'Prefer groups: dbt maps them to its own groups by name. Assigning groups needs Microsoft Entra ID P1 or P2.',
  ],
  reason: {
    seed: 'The original guide had no such step: every user of the directory could sign in.',
    today:
      'dbt\'s current document (Set up SSO with Microsoft Entra ID, "Adding users to an Enterprise application") assigns users and groups to the app\'s enterprise application. Azure emits at most 150 groups in a SAML token and 200 in a JWT (a user in more appears to be in none): assign the groups that matter to dbt, and under the app registration\'s Token configuration emit only "Groups assigned to the application" (Microsoft Learn, Configure group claims for applications by using Microsoft Entra ID: https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-fed-group-claims).',
  },
  pages: ['isAppOverview', 'isEnterpriseApps', 'isEnterpriseAppOverview', 'isEnterpriseAppUsers'],
  deepLink: 'isEnterpriseAppUsers',
  targets: [
    { locator: 'managedAppLink', action: 'highlight', lookFor: 'Overview > Essentials > Managed application in local directory' },
    { locator: 'enterpriseAppLink', action: 'highlight', value: 'appName', lookFor: 'Enterprise applications > the app\'s name' },
    { locator: 'usersAndGroupsMenuItem', action: 'highlight', lookFor: 'Manage > Users and groups (menu)' },
    { locator: 'addUserGroupButton', action: 'highlight', lookFor: '+ Add user/group (command bar)' },
    { locator: 'selectPrincipalsLink', action: 'highlight', lookFor: 'Add Assignment > Users and groups > None Selected' },
    { locator: 'selectButton', action: 'highlight', lookFor: 'Select (bottom of the list)' },
    { locator: 'assignButton', action: 'highlight', lookFor: 'Assign (bottom of Add Assignment)' },
  ],
  records: ['assignedUsers', 'assignedGroups', 'servicePrincipalId', 'enterpriseAppId'],
  check: { reader: 'appAssignments', rule: 'assignmentsPresent' },
  // What this step is here to do: "to do" until done, never an error.
  todoFindings: ['no-assignments'],
} satisfies StepInput;
