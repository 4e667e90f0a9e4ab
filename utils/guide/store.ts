import * as z from 'zod/mini';
import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_SETUP, type Setup } from '@/utils/handoff/setup';
import {
  PublicValuesSchema,
  ReadListsSchema,
  type PublicValueKey,
  type PublicValues,
  type ReadLists,
  type Secret,
  type ValueSource,
} from '@/utils/handoff/values';
import { StepIdSchema, type StepId } from '@/utils/guide/step-schema';

export const StepProgressSchema = z.object({
  done: z.boolean(),
  /** An optional branch the page showed to be needed (e.g. no redirect URI on the form). */
  needed: z.optional(z.boolean()),
  /** Who said so: the page showed it done, or the admin ticked it. */
  by: z.enum(['page', 'hand']),
  at: z.string().check(z.maxLength(40)),
});
export const ProgressSchema = z.partialRecord(StepIdSchema, StepProgressSchema);
export type Progress = z.infer<typeof ProgressSchema>;

export const StoredValuesSchema = z.object({ values: PublicValuesSchema, lists: ReadListsSchema });

export const SettingsSchema = z.object({
  /** Seconds after which a copied secret is cleared from the clipboard. */
  clipboardClearSeconds: z.int().check(z.minimum(10), z.maximum(600)),
  /** Minutes without use after which the secret is forgotten. */
  secretIdleMinutes: z.int().check(z.minimum(1), z.maximum(24 * 60)),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = { clipboardClearSeconds: 60, secretIdleMinutes: 30 };

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
  recordValue(key: PublicValueKey, value: string, source: ValueSource): void;
  clearValue(key: PublicValueKey): void;
  recordLists(patch: ReadLists): void;
  setSecret(value: string | null, source?: ValueSource): void;
  /** "Finish and clear": the secret and the collected values go; setup and progress stay. */
  finishAndClear(): void;
}
export interface SettingsSlice {
  settings: Settings;
  updateSettings(patch: Partial<Settings>): void;
}
export const PanelPrefsSchema = z.object({
  /** The guide runs on the portal (started from the popup or checklist, stopped by closing it). */
  running: z.boolean(),
  collapsed: z.boolean(),
  /** Which side the panel sits on; `auto` keeps it clear of the spotlighted control. */
  dock: z.enum(['auto', 'left', 'right']),
});
export type PanelPrefs = z.infer<typeof PanelPrefsSchema>;
export const DEFAULT_PANEL_PREFS: PanelPrefs = { running: false, collapsed: false, dock: 'auto' };

export interface PanelSlice {
  panel: PanelPrefs;
  updatePanel(patch: Partial<PanelPrefs>): void;
}

export interface StatusSlice {
  /** True once the stored state has been read back. */
  loaded: boolean;
  /** Plain-language notices, e.g. a stored value that failed validation and was dropped. */
  notices: string[];
}

export type GuideState = SetupSlice & ProgressSlice & ValuesSlice & SettingsSlice & PanelSlice & StatusSlice;
export type GuideStore = StoreApi<GuideState>;
type Slice<T> = StateCreator<GuideState, [], [], T>;

const createSetupSlice: Slice<SetupSlice> = (set) => ({
  setup: DEFAULT_SETUP,
  updateSetup: (patch) => set((s) => ({ setup: { ...s.setup, ...patch } })),
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
  recordValue: (key, value, source) =>
    set((s) => {
      if (s.values[key]?.value === value && s.values[key]?.source === source) return s;
      return { values: { ...s.values, [key]: { value, source, at: now() } } };
    }),
  clearValue: (key) =>
    set((s) => {
      const values = { ...s.values };
      delete values[key];
      return { values };
    }),
  recordLists: (patch) => set((s) => ({ lists: { ...s.lists, ...patch } })),
  setSecret: (value, source = 'typed') =>
    set({ secret: value === null || value === '' ? null : { value, source, at: now() } }),
  finishAndClear: () => set({ secret: null, values: {}, lists: {} }),
});

const createSettingsSlice: Slice<SettingsSlice> = (set) => ({
  settings: DEFAULT_SETTINGS,
  updateSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
});

const createPanelSlice: Slice<PanelSlice> = (set) => ({
  panel: DEFAULT_PANEL_PREFS,
  updatePanel: (patch) => set((s) => ({ panel: { ...s.panel, ...patch } })),
});

/** A fresh store; tests build one each. */
export function createGuideStore(): GuideStore {
  return createStore<GuideState>()((...a) => ({
    ...createSetupSlice(...a),
    ...createProgressSlice(...a),
    ...createValuesSlice(...a),
    ...createSettingsSlice(...a),
    ...createPanelSlice(...a),
    loaded: false,
    notices: [],
  }));
}
