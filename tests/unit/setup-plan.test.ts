import { describe, expect, test } from 'vitest';
import { DEFAULT_SETUP, planFor, type Setup } from '@/utils/handoff/setup';

const support: Setup = { ...DEFAULT_SETUP, profile: 'support', deploymentId: 'acme-42' };

describe('planFor', () => {
  test('support-assisted: seed redirect URI, Graph delegated permissions, three values', () => {
    const plan = planFor(support);
    expect(plan.redirectUri).toBe('https://auth.getdbt.com/login/callback?connection=acme-42');
    expect(plan.permissions.map((p) => `${p.api}/${p.name}/${p.type}`)).toEqual([
      'Microsoft Graph/User.Read/Delegated',
      'Microsoft Graph/Directory.AccessAsUser.All/Delegated',
    ]);
    expect(plan.handoff).toEqual(['clientId', 'clientSecret', 'domain']);
  });

  test.each([
    ['us', 'https://auth.cloud.getdbt.com/login/callback'],
    ['emea', 'https://auth.emea.dbt.com/login/callback'],
    ['au', 'https://auth.au.dbt.com/login/callback'],
  ] as const)('self-service region %s gives %s', (region, uri) => {
    expect(planFor({ ...DEFAULT_SETUP, region }).redirectUri).toBe(uri);
  });

  test('self-service: pasted URI, GroupMember.Read.All, optional Directory.AccessAsUser.All', () => {
    const base: Setup = { ...DEFAULT_SETUP, region: 'custom', customRedirectUri: ' https://auth.x.dbt.com/login/callback ' };
    expect(planFor(base).redirectUri).toBe('https://auth.x.dbt.com/login/callback');
    expect(planFor(base).permissions.map((p) => p.name)).toEqual(['User.Read', 'GroupMember.Read.All']);
    expect(planFor({ ...base, includeDirectoryAccess: true }).permissions.map((p) => p.name)).toEqual([
      'User.Read',
      'GroupMember.Read.All',
      'Directory.AccessAsUser.All',
    ]);
    expect(planFor(base).handoff).toEqual(['clientId', 'clientSecret', 'tenantId', 'domain']);
  });

  test('incomplete setups give no redirect URI', () => {
    expect(planFor({ ...support, deploymentId: '' }).redirectUri).toBeNull();
    expect(planFor({ ...support, deploymentId: '<your-deployment-id>' }).redirectUri).toBeNull();
    expect(planFor({ ...DEFAULT_SETUP, region: 'custom' }).redirectUri).toBeNull();
  });
});
