import * as z from 'zod/mini';
import { FIELD_LABELS } from '@/utils/domain/fields';

/**
 * The two ways of setting up dbt Cloud SSO with Microsoft Entra ID, and everything that follows
 * from the choice: the redirect URI, the Microsoft Graph permissions and the values handed to dbt.
 * This is the one place those derive from the profile.
 */

export const ProfileSchema = z.enum(['support', 'self-service']);
export type Profile = z.infer<typeof ProfileSchema>;

/**
 * dbt regions and their Auth0 hosts, from dbt's earlier "Auth0 URIs" table. dbt's current SSO
 * overview has no table any more and tells admins to copy the "Callback URI" from Account
 * settings > SSO & SCIM: `custom` takes that one, the regions are the fallback.
 */
export const RegionSchema = z.enum(['us', 'emea', 'au', 'custom']);
export type Region = z.infer<typeof RegionSchema>;

export const REGION_AUTH_HOSTS: Record<Exclude<Region, 'custom'>, string> = {
  us: 'auth.cloud.getdbt.com',
  emea: 'auth.emea.dbt.com',
  au: 'auth.au.dbt.com',
};

/**
 * dbt's access URL of each region (docs.getdbt.com, "Access, Regions, & IP addresses"); a
 * cell-based account (`<prefix>.<cell>.dbt.com`) types its own.
 */
export const REGION_ACCESS_URLS: Record<Exclude<Region, 'custom'>, string> = {
  us: 'https://cloud.getdbt.com',
  emea: 'https://emea.dbt.com',
  au: 'https://au.dbt.com',
};

export const REGION_LABELS: Record<Region, string> = {
  us: 'North America (AWS, or Azure *.us2.dbt.com)',
  emea: 'EMEA (AWS, or Azure *.eu2.dbt.com)',
  au: 'APAC (AWS)',
  custom: 'Paste the Callback URI that dbt shows (any region or cell)',
};

/** The seed guide's support-assisted host; the deployment ID goes in the `connection` parameter. */
export const SUPPORT_AUTH_HOST = 'auth.getdbt.com';
export const DEPLOYMENT_ID_PLACEHOLDER = '<your-deployment-id>';

/** dbt's own domains: every redirect URI dbt gives is on one of them (or a subdomain). */
export const DBT_DOMAINS = ['getdbt.com', 'dbt.com'] as const;

/**
 * "Supported account types" of the app registration, as dbt's current document lists them, each
 * with the value of dbt's "Microsoft Entra ID Domain" field (docs.getdbt.com, "Set up SSO with
 * Microsoft Entra ID", table under "Creating an application"): the primary domain for a single
 * tenant, an authority string otherwise.
 */
export const AccountTypeSchema = z.enum(['single', 'multi', 'multi-personal', 'personal']);
export type AccountType = z.infer<typeof AccountTypeSchema>;

export interface AccountTypeInfo {
  /** The setup's words for it. */
  label: string;
  /**
   * The radio's label on "Register an application", as words it contains in order ("…" between
   * parts); the shortest label containing them is the one (the multi-tenant label is the start
   * of the multi-tenant-and-personal one).
   */
  radio: string;
  /** dbt's "Microsoft Entra ID Domain" for this type; null: the directory's primary domain. */
  authority: 'organizations' | 'common' | 'consumers' | null;
  /** dbt's "Log in with" choice. */
  dbtLoginWith: string;
}

export const ACCOUNT_TYPES: Record<AccountType, AccountTypeInfo> = {
  single: {
    label: 'Single tenant: only my directory (recommended)',
    radio: 'Accounts in this organizational directory only',
    authority: null,
    dbtLoginWith: 'Microsoft Entra ID Single Tenant',
  },
  multi: {
    label: 'Multi-tenant: accounts in any organizational directory',
    radio: 'Accounts in any organizational directory',
    authority: 'organizations',
    dbtLoginWith: 'Microsoft Entra ID Multi Tenant',
  },
  'multi-personal': {
    label: 'Multi-tenant and personal Microsoft accounts',
    radio: 'Accounts in any organizational directory … and personal Microsoft accounts',
    authority: 'common',
    dbtLoginWith: 'Microsoft Entra ID Multi Tenant',
  },
  personal: {
    label: 'Personal Microsoft accounts only',
    radio: 'Personal Microsoft accounts only',
    authority: 'consumers',
    dbtLoginWith: 'Microsoft Entra ID Multi Tenant',
  },
};

/**
 * What the admin chose in the setup step. Flat on purpose: a half-filled form is a valid state
 * to store, and validation (utils/domain/validate/) says what is still missing.
 */
export const SetupSchema = z.object({
  profile: ProfileSchema,
  /** Support-assisted, the 2019 form: the deployment ID of `?connection=`. */
  deploymentId: z.string().check(z.maxLength(200)),
  /** Support-assisted: the redirect URI exactly as dbt support sent it (wins over the 2019 form). */
  // Keys added in version 2 have defaults: a setup from another version keeps what it has.
  supportRedirectUri: z._default(z.string().check(z.maxLength(2000)), ''),
  region: RegionSchema,
  customRedirectUri: z.string().check(z.maxLength(2000)),
  accountType: z._default(AccountTypeSchema, 'single'),
  /** dbt lists Directory.Read.All as optional, for users in more than 200 groups. */
  includeDirectoryRead: z._default(z.boolean(), false),
});
export type Setup = z.infer<typeof SetupSchema>;

