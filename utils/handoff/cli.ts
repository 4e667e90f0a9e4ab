import { ACCOUNT_TYPES, PORTAL_VALUES, planFor, type AccountType, type Setup } from '@/utils/domain/setup';

/**
 * The command-line path: the same registration as the guided steps, as Azure CLI commands for
 * Azure Cloud Shell (bash), filled with the profile's values. Each command says what it does and
 * why; `cliScript` joins them into one script to paste whole: it runs in its own bash, so the
 * first error stops the script and never the admin's Cloud Shell.
 *
 * Every flag and identifier below was checked against Microsoft's documentation (and, where the
 * documentation is thin, against the Azure CLI's own source); the source is named next to it.
 */

/**
 * Microsoft Graph's well-known application (client) ID, the same in every tenant: the `--api`
 * value of `az ad app permission add`.
 * Source: `az ad app permission add` reference ("Microsoft Graph:
 * 00000003-0000-0000-c000-000000000000"),
 * https://learn.microsoft.com/cli/azure/ad/app/permission#az-ad-app-permission-add
 */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/**
 * Microsoft Graph delegated permissions (oauth2PermissionScopes) by name, with their well-known
 * IDs: the `<id>=Scope` values of `az ad app permission add`. The one place these IDs live.
 */
export const GRAPH_DELEGATED_PERMISSION_IDS: Record<string, string> = {
  // Sources: https://learn.microsoft.com/graph/permissions-reference#userread and
  // https://learn.microsoft.com/graph/migrate-azure-ad-graph-permissions-differences#userread
  // (Microsoft Graph, Delegated, "Sign in and read user profile"); also the example
  // "Add Microsoft Graph delegated permission User.Read" of `az ad app permission add`.
  'User.Read': 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
  // Sources: https://learn.microsoft.com/graph/permissions-reference#directoryaccessasuserall and
  // https://learn.microsoft.com/graph/migrate-azure-ad-graph-permissions-differences#directoryaccessasuserall
  // (Microsoft Graph, Delegated, "Access the directory as the signed-in user").
  'Directory.AccessAsUser.All': '0e263e50-5827-48a4-b97c-d940288653c7',
  // Source: https://learn.microsoft.com/graph/permissions-reference#groupmemberreadall
  // (Delegated, "Read group memberships"; the Application permission of the same name has another
  // ID, 98830695-27a2-44f7-8c18-0c3ebc9698f6, which must not be used here). Cross-checked with
  // https://graphpermissions.merill.net/permission/GroupMember.Read.All (generated from the
  // Microsoft Graph service principal's oauth2PermissionScopes).
  'GroupMember.Read.All': 'bc024368-1153-4739-b217-4326f2e966d0',
  // Source: https://learn.microsoft.com/graph/permissions-reference#directoryreadall (Delegated,
  // "Read directory data"; the Application permission of the same name is
  // 7ab1d382-f21e-4acd-a863-ba3e13f7da61, not this one).
  'Directory.Read.All': '06da0dbc-49e2-44d2-8312-53f166ab848a',
};

/** The shell variable that holds the new app's Application (client) ID between commands. */
export const APP_ID_VARIABLE = 'APP_ID';

/** The shell variable that holds the enterprise application's (service principal's) object ID. */
export const SP_ID_VARIABLE = 'SP_ID';

/**
 * With no redirect URI yet, the script reads it from this variable and stops if it is unset. The
 * whole script runs in a child bash, which sees only exported variables: hence `export`.
 */
export const REDIRECT_URI_VARIABLE = 'DBT_REDIRECT_URI';

/**
 * Longest client secret lifetime the portal offers: "730 days (24 months)" (PORTAL_VALUES). The
 * CLI counts in whole years (`--years`), so 2.
 */
export const SECRET_YEARS = 2;

/**
 * The last line of the here-document that holds the script (`bash <<'SCRIPT'`). Another one is
 * chosen if a line of the script is exactly this word (a pasted value with a line break could be).
 */
export const SCRIPT_DELIMITER = 'SCRIPT';

