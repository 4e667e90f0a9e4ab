import type { FillResult, GuideJob, Message, ResolvedTarget, TargetState } from '@/utils/messaging/protocol';
import type { Locator } from '@/utils/portal/locators';
import type { LocatorName, ReaderName } from '@/utils/portal/names';
import { chooseDropdownOption, chooseRadio, fillText, setCheckbox, setToggle } from '@/utils/portal/fill';
import { createSpotlight, type Spotlight } from '@/utils/portal/spotlight';
import { watchElement } from '@/utils/portal/watch';
import { isVisible, normText } from '@/utils/portal/dom';
import { parseJob, type AgentInbound, type KnownNames } from '@/utils/messaging/agent-inbox';
import { pickTarget } from '@/utils/portal/pick';

/**
 * The frame agent: in every frame of the portal, idle until the panel runs a step. Then it finds
 * the step's controls in this document (observing, never polling), spotlights the one to use
 * next, fills on request, reads back what the page shows and reports it. Nothing throws into the
 * page; everything stops when the job changes or the extension goes away.
 */

/**
 * What an agent finds and reads, by name: the portal's tables in the portal's frames, dbt's on
 * dbt's pages (each content script ships only its own).
 */
export interface AgentTables {
  locators: Partial<Record<LocatorName, Locator>>;
  readers: Partial<Record<ReaderName, (doc: Document) => unknown>>;
  /** Runs one look at the page (the portal's locators share one text walk within it). */
  look?<T>(fn: () => T): T;
  /**
   * Whether this document may receive the client secret (dbt's SSO form, top frame of an access
   * URL). Absent: never.
   */
  takesSecret?(doc: Document): boolean;
}

/** The names an agent's tables hold: what its inbox accepts. */
export const knownNames = (tables: AgentTables): KnownNames => ({ locators: Object.keys(tables.locators), readers: Object.keys(tables.readers) });

export interface AgentDeps {
  doc: Document;
  send(message: Message): Promise<unknown>;
  signal: AbortSignal;
  tables: AgentTables;
}

export interface Agent {
  /** Handles a message for this frame; returns the reply, if any. */
  receive(message: AgentInbound): Promise<unknown> | undefined;
}

const isChecked = (el: Element) =>
  (el as HTMLInputElement).checked === true ||
  el.getAttribute('aria-checked') === 'true' ||
  el.getAttribute('aria-pressed') === 'true' ||
  el.querySelector('input:checked') !== null;

const RADIO = 'input[type="radio"], [role="radio"]';
/** A Yes/No toggle: a Fluent Toggle (role=switch) or a checkbox; on means "Yes". */
const TOGGLE = '[role="switch"], input[type="checkbox"]';
/** A toggle button or tile (Fluent CompoundButton): chosen when pressed. */
const PRESSABLE = '[aria-pressed]';
/** A dropdown: chosen when its title shows the option. */
const DROPDOWN = '[role="combobox"], select';
const wantsOn = (value: string) => normText(value) === 'yes';

/** The page already shows what the target asks for. */
function satisfied(t: ResolvedTarget, el: Element | null): boolean {
  if (!el) return false;
  // Filled, never with what: the field's value is not compared with anything.
  if (t.action === 'fillSecret') return (el as HTMLInputElement).value !== '';
  if (t.value === undefined) return false;
  switch (t.action) {
    case 'fill':
      return normText((el as HTMLInputElement).value) === normText(t.value);
    case 'check':
      return isChecked(el);
    case 'choose':
      // Only the page's state says a choice is made: checked, pressed, or the dropdown's title.
      if (el.matches(RADIO)) return isChecked(el);
      if (el.matches(TOGGLE)) return isChecked(el) === wantsOn(t.value);
      if (el.matches(PRESSABLE)) return isChecked(el);
      if (el.matches(DROPDOWN)) return normText(el.tagName === 'SELECT' ? (el as HTMLSelectElement).selectedOptions[0]?.text : el.textContent).includes(normText(t.value));
      return false;
    default:
      return false;
  }
}

/** A command the page shows disabled is not where to click next ("Assign" before a pick). */
const isEnabled = (el: Element) => !(el as HTMLButtonElement).disabled && el.getAttribute('aria-disabled') !== 'true';

/**
 * Resolves once the document has had no mutation for `quietMs` (at most `maxMs`): a blade that
 * is still rendering replaces the nodes a fill would touch. One observer, one timer, reset on
 * each burst; gone when it resolves.
 */
