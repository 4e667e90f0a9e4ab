import * as z from 'zod/mini';
import {
  DEFAULT_SETUP,
  DEPLOYMENT_ID_PLACEHOLDER,
  PORTAL_VALUES,
  SUPPORT_AUTH_HOST,
  DBT_DOMAINS,
  ACCOUNT_TYPES,
  BROADER_PERMISSIONS,
  SetupSchema,
  planFor,
  type AccountType,
  type RequiredPermission,
  type Setup,
} from '@/utils/handoff/setup';
import { PermissionRowSchema, type PermissionRow } from '@/utils/handoff/values';

/**
 * Validation of every value the guide handles, typed by the admin or read from the portal. Each
 * classic mistake has its own code and a message that says what is wrong and what to do. Errors
 * block the export; warnings inform.
 */

export const FieldNameSchema = z.enum([
  'deploymentId',
  'redirectUri',
  'appName',
  'accountType',
  'platform',
  'permissions',
  'clientId',
  'tenantId',
  'objectId',
  'clientSecret',
  'secretExpiry',
  'domain',
]);
export type FieldName = z.infer<typeof FieldNameSchema>;

/** An error blocks the export; a warning informs. */
export type Severity = 'error' | 'warning';

export interface Finding {
  field: FieldName;
  code: string;
  severity: Severity;
  message: string;
}

export interface ValidationContext {
  /** Gives the expected redirect URI, deployment ID and permissions. */
  setup?: Setup;
  /** The appId parsed from the app page's route. */
  routeAppId?: string;
  /** The Object ID read from the app overview. */
  objectId?: string;
  clientId?: string;
  tenantId?: string;
  /** The first 3 characters the secrets table shows once the admin has left the page. */
  secretHint?: string;
  /** The Secret ID (a GUID) of the captured secret. */
  secretId?: string;
  /** The tenant overview's primary domain. */
  primaryDomain?: string;
  /** For expiry checks; defaults to the current time. */
  now?: Date;
}

const FIELD_LABELS: Record<FieldName, string> = {
  deploymentId: 'Deployment ID',
  redirectUri: 'Redirect URI',
  appName: 'Application name',
  accountType: 'Supported account types',
  platform: 'Redirect URI platform',
  permissions: 'API permissions',
  clientId: 'Application (client) ID',
  tenantId: 'Directory (tenant) ID',
  objectId: 'Object ID',
  clientSecret: 'Client secret Value',
  secretExpiry: 'Client secret expiry date',
  domain: 'Directory domain',
};

const WHERE_TO_FIND: Record<FieldName, string> = {
  deploymentId: 'Enter the deployment ID from dbt\'s SSO instructions (the part after "connection=").',
  redirectUri: 'Enter the redirect URI that dbt gives for your region or account.',
  appName: 'Enter a name for the app registration, for example "dbt Cloud".',
  accountType: 'Choose "Accounts in this organizational directory only".',
  platform: 'Choose the platform "Web".',
  permissions: 'Add the Microsoft Graph delegated permissions the guide lists.',
  clientId: "Copy the Application (client) ID from the app's Overview page.",
  tenantId: "Copy the Directory (tenant) ID from the app's Overview page.",
  objectId: "Copy the Object ID from the app's Overview page.",
  clientSecret:
    'Paste the Value of the client secret (Certificates & secrets), copied right after you added it.',
  secretExpiry:
    'Enter the date shown in the "Expires" column of the client secret, for example 2028-11-26.',
  domain:
    'Enter the primary domain from the Microsoft Entra ID overview, for example contoso.onmicrosoft.com.',
};

function finding(field: FieldName, code: string, severity: Severity, message: string): Finding {
  return { field, code, severity, message };
}

function requiredMessage(field: FieldName): string {
  return `${FIELD_LABELS[field]} is empty. ${WHERE_TO_FIND[field]}`;
}

function invalidInputMessage(field: FieldName): string {
  return `${FIELD_LABELS[field]} could not be read as text. ${WHERE_TO_FIND[field]}`;
}

function checkFailedMessage(field: FieldName): string {
  return `${FIELD_LABELS[field]} could not be checked. Enter it again; if this persists, check it by hand.`;
}

function whitespaceMessage(field: FieldName): string {
  return `${FIELD_LABELS[field]} has spaces or line breaks before or after it, easily copied along with the value. Remove them.`;
}

const required = (field: FieldName): Finding =>
  finding(field, 'required', 'error', requiredMessage(field));
const invalidInput = (field: FieldName): Finding =>
  finding(field, 'invalid-input', 'error', invalidInputMessage(field));

/** Whether errors remain, which block the export. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

// --- Context --------------------------------------------------------------------------------

interface Context extends Omit<ValidationContext, 'now'> {
  now: Date;
}

const CONTEXT_TEXT_KEYS = [
  'routeAppId',
  'objectId',
  'clientId',
  'tenantId',
  'secretHint',
  'secretId',
  'primaryDomain',
] as const;

/**
 * The context comes from stored and page-read values, so every part of it is checked: a part that
 * is not what it should be is left out rather than trusted.
 */
