import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createGuideStore, type GuideStore } from '@/utils/guide/store';
import { persistGuideStore } from '@/utils/guide/persist';
import { DEFAULT_SETUP } from '@/utils/domain/setup';

/*
 * Values, lists and progress stored one key per field (utils/guide/items.ts): contexts writing at
 * once never lose each other's; layout 1's whole items moved once; what is read back validated
 * field by field (setup and settings key by key), each bad one left out alone with a notice.
 */

const SECRET = 'abc8Q~SuperSecretValue_0123456789abcdefgh';
const at = '2026-01-01T00:00:00.000Z';
const typed = (value: string) => ({ value, source: 'typed', at });

async function boundStore(withSecret = true) {
  const store = createGuideStore();
  const controller = new AbortController();
  await persistGuideStore(store, { withSecret, signal: controller.signal });
  return { store, controller };
}

const settle = async (times = 3) => {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0));
};

const local = () => fakeBrowser.storage.local.get(null) as Promise<Record<string, unknown>>;

const valueOf = (store: GuideStore, key: 'clientId' | 'tenantId' | 'domain' | 'objectId') => store.getState().values[key]?.value;

describe('one storage key per field', () => {
  beforeEach(() => fakeBrowser.reset());

  test('a value, a list and a step each have their own key; no whole item; the layout is marked', async () => {
    const { store } = await boundStore();
    store.getState().recordValue('clientId', '11111111-2222-3333-4444-555555555555', 'page');
    store.getState().recordLists({ redirectUris: ['https://auth.cloud.getdbt.com/login/callback'] });
    store.getState().markStep('register-app', true, 'page');
    await settle();
    const stored = await local();
    expect(stored['values.clientId']).toMatchObject({ value: '11111111-2222-3333-4444-555555555555', source: 'page' });
    expect(stored['lists.redirectUris']).toEqual(['https://auth.cloud.getdbt.com/login/callback']);
    expect(stored['progress.register-app']).toMatchObject({ done: true, by: 'page' });
    expect(stored.layout).toBe(2);
    expect(stored).not.toHaveProperty('values');
    expect(stored).not.toHaveProperty('progress');
  });

  test('a value cleared removes its key only', async () => {
    const { store } = await boundStore();
    store.getState().recordValue('clientId', 'a', 'typed');
    store.getState().recordValue('domain', 'contoso.onmicrosoft.com', 'typed');
    await settle();
    store.getState().clearValue('clientId');
    await settle();
    const stored = await local();
    expect(stored).not.toHaveProperty(['values.clientId']);
    expect(stored['values.domain']).toMatchObject({ value: 'contoso.onmicrosoft.com' });
  });

  test('two stores writing different fields at the same moment, 100 rounds: nothing lost, in storage or in either store', async () => {
    const a = await boundStore();
    const b = await boundStore(false);
    const lost: number[] = [];
    for (let round = 0; round < 100; round++) {
      const clientId = `client-${round}`;
      const domain = `round${round}.onmicrosoft.com`;
      const step = `step-${round % 7}`;
      // The same tick: neither store has seen the other's change when it writes.
      a.store.getState().recordValue('clientId', clientId, 'typed');
      b.store.getState().recordValue('domain', domain, 'page');
      b.store.getState().markStep(step, round % 2 === 0, 'page');
      a.store.getState().recordLists({ redirectUris: [`https://r${round}.example`] });
      await settle();
      const stored = await local();
      const ok =
        (stored['values.clientId'] as { value?: string } | undefined)?.value === clientId &&
        (stored['values.domain'] as { value?: string } | undefined)?.value === domain &&
        (stored[`progress.${step}`] as { done?: boolean } | undefined)?.done === (round % 2 === 0) &&
        JSON.stringify(stored['lists.redirectUris']) === JSON.stringify([`https://r${round}.example`]);
      const both = [a.store, b.store].every(
        (s) =>
          valueOf(s, 'clientId') === clientId &&
          valueOf(s, 'domain') === domain &&
          s.getState().progress[step]?.done === (round % 2 === 0) &&
          s.getState().lists.redirectUris?.[0] === `https://r${round}.example`,
      );
      if (!ok || !both) lost.push(round);
    }
    expect(lost).toEqual([]);
  });

  test('the same field written by two stores at once: the last write wins, everywhere', async () => {
    const a = await boundStore();
    const b = await boundStore();
    for (let round = 0; round < 20; round++) {
      a.store.getState().recordValue('tenantId', `a-${round}`, 'typed');
      b.store.getState().recordValue('tenantId', `b-${round}`, 'typed');
      await settle();
      const stored = ((await local())['values.tenantId'] as { value: string }).value;
      expect(stored).toBe(`b-${round}`);
      expect(valueOf(a.store, 'tenantId')).toBe(stored);
      expect(valueOf(b.store, 'tenantId')).toBe(stored);
    }
  });

  test('as Chrome does, values come back with their keys in another order: writes in quick succession are still recognised', async () => {
    // Chrome keeps a stored object's keys sorted; the fake keeps them as written.
    const sorted = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sorted)
        : typeof v === 'object' && v !== null
          ? Object.fromEntries(Object.keys(v).sort().reverse().map((k) => [k, sorted((v as Record<string, unknown>)[k])]))
          : v;
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation((items: Record<string, unknown>) => set(sorted(items) as Record<string, unknown>));
    const a = await boundStore();
    const b = await boundStore();
    for (const v of ['1', '12', '123']) a.store.getState().recordValue('domain', v, 'typed');
    await settle();
    expect(valueOf(a.store, 'domain')).toBe('123');
    // The same field from both: both end with what storage holds, and later writes still apply.
    a.store.getState().recordValue('tenantId', 'from-a', 'typed');
    b.store.getState().recordValue('tenantId', 'from-b', 'typed');
    await settle();
    expect(valueOf(a.store, 'tenantId')).toBe('from-b');
    expect(valueOf(b.store, 'tenantId')).toBe('from-b');
    a.store.getState().recordValue('tenantId', 'later', 'typed');
    await settle();
    expect(valueOf(b.store, 'tenantId')).toBe('later');
  });

  test('"Finish and clear" in one context clears values and lists in the other; setup and progress stay', async () => {
    const a = await boundStore();
    const b = await boundStore(false);
    b.store.getState().recordValue('clientId', 'x', 'page');
    b.store.getState().recordLists({ permissions: [{ api: 'Microsoft Graph', name: 'User.Read', type: 'Delegated', status: 'Granted' }] });
    b.store.getState().markStep('register-app', true, 'page');
    a.store.getState().updateSetup({ deploymentId: 'keep-me' });
    await settle();
    a.store.getState().finishAndClear();
    await settle();
    expect(b.store.getState().values).toEqual({});
    expect(b.store.getState().lists).toEqual({});
    expect(b.store.getState().progress['register-app']?.done).toBe(true);
    expect(b.store.getState().setup.deploymentId).toBe('keep-me');
    const keys = Object.keys(await local());
    expect(keys.filter((k) => k.startsWith('values.') || k.startsWith('lists.'))).toEqual([]);
    expect(keys).toContain('progress.register-app');
  });

  test('after abort, a store neither writes nor reads fields', async () => {
    const a = await boundStore();
    const b = await boundStore();
    b.controller.abort();
    a.store.getState().recordValue('clientId', 'from-a', 'typed');
    b.store.getState().recordValue('domain', 'from-b', 'typed');
    await settle();
    expect(valueOf(b.store, 'clientId')).toBeUndefined();
    expect(await local()).not.toHaveProperty(['values.domain']);
  });
});