export type SignInAudience =
  | 'AzureADMyOrg'
  | 'AzureADMultipleOrgs'
  | 'AzureADandPersonalMicrosoftAccount'
  | 'PersonalMicrosoftAccount';

/**
 * `az ad app create --sign-in-audience` (the manifest's signInAudience) for each account type of
 * the setup, the same choice as the radio on "Register an application".
 * Values: https://learn.microsoft.com/cli/azure/ad/app#az-ad-app-create ("accepted values:
 * AzureADMultipleOrgs, AzureADMyOrg, AzureADandPersonalMicrosoftAccount, PersonalMicrosoftAccount";
 * also Azure CLI source, role module, _params.py `sign_in_audience`). Meaning of each:
 * https://learn.microsoft.com/entra/identity-platform/supported-accounts-validation
 */
export const SIGN_IN_AUDIENCES: Record<AccountType, SignInAudience> = {
  single: 'AzureADMyOrg',
  multi: 'AzureADMultipleOrgs',
  'multi-personal': 'AzureADandPersonalMicrosoftAccount',
  personal: 'PersonalMicrosoftAccount',
};

/**
 * The app role of an app that defines none ("Default Access"): the `appRoleId` of a user or group
 * assignment to it. Source: https://learn.microsoft.com/entra/identity/enterprise-apps/assign-user-or-group-access-portal
 * (Microsoft Graph tab: "The default AppRole ID is 00000000-0000-0000-0000-000000000000. This role
 * is assigned when no specific AppRole is defined for a service principal."); docs/sources.md, I.
 */
export const DEFAULT_ACCESS_APP_ROLE_ID = '00000000-0000-0000-0000-000000000000';

/** The portal's path to assign users and groups by hand (dbt's procedure; docs/sources.md, F). */
const PORTAL_ASSIGNMENT_PATH = `Enterprise applications > ${PORTAL_VALUES.appName} > Users and groups > + Add user/group`;

export interface CliOptions {
  /**
   * Object ID of a Microsoft Entra group to assign to the enterprise application. Not a secret.
   * Empty or absent: the script tells the admin to assign users or groups in the portal.
   */
  groupObjectId?: string;
}

export interface CliCommand {
  /** Stable id (kebab case), for keys and tests. Never one of the guide's step ids. */
  id: string;
  /** What the command does, in a few words. */
  title: string;
  /** Why, in the admin's words. */
  why: string;
  /** The bash text to paste into Azure Cloud Shell (may span several lines). */
  command: string;
}

export interface CliPlan {
  /** False while the setup has no redirect URI: the commands then carry a placeholder. */
  complete: boolean;
  /** What is missing, in words, when incomplete. */
  missing: string | null;
  /** The setup's account type, its words and the sign-in audience that follows. */
  accountType: AccountType;
  accountTypeLabel: string;
  signInAudience: SignInAudience;
  /** What the admin must know about the account type: dbt's domain value, other tenants' consent. */
  notes: readonly string[];
  /** The group the script assigns (lower case), or null: assign in the portal. */
  groupObjectId: string | null;
  commands: readonly CliCommand[];
}

/**
 * Quotes a value for bash as one word, always with single quotes: inside them nothing expands
 * (no `$`, backquote, `!`, glob or tilde), and a single quote is written as `'\''` (close, escaped
 * quote, reopen). Bash strings cannot hold NUL, so a NUL is refused rather than silently cut.
 */
