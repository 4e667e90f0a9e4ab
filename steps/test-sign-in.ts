import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'test-sign-in',
  title: 'Test the sign-in',
  where: 'extension',
  section: 'try-sign-in',
  instruction: [
    'Open dbt\'s login URL (dbt shows it after Save: https://<your access URL>/enterprise-login/<slug>) in a private window, and sign in as a user assigned to the app.',
    'Success: Microsoft\'s sign-in page, then dbt, signed in as that user.',
    'An error from Microsoft (a code starting with AADSTS) or from dbt: paste its text or the page\'s address into "Explain a sign-in error"; the guide says what it means and which step fixes it.',
    'Once a user is signed in, mark this step done ("A user signed in").',
  ],
  reason: {
    seed: 'The original guide ended when the values were sent; dbt support then enabled SSO.',
    today:
      'SSO works only once a user can sign in. dbt\'s document says to test with the login URL, which contains the account\'s SSO slug (it changes when the configuration is re-created), in a private window so that the admin\'s own session is not used.',
  },
  pages: [],
  targets: [],
  records: [],
  check: { reader: null, rule: 'signInConfirmed' },
} satisfies StepInput;
