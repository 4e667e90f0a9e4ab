import { SetupSchema, type Setup } from '@/utils/domain/setup';
import type { PublicValues } from '@/utils/domain/values';
import { FIELD_LABELS, FieldNameSchema, type FieldName } from '@/utils/domain/fields';

export { FIELD_LABELS, FieldNameSchema, type FieldName };


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


export const WHERE_TO_FIND: Record<FieldName, string> = {
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

export function finding(field: FieldName, code: string, severity: Severity, message: string): Finding {
  return { field, code, severity, message };
}

export function requiredMessage(field: FieldName): string {
  return `${FIELD_LABELS[field]} is empty. ${WHERE_TO_FIND[field]}`;
}

export function invalidInputMessage(field: FieldName): string {
  return `${FIELD_LABELS[field]} could not be read as text. ${WHERE_TO_FIND[field]}`;
}

export function checkFailedMessage(field: FieldName): string {
  return `${FIELD_LABELS[field]} could not be checked. Enter it again; if this persists, check it by hand.`;
}

export function whitespaceMessage(field: FieldName): string {
  return `${FIELD_LABELS[field]} has spaces or line breaks before or after it, easily copied along with the value. Remove them.`;
}

export const required = (field: FieldName): Finding =>
  finding(field, 'required', 'error', requiredMessage(field));
export const invalidInput = (field: FieldName): Finding =>
  finding(field, 'invalid-input', 'error', invalidInputMessage(field));

/** Whether errors remain, which block the export. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/**
 * The validation's common parts: field names and labels, findings, the context (what the guide
 * knows besides the value), presence and ID helpers.
 */

export interface Context extends Omit<ValidationContext, 'now'> {
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
export function readContext(ctx: unknown): Context {
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

/**
 * The context to validate one of the guide's values in: the setup and every ID the guide recorded
 * (values the admin is typing first). The one builder for the steps' checks, the panel's
 * read-back and the hand-off's review, so that all three say the same of a value.
 */
export function contextFrom(
  setup: Setup,
  values: PublicValues,
  { drafts = {}, now }: { drafts?: Partial<Record<(typeof CONTEXT_TEXT_KEYS)[number], string>>; now?: Date } = {},
): ValidationContext {
  const ctx: ValidationContext = { setup, ...(now ? { now } : {}) };
  for (const key of CONTEXT_TEXT_KEYS) {
    const value = drafts[key] ?? values[key]?.value;
    if (value) ctx[key] = value;
  }
  return ctx;
}

/** Trims the value; reports emptiness and, when asked, surrounding whitespace. */
export function presence(
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

export const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isGuid(value: string | undefined): value is string {
  return value !== undefined && GUID.test(value.trim());
}

export function sameGuid(a: string, b: string | undefined): boolean {
  return isGuid(b) && a.trim().toLowerCase() === b.trim().toLowerCase();
}


export function collapse(value: string): string {
  return value.trim().toLowerCase().replace(/\s+/g, ' ');
}
