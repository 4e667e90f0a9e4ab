import { storage } from 'wxt/utils/storage';

/**
 * Every stored value, defined once and versioned from the start. What is stored is read back
 * through a zod schema (utils/guide/persist.ts): the stored shape is `unknown` until parsed.
 *
 * storage.local: setup, progress, non-secret values, settings. It survives restarts.
 * storage.session: the client secret, and nothing else secret anywhere.
 */
export const setupItem = storage.defineItem<unknown>('local:setup', { version: 1 });
export const progressItem = storage.defineItem<unknown>('local:progress', { version: 1 });
export const valuesItem = storage.defineItem<unknown>('local:values', { version: 1 });
export const settingsItem = storage.defineItem<unknown>('local:settings', { version: 1 });
export const panelItem = storage.defineItem<unknown>('local:panel', { version: 1 });
export const secretItem = storage.defineItem<unknown>('session:secret', { version: 1 });
