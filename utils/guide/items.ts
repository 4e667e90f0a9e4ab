import { storage } from 'wxt/utils/storage';
import { migrateSetupV1 } from '@/utils/domain/setup';

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
export const settingsItem = storage.defineItem<unknown>('local:settings', { version: 1 });
export const panelItem = storage.defineItem<unknown>('local:panel', { version: 1 });
export const secretItem = sessionItem('session:secret');

/**
 * The recorded values, the lists read from the portal and the progress: one storage.local key per
 * field, so that two contexts (the panel in a portal frame, the popup, the checklist) writing
 * different fields at the same moment never undo each other's; the same field written by two:
 * the last write wins.
 *
 *   local:values.<PublicValueKey>   a RecordedValue, e.g. `values.clientId`
 *   local:lists.<list>              `lists.redirectUris`, `lists.permissions`
 *   local:progress.<step id>        a StepProgress, e.g. `progress.register-app`
 *
 * The keys are not known in advance (step ids), so they are read and written through the storage
 * functions (getItems, setItems, removeItems, snapshot) rather than defined items.
 */
export const FIELD_GROUPS = ['values', 'lists', 'progress'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

/** The storage.local key (without the area) of one field, e.g. `values.clientId`. */
export const fieldKey = (group: FieldGroup, name: string): string => `${group}.${name}`;

/** The group and name of a storage.local key that holds one field; null for any other key. */
export function parseFieldKey(key: string): { group: FieldGroup; name: string } | null {
  const dot = key.indexOf('.');
  if (dot < 0) return null;
  const group = key.slice(0, dot) as FieldGroup;
  return FIELD_GROUPS.includes(group) ? { group, name: key.slice(dot + 1) } : null;
}

/**
 * The storage layout's version. 1 (absent): values and lists in one `local:values` item, the
 * progress in one `local:progress` item (the legacy items below). 2: one key per field. The first
 * context to start moves layout 1 to layout 2 (utils/guide/persist.ts, migrateLayout).
 */
export const LAYOUT_VERSION = 2;
export const layoutItem = storage.defineItem<number>('local:layout', { fallback: 1 });

/** Layout 1's whole items: read once to be moved to one key per field, then removed. */
export const legacyValuesItem = storage.defineItem<unknown>('local:values', { version: 1 });
export const legacyProgressItem = storage.defineItem<unknown>('local:progress', { version: 1 });

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
