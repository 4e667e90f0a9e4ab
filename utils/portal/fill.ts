import { accessibleName, nextFrame, normText, textOf } from '@/utils/portal/dom';
import { pick, SELECTORS } from '@/utils/portal/locators';

/**
 * Filling the portal's forms in place. Every fill is read back: when it did not take, the guide
 * copies the value and asks the admin to paste it. Nothing here throws into the page, and nothing
 * here commits anything: the admin clicks Register, Add, Configure, consent and Yes.
 */

export interface FillResult {
  ok: boolean;
  reason?: string;
}

export interface DropdownOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

// Commands that commit or destroy: the guide leaves every one of them to the admin.
const FORBIDDEN = new Set(['register', 'add', 'add permissions', 'configure', 'yes', 'save', 'delete', 'remove', 'assign']);
const FORBIDDEN_PREFIX = ['grant admin consent', 'revoke admin consent'];

/** Choosing a value commits nothing: a radio, a checkbox, a switch or an option named "Yes". */
const VALUE_CONTROL = `${SELECTORS.radio}, ${SELECTORS.checkbox}, [role="switch"], [role="option"]`;

/** True when clicking the element would commit something on the admin's behalf. */
export function isForbidden(el: Element): boolean {
  try {
    if (el.matches(VALUE_CONTROL)) return false;
    const owner = el.closest(SELECTORS.button) ?? el;
    return [el, owner].some((e) => {
      const name = accessibleName(e);
      return FORBIDDEN.has(name) || FORBIDDEN_PREFIX.some((p) => name.startsWith(p));
    });
  } catch {
    return true;
  }
}

const fail = (reason: string): FillResult => ({ ok: false, reason });

/** Lets the page's framework re-render: a microtask, then the next frame. */
function settle(doc: Document): Promise<void> {
  return Promise.resolve().then(() => new Promise<void>((resolve) => void nextFrame(doc.defaultView, resolve)));
}

/**
 * How long a fill waits for the page to show its result: a controlled component shows the new
 * state in a later render than the event (a dropdown's title after its list closed).
 */
export const SETTLE_MS = 1500;

/**
 * The first non-null answer of `find`, looked at now and whenever the document changes (what
 * `watch` says), for at most `timeoutMs`: then once more (a value set through a property changes
 * no node). Null on timeout or abort. One observer and one timer, both gone when it resolves: the
 * fill's one waiting helper.
 */
