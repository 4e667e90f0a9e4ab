import * as z from 'zod/mini';
import { PermissionTypeSchema, ProfileSchema } from '@/utils/domain/setup';

/**
 * The JSON document inside the encrypted hand-off file: what dbt reads after
 * `gpg --output handoff.json --decrypt <file>.asc`. Versioned from the start, so that a later
 * shape can be told apart by whoever reads it.
 *
 * Error messages name fields, never their values: a message about the secret must not repeat it.
 * zod/mini loads no locale, so every message that can reach the admin is written here.
 */

export const HANDOFF_FORMAT = 'dbt-entra-sso-handoff';
export const HANDOFF_VERSION = 1;

const GUID_MESSAGE = 'must be a GUID such as 00000000-0000-0000-0000-000000000000';

/** A strict object whose unknown keys are named (keys only: they are field names, not values). */
const strict = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `Unrecognized key(s): ${issue.keys.join(', ')}` : undefined,
  });

const trimmed = (max: number, what: string) =>
  z.string().check(z.trim(), z.minLength(1, `${what} is missing`), z.maxLength(max, `${what} is too long`));

export const HandoffPermissionSchema = strict({
  api: trimmed(200, 'API name'),
  name: trimmed(200, 'Permission name'),
  type: z.enum(PermissionTypeSchema.options, 'Permission type must be Delegated or Application'),
});
export type HandoffPermission = z.infer<typeof HandoffPermissionSchema>;

export const HandoffValuesSchema = strict({
  clientId: z.guid({ error: `Application (client) ID ${GUID_MESSAGE}` }),
  // Entra client secret Values never contain whitespace; one that does was pasted with extra text.
  clientSecret: z.string({ error: 'Client secret Value is missing' }).check(
    z.minLength(1, 'Client secret Value is missing'),
    z.maxLength(4000, 'Client secret Value is too long'),
    z.regex(/^\S+$/, 'Client secret Value must not contain spaces or line breaks'),
  ),
  tenantId: z.optional(z.guid({ error: `Directory (tenant) ID ${GUID_MESSAGE}` })),
  domain: z.string({ error: 'Directory domain is missing' }).check(
    z.trim(),
    z.minLength(1, 'Directory domain is missing'),
    z.maxLength(253, 'Directory domain is too long'),
    z.regex(
      /^(?=.*\.)[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/,
      'Directory domain must be a domain name such as contoso.onmicrosoft.com',
    ),
  ),
  secretExpiry: z.optional(z.iso.date({ error: 'Client secret expiry must be a date (YYYY-MM-DD)' })),
  redirectUri: z.optional(
    z
      .url({ protocol: /^https$/, error: 'Redirect URI must be an https:// URL' })
      .check(z.maxLength(2000, 'Redirect URI is too long')),
  ),
  permissions: z.array(HandoffPermissionSchema, 'API permissions must be a list').check(
    z.maxLength(50, 'Too many API permissions'),
  ),
});
export type HandoffValues = z.infer<typeof HandoffValuesSchema>;

export const HandoffDocumentSchema = strict({
  format: z.literal(HANDOFF_FORMAT, `format must be "${HANDOFF_FORMAT}"`),
  version: z.literal(HANDOFF_VERSION, `version must be ${HANDOFF_VERSION}`),
  createdAt: z.iso.datetime({ error: 'createdAt must be an ISO date-time in UTC' }),
  profile: z.enum(ProfileSchema.options, 'profile must be "support" or "self-service"'),
  /** Where the values go, e.g. "dbt support" (from planFor in setup.ts). */
  destination: trimmed(200, 'Destination'),
  values: HandoffValuesSchema,
}).check(
  z.superRefine((doc, ctx) => {
    // dbt's self-service form asks for the tenant ID; support can look it up from the domain.
    if (doc.profile === 'self-service' && doc.values.tenantId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['values', 'tenantId'],
        message: 'Directory (tenant) ID is required for the self-service set-up',
      });
    }
  }),
);
export type HandoffDocument = z.infer<typeof HandoffDocumentSchema>;

export interface HandoffDocumentInput {
  profile: HandoffDocument['profile'];
  destination: string;
  values: HandoffValues;
  /** When the document is made; defaults to now. */
  now?: Date;
}

export class HandoffDocumentError extends Error {
  constructor(readonly issues: readonly { path: string; message: string }[]) {
    super(
      `The hand-off values are not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
    this.name = 'HandoffDocumentError';
  }
}

export function buildHandoffDocument(input: HandoffDocumentInput): HandoffDocument {
  return parseHandoffDocument({
    format: HANDOFF_FORMAT,
    version: HANDOFF_VERSION,
    createdAt: (input.now ?? new Date()).toISOString(),
    profile: input.profile,
    destination: input.destination,
    values: input.values,
  });
}

/** Checks a document (built here, or read back from a decrypted file); throws HandoffDocumentError. */
export function parseHandoffDocument(value: unknown): HandoffDocument {
  const result = HandoffDocumentSchema.safeParse(value);
  if (!result.success) {
    // zod issues carry no input values unless asked to, so they are safe to show.
    throw new HandoffDocumentError(
      result.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    );
  }
  return result.data;
}
