import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'create-client-secret',
  title: 'Create the client secret and capture its Value',
  where: 'portal',
  instruction: [
    'In the app\'s menu, open Manage > Certificates & secrets, tab "Client secrets", and click "+ New client secret".',
    'Description: "dbt Cloud". Expires: "730 days (24 months)" (or the longest your organisation allows). Click "Add".',
    'The new row shows the Value once. The guide captures it at once; it keeps it only in this browser session. Never use the "Secret ID".',
    'Put the expiry date in your calendar: SSO stops for everyone when the secret expires.',
  ],
  reason: {
    seed: 'The original guide: description "dbt Cloud", Expires "Never", then "Copy the generated value".',
    today:
      '"Never" no longer exists: a client secret lasts at most 24 months, and tenant policy may allow less. dbt\'s current document recommends 730 days and a description such as "dbt"; Microsoft recommends under 12 months. The Value is shown only right after adding it and never again, and the Secret ID next to it (a GUID) is the classic wrong copy.',
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
