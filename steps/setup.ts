import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'setup',
  title: 'Choose how dbt receives the values',
  where: 'extension',
  instruction: [
    'Self-service (dbt\'s current way): pick your dbt region, or paste the redirect URI that dbt shows under Account settings > SSO & SCIM > Edit.',
    'Support-assisted (the original way): type the deployment ID from the setup instructions dbt support sent you.',
    'Self-service only: add Directory.AccessAsUser.All if some of your users are in more than 200 groups.',
  ],
  reason: {
    seed: 'The original guide had one path: register the app with https://auth.getdbt.com/login/callback?connection=<your-deployment-id> and send the values to dbt support.',
    today:
      'dbt now also lets account admins enter the values themselves (Account settings > SSO & SCIM), with a redirect URI on the Auth0 host of their dbt region. Both paths work; the redirect URI, the Microsoft Graph permissions and the values to hand over follow from the one you choose.',
  },
  pages: [],
  targets: [],
  records: [],
  check: { reader: null, rule: 'setupComplete' },
} satisfies StepInput;
