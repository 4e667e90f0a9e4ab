import * as z from 'zod/mini';
import { StepIdSchema } from '@/utils/guide/step-schema';

/**
 * The schemas of the guide's stored state (progress, settings, the panel's preferences), apart
 * from the store, so that the background and the policy code read them without the store.
 */

export const StepProgressSchema = z.object({
  done: z.boolean(),
  /** An optional branch the page showed to be needed (e.g. no redirect URI on the form). */
  needed: z.optional(z.boolean()),
  /** Who said so: the page showed it done, or the admin ticked it. */
  by: z.enum(['page', 'hand']),
  at: z.string().check(z.maxLength(40)),
});
export const ProgressSchema = z.record(StepIdSchema, StepProgressSchema);
export type Progress = z.infer<typeof ProgressSchema>;

export const SettingsSchema = z.object({
  /** Seconds after which a copied secret is cleared from the clipboard. */
  clipboardClearSeconds: z.int().check(z.minimum(10), z.maximum(600)),
  /** Minutes without use after which the secret is forgotten. */
  secretIdleMinutes: z.int().check(z.minimum(1), z.maximum(24 * 60)),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = { clipboardClearSeconds: 60, secretIdleMinutes: 30 };

export const PanelPrefsSchema = z.object({
  /** The guide runs on the portal (started from the popup or checklist, stopped by closing it). */
  running: z.boolean(),
  collapsed: z.boolean(),
  /** Which side the panel sits on; `auto` keeps it clear of the spotlighted control. */
  dock: z.enum(['auto', 'left', 'right']),
  /** The guide that runs: the setup, or the client secret's rotation (each keeps its own progress). */
  guide: z._default(z.enum(['sso-setup', 'rotation']), 'sso-setup'),
});
export type PanelPrefs = z.infer<typeof PanelPrefsSchema>;
export type GuideName = PanelPrefs['guide'];
export const DEFAULT_PANEL_PREFS: PanelPrefs = { running: false, collapsed: false, dock: 'auto', guide: 'sso-setup' };
