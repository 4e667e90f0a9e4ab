import type { StepInput } from '@/utils/guide/step-schema';
import createClientSecret from '../create-client-secret';

// Where and how: the setup's secret step (its page, controls, what it records and how it is done).
export default {
  ...createClientSecret,
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
} satisfies StepInput;
