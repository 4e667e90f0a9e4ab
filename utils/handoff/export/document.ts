import { z } from 'zod';
import { PermissionTypeSchema, ProfileSchema } from '@/utils/handoff/setup';

/**
 * The JSON document inside the encrypted hand-off file: what dbt reads after
 * `gpg --output handoff.json --decrypt <file>.asc`. Versioned from the start, so that a later
 * shape can be told apart by whoever reads it.
 *
 * Error messages name fields, never their values: a message about the secret must not repeat it.
 */

export const HANDOFF_FORMAT = 'dbt-entra-sso-handoff';
export const HANDOFF_VERSION = 1;

const GUID_MESSAGE = 'must be a GUID such as 00000000-0000-0000-0000-000000000000';

export const HandoffPermissionSchema = z.strictObject({
  api: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  type: PermissionTypeSchema,
});
export type HandoffPermission = z.infer<typeof HandoffPermissionSchema>;

export const HandoffValuesSchema = z.strictObject({
  clientId: z.guid({ error: `Application (client) ID ${GUID_MESSAGE}` }),
  // Entra client secret Values never contain whitespace; one that does was pasted with extra text.
  clientSecret: z
    .string({ error: 'Client secret Value is missing' })
    .min(1, { error: 'Client secret Value is missing' })
    .max(4000, { error: 'Client secret Value is too long' })
    .regex(/^\S+$/, { error: 'Client secret Value must not contain spaces or line breaks' }),
  tenantId: z.guid({ error: `Directory (tenant) ID ${GUID_MESSAGE}` }).optional(),
  domain: z
    .string()
    .trim()
    .min(1, { error: 'Directory domain is missing' })
    .max(253)
    .regex(/^(?=.*\.)[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/, {
      error: 'Directory domain must be a domain name such as contoso.onmicrosoft.com',
    }),
  secretExpiry: z.iso.date({ error: 'Client secret expiry must be a date (YYYY-MM-DD)' }).optional(),
  redirectUri: z
    .url({ protocol: /^https$/, error: 'Redirect URI must be an https:// URL' })
    .max(2000)
    .optional(),
  permissions: z.array(HandoffPermissionSchema).max(50),
});
export type HandoffValues = z.infer<typeof HandoffValuesSchema>;

export const HandoffDocumentSchema = z
  .strictObject({
    format: z.literal(HANDOFF_FORMAT),
    version: z.literal(HANDOFF_VERSION),
    createdAt: z.iso.datetime({ error: 'createdAt must be an ISO date-time in UTC' }),
    profile: ProfileSchema,
    /** Where the values go, e.g. "dbt support" (from planFor in setup.ts). */
    destination: z.string().trim().min(1).max(200),
    values: HandoffValuesSchema,
  })
  .superRefine((doc, ctx) => {
    // dbt's self-service form asks for the tenant ID; support can look it up from the domain.
    if (doc.profile === 'self-service' && doc.values.tenantId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['values', 'tenantId'],
        message: 'Directory (tenant) ID is required for the self-service set-up',
      });
    }
  });
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
