import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_SETUP, type Setup } from '@/utils/domain/setup';
import {
  type PublicValueKey,
  type PublicValues,
  type ReadLists,
  type Secret,
  type ValueSource,
} from '@/utils/domain/values';
import { type StepId } from '@/utils/guide/step-schema';
import {
  DEFAULT_PANEL_PREFS,
  DEFAULT_SETTINGS,
  type PanelPrefs,
  type Progress,
  type Settings,
} from '@/utils/guide/state-schemas';
import type { Presets } from '@/utils/managed/policy';


/**
 * A secret shorter than this is not looked for in other text: a secret being typed holds its first
 * few characters, and those are in ordinary text (the secrets table shows the first three as the
 * hint). An Entra secret Value is 40 characters.
 */
export const SECRET_MIN_LENGTH = 8;

/** The text to look for: the secret trimmed, once it is long enough to mean something. */
export function secretNeedle(secret: Pick<Secret, 'value'> | null): string | null {
  const needle = secret?.value.trim() ?? '';
  return needle.length >= SECRET_MIN_LENGTH ? needle : null;
}

/** Whether any text in a value (strings, object keys, at any depth) holds the needle. */
export function holdsText(value: unknown, needle: string | null): boolean {
  if (needle === null) return false;
  if (typeof value === 'string') return value.includes(needle);
  if (Array.isArray(value)) return value.some((v) => holdsText(v, needle));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([k, v]) => k.includes(needle) || holdsText(v, needle));
  }
  return false;
}

/** The public values and lists without any that hold the needle. */
function withoutNeedle(values: PublicValues, lists: ReadLists, needle: string | null): Pick<ValuesSlice, 'values' | 'lists'> {
  if (needle === null) return { values, lists };
  const keptValues = Object.fromEntries(Object.entries(values).filter(([, v]) => !holdsText(v, needle))) as PublicValues;
  const keptLists = Object.fromEntries(Object.entries(lists).filter(([, v]) => !holdsText(v, needle))) as ReadLists;
  const same = (a: object, b: object) => Object.keys(a).length === Object.keys(b).length;
  return { values: same(keptValues, values) ? values : keptValues, lists: same(keptLists, lists) ? lists : keptLists };
}


const now = () => new Date().toISOString();

export interface SetupSlice {
  setup: Setup;
  updateSetup(patch: Partial<Setup>): void;
}
export interface ProgressSlice {
  progress: Progress;
  markStep(id: StepId, done: boolean, by: 'page' | 'hand'): void;
  markNeeded(id: StepId): void;
}
export interface ValuesSlice {
  values: PublicValues;
  lists: ReadLists;
  /** The client secret: only ever mirrored to storage.session (see persist.ts). */
  secret: Secret | null;
  /** Refused (nothing recorded) when the value holds the secret this context holds. */
  recordValue(key: PublicValueKey, value: string, source: ValueSource): void;
  clearValue(key: PublicValueKey): void;
  /** A list that holds the secret this context holds is refused; the others are recorded. */
  recordLists(patch: ReadLists): void;
  /** A secret set takes away the public values and lists that hold it. */
  setSecret(value: string | null, source?: ValueSource): void;
  /** "Finish and clear": the secret and the collected values go; setup and progress stay. */
  finishAndClear(): void;
}
export interface SettingsSlice {
  settings: Settings;
  updateSettings(patch: Partial<Settings>): void;
}

export interface PanelSlice {
  panel: PanelPrefs;
  updatePanel(patch: Partial<PanelPrefs>): void;
}

/** What the organisation presets by policy (utils/managed/): applied over setup and settings, locked in the UI. */
export interface ManagedState extends Presets {
  /** Plain-language notices about the policy: a value ignored and why, an unknown key. */
  notices: string[];
}
export interface ManagedSlice {
  managed: ManagedState;
  /** A new reading of storage.managed: presets apply at once, and stop applying when removed. */
  applyPolicy(managed: ManagedState): void;
  /** The preset recipient key turned out unusable (openpgp could not use it): ignored, with a notice. */
  ignorePresetRecipient(notice: string): void;
}

/**
 * A state patch with the organisation's presets kept over setup and settings: whoever sets them
 * (an action, a value read back from storage.local), a preset value stays.
 */
