import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'rotate-create-secret',
  title: 'Create the new client secret and capture its Value',
  where: 'portal',
  instruction: [
    'In the app\'s menu, open Manage > Certificates & secrets, tab "Client secrets", and click "+ New client secret". Keep the old secret for now: dbt still uses it.',
    'Description: "dbt Cloud". Expires: "730 days (24 months)" (or the longest your organisation allows). Click "Add".',
    'The new row shows the Value once. The guide captures it at once and keeps it only in this browser session. Never use the "Secret ID".',
  ],
  reason: {
    seed: 'The original guide set the secret to expire "Never", so it said nothing about rotating it.',
    today:
      'A client secret lasts at most 24 months; when it expires, single sign-on to dbt stops for everyone. A new secret first, dbt switched to it, then the old one deleted: sign-in never breaks. (Microsoft Learn, "Add credentials to your application": a client secret has an expiry; dbt, "Set up SSO with Microsoft Entra ID": "When the client secret expires, an Entra ID admin will have to generate a new one to be pasted into dbt".)',
  },
  pages: ['isAppCredentials'],
  deepLink: 'isAppCredentials',
  targets: [
    { locator: 'clientSecretsTab', action: 'highlight', lookFor: 'the "Client secrets (n)" tab' },
    { locator: 'newClientSecretButton', action: 'highlight', lookFor: 'Client secrets > + New client secret' },
    { locator: 'secretDescriptionInput', action: 'fill', value: 'secretDescription', lookFor: 'Add a client secret > Description' },
    { locator: 'secretExpiryDropdown', action: 'choose', value: 'secretExpiry', lookFor: 'Add a client secret > Expires' },
    { locator: 'addSecretButton', action: 'highlight', lookFor: 'Add (bottom of the panel)' },
    { locator: 'newSecretValue', action: 'highlight', lookFor: 'the Value column of the new secret' },
  ],
  records: ['clientSecret', 'secretExpiry', 'secretId', 'secretHint'],
  check: { reader: 'newSecretValue', rule: 'secretCaptured' },
} satisfies StepInput;
