import type * as z from 'zod/mini';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { SetupSchema, DEFAULT_SETUP } from '@/utils/handoff/setup';
import { SecretSchema } from '@/utils/handoff/values';
import { panelItem, progressItem, secretItem, settingsItem, setupItem, valuesItem } from '@/utils/guide/items';
import {
  DEFAULT_PANEL_PREFS,
  DEFAULT_SETTINGS,
  PanelPrefsSchema,
  ProgressSchema,
  SettingsSchema,
  StoredValuesSchema,
  withPresets,
  type GuideState,
  type GuideStore,
} from '@/utils/guide/store';
import { bindManagedPolicy } from '@/utils/managed/bind-policy';

type Item = WxtStorageItem<unknown, Record<string, never>>;

interface Binding<S extends z.ZodMiniType> {
  item: Item;
  schema: S;
  what: string;
  /** The part of the state this item holds. */
  pick(state: GuideState): z.infer<S> | null;
  /** The state patch for a value read back (null: nothing stored). */
  patch(value: z.infer<S> | null): Partial<GuideState>;
}

function bind<S extends z.ZodMiniType>(b: Binding<S>): Binding<z.ZodMiniType> {
  return b as unknown as Binding<z.ZodMiniType>;
}

const LOCAL = [
  bind({
    item: setupItem,
    schema: SetupSchema,
    what: 'setup choices',
    pick: (s) => s.setup,
    patch: (v) => ({ setup: v ?? DEFAULT_SETUP }),
  }),
  bind({
    item: progressItem,
    schema: ProgressSchema,
    what: 'progress',
    pick: (s) => s.progress,
    patch: (v) => ({ progress: v ?? {} }),
  }),
  bind({
    item: valuesItem,
    schema: StoredValuesSchema,
    what: 'recorded values',
    pick: (s) => ({ values: s.values, lists: s.lists }),
    patch: (v) => ({ values: v?.values ?? {}, lists: v?.lists ?? {} }),
  }),
  bind({
    item: settingsItem,
    schema: SettingsSchema,
    what: 'settings',
    pick: (s) => s.settings,
    patch: (v) => ({ settings: v ?? DEFAULT_SETTINGS }),
  }),
  bind({
    item: panelItem,
    schema: PanelPrefsSchema,
    what: 'panel preferences',
    pick: (s) => s.panel,
    patch: (v) => ({ panel: v ?? DEFAULT_PANEL_PREFS }),
  }),
];

/** The secret's binding: storage.session only. Content scripts cannot read that area. */
const SESSION = bind({
  item: secretItem,
  schema: SecretSchema,
  what: 'client secret',
  pick: (s) => s.secret,
  patch: (v) => ({ secret: v }),
});

export interface PersistOptions {
  /** Extension pages (popup, checklist) hold the secret; content scripts never do. */
  withSecret: boolean;
  signal: AbortSignal;
}

/**
 * Loads the store from browser.storage, then keeps both in step: a change in the store is
 * written, a change written by another context (panel, popup, checklist) is read back.
 * Whatever is read back is validated; an invalid value is dropped with a notice.
 * The organisation's policy (storage.managed) is read first and stays over what is read back.
 */
export async function persistGuideStore(store: GuideStore, { withSecret, signal }: PersistOptions): Promise<void> {
  const bindings = withSecret ? [...LOCAL, SESSION] : LOCAL;
  const written = new Map<Binding<z.ZodMiniType>, string>();

  /** What this context wrote and has not yet seen come back through storage.onChanged. */
  const echoes = new Map<Binding<z.ZodMiniType>, string[]>();

  const apply = (b: Binding<z.ZodMiniType>, raw: unknown) => {
    const text = JSON.stringify(raw ?? null);
    // Our own write coming back: older than what the store holds when writes follow each other
    // fast, so it must not be applied again.
    const mine = echoes.get(b) ?? [];
    const at = mine.indexOf(text);
    if (at >= 0) {
      mine.splice(0, at + 1);
      return;
    }
    if (written.get(b) === text) return;
    written.set(b, text);
    if (raw === null || raw === undefined) {
      store.setState((s) => withPresets(b.patch(null), s.managed));
      return;
    }
    const parsed = b.schema.safeParse(raw);
    if (parsed.success) {
      store.setState((s) => withPresets(b.patch(parsed.data), s.managed));
    } else {
      store.setState((s) => ({
        ...withPresets(b.patch(null), s.managed),
        notices: [...s.notices, `The stored ${b.what} could not be read and was reset.`],
      }));
    }
  };

  const [stored] = await Promise.all([
    Promise.all(bindings.map((b) => b.item.getValue().catch(() => null))),
    bindManagedPolicy(store, signal),
  ]);
  if (signal.aborted) return;
  bindings.forEach((b, i) => apply(b, stored[i]));
  store.setState({ loaded: true });

  const unwatch = bindings.map((b) => b.item.watch((raw) => apply(b, raw)));
  /**
   * Writes one item at a time, always its latest state: a burst of changes (a page read records
   * several values at once) becomes one or two writes, and a slow write can never land after a
   * newer one.
   */
  const queued = new Set<Binding<z.ZodMiniType>>();
  const chains = new Map<Binding<z.ZodMiniType>, Promise<void>>();
  const write = (b: Binding<z.ZodMiniType>) => {
    if (queued.has(b)) return;
    queued.add(b);
    const run = async () => {
      queued.delete(b);
      if (signal.aborted) return;
      const value = b.pick(store.getState());
      const text = JSON.stringify(value ?? null);
      if (written.get(b) === text) return;
      written.set(b, text);
      echoes.set(b, [...(echoes.get(b) ?? []), text]);
      await (value === null ? b.item.removeValue() : b.item.setValue(value)).catch(() => undefined);
    };
    chains.set(b, (chains.get(b) ?? Promise.resolve()).then(run));
  };
  const unsubscribe = store.subscribe((state, prev) => {
    for (const b of bindings) {
      if (b.pick(state) !== b.pick(prev)) write(b);
    }
  });
  signal.addEventListener(
    'abort',
    () => {
      unsubscribe();
      for (const u of unwatch) u();
    },
    { once: true },
  );
}
