import type * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { SetupSchema, DEFAULT_SETUP } from '@/utils/domain/setup';
import { PublicValueKeySchema, ReadListsSchema, RecordedValueSchema, SecretSchema } from '@/utils/domain/values';
import { StepIdSchema } from '@/utils/guide/step-schema';
import {
  FIELD_GROUPS,
  LAYOUT_VERSION,
  fieldKey,
  layoutItem,
  legacyProgressItem,
  legacyValuesItem,
  panelItem,
  parseFieldKey,
  secretItem,
  settingsItem,
  setupItem,
  type FieldGroup,
} from '@/utils/guide/items';
import { holdsText, secretNeedle, withPresets, type GuideState, type GuideStore } from '@/utils/guide/store';
import { DEFAULT_PANEL_PREFS, DEFAULT_SETTINGS, PanelPrefsSchema, SettingsSchema, StepProgressSchema } from '@/utils/guide/state-schemas';
import { bindManagedPolicy } from '@/utils/managed/bind-policy';

type Item = WxtStorageItem<unknown, Record<string, never>>;

/** What is read back from storage: the state patch, and plain notices for what was left out. */
interface Read {
  patch: Partial<GuideState>;
  notices: string[];
}

/** A whole stored item: setup, settings, panel preferences (storage.local), the secret (storage.session). */
interface Binding {
  item: Item;
  /** storage.local: its defaults stand in for a key that holds the secret (below). */
  local: { defaults: object } | null;
  /** The part of the state this item holds. */
  pick(state: GuideState): unknown;
  /** The state patch for what is read back (null: nothing stored). */
  read(raw: unknown): Read;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A value's JSON with object keys sorted, at any depth: Chrome gives stored objects back with
 * their keys in another order than they were written, and a write must be recognised when it
 * comes back through onChanged.
 */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

/** A name as a notice quotes it: short, and plain text whatever was stored. */
const quote = (name: string) => JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);

/**
 * An object read key by key: a key with a bad value falls back to its default (with a notice), a
 * missing key to its default, an unknown key is ignored; a stored object with one bad key keeps
 * its good keys.
 */
function readObject<T extends object>(schema: z.ZodMiniObject, defaults: T, raw: unknown, what: string, noun: string): { value: T; notices: string[] } {
  if (!isRecord(raw)) return { value: defaults, notices: [`The stored ${what} could not be read and were reset.`] };
  const value: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  const notices: string[] = [];
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodMiniType>)) {
    const given = raw[key];
    const parsed = field.safeParse(given);
    if (parsed.success) value[key] = parsed.data;
    else if (given !== undefined) notices.push(`The stored ${noun} ${quote(key)} could not be read; its default is used instead.`);
  }
  return { value: value as T, notices };
}

const LOCAL: Binding[] = [
  {
    item: setupItem,
    local: { defaults: DEFAULT_SETUP },
    pick: (s) => s.setup,
    read: (raw) => {
      if (raw === null) return { patch: { setup: DEFAULT_SETUP }, notices: [] };
      const { value, notices } = readObject(SetupSchema, DEFAULT_SETUP, raw, 'setup choices', 'setup choice');
      return { patch: { setup: value }, notices };
    },
  },
  {
    item: settingsItem,
    local: { defaults: DEFAULT_SETTINGS },
    pick: (s) => s.settings,
    read: (raw) => {
      if (raw === null) return { patch: { settings: DEFAULT_SETTINGS }, notices: [] };
      const { value, notices } = readObject(SettingsSchema, DEFAULT_SETTINGS, raw, 'settings', 'setting');
      return { patch: { settings: value }, notices };
    },
  },
  {
    item: panelItem,
    local: { defaults: DEFAULT_PANEL_PREFS },
    pick: (s) => s.panel,
    read: (raw) => {
      if (raw === null) return { patch: { panel: DEFAULT_PANEL_PREFS }, notices: [] };
      const { value, notices } = readObject(PanelPrefsSchema, DEFAULT_PANEL_PREFS, raw, 'panel preferences', 'panel preference');
      return { patch: { panel: value }, notices };
    },
  },
];