describe('moving layout 1 (whole items) to one key per field', () => {
  beforeEach(() => fakeBrowser.reset());

  const layout1 = {
    values: {
      values: { clientId: typed('11111111-2222-3333-4444-555555555555'), domain: typed('contoso.onmicrosoft.com') },
      lists: { redirectUris: ['https://auth.cloud.getdbt.com/login/callback'] },
    },
    progress: { 'register-app': { done: true, by: 'page', at }, 'grant-admin-consent': { done: false, needed: true, by: 'page', at } },
  };

  test('the first context to start moves every field, removes the old items and marks the layout', async () => {
    await fakeBrowser.storage.local.set({ ...layout1, 'values$': { v: 1 } });
    const { store } = await boundStore();
    expect(store.getState().values).toEqual(layout1.values.values);
    expect(store.getState().lists).toEqual(layout1.values.lists);
    expect(store.getState().progress).toEqual(layout1.progress);
    expect(store.getState().notices).toEqual([]);
    const stored = await local();
    expect(stored).toEqual({
      layout: 2,
      'values.clientId': layout1.values.values.clientId,
      'values.domain': layout1.values.values.domain,
      'lists.redirectUris': layout1.values.lists.redirectUris,
      'progress.register-app': layout1.progress['register-app'],
      'progress.grant-admin-consent': layout1.progress['grant-admin-consent'],
    });
    // A context started later reads the same.
    const { store: later } = await boundStore(false);
    expect(later.getState().values).toEqual(layout1.values.values);
    expect(later.getState().progress).toEqual(layout1.progress);
  });

  test('two contexts starting at the same moment: nothing lost, nothing doubled', async () => {
    await fakeBrowser.storage.local.set(layout1);
    const [a, b] = await Promise.all([boundStore(), boundStore(false)]);
    for (const s of [a.store, b.store]) {
      expect(s.getState().values).toEqual(layout1.values.values);
      expect(s.getState().lists).toEqual(layout1.values.lists);
      expect(s.getState().progress).toEqual(layout1.progress);
    }
    const stored = await local();
    expect(Object.keys(stored).sort()).toEqual(
      ['layout', 'lists.redirectUris', 'progress.grant-admin-consent', 'progress.register-app', 'values.clientId', 'values.domain'],
    );
  });

  test('a field already in the new layout is kept over the old item', async () => {
    await fakeBrowser.storage.local.set({ ...layout1, 'values.domain': typed('newer.onmicrosoft.com') });
    const { store } = await boundStore();
    expect(valueOf(store, 'domain')).toBe('newer.onmicrosoft.com');
    expect(valueOf(store, 'clientId')).toBe('11111111-2222-3333-4444-555555555555');
  });

  test('an old item that is not an object: a notice, and the other old item is still moved', async () => {
    await fakeBrowser.storage.local.set({ values: 'garbage', progress: layout1.progress });
    const { store } = await boundStore();
    expect(store.getState().values).toEqual({});
    expect(store.getState().progress).toEqual(layout1.progress);
    expect(store.getState().notices).toEqual(['The stored recorded values could not be read and were reset.']);
    expect(await local()).not.toHaveProperty('values');
  });

  test('an old whole item written after the move (an older tool) is moved too, over the fields it names', async () => {
    const { store } = await boundStore();
    store.getState().markStep('register-app', false, 'page');
    store.getState().recordValue('clientId', 'kept', 'typed');
    await settle();
    await fakeBrowser.storage.local.set({ progress: { 'register-app': { done: true, by: 'hand', at } } });
    await settle(6);
    expect(store.getState().progress['register-app']).toEqual({ done: true, by: 'hand', at });
    expect(valueOf(store, 'clientId')).toBe('kept');
    const stored = await local();
    expect(stored).not.toHaveProperty('progress');
    expect(stored['progress.register-app']).toEqual({ done: true, by: 'hand', at });
  });
});

