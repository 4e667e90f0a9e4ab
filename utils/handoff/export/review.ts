import {
  HANDOFF_FIELD_LABELS,
  PORTAL_VALUES,
  planFor,
  type HandoffField,
  type ProfilePlan,
  type Setup,
} from '@/utils/domain/setup';
import {
  contextFrom,
  hasErrors,
  normalizeDomain,
  parseExpiry,
  validateField,
  type Finding,
} from '@/utils/domain/validate';
import type { PermissionRow, PublicValues, ReadLists, ValueSource } from '@/utils/domain/values';
import type { HandoffValues } from '@/utils/handoff/export/document';

/**
 * What the popup's review shows and what the export may use: each value of the chosen profile
 * with where it came from and its validation result, and the document's values once nothing
 * blocks. Pure: the same state gives the same review.
 */

export interface ReviewRow {
  field: HandoffField;
  label: string;
  value: string;
  /** Where it came from; null while not recorded. */
  source: ValueSource | null;
  /** `needed`: dbt needs it. `reference`: kept beside it, included when filled. */
  role: 'needed' | 'reference';
  findings: Finding[];
}

export interface Review {
  plan: ProfilePlan;
  rows: ReviewRow[];
  /** The redirect URI from the setup, the Web URIs read from the page, and their findings. */
  redirect: { uri: string | null; read: string[] | null; findings: Finding[] };
  /** The permissions the profile needs, the rows read from the page, and their findings (informative). */
  permissions: { read: PermissionRow[] | null; findings: Finding[] };
  /** Labels of the values with errors, in order: the export is refused while any remain. */
  blocking: string[];
  /** The document's values, when nothing blocks. */
  values: HandoffValues | null;
  /** The secret's expiry date (YYYY-MM-DD), when valid, for the rotation reminder. */
  expiry: string | null;
  /** The app's display name for the reminder. */
  appName: string;
}

/** The fields the review edits besides the secret. */
export type PublicHandoffField = Exclude<HandoffField, 'clientSecret'>;

/**
 * Values typed in the review but kept in memory only: typed text that holds the client secret is
 * never recorded, as recorded values go to storage.local.
 */
export type Drafts = Partial<Record<PublicHandoffField, string>>;

export interface ReviewInput {
  setup: Setup;
  values: PublicValues;
  drafts?: Drafts;
  lists: ReadLists;
  /** The client secret, or null. */
  secret: { value: string; source: ValueSource } | null;
  now?: Date;
}

const SECRET_ELSEWHERE: Omit<Finding, 'field'> = {
  code: 'contains-secret',
  severity: 'error',
  message:
    'This holds the client secret Value, which must never go into a plain-text message. Put the Value only in the "Client secret Value" field, and enter the right value here.',
};

/**
 * Whether a plain text would carry the secret. Every plain-text output (the message, the calendar
 * file, a copied value other than the secret) is checked with it before it is offered.
 */
export function carriesSecret(text: string, secret: string | null): boolean {
  const needle = secret?.trim() ?? '';
  return needle !== '' && text.includes(needle);
}

/** The text, if it may be offered as plain text (shown, copied, saved); null when it carries the secret. */
export function offerPlainText(review: Review, text: string): string | null {
  const secret = review.rows.find((r) => r.field === 'clientSecret')?.value ?? null;
  return carriesSecret(text, secret) ? null : text;
}

const valueOf = (values: PublicValues, key: keyof PublicValues): string | undefined => values[key]?.value;

export function reviewHandoff({ setup, values, lists, drafts = {}, secret: stored, now }: ReviewInput): Review {
  const secret = stored?.value ?? null;
  const plan = planFor(setup);
  const ctx = contextFrom(setup, values, {
    drafts: { ...(drafts.clientId !== undefined ? { clientId: drafts.clientId } : {}), ...(drafts.tenantId !== undefined ? { tenantId: drafts.tenantId } : {}) },
    ...(now ? { now } : {}),
  });

  // Other findings are dropped: some quote the value, which here would quote the secret.
  const withoutSecret = (field: HandoffField | 'redirectUri', text: string, findings: Finding[]): Finding[] =>
    carriesSecret(text, secret) ? [{ field, ...SECRET_ELSEWHERE }] : findings;

  const row = (field: HandoffField, role: ReviewRow['role']): ReviewRow => {
    const isSecret = field === 'clientSecret';
    const draft = isSecret ? undefined : drafts[field];
    const value = (isSecret ? secret : (draft ?? valueOf(values, field))) ?? '';
    const source = isSecret ? (stored?.source ?? null) : draft !== undefined ? 'typed' : (values[field]?.source ?? null);
    let findings = validateField(field, value, ctx);
    // A reference value may stay empty; once filled it must be right, as it goes into the file.
    if (role === 'reference' && value.trim() === '') findings = [];
    if (!isSecret) findings = withoutSecret(field, value, findings);
    return { field, label: HANDOFF_FIELD_LABELS[field], value, source, role, findings };
  };

  const rows = [
    ...plan.handoff.map((f) => row(f, 'needed')),
    ...plan.reference.map((f) => row(f, 'reference')),
  ];

  const redirectFindings =
    plan.redirectUri === null
      ? []
      : withoutSecret('redirectUri', plan.redirectUri, validateField('redirectUri', plan.redirectUri, ctx));
  const redirect = {
    uri: plan.redirectUri,
    read: lists.redirectUris ?? null,
    findings: redirectFindings,
  };
  const permissions = {
    read: lists.permissions ?? null,
    findings: lists.permissions ? validateField('permissions', lists.permissions, ctx) : [],
  };

  const blocking = rows.filter((r) => hasErrors(r.findings)).map((r) => r.label);
  if (hasErrors(redirect.findings)) blocking.push('Redirect URI');

  const get = (field: HandoffField): string | undefined => {
    const text = rows.find((r) => r.field === field)?.value.trim();
    return text === undefined || text === '' ? undefined : text;
  };
  const expiryText = get('secretExpiry');
  const expiry = expiryText === undefined ? null : parseExpiry(expiryText);
  const domain = get('domain');

  const ready = blocking.length === 0 && secret !== null && get('clientId') !== undefined && domain !== undefined;
  const handoffValues: HandoffValues | null = ready
    ? {
        clientId: get('clientId') ?? '',
        clientSecret: secret.trim(),
        ...(get('tenantId') === undefined ? {} : { tenantId: get('tenantId') }),
        domain: normalizeDomain(domain) ?? domain,
        ...(expiry === null ? {} : { secretExpiry: expiry }),
        ...(plan.redirectUri === null ? {} : { redirectUri: plan.redirectUri }),
        permissions: plan.permissions.map(({ api, name, type }) => ({ api, name, type })),
      }
    : null;

  const expiryRow = rows.find((r) => r.field === 'secretExpiry');
  const displayName = valueOf(values, 'displayName')?.trim();
  return {
    plan,
    rows,
    redirect,
    permissions,
    blocking,
    values: handoffValues,
    expiry: expiryRow && !hasErrors(expiryRow.findings) ? expiry : null,
    appName: displayName && !carriesSecret(displayName, secret) ? displayName : PORTAL_VALUES.appName,
  };
}
