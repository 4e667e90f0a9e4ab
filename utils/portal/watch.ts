import { nextFrame } from '@/utils/portal/dom';

export interface WatchOptions {
  signal: AbortSignal;
  /** Called with the element found now (when there is one) and whenever a later find differs. */
  onChange(el: Element | null): void;
}

// Attributes that show, hide or enable a control, or carry its state (a toggle tile pressed, a
// checkbox ticked, an option chosen); other attribute churn is ignored.
/** About one frame at 60 Hz, in ms. */
const FRAME_MS = 16;

const ATTRIBUTES = ['hidden', 'style', 'class', 'aria-hidden', 'disabled', 'aria-checked', 'aria-pressed', 'aria-selected'];

/**
 * Keeps finding an element as the page renders late and re-renders (the portal replaces nodes):
 * one MutationObserver on the body, bursts coalesced into one find per frame. The frame agent's
 * only observer helper; idle once the signal aborts.
 *
 * Returns `refresh`, which asks for one more (coalesced) find: for changes that are not DOM
 * mutations, such as typing into a field; and `forget`, for when the element found was lost in
 * between (taken out of the page and maybe put back, the same node): the next find reports
 * whatever it finds, even the element reported last.
 */
export interface Watch {
  refresh(): void;
  forget(): void;
}

export function watchElement(
  doc: Document,
  find: () => Element | null,
  { signal, onChange }: WatchOptions,
): Watch {
  if (signal.aborted) return { refresh: () => undefined, forget: () => undefined };
  const safeFind = (): Element | null => {
    try {
      return find();
    } catch {
      return null;
    }
  };
  let lastFind = -Infinity;
  const now = () => doc.defaultView?.performance.now() ?? Date.now();
  let current = safeFind();
  let cancel: (() => void) | null = null;
  const report = (el: Element | null) => {
    try {
      onChange(el);
    } catch {
      // The caller's failure stays the caller's: never into the page's observer queue.
    }
  };
  const check = () => {
    cancel = null;
    if (signal.aborted) return;
    lastFind = now();
    const el = safeFind();
    if (el === current) return;
    current = el;
    report(el);
  };
  const refresh = () => {
    if (!cancel && !signal.aborted) cancel = nextFrame(doc.defaultView, check);
  };
  const forget = () => {
    current = null;
    refresh();
  };
  // While nothing is found, a change is looked at once, not a frame later (the control the admin
  // waits for is ringed in the frame that first shows it); at most once a frame, so a page that
  // keeps changing without showing it costs no more than two finds a frame.
  const onMutation = () => {
    if (current === null && !cancel && !signal.aborted && now() - lastFind >= FRAME_MS) check();
    else refresh();
  };
  const observer = new MutationObserver(onMutation);
  const root = doc.body ?? doc.documentElement;
  if (root) {
    // Text too: a controlled dropdown shows its choice by changing its title's text node.
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES });
  }
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      cancel?.();
      cancel = null;
    },
    { once: true },
  );
  if (current) report(current);
  return { refresh, forget };
}