function readContext(ctx: unknown): Context {
  const out: Context = { now: new Date() };
  if (typeof ctx !== 'object' || ctx === null) return out;
  const get = (key: string): unknown => {
    try {
      return (ctx as Record<string, unknown>)[key];
    } catch {
      return undefined;
    }
  };
  try {
    const setup = SetupSchema.safeParse((ctx as ValidationContext).setup);
    if (setup.success) out.setup = setup.data;
  } catch {
    // A setup that cannot even be inspected is no setup.
  }
  for (const key of CONTEXT_TEXT_KEYS) {
    const value = get(key);
    if (typeof value === 'string') out[key] = value;
  }
  const now = get('now');
  if (now instanceof Date && !Number.isNaN(now.getTime())) out.now = now;
  return out;
}

/** Trims the value; reports emptiness and, when asked, surrounding whitespace. */
function presence(
  field: FieldName,
  value: string,
  whitespace: Severity | null,
  whitespaceText = whitespaceMessage(field),
): { text: string | null; findings: Finding[] } {
  const text = value.trim();
  if (text === '') return { text: null, findings: [required(field)] };
  const findings =
    whitespace !== null && text !== value ? [finding(field, 'whitespace', whitespace, whitespaceText)] : [];
  return { text, findings };
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function isGuid(value: string | undefined): value is string {
  return value !== undefined && GUID.test(value.trim());
}

function sameGuid(a: string, b: string | undefined): boolean {
  return isGuid(b) && a.trim().toLowerCase() === b.trim().toLowerCase();
}

// --- Deployment ID --------------------------------------------------------------------------

/** The legacy deployment ID has no public format: accept a conservative token (as setup.ts does). */
const DEPLOYMENT_ID = /^[A-Za-z0-9_-]{1,100}$/;
const ENCODED_PLACEHOLDER = encodeURIComponent(DEPLOYMENT_ID_PLACEHOLDER).toLowerCase();

function hasDeploymentPlaceholder(value: string): boolean {
  const lower = value.toLowerCase();
  return lower.includes(DEPLOYMENT_ID_PLACEHOLDER) || lower.includes(ENCODED_PLACEHOLDER);
}

function connectionParameter(value: string): string | null {
  const match = /[?&]connection=([^&#\s]*)/i.exec(value);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

export function validateDeploymentId(value: string, _ctx: ValidationContext = {}): Finding[] {
  const field = 'deploymentId';
  const { text, findings } = presence(
    field,
    value,
    'warning',
    'The deployment ID has spaces before or after it; they will be left out.',
  );
  if (text === null) return findings;

  if (hasDeploymentPlaceholder(text) || /^<[^<>]*>$/.test(text)) {
    findings.push(
      finding(
        field,
        'deployment-id-placeholder',
        'error',
        `"${DEPLOYMENT_ID_PLACEHOLDER}" is a placeholder from dbt's instructions. Replace it with the deployment ID dbt support gave you.`,
      ),
    );
    return findings;
  }

  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.includes('/') || /connection=/i.test(text)) {
    const id = connectionParameter(text);
    findings.push(
      finding(
        field,
        'deployment-id-url',
        'error',
        id !== null && DEPLOYMENT_ID.test(id)
          ? `That is a whole address. Enter only the deployment ID, the part after "connection=": ${id}`
          : 'That is a whole address. Enter only the deployment ID, the part after "connection=".',
      ),
    );
    return findings;
  }

  if (/\s/.test(text)) {
    findings.push(
      finding(
        field,
        'deployment-id-space',
        'error',
        'The deployment ID contains spaces. It is a single word of letters, digits, "-" and "_": copy it again from dbt.',
      ),
    );
  }
  if (/[<>]/.test(text)) {
    findings.push(
      finding(
        field,
        'deployment-id-angle-bracket',
        'error',
        'The deployment ID contains "<" or ">", left over from a placeholder. Remove them and keep only the ID itself.',
      ),
    );
  }
  if (/[^A-Za-z0-9_\-\s<>]/.test(text)) {
    findings.push(
      finding(
        field,
        'deployment-id-characters',
        'error',
        'The deployment ID may only contain letters, digits, "-" and "_". Copy it again from dbt.',
      ),
    );
  }
  if (text.length > 100) {
    findings.push(
      finding(
        field,
        'deployment-id-too-long',
        'error',
        'The deployment ID is longer than 100 characters, which no deployment ID is. Copy only the ID from dbt.',
      ),
    );
  }
  return findings;
}

// --- Redirect URI ---------------------------------------------------------------------------

/** dbt's callback path (current instructions), and the one of the earlier `https://<access-url>/complete/azure_single_tenant`. */
const REDIRECT_PATH = '/login/callback';
const LEGACY_REDIRECT_PATH = '/complete/azure_single_tenant';

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

export function validateRedirectUri(value: string, ctx: ValidationContext = {}): Finding[] {
  const field = 'redirectUri';
  const context = readContext(ctx);
  const { text, findings } = presence(field, value, 'error');
  if (text === null) return findings;
  // Structural findings explain a difference from the expected URI; without one, the catch-all
  // mismatch says what the URI should be.
  let explained = false;
  const add = (code: string, message: string): void => {
    findings.push(finding(field, code, 'error', message));
    explained = true;
  };

  const placeholder = hasDeploymentPlaceholder(text);
  if (placeholder) {
    add(
      'redirect-uri-placeholder',
      `The redirect URI still contains the placeholder "${DEPLOYMENT_ID_PLACEHOLDER}". Replace it with your deployment ID from dbt.`,
    );
  } else if (/<[^<>]{0,100}>|%3C[\w.-]{0,100}%3E/i.test(text)) {
    add(
      'redirect-uri-placeholder',
      'The redirect URI still contains a placeholder in angle brackets. Replace it with the real value from dbt.',
    );
  }

  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    add(
      /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/|$)/i.test(text) ? 'redirect-uri-no-scheme' : 'redirect-uri-not-url',
      'The redirect URI must be a full address starting with "https://".',
    );
    return findings;
  }
  let url = parseUrl(text);
  if (url === null) {
    add('redirect-uri-not-url', 'The redirect URI is not a valid address. Copy it again from dbt, starting with "https://".');
    return findings;
  }
  if (url.protocol === 'http:') {
    add(
      'redirect-uri-http',
      'The redirect URI starts with "http:". Use "https:": Microsoft Entra ID only accepts https addresses for web apps (apart from localhost), and dbt expects https.',
    );
  } else if (url.protocol !== 'https:') {
    add('redirect-uri-not-url', 'The redirect URI must be a web address starting with "https://".');
    return findings;
  }

  const trailing = url.pathname.length > 1 && url.pathname.endsWith('/');
  const trailingQuery = url.search.endsWith('/');
  if (trailing || trailingQuery) {
    findings.push(
      finding(
        field,
        'redirect-uri-trailing-slash',
        'error',
        'The redirect URI ends with "/". The address must match exactly: remove the trailing slash.',
      ),
    );
    url = new URL(url.href);
    if (trailing) url.pathname = url.pathname.replace(/\/+$/, '');
    if (trailingQuery) url.search = url.search.replace(/\/+$/, '');
  }

  if (text.includes('#')) {
    add('redirect-uri-fragment', 'The redirect URI contains "#", which redirect URIs may not. Remove it and what follows.');
  }

  // Whatever the setup expects (a pasted URI is its own expectation), the URI must be one of
  // dbt's: https, a host under dbt's domains (whole labels: auth.getdbt.com.evil.example is not),
  // and dbt's callback path.
  const host = url.hostname.toLowerCase();
  if (!DBT_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`))) {
    add(
      'redirect-uri-not-dbt-host',
      `The redirect URI points to ${host}, which is not one of dbt's hosts (under getdbt.com or dbt.com). Copy the redirect URI again from dbt.`,
    );
  }
  if (url.pathname === LEGACY_REDIRECT_PATH) {
    add(
      'redirect-uri-legacy-path',
      `The redirect URI ends in "${LEGACY_REDIRECT_PATH}", the form of older dbt instructions. dbt's current instructions use "https://<your Auth0 host>${REDIRECT_PATH}": use the one for your region, or the one dbt gave you.`,
    );
  } else if (url.pathname !== REDIRECT_PATH) {
    add('redirect-uri-wrong-path', `The redirect URI has the wrong path. dbt's redirect URIs end in "${REDIRECT_PATH}".`);
  }

  const expectedText = context.setup ? planFor(context.setup).redirectUri : null;
  const expected = expectedText === null ? null : parseUrl(expectedText);
  const fromRegion = context.setup?.profile === 'self-service' && context.setup.region !== 'custom';

  if (expected !== null && expected.href !== url.href) {
    if (url.hostname !== expected.hostname && fromRegion && !explained) {
      // Cell-based accounts have other Auth0 hosts: dbt's own, so a warning, not an error.
      findings.push(
        finding(
          field,
          'redirect-uri-other-dbt-host',
          'warning',
          `The redirect URI's host differs from the one of the dbt region you chose (${expected.hostname}). Keep it if dbt showed you this one; otherwise use ${expected.href}`,
        ),
      );
      explained = true;
    } else if (url.hostname !== expected.hostname && !explained) {
      add('redirect-uri-wrong-host', `The redirect URI points to the wrong host. For your setup it is ${expected.hostname}: use ${expected.href}`);
    }
    const wantedId = expected.searchParams.get('connection');
    if (wantedId !== null && !placeholder) {
      const id = url.searchParams.get('connection');
      if (!id) {
        add(
          'redirect-uri-missing-deployment-id',
          `The redirect URI has no deployment ID. It must end with "?connection=${wantedId}": use ${expected.href}`,
        );
      } else if (id !== wantedId) {
        add(
          'redirect-uri-wrong-deployment-id',
          `The redirect URI's deployment ID ("connection") differs from the one set up (${wantedId}). Use ${expected.href}`,
        );
      }
    }
    if (!explained) {
      add('redirect-uri-mismatch', `The redirect URI differs from the one dbt expects for your setup. Use ${expected.href}`);
    }
    return findings;
  }

  if (url.hostname === SUPPORT_AUTH_HOST && url.pathname === REDIRECT_PATH && !placeholder && expected === null) {
    const id = url.searchParams.get('connection');
    if (!id) {
      add(
        'redirect-uri-missing-deployment-id',
        `The redirect URI has no deployment ID. On ${SUPPORT_AUTH_HOST} it must end with "?connection=" and the deployment ID dbt support gave you.`,
      );
    } else if (!DEPLOYMENT_ID.test(id)) {
      add(
        'redirect-uri-bad-deployment-id',
        'The deployment ID in the redirect URI ("connection") is not a valid ID: only letters, digits, "-" and "_". Copy it again from dbt.',
      );
    }
  }
  return findings;
}

