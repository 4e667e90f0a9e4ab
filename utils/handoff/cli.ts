import { PORTAL_VALUES, planFor, type Setup } from '@/utils/handoff/setup';

/**
 * The command-line path: the same registration as the guided steps, as Azure CLI commands for
 * Azure Cloud Shell (bash), filled with the profile's values. Each command says what it does and
 * why; `cliScript` joins them into one script that stops at the first error.
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

/** With no redirect URI yet, the script reads it from this variable and stops if it is unset. */
export const REDIRECT_URI_VARIABLE = 'DBT_REDIRECT_URI';

/**
 * Longest client secret lifetime the portal offers: "730 days (24 months)" (PORTAL_VALUES). The
 * CLI counts in whole years (`--years`), so 2.
 */
export const SECRET_YEARS = 2;

export interface CliCommand {
  /** Stable id (kebab case), for keys and tests. */
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

/** `"${APP_ID:?...}"`: stops the command (and, in a script, the script) if step 1 did not run. */
const APP_ID = `"\${${APP_ID_VARIABLE}:?Run the create-app command first}"`;

export function cliPlan(setup: Setup): CliPlan {
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
      ? `"\${${REDIRECT_URI_VARIABLE}:?Set ${REDIRECT_URI_VARIABLE} to the redirect URI from dbt first}"`
      : shellQuote(plan.redirectUri);
  const appName = PORTAL_VALUES.appName;
  const names = plan.permissions.map((p) => {
    if (p.api !== 'Microsoft Graph' || p.type !== 'Delegated') {
      throw new Error(`Unexpected permission ${p.api} ${p.name} (${p.type}).`);
    }
    permissionId(p.name); // throws unless documented (and so safe to write unquoted)
    return p.name;
  });

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
      title: `Register the app "${appName}" (single tenant, Web redirect URI)`,
      why:
        `Creates the app registration: name "${appName}", "${plan.accountTypeRadio}" ` +
        '(sign-in audience AzureADMyOrg, single tenant), platform Web with the redirect URI dbt ' +
        'uses after sign-in. It stops if an app of that name already exists: `az ad app create` ' +
        'would silently update that app instead of making a new one.',
      // `az ad app create --display-name --sign-in-audience {AzureADMyOrg,...} --web-redirect-uris`:
      // https://learn.microsoft.com/cli/azure/ad/app#az-ad-app-create
      // It patches an existing app with the same display name ("Found an existing application
      // instance ... We will patch it."): Azure CLI source, role module, custom.py
      // create_application (github.com/Azure/azure-cli). Hence the exact-name check first, with
      // `az ad app list --filter` (OData): https://learn.microsoft.com/cli/azure/ad/app#az-ad-app-list
      command: [
        `unset ${APP_ID_VARIABLE}`,
        `EXISTING_APP_IDS="$(az ad app list --filter ${shellQuote(`displayName eq ${odataString(appName)}`)} --query '[].appId' --output tsv)"`,
        `if [ -n "$EXISTING_APP_IDS" ]; then`,
        `  printf 'An app registration named %s already exists (client ID: %s). Nothing was changed.\\n' ${shellQuote(appName)} "$EXISTING_APP_IDS" >&2`,
        `  echo "Delete or rename it or, if you just made it, run ${APP_ID_VARIABLE}=<its client ID> and go on with the next command." >&2`,
        `  false`,
        `else`,
        `  ${APP_ID_VARIABLE}="$(az ad app create --display-name ${shellQuote(appName)} --sign-in-audience AzureADMyOrg --web-redirect-uris ${redirectUri} --query appId --output tsv)"`,
        `  printf 'Registered %s: Application (client) ID %s\\n' ${shellQuote(appName)} "$${APP_ID_VARIABLE}"`,
        `fi`,
      ].join('\n'),
    },
    {
      id: 'create-service-principal',
      title: 'Create the enterprise application (service principal)',
      why:
        'Consent is recorded on the service principal, so it must exist before consent is ' +
        'granted (the portal creates it for you when you register an app there). An existing one is ' +
        'kept. A brand-new app can take a few seconds to become visible, so this retries briefly.',
      // `az ad app permission grant`: "A service principal must exist for the app when running
      // this command. To create a corresponding service principal, use `az ad sp create --id
      // {appId}`." https://learn.microsoft.com/cli/azure/ad/app/permission#az-ad-app-permission-grant
      // `az ad sp create --id`: https://learn.microsoft.com/cli/azure/ad/sp#az-ad-sp-create
      // `az ad sp show --id` exits non-zero when it does not exist, which ends the script.
      command: [
        `for attempt in 1 2 3 4 5 6; do`,
        `  if az ad sp show --id ${APP_ID} --output none 2> /dev/null || az ad sp create --id ${APP_ID} --output none; then break; fi`,
        `  echo "Not visible yet, retrying in 10 seconds ($attempt of 6)" >&2`,
        `  sleep 10`,
        `done`,
        `az ad sp show --id ${APP_ID} --query id --output tsv > /dev/null`,
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
      id: 'grant-admin-consent',
      title: 'Grant admin consent for the organization',
      why:
        'Grants the delegated permissions for every user of the directory at once, what "Grant ' +
        'admin consent" does in the portal (the rows then read "Granted for <your directory>"). ' +
        'It needs an administrator allowed to consent for the organization. It uses ' +
        '`az ad app permission grant` because `az ad app permission admin-consent` calls a ' +
        'deprecated portal endpoint that fails in Cloud Shell.',
      // Admin consent to delegated permissions = an oauth2PermissionGrant with consentType
      // AllPrincipals: https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent
      // (Microsoft Graph tab). `az ad app permission grant --id --api --scope` (consent type
      // defaults to AllPrincipals; scopes space-separated; `--api` also takes the API's appId):
      // https://learn.microsoft.com/cli/azure/ad/app/permission#az-ad-app-permission-grant
      // Why not `az ad app permission admin-consent`: it posts to main.iam.ad.ext.azure.com, which
      // "fails in Cloud Shell" and is deprecated: https://github.com/Azure/azure-cli/issues/29424
      // (also #8912, #14230). `list-grants` shows the result:
      // https://learn.microsoft.com/cli/azure/ad/app/permission#az-ad-app-permission-list-grants
      command: [
        `az ad app permission grant --id ${APP_ID} --api ${MICROSOFT_GRAPH_APP_ID} --scope ${names.join(' ')} --output none`,
        `az ad app permission list-grants --id ${APP_ID} --query '[].{consentType: consentType, scope: scope}' --output table`,
      ].join('\n'),
    },
    {
      id: 'create-client-secret',
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
      title: 'Show the values to hand to dbt',
      why:
        'Shows the Application (client) ID, the Directory (tenant) ID, the primary domain and the ' +
        'secret expiry date to record. The secret Value stays in its file: show it with the cat ' +
        'command printed here only when you are ready to paste it, then delete the file.',
      // Tenant ID: https://learn.microsoft.com/cli/azure/account#az-account-show
      // Primary domain = the domain with isDefault true ("the default domain that is used for user
      // creation", shown as "Primary domain" in the portal; isInitial is the *.onmicrosoft.com one):
      // https://learn.microsoft.com/graph/api/resources/domain and
      // https://learn.microsoft.com/graph/api/domain-list, called with `az rest` (token for
      // Microsoft Graph from the URL): https://learn.microsoft.com/cli/azure/reference-index#az-rest
      // Secret metadata only (the Value cannot be read back):
      // https://learn.microsoft.com/cli/azure/ad/app/credential#az-ad-app-credential-list
      command: [
        `TENANT_ID="$(az account show --query tenantId --output tsv)"`,
        `PRIMARY_DOMAIN="$(az rest --method get --url ${shellQuote('https://graph.microsoft.com/v1.0/domains')} --query 'value[?isDefault].id' --output tsv)"`,
        `echo "Application (client) ID: $${APP_ID_VARIABLE}"`,
        `echo "Directory (tenant) ID:   $TENANT_ID"`,
        `echo "Primary domain:          $PRIMARY_DOMAIN"`,
        `az ad app credential list --id ${APP_ID} --query '[].{description: displayName, expires: endDateTime}' --output table`,
        `echo "Client secret Value: run  cat \\"\${SECRET_FILE:-}\\"  when ready to paste it, then  rm -rf \\"\${SECRET_DIR:-}\\""`,
      ].join('\n'),
    },
  ];

