import { afterEach, describe, expect, test, vi } from 'vitest';
import fc from 'fast-check';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createGuideStore, secretNeedle, type GuideStore } from '@/utils/guide/store';
import { persistGuideStore } from '@/utils/guide/persist';
import { PublicValueKeySchema, type PublicValueKey } from '@/utils/domain/values';
import { SETUP_GUIDE_IDS } from '@/steps/ids';

/*
 * Whatever two contexts do, one holding the secret (the popup) and one not (the panel), the
 * secret the popup holds never reaches storage.local: not in any write (storage.local.set is
 * watched on every call, the intermediate per-field writes included), not in what storage.local
 * holds after any action. Page readings that hold the secret included.
 *
 * The panel never holds the secret; the frame that captures it drops page readings that hold it
 * from then on (another part of the guide). Here the panel's readings that hold the secret are
 * made only while the popup does not hold it (before the capture, or after "Finish and clear"):
 * the popup must then take them out of storage.local as soon as it holds the secret.
 */

const KEYS = PublicValueKeySchema.options;

/** A secret of the shape Entra gives: 40 characters, `Q~` at 4. */
const entraSecret = fc
  .string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-'), minLength: 34, maxLength: 34 })
  .map((tail) => `Xy7${'8'}Q~${tail}`);

/** Text as a page or the admin gives it: arbitrary, plausible, or holding (part of) a secret. */
const textArb = (secrets: readonly string[]) => {
  const secret = fc.constantFrom(...secrets);
  return fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom('6f1b7c2e-1234-4abc-9def-0123456789ab', 'contoso.onmicrosoft.com', 'dbt Cloud', 'Yes'),
    secret,
    fc.tuple(fc.string({ maxLength: 8 }), secret, fc.string({ maxLength: 8 })).map(([a, s, b]) => `${a}${s}${b}`),
    secret.map((s) => s.slice(0, 3)),
    secret.map((s) => s.slice(0, 12)),
  );
};

type Action =
  | { kind: 'popup-value'; key: PublicValueKey; text: string; source: 'page' | 'typed' }
  | { kind: 'popup-clear'; key: PublicValueKey }
  | { kind: 'popup-lists'; uris: string[]; status: string }
  | { kind: 'popup-secret'; text: string | null }
  | { kind: 'popup-setup'; deploymentId: string }
  | { kind: 'popup-finish' }
  | { kind: 'panel-read'; key: PublicValueKey; text: string }
  | { kind: 'panel-lists'; uris: string[] }
  | { kind: 'panel-step'; id: string; done: boolean };

const actionArb = (secrets: readonly string[]): fc.Arbitrary<Action> => {
  const text = textArb(secrets);
  const key = fc.constantFrom(...KEYS);
  const secret = fc.constantFrom(...secrets);
  return fc.oneof(
    fc.record({ kind: fc.constant('popup-value' as const), key, text, source: fc.constantFrom('page' as const, 'typed' as const) }),
    fc.record({ kind: fc.constant('popup-clear' as const), key }),
    fc.record({ kind: fc.constant('popup-lists' as const), uris: fc.array(text, { maxLength: 3 }), status: text }),
    // Pasted whole, typed bit by bit (a prefix), emptied, or forgotten.
    fc.record({
      kind: fc.constant('popup-secret' as const),
      text: fc.oneof(secret, secret.map((s) => s.slice(0, 10)), fc.constant(''), fc.constant(null)),
    }),
    fc.record({ kind: fc.constant('popup-setup' as const), deploymentId: text }),
    fc.constant({ kind: 'popup-finish' as const }),
    fc.record({ kind: fc.constant('panel-read' as const), key, text }),
    fc.record({ kind: fc.constant('panel-lists' as const), uris: fc.array(text, { maxLength: 3 }) }),
    fc.record({ kind: fc.constant('panel-step' as const), id: fc.constantFrom(...SETUP_GUIDE_IDS), done: fc.boolean() }),
  );
};

