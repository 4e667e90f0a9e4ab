import { describe, expect, test } from 'vitest';
import { READERS, readersFor, recordReading, type RecordContext } from '@/utils/guide/readers';
import { DEFAULT_SETUP, type Setup } from '@/utils/domain/setup';
import type { PublicValueKey } from '@/utils/domain/values';
import type { ReadLists } from '@/utils/domain/values';
import { READER_NAMES } from '@/utils/portal/names';
import type { DetectedPage } from '@/utils/portal/routes';
import { steps } from '@/steps';

const SECRET = 'Zq38Q~fAkEvAlUe.Only_For-Tests~012345678';
const SECRET_ID = '4c3b2a19-0807-4f6e-9d5c-4b3a29180706';
const APP = '11111111-2222-4333-8444-555555555555';
const SP = 'c0ffee00-1234-4d5e-9f60-abcdefabcdef';

/** A recording context over plain objects: what was put, and the lists. */
function context(setup: Setup = DEFAULT_SETUP, page: DetectedPage | null = null) {
  const put: Partial<Record<PublicValueKey, string>> = {};
  const lists: ReadLists = {};
  const ctx: RecordContext = {
    put: (key, value) => {
      if (value) put[key] = value;
    },
    lists: (patch) => Object.assign(lists, patch),
    values: {},
    setup,
    page,
  };
  return { ctx, put, lists };
}

describe('what the panel accepts of a frame reading the secrets table', () => {
  test.each([
    ['a GUID', SECRET_ID, true],
    ['unknown (empty)', '', true],
    ['a Value in the Secret ID column', SECRET, false],
    ['a GUID with extra text', `${SECRET_ID} copy`, false],
  ])('newSecretValue with a Secret ID that is %s', (_, secretId, accepted) => {
    const { ctx, put } = context();
    expect(recordReading('newSecretValue', { secretId, hint: 'Zq3', length: 40 }, ctx)).toBe(accepted);
    expect(put.secretId ?? '').toBe(accepted ? secretId : '');
  });

  test('a clientSecrets row whose Secret ID is not a GUID is refused', () => {
    const row = { description: 'dbt Cloud', expires: '11/26/2027', masked: true };
    expect(recordReading('clientSecrets', { rows: [{ ...row, secretId: SECRET_ID }] }, context().ctx)).toBe(true);
    expect(recordReading('clientSecrets', { rows: [{ ...row, secretId: SECRET }] }, context().ctx)).toBe(false);
  });

  test('the Value itself is never part of a reading the panel accepts', () => {
    const { ctx, put } = context();
    // The frame strips `secret`; a reading that still carries it records nothing of it.
    recordReading('newSecretValue', { secretId: SECRET_ID, hint: 'Zq3', length: 40, secret: SECRET }, ctx);
    expect(JSON.stringify(put)).not.toContain(SECRET);
  });
});

describe('readers declared once', () => {
  test('every reader name has a panel-side declaration, and every declaration a name', () => {
    expect(Object.keys(READERS).sort()).toEqual([...READER_NAMES].sort());
  });

  test.each(steps.filter((s) => s.where === 'portal').map((s) => [s.id, s] as const))('%s asks the frames for the readers of what it records', (_id, step) => {
    const names = readersFor(step);
    if (step.check.reader) expect(names).toContain(step.check.reader);
    for (const key of step.records) expect(names.some((n) => READERS[n].records.includes(key)), key).toBe(true);
    expect(names).toContain('currentDirectory');
  });

  test.each(steps.filter((s) => s.where === 'portal' && s.pages.length > 0).map((s) => [s.id, s] as const))(
    '%s: on each of its pages, the readers that read that page (and the directory); none that reads another page',
    (_id, step) => {
      for (const name of step.pages) {
        const names = readersFor(step, { name } as DetectedPage);
        expect(names).toContain('currentDirectory');
        for (const n of names) {
          const pages = (READERS[n] as { pages?: readonly string[] }).pages;
          if (pages) expect(pages, `${n} on ${name}`).toContain(name);
        }
      }
    },
  );

  test('the register form does not ask for the Overview\'s reader (its check reads the next page); the Overview does', () => {
    const register = steps.find((s) => s.id === 'register-app')!;
    expect(readersFor(register, { name: 'isRegisterApp' } as DetectedPage)).toEqual(['currentDirectory']);
    expect(readersFor(register, { name: 'isAppOverview', appId: APP } as DetectedPage)).toEqual(['appEssentials', 'currentDirectory']);
    // A page the guide does not know: every reader of the step.
    expect(readersFor(register, null)).toEqual(['appEssentials', 'currentDirectory']);
  });

  test('the tenant overview records the primary domain, or the authority string for a multi-tenant app', () => {
    const single = context();
    recordReading('tenantOverview', { primaryDomain: 'Contoso.onmicrosoft.com.', tenantId: APP }, single.ctx);
    expect(single.put.domain).toBe('contoso.onmicrosoft.com');
    const multi = context({ ...DEFAULT_SETUP, accountType: 'multi-personal' });
    recordReading('tenantOverview', { primaryDomain: 'contoso.onmicrosoft.com', tenantId: APP }, multi.ctx);
    expect(multi.put.domain).toBe('common');
    expect(multi.put.primaryDomain).toBe('contoso.onmicrosoft.com');
  });

  test('an enterprise application page records its IDs from the route; unsaved properties record nothing', () => {
    const page: DetectedPage = { name: 'isEnterpriseAppProperties', appId: APP, objectId: SP };
    const unsaved = context(DEFAULT_SETUP, page);
    recordReading('appProperties', { assignmentRequired: 'Yes', unsaved: true }, unsaved.ctx);
    expect(unsaved.put).toEqual({ servicePrincipalId: SP, enterpriseAppId: APP });
    const saved = context(DEFAULT_SETUP, page);
    recordReading('appProperties', { assignmentRequired: 'Yes', unsaved: false }, saved.ctx);
    expect(saved.put.assignmentRequired).toBe('Yes');
    expect(recordReading('appProperties', { assignmentRequired: 'Maybe', unsaved: false }, context().ctx)).toBe(false);
    expect(recordReading('appAssignments', { users: -1, groups: 0 }, context().ctx)).toBe(false);
  });
});
