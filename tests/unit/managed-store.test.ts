import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createGuideStore } from '@/utils/guide/store';
import { persistGuideStore } from '@/utils/guide/persist';
import { readManagedStorage } from '@/utils/managed/bind-policy';

/**
 * Reading the organisation's policy from storage.managed into the store. WXT's fake browser has a
 * managed area that tests may write to (a real browser's is read-only), and fires
 * storage.onChanged for it as Chrome does when a policy changes.
 */

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

/** A store bound to storage, loaded, and with the policy's first reading applied. */
async function boundStore() {
  const store = createGuideStore();
  const controller = new AbortController();
  await persistGuideStore(store, { withSecret: true, signal: controller.signal });
  await settle();
  return { store, controller };
}

/** storage.managed answers when the test says so, as a fresh profile's first read takes seconds. */
function lateManaged() {
  let answer: (policy: Record<string, unknown>) => void = () => undefined;
  const pending = new Promise<Record<string, unknown>>((resolve) => {
    answer = resolve;
  });
  vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation((() => pending) as never);
  return async (policy: Record<string, unknown>) => {
    answer(policy);
    await settle();
  };
}

describe('reading the policy', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  test('no policy (Chrome and Edge give {}): nothing locked, no notice', async () => {
    const { store } = await boundStore();
    expect(store.getState().managed).toEqual({ setup: {}, settings: {}, recipientPublicKey: null, notices: [] });
    expect(store.getState().loaded).toBe(true);
  });

  test.each([
    ['rejects (Firefox without a managed storage manifest)', () => Promise.reject(new Error('Managed storage manifest not found'))],
    ['throws', () => {
      throw new Error('storage.managed is not available here');
    }],
    ['gives undefined', () => Promise.resolve(undefined)],
  ])('storage.managed.get() that %s is no policy, never an error', async (_, get) => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation(get as never);
    expect(await readManagedStorage()).toEqual({});
    await fakeBrowser.storage.local.set({ setup: { profile: 'support', deploymentId: 'mine', region: 'us', customRedirectUri: '', includeDirectoryRead: false } });
    const { store } = await boundStore();
    expect(store.getState().managed.notices).toEqual([]);
    expect(store.getState().setup.deploymentId).toBe('mine');
    expect(store.getState().loaded).toBe(true);
  });

  test('the store loads without waiting for storage.managed; the policy applies when it answers, over the stored values', async () => {
    await fakeBrowser.storage.local.set({
      setup: { profile: 'self-service', deploymentId: 'mine', region: 'us', customRedirectUri: '', includeDirectoryRead: false },
      settings: { clipboardClearSeconds: 300, secretIdleMinutes: 30 },
    });
    const answer = lateManaged();
    const store = createGuideStore();
    await persistGuideStore(store, { withSecret: true, signal: new AbortController().signal });
    expect(store.getState().loaded).toBe(true);
    expect(store.getState().setup).toMatchObject({ profile: 'self-service', deploymentId: 'mine' });
    expect(store.getState().managed.setup).toEqual({});

    await answer({ profile: 'support', deploymentId: 'acme-42', clipboardClearSeconds: 20 });
    expect(store.getState().setup).toMatchObject({ profile: 'support', deploymentId: 'acme-42', region: 'us' });
    expect(store.getState().settings).toEqual({ clipboardClearSeconds: 20, secretIdleMinutes: 30 });
    expect(store.getState().managed.setup).toEqual({ profile: 'support', deploymentId: 'acme-42' });
    // Written back as the values in force; a stored value written afterwards does not override them.
    expect(JSON.stringify(await fakeBrowser.storage.local.get('setup'))).toContain('acme-42');
    await fakeBrowser.storage.local.set({ setup: { profile: 'self-service', deploymentId: 'other', region: 'au', customRedirectUri: '', includeDirectoryRead: false } });
    await settle();
    expect(store.getState().setup).toMatchObject({ profile: 'support', deploymentId: 'acme-42', region: 'au' });
  });

  test('a policy that answers after the stored values were read does not lose a change made meanwhile', async () => {
    const answer = lateManaged();
    const { store } = await boundStore();
    store.getState().updateSetup({ includeDirectoryRead: true, region: 'emea' });
    await answer({ region: 'au' });
    expect(store.getState().setup).toMatchObject({ region: 'au', includeDirectoryRead: true });
    expect(await fakeBrowser.storage.local.get('setup')).toMatchObject({ setup: { region: 'au', includeDirectoryRead: true } });
  });

  test('preset values override the stored ones when the store loads', async () => {
    await fakeBrowser.storage.local.set({
      setup: { profile: 'self-service', deploymentId: 'mine', region: 'us', customRedirectUri: '', includeDirectoryRead: false },
      settings: { clipboardClearSeconds: 300, secretIdleMinutes: 30 },
    });
    await fakeBrowser.storage.managed.set({ profile: 'support', deploymentId: 'acme-42', clipboardClearSeconds: 20 });
    const { store } = await boundStore();
    const s = store.getState();
    expect(s.setup).toMatchObject({ profile: 'support', deploymentId: 'acme-42', region: 'us' });
    expect(s.settings).toEqual({ clipboardClearSeconds: 20, secretIdleMinutes: 30 });
    expect(s.managed.setup).toEqual({ profile: 'support', deploymentId: 'acme-42' });
    expect(s.managed.settings).toEqual({ clipboardClearSeconds: 20 });
  });

  test('a stored value written later by another context does not override a preset; the others apply', async () => {
    await fakeBrowser.storage.managed.set({ profile: 'support', deploymentId: 'acme-42' });
    const { store } = await boundStore();
    await fakeBrowser.storage.local.set({
      setup: { profile: 'self-service', deploymentId: 'other', region: 'au', customRedirectUri: '', includeDirectoryRead: true },
    });
    await settle();
    expect(store.getState().setup).toEqual({
      profile: 'support',
      deploymentId: 'acme-42',
      supportRedirectUri: '',
      region: 'au',
      customRedirectUri: '',
      accountType: 'single',
      includeDirectoryRead: true,
    });
  });

  test('actions cannot change a preset value; the others change', async () => {
    await fakeBrowser.storage.managed.set({ region: 'emea', clipboardClearSeconds: 20 });
    const { store } = await boundStore();
    store.getState().updateSetup({ region: 'au', includeDirectoryRead: true });
    store.getState().updateSettings({ clipboardClearSeconds: 600, secretIdleMinutes: 5 });
    expect(store.getState().setup).toMatchObject({ region: 'emea', includeDirectoryRead: true });
    expect(store.getState().settings).toEqual({ clipboardClearSeconds: 20, secretIdleMinutes: 5 });
  });

  test('a policy change applies at once; a preset removed unlocks, and its value stays', async () => {
    const { store } = await boundStore();
    await fakeBrowser.storage.managed.set({ region: 'au' });
    await settle();
    expect(store.getState().setup.region).toBe('au');
    expect(store.getState().managed.setup).toEqual({ region: 'au' });

    await fakeBrowser.storage.managed.clear();
    await settle();
    expect(store.getState().managed.setup).toEqual({});
    expect(store.getState().setup.region).toBe('au');
    store.getState().updateSetup({ region: 'us' });
    expect(store.getState().setup.region).toBe('us');
  });

  test('a bad value is ignored with a notice, the others apply; notices follow the policy as it changes', async () => {
    await fakeBrowser.storage.managed.set({ profile: 'support', clipboardClearSeconds: 5, colour: 'blue' });
    const { store } = await boundStore();
    expect(store.getState().setup.profile).toBe('support');
    expect(store.getState().settings.clipboardClearSeconds).toBe(60);
    expect(store.getState().managed.notices).toEqual([
      expect.stringMatching(/"clipboardClearSeconds" was ignored: .*from 10 to 600/),
      expect.stringMatching(/does not know, ignored: "colour"/),
    ]);
    await fakeBrowser.storage.managed.set({ clipboardClearSeconds: 10 });
    await fakeBrowser.storage.managed.remove('colour');
    await settle();
    expect(store.getState().managed.notices).toEqual([]);
    expect(store.getState().settings.clipboardClearSeconds).toBe(10);
  });

  test('a preset value reaches the other contexts, and storage.local holds what is in force', async () => {
    await fakeBrowser.storage.managed.set({ deploymentId: 'acme-42' });
    const popup = await boundStore();
    const other = await boundStore();
    popup.store.getState().updateSetup({ profile: 'support' });
    await settle();
    expect(other.store.getState().setup).toMatchObject({ profile: 'support', deploymentId: 'acme-42' });
    expect(JSON.stringify(await fakeBrowser.storage.local.get('setup'))).toContain('acme-42');
  });

  test('after abort, a policy change is no longer applied', async () => {
    const { store, controller } = await boundStore();
    controller.abort();
    await fakeBrowser.storage.managed.set({ region: 'au' });
    await settle();
    expect(store.getState().managed.setup).toEqual({});
    expect(store.getState().setup.region).toBe('us');
  });

  test('nothing of the policy goes to storage.local but the values in force', async () => {
    await fakeBrowser.storage.managed.set({ region: 'emea', colour: 'blue', clipboardClearSeconds: 5 });
    const { store } = await boundStore();
    store.getState().updateSetup({ includeDirectoryRead: true });
    await settle();
    const local = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(local).not.toContain('colour');
    expect(local).not.toContain('ignored');
  });
});
