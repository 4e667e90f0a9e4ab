import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'handoff',
  title: 'Review and hand the values to dbt securely',
  where: 'extension',
  // Self-service fills dbt's form from the session instead (dbt-sso-form); the popup still offers
  // the review and the export there, as a secondary action.
  profiles: ['support'],
  instruction: [
    'Open the extension\'s popup (or the checklist page) and review every value; fix any that is flagged.',
    'Export the encrypted file (.asc) and send it to dbt; send the passphrase, if you used one, over another channel.',
    'Paste the message without the secret into the support chat or e-mail, or type the values into dbt\'s SSO & SCIM form.',
    'Then "Finish and clear" to remove the secret from this browser.',
  ],
  reason: {
    seed: 'The original guide: "Send these values to us via support (either in-app via Intercom, or via email)".',
    today:
      'A client secret pasted into a chat or an e-mail is a leaked credential: anyone who reads it can impersonate the app. The secret now travels only inside a file that only dbt can open (OpenPGP, read with plain gpg), or goes straight into dbt\'s own form.',
  },
  pages: [],
  targets: [],
  records: [],
  check: { reader: null, rule: 'handoffExported' },
  section: 'export-values',
} satisfies StepInput;