/** The secret's binding: storage.session only. Content scripts cannot read that area. */
const SESSION: Binding = {
  item: secretItem,
  local: null,
  pick: (s) => s.secret,
  read: (raw) => {
    if (raw === null) return { patch: { secret: null }, notices: [] };
    const parsed = SecretSchema.safeParse(raw);
    if (parsed.success) return { patch: { secret: parsed.data }, notices: [] };
    return { patch: { secret: null }, notices: ['The stored client secret could not be read and was reset.'] };
  },
};

/**
 * What a whole storage.local item writes: the value, with any key holding the secret replaced by
 * its default (a secret pasted into the setup's deployment ID stays on screen, flagged, but never
 * reaches storage.local).
 */
function withoutSecret(b: Binding, value: unknown, needle: string | null): unknown {
  if (!b.local || !isRecord(value) || !holdsText(value, needle)) return value;
  const defaults = b.local.defaults as Record<string, unknown>;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, holdsText(v, needle) ? defaults[k] : v]));
}

/** One field read back: its value, or a notice naming what was left out. */
type FieldRead = { ok: true; value: unknown } | { ok: false; notice: string };

const LIST_SCHEMAS = ReadListsSchema.shape as Record<string, z.ZodMiniType>;

function readField(group: FieldGroup, name: string, raw: unknown): FieldRead {
  const left = (notice: string): FieldRead => ({ ok: false, notice });
  const parse = (schema: z.ZodMiniType) => schema.safeParse(raw);
  switch (group) {
    case 'values': {
      if (!PublicValueKeySchema.safeParse(name).success) {
        return left(`The stored value ${quote(name)} is not one this version knows and was left out; the other values are kept.`);
      }
      const parsed = parse(RecordedValueSchema);
      return parsed.success ? { ok: true, value: parsed.data } : left(`The stored value ${quote(name)} could not be read and was left out; the other values are kept.`);
    }
    case 'lists': {
      const schema = Object.hasOwn(LIST_SCHEMAS, name) ? LIST_SCHEMAS[name] : undefined;
      if (!schema) return left(`The stored list ${quote(name)} is not one this version knows and was left out; the other lists are kept.`);
      const parsed = parse(schema);
      return parsed.success ? { ok: true, value: parsed.data } : left(`The stored list ${quote(name)} could not be read and was left out; the other lists are kept.`);
    }
    case 'progress': {
      const parsed = StepIdSchema.safeParse(name).success ? parse(StepProgressSchema) : null;
      return parsed?.success ? { ok: true, value: parsed.data } : left(`The stored progress of step ${quote(name)} could not be read and was left out; the other steps are kept.`);
    }
  }
}

const fieldOf = (state: GuideState, group: FieldGroup, name: string): unknown => {
  const fields = state[group] as Record<string, unknown>;
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
};

/** Plain notices added once each. */
function addNotices(current: string[], more: string[]): string[] {
  const added = more.filter((n, i) => !current.includes(n) && more.indexOf(n) === i);
  return added.length ? [...current, ...added] : current;
}

/** A storage.local key of this module's own (without the area). */
const local = (key: string) => `local:${key}` as const;

/**
 * Moves layout 1 (values and lists in one `local:values` item, the progress in one
 * `local:progress` item) to one key per field, then removes the old items and marks the layout.
 * Runs in whichever context starts first; a context starting at the same moment does the same
 * with the same values, harmlessly. Fields are copied as they are and validated when read, one by
 * one. In the first migration a field already written in the new layout is kept; an old item
 * written later (an older tool) is a deliberate write and its fields are applied over the others.
 * Gives plain notices for an old item that is not an object at all.
 */