// --- Names and choices ----------------------------------------------------------------------

export function validateAppName(value: string, _ctx: ValidationContext = {}): Finding[] {
  const field = 'appName';
  const { text, findings } = presence(field, value, 'warning');
  if (text === null) return findings;
  if (text !== PORTAL_VALUES.appName) {
    findings.push(
      finding(
        field,
        'app-name-not-dbt-cloud',
        'warning',
        `The guide names the app "${PORTAL_VALUES.appName}" so that colleagues and dbt support recognise it. Any name works; keep yours if it follows your own naming rules.`,
      ),
    );
  }
  return findings;
}

function collapse(value: string): string {
  return value.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * The account type an app accepts, from any of the ways the portal words it: the register form's
 * radio labels, the Overview's "Supported account types" ("My organization only", "Multiple
 * organizations", "All Microsoft account users", "Personal Microsoft accounts only") and the
 * manifest's signInAudience. Null when not recognised.
 */
export function accountTypeOf(value: string): AccountType | null {
  const t = collapse(value);
  const compact = t.replace(/[\s-]/g, '');
  // The register form's label begins so; the tenant name inside it could contain anything.
  if (t.startsWith('accounts in this organizational directory only') || compact === 'azureadmyorg') return 'single';
  if (t.startsWith('personal microsoft accounts only') || compact === 'personalmicrosoftaccount') return 'personal';
  if (
    (t.startsWith('accounts in any organizational directory') && t.includes('personal microsoft account')) ||
    t === 'all microsoft account users' ||
    compact === 'azureadandpersonalmicrosoftaccount'
  ) {
    return 'multi-personal';
  }
  if (
    t.startsWith('accounts in any organizational directory') ||
    // dbt's table words the multi-tenant choice so.
    t.startsWith('accounts in organizational directories') ||
    t === 'multiple organizations' ||
    compact === 'azureadmultipleorgs' ||
    (compact.includes('multitenant') && !t.includes('personal'))
  ) {
    return 'multi';
  }
  if (compact.includes('singletenant') || t === 'my organization only' || t.includes('this organizational directory only')) {
    return 'single';
  }
  return null;
}

export function validateAccountType(value: string, ctx: ValidationContext = {}): Finding[] {
  const field = 'accountType';
  const context = readContext(ctx);
  const { text, findings } = presence(field, value, null);
  if (text === null) return findings;
  const shown = accountTypeOf(text);
  // Single tenant is dbt's recommendation and the default; a setup may choose another on purpose.
  const wanted: AccountType = context.setup?.accountType ?? 'single';
  const want = ACCOUNT_TYPES[wanted];
  const where = 'Authentication > Supported account types (if the portal refuses the change, register the app again with the right choice)';
  if (shown === null) {
    findings.push(
      finding(field, 'account-type-unknown', 'warning', `This account type was not recognised. The app should accept "${want.radio}".`),
    );
    return findings;
  }
  if (shown === wanted) return findings;
  const got = ACCOUNT_TYPES[shown];
  if (context.setup) {
    findings.push(
      finding(
        field,
        'account-type-mismatch',
        'error',
        `The app accepts "${got.label}", but your setup says "${want.label}", and dbt's "Log in with" and "Microsoft Entra ID Domain" follow from it. Change the app (${where}) or the setup, so that both agree.`,
      ),
    );
    return findings;
  }
  findings.push(
    finding(
      field,
      shown === 'multi' ? 'account-type-multi-tenant' : 'account-type-personal',
      'warning',
      `The app accepts "${got.label}". dbt recommends single tenant, so that only your directory signs in through this app: "${ACCOUNT_TYPES.single.radio}" under ${where}.`,
    ),
  );
  return findings;
}

export function validatePlatform(value: string, _ctx: ValidationContext = {}): Finding[] {
  const field = 'platform';
  const { text, findings } = presence(field, value, null);
  if (text === null) return findings;
  const t = collapse(text);
  if (t === 'web') return findings;
  if (t.includes('single-page') || t.includes('single page') || /\bspa\b/.test(t)) {
    findings.push(
      finding(
        field,
        'platform-spa',
        'error',
        'The platform is "Single-page application", which is for apps that sign in inside the browser. dbt signs in on its server with a client secret, which needs the platform "Web": add the URI under Web (Authentication > + Add a platform > Web) and remove it from the SPA platform.',
      ),
    );
  } else if (/public client|native|mobile|desktop|\bios\b|macos|android/.test(t)) {
    findings.push(
      finding(
        field,
        'platform-public-client',
        'error',
        'The platform is "Public client/native (mobile & desktop)", which is for apps without a client secret. dbt needs the platform "Web": add the URI under Web (Authentication > + Add a platform > Web) and remove it from the mobile and desktop platform.',
      ),
    );
  } else {
    findings.push(
      finding(field, 'platform-unknown', 'warning', 'This platform was not recognised. The redirect URI must be registered under the platform "Web".'),
    );
  }
  return findings;
}

// --- Permissions ----------------------------------------------------------------------------

type ApiKind = 'graph' | 'azure-ad-graph' | 'other';

function apiKind(api: string): ApiKind {
  // The configured permissions table groups rows under headers such as "Microsoft Graph (2)".
  const name = collapse(api).replace(/\s*\(\d+\)$/, '');
  if (name === 'microsoft graph') return 'graph';
  if (name === 'azure active directory graph' || name === 'windows azure active directory') return 'azure-ad-graph';
  return 'other';
}

/** "Granted for <tenant>" means granted; "Not granted for ...", empty, or a warning means not. */
function isGranted(status: string): boolean {
  return /^granted for\b/i.test(status.replace(/^[^A-Za-z]+/, ''));
}

const sameText = (a: string, b: string): boolean => collapse(a) === collapse(b);

export function validatePermissions(
  rows: readonly PermissionRow[],
  required: readonly RequiredPermission[],
): Finding[] {
  const field = 'permissions';
  const findings: Finding[] = [];
  const add = (code: string, severity: Severity, message: string): void => {
    findings.push(finding(field, code, severity, message));
  };
  for (const want of required) {
    const named = rows.filter((r) => sameText(r.name, want.name));
    const graph = named.filter((r) => apiKind(r.api) === 'graph');
    const retired = named.filter((r) => apiKind(r.api) === 'azure-ad-graph');
    const right = graph.filter((r) => sameText(r.type, want.type));
    const wrongType = graph.find((r) => !sameText(r.type, want.type));
    const where = `+ Add a permission > Microsoft Graph > ${want.type} permissions > ${want.name}`;

    if (right.length === 0) {
      if (wrongType) {
        add(
          'permission-wrong-type',
          'error',
          `${want.name} is listed with the type ${wrongType.type.trim() || '(none)'}; dbt needs it as a ${want.type} permission. Add it (${where}) and remove the other one.`,
        );
      } else if (retired.length > 0) {
        add(
          'permission-azure-ad-graph',
          'error',
          `${want.name} is only listed under "Azure Active Directory Graph". That API was retired on 31 August 2025 and Microsoft Graph is needed instead: add it (${where}) and remove the Azure Active Directory Graph entry.`,
        );
      } else {
        const earlier =
          want.name === 'GroupMember.Read.All' && rows.some((r) => sameText(r.name, 'Directory.Read.All') && apiKind(r.api) === 'graph')
            ? ' Directory.Read.All is listed instead, as dbt asked before December 2025; dbt now asks for GroupMember.Read.All, and a configuration that requests a scope without consent fails with "AADSTS90094: Admin consent is required".'
            : '';
        add('permission-missing', 'error', `${want.name} (Microsoft Graph, ${want.type}) is missing. ${want.why} Add it: ${where}.${earlier}`);
      }
      continue;
    }
    if (!right.some((r) => isGranted(r.status))) {
      add(
        'permission-not-granted',
        'error',
        `${want.name} has no admin consent: its Status must read "Granted for <your organization>". Use "Grant admin consent for <your organization>" and confirm with Yes (for delegated Microsoft Graph permissions this needs a Cloud Application Administrator or Application Administrator, or a Privileged Role Administrator or Global Administrator).`,
      );
    }
    if (wrongType) {
      add(
        'permission-extra-type',
        'warning',
        `${want.name} is also listed with the type ${wrongType.type.trim() || '(none)'}, which dbt does not need. Remove that entry: dbt only uses the ${want.type} permission.`,
      );
    }
    if (retired.length > 0) {
      add(
        'permission-azure-ad-graph-leftover',
        'warning',
        `${want.name} is also listed under "Azure Active Directory Graph", retired on 31 August 2025. Remove that entry; the Microsoft Graph one is what counts.`,
      );
    }
  }
  for (const broad of BROADER_PERMISSIONS) {
    if (required.some((p) => sameText(p.name, broad.name))) continue;
    if (!rows.some((r) => sameText(r.name, broad.name))) continue;
    add(
      'permission-broader-than-needed',
      'warning',
      `${broad.name} is broader than dbt needs: it lets the app act on the directory as the signed-in user, writing included. dbt's current instructions ask for ${broad.instead}. Remove it unless your organisation needs it for another reason.`,
    );
  }
  return findings;
}

/** Without a setup, what the default setup requires (the same for both profiles). */
const COMMON_PERMISSIONS: readonly RequiredPermission[] = planFor(DEFAULT_SETUP).permissions;

const PermissionRowsSchema = z.array(PermissionRowSchema);

function validatePermissionInput(value: unknown, ctx: Context): Finding[] {
  const parsed = PermissionRowsSchema.safeParse(value ?? []);
  if (!parsed.success) return [invalidInput('permissions')];
  return validatePermissions(parsed.data, ctx.setup ? planFor(ctx.setup).permissions : COMMON_PERMISSIONS);
}

// --- IDs ------------------------------------------------------------------------------------

const GUID_EXAMPLE = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

function guidPresence(field: FieldName, value: string): { text: string | null; findings: Finding[] } {
  const result = presence(field, value, 'error');
  if (result.text === null || GUID.test(result.text)) return result;
  const braces = /^\{(.*)\}$/.exec(result.text);
  result.findings.push(
    finding(
      field,
      'not-guid',
      'error',
      braces?.[1] !== undefined && GUID.test(braces[1])
        ? `${FIELD_LABELS[field]} is written without braces: remove "{" and "}".`
        : `${FIELD_LABELS[field]} is not an ID of the right form (32 hexadecimal digits in groups, like ${GUID_EXAMPLE}). ${WHERE_TO_FIND[field]}`,
    ),
  );
  return { text: null, findings: result.findings };
}

/**
 * An ID field whose value is another ID the guide knows (the one beside it on the Overview, the
 * secret's ID): one row a confusion, the first that matches is said.
 */
interface Confusion {
  code: string;
  /** Whether the value (a well-formed ID) is this confusion, given what the guide knows. */
  is: (text: string, c: ReturnType<typeof readContext>) => boolean;
  message: string;
}

/** The value is the other ID the context holds. */
const isThe = (other: (c: ReturnType<typeof readContext>) => string | undefined) => (text: string, c: ReturnType<typeof readContext>) =>
  sameGuid(text, other(c));

function guidWithConfusions(field: FieldName, value: string, ctx: ValidationContext, confusions: Confusion[]): Finding[] {
  const context = readContext(ctx);
  const { text, findings } = guidPresence(field, value);
  if (text === null) return findings;
  const confused = confusions.find((c) => c.is(text, context));
  if (confused) findings.push(finding(field, confused.code, 'error', confused.message));
  return findings;
}

export function validateClientId(value: string, ctx: ValidationContext = {}): Finding[] {
  return guidWithConfusions('clientId', value, ctx, [
    {
      code: 'client-id-is-tenant-id',
      is: isThe((c) => c.tenantId),
      message: 'That is the Directory (tenant) ID. Copy the Application (client) ID, the line above it on the app\'s Overview page.',
    },
    {
      code: 'client-id-is-object-id',
      is: isThe((c) => c.objectId),
      message: 'That is the Object ID, not the Application (client) ID. Copy the Application (client) ID from the app\'s Overview page.',
    },
    {
      code: 'client-id-is-secret-id',
      is: isThe((c) => c.secretId),
      message: 'That is the Secret ID of the client secret. Copy the Application (client) ID from the app\'s Overview page.',
    },
    {
      // Not another ID, but not the app open in the portal either.
      code: 'client-id-route-mismatch',
      is: (text, c) => isGuid(c.routeAppId) && !sameGuid(text, c.routeAppId),
      message:
        'This Application (client) ID is not the one of the app open in the portal. Check that you are on the dbt Cloud app and copy its Application (client) ID again.',
    },
  ]);
}

export function validateTenantId(value: string, ctx: ValidationContext = {}): Finding[] {
  return guidWithConfusions('tenantId', value, ctx, [
    {
      code: 'tenant-id-is-client-id',
      is: isThe((c) => c.clientId),
      message: 'That is the Application (client) ID. Copy the Directory (tenant) ID, the line below it on the app\'s Overview page.',
    },
    {
      code: 'tenant-id-is-object-id',
      is: isThe((c) => c.objectId),
      message: 'That is the Object ID. Copy the Directory (tenant) ID from the app\'s Overview page.',
    },
  ]);
}

export function validateObjectId(value: string, ctx: ValidationContext = {}): Finding[] {
  return guidWithConfusions('objectId', value, ctx, [
    {
      code: 'object-id-is-client-id',
      is: isThe((c) => c.clientId),
      message: 'That is the Application (client) ID. Copy the Object ID from the app\'s Overview page.',
    },
  ]);
}

// --- Client secret --------------------------------------------------------------------------

/**
 * Every message about the client secret is a fixed text: none can carry the secret or any part of
 * it, whatever is typed.
 */
export const CLIENT_SECRET_MESSAGES = {
  required: requiredMessage('clientSecret'),
  'invalid-input': invalidInputMessage('clientSecret'),
  'check-failed': checkFailedMessage('clientSecret'),
  whitespace: whitespaceMessage('clientSecret'),
  'secret-inner-whitespace':
    'The client secret Value contains spaces, line breaks or invisible characters, which a Value never does. Copy it again with the copy button next to it.',
  'secret-is-secret-id':
    'That is the Secret ID, not the Value. Copy the Value column (the copy button next to it), not the Secret ID. If you have left the page, the Value is no longer shown: create a new secret.',
  'secret-is-app-id':
    'That is an ID from the app\'s Overview page (client, tenant or object ID), not the client secret Value. Copy the Value from Certificates & secrets.',
  'secret-masked':
    'The client secret Value is masked ("***" or "•"). The full Value is only shown right after the secret is added: if you have left the page, create a new secret and copy its Value at once.',
  'secret-truncated':
    'The client secret Value is too short: it looks like the first characters the table shows once you leave the page. The full Value is only shown right after the secret is added: create a new secret and copy its Value at once.',
  'secret-hint-mismatch':
    'The client secret Value does not begin with the characters the secrets table shows for this secret. It is probably another secret\'s Value: copy the Value of the secret you just added.',
  'secret-format':
    'The client secret Value does not look like a current one (about 40 characters with "Q~" at the 5th place). Secrets made before 2021 have another format and still work; otherwise check that you copied the Value.',
} as const;
type SecretCode = keyof typeof CLIENT_SECRET_MESSAGES;

const SECRET_SEVERITY: Record<SecretCode, Severity> = {
  required: 'error',
  'invalid-input': 'error',
  'check-failed': 'error',
  whitespace: 'error',
  'secret-inner-whitespace': 'error',
  'secret-is-secret-id': 'error',
  'secret-is-app-id': 'error',
  'secret-masked': 'error',
  'secret-truncated': 'error',
  'secret-hint-mismatch': 'error',
  'secret-format': 'warning',
};

const secretFinding = (code: SecretCode): Finding =>
  finding('clientSecret', code, SECRET_SEVERITY[code], CLIENT_SECRET_MESSAGES[code]);

/** Microsoft Purview's "Microsoft Entra client secret" definition (gitleaks: azure-ad-client-secret). */
const CURRENT_SECRET = /^[A-Za-z0-9_.~-]{3}[0-9]Q~[A-Za-z0-9_.~-]{31,34}$/;
const MASKING = /\*{3}|[•●∙◦⋅]/;
const INVISIBLE = /[\s\u200B-\u200D\u2060]/;

export function validateClientSecret(value: string, ctx: ValidationContext = {}): Finding[] {
  const context = readContext(ctx);
  const text = value.trim();
  if (text === '') return [secretFinding('required')];
  const findings: Finding[] = [];
  if (text !== value) findings.push(secretFinding('whitespace'));

  if (GUID.test(text)) {
    const appId = [context.clientId, context.tenantId, context.objectId].some((id) => sameGuid(text, id));
    findings.push(secretFinding(appId && !sameGuid(text, context.secretId) ? 'secret-is-app-id' : 'secret-is-secret-id'));
    return findings;
  }
  if (context.secretId !== undefined && context.secretId.trim() !== '' && text === context.secretId.trim()) {
    findings.push(secretFinding('secret-is-secret-id'));
    return findings;
  }
  if (MASKING.test(text)) {
    findings.push(secretFinding('secret-masked'));
    return findings;
  }
  if (text.length < 10 || text.includes('…')) {
    findings.push(secretFinding('secret-truncated'));
    return findings;
  }
  const inner = INVISIBLE.test(text);
  if (inner) findings.push(secretFinding('secret-inner-whitespace'));

  const hint = (context.secretHint ?? '').replace(/[*•●\s]/g, '').slice(0, 3);
  if (hint !== '' && !text.startsWith(hint)) findings.push(secretFinding('secret-hint-mismatch'));

  if (!inner && !CURRENT_SECRET.test(text)) findings.push(secretFinding('secret-format'));
  return findings;
}

// --- Secret expiry --------------------------------------------------------------------------

const DAY_MS = 86_400_000;

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

interface ReadDate {
  iso: string;
  /** Read as month/day, though day/month would also have been a date. */
  ambiguous: boolean;
}

function readExpiry(value: string): ReadDate | null {
  const text = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.exec(text);
  if (m) {
    // The date as written: that is what the portal and the admin see.
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso === null ? null : { iso, ambiguous: false };
  }
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (m) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso === null ? null : { iso, ambiguous: false };
  }
  // Day-first locales write dots.
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (m) {
    const iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
    return iso === null ? null : { iso, ambiguous: false };
  }
  // The portal's default display (en-US) is month first, e.g. "11/26/2028" or "11/26/2028, 12:00 AM".
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$/i.exec(text);
  if (m) {
    const first = Number(m[1]);
    const second = Number(m[2]);
    const year = Number(m[3]);
    if (first > 12) {
      const iso = isoDate(year, second, first);
      return iso === null ? null : { iso, ambiguous: false };
    }
    const iso = isoDate(year, first, second);
    return iso === null ? null : { iso, ambiguous: second <= 12 && first !== second };
  }
  return null;
}