function quiet(doc: Document, quietMs: number, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const start = Date.now();
    let timer = setTimeout(done, quietMs);
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(done, Math.max(0, Math.min(quietMs, maxMs - (Date.now() - start))));
    });
    function done() {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    }
    observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });
  });
}

/** Resolves with the element once `find` returns one, or null after `timeoutMs` (one timer). */
function waitFor(doc: Document, find: () => Element | null, signal: AbortSignal, timeoutMs: number): Promise<Element | null> {
  return new Promise((resolve) => {
    const ctl = new AbortController();
    const done = (el: Element | null) => {
      clearTimeout(timer);
      ctl.abort();
      resolve(el);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    signal.addEventListener('abort', () => done(null), { once: true, signal: ctl.signal });
    watchElement(doc, find, { signal: ctl.signal, onChange: (el) => el && done(el) });
  });
}

/**
 * Brings a control the ring moved to into view when it is outside the frame's viewport (below the
 * fold, above a scrolled list), once, when the ring moves there: the admin may scroll away after.
 */
function scrollIntoViewIfOut(el: Element): void {
  const win = el.ownerDocument.defaultView;
  if (!win) return;
  const r = el.getBoundingClientRect();
  if (r.top >= 0 && r.bottom <= win.innerHeight && r.left >= 0 && r.right <= win.innerWidth) return;
  const still = !!win.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: still ? 'auto' : 'smooth' });
}

type Reading = { reader: GuideJob['readers'][number]; data: unknown };

/** What a frame shows of a step (see lookAt). */
interface Seen {
  /** The control to ring in this frame, if any. */
  el: Element | null;
  states: TargetState[];
  /** The readers' readings, the secret taken out of them. */
  reads: Reading[];
  /** A secret Value a reader found, with its Secret ID: for the background alone. */
  secret: { value: string; secretId?: string } | null;
  /** Where the step's controls are in this frame's viewport (whole pixels): the panel keeps clear. */
  boxes: { index: number; x: number; y: number; w: number; h: number }[];
}

/**
 * One look at the page for a step: each target found or not, visible, already set; each reader's
 * reading; the control to ring (none when another frame holds the panel's focus). Reads the page
 * only: reporting is the caller's.
 */
function lookAt(doc: Document, job: GuideJob, find: (t: ResolvedTarget) => Element | null, focus: number | null, readers: AgentTables['readers']): Seen {
  const elements = job.targets.map(find);
  const states: TargetState[] = elements.map((el, index) => ({
    index,
    found: el !== null,
    visible: el !== null && isVisible(el) && (job.targets[index]?.action !== 'highlight' || isEnabled(el)),
    satisfied: satisfied(job.targets[index] as ResolvedTarget, el),
  }));
  const reads: Reading[] = [];
  let secret: Seen['secret'] = null;
  for (const name of job.readers) {
    const data: unknown = readers[name]?.(doc) ?? null;
    if (data === null) continue;
    if (typeof data === 'object' && 'secret' in data) {
      const { secret: value, ...rest } = data as { secret: string; secretId?: string };
      secret = { value, ...(rest.secretId ? { secretId: rest.secretId } : {}) };
      reads.push({ reader: name, data: rest });
    } else reads.push({ reader: name, data });
  }
  // Another frame may show a later control (a blade beside the shell's menu): then the one to use
  // is there, and this frame keeps no ring.
  const holdsFocus = focus === null || (states[focus]?.found === true && states[focus]?.visible === true);
  const picked = holdsFocus ? pickTarget(job, states) : null;
  const el = picked === null ? null : (elements[picked] ?? null);
  const boxes: Seen['boxes'] = [];
  states.forEach((st, index) => {
    const shown = elements[index];
    if (!st.visible || !shown) return;
    const r = shown.getBoundingClientRect();
    boxes.push({ index, x: Math.round(r.left), y: Math.round(r.top), w: Math.round(r.width), h: Math.round(r.height) });
  });
  return { el, states, reads, secret, boxes };
}