export const DEFAULT_SETUP: Setup = {
  profile: 'self-service',
  deploymentId: '',
  supportRedirectUri: '',
  region: 'us',
  customRedirectUri: '',
  accountType: 'single',
  includeDirectoryRead: false,
};

/**
 * A setup stored by version 1 (before dbt's December 2025 change): `includeDirectoryAccess`
 * asked for Directory.AccessAsUser.All, which dbt no longer lists; its optional permission is now
 * Directory.Read.All, and there was no account type (single tenant) nor pasted support URI.
 */
export function migrateSetupV1(old: unknown): unknown {
  if (typeof old !== 'object' || old === null) return old;
  const { includeDirectoryAccess, ...rest } = old as Record<string, unknown>;
  return {
    ...rest,
    includeDirectoryRead: includeDirectoryAccess === true,
    accountType: 'single',
    supportRedirectUri: '',
  };
}

export const PermissionTypeSchema = z.enum(['Delegated', 'Application']);

export const RequiredPermissionSchema = z.object({
  api: z.literal('Microsoft Graph'),
  name: z.string(),
  type: PermissionTypeSchema,
  /** Why dbt needs it, in the admin's words. */
  why: z.string(),
});
export type RequiredPermission = z.infer<typeof RequiredPermissionSchema>;

// Microsoft Graph, Delegated, as dbt's current document lists them (docs.getdbt.com, "Set up SSO
// with Microsoft Entra ID", "Configuring permissions"): the same for both profiles.
const USER_READ: RequiredPermission = {
  api: 'Microsoft Graph',
  name: 'User.Read',
  type: 'Delegated',
  why: 'Sign users in and read their profile.',
};
const GROUP_MEMBER_READ: RequiredPermission = {
  api: 'Microsoft Graph',
  name: 'GroupMember.Read.All',
  type: 'Delegated',
  why: 'Read the groups users belong to, which dbt maps to its own groups.',
};
const DIRECTORY_READ: RequiredPermission = {
  api: 'Microsoft Graph',
  name: 'Directory.Read.All',
  type: 'Delegated',
  why: 'Optional: read directory data, for users in more than 200 groups.',
};

/**
 * Permissions dbt does not ask for any more but earlier instructions did: broader than dbt needs
 * (Directory.AccessAsUser.All can also write to the directory as the user).
 */
export const BROADER_PERMISSIONS: readonly { name: string; instead: string }[] = [
  { name: 'Directory.AccessAsUser.All', instead: 'GroupMember.Read.All (and Directory.Read.All only for users in more than 200 groups)' },
];

/** The values an admin hands to dbt, in the order dbt's form or support asks for them. */
export const HandoffFieldSchema = z.enum([
  'clientId',
  'clientSecret',
  'tenantId',
  'domain',
  'secretExpiry',
]);
export type HandoffField = z.infer<typeof HandoffFieldSchema>;

export const HANDOFF_FIELD_LABELS: Record<HandoffField, string> = Object.fromEntries(
  HandoffFieldSchema.options.map((field) => [field, FIELD_LABELS[field]]),
) as Record<HandoffField, string>;

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
  /** The account type's radio words on "Register an application". */
  accountTypeRadio: string;
  /** dbt's "Microsoft Entra ID Domain" for a multi-tenant app; null: the primary domain. */
  authority: AccountTypeInfo['authority'];
}

const TOKEN = /^[A-Za-z0-9_-]{1,100}$/;

export function redirectUriFor(setup: Setup): string | null {
  if (setup.profile === 'support') {
    // What dbt support sent, exactly; the 2019 form only without it.
    const pasted = setup.supportRedirectUri.trim();
    if (pasted !== '') return pasted;
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
  const type = ACCOUNT_TYPES[setup.accountType];
  // The seed asked for User.Read and Directory.AccessAsUser.All (and the same under the retired
  // Azure AD Graph); dbt asks for User.Read and GroupMember.Read.All since December 2025.
  const permissions = setup.includeDirectoryRead ? [USER_READ, GROUP_MEMBER_READ, DIRECTORY_READ] : [USER_READ, GROUP_MEMBER_READ];
  // dbt's form asks for the Tenant ID only for a single-tenant app.
  const single = type.authority === null;
  const common = { redirectUri: redirectUriFor(setup), permissions, accountTypeRadio: type.radio, authority: type.authority };
  if (setup.profile === 'support') {
    return {
      ...common,
      handoff: ['clientId', 'clientSecret', 'domain'],
      reference: ['tenantId', 'secretExpiry'],
      destination: 'dbt support',
    };
  }
  return {
    ...common,
    handoff: single ? ['clientId', 'clientSecret', 'tenantId', 'domain'] : ['clientId', 'clientSecret', 'domain'],
    reference: single ? ['secretExpiry'] : ['tenantId', 'secretExpiry'],
    destination: 'dbt Account settings > SSO & SCIM',
  };
}

/**
 * dbt's "Microsoft Entra ID Domain" given the directory's primary domain as read or typed: the
 * domain itself for a single-tenant app, the account type's authority string otherwise.
 */
export function dbtDomainFor(setup: Setup, primaryDomain: string): string {
  return ACCOUNT_TYPES[setup.accountType].authority ?? primaryDomain;
}

/** Values the guide types into the portal, the same for both profiles. */
export const PORTAL_VALUES = {
  appName: 'dbt Cloud',
  platform: 'Web',
  permissionType: 'Delegated permissions',
  secretDescription: 'dbt Cloud',
  secretExpiry: '730 days (24 months)',
  secretExpiryDays: 730,
} as const;
