import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'register-app',
  title: 'Register the application',
  where: 'portal',
  instruction: [
    'Name: type "dbt Cloud".',
    'Supported account types: choose "Accounts in this organizational directory only (… only - Single tenant)".',
    'Redirect URI: choose the platform "Web" and paste the redirect URI shown below.',
    'Click "Register" yourself; the guide never registers for you.',
  ],
  reason: {
    seed: 'The original guide: name "dbt Cloud"; "choose an appropriate setting, if you aren\'t sure, Accounts in this organizational directory only"; Redirect URI "Web" with https://auth.getdbt.com/login/callback?connection=<your-deployment-id>.',
    today:
      'dbt recommends single tenant: only your directory\'s users can sign in to dbt through this app. The platform must be "Web" (dbt signs in server-side with a client secret); "Single-page application" or "Public client" would break the sign-in. Some tenants are not offered the Redirect URI on this form: then the guide adds it under Authentication after registering.',
  },
  pages: ['isRegisterApp'],
  targets: [
    { locator: 'appNameInput', action: 'fill', value: 'appName', lookFor: 'Name' },
    {
      locator: 'accountTypeSingleTenant',
      action: 'choose',
      value: 'accountType',
      lookFor: 'Supported account types > Accounts in this organizational directory only',
    },
    { locator: 'redirectPlatformDropdown', action: 'choose', value: 'platform', lookFor: 'Redirect URI > Select a platform' },
    { locator: 'redirectUriInput', action: 'fill', value: 'redirectUri', lookFor: 'Redirect URI > e.g. https://example.com/auth' },
    { locator: 'registerButton', action: 'highlight', lookFor: 'Register (bottom of the page)' },
  ],
  records: [],
  check: { reader: 'appEssentials', rule: 'appRegistered' },
} satisfies StepInput;