export function startAgent({ doc, send, signal, tables }: AgentDeps): Agent {
  let job: GuideJob | null = null;
  /** The target the panel spotlights across the frames; null: this frame's own choice. */
  let focus: number | null = null;
  let refresh: () => void = () => undefined;
  let current: AbortController | null = null;
  let lastReport = '';
  /** The last secret read, and the last one the background kept: sent again until kept. */
  let lastSecret = '';
  let keptSecret = '';
  const win = doc.defaultView;

  // Every locator and reader is declared through its own guard (locators.ts `safe`, readers.ts
  // `guard`): they return null rather than throw, so they are called plainly here.
  const find = (t: ResolvedTarget): Element | null => tables.locators[t.locator]?.find(doc, t.arg) ?? null;
  const look = tables.look ?? (<T>(fn: () => T): T => fn());
  const known = knownNames(tables);

  const run = (next: GuideJob | null) => {
    current?.abort();
    current = null;
    // A new step: the Value read on the last one is not kept in this frame's memory.
    if (next?.stepId !== job?.stepId) lastSecret = keptSecret = '';
    job = next;
    focus = null;
    refresh = () => undefined;
    const reported = lastReport !== '';
    lastReport = '';
    if (!next || signal.aborted) return;
    const ctl = new AbortController();
    current = ctl;
    const stop = () => ctl.abort();
    signal.addEventListener('abort', stop, { once: true });
    ctl.signal.addEventListener('abort', () => signal.removeEventListener('abort', stop), { once: true });

    // A frame that is not shown (pre-warmed, or the blade the portal just hid at 0×0 with its
    // stale content) keeps no ring and reports nothing until it is shown again (a resize tells);
    // what it reported while shown is withdrawn.
    if (win && (win.innerWidth === 0 || win.innerHeight === 0)) {
      if (reported) void send({ type: 'agent/report', stepId: next.stepId, targets: [], reads: [] }).catch(() => undefined);
      win.addEventListener('resize', () => run(job === next ? next : job), { once: true, signal: ctl.signal });
      return;
    }
    win?.addEventListener(
      'resize',
      () => {
        if (win.innerWidth === 0 || win.innerHeight === 0) run(job === next ? next : job);
      },
      { signal: ctl.signal },
    );

    // Made on first use: most frames of a step never show a target.
    let spotlight: Spotlight | null = null;
    /** The control the ring is on now. */
    let shownEl: Element | null = null;

    // Every target and reader of the step, in one read of the page; then the report.
    const evaluate = (): Element | null => {
      const seen = look(() => lookAt(doc, next, find, focus, tables.readers));
      let reads = seen.reads;
      if (seen.secret) {
        const { value, secretId } = seen.secret;
        lastSecret = value;
        // The secret goes to the background alone (again until it is kept: the background keeps
        // it only from the frame the panel trusts); the panel gets the rest of the reading.
        if (value !== keptSecret) {
          void send({ type: 'secret/capture', value, ...(secretId ? { secretId } : {}) })
            .then((reply) => {
              if ((reply as { stored?: unknown } | undefined)?.stored === true) keptSecret = value;
            })
            .catch(() => undefined);
        }
      }
      // Nothing else read here may carry the secret (a page that echoes it elsewhere).
      if (lastSecret !== '') reads = reads.filter((r) => !JSON.stringify(r.data).includes(lastSecret));
      const { el, states, boxes } = seen;
      const viewport = win ? { w: win.innerWidth, h: win.innerHeight } : undefined;
      // The same control after a layout shift (a bar pushed the page down): the ring moves with it.
      if (el && el === shownEl) spotlight?.show(el);
      // Frames that hold none of the step stay quiet.
      if (states.some((st) => st.found) || reads.length > 0 || lastReport !== '') {
        const report: Message = {
          type: 'agent/report',
          stepId: next.stepId,
          targets: states,
          reads,
          ...(boxes.length && viewport ? { boxes, viewport } : {}),
        };
        const text = JSON.stringify(report);
        if (text !== lastReport) {
          lastReport = text;
          void send(report).catch(() => undefined);
        }
      }
      return el;
    };

    const watch = watchElement(doc, evaluate, {
      signal: ctl.signal,
      onChange: (el) => {
        shownEl = el;
        if (!el) return spotlight?.hide();
        // The ring hides itself when its target leaves the page; the next find shows it again,
        // even on the same node put back.
        spotlight ??= createSpotlight(doc, { signal: ctl.signal, onLost: () => watch.forget() });
        spotlight.show(el);
        scrollIntoViewIfOut(el);
      },
    });
    refresh = watch.refresh;
    // Typing and ticking change properties, not the DOM: look again after each.
    for (const type of ['input', 'change']) {
      doc.addEventListener(type, watch.refresh, { capture: true, passive: true, signal: ctl.signal });
    }
  };

  /** A permission's checkbox appears once the admin searches for it: search, then tick. */
  const tickAfterSearch = async (t: ResolvedTarget, signal: AbortSignal): Promise<FillResult> => {
    const search = tables.locators.permissionSearchBox?.find(doc) ?? null;
    if (!search || t.value === undefined) return { ok: false, reason: 'The permission is not shown; search for it first.' };
    const typed = await fillText(search, t.value);
    if (!typed.ok) return typed;
    const box = await waitFor(doc, () => find(t), signal, 3000);
    return box ? setCheckbox(box, true) : { ok: false, reason: `${t.value} did not appear in the list.` };
  };

  const fillOnce = async (t: ResolvedTarget, jobSignal: AbortSignal): Promise<FillResult> => {
    const el = find(t);
    if (t.action === 'check' && !el) return tickAfterSearch(t, jobSignal);
    if (!el || t.value === undefined) return { ok: false, reason: 'The control is not in this frame.' };
    try {
      switch (t.action) {
        case 'fill':
          return await fillText(el, t.value);
        case 'check':
          return await setCheckbox(el, true);
        case 'choose':
          if (el.matches(RADIO)) return await chooseRadio(el);
          if (el.matches(TOGGLE)) return await setToggle(el, wantsOn(t.value));
          if (el.matches(PRESSABLE)) return await setToggle(el, true);
          if (el.matches(DROPDOWN)) return await chooseDropdownOption(el, t.value, { signal: jobSignal, timeoutMs: 3000 });
          return { ok: false, reason: 'the control does not show whether it is chosen' };
        default:
          return { ok: false, reason: 'Nothing to fill here.' };
      }
    } catch {
      return { ok: false, reason: 'The page refused the value.' };
    }
  };

  /**
   * Fills, then checks the control the page shows now: a blade that re-renders right after a fill
   * replaces the node that took the value. One more try on the new node, then the admin is asked.
   */
  const fill = async (index: number): Promise<FillResult> => {
    const t = job?.targets[index];
    if (!t || t.action === 'highlight' || t.action === 'fillSecret') return { ok: false, reason: 'Nothing to fill here.' };
    const jobSignal = current?.signal ?? signal;
    for (let attempt = 0; attempt < 2; attempt++) {
      await quiet(doc, 120, 1500);
      const result = await fillOnce(t, jobSignal);
      if (!result.ok) return result;
      await quiet(doc, 120, 1500);
      if (satisfied(t, find(t))) return result;
    }
    return { ok: false, reason: 'The page did not keep the value.' };
  };

  /**
   * The client secret, from the session, into dbt's Client Secret field: only where the tables
   * say this document takes it, only into the current step's fillSecret target, and the value is
   * forgotten by this frame's reports (no reading may carry it).
   */
  const fillSecret = async (index: number, value: string): Promise<FillResult> => {
    const t = job?.targets[index];
    if (!t || t.action !== 'fillSecret' || !tables.takesSecret?.(doc)) return { ok: false, reason: 'This page does not take the secret.' };
    const el = find(t);
    if (!el || !isVisible(el)) return { ok: false, reason: 'The Client Secret field is not on the page.' };
    lastSecret = keptSecret = value;
    await quiet(doc, 120, 1500);
    const result = await fillText(el, value);
    if (!result.ok) return result;
    await quiet(doc, 120, 1500);
    return satisfied(t, find(t)) ? result : { ok: false, reason: 'The page did not keep the value.' };
  };

  void send({ type: 'agent/hello' })
    .then((reply) => {
      const j = parseJob((reply as { job?: unknown } | undefined)?.job, known);
      if (j && !job) run(j);
    })
    .catch(() => undefined);
  signal.addEventListener('abort', () => run(null), { once: true });

  return {
    receive(message) {
      if (message.type === 'agent/job') {
        if (JSON.stringify(message.job) !== JSON.stringify(job)) run(message.job);
        return undefined;
      }
      if (message.type === 'agent/focus' && job && message.stepId === job.stepId && message.index !== focus) {
        focus = message.index;
        refresh();
        return undefined;
      }
      if (message.type === 'panel/fill' && job && message.stepId === job.stepId) return fill(message.index);
      if (message.type === 'agent/fill-secret' && job && message.stepId === job.stepId) return fillSecret(message.index, message.value);
      return undefined;
    },
  };
}
