import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'add-redirect-uri',
  title: 'Add the Web redirect URI',
  where: 'portal',
  instruction: [
    'In the app\'s menu, open Manage > Authentication.',
    'Click "+ Add a platform", then the "Web" tile.',
    'Paste the redirect URI shown below into "Redirect URIs" and click "Configure".',
  ],
  reason: {
    seed: 'The original guide set the redirect URI on the registration form only.',
    today:
      'Some tenants are not offered the Redirect URI on the registration form. dbt documents this branch: add it afterwards as a Web platform under Authentication. Without it, Entra ID refuses to send users back to dbt after they sign in.',
  },
  pages: ['isAppAuthentication'],
  deepLink: 'isAppAuthentication',
  targets: [
    { locator: 'addPlatformButton', action: 'highlight', lookFor: '+ Add a platform' },
    { locator: 'webPlatformTile', action: 'highlight', lookFor: 'Configure platforms > Web' },
    { locator: 'webRedirectUriInput', action: 'fill', value: 'redirectUri', lookFor: 'Configure Web > Redirect URIs' },
    { locator: 'configureButton', action: 'highlight', lookFor: 'Configure (bottom of the panel)' },
  ],
  records: ['redirectUris'],
  check: { reader: 'authRedirectUris', rule: 'webRedirectUriPresent' },
  optional: true,
  neededWhen: 'webRedirectUriMissing',
  // What this step is here to do: "to do" until done, never an error.
  todoFindings: ['redirect-uri-absent'],
} satisfies StepInput;