export function withPresets(patch: Partial<GuideState>, managed: ManagedState): Partial<GuideState> {
  const out = { ...patch };
  if (patch.setup) out.setup = { ...patch.setup, ...managed.setup };
  if (patch.settings) out.settings = { ...patch.settings, ...managed.settings };
  return out;
}

export interface StatusSlice {
  /** True once the stored state has been read back. */
  loaded: boolean;
  /** Plain-language notices, e.g. a stored value that failed validation and was dropped. */
  notices: string[];
}

export type GuideState = SetupSlice &
  ProgressSlice &
  ValuesSlice &
  SettingsSlice &
  PanelSlice &
  ManagedSlice &
  StatusSlice;
export type GuideStore = StoreApi<GuideState>;
type Slice<T> = StateCreator<GuideState, [], [], T>;

const createSetupSlice: Slice<SetupSlice> = (set) => ({
  setup: DEFAULT_SETUP,
  updateSetup: (patch) => set((s) => ({ setup: { ...s.setup, ...patch, ...s.managed.setup } })),
});

const createProgressSlice: Slice<ProgressSlice> = (set) => ({
  progress: {},
  markStep: (id, done, by) =>
    set((s) => {
      const current = s.progress[id];
      if (current?.done === done) return s;
      return { progress: { ...s.progress, [id]: { ...current, done, by, at: now() } } };
    }),
  markNeeded: (id) =>
    set((s) => {
      const current = s.progress[id];
      if (current?.needed) return s;
      return { progress: { ...s.progress, [id]: { done: false, by: 'page', at: now(), ...current, needed: true } } };
    }),
});

const createValuesSlice: Slice<ValuesSlice> = (set) => ({
  values: {},
  lists: {},
  secret: null,
  // Public values go to storage.local: one holding the secret is refused in the contexts that
  // hold it (popup, checklist). The panel never holds the secret; the frame that captures it
  // drops page readings that hold it.
  recordValue: (key, value, source) =>
    set((s) => {
      if (holdsText(value, secretNeedle(s.secret))) return s;
      if (s.values[key]?.value === value && s.values[key]?.source === source) return s;
      return { values: { ...s.values, [key]: { value, source, at: now() } } };
    }),
  clearValue: (key) =>
    set((s) => {
      const values = { ...s.values };
      delete values[key];
      return { values };
    }),
  recordLists: (patch) =>
    set((s) => {
      const needle = secretNeedle(s.secret);
      const kept = Object.fromEntries(Object.entries(patch).filter(([, list]) => !holdsText(list, needle)));
      return Object.keys(kept).length ? { lists: { ...s.lists, ...kept } } : s;
    }),
  setSecret: (value, source = 'typed') =>
    set((s) => {
      const secret = value === null || value === '' ? null : { value, source, at: now() };
      return { secret, ...withoutNeedle(s.values, s.lists, secretNeedle(secret)) };
    }),
  finishAndClear: () => set({ secret: null, values: {}, lists: {} }),
});

const createSettingsSlice: Slice<SettingsSlice> = (set) => ({
  settings: DEFAULT_SETTINGS,
  updateSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch, ...s.managed.settings } })),
});

const createPanelSlice: Slice<PanelSlice> = (set) => ({
  panel: DEFAULT_PANEL_PREFS,
  updatePanel: (patch) => set((s) => ({ panel: { ...s.panel, ...patch } })),
});

const createManagedSlice: Slice<ManagedSlice> = (set) => ({
  managed: { setup: {}, settings: {}, recipientPublicKey: null, notices: [] },
  // A value stays when its preset is removed (now editable): the admin does not lose it.
  applyPolicy: (managed) => set((s) => ({ managed, ...withPresets({ setup: s.setup, settings: s.settings }, managed) })),
  ignorePresetRecipient: (notice) =>
    set((s) => ({ managed: { ...s.managed, recipientPublicKey: null, notices: [...s.managed.notices, notice] } })),
});

/** A fresh store; tests build one each. */
export function createGuideStore(): GuideStore {
  return createStore<GuideState>()((...a) => ({
    ...createSetupSlice(...a),
    ...createProgressSlice(...a),
    ...createValuesSlice(...a),
    ...createSettingsSlice(...a),
    ...createPanelSlice(...a),
    ...createManagedSlice(...a),
    loaded: false,
    notices: [],
  }));
}
