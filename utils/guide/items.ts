import { storage } from 'wxt/utils/storage';
import { migrateSetupV1 } from '@/utils/handoff/setup';

type Item = ReturnType<typeof storage.defineItem<unknown>>;

/**
 * A storage.session item, defined on first use. Defining a WXT item reads it at once, and the
 * panel's content script imports this module while content scripts have no storage.session
 * (Firefox: "browser.storage.session is undefined"; Chrome: "Access to storage is not allowed
 * from this context"): an unhandled rejection on every portal page otherwise.
 */
function sessionItem(key: `session:${string}`): Item {
  let item: Item | undefined;
  const real = () => (item ??= storage.defineItem<unknown>(key, { version: 1 }) as Item);
  return new Proxy({} as Item, { get: (_, name) => Reflect.get(real(), name) as unknown });
}

/**
 * Every stored value, defined once and versioned from the start. What is stored is read back
 * through a zod schema (utils/guide/persist.ts): the stored shape is `unknown` until parsed.
 *
 * storage.local: setup, progress, non-secret values, settings. It survives restarts.
 * storage.session: the client secret, and nothing else secret anywhere.
 */
// Version 2: dbt's December 2025 permissions (Directory.Read.All), the account type and the
// support URI pasted as sent.
export const setupItem = storage.defineItem<unknown>('local:setup', { version: 2, migrations: { 2: migrateSetupV1 } });
export const progressItem = storage.defineItem<unknown>('local:progress', { version: 1 });
export const valuesItem = storage.defineItem<unknown>('local:values', { version: 1 });
export const settingsItem = storage.defineItem<unknown>('local:settings', { version: 1 });
export const panelItem = storage.defineItem<unknown>('local:panel', { version: 1 });
export const secretItem = sessionItem('session:secret');

/**
 * The recipient's public key for the encrypted hand-off (utils/handoff/export/encrypt.ts,
 * RecipientSchema). storage.local: a public key is not secret, and the admin imports it once.
 */
export const recipientItem = storage.defineItem<unknown>('local:recipient', { version: 1 });

/**
 * The pending clipboard clearing after the secret was copied: when, and a salted hash of what was
 * copied (utils/handoff/clipboard.ts), never the text itself. storage.session, so that it outlives
 * the background going idle and is gone when the browser closes.
 */
export const clipboardItem = sessionItem('session:clipboard');
