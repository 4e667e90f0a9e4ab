import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'setup',
  title: 'Choose how dbt receives the values',
  where: 'extension',
  instruction: [
    'Self-service (dbt\'s current way): paste the Callback URI that dbt shows under Account settings > SSO & SCIM > Get started (or Edit), or pick your dbt region.',
    'Support-assisted (the original way): paste the redirect URI dbt support sent you, exactly; only without one, type the deployment ID (the 2019 form).',
    'Supported account types: single tenant unless you need users of other directories (dbt\'s recommendation).',
    'Add Directory.Read.All only if some of your users are in more than 200 groups (dbt lists it as optional).',
  ],
  reason: {
    seed: 'The original guide had one path: register the app with https://auth.getdbt.com/login/callback?connection=<your-deployment-id> and send the values to dbt support.',
    today:
      'dbt now also lets account admins enter the values themselves (Account settings > SSO & SCIM), with a redirect URI on the Auth0 host of their dbt region (dbt\'s SSO settings show it). No current dbt document shows the seed\'s auth.getdbt.com/login/callback?connection= form, so the guide takes the URI support sends as it is. Since December 2025 dbt asks for User.Read and GroupMember.Read.All (not Directory.AccessAsUser.All) whichever path you take.',
  },
  section: 'choose-setup',
  pages: [],
  targets: [],
  records: [],
  check: { reader: null, rule: 'setupComplete' },
} satisfies StepInput;
