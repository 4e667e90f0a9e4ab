import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  clampClearDelay,
  clearIfStillHeld,
  clipboardFingerprint,
  documentClipboard,
  matchesFingerprint,
  type ClearOutcome,
  type ClipboardAccess,
} from '@/utils/handoff/clipboard';
import {
  CLIPBOARD_ALARM,
  clearViaOffscreenDocument,
  createClipboardClearer,
  type ClipboardDeps,
} from '@/utils/background/clipboard';
import type { Sender } from '@/utils/messaging/sender';
import { acceptMessage } from '@/utils/background/hub';
import type { ClipboardClearer } from '@/utils/background/clipboard';

/** A raw message as the background takes it: accepted and parsed once, then the clearer's. */
const receive = async (clearer: ClipboardClearer, raw: unknown, sender: Sender): Promise<unknown> => {
  const message = acceptMessage(raw, sender, fakeBrowser.runtime.id);
  return message ? clearer.handle(message) : undefined;
};

const SECRET = 'abc8Q~clipboard_TEST-secret-value-0123456';
const OWN: Sender = { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/popup.html` };

/** A clipboard in memory, as the offscreen document or the background page sees it. */
function memoryClipboard(initial: string | null, options: { writable?: boolean; sticky?: boolean } = {}) {
  const state = { text: initial, writes: [] as string[] };
  const access: ClipboardAccess = {
    read: async () => state.text,
    write: async (text) => {
      if (options.writable === false) throw new Error('denied');
      state.writes.push(text);
      if (!options.sticky) state.text = text;
    },
  };
  return { state, access };
}

describe('fingerprints', () => {
  test('match the text they were made from, and nothing else', async () => {
    const fingerprint = await clipboardFingerprint(SECRET);
    expect(fingerprint).toMatch(/^v1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(fingerprint).not.toContain(SECRET);
    expect(await matchesFingerprint(SECRET, fingerprint)).toBe(true);
    expect(await matchesFingerprint(`${SECRET} `, fingerprint)).toBe(false);
    expect(await matchesFingerprint(SECRET.slice(1), fingerprint)).toBe(false);
    expect(await matchesFingerprint('', fingerprint)).toBe(false);
  });

  test('are salted: two of one text differ', async () => {
    const [a, b] = await Promise.all([clipboardFingerprint(SECRET), clipboardFingerprint(SECRET)]);
    expect(a).not.toBe(b);
    expect(await matchesFingerprint(SECRET, a)).toBe(true);
    expect(await matchesFingerprint(SECRET, b)).toBe(true);
  });

  test.each(['', 'v1..', 'v2.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', SECRET])(
    'a malformed fingerprint %j matches nothing',
    async (fingerprint) => {
      expect(await matchesFingerprint(SECRET, fingerprint)).toBe(false);
    },
  );
});

test.each([
  [0, 10_000],
  [9_999, 10_000],
  [10_000, 10_000],
  [60_000, 60_000],
  [600_000, 600_000],
  [600_001, 600_000],
  [Number.NaN, 600_000],
  [Number.POSITIVE_INFINITY, 600_000],
  [-5, 10_000],
])('a delay of %s ms is taken as %s ms', (asked, used) => {
  expect(clampClearDelay(asked)).toBe(used);
});

describe('clearIfStillHeld', () => {
  test.each<[string, string | null, { writable?: boolean; sticky?: boolean }, ClearOutcome, string[]]>([
    ['still holds the secret: cleared', SECRET, {}, 'cleared', ['']],
    ['holds something copied since: left alone', 'something else', {}, 'replaced', []],
    ['holds the secret with a space: left alone', `${SECRET} `, {}, 'replaced', []],
    ['empty: left alone', '', {}, 'replaced', []],
    ['cannot be read: failed, nothing written', null, {}, 'failed', []],
    ['cannot be written: failed', SECRET, { writable: false }, 'failed', []],
    ['written but still holds it: failed', SECRET, { sticky: true }, 'failed', ['']],
  ])('the clipboard %s', async (_name, held, options, outcome, writes) => {
    const { state, access } = memoryClipboard(held, options);
    expect(await clearIfStillHeld(access, await clipboardFingerprint(SECRET))).toBe(outcome);
    expect(state.writes).toEqual(writes);
  });
});

describe('documentClipboard', () => {
  /** The document's copy and paste commands, with a clipboard in memory behind them. */
  function withCommands(initial: string) {
    const clipboard = { text: initial };
    const execCommand = vi.fn((command: string) => {
      const data = new DataTransfer();
      if (command === 'paste') data.setData('text/plain', clipboard.text);
      const event = new ClipboardEvent(command, { clipboardData: data, bubbles: true, cancelable: true });
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(event);
      if (command === 'copy' && event.defaultPrevented) clipboard.text = data.getData('text/plain');
      return true;
    });
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    return { clipboard, execCommand };
  }

  test('reads through paste and writes through copy, leaving no element behind', async () => {
    const { clipboard, execCommand } = withCommands(SECRET);
    const before = document.body.innerHTML;
    const access = documentClipboard(document);
    expect(await access.read()).toBe(SECRET);
    await access.write('');
    expect(clipboard.text).toBe('');
    expect(await access.read()).toBe('');
    expect(execCommand.mock.calls.map(([c]) => c)).toEqual(['paste', 'copy', 'paste']);
    expect(document.body.innerHTML).toBe(before);
  });

  test('clears the secret, and only the secret', async () => {
    const held = withCommands(SECRET);
    expect(await clearIfStillHeld(documentClipboard(document), await clipboardFingerprint(SECRET))).toBe('cleared');
    expect(held.clipboard.text).toBe('');
    const other = withCommands('copied since');
    expect(await clearIfStillHeld(documentClipboard(document), await clipboardFingerprint(SECRET))).toBe('replaced');
    expect(other.clipboard.text).toBe('copied since');
  });

  test('a refused command reads as unreadable', async () => {
    Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
    expect(await documentClipboard(document).read()).toBeNull();
    await expect(documentClipboard(document).write('')).rejects.toThrow();
  });
});

describe('the background clears after the delay', () => {
  beforeEach(() => fakeBrowser.reset());

  /** A background with its clock, alarm and timers in the test's hands. */
  function background(held: () => string | null = () => SECRET) {
    const clock = { now: 1_000_000 };
    const alarm = { when: null as number | null };
    const timers: { at: number; run: () => void; cancelled: boolean }[] = [];
    const cleared: string[] = [];
    const deps: ClipboardDeps = {
      now: () => clock.now,
      armAlarm: (when) => {
        alarm.when = when;
      },
      cancelAlarm: () => {
        alarm.when = null;
      },
      startTimer: (run, ms) => {
        const timer = { at: clock.now + ms, run, cancelled: false };
        timers.push(timer);
        return () => {
          timer.cancelled = true;
        };
      },
      clearIfStillHeld: async (fingerprint) => {
        cleared.push(fingerprint);
        const text = held();
        return text !== null && (await matchesFingerprint(text, fingerprint)) ? 'cleared' : 'replaced';
      },
    };
    const clearer = createClipboardClearer(deps);
    /** Moves the clock on and runs the timers that fall due (the background stayed awake). */
    const advance = async (ms: number) => {
      clock.now += ms;
      for (const t of timers.filter((t) => !t.cancelled && t.at <= clock.now)) {
        t.cancelled = true;
        t.run();
      }
      await new Promise((r) => setTimeout(r, 0));
    };
    return { deps, clearer, clock, alarm, timers, cleared, advance };
  }

  const arm = async (clearer: ReturnType<typeof createClipboardClearer>, delayMs: number, text = SECRET, sender = OWN) =>
    receive(clearer, { type: 'clipboard/armed', fingerprint: await clipboardFingerprint(text), delayMs }, sender);

  test('arming keeps the due time and a fingerprint in storage.session, and sets the alarm and a timer', async () => {
    const { clearer, alarm, timers, clock } = background();
    expect(await arm(clearer, 60_000)).toEqual({ armed: true });
    const session = await fakeBrowser.storage.session.get(null);
    expect(session.clipboard).toMatchObject({ due: clock.now + 60_000 });
    expect(JSON.stringify(session)).not.toContain(SECRET);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(alarm.when).toBe(clock.now + 60_000);
    expect(timers.map((t) => t.at)).toEqual([clock.now + 60_000]);
  });

  test('the timer clears on time, once, and nothing stays armed', async () => {
    const { clearer, cleared, alarm, advance } = background();
    await arm(clearer, 10_000);
    await advance(9_000);
    expect(cleared).toEqual([]);
    await advance(1_000);
    expect(cleared).toHaveLength(1);
    expect(alarm.when).toBeNull();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    await clearer.onAlarm(CLIPBOARD_ALARM);
    expect(cleared).toHaveLength(1);
  });

  test('after the background was stopped, the alarm wakes a new one that clears', async () => {
    const first = background();
    await arm(first.clearer, 30_000);
    const again = background();
    again.clock.now = first.clock.now + 30_000;
    await again.clearer.onAlarm(CLIPBOARD_ALARM);
    expect(again.cleared).toHaveLength(1);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  test('an alarm that comes before the due time waits for it', async () => {
    const { clearer, cleared, alarm, clock } = background();
    await arm(clearer, 60_000);
    clock.now += 30_000;
    await clearer.onAlarm(CLIPBOARD_ALARM);
    expect(cleared).toEqual([]);
    expect(alarm.when).toBe(clock.now + 30_000);
  });

  test('another alarm is not for the clipboard', async () => {
    const { clearer, cleared, clock } = background();
    await arm(clearer, 10_000);
    clock.now += 10_000;
    await clearer.onAlarm('secret-idle');
    expect(cleared).toEqual([]);
  });

  test('timer and alarm together clear once', async () => {
    const { clearer, cleared, clock } = background();
    await arm(clearer, 10_000);
    clock.now += 10_000;
    await Promise.all([clearer.clearDue(), clearer.onAlarm(CLIPBOARD_ALARM), clearer.clearDue()]);
    expect(cleared).toHaveLength(1);
  });

  test('a second copy replaces the first: one clearing, at the later time, for the last text', async () => {
    let held = 'first copy';
    const { clearer, cleared, advance } = background(() => held);
    await arm(clearer, 10_000, 'first copy');
    await advance(5_000);
    held = SECRET;
    await arm(clearer, 10_000, SECRET);
    await advance(5_000);
    expect(cleared).toEqual([]);
    await advance(5_000);
    expect(cleared).toHaveLength(1);
    expect(await matchesFingerprint(SECRET, cleared[0] ?? '')).toBe(true);
  });

  test('the delay is held within the settings bounds', async () => {
    const { clearer, alarm, clock } = background();
    await arm(clearer, 1);
    expect(alarm.when).toBe(clock.now + 10_000);
    await arm(clearer, 1e9);
    expect(alarm.when).toBe(clock.now + 600_000);
  });

  test('"clear now" clears at once what is pending', async () => {
    const { clearer, cleared } = background();
    await arm(clearer, 600_000);
    expect(await receive(clearer, { type: 'clipboard/clear-now' }, OWN)).toEqual({ outcome: 'cleared' });
    expect(cleared).toHaveLength(1);
    expect(await receive(clearer, { type: 'clipboard/clear-now' }, OWN)).toEqual({ outcome: 'none' });
  });

  test('a clearing that throws reports failure and leaves nothing pending', async () => {
    const { deps, clock } = background();
    const clearer = createClipboardClearer({ ...deps, clearIfStillHeld: () => Promise.reject(new Error('no clipboard')) });
    await arm(clearer, 10_000);
    clock.now += 10_000;
    expect(await clearer.clearDue()).toBe('failed');
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  test.each([
    ['another extension', { type: 'clipboard/armed', fingerprint: 'x', delayMs: 1 }, { id: 'someone-else' }],
    ['a malformed message', { type: 'clipboard/armed', fingerprint: 5 }, OWN],
    ['another message type', { type: 'agent/hello' }, OWN],
  ])('drops %s', async (_name, raw, sender) => {
    const { clearer, alarm } = background();
    expect(await receive(clearer, raw, sender)).toBeUndefined();
    expect(alarm.when).toBeNull();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  test('a fingerprint that is not one is not armed', async () => {
    const { clearer, alarm } = background();
    expect(await receive(clearer, { type: 'clipboard/armed', fingerprint: SECRET, delayMs: 10_000 }, OWN)).toEqual({ armed: false });
    expect(alarm.when).toBeNull();
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain(SECRET);
  });
});

describe('clearing through the offscreen document (Chrome, Edge)', () => {
  beforeEach(() => fakeBrowser.reset());

  function offscreen(existing: boolean, answer: unknown) {
    const create = vi.spyOn(fakeBrowser.offscreen, 'createDocument').mockResolvedValue(undefined);
    const close = vi.spyOn(fakeBrowser.offscreen, 'closeDocument').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.runtime, 'getContexts').mockImplementation((async () => (existing ? [{}] : [])) as never);
    const received: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
      received.push(message);
      sendResponse(answer);
      return true;
    });
    return { create, close, received };
  }

  test('opens the document for the clipboard, sends it the fingerprint only, and closes it', async () => {
    const { create, close, received } = offscreen(false, { outcome: 'cleared' });
    const fingerprint = await clipboardFingerprint(SECRET);
    expect(await clearViaOffscreenDocument(fingerprint)).toBe('cleared');
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ reasons: ['CLIPBOARD'], url: expect.stringMatching(/\/offscreen\.html$/) }));
    expect(received).toEqual([{ type: 'offscreen/clear-clipboard', fingerprint }]);
    expect(close).toHaveBeenCalledOnce();
  });

  test('uses a document already open, and a malformed answer is a failure', async () => {
    const { create, close } = offscreen(true, { outcome: 'done!' });
    expect(await clearViaOffscreenDocument(await clipboardFingerprint(SECRET))).toBe('failed');
    expect(create).not.toHaveBeenCalled();
    expect(close).toHaveBeenCalledOnce();
  });
});
