import * as z from 'zod/mini';

const text = (max: number) => z.string().check(z.maxLength(max));

/**
 * What the guide collects. Each value remembers where it came from: read from the portal page
 * (and on which page) or typed by the admin.
 */
export const ValueSourceSchema = z.enum(['page', 'typed']);
export type ValueSource = z.infer<typeof ValueSourceSchema>;

export const RecordedValueSchema = z.object({
  value: text(4000),
  source: ValueSourceSchema,
  /** ISO timestamp of when it was recorded. */
  at: text(40),
});
export type RecordedValue = z.infer<typeof RecordedValueSchema>;

export const PermissionRowSchema = z.object({
  api: text(200),
  name: text(200),
  type: text(50),
  status: text(300),
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
  /** The directory shown in the portal's account menu, now and when the app was registered. */
  'currentDirectory',
  'registeredDirectory',
  /** The app Overview's "Redirect URIs", as shown ("1 web, 0 spa, 0 public client"). */
  'redirectUriSummary',
  /** The enterprise application (service principal): its object ID and the appId it shows. */
  'servicePrincipalId',
  'enterpriseAppId',
  /** How many users and groups the enterprise application's "Users and groups" lists. */
  'assignedUsers',
  'assignedGroups',
  /** The enterprise application's saved "Assignment required?" ("Yes" or "No"). */
  'assignmentRequired',
  /** dbt: the admin's access URL (its origin), and the account's SSO & SCIM page once seen. */
  'dbtAccessUrl',
  'dbtSsoUrl',
  /** dbt's form: the Callback URI it shows, and what its saved configuration shows. */
  'dbtCallbackUri',
  'dbtLoginUrl',
  'dbtSavedLoginWith',
  'dbtSavedClientId',
  'dbtSavedTenantId',
  'dbtSavedDomain',
  /** dbt's SSO form is open ("yes") or its saved configuration is shown ("no"). */
  'dbtFormOpen',
  /** Rotation: the Secret ID of the secret being replaced, to delete once dbt has the new one. */
  'oldSecretId',
]);
export type PublicValueKey = z.infer<typeof PublicValueKeySchema>;

export const PublicValuesSchema = z.partialRecord(PublicValueKeySchema, RecordedValueSchema);
export type PublicValues = z.infer<typeof PublicValuesSchema>;

/** Lists read from the portal: redirect URIs and the configured permissions. */
export const ReadListsSchema = z.object({
  redirectUris: z.optional(z.array(text(2000)).check(z.maxLength(100))),
  permissions: z.optional(z.array(PermissionRowSchema).check(z.maxLength(200))),
  /** The Secret IDs the Client secrets table lists. */
  secretIds: z.optional(z.array(text(100)).check(z.maxLength(100))),
});
export type ReadLists = z.infer<typeof ReadListsSchema>;

/** The client secret. Only ever in memory and storage.session. */
export const SecretSchema = z.object({
  value: text(4000),
  source: ValueSourceSchema,
  at: text(40),
});
export type Secret = z.infer<typeof SecretSchema>;
