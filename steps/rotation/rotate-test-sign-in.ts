import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'rotate-test-sign-in',
  title: 'Test the sign-in with the new secret',
  where: 'extension',
  section: 'try-sign-in',
  instruction: [
    'Open dbt\'s login URL in a private window and sign in as a user assigned to the app: dbt now uses the new secret.',
    'An error (AADSTS7000215: the Secret ID instead of the Value, or another secret): paste it into "Explain a sign-in error". Do not delete the old secret before a sign-in works.',
    'Once a user is signed in, mark this step done ("A user signed in").',
  ],
  reason: {
    seed: 'The original guide had no rotation.',
    today: 'The old secret is the way back until the new one is proven: sign in first, delete after.',
  },
  pages: [],
  targets: [],
  records: [],
  check: { reader: null, rule: 'signInConfirmed' },
} satisfies StepInput;
