import { beforeEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createGuideStore, type GuideStore } from '@/utils/guide/store';
import { persistGuideStore } from '@/utils/guide/persist';
import { SETUP_GUIDE_IDS } from '@/steps/ids';
import { PublicValueKeySchema } from '@/utils/domain/values';

const SECRET = 'abc8Q~SuperSecretValue_0123456789abcdefgh';

async function boundStore(withSecret = true) {
  const store = createGuideStore();
  const controller = new AbortController();
  await persistGuideStore(store, { withSecret, signal: controller.signal });
  return { store, controller };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

async function area(name: 'local' | 'session') {
  return JSON.stringify(await fakeBrowser.storage[name].get(null));
}

describe('guide store persistence', () => {
  beforeEach(() => fakeBrowser.reset());

  test('setup, progress and values survive a new context (restart)', async () => {
    const { store } = await boundStore();
    store.getState().updateSetup({ profile: 'support', deploymentId: 'acme-42' });
    store.getState().markStep('register-app', true, 'page');
    store.getState().recordValue('clientId', '11111111-2222-3333-4444-555555555555', 'page');
    await settle();

    const { store: again } = await boundStore();
    expect(again.getState().setup.deploymentId).toBe('acme-42');
    expect(again.getState().progress['register-app']?.done).toBe(true);
    expect(again.getState().values.clientId?.value).toBe('11111111-2222-3333-4444-555555555555');
  });

  test('the secret goes to storage.session, never storage.local', async () => {
    const { store } = await boundStore();
    store.getState().setSecret(SECRET, 'page');
    await settle();
    expect(await area('session')).toContain(SECRET);
    expect(await area('local')).not.toContain(SECRET);
  });

  test('a context without the secret binding (content script) neither reads nor writes it', async () => {
    await fakeBrowser.storage.session.set({ secret: { value: SECRET, source: 'page', at: 'x' } });
    const { store } = await boundStore(false);
    expect(store.getState().secret).toBeNull();
    store.getState().setSecret('another', 'typed');
    await settle();
    expect(await area('local')).not.toContain('another');
  });

  test('a change made in one context shows in another at once', async () => {
    const a = await boundStore();
    const b = await boundStore();
    a.store.getState().markStep('grant-admin-consent', true, 'hand');
    await settle();
    expect(b.store.getState().progress['grant-admin-consent']?.by).toBe('hand');
  });

  test('an invalid stored value is dropped with a notice, never a crash', async () => {
    await fakeBrowser.storage.local.set({ setup: { profile: 'nonsense' }, progress: 42 });
    const { store } = await boundStore();
    expect(store.getState().setup.profile).toBe('self-service');
    expect(store.getState().progress).toEqual({});
    expect(store.getState().notices).toHaveLength(2);
    expect(store.getState().loaded).toBe(true);
  });

  test('"Finish and clear" removes the secret and the values, keeps setup and progress', async () => {
    const { store } = await boundStore();
    store.getState().updateSetup({ deploymentId: 'keep-me' });
    store.getState().markStep('setup', true, 'hand');
    store.getState().recordValue('domain', 'contoso.onmicrosoft.com', 'typed');
    store.getState().setSecret(SECRET);
    await settle();
    store.getState().finishAndClear();
    await settle();
    expect(await area('session')).not.toContain(SECRET);
    const local = await area('local');
    expect(local).not.toContain('contoso.onmicrosoft.com');
    expect(local).toContain('keep-me');
    expect(store.getState().progress.setup?.done).toBe(true);
  });

  test('after abort the store no longer writes', async () => {
    const { store, controller } = await boundStore();
    controller.abort();
    store.getState().updateSetup({ deploymentId: 'after-abort' });
    await settle();
    expect(await area('local')).not.toContain('after-abort');
  });

  test('whatever the sequence of actions, the secret never reaches storage.local', async () => {
    const keys = PublicValueKeySchema.options;
    const action = fc.oneof(
      fc.record({ kind: fc.constant('secret' as const), source: fc.constantFrom('page' as const, 'typed' as const) }),
      fc.record({ kind: fc.constant('value' as const), key: fc.constantFrom(...keys) }),
      fc.record({ kind: fc.constant('step' as const), id: fc.constantFrom(...SETUP_GUIDE_IDS), done: fc.boolean() }),
      fc.record({ kind: fc.constant('clear' as const) }),
      fc.record({ kind: fc.constant('setup' as const), id: fc.string({ maxLength: 20 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(action, { maxLength: 25 }), async (actions) => {
        fakeBrowser.reset();
        const { store, controller } = await boundStore();
        const s: () => ReturnType<GuideStore['getState']> = store.getState;
        for (const a of actions) {
          if (a.kind === 'secret') s().setSecret(SECRET, a.source);
          else if (a.kind === 'value') s().recordValue(a.key, `v-${a.key}`, 'typed');
          else if (a.kind === 'step') s().markStep(a.id, a.done, 'hand');
          else if (a.kind === 'clear') s().finishAndClear();
          else s().updateSetup({ deploymentId: a.id });
          await settle();
        }
        controller.abort();
        expect(await area('local')).not.toContain(SECRET);
      }),
      { numRuns: 100 },
    );
  });
});

describe('guide store persistence under fast writes', () => {
  beforeEach(() => fakeBrowser.reset());

  test('writes in quick succession are not undone by their own echoes', async () => {
    const { store } = await boundStore(false);
    const other = await boundStore(false);
    const s = store.getState();
    s.recordValue('clientId', '11111111-2222-3333-4444-555555555555', 'page');
    s.recordValue('tenantId', '66666666-2222-3333-4444-555555555555', 'page');
    s.recordValue('objectId', '77777777-2222-3333-4444-555555555555', 'page');
    s.recordValue('domain', 'contoso.onmicrosoft.com', 'page');
    for (let i = 0; i < 5; i++) await settle();
    expect(Object.keys(store.getState().values).sort()).toEqual(['clientId', 'domain', 'objectId', 'tenantId']);
    expect(Object.keys(other.store.getState().values).sort()).toEqual(['clientId', 'domain', 'objectId', 'tenantId']);
    const local = await area('local');
    expect(local).toContain('contoso.onmicrosoft.com');
    expect(local).toContain('11111111-2222-3333-4444-555555555555');
  });
});