export function shellQuote(value: string): string {
  if (value.includes('\0')) throw new Error('A shell word cannot contain a NUL character.');
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** An OData string literal: single quotes, a quote inside doubled. */
function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

const PERMISSION_NAME = /^[A-Za-z][A-Za-z0-9.]*$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const GUID_ANY_CASE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Null when the group Object ID is empty (optional) or a GUID; otherwise what is wrong, in words.
 * A GUID is also what makes the value safe to write into the script unquoted.
 */
export function groupObjectIdError(value: string): string | null {
  const text = value.trim();
  if (text === '' || GUID_ANY_CASE.test(text)) return null;
  return (
    'A group Object ID is 32 hexadecimal digits in groups of 8-4-4-4-12, such as ' +
    '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0. Copy it from Groups > the group > Overview > Object ID; ' +
    'the script assigns no group until it is one.'
  );
}

function permissionId(name: string): string {
  const id = GRAPH_DELEGATED_PERMISSION_IDS[name];
  if (id === undefined || !GUID.test(id) || !PERMISSION_NAME.test(name)) {
    throw new Error(`No documented Microsoft Graph delegated permission ID for ${name}.`);
  }
  return id;
}

function slug(name: string): string {
  return name.toLowerCase().replaceAll('.', '-');
}

/**
 * `"${APP_ID:?...}"`: stops the command if the app was not created first. In the script (its own
 * bash, non-interactive) that ends the script; typed alone into the interactive Cloud Shell, bash
 * only abandons that command, and the shell stays open.
 */
const APP_ID = `"\${${APP_ID_VARIABLE}:?Run the create-app command first}"`;

/** Account types whose users come from other directories, whose admins consent for them. */
function otherTenantsConsent(type: AccountType): boolean {
  return type === 'multi' || type === 'multi-personal';
}

/** The tenant-wide admin consent URL for another tenant (docs/sources.md, D and F). */
function adminConsentUrl(tenant: string, clientId: string): string {
  return `https://login.microsoftonline.com/${tenant}/adminconsent?client_id=${clientId}`;
}

export function cliPlan(setup: Setup, options: CliOptions = {}): CliPlan {
  const plan = planFor(setup);
  const complete = plan.redirectUri !== null;
  const missing = complete
    ? null
    : setup.profile === 'support'
      ? 'The redirect URI: enter the deployment ID from dbt support first.'
      : 'The redirect URI: paste the one shown in dbt (SSO & SCIM) first.';
  // With no URI yet, the command reads it from a variable and stops with this message if unset.
  const redirectUri =
    plan.redirectUri === null
      ? `"\${${REDIRECT_URI_VARIABLE}:?Run export ${REDIRECT_URI_VARIABLE}=the redirect URI from dbt first}"`
      : shellQuote(plan.redirectUri);
  const appName = PORTAL_VALUES.appName;
  const names = plan.permissions.map((p) => {
    if (p.api !== 'Microsoft Graph' || p.type !== 'Delegated') {
      throw new Error(`Unexpected permission ${p.api} ${p.name} (${p.type}).`);
    }
    permissionId(p.name); // throws unless documented (and so safe to write unquoted)
    return p.name;
  });

  const accountType = setup.accountType;
  const type = ACCOUNT_TYPES[accountType];
  const audience = SIGN_IN_AUDIENCES[accountType];
  // The portal sets v2 access tokens itself for the personal-account types; Microsoft Graph refuses
  // such an app without it, so the CLI must ask.
  const personal = audience === 'AzureADandPersonalMicrosoftAccount' || audience === 'PersonalMicrosoftAccount';

  const rawGroup = options.groupObjectId?.trim() ?? '';
  if (groupObjectIdError(rawGroup) !== null) throw new Error('The group Object ID is not a GUID.');
  const group = rawGroup === '' ? null : rawGroup.toLowerCase();

  const notes: string[] = [
    `Account type: "${type.label}" (the portal's "${plan.accountTypeRadio}", sign-in audience ${audience}).`,
    plan.authority === null
      ? `In dbt, choose "${type.dbtLoginWith}"; its Microsoft Entra ID Domain is your directory's primary domain, shown at the end.`
      : `In dbt, choose "${type.dbtLoginWith}"; its Microsoft Entra ID Domain is ${plan.authority} (this word, not a domain name).`,
    ...(otherTenantsConsent(accountType)
      ? [
          'Multi-tenant: the consent granted here covers your directory only. The admin of each other tenant ' +
            `whose users sign in must grant consent once, at ${adminConsentUrl('<tenant-id>', '<client-id>')} ` +
            '(their tenant ID, this app\'s client ID; the script prints it with the client ID filled in).',
        ]
      : []),
  ];

  const portalConsent = `App registrations > ${appName} > API permissions > Grant admin consent for <your directory>`;

  const commands: CliCommand[] = [
    {
      id: 'show-directory',
      title: 'Check the directory you are signed in to',
      why:
        'The app is registered in the directory (tenant) of the signed-in account. Make sure it is ' +
        'the one whose users will sign in to dbt Cloud before creating anything.',
      // https://learn.microsoft.com/cli/azure/account#az-account-show
      command: `az account show --query '{tenantId: tenantId, user: user.name}' --output table`,
    },
    {
      id: 'create-app',
      title: `Register the app "${appName}" (${type.label}; Web redirect URI)`,
      why:
        `Creates the app registration: name "${appName}", "${plan.accountTypeRadio}" ` +
        `(sign-in audience ${audience}), platform Web with the redirect URI dbt uses after sign-in. ` +
        (personal
          ? 'It asks for version 2 access tokens, which Microsoft requires of apps that accept ' +
            'personal Microsoft accounts (the portal sets it for you). '
          : '') +
        'It stops if an app of that name already exists: `az ad app create` ' +
        'would silently update that app instead of making a new one.',
      // `az ad app create --display-name --sign-in-audience {AzureADMyOrg,...} --web-redirect-uris`:
      // https://learn.microsoft.com/cli/azure/ad/app#az-ad-app-create
      // `--requested-access-token-version 2` (Azure CLI 2.68.0 and later) for the personal-account
      // audiences: "If signInAudience is AzureADandPersonalMicrosoftAccount or
      // PersonalMicrosoftAccount, the value for this property must be 2" (requestedAccessTokenVersion),
      // https://learn.microsoft.com/graph/api/resources/apiapplication
      // It patches an existing app with the same display name ("Found an existing application
      // instance ... We will patch it."): Azure CLI source, role module, custom.py
      // create_application (github.com/Azure/azure-cli). Hence the exact-name check first, with
      // `az ad app list --filter` (OData): https://learn.microsoft.com/cli/azure/ad/app#az-ad-app-list
      // The create is an `elif` condition so that, typed alone into an interactive shell, a failure
      // says so instead of printing an empty client ID.
      command: [
        `unset ${APP_ID_VARIABLE}`,
        `EXISTING_APP_IDS="$(az ad app list --filter ${shellQuote(`displayName eq ${odataString(appName)}`)} --query '[].appId' --output tsv)"`,
        `if [ -n "$EXISTING_APP_IDS" ]; then`,
        `  printf 'An app registration named %s already exists (client ID: %s). Nothing was changed.\\n' ${shellQuote(appName)} "$EXISTING_APP_IDS" >&2`,
        `  echo "Delete or rename it or, if you just made it, run ${APP_ID_VARIABLE}=<its client ID> and go on with the next command." >&2`,
        `  false`,
        `elif ${APP_ID_VARIABLE}="$(az ad app create --display-name ${shellQuote(appName)} --sign-in-audience ${audience}${personal ? ' --requested-access-token-version 2' : ''} --web-redirect-uris ${redirectUri} --query appId --output tsv)"; then`,
        `  printf 'Registered %s: Application (client) ID %s\\n' ${shellQuote(appName)} "$${APP_ID_VARIABLE}"`,
        `else`,
        `  unset ${APP_ID_VARIABLE}`,
        `  echo "The app registration was not created (see the error above)." >&2`,
        `  false`,
        `fi`,
      ].join('\n'),
    },
    {
      id: 'create-service-principal',
      title: 'Create the enterprise application (service principal)',
      why:
        'The enterprise application is where sign-in is allowed (assignment) and where consent is ' +
        'recorded, so it must exist first (the portal creates it for you when you register an app ' +
        'there). An existing one is kept. A brand-new app can take a few seconds to become visible, ' +
        'so this retries briefly.',
      // `az ad app permission grant`: "A service principal must exist for the app when running
      // this command. To create a corresponding service principal, use `az ad sp create --id
      // {appId}`." https://learn.microsoft.com/cli/azure/ad/app/permission#az-ad-app-permission-grant
      // `az ad sp create --id`: https://learn.microsoft.com/cli/azure/ad/sp#az-ad-sp-create
      // `az ad sp show --id` (appId accepted) exits non-zero when it does not exist, which ends the
      // script: https://learn.microsoft.com/cli/azure/ad/sp#az-ad-sp-show
      command: [
        `for attempt in 1 2 3 4 5 6; do`,
        `  if az ad sp show --id ${APP_ID} --output none 2> /dev/null || az ad sp create --id ${APP_ID} --output none; then break; fi`,
        `  echo "Not visible yet, retrying in 10 seconds ($attempt of 6)" >&2`,
        `  sleep 10`,
        `done`,
        `az ad sp show --id ${APP_ID} --query id --output tsv > /dev/null`,
      ].join('\n'),
    },
    {
      id: 'assignment-required',
      title: 'Require assignment: only assigned users and groups can sign in',
      why:
        'Sets "Assignment required?" to Yes on the enterprise application, as dbt recommends: with ' +
        'No, anyone in the directory can sign in to dbt Cloud (and invited guests too). With Yes, ' +
        'only the users and groups assigned to the app can.' +
        (plan.authority === null
          ? ''
          : ' It applies to your directory; each other tenant has its own enterprise application, ' +
            'set by its own admin.'),
      // The property is on the service principal: appRoleAssignmentRequired, "Specifies whether
      // users or other service principals need to be granted an app role assignment for this
      // service principal before users can sign in or apps can get tokens. The default value is
      // false." https://learn.microsoft.com/graph/api/resources/serviceprincipal
      // With No, "all users are able to sign in": https://learn.microsoft.com/entra/identity/enterprise-apps/application-properties
      // `az ad sp update --id --set <property>=<value>` (generic update):
      // https://learn.microsoft.com/cli/azure/ad/sp#az-ad-sp-update (docs/sources.md, H and I).
      command: `az ad sp update --id ${APP_ID} --set appRoleAssignmentRequired=true`,
    },
    group === null
      ? {
          id: 'assign-group',
          title: 'Assign users or groups (in the portal: no group given)',
          why:
            'With assignment required, only assigned users and groups can sign in. No group Object ' +
            `ID was given, so assign them in the portal: ${PORTAL_ASSIGNMENT_PATH}. Assigning a ` +
            'group needs Microsoft Entra ID P1 or P2; on the Free edition, assign users one by one.',
          // https://learn.microsoft.com/entra/identity/enterprise-apps/assign-user-or-group-access-portal
          // ("Group-based assignment requires Microsoft Entra ID P1 or P2 edition."; docs/sources.md, H)
          command: `# No group given: assign users or groups in the portal: ${PORTAL_ASSIGNMENT_PATH}.`,
        }
      : {
          id: 'assign-group',
          title: `Assign the group ${group} to the enterprise application`,
          why:
            'With assignment required, only assigned users and groups can sign in: this assigns ' +
            'the group (its direct members; nested groups do not count) through Microsoft Graph. ' +
            'Assigning a group needs Microsoft Entra ID P1 or P2; if it fails, assign users or ' +
            `groups in the portal: ${PORTAL_ASSIGNMENT_PATH}.`,
          // POST /servicePrincipals/{id}/appRoleAssignedTo with principalId (the group), resourceId
          // (the same service principal) and appRoleId (default access, as the app defines no
          // roles): https://learn.microsoft.com/entra/identity/enterprise-apps/assign-user-or-group-access-portal
          // (Microsoft Graph tab) and https://learn.microsoft.com/graph/api/serviceprincipal-post-approleassignedto
          // `az rest` sends the signed-in user's token for Microsoft Graph, and JSON as
          // application/json: https://learn.microsoft.com/cli/azure/reference-index#az-rest
          // The service principal's object ID is not the app's client ID: `az ad sp show --query id`.
          command: [
            `${SP_ID_VARIABLE}="$(az ad sp show --id ${APP_ID} --query id --output tsv)"`,
            `if az rest --method POST --uri "https://graph.microsoft.com/v1.0/servicePrincipals/$${SP_ID_VARIABLE}/appRoleAssignedTo" --body '{"principalId": "${group}", "resourceId": "'"$${SP_ID_VARIABLE}"'", "appRoleId": "${DEFAULT_ACCESS_APP_ROLE_ID}"}' --output none; then`,
            `  printf 'Group %s assigned to %s.\\n' ${group} ${shellQuote(appName)}`,
            `else`,
            `  printf 'The group was not assigned (see the error above; groups need Microsoft Entra ID P1 or P2). Assign users or groups in the portal: %s.\\n' ${shellQuote(PORTAL_ASSIGNMENT_PATH)} >&2`,
            `fi`,
          ].join('\n'),
        },
    ...names.map(
      (name): CliCommand => ({
        id: `add-permission-${slug(name)}`,
        title: `Add the Microsoft Graph delegated permission ${name}`,
        why:
          `${plan.permissions.find((p) => p.name === name)?.why ?? ''} Added by its well-known ` +
          'ID as a delegated permission (Scope) of Microsoft Graph.' +
          (setup.profile === 'support'
            ? ' The original guide also asked for it under Azure AD Graph, which was retired on ' +
              '31 August 2025: the Microsoft Graph permission replaces it.'
            : ''),
        // `--api <resource appId> --api-permissions <id>=Scope` (Scope = delegated, Role =
        // application): https://learn.microsoft.com/cli/azure/ad/app/permission#az-ad-app-permission-add
        command: `az ad app permission add --id ${APP_ID} --api ${MICROSOFT_GRAPH_APP_ID} --api-permissions ${permissionId(name)}=Scope`,
      }),
    ),
    {
      id: 'consent',
      title: 'Grant admin consent for the organization',
      why:
        'Grants the delegated permissions for every user of the directory at once, what "Grant ' +
        'admin consent" does in the portal (the rows then read "Granted for <your directory>"). ' +
        'It needs an administrator allowed to consent for the organization. It uses ' +
        '`az ad app permission grant` because `az ad app permission admin-consent` calls a ' +
        `deprecated endpoint that fails in Cloud Shell. If it fails, press the button instead: ${portalConsent}.`,
      // Admin consent to delegated permissions = an oauth2PermissionGrant with consentType
      // AllPrincipals: https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent
      // (Microsoft Graph tab). `az ad app permission grant --id --api --scope` (consent type
      // defaults to AllPrincipals; scopes space-separated; `--api` also takes the API's appId):
      // https://learn.microsoft.com/cli/azure/ad/app/permission#az-ad-app-permission-grant
      // Why not `az ad app permission admin-consent`: it posts to main.iam.ad.ext.azure.com, which
      // "fails in Cloud Shell" and is deprecated: https://github.com/Azure/azure-cli/issues/29424
      // (also #8912, #14230; docs/sources.md, I). The result is listed at the end (list-grants).
      // On failure the script goes on (the rest does not depend on consent) after saying what to do.
      command: [
        `if ! az ad app permission grant --id ${APP_ID} --api ${MICROSOFT_GRAPH_APP_ID} --scope ${shellQuote(names.join(' '))} --output none; then`,
        `  printf 'Admin consent was not granted (see the error above). Grant it in the portal: %s.\\n' ${shellQuote(portalConsent)} >&2`,
        `fi`,
      ].join('\n'),
    },
    {
      id: 'add-secret',
      title: `Create the client secret "${PORTAL_VALUES.secretDescription}" (${SECRET_YEARS} years), saved to a private file`,
      why:
        `Creates a client secret described "${PORTAL_VALUES.secretDescription}" valid for ` +
        `${SECRET_YEARS} years, the longest the portal offers ("${PORTAL_VALUES.secretExpiry}"; ` +
        '"Never" no longer exists; your organization may allow less). The secret Value is ' +
        'written straight to a file only you can read, in a temporary folder that disappears ' +
        'with the Cloud Shell session: it is never shown on screen, kept in a variable or saved ' +
        'to your persistent home directory. Open it once to hand it to dbt, then delete it.',
      // `az ad app credential reset --id --display-name --years --append` (the description flag is
      // `--display-name`, "Friendly name for the credential"; `--credential-description` was the
      // Azure AD Graph era flag; `--years` and `--end-date` exclude each other; without
      // `--append` every existing secret of the app is deleted), output {appId, password, tenant}:
      // https://learn.microsoft.com/cli/azure/ad/app/credential#az-ad-app-credential-reset
      // (flags also in the Azure CLI source, role module, _params.py and custom.py _reset_credential).
      // Why a file in a private temporary folder, not the screen or $HOME: a printed secret stays in
      // the terminal's scrollback; Cloud Shell saves $HOME into an Azure Files share, while other
      // folders go away with the session:
      // https://learn.microsoft.com/azure/cloud-shell/persisting-shell-storage
      // mktemp makes the folder readable only by you (0700); umask 077 makes the file 0600.
      command: [
        `SECRET_DIR="$(mktemp -d)"`,
        `SECRET_FILE="$SECRET_DIR/dbt-cloud-client-secret.txt"`,
        `(umask 077 && az ad app credential reset --id ${APP_ID} --display-name ${shellQuote(PORTAL_VALUES.secretDescription)} --years ${SECRET_YEARS} --append --query password --output tsv > "$SECRET_FILE")`,
        `chmod 600 "$SECRET_FILE"`,
        `echo "The client secret Value is in $SECRET_FILE (only you can read it). It is not shown here."`,
      ].join('\n'),
    },
    {
      id: 'print-values',
      title: 'Show the values to hand to dbt, and what is left to do',
      why:
        'Shows the Application (client) ID, the Directory (tenant) ID, the primary domain, dbt\'s ' +
        'Microsoft Entra ID Domain for this account type, the admin consent and the secret expiry ' +
        'date to record. The secret Value stays in its file: show it with the cat command printed ' +
        'here only when you are ready to paste it, then delete the file.',
      // Tenant ID: https://learn.microsoft.com/cli/azure/account#az-account-show
      // Primary domain = the domain with isDefault true ("the default domain that is used for user
      // creation", shown as "Primary domain" in the portal; isInitial is the *.onmicrosoft.com one):
      // https://learn.microsoft.com/graph/api/resources/domain and
      // https://learn.microsoft.com/graph/api/domain-list, called with `az rest` (token for
      // Microsoft Graph from the URL): https://learn.microsoft.com/cli/azure/reference-index#az-rest
      // dbt's "Microsoft Entra ID Domain": the primary domain for one tenant, else organizations,
      // common or consumers (dbt, "Set up SSO with Microsoft Entra ID"; docs/sources.md, F).
      // Consent recorded: https://learn.microsoft.com/cli/azure/ad/app/permission#az-ad-app-permission-list-grants
      // Secret metadata only (the Value cannot be read back):
      // https://learn.microsoft.com/cli/azure/ad/app/credential#az-ad-app-credential-list
      command: [
        `TENANT_ID="$(az account show --query tenantId --output tsv)"`,
        `PRIMARY_DOMAIN="$(az rest --method get --url ${shellQuote('https://graph.microsoft.com/v1.0/domains')} --query 'value[?isDefault].id' --output tsv)"`,
        `echo "Application (client) ID: $${APP_ID_VARIABLE}"`,
        `echo "Directory (tenant) ID:   $TENANT_ID"`,
        `echo "Primary domain:          $PRIMARY_DOMAIN"`,
        plan.authority === null
          ? `echo "Microsoft Entra ID Domain for dbt: $PRIMARY_DOMAIN"`
          : `echo "Microsoft Entra ID Domain for dbt: ${plan.authority} (for this account type, not a domain name)"`,
        ...(otherTenantsConsent(accountType)
          ? [`echo "Admins of other tenants grant consent at: ${adminConsentUrl('<their-tenant-id>', `$${APP_ID_VARIABLE}`)}"`]
          : []),
        `echo "Admin consent in this directory (none listed: grant it in the portal, API permissions):"`,
        `az ad app permission list-grants --id ${APP_ID} --query '[].{consentType: consentType, scope: scope}' --output table`,
        `az ad app credential list --id ${APP_ID} --query '[].{description: displayName, expires: endDateTime}' --output table`,
        ...(group === null
          ? [`printf 'Still to do: assign users or groups in the portal: %s.\\n' ${shellQuote(PORTAL_ASSIGNMENT_PATH)}`]
          : []),
        `echo "Client secret Value: run  cat \\"\${SECRET_FILE:-}\\"  when ready to paste it, then  rm -rf \\"\${SECRET_DIR:-}\\""`,
      ].join('\n'),
    },
  ];

  return {
    complete,
    missing,
    accountType,
    accountTypeLabel: type.label,
    signInAudience: audience,
    notes,
    groupObjectId: group,
    commands,
  };
}

/** The commands for this setup, in order (see `cliPlan` for whether they are complete). */
export function cliCommands(setup: Setup, options: CliOptions = {}): readonly CliCommand[] {
  return cliPlan(setup, options).commands;
}

function commentLines(text: string): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '#';
  for (const word of words) {
    if (line.length + 1 + word.length > 100 && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  if (line !== '#') lines.push(line);
  return lines;
}

/**
 * What runs inside the child bash: strict mode, then every command in order. `set -e` is safe
 * here because this bash is not the admin's shell. The commands are one `{ ... }` group with
 * standard input from /dev/null: bash reads this script from its standard input (the
 * here-document), so a command that read its input would swallow the rest of the script; and a
 * group is read whole before it runs, so a paste cut short runs nothing.
 */
export function cliScriptBody(setup: Setup, options: CliOptions = {}): string {
  const { complete, commands } = cliPlan(setup, options);
  const strict = [
    '# Strict mode, in this bash only: stop at the first error, an unset variable or a failed pipe.',
    'set -euo pipefail',
    ...(complete
      ? []
      : [
          `: "\${${REDIRECT_URI_VARIABLE}:?Run export ${REDIRECT_URI_VARIABLE}=the redirect URI from dbt first}"`,
        ]),
  ];
  const body = commands.map((c, i) =>
    [...commentLines(`${i + 1}. ${c.title}`), ...commentLines(c.why), c.command].join('\n'),
  );
  return [
    strict.join('\n'),
    `# Commands read no input: this bash reads its script from standard input.\n{`,
    ...body,
    '} < /dev/null',
  ].join('\n\n');
}

/**
 * One script for Azure Cloud Shell, to paste whole: a here-document run by a child bash. The
 * quoted delimiter (`<<'SCRIPT'`) stops the Cloud Shell from expanding anything in it (`$`,
 * backquotes, `!` history), and the strict mode applies in the child only: an error ends the
 * script, never the admin's session (`set -e` typed into an interactive shell closes it at the
 * first failing command).
 */
export function cliScript(setup: Setup, options: CliOptions = {}): string {
  const { complete, missing, notes } = cliPlan(setup, options);
  const plan = planFor(setup);
  const body = cliScriptBody(setup, options);
  const lines = new Set(body.split('\n'));
  let delimiter = SCRIPT_DELIMITER;
  for (let n = 1; lines.has(delimiter); n++) delimiter = `${SCRIPT_DELIMITER}_${n}`;
  const header = [
    '#!/usr/bin/env bash',
    `# Register ${PORTAL_VALUES.appName} in Microsoft Entra ID for single sign-on (Azure Cloud Shell, bash).`,
    `# Profile: ${setup.profile}. Microsoft Graph delegated permissions: ${plan.permissions.map((p) => p.name).join(', ')}.`,
    ...notes.flatMap(commentLines),
    ...(complete
      ? []
      : [
          `# INCOMPLETE: ${missing ?? ''}`,
          `# Until then it stops here, before any change, unless ${REDIRECT_URI_VARIABLE} is exported.`,
        ]),
    '# Paste the whole script, down to its last line: it runs in its own bash, so an error stops the',
    '# script, not your Cloud Shell.',
    '# The client secret is created at run time and written to a private file; it is never printed.',
  ];
  return `${header.join('\n')}\nbash <<'${delimiter}'\n${body}\n${delimiter}\n`;
}