function until<T>(
  doc: Document,
  find: () => T | null,
  { timeoutMs, signal, watch }: { timeoutMs: number; signal?: AbortSignal | undefined; watch: MutationObserverInit },
): Promise<T | null> {
  const look = (): T | null => {
    try {
      return find();
    } catch {
      return null;
    }
  };
  const now = look();
  const root = doc.body ?? doc.documentElement;
  if (now !== null || !root || signal?.aborted) return Promise.resolve(now);
  return new Promise((resolve) => {
    const finish = (result: T | null) => {
      observer.disconnect();
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = () => finish(null);
    const observer = new MutationObserver(() => {
      const found = look();
      if (found !== null) finish(found);
    });
    const timer = setTimeout(() => finish(signal?.aborted ? null : look()), timeoutMs);
    observer.observe(root, { subtree: true, ...watch });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Whether `holds()` comes true as the page settles: looked at after a microtask and a frame, then
 * whenever the document changes (attributes, children or text), for at most `timeoutMs`. The
 * answer comes from what the page renders, never from what the control showed before; "no" only
 * once the wait saw no change that made it true.
 */
export async function settlesTo(doc: Document, holds: () => boolean, timeoutMs = SETTLE_MS, signal?: AbortSignal): Promise<boolean> {
  await settle(doc);
  const held = await until(doc, () => (holds() ? true : null), {
    timeoutMs,
    signal,
    watch: { attributes: true, childList: true, characterData: true },
  });
  return held === true;
}

const REFUSED = 'refused: the admin clicks this control';

function click(el: Element): FillResult | null {
  if (isForbidden(el)) return fail(REFUSED);
  (el as HTMLElement).click();
  return null;
}

/**
 * Types a value into a React-controlled text field: React tracks the value it last rendered and
 * ignores an `input` event unless the native value changed, so the value goes through the
 * prototype's setter, not the instance's.
 */
export async function fillText(el: Element, value: string): Promise<FillResult> {
  try {
    const tag = el.tagName.toLowerCase();
    if (tag !== 'input' && tag !== 'textarea') return fail('not a text field');
    const field = el as HTMLInputElement | HTMLTextAreaElement;
    if (field.disabled || field.readOnly) return fail('the field is read-only');
    if (field.value === value) return { ok: true };
    const win = el.ownerDocument.defaultView;
    const proto = tag === 'input' ? win?.HTMLInputElement.prototype : win?.HTMLTextAreaElement.prototype;
    const setter = proto && Object.getOwnPropertyDescriptor(proto, 'value')?.set;
    if (!setter) return fail('no value setter');
    // The field sees focus, input, change and blur as if typed into, but the focus itself stays
    // where the admin has it (the panel's button): moving it into the blade's frame would send a
    // keyboard user back to the top of the page.
    const focusEvent = (type: string, bubbles: boolean) => field.dispatchEvent(new FocusEvent(type, { bubbles }));
    focusEvent('focus', false);
    focusEvent('focusin', true);
    setter.call(field, value);
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
    focusEvent('blur', false);
    focusEvent('focusout', true);
    const kept = await settlesTo(el.ownerDocument, () => field.isConnected && field.value === value);
    if (kept) return { ok: true };
    return fail(field.isConnected ? 'the page did not keep the value' : 'the page replaced the field');
  } catch {
    return fail('the field could not be filled');
  }
}

function isChecked(el: Element): boolean {
  if (el.tagName === 'INPUT') return (el as HTMLInputElement).checked;
  return el.getAttribute('aria-checked') === 'true' || el.getAttribute('aria-pressed') === 'true';
}

/**
 * Clicks a control that is checked or pressed (a radio, a switch, a checkbox, a toggle tile)
 * only when its state differs from `on`; the result is the state the page shows after, never
 * its text.
 */
async function clickToState(el: Element, on: boolean, unchanged: string, failed: string): Promise<FillResult> {
  try {
    if (isChecked(el) === on) return { ok: true };
    const refused = click(el);
    if (refused) return refused;
    return (await settlesTo(el.ownerDocument, () => isChecked(el) === on)) ? { ok: true } : fail(unchanged);
  } catch {
    return fail(failed);
  }
}

/** Picks a radio option (the one the locator found: its group may be one of several Yes/No). */
export const chooseRadio = (radio: Element): Promise<FillResult> =>
  clickToState(radio, true, 'the option did not stay selected', 'the option could not be chosen');

/** Turns a toggle (role=switch, a checkbox, or a toggle button with aria-pressed) on or off. */
export const setToggle = (el: Element, on: boolean): Promise<FillResult> =>
  clickToState(el, on, 'the toggle did not change', 'the toggle could not be changed');

/** Ticks or clears a checkbox. */
export const setCheckbox = (el: Element, checked: boolean): Promise<FillResult> =>
  clickToState(el, checked, 'the checkbox did not change', 'the checkbox could not be changed');

/** What a dropdown shows: a select's chosen option, a combobox input's value, or its text. */
function shown(combobox: Element): string {
  if (combobox.tagName === 'SELECT') {
    const s = combobox as HTMLSelectElement;
    return normText(s.options[s.selectedIndex]?.text);
  }
  if (combobox.tagName === 'INPUT') return normText((combobox as HTMLInputElement).value);
  return textOf(combobox);
}

function findOption(doc: Document, combobox: Element, want: string): Element | null {
  // Fluent renders the options (role=option) in a layer appended at the end of the body.
  const options = Array.from(doc.querySelectorAll('[role="option"]')).filter(
    (o) => !combobox.contains(o) && (textOf(o) === want || normText(o.getAttribute('title')) === want),
  );
  return pick(options);
}

/** Waits for the option to be rendered (Fluent renders it in a layer a moment after the click). */
const waitForOption = (doc: Document, combobox: Element, want: string, { signal, timeoutMs = 3000 }: DropdownOptions): Promise<Element | null> =>
  until(doc, () => findOption(doc, combobox, want), { timeoutMs, signal, watch: { childList: true } });

/**
 * Chooses an option of a Fluent dropdown, which is not a select: open it, wait for the option to
 * appear in its layer, click it, and check that the dropdown now shows it.
 */
export async function chooseDropdownOption(
  combobox: Element,
  optionText: string,
  options: DropdownOptions = {},
): Promise<FillResult> {
  try {
    const want = normText(optionText);
    const doc = combobox.ownerDocument;
    if (shown(combobox) === want) return { ok: true };
    if (combobox.tagName === 'SELECT') {
      // A native select (Knockout forms, fallbacks): choose by text and tell the page.
      const s = combobox as HTMLSelectElement;
      const i = Array.from(s.options).findIndex((o) => normText(o.text) === want);
      if (i < 0) return fail('option not found');
      s.selectedIndex = i;
      s.dispatchEvent(new Event('input', { bubbles: true }));
      s.dispatchEvent(new Event('change', { bubbles: true }));
    } else {
      if (isForbidden(combobox)) return fail(REFUSED);
      const waiting = waitForOption(doc, combobox, want, options);
      (combobox as HTMLElement).click();
      const option = await waiting;
      if (!option) return fail(options.signal?.aborted ? 'aborted' : 'the options did not appear');
      const refusedOption = click(option);
      if (refusedOption) return refusedOption;
    }
    // The title follows the form's state, in a later render than the list closing; a re-render
    // may replace the combobox node: the one with its id then.
    const current = () => (combobox.isConnected || !combobox.id ? combobox : doc.getElementById(combobox.id) ?? combobox);
    return (await settlesTo(doc, () => shown(current()) === want, SETTLE_MS, options.signal))
      ? { ok: true }
      : fail('the dropdown does not show the option');
  } catch {
    return fail('the option could not be chosen');
  }
}