describe('reading back field by field', () => {
  beforeEach(() => fakeBrowser.reset());

  test('an invalid or unknown field is left out alone, with one notice naming it; the others are kept', async () => {
    await fakeBrowser.storage.local.set({
      layout: 2,
      'values.clientId': typed('11111111-2222-3333-4444-555555555555'),
      'values.domain': { value: 42, source: 'typed', at },
      'values.someFutureKey': typed('from a newer version'),
      'lists.redirectUris': ['https://a.example'],
      'lists.permissions': 'not a list',
      'progress.register-app': { done: true, by: 'page', at },
      'progress.grant-admin-consent': { done: 'yes', by: 'page', at },
      'progress.Not_A_Step': { done: true, by: 'page', at },
    });
    const { store } = await boundStore();
    const s = store.getState();
    expect(s.values).toEqual({ clientId: typed('11111111-2222-3333-4444-555555555555') });
    expect(s.lists).toEqual({ redirectUris: ['https://a.example'] });
    expect(s.progress).toEqual({ 'register-app': { done: true, by: 'page', at } });
    expect(s.notices).toEqual(
      expect.arrayContaining([
        'The stored value "domain" could not be read and was left out; the other values are kept.',
        'The stored value "someFutureKey" is not one this version knows and was left out; the other values are kept.',
        'The stored list "permissions" could not be read and was left out; the other lists are kept.',
        'The stored progress of step "grant-admin-consent" could not be read and was left out; the other steps are kept.',
        'The stored progress of step "Not_A_Step" could not be read and was left out; the other steps are kept.',
      ]),
    );
    expect(s.notices).toHaveLength(5);
    // Nothing is wiped: a field from another version stays in storage for that version.
    expect(await local()).toHaveProperty(['values.someFutureKey']);
  });

  test('a bad field written later by another context is left out alone, with one notice however often it comes', async () => {
    const { store } = await boundStore();
    store.getState().recordValue('clientId', 'good', 'typed');
    await settle();
    for (let i = 0; i < 3; i++) {
      await fakeBrowser.storage.local.set({ 'values.domain': { value: `bad-${i}`, source: 'nowhere', at } });
      await settle();
    }
    expect(valueOf(store, 'clientId')).toBe('good');
    expect(store.getState().values.domain).toBeUndefined();
    expect(store.getState().notices).toEqual(['The stored value "domain" could not be read and was left out; the other values are kept.']);
  });

  test('setup with one bad key keeps its good keys; an unknown key is ignored; a missing version-2 key takes its default', async () => {
    await fakeBrowser.storage.local.set({
      setup: { profile: 'support', deploymentId: 'acme-42', region: 'mars', customRedirectUri: '', colour: 'blue' },
      'setup$': { v: 2 },
    });
    const { store } = await boundStore();
    expect(store.getState().setup).toEqual({ ...DEFAULT_SETUP, profile: 'support', deploymentId: 'acme-42', region: DEFAULT_SETUP.region });
    expect(store.getState().notices).toEqual(['The stored setup choice "region" could not be read; its default is used instead.']);
  });

  test('settings with one bad key keep the good one', async () => {
    await fakeBrowser.storage.local.set({ settings: { clipboardClearSeconds: 5, secretIdleMinutes: 45 } });
    const { store } = await boundStore();
    expect(store.getState().settings).toEqual({ clipboardClearSeconds: 60, secretIdleMinutes: 45 });
    expect(store.getState().notices).toEqual(['The stored setting "clipboardClearSeconds" could not be read; its default is used instead.']);
  });
});

