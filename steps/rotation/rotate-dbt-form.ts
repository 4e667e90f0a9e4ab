import type { StepInput } from '@/utils/guide/step-schema';
import { DBT_WAY_TO_SSO } from '../dbt-sso-form';

export default {
  id: 'rotate-dbt-form',
  title: 'Give dbt the new secret',
  where: 'dbt',
  profiles: ['self-service'],
  instruction: [
    'In dbt: your account name (left menu) > Account settings > SSO & SCIM > "Edit".',
    'Client Secret: click "Fill from this session": the guide puts the new Value into that one field, never through the clipboard. Leave the other fields as they are.',
    'Click "Save".',
  ],
  reason: {
    seed: 'The original guide sent the secret to dbt support once; it had no rotation.',
    today:
      'With self-service SSO the admin replaces the secret in dbt\'s own form (Account settings > SSO & SCIM > Edit, dbt, "Set up SSO with Microsoft Entra ID"). dbt never shows a saved secret again: the guide knows it is saved when dbt shows its configuration after Save.',
  },
  pages: ['isDbtSsoSettings', 'isDbtAccountSettings', 'isDbtApp'],
  targets: [
    ...DBT_WAY_TO_SSO,
    { locator: 'dbtSsoStartButton', action: 'highlight', lookFor: '"Edit" (Single sign-on)' },
    { locator: 'dbtClientSecretInput', action: 'fillSecret', lookFor: 'Client Secret' },
    { locator: 'dbtSaveButton', action: 'highlight', lookFor: 'Save (bottom of the form)' },
  ],
  records: ['dbtFormOpen', 'dbtLoginUrl', 'dbtSavedClientId'],
  check: { reader: 'dbtSso', rule: 'dbtSecretSaved' },
} satisfies StepInput;