/** The expiry date as ISO `YYYY-MM-DD`, from the forms the portal shows; null when it is none. */
export function parseExpiry(value: string): string | null {
  if (typeof value !== 'string') return null;
  return readExpiry(value)?.iso ?? null;
}

function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

/** Secrets last at most 24 months (the portal's longest choice is 730 days). */
const MAX_MONTHS = 24;
const SOON_DAYS = 30;

export function validateSecretExpiry(value: string, ctx: ValidationContext = {}): Finding[] {
  const field = 'secretExpiry';
  const context = readContext(ctx);
  const { text, findings } = presence(field, value, null);
  if (text === null) return findings;
  if (/\bnever\b/i.test(text)) {
    findings.push(
      finding(
        field,
        'expiry-never',
        'error',
        '"Never" no longer exists: client secrets expire after at most 24 months. Choose "730 days (24 months)" and enter the date shown in the Expires column.',
      ),
    );
    return findings;
  }
  const date = readExpiry(text);
  if (date === null) {
    findings.push(
      finding(
        field,
        'expiry-not-date',
        'error',
        'This is not a date. Enter the date shown in the "Expires" column of the client secret, for example 2028-11-26 or 11/26/2028.',
      ),
    );
    return findings;
  }
  const now = context.now;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) / DAY_MS;
  // One day of slack for the time zone in which the portal showed the date.
  const latest = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + MAX_MONTHS, now.getUTCDate()) / DAY_MS + 1;
  const day = dayNumber(date.iso);
  const days = day - today;

  if (days < 0) {
    findings.push(
      finding(
        field,
        'expiry-past',
        'error',
        `The client secret expired on ${date.iso}; SSO stops working when it does. Create a new client secret and hand its Value to dbt.`,
      ),
    );
  } else if (day > latest) {
    findings.push(
      finding(
        field,
        'expiry-too-far',
        'warning',
        `${date.iso} is more than 24 months away, longer than the portal lets a new secret last. Check the date in the "Expires" column; a secret made earlier, or with the command line or Microsoft Graph, can show a later date (an old "Never" secret shows 12/31/2299).`,
      ),
    );
  } else if (days <= SOON_DAYS) {
    findings.push(
      finding(
        field,
        'expiry-soon',
        'warning',
        `${days === 0 ? 'The client secret expires today' : `The client secret expires in ${days} day${days === 1 ? '' : 's'}`} (${date.iso}), and SSO stops working then. Create a new secret with a longer expiry now.`,
      ),
    );
  }
  if (date.ambiguous) {
    findings.push(
      finding(
        field,
        'expiry-ambiguous',
        'warning',
        `Read as month/day: ${date.iso}. If the day comes first in your portal, enter the date as YYYY-MM-DD.`,
      ),
    );
  }
  return findings;
}