describe('the secret and storage.local', () => {
  beforeEach(() => fakeBrowser.reset());

  test('with the secret held, a value or list holding it is refused; other values are recorded', async () => {
    const { store } = await boundStore();
    store.getState().setSecret(SECRET, 'page');
    store.getState().recordValue('domain', `x${SECRET}y`, 'page');
    store.getState().recordValue('clientId', 'fine', 'page');
    store.getState().recordLists({ redirectUris: [`https://a.example/?s=${SECRET}`], permissions: [] });
    await settle();
    expect(store.getState().values.domain).toBeUndefined();
    expect(store.getState().lists).toEqual({ permissions: [] });
    expect(JSON.stringify(await local())).not.toContain(SECRET);
    expect(valueOf(store, 'clientId')).toBe('fine');
  });

  test('setting the secret takes away the values that hold it, from storage.local too; a short prefix does not', async () => {
    const { store } = await boundStore();
    store.getState().recordValue('domain', `admin@${SECRET}`, 'typed');
    store.getState().recordValue('clientId', `${SECRET.slice(0, 3)}-hint-like`, 'typed');
    await settle();
    store.getState().setSecret(SECRET.slice(0, 3));
    await settle();
    expect(store.getState().values.domain).toBeDefined();
    store.getState().setSecret(SECRET);
    await settle();
    expect(store.getState().values.domain).toBeUndefined();
    expect(valueOf(store, 'clientId')).toBe(`${SECRET.slice(0, 3)}-hint-like`);
    expect(JSON.stringify(await local())).not.toContain(SECRET);
  });

  test('a value holding the secret written by a context that does not hold it is removed by one that does, with a notice', async () => {
    const popup = await boundStore(true);
    const panel = await boundStore(false);
    popup.store.getState().setSecret(SECRET);
    await settle();
    panel.store.getState().recordValue('displayName', `dbt ${SECRET}`, 'page');
    await settle();
    expect(JSON.stringify(await local())).not.toContain(SECRET);
    expect(panel.store.getState().values.displayName).toBeUndefined();
    expect(popup.store.getState().notices).toEqual(['The stored value "displayName" held the client secret and was removed.']);
  });

  test('a setup key typed with the secret before it was known is written again without it', async () => {
    const { store } = await boundStore();
    store.getState().updateSetup({ deploymentId: SECRET, region: 'emea' });
    await settle();
    store.getState().setSecret(SECRET);
    await settle();
    const stored = await local();
    expect(JSON.stringify(stored)).not.toContain(SECRET);
    expect(stored.setup).toMatchObject({ deploymentId: '', region: 'emea' });
    // On screen it stays, for the admin to see and fix.
    expect(store.getState().setup.deploymentId).toBe(SECRET);
  });
});
