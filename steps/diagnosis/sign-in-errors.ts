import { ERROR_CODE_REFERENCE, type SignInError, type Source } from '@/utils/domain/sign-in-errors';

/**
 * The sign-in errors a test sign-in to dbt through Microsoft Entra ID can end with, what each
 * means, what to do, and the step of the guide where it is done. Meanings after Microsoft's
 * error-code reference and troubleshooting articles, and dbt's "Troubleshooting tips"; each entry
 * names its source, and docs/sources.md ("Sign-in errors (test sign-in)") quotes them.
 *
 * Plain data, outside the step files (steps/ holds one file per step; this is not one). A test
 * checks every entry against the schema and every stepId against the guide's ids.
 */

const DBT: Source = {
  title: 'Set up SSO with Microsoft Entra ID (dbt documentation, "Troubleshooting tips")',
  url: 'https://docs.getdbt.com/docs/platform/manage-access/set-up-sso-microsoft-entra-id',
};

const TROUBLESHOOT = 'https://learn.microsoft.com/troubleshoot/entra/entra-id/app-integration';

export const SIGN_IN_ERRORS: readonly SignInError[] = [
  {
    code: 'AADSTS50011',
    title: 'The redirect URI does not match',
    cause:
      'The redirect URI dbt sent with the sign-in request is not one of the redirect URIs registered for the app in Microsoft Entra ID, so Entra ID refuses to send the user back to dbt. The match is exact: scheme, host, path and case.',
    fix:
      'In the app registration, open Authentication and add, under the Web platform, the redirect URI the error shows: dbt\'s Callback URI, https://YOUR_AUTH0_URI/login/callback (for example https://auth.cloud.getdbt.com/login/callback), character for character, no trailing slash. Save, wait a few minutes, then try the sign-in again.',
    stepId: 'add-redirect-uri',
    source: {
      title: 'Error AADSTS50011 with OpenID authentication: The redirect URI specified in the request does not match',
      url: `${TROUBLESHOOT}/error-code-aadsts50011-redirect-uri-mismatch`,
    },
  },
  {
    code: 'AADSTS9002325',
    title: 'Redirect URI registered as a single-page application',
    cause:
      'The redirect URI is registered under "Single-page application" instead of "Web". For such a URI Entra ID requires PKCE and a browser (cross-origin) code exchange, and rejects dbt\'s server-side exchange with the client secret.',
    fix:
      'In the app registration, open Authentication, remove the redirect URI from "Single-page application", then "+ Add a platform" > Web and add the same URI there. dbt redeems the sign-in code on its server with the client secret, which only a Web redirect URI allows.',
    stepId: 'add-redirect-uri',
    source: DBT,
  },
  {
    code: 'AADSTS90094',
    title: 'Admin consent is required',
    cause:
      'The app asks for permissions that only an administrator can consent to, and no administrator has consented for the directory. dbt notes that SSO configurations made before December 2025 may request Directory.Read.All instead of GroupMember.Read.All.',
    fix:
      'In the app registration, open API permissions, check that the Microsoft Graph delegated permissions dbt needs are listed (User.Read and GroupMember.Read.All, plus Directory.Read.All if you added it), and click "Grant admin consent for" your directory: every row must say "Granted". If dbt\'s SSO was set up before December 2025, dbt says to delete and re-create the SSO configuration in dbt so that it asks for the current permissions (the login URL changes).',
    stepId: 'grant-admin-consent',
    source: DBT,
  },
  {
    code: 'AADSTS65001',
    title: 'No consent for the app',
    cause:
      'Neither the user nor an administrator has consented to the app\'s permissions. When "Assignment required?" is Yes, users cannot consent for themselves: an administrator must.',
    fix:
      'In the app registration, open API permissions and click "Grant admin consent for" your directory, then check that every permission dbt needs says "Granted". Then try the sign-in again.',
    stepId: 'grant-admin-consent',
    source: ERROR_CODE_REFERENCE,
  },
  {
    code: 'AADSTS700016',
    title: 'Application not found in the directory',
    cause:
      'Entra ID found no application with the client ID dbt sent, in the directory the request went to: the Client ID in dbt is not the app\'s Application (client) ID (for example its Object ID or the Secret ID), or the Tenant ID in dbt is another directory\'s.',
    fix:
      'In dbt, Account settings > SSO & SCIM > Edit: compare Client ID with the app\'s "Application (client) ID" and Tenant ID with its "Directory (tenant) ID", both on the app registration\'s Overview page. Correct them and save.',
    stepId: 'dbt-sso-form',
    source: ERROR_CODE_REFERENCE,
  },
  {
    code: 'AADSTS90002',
    title: 'Directory (tenant) not found',
    cause: 'The directory named in the request does not exist: the Tenant ID or domain given to dbt is mistyped, or is not this directory\'s.',
    fix:
      'In dbt, Account settings > SSO & SCIM > Edit: copy Tenant ID again from the app\'s "Directory (tenant) ID" (app registration > Overview) and Microsoft Entra ID Domain from the directory\'s "Primary domain" (Microsoft Entra ID > Overview). Save.',
    stepId: 'dbt-sso-form',
    source: ERROR_CODE_REFERENCE,
  },
  {
    code: 'AADSTS50194',
    title: 'The app is not multi-tenant',
    cause:
      'The sign-in went to a multi-tenant endpoint (such as /common), but the app accepts accounts of its own directory only. In dbt this points to "Log in with: Microsoft Entra ID Multi Tenant", or an authority string (common, organizations) in the domain field, for an app registered for one directory.',
    fix:
      'In dbt, Account settings > SSO & SCIM > Edit: choose "Microsoft Entra ID Single Tenant", enter the Tenant ID, and the primary domain in Microsoft Entra ID Domain; save. Register a multi-tenant app instead only if people from other directories must sign in.',
    stepId: 'dbt-sso-form',
    source: ERROR_CODE_REFERENCE,
  },
  {
    code: 'AADSTS7000215',
    title: 'Invalid client secret',
    cause:
      'The client secret dbt sent is not a valid secret of the app. Most often the Secret ID was pasted instead of the secret\'s Value (Entra ID\'s own message says to send the Value, not the ID), or the Value was cut short.',
    fix:
      'In the app registration, open Certificates & secrets and create a new client secret. Copy its Value at once (it is shown only right after it is created), not the Secret ID, and paste it into Client Secret in dbt (Account settings > SSO & SCIM > Edit); save.',
    stepId: 'create-client-secret',
    source: ERROR_CODE_REFERENCE,
  },
  {
    code: 'AADSTS7000222',
    title: 'The client secret has expired',
    cause: 'The client secret dbt uses is past its expiry date. A new secret must be created and given to dbt.',
    fix:
      'In the app registration, open Certificates & secrets and create a new client secret (24 months at most). Paste its Value into Client Secret in dbt (Account settings > SSO & SCIM > Edit) and save; then delete the expired secret, and note the new expiry date to renew it in time.',
    stepId: 'create-client-secret',
    source: ERROR_CODE_REFERENCE,
  },
  {
    code: 'AADSTS50105',
    title: 'The user is not assigned to the app',
    cause:
      '"Assignment required?" is Yes on dbt\'s enterprise application, and the user who signed in is not assigned to it: neither directly, nor through a group assigned to the app (nested groups do not count).',
    fix:
      'In Enterprise applications > the dbt app > Users and groups, "+ Add user/group": assign the user, or a group the user is a direct member of (assigning groups needs Microsoft Entra ID P1 or P2). Then sign in again.',
    stepId: 'assign-users',
    source: {
      title: 'Error AADSTS50105 - The signed in user is not assigned to a role for the application',
      url: `${TROUBLESHOOT}/error-code-aadsts50105-user-not-assigned-role`,
    },
  },
  {
    code: 'AADSTS50020',
    title: 'The account belongs to another directory',
    cause:
      'The account that signed in does not exist in your directory (it belongs to another organisation, or is a personal Microsoft account), and the app accepts only accounts of your directory.',
    fix:
      'Test with an account of your own directory that is assigned to the app: sign out of Microsoft, or use a private browser window, and sign in again. People from another organisation must first be invited to your directory as guests and assigned to the app.',
    stepId: 'test-sign-in',
    source: {
      title: 'Error AADSTS50020 - User account from identity provider does not exist in tenant',
      url: `${TROUBLESHOOT}/error-code-aadsts50020-user-account-identity-provider-does-not-exist`,
    },
  },
  {
    code: 'AADSTS700054',
    title: 'ID tokens are not enabled for the app',
    cause: 'The sign-in asked for an ID token from the authorization endpoint, and the app does not allow ID tokens to be issued that way (implicit grant).',
    fix:
      'In the app registration, open Authentication, and under "Implicit grant and hybrid flows" tick "ID tokens (used for implicit and hybrid flows)"; save, then try again. (dbt\'s document does not ask for this setting; this is Microsoft\'s fix for the error.)',
    stepId: 'add-redirect-uri',
    source: ERROR_CODE_REFERENCE,
  },
  {
    code: 'dbt-domain-mismatch',
    match: ['Domain name mismatch'],
    title: 'Domain name mismatch (dbt)',
    cause:
      'dbt\'s message: the domain under which the user accounts exist in Microsoft Entra ID does not match the domain entered in dbt\'s SSO settings (Microsoft Entra ID Domain).',
    fix:
      'Copy the "Primary domain" from Microsoft Entra ID > Overview, and enter it in dbt (Account settings > SSO & SCIM > Edit) as Microsoft Entra ID Domain: the domain alone, such as contoso.com, not an e-mail address or URL. dbt asks for the primary domain only; for a multi-tenant app the field holds organizations, common or consumers instead.',
    stepId: 'dbt-sso-form',
    source: DBT,
  },
];
