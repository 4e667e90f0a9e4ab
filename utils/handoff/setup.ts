import * as z from 'zod/mini';

/**
 * The two ways of setting up dbt Cloud SSO with Microsoft Entra ID, and everything that follows
 * from the choice: the redirect URI, the Microsoft Graph permissions and the values handed to dbt.
 * This is the one place those derive from the profile.
 */

export const ProfileSchema = z.enum(['support', 'self-service']);
export type Profile = z.infer<typeof ProfileSchema>;

/**
 * dbt regions and their Auth0 hosts (dbt docs, "Set up SSO with Microsoft Entra ID").
 * `custom` means: paste the redirect URI that dbt's own SSO settings show (other cells).
 */
export const RegionSchema = z.enum(['us', 'emea', 'au', 'custom']);
export type Region = z.infer<typeof RegionSchema>;

export const REGION_AUTH_HOSTS: Record<Exclude<Region, 'custom'>, string> = {
  us: 'auth.cloud.getdbt.com',
  emea: 'auth.emea.dbt.com',
  au: 'auth.au.dbt.com',
};

export const REGION_LABELS: Record<Region, string> = {
  us: 'North America (AWS, or Azure *.us2.dbt.com)',
  emea: 'EMEA (AWS, or Azure *.eu2.dbt.com)',
  au: 'APAC (AWS)',
  custom: 'Another region: paste the redirect URI from dbt',
};

/** The seed guide's support-assisted host; the deployment ID goes in the `connection` parameter. */
export const SUPPORT_AUTH_HOST = 'auth.getdbt.com';
export const DEPLOYMENT_ID_PLACEHOLDER = '<your-deployment-id>';

/**
 * What the admin chose in the `setup` step. Flat on purpose: a half-filled form is a valid state
 * to store, and validation (utils/handoff/validate.ts) says what is still missing.
 */
export const SetupSchema = z.object({
  profile: ProfileSchema,
  deploymentId: z.string().check(z.maxLength(200)),
  region: RegionSchema,
  customRedirectUri: z.string().check(z.maxLength(2000)),
  /** Self-service only: dbt lists Directory.AccessAsUser.All as optional (users in > 200 groups). */
  includeDirectoryAccess: z.boolean(),
});
export type Setup = z.infer<typeof SetupSchema>;

export const DEFAULT_SETUP: Setup = {
  profile: 'self-service',
  deploymentId: '',
  region: 'us',
  customRedirectUri: '',
  includeDirectoryAccess: false,
};

export const PermissionTypeSchema = z.enum(['Delegated', 'Application']);

export const RequiredPermissionSchema = z.object({
  api: z.literal('Microsoft Graph'),
  name: z.string(),
  type: PermissionTypeSchema,
  /** Why dbt needs it, in the admin's words. */
  why: z.string(),
});
export type RequiredPermission = z.infer<typeof RequiredPermissionSchema>;

const USER_READ: RequiredPermission = {
  api: 'Microsoft Graph',
  name: 'User.Read',
  type: 'Delegated',
  why: 'Sign users in and read their profile.',
};
const DIRECTORY_ACCESS: RequiredPermission = {
  api: 'Microsoft Graph',
  name: 'Directory.AccessAsUser.All',
  type: 'Delegated',
  why: 'Read the directory as the signed-in user (group memberships).',
};
const GROUP_MEMBER_READ: RequiredPermission = {
  api: 'Microsoft Graph',
  name: 'GroupMember.Read.All',
  type: 'Delegated',
  why: 'Read group memberships, which dbt maps to its own groups.',
};

/** The values an admin hands to dbt, in the order dbt's form or support asks for them. */
export const HandoffFieldSchema = z.enum([
  'clientId',
  'clientSecret',
  'tenantId',
  'domain',
  'secretExpiry',
]);
export type HandoffField = z.infer<typeof HandoffFieldSchema>;

export const HANDOFF_FIELD_LABELS: Record<HandoffField, string> = {
  clientId: 'Application (client) ID',
  clientSecret: 'Client secret Value',
  tenantId: 'Directory (tenant) ID',
  domain: 'Directory domain',
  secretExpiry: 'Client secret expiry date',
};

export interface ProfilePlan {
  /** The redirect URI to register (platform Web), or null while the setup is incomplete. */
  redirectUri: string | null;
  permissions: readonly RequiredPermission[];
  /** Values dbt needs. */
  handoff: readonly HandoffField[];
  /** Values recorded beside them for the admin's own use (the rotation reminder, cross-checks). */
  reference: readonly HandoffField[];
  /** Where the values go. */
  destination: string;
}

const TOKEN = /^[A-Za-z0-9_-]{1,100}$/;

export function redirectUriFor(setup: Setup): string | null {
  if (setup.profile === 'support') {
    const id = setup.deploymentId.trim();
    if (!TOKEN.test(id)) return null;
    return `https://${SUPPORT_AUTH_HOST}/login/callback?connection=${id}`;
  }
  if (setup.region === 'custom') {
    const uri = setup.customRedirectUri.trim();
    return uri === '' ? null : uri;
  }
  return `https://${REGION_AUTH_HOSTS[setup.region]}/login/callback`;
}

export function planFor(setup: Setup): ProfilePlan {
  if (setup.profile === 'support') {
    return {
      redirectUri: redirectUriFor(setup),
      // The seed also asked for the same two under "Azure Active Directory Graph"; that API was
      // retired on 31 August 2025, so only the Microsoft Graph part remains.
      permissions: [USER_READ, DIRECTORY_ACCESS],
      handoff: ['clientId', 'clientSecret', 'domain'],
      reference: ['tenantId', 'secretExpiry'],
      destination: 'dbt support',
    };
  }
  return {
    redirectUri: redirectUriFor(setup),
    permissions: setup.includeDirectoryAccess
      ? [USER_READ, GROUP_MEMBER_READ, DIRECTORY_ACCESS]
      : [USER_READ, GROUP_MEMBER_READ],
    handoff: ['clientId', 'clientSecret', 'tenantId', 'domain'],
    reference: ['secretExpiry'],
    destination: 'dbt Account settings > SSO & SCIM',
  };
}

/** Values the guide types into the portal, the same for both profiles. */
export const PORTAL_VALUES = {
  appName: 'dbt Cloud',
  accountType: 'Accounts in this organizational directory only',
  platform: 'Web',
  permissionType: 'Delegated permissions',
  secretDescription: 'dbt Cloud',
  secretExpiry: '730 days (24 months)',
  secretExpiryDays: 730,
} as const;
