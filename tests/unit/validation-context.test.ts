import { describe, expect, test } from 'vitest';
import { DEFAULT_SETUP } from '@/utils/domain/setup';
import { contextFrom, validateField } from '@/utils/domain/validate';
import type { PublicValues } from '@/utils/domain/values';
import { checks } from '@/utils/guide/checks';
import { reviewHandoff } from '@/utils/handoff/export/review';

const APP = '11111111-2222-4333-8444-555555555555';
const TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const SECRET_ID = '99999999-2222-4333-8444-555555555555';
const at = '2026-11-30T00:00:00.000Z';
const page = (value: string) => ({ value, source: 'page' as const, at });

describe('one validation context for the checks, the read-back and the review', () => {
  test('every ID the guide recorded, typed drafts first, empty ones left out', () => {
    const values: PublicValues = { clientId: page(APP), tenantId: page(TENANT), secretId: page(SECRET_ID), objectId: page(''), primaryDomain: page('contoso.com') };
    expect(contextFrom(DEFAULT_SETUP, values, { drafts: { tenantId: APP } })).toEqual({
      setup: DEFAULT_SETUP,
      clientId: APP,
      tenantId: APP,
      secretId: SECRET_ID,
      primaryDomain: 'contoso.com',
    });
  });

  test('a client ID that is the Secret ID: the step\'s check and the review both refuse it', () => {
    const values: PublicValues = { clientId: page(SECRET_ID), tenantId: page(TENANT), secretId: page(SECRET_ID) };
    const state = { setup: DEFAULT_SETUP, updateSetup: () => undefined, values, lists: {}, progress: {} };
    expect(validateField('clientId', SECRET_ID, contextFrom(DEFAULT_SETUP, values)).map((f) => f.code)).toEqual(['client-id-is-secret-id']);
    expect(checks.appIdsRecorded({ page: null, state, secretCaptured: false })).toBe(false);
    const review = reviewHandoff({ setup: DEFAULT_SETUP, values, lists: {}, secret: null });
    expect(review.rows.find((r) => r.field === 'clientId')?.findings.map((f) => f.code)).toEqual(['client-id-is-secret-id']);
  });
});
