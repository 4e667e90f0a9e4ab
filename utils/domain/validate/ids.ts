import { FIELD_LABELS, type FieldName, type Finding, GUID, type ValidationContext, WHERE_TO_FIND, finding, isGuid, presence, readContext, sameGuid } from '@/utils/domain/validate/common';

/**
 * The IDs from the app's Overview: Application (client) ID, Directory (tenant) ID, Object ID; each
 * against the others the guide knows.
 */

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

/** The value is the other ID the context holds: one line a confusion. */
const sameAs = (code: string, other: (c: ReturnType<typeof readContext>) => string | undefined, message: string): Confusion => ({
  code,
  is: (text, c) => sameGuid(text, other(c)),
  message,
});

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
    sameAs('client-id-is-tenant-id', (c) => c.tenantId, 'That is the Directory (tenant) ID. Copy the Application (client) ID, the line above it on the app\'s Overview page.'),
    sameAs('client-id-is-object-id', (c) => c.objectId, 'That is the Object ID, not the Application (client) ID. Copy the Application (client) ID from the app\'s Overview page.'),
    sameAs('client-id-is-secret-id', (c) => c.secretId, 'That is the Secret ID of the client secret. Copy the Application (client) ID from the app\'s Overview page.'),
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
    sameAs('tenant-id-is-client-id', (c) => c.clientId, 'That is the Application (client) ID. Copy the Directory (tenant) ID, the line below it on the app\'s Overview page.'),
    sameAs('tenant-id-is-object-id', (c) => c.objectId, 'That is the Object ID. Copy the Directory (tenant) ID from the app\'s Overview page.'),
  ]);
}

export function validateObjectId(value: string, ctx: ValidationContext = {}): Finding[] {
  return guidWithConfusions('objectId', value, ctx, [
    sameAs('object-id-is-client-id', (c) => c.clientId, 'That is the Application (client) ID. Copy the Object ID from the app\'s Overview page.'),
  ]);
}
