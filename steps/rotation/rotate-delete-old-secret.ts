import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'rotate-delete-old-secret',
  title: 'Delete the old client secret',
  where: 'portal',
  // Never before dbt signs in with the new secret: the old one is the way back until then.
  inOrder: true,
  instruction: [
    'In Certificates & secrets > Client secrets, the guide rings the old secret\'s Delete (its Secret ID is the one captured before). Check the row: description, expiry.',
    'Click Delete, then confirm ("Yes"). The guide never deletes for you.',
  ],
  reason: {
    seed: 'The original guide had no rotation.',
    today:
      'An old secret that still works is a credential nobody watches: once dbt signs in with the new one, the old one goes (Microsoft Graph "application: removePassword": a secret is removed by its keyId, the portal\'s "Secret ID").',
  },
  pages: ['isAppCredentials'],
  deepLink: 'isAppCredentials',
  targets: [
    { locator: 'clientSecretsTab', action: 'highlight', lookFor: 'the "Client secrets (n)" tab' },
    { locator: 'deleteSecretButton', action: 'highlight', value: 'oldSecretId', lookFor: 'Delete (trash icon) on the old secret\'s row' },
    { locator: 'confirmDeleteSecretButton', action: 'highlight', lookFor: '"Yes" in "Delete client secret"' },
  ],
  records: ['secretIds'],
  check: { reader: 'clientSecrets', rule: 'oldSecretDeleted' },
} satisfies StepInput;
