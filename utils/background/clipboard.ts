import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { clipboardItem } from '@/utils/guide/items';
import type { Message } from '@/utils/messaging/protocol';
import {
  clampClearDelay,
  clearIfStillHeld,
  ClearOutcomeSchema,
  ClipboardFingerprintSchema,
  documentClipboard,
  PendingClearSchema,
  type ClearOutcome,
  type PendingClear,
} from '@/utils/handoff/clipboard';

/**
 * The background's part of clearing a copied secret from the clipboard. The popup copies, then
 * says when to clear and what was copied (a fingerprint, never the text). The popup may be closed
 * by then, so the background keeps the due clearing in storage.session and is woken by an alarm;
 * a timer clears on time while the background is awake anyway (Chrome rounds alarms of packed
 * extensions up to 30 seconds).
 */

export const CLIPBOARD_ALARM = 'clipboard-clear';

/** Early by this much still counts as due: timers and alarms are not exact. */
const SLACK_MS = 250;

export interface ClipboardDeps {
  now(): number;
  /** Arms the alarm that wakes the background at `when` (epoch ms), replacing any earlier one. */
  armAlarm(when: number): void;
  cancelAlarm(): void;
  /** Runs `run` after `ms` while this context lives; returns the cancel function. */
  startTimer(run: () => void, ms: number): () => void;
  /** Clears the clipboard if it still holds the fingerprinted text (offscreen document or page). */
  clearIfStillHeld(fingerprint: string): Promise<ClearOutcome>;
}

export interface ClipboardClearer {
  /** Handles the clipboard messages; undefined for any other message. */
  /**
   * Handles the clipboard messages, accepted and parsed once by the background (hub.ts,
   * acceptMessage); undefined for any other message.
   */
  handle(message: Message): Promise<unknown>;
  onAlarm(name: string): Promise<void>;
  /** Clears what is due (or, with `force`, what is pending at all). */
  clearDue(force?: boolean): Promise<ClearOutcome>;
}

async function readPending(): Promise<PendingClear | null> {
  const parsed = PendingClearSchema.safeParse(await clipboardItem.getValue());
  return parsed.success ? parsed.data : null;
}

export function createClipboardClearer(deps: ClipboardDeps): ClipboardClearer {
  let cancelTimer: (() => void) | null = null;
  /** One clearing at a time: the timer and the alarm may both fire. */
  let queue: Promise<unknown> = Promise.resolve();

  const stopTimer = () => {
    cancelTimer?.();
    cancelTimer = null;
  };

  const schedule = (due: number) => {
    deps.armAlarm(due);
    stopTimer();
    cancelTimer = deps.startTimer(() => void clearDue(), Math.max(0, due - deps.now()));
  };

  async function arm(fingerprint: string, delayMs: number): Promise<{ armed: boolean }> {
    if (!ClipboardFingerprintSchema.safeParse(fingerprint).success) return { armed: false };
    const due = deps.now() + clampClearDelay(delayMs);
    // One clearing is enough: the clipboard holds one text, the last one copied.
    await clipboardItem.setValue({ fingerprint, due } satisfies PendingClear);
    schedule(due);
    return { armed: true };
  }

  async function run(force: boolean): Promise<ClearOutcome> {
    const pending = await readPending();
    if (pending === null) {
      stopTimer();
      deps.cancelAlarm();
      return 'none';
    }
    if (!force && pending.due - SLACK_MS > deps.now()) {
      // Re-armed since this wake-up was set: wait for the new time.
      schedule(pending.due);
      return 'none';
    }
    await clipboardItem.removeValue();
    stopTimer();
    deps.cancelAlarm();
    try {
      return await deps.clearIfStillHeld(pending.fingerprint);
    } catch {
      return 'failed';
    }
  }

  function clearDue(force = false): Promise<ClearOutcome> {
    const next = queue.then(() => run(force));
    queue = next.catch(() => undefined);
    return next;
  }

  const handle = async (message: Message): Promise<unknown> => {
    if (message.type === 'clipboard/armed') return arm(message.fingerprint, message.delayMs);
    if (message.type === 'clipboard/clear-now') return { outcome: await clearDue(true) };
    return undefined;
  };

  return {
    handle,
    async onAlarm(name) {
      if (name === CLIPBOARD_ALARM) await clearDue();
    },
    clearDue,
  };
}

// --- Where the clearing happens -------------------------------------------------------------

/** The offscreen document's page (entrypoints/offscreen/). */
const OFFSCREEN_PATH = '/offscreen.html';
const OffscreenAnswerSchema = z.object({ outcome: ClearOutcomeSchema });

async function hasOffscreenDocument(): Promise<boolean> {
  const contexts = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
  return contexts.length > 0;
}

/**
 * Chrome and Edge: the service worker has no document and no clipboard, so an offscreen document
 * (reason CLIPBOARD) is opened for the clearing and closed after it.
 */
export async function clearViaOffscreenDocument(fingerprint: string): Promise<ClearOutcome> {
  if (!(await hasOffscreenDocument())) {
    await browser.offscreen.createDocument({
      url: browser.runtime.getURL(OFFSCREEN_PATH),
      reasons: ['CLIPBOARD'],
      justification: 'Clear the copied client secret from the clipboard after the delay the admin chose, if it is still there.',
    });
  }
  try {
    const answer = OffscreenAnswerSchema.safeParse(
      await browser.runtime.sendMessage({ type: 'offscreen/clear-clipboard', fingerprint }),
    );
    return answer.success ? answer.data.outcome : 'failed';
  } finally {
    await browser.offscreen.closeDocument().catch(() => undefined);
  }
}

/** Firefox: the background is a page with a document, which can use the clipboard itself. */
export function clearInBackgroundPage(fingerprint: string): Promise<ClearOutcome> {
  return clearIfStillHeld(documentClipboard(document), fingerprint);
}