async function migrateLayout(): Promise<string[]> {
  const [layout, oldValues, oldProgress] = (await storage.getItems([layoutItem, local('values'), local('progress')])).map(
    (r) => r.value as unknown,
  );
  if (oldValues === null && oldProgress === null) {
    if (layout !== LAYOUT_VERSION) await layoutItem.setValue(LAYOUT_VERSION);
    return [];
  }
  const notices: string[] = [];
  const fields: Record<string, unknown> = {};
  const copy = (group: FieldGroup, inner: unknown) => {
    if (!isRecord(inner)) return false;
    for (const [name, v] of Object.entries(inner)) if (v !== undefined && v !== null) fields[fieldKey(group, name)] = v;
    return true;
  };
  if (oldValues !== null) {
    const ok = isRecord(oldValues) && ['values', 'lists'].every((g) => oldValues[g] === undefined || copy(g as FieldGroup, oldValues[g]));
    if (!ok) notices.push('The stored recorded values could not be read and were reset.');
  }
  if (oldProgress !== null && !copy('progress', oldProgress)) notices.push('The stored progress could not be read and was reset.');

  let keys = Object.keys(fields);
  if (layout !== LAYOUT_VERSION && keys.length) {
    const present = await storage.getItems(keys.map(local));
    keys = keys.filter((_, i) => present[i]?.value === null);
  }
  await storage.setItems([
    ...keys.map((k) => ({ key: local(k), value: fields[k] })),
    { key: layoutItem.key as `local:${string}`, value: LAYOUT_VERSION },
  ]);
  await storage.removeItems([
    { item: legacyValuesItem, options: { removeMeta: true } },
    { item: legacyProgressItem, options: { removeMeta: true } },
  ]);
  return notices;
}

export interface PersistOptions {
  /** Extension pages (popup, checklist) hold the secret; content scripts never do. */
  withSecret: boolean;
  signal: AbortSignal;
}

type Changes = Record<string, { newValue?: unknown; oldValue?: unknown }>;

/**
 * Loads the store from browser.storage, then keeps both in step: a change in the store is
 * written, a change written by another context (panel, popup, checklist) is read back.
 *
 * Values, lists and progress are stored one key per field (utils/guide/items.ts): a context writes
 * only the fields it changed, so two contexts writing different fields at once never lose either;
 * the same field written by two: the last write wins, in storage and in every context.
 * Whatever is read back is validated field by field (setup and settings key by key): what is
 * invalid or unknown is left out alone, with a notice naming it.
 * Nothing holding the secret this context holds is written to storage.local.
 * The organisation's policy (storage.managed) is applied when it arrives, which may be after
 * `loaded`: a preset then overrides the value in the store and stays over what is read back.
 */
