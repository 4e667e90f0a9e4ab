import type { StepInput } from '@/utils/guide/step-schema';

/** dbt's way to its SSO settings (account name > Account settings > SSO & SCIM): the rotation's dbt step takes it too. */
export const DBT_WAY_TO_SSO = [
  { locator: 'dbtAccountMenuButton', action: 'highlight', lookFor: 'your account name in dbt\'s left menu' },
  { locator: 'dbtAccountSettingsLink', action: 'highlight', lookFor: 'Account settings' },
  { locator: 'dbtSsoScimLink', action: 'highlight', lookFor: 'SSO & SCIM (Account settings menu)' },
] as const satisfies StepInput['targets'];

export default {
  id: 'dbt-sso-form',
  title: 'Fill in dbt\'s SSO form',
  where: 'dbt',
  profiles: ['self-service'],
  instruction: [
    'In dbt: your account name (left menu) > Account settings > SSO & SCIM > "Get started" (or "Edit" if SSO is set up already).',
    'Log in with: "Microsoft Entra ID Single Tenant" (or "Multi Tenant", as the app was registered). Fill in Client ID, Tenant ID (single tenant only) and Microsoft Entra ID Domain.',
    'Client Secret: click "Fill from this session": the guide puts the Value captured in Entra into that one field, never through the clipboard.',
    'Leave "Include all groups" on and "Maximum number of groups to retrieve" at 250 unless your users are in more groups. Click "Save".',
  ],
  reason: {
    seed: 'The original guide ended by sending the values to dbt support, in-app via Intercom or by e-mail.',
    today:
      'dbt now sets up SSO itself: Account settings > SSO & SCIM, "Get started" or "Edit" (dbt, "Set up SSO with Microsoft Entra ID", Supplying credentials). The fields are Log in with, Client ID, Client Secret (the Value, not the Secret ID), Tenant ID (single tenant only) and Microsoft Entra ID Domain (the primary domain, or organizations/common/consumers for a multi-tenant app). A secret typed into a chat is a leaked credential; here it goes from this browser session straight into dbt\'s field.',
  },
  pages: ['isDbtSsoSettings', 'isDbtAccountSettings', 'isDbtApp'],
  targets: [
    ...DBT_WAY_TO_SSO,
    { locator: 'dbtSsoStartButton', action: 'highlight', lookFor: '"Get started" (or "Edit")' },
    { locator: 'dbtLoginWithSelect', action: 'choose', value: 'dbtLoginWith', lookFor: 'Log in with' },
    { locator: 'dbtClientIdInput', action: 'fill', value: 'clientId', lookFor: 'Client ID' },
    { locator: 'dbtClientSecretInput', action: 'fillSecret', lookFor: 'Client Secret' },
    { locator: 'dbtTenantIdInput', action: 'fill', value: 'tenantId', lookFor: 'Tenant ID', accountTypes: ['single'] },
    { locator: 'dbtDomainInput', action: 'fill', value: 'dbtDomain', lookFor: 'Microsoft Entra ID Domain' },
    { locator: 'dbtSaveButton', action: 'highlight', lookFor: 'Save (bottom of the form)' },
  ],
  records: ['dbtSsoUrl', 'dbtCallbackUri', 'dbtLoginUrl', 'dbtSavedLoginWith', 'dbtSavedClientId', 'dbtSavedTenantId', 'dbtSavedDomain'],
  check: { reader: 'dbtSso', rule: 'dbtSsoSaved' },
} satisfies StepInput;