async function boundStore(withSecret: boolean) {
  const store = createGuideStore();
  const controller = new AbortController();
  await persistGuideStore(store, { withSecret, signal: controller.signal });
  return { store, controller };
}

const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
};

function perform(a: Action, popup: GuideStore, panel: GuideStore): void {
  const p = popup.getState();
  switch (a.kind) {
    case 'popup-value':
      p.recordValue(a.key, a.text, a.source);
      break;
    case 'popup-clear':
      p.clearValue(a.key);
      break;
    case 'popup-lists':
      p.recordLists({ redirectUris: a.uris, permissions: [{ api: 'Microsoft Graph', name: 'User.Read', type: 'Delegated', status: a.status }] });
      break;
    case 'popup-secret':
      p.setSecret(a.text, 'typed');
      break;
    case 'popup-setup':
      p.updateSetup({ deploymentId: a.deploymentId });
      break;
    case 'popup-finish':
      p.finishAndClear();
      break;
    case 'panel-read': {
      // The capturing frame drops a reading that holds the captured secret (another part).
      const needle = secretNeedle(p.secret);
      if (needle === null || !a.text.includes(needle)) panel.getState().recordValue(a.key, a.text, 'page');
      break;
    }
    case 'panel-lists': {
      const needle = secretNeedle(p.secret);
      if (needle === null || !a.uris.some((u) => u.includes(needle))) panel.getState().recordLists({ redirectUris: a.uris });
      break;
    }
    case 'panel-step':
      panel.getState().markStep(a.id, a.done, 'page');
      break;
  }
}

describe('the secret never reaches storage.local', () => {
  afterEach(() => fakeBrowser.reset());

  test('whatever two contexts do, checked on every write and after every action', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(entraSecret, { minLength: 1, maxLength: 2 }).chain((secrets) =>
          fc.record({ secrets: fc.constant(secrets), actions: fc.array(actionArb(secrets), { maxLength: 30 }) }),
        ),
        async ({ secrets, actions }) => {
          fakeBrowser.reset();
          const popup = await boundStore(true);
          const panel = await boundStore(false);
          /** Every storage.local.set that held the secret the popup held at that moment. */
          const violations: string[] = [];
          const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
          const spy = vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation((items: Record<string, unknown>) => {
            const needle = secretNeedle(popup.store.getState().secret);
            const text = JSON.stringify(items);
            if (needle !== null && text.includes(needle)) violations.push(text);
            return set(items);
          });
          try {
            for (const action of [...actions, { kind: 'popup-finish' as const }]) {
              perform(action, popup.store, panel.store);
              await settle();
              expect(violations).toEqual([]);
              const needle = secretNeedle(popup.store.getState().secret);
              if (needle !== null) {
                expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(needle);
                // Neither context keeps a public value or list holding it.
                for (const s of [popup.store, panel.store]) {
                  expect(JSON.stringify([s.getState().values, s.getState().lists])).not.toContain(needle);
                }
              }
            }
            // After "Finish and clear", storage.session holds no secret either.
            const session = JSON.stringify(await fakeBrowser.storage.session.get(null));
            for (const s of secrets) expect(session).not.toContain(s.slice(0, 10));
          } finally {
            popup.controller.abort();
            panel.controller.abort();
            spy.mockRestore();
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  test('a page reading holding the secret, recorded before the popup held it, leaves storage.local once it does', async () => {
    fakeBrowser.reset();
    const secret = 'Xy78Q~abcdefghijklmnopqrstuvwxyz012345678';
    const popup = await boundStore(true);
    const panel = await boundStore(false);
    panel.store.getState().recordValue('displayName', `dbt ${secret}`, 'page');
    await settle();
    popup.store.getState().setSecret(secret, 'page');
    await settle();
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(secret);
    expect(panel.store.getState().values.displayName).toBeUndefined();
    popup.controller.abort();
    panel.controller.abort();
  });
});