  return { complete, missing, commands };
}

/** The commands for this setup, in order (see `cliPlan` for whether they are complete). */
export function cliCommands(setup: Setup): readonly CliCommand[] {
  return cliPlan(setup).commands;
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

/** One bash script for Azure Cloud Shell that runs every command in order and stops at an error. */
export function cliScript(setup: Setup): string {
  const { complete, missing, commands } = cliPlan(setup);
  const plan = planFor(setup);
  const header = [
    '#!/usr/bin/env bash',
    `# Register ${PORTAL_VALUES.appName} in Microsoft Entra ID for single sign-on (Azure Cloud Shell, bash).`,
    `# Profile: ${setup.profile}. Microsoft Graph delegated permissions: ${plan.permissions.map((p) => p.name).join(', ')}.`,
    ...(complete
      ? []
      : [
          `# INCOMPLETE: ${missing ?? ''}`,
          `# Until then it stops here, before any change, unless ${REDIRECT_URI_VARIABLE} is set.`,
        ]),
    '# The client secret is created at run time and written to a private file; it is never printed.',
    'set -euo pipefail',
    ...(complete
      ? []
      : [`: "\${${REDIRECT_URI_VARIABLE}:?Set ${REDIRECT_URI_VARIABLE} to the redirect URI from dbt first}"`]),
  ];
  const body = commands.map((c, i) =>
    [...commentLines(`${i + 1}. ${c.title}`), ...commentLines(c.why), c.command].join('\n'),
  );
  return `${[header.join('\n'), ...body].join('\n\n')}\n`;
}
