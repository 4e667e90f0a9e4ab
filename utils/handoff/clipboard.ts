import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import type { Message } from '@/utils/messaging/protocol';

/**
 * Clearing the clipboard after the client secret was copied, but only while it still holds the
 * secret: whatever the admin copied since is left alone.
 *
 * The context that clears (Chrome's offscreen document, Firefox's background page) never gets the
 * secret. It gets a fingerprint: a random salt and the SHA-256 of salt + text, and compares it with
 * the same hash of what the clipboard holds. The salt makes two fingerprints of one text differ, so
 * a stored fingerprint says nothing about which text it was made from without that text.
 */

/** Bounds of the delay, the same as the settings (utils/guide/store.ts SettingsSchema). */
export const MIN_CLEAR_DELAY_MS = 10_000;
export const MAX_CLEAR_DELAY_MS = 600_000;

const FINGERPRINT = /^v1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/;
export const ClipboardFingerprintSchema = z.string().check(z.regex(FINGERPRINT));

/** A clearing that is due: storage.session (utils/guide/items.ts clipboardItem). */
export const PendingClearSchema = z.object({
  fingerprint: ClipboardFingerprintSchema,
  /** Epoch milliseconds. */
  due: z.number(),
});
export type PendingClear = z.infer<typeof PendingClearSchema>;

export type ClearOutcome =
  /** The clipboard held the copied text and is now empty. */
  | 'cleared'
  /** The clipboard holds something else: left as it is. */
  | 'replaced'
  /** Nothing was due. */
  | 'none'
  /** The clipboard could not be read or written. */
  | 'failed';

export const ClearOutcomeSchema = z.enum(['cleared', 'replaced', 'none', 'failed']);

export function clampClearDelay(ms: number): number {
  if (!Number.isFinite(ms)) return MAX_CLEAR_DELAY_MS;
  return Math.min(MAX_CLEAR_DELAY_MS, Math.max(MIN_CLEAR_DELAY_MS, Math.round(ms)));
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) out[i] = binary.charCodeAt(i);
  return out;
}

async function digest(salt: Uint8Array<ArrayBuffer>, text: string): Promise<string> {
  const data = new TextEncoder().encode(text);
  const input = new Uint8Array(salt.length + data.length);
  input.set(salt);
  input.set(data, salt.length);
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', input)));
}

/** The fingerprint of a copied text: `v1.<salt>.<sha256(salt + text)>`, base64url. */
export async function clipboardFingerprint(
  text: string,
  salt: Uint8Array<ArrayBuffer> = crypto.getRandomValues(new Uint8Array(16)),
): Promise<string> {
  return `v1.${base64url(salt)}.${await digest(salt, text)}`;
}

/** Whether `text` is the text the fingerprint was made from. */
export async function matchesFingerprint(text: string, fingerprint: string): Promise<boolean> {
  if (!FINGERPRINT.test(fingerprint)) return false;
  const [, salt = '', hash = ''] = fingerprint.split('.');
  return (await digest(fromBase64url(salt), text)) === hash;
}

/** Reads and writes the clipboard's text; read gives null when it cannot. */
export interface ClipboardAccess {
  read(): Promise<string | null>;
  write(text: string): Promise<void>;
}

/** Empties the clipboard if it still holds the fingerprinted text, and checks that it took. */
export async function clearIfStillHeld(access: ClipboardAccess, fingerprint: string): Promise<ClearOutcome> {
  try {
    const held = await access.read();
    if (held === null) return 'failed';
    if (!(await matchesFingerprint(held, fingerprint))) return 'replaced';
    await access.write('');
    return (await access.read()) === '' ? 'cleared' : 'failed';
  } catch {
    return 'failed';
  }
}

/**
 * The clipboard through the document's copy and paste commands: they work in a document without
 * focus (Chrome's offscreen document, Firefox's background page), where navigator.clipboard does
 * not, given the clipboardRead and clipboardWrite permissions.
 */
export function documentClipboard(doc: Document): ClipboardAccess {
  const run = (command: 'copy' | 'paste', onEvent: (event: ClipboardEvent) => void): boolean => {
    const area = doc.createElement('textarea');
    doc.body.append(area);
    area.focus();
    const listener = (event: Event) => {
      onEvent(event as ClipboardEvent);
      event.preventDefault();
    };
    doc.addEventListener(command, listener, true);
    try {
      return doc.execCommand(command);
    } finally {
      doc.removeEventListener(command, listener, true);
      area.remove();
    }
  };
  return {
    read: async () => {
      const pasted: { text: string | null } = { text: null };
      run('paste', (event) => {
        pasted.text = event.clipboardData?.getData('text/plain') ?? null;
      });
      // The paste event's data, whatever execCommand says: Firefox returns false for a paste whose
      // event was cancelled (as here, so that nothing lands in the textarea), even though the
      // event carried the clipboard's text. No event, no text.
      return pasted.text;
    },
    write: async (text) => {
      const copied = { done: false };
      const ok = run('copy', (event) => {
        if (!event.clipboardData) return;
        event.clipboardData.setData('text/plain', text);
        copied.done = true;
      });
      if (!ok || !copied.done) throw new Error('The clipboard could not be written.');
    },
  };
}

/**
 * After the popup copied a secret: asks the background to clear it after `delayMs`, even once the
 * popup has closed. Only the fingerprint leaves this context. True when the clearing is armed.
 */
export async function armClipboardClearing(text: string, delayMs: number): Promise<boolean> {
  const message: Message = {
    type: 'clipboard/armed',
    fingerprint: await clipboardFingerprint(text),
    delayMs: clampClearDelay(delayMs),
  };
  const answer = ArmedAnswerSchema.safeParse(await browser.runtime.sendMessage(message));
  return answer.success && answer.data.armed;
}

const ArmedAnswerSchema = z.object({ armed: z.boolean() });

/** "Finish and clear": clear the clipboard now if it still holds the copied secret. */
export async function clearClipboardNow(): Promise<ClearOutcome> {
  const message: Message = { type: 'clipboard/clear-now' };
  const answer = z.object({ outcome: ClearOutcomeSchema }).safeParse(await browser.runtime.sendMessage(message));
  return answer.success ? answer.data.outcome : 'failed';
}