export async function persistGuideStore(store: GuideStore, { withSecret, signal }: PersistOptions): Promise<void> {
  const bindings = withSecret ? [...LOCAL, SESSION] : LOCAL;

  // ---- Fields (values, lists, progress): one storage key each.

  /** Each field's stored JSON as this context knows it ('null': absent). */
  const known = new Map<string, string>();
  /**
   * What this context wrote to a field and has not yet seen come back through onChanged. Every
   * context sees the writes to a key in the order storage applied them, so a write by another
   * context seen before our own came back was applied before ours, and ours stands.
   */
  const pending = new Map<string, string[]>();
  /** Fields to write; fields held back because they hold the secret (written once they no longer do). */
  const dirty = new Set<string>();
  const held = new Set<string>();
  /** Set while a change read back is applied: it is not written again. */
  let applying = false;
  let loaded = false;
  const early: Changes[] = [];

  const knownText = (key: string) => known.get(key) ?? 'null';

  const applyFields = (entries: [key: string, raw: unknown][]) => {
    const groups: Partial<Record<FieldGroup, Record<string, unknown>>> = {};
    const notices: string[] = [];
    const state = store.getState();
    const needle = secretNeedle(state.secret);
    for (const [key, raw] of entries) {
      const field = parseFieldKey(key);
      if (!field) continue;
      const text = canonicalJson(raw);
      const mine = pending.get(key);
      if (mine?.length) {
        const at = mine.indexOf(text);
        if (at >= 0) mine.splice(0, at + 1);
        continue;
      }
      if (knownText(key) === text) continue;
      known.set(key, text);
      // Changed here and about to be written: that write comes after this one, and wins.
      if (dirty.has(key)) continue;
      const { group, name } = field;
      const fields = (groups[group] ??= { ...(state[group] as Record<string, unknown>) });
      let value: unknown;
      if (raw !== null && raw !== undefined) {
        if (holdsText(raw, needle)) {
          // Written by a context that does not hold the secret: taken out of storage.local.
          notices.push(`The stored value ${quote(name)} held the client secret and was removed.`);
          dirty.add(key);
        } else {
          const read = readField(group, name, raw);
          if (read.ok) value = read.value;
          else notices.push(read.notice);
        }
      }
      if (value === undefined) delete fields[name];
      else fields[name] = value;
    }
    if (!Object.keys(groups).length && !notices.length) return;
    applying = true;
    try {
      store.setState((s) => ({ ...(groups as Partial<GuideState>), notices: addNotices(s.notices, notices) }));
    } finally {
      applying = false;
    }
    if (dirty.size) schedule();
  };

  /** A write whose echo did not come back (a browser that did not report it): read the field again. */
  const checkLater = (keys: string[]) => {
    const waiting = keys.filter((k) => pending.get(k)?.length);
    if (!waiting.length) return;
    const last = new Map(waiting.map((k) => [k, pending.get(k)?.at(-1)]));
    setTimeout(() => {
      if (signal.aborted) return;
      const stale = waiting.filter((k) => pending.get(k)?.at(-1) === last.get(k) && last.get(k) !== undefined);
      if (!stale.length) return;
      for (const k of stale) {
        pending.delete(k);
        known.delete(k);
      }
      void storage
        .getItems(stale.map(local))
        .then((items) => applyFields(items.map(({ key, value }) => [key.slice('local:'.length), value])))
        .catch(() => undefined);
    }, 2_000);
  };

  /** Writes the dirty fields, one batch at a time, each as the store holds it now. */
  let scheduled = false;
  let chain = Promise.resolve();
  const run = async () => {
    scheduled = false;
    if (signal.aborted) return;
    const state = store.getState();
    const needle = secretNeedle(state.secret);
    const sets: { key: `local:${string}`; value: unknown }[] = [];
    const removes: `local:${string}`[] = [];
    for (const key of dirty) {
      const field = parseFieldKey(key);
      if (!field) continue;
      const value = fieldOf(state, field.group, field.name);
      const text = canonicalJson(value);
      if (text === knownText(key)) continue;
      if (holdsText(value, needle)) {
        held.add(key);
        continue;
      }
      held.delete(key);
      known.set(key, text);
      pending.set(key, [...(pending.get(key) ?? []), text]);
      if (value === undefined || value === null) removes.push(local(key));
      else sets.push({ key: local(key), value });
    }
    dirty.clear();
    if (!sets.length && !removes.length) return;
    await Promise.all([sets.length ? storage.setItems(sets) : null, removes.length ? storage.removeItems(removes) : null]).catch(() => undefined);
    checkLater([...sets.map((s) => s.key), ...removes].map((k) => k.slice('local:'.length)));
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    chain = chain.then(run);
  };

  // An old whole item written after the migration (an older tool) is moved as well.
  let migrations = Promise.resolve();
  const migrateAgain = () => {
    migrations = migrations
      .then(migrateLayout)
      .then((notices) => {
        if (notices.length && !signal.aborted) store.setState((s) => ({ notices: addNotices(s.notices, notices) }));
      })
      .catch(() => undefined);
  };

  const onFieldsChanged = (changes: Changes) => {
    if (signal.aborted) return;
    if (!loaded) {
      early.push(changes);
      return;
    }
    const entries = Object.entries(changes);
    applyFields(entries.filter(([key]) => parseFieldKey(key)).map(([key, c]) => [key, c.newValue ?? null]));
    if (entries.some(([key, c]) => (key === 'values' || key === 'progress') && c.newValue !== undefined && c.newValue !== null)) {
      migrateAgain();
    }
  };
  browser.storage.local.onChanged.addListener(onFieldsChanged);

  // ---- Whole items (setup, settings, panel, secret).

  const written = new Map<Binding, string>();
  /** What this context wrote and has not yet seen come back through storage.onChanged. */
  const echoes = new Map<Binding, string[]>();

  const apply = (b: Binding, raw: unknown) => {
    const text = canonicalJson(raw);
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
    const { patch, notices } = b.read(raw ?? null);
    store.setState((s) => ({ ...withPresets(patch, s.managed), notices: addNotices(s.notices, notices) }));
  };

  // The organisation's policy applies when storage.managed answers, over whatever the store holds
  // then (withPresets keeps it over what is read back later): its first read can take seconds in a
  // fresh profile, and the stored values must not wait for it.
  void bindManagedPolicy(store, signal);
  const migrated = await migrateLayout().catch(() => []);
  const [stored, snapshot] = await Promise.all([
    Promise.all(bindings.map((b) => b.item.getValue().catch(() => null))),
    storage.snapshot('local').catch(() => ({}) as Record<string, unknown>),
  ]);
  if (signal.aborted) {
    browser.storage.local.onChanged.removeListener(onFieldsChanged);
    return;
  }
  bindings.forEach((b, i) => apply(b, stored[i]));
  if (migrated.length) store.setState((s) => ({ notices: addNotices(s.notices, migrated) }));
  applyFields(Object.entries(snapshot).filter(([key]) => parseFieldKey(key)));
  loaded = true;
  for (const changes of early.splice(0)) onFieldsChanged(changes);
  store.setState({ loaded: true });

  const unwatch = bindings.map((b) => b.item.watch((raw) => apply(b, raw)));
  /**
   * Writes one item at a time, always its latest state: a burst of changes becomes one or two
   * writes, and a slow write can never land after a newer one.
   */
  const queued = new Set<Binding>();
  const chains = new Map<Binding, Promise<void>>();
  const write = (b: Binding) => {
    if (queued.has(b)) return;
    queued.add(b);
    const runItem = async () => {
      queued.delete(b);
      if (signal.aborted) return;
      const state = store.getState();
      const needle = secretNeedle(state.secret);
      const value = withoutSecret(b, b.pick(state), needle);
      const text = canonicalJson(value);
      if (written.get(b) === text) return;
      // Only a key can hold the secret, and withoutSecret replaced it: this is a last guard.
      if (b.local && holdsText(value, needle)) return;
      written.set(b, text);
      echoes.set(b, [...(echoes.get(b) ?? []), text]);
      await (value === null ? b.item.removeValue() : b.item.setValue(value)).catch(() => undefined);
    };
    chains.set(b, (chains.get(b) ?? Promise.resolve()).then(runItem));
  };

  const unsubscribe = store.subscribe((state, prev) => {
    for (const b of bindings) {
      if (b.pick(state) !== b.pick(prev)) write(b);
    }
    // With a new secret: what was held back is tried again, and what is stored is written
    // again without it (a setup key typed before the secret was).
    if (state.secret !== prev.secret) {
      for (const b of bindings) if (b.local) write(b);
      for (const key of held) dirty.add(key);
    }
    if (!applying) {
      for (const group of FIELD_GROUPS) {
        const now = state[group] as Record<string, unknown>;
        const before = prev[group] as Record<string, unknown>;
        if (now === before) continue;
        for (const name of new Set([...Object.keys(now), ...Object.keys(before)])) {
          if (now[name] !== before[name]) dirty.add(fieldKey(group, name));
        }
      }
    }
    if (dirty.size) schedule();
  });
  signal.addEventListener(
    'abort',
    () => {
      unsubscribe();
      for (const u of unwatch) u();
      browser.storage.local.onChanged.removeListener(onFieldsChanged);
    },
    { once: true },
  );
}
