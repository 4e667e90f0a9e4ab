import { describe, expect, test } from 'vitest';
import { DEFAULT_SETUP, SetupSchema, dbtDomainFor, migrateSetupV1, planFor, type Setup } from '@/utils/domain/setup';

const support: Setup = { ...DEFAULT_SETUP, profile: 'support', deploymentId: 'acme-42' };

describe('planFor', () => {
  test('support-assisted: the 2019 redirect URI from the deployment ID, dbt\'s current permissions, three values', () => {
    const plan = planFor(support);
    expect(plan.redirectUri).toBe('https://auth.getdbt.com/login/callback?connection=acme-42');
    // dbt's December 2025 set, the same for both profiles (no Directory.AccessAsUser.All).
    expect(plan.permissions.map((p) => `${p.api}/${p.name}/${p.type}`)).toEqual([
      'Microsoft Graph/User.Read/Delegated',
      'Microsoft Graph/GroupMember.Read.All/Delegated',
    ]);
    expect(plan.handoff).toEqual(['clientId', 'clientSecret', 'domain']);
  });

  test('support-assisted: the URI dbt support sent wins over the 2019 form, exactly as pasted (trimmed)', () => {
    const sent = 'https://acme.us1.dbt.com/login/callback?connection=acme';
    expect(planFor({ ...support, supportRedirectUri: ` ${sent} ` }).redirectUri).toBe(sent);
    expect(planFor({ ...support, deploymentId: '', supportRedirectUri: sent }).redirectUri).toBe(sent);
  });

  test.each([
    ['single', 'Accounts in this organizational directory only', null, ['clientId', 'clientSecret', 'tenantId', 'domain']],
    ['multi', 'Accounts in any organizational directory', 'organizations', ['clientId', 'clientSecret', 'domain']],
    ['multi-personal', 'Accounts in any organizational directory … and personal Microsoft accounts', 'common', ['clientId', 'clientSecret', 'domain']],
    ['personal', 'Personal Microsoft accounts only', 'consumers', ['clientId', 'clientSecret', 'domain']],
  ] as const)('account type %s: radio %j, dbt domain %j, values %j', (accountType, radio, authority, handoff) => {
    const plan = planFor({ ...DEFAULT_SETUP, accountType });
    expect(plan.accountTypeRadio).toBe(radio);
    expect(plan.authority).toBe(authority);
    expect(plan.handoff).toEqual(handoff);
    expect(dbtDomainFor({ ...DEFAULT_SETUP, accountType }, 'contoso.onmicrosoft.com')).toBe(authority ?? 'contoso.onmicrosoft.com');
  });

  test('a version 1 setup is migrated: Directory.AccessAsUser.All becomes Directory.Read.All, single tenant', () => {
    const migrated = SetupSchema.parse(
      migrateSetupV1({ profile: 'self-service', deploymentId: '', region: 'emea', customRedirectUri: '', includeDirectoryAccess: true }),
    );
    expect(migrated).toEqual({ ...DEFAULT_SETUP, region: 'emea', includeDirectoryRead: true });
    expect(migrateSetupV1(null)).toBeNull();
  });

  test.each([
    ['us', 'https://auth.cloud.getdbt.com/login/callback'],
    ['emea', 'https://auth.emea.dbt.com/login/callback'],
    ['au', 'https://auth.au.dbt.com/login/callback'],
  ] as const)('self-service region %s gives %s', (region, uri) => {
    expect(planFor({ ...DEFAULT_SETUP, region }).redirectUri).toBe(uri);
  });

  test('self-service: pasted URI, GroupMember.Read.All, optional Directory.Read.All', () => {
    const base: Setup = { ...DEFAULT_SETUP, region: 'custom', customRedirectUri: ' https://auth.x.dbt.com/login/callback ' };
    expect(planFor(base).redirectUri).toBe('https://auth.x.dbt.com/login/callback');
    expect(planFor(base).permissions.map((p) => p.name)).toEqual(['User.Read', 'GroupMember.Read.All']);
    expect(planFor({ ...base, includeDirectoryRead: true }).permissions.map((p) => p.name)).toEqual([
      'User.Read',
      'GroupMember.Read.All',
      'Directory.Read.All',
    ]);
    expect(planFor(base).handoff).toEqual(['clientId', 'clientSecret', 'tenantId', 'domain']);
  });

  test('incomplete setups give no redirect URI', () => {
    expect(planFor({ ...support, deploymentId: '' }).redirectUri).toBeNull();
    expect(planFor({ ...support, deploymentId: '<your-deployment-id>' }).redirectUri).toBeNull();
    expect(planFor({ ...DEFAULT_SETUP, region: 'custom' }).redirectUri).toBeNull();
  });
});
