import { z } from 'zod';

/**
 * What the guide collects. Each value remembers where it came from: read from the portal page
 * (and on which page) or typed by the admin.
 */
export const ValueSourceSchema = z.enum(['page', 'typed']);
export type ValueSource = z.infer<typeof ValueSourceSchema>;

export const RecordedValueSchema = z.object({
  value: z.string().max(4000),
  source: ValueSourceSchema,
  /** ISO timestamp of when it was recorded. */
  at: z.string().max(40),
});
export type RecordedValue = z.infer<typeof RecordedValueSchema>;

export const PermissionRowSchema = z.object({
  api: z.string().max(200),
  name: z.string().max(200),
  type: z.string().max(50),
  status: z.string().max(300),
});
export type PermissionRow = z.infer<typeof PermissionRowSchema>;

/** Non-secret values: these go to storage.local. */
export const PublicValueKeySchema = z.enum([
  'clientId',
  'tenantId',
  'objectId',
  'domain',
  'secretExpiry',
  'displayName',
  'accountType',
  /** The appId parsed from the app page's route, to cross-check the client ID. */
  'routeAppId',
  /** The first three characters the secrets table shows (Graph's passwordCredential.hint). */
  'secretHint',
  /** The Secret ID (a GUID) of the secret whose Value was captured. */
  'secretId',
  /** The tenant overview's primary domain and tenant ID as read from the page. */
  'primaryDomain',
  'pageTenantId',
  /** The directory shown in the portal's account menu. */
  'currentDirectory',
]);
export type PublicValueKey = z.infer<typeof PublicValueKeySchema>;

export const PublicValuesSchema = z.partialRecord(PublicValueKeySchema, RecordedValueSchema);
export type PublicValues = z.infer<typeof PublicValuesSchema>;

/** Lists read from the portal: redirect URIs and the configured permissions. */
export const ReadListsSchema = z.object({
  redirectUris: z.array(z.string().max(2000)).max(100).optional(),
  permissions: z.array(PermissionRowSchema).max(200).optional(),
});
export type ReadLists = z.infer<typeof ReadListsSchema>;

/** The client secret. Only ever in memory and storage.session. */
export const SecretSchema = z.object({
  value: z.string().max(4000),
  source: ValueSourceSchema,
  at: z.string().max(40),
});
export type Secret = z.infer<typeof SecretSchema>;
