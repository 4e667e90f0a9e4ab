import * as z from 'zod/mini';

/**
 * The values the guide handles, and the one table of their names as the admin reads them (the
 * validation's messages, the review, the hand-off's labels).
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

export const FIELD_LABELS: Record<FieldName, string> = {
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
