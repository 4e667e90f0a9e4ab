import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'add-api-permissions',
  title: 'Add the Microsoft Graph permissions',
  where: 'portal',
  instruction: [
    'In the app\'s menu, open Manage > API permissions and click "+ Add a permission".',
    'Under "Microsoft APIs", choose "Microsoft Graph", then "Delegated permissions".',
    'Tick each permission listed below (type its name in the search box to find it), then click "Add permissions".',
    'You need the Application Administrator or Cloud Application Administrator role (or higher) to add permissions.',
  ],
  reason: {
    seed: 'The original guide asked for User.Read and Directory.AccessAsUser.All under "Azure Active Directory Graph", and Directory.AccessAsUser.All under "Microsoft Graph".',
    today:
      'Azure Active Directory Graph is gone: the portal stopped offering it in 2021 and Microsoft retired it on 31 August 2025, so that part of the original step no longer exists. dbt changed its permissions in December 2025: Microsoft Graph, Delegated, User.Read and GroupMember.Read.All (required), Directory.Read.All only if users are in more than 200 groups. Directory.AccessAsUser.All, which the original guide asked for, is broader than dbt needs (it can write to the directory as the user). A scope dbt requests without consent fails with "AADSTS90094: Admin consent is required". Delegated, because dbt signs in on behalf of the user; Application permissions would be wrong.',
  },
  pages: ['isAppApiPermissions'],
  deepLink: 'isAppApiPermissions',
  targets: [
    { locator: 'addPermissionButton', action: 'highlight', lookFor: '+ Add a permission' },
    { locator: 'microsoftGraphTile', action: 'highlight', lookFor: 'Request API permissions > Microsoft APIs > Microsoft Graph' },
    { locator: 'delegatedPermissionsChoice', action: 'choose', value: 'permissionType', lookFor: 'Delegated permissions' },
    { locator: 'permissionSearchBox', action: 'highlight', lookFor: 'Start typing a permission to filter these results' },
    { locator: 'permissionCheckbox', action: 'check', value: 'permissions', lookFor: 'the checkbox of each permission' },
    { locator: 'addPermissionsButton', action: 'highlight', lookFor: 'Add permissions (bottom of the panel)' },
  ],
  records: ['permissions'],
  check: { reader: 'configuredPermissions', rule: 'permissionsAdded' },
  // Consent is the next step's business.
  laterFindings: ['permission-not-granted'],
  // What this step is here to do: "to do" until done, never an error.
  todoFindings: ['permission-missing'],
} satisfies StepInput;