// --- Domain ---------------------------------------------------------------------------------

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const TOP_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;

function isHostname(value: string): boolean {
  if (value.length > 253) return false;
  const labels = value.split('.');
  const top = labels[labels.length - 1];
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && top !== undefined && TOP_LABEL.test(top);
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The domain with the usual paste mistakes removed (an e-mail address's part after "@", a URL's
 * host, trailing dots, surrounding spaces), in lower case; null when no domain can be made of it.
 */
export function normalizeDomain(value: string): string | null {
  if (typeof value !== 'string') return null;
  let text = value.trim().replace(/^mailto:/i, '');
  const at = text.lastIndexOf('@');
  if (at >= 0) text = text.slice(at + 1);
  if (SCHEME.test(text)) {
    text = parseUrl(text)?.hostname ?? '';
  } else {
    text = (text.split(/[/?#]/, 1)[0] ?? '').replace(/:\d*$/, '');
  }
  text = text.replace(/\.+$/, '').toLowerCase();
  return isHostname(text) ? text : null;
}

export function validateDomain(value: string, ctx: ValidationContext = {}): Finding[] {
  const field = 'domain';
  const context = readContext(ctx);
  const { text: trimmed, findings } = presence(field, value, 'error');
  if (trimmed === null) return findings;
  const suggestion = normalizeDomain(trimmed);
  const use = suggestion === null ? '' : `: ${suggestion}`;
  const add = (code: string, message: string): void => {
    findings.push(finding(field, code, 'error', message));
  };

  const authorities = Object.values(ACCOUNT_TYPES).map((t) => t.authority).filter((a) => a !== null);
  const authority = context.setup ? ACCOUNT_TYPES[context.setup.accountType].authority : null;
  const given = trimmed.toLowerCase();
  if (authority !== null) {
    // A multi-tenant app: dbt's "Microsoft Entra ID Domain" is the account type's authority string.
    if (given !== authority) {
      add(
        'domain-not-authority',
        `For an app that accepts "${ACCOUNT_TYPES[context.setup?.accountType ?? 'multi'].label}", dbt's Microsoft Entra ID Domain is "${authority}", not a domain name. Enter ${authority}.`,
      );
    } else if (trimmed !== authority) {
      findings.push(finding(field, 'domain-authority-case', 'warning', `dbt expects "${authority}" in lower case.`));
    }
    return findings;
  }
  if ((authorities as string[]).includes(given)) {
    add(
      'domain-is-authority',
      `"${given}" is the value for multi-tenant apps. Your setup is single tenant: enter the directory's primary domain, for example contoso.onmicrosoft.com.`,
    );
    return findings;
  }

  if (trimmed.includes('@')) {
    add('domain-email', `That is an e-mail address. dbt wants only the domain, the part after "@"${use}.`);
    return findings;
  }
  if (SCHEME.test(trimmed) || /[/?#]/.test(trimmed) || /:\d*$/.test(trimmed)) {
    add('domain-url', `That is an address (URL). dbt wants only the domain name, without "https://", a port or a path${use}.`);
    return findings;
  }
  if (GUID.test(trimmed)) {
    add('domain-is-tenant-id', 'That is an ID, not a domain. Enter the primary domain from the Microsoft Entra ID overview, for example contoso.onmicrosoft.com.');
    return findings;
  }
  let text = trimmed;
  if (text.endsWith('.')) {
    add('domain-trailing-dot', `The domain ends with a dot. Remove it${use}.`);
    text = text.replace(/\.+$/, '');
  }
  if (!isHostname(text)) {
    add(
      'domain-syntax',
      'This is not a domain name: letters, digits and "-" in parts separated by dots, like contoso.onmicrosoft.com. Copy the primary domain from the Microsoft Entra ID overview.',
    );
    return findings;
  }
  const primary = context.primaryDomain === undefined ? null : normalizeDomain(context.primaryDomain);
  if (primary !== null && primary !== text.toLowerCase()) {
    findings.push(
      finding(
        field,
        'domain-not-primary',
        'warning',
        `dbt wants the primary domain, and the Microsoft Entra ID overview shows ${primary}. Use it unless dbt asked for another of your verified domains.`,
      ),
    );
  }
  return findings;
}

// --- Any field ------------------------------------------------------------------------------

const TEXT_VALIDATORS: Record<Exclude<FieldName, 'permissions'>, (value: string, ctx: ValidationContext) => Finding[]> = {
  deploymentId: validateDeploymentId,
  redirectUri: validateRedirectUri,
  appName: validateAppName,
  accountType: validateAccountType,
  platform: validatePlatform,
  clientId: validateClientId,
  tenantId: validateTenantId,
  objectId: validateObjectId,
  clientSecret: validateClientSecret,
  secretExpiry: validateSecretExpiry,
  domain: validateDomain,
};

/**
 * Validates one value of any field, typed or read from the page. Never throws, whatever the value
 * or the context: the form and the panel call it on every keystroke and every read.
 */
export function validateField(field: FieldName, value: unknown, ctx?: ValidationContext): Finding[] {
  const name = FieldNameSchema.safeParse(field);
  if (!name.success) return [];
  try {
    const context = readContext(ctx);
    if (name.data === 'permissions') return validatePermissionInput(value, context);
    if (value === undefined || value === null) return [required(name.data)];
    if (typeof value !== 'string') return [invalidInput(name.data)];
    return TEXT_VALIDATORS[name.data](value, context);
  } catch {
    return [finding(name.data, 'check-failed', 'error', checkFailedMessage(name.data))];
  }
}
