import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'register-app',
  title: 'Register the application',
  where: 'portal',
  instruction: [
    'Name: type "dbt Cloud".',
    'Supported account types: the choice shown below, as in your setup; dbt recommends "Accounts in this organizational directory only (… only - Single tenant)".',
    'Redirect URI: choose the platform "Web" and paste the redirect URI shown below.',
    'Click "Register" yourself; the guide never registers for you.',
  ],
  reason: {
    seed: 'The original guide: name "dbt Cloud"; "choose an appropriate setting, if you aren\'t sure, Accounts in this organizational directory only"; Redirect URI "Web" with https://auth.getdbt.com/login/callback?connection=<your-deployment-id>.',
    today:
      'dbt\'s current document (Set up SSO with Microsoft Entra ID) supports single tenant (recommended: only your directory\'s users sign in through this app) and multi-tenant apps, and the account type decides what goes in dbt\'s "Microsoft Entra ID Domain" later (the primary domain, or organizations, common or consumers). The platform must be "Web": dbt redeems the sign-in code on its server with a client secret, and a URI under "Single-page application" makes sign-in fail with AADSTS9002325. Some tenants are not offered the Redirect URI on this form: then the guide adds it under Authentication after registering.',
  },
  // The directory shown when the app was registered, to warn if the portal later shows another.
  keepOnDone: [{ from: 'currentDirectory', to: 'registeredDirectory' }],
  pages: ['isRegisterApp'],
  targets: [
    { locator: 'appNameInput', action: 'fill', value: 'appName', lookFor: 'Name' },
    {
      locator: 'accountTypeRadio',
      action: 'choose',
      value: 'accountType',
      lookFor: 'Supported account types > the account type of your setup',
    },
    { locator: 'redirectPlatformDropdown', action: 'choose', value: 'platform', lookFor: 'Redirect URI > Select a platform' },
    { locator: 'redirectUriInput', action: 'fill', value: 'redirectUri', lookFor: 'Redirect URI > e.g. https://example.com/auth' },
    { locator: 'registerButton', action: 'highlight', lookFor: 'Register (bottom of the page)' },
  ],
  records: [],
  check: { reader: 'appEssentials', rule: 'appRegistered' },
} satisfies StepInput;
