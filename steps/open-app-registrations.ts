import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'open-app-registrations',
  title: 'Open App registrations',
  where: 'portal',
  instruction: [
    'Check that the directory shown in the account menu (top right) is the one your dbt users sign in with; switch directory there if not.',
    'Open Microsoft Entra ID > App registrations (the button below goes straight there).',
    'Click "+ New registration".',
  ],
  reason: {
    seed: 'The original guide says to use the "Azure Active Directory" page, then Manage > App registrations > "+ New Registration".',
    today:
      'Azure Active Directory was renamed Microsoft Entra ID in July 2023. The portal menu now says "Microsoft Entra ID", and the Entra admin center says "Entra ID > App registrations". The page itself is unchanged.',
  },
  pages: ['isAppRegistrations'],
  deepLink: 'isAppRegistrations',
  targets: [
    { locator: 'newRegistrationButton', action: 'highlight', lookFor: '+ New registration (command bar)' },
  ],
  records: ['currentDirectory'],
  check: { reader: null, rule: 'reachedRegisterForm' },
} satisfies StepInput;
