/**
 * Small DOM helpers shared by the frame agent's modules: text, accessible names, visibility and
 * the one scheduling primitive. Plain DOM, no dependencies: this ships in every portal frame.
 */

// Fluent and Knockout icon fonts render glyphs from the Unicode private-use area inside buttons.
const ICON_GLYPHS = /[\uE000-\uF8FF]/g;

/** Display text: icon glyphs removed, whitespace collapsed, trimmed; case kept. */
export function cleanText(s: string | null | undefined): string {
  return (s ?? '').replace(ICON_GLYPHS, '').replace(/\s+/g, ' ').trim();
}

/** Text for comparison: clean, lower case, without the leading "+ " of portal commands. */
export function normText(s: string | null | undefined): string {
  return cleanText(s).toLowerCase().replace(/^\+\s*/, '');
}

/** Normalised text content of an element. */
export function textOf(el: Element | null | undefined): string {
  return el ? normText(el.textContent) : '';
}

function byIds(el: Element, attr: string): string[] {
  const ids = el.getAttribute(attr);
  if (!ids) return [];
  const doc = el.ownerDocument;
  return ids
    .split(/\s+/)
    .map((id) => (id ? textOf(doc.getElementById(id)) : ''))
    .filter(Boolean);
}

const FIELD = /^(input|textarea|select)$/i;

/**
 * The texts that label an element, each normalised: the parts of aria-labelledby, aria-label,
 * `<label for>` and a wrapping label. Fluent dropdowns list their label and their current option in
 * aria-labelledby, so callers compare against each part rather than the joined name.
 */
export function labelsOf(el: Element): string[] {
  const out = byIds(el, 'aria-labelledby');
  const aria = el.getAttribute('aria-label');
  if (aria) out.push(normText(aria));
  if (FIELD.test(el.tagName)) {
    const labels = (el as HTMLInputElement).labels;
    if (labels) for (const l of Array.from(labels)) out.push(textOf(l));
    const wrap = el.closest('label');
    if (wrap && !out.includes(textOf(wrap))) out.push(textOf(wrap));
  }
  return out.filter(Boolean);
}

/** A simplified accessible name: aria-labelledby, aria-label, labels, value of buttons, text, title. */
export function accessibleName(el: Element): string {
  const viaIds = byIds(el, 'aria-labelledby');
  if (viaIds.length) return viaIds.join(' ');
  const aria = normText(el.getAttribute('aria-label'));
  if (aria) return aria;
  if (FIELD.test(el.tagName)) {
    const input = el as HTMLInputElement;
    if (input.type === 'button' || input.type === 'submit') return normText(input.value);
    const labels = labelsOf(el);
    if (labels.length) return labels.join(' ');
    return normText(el.getAttribute('title') ?? el.getAttribute('placeholder'));
  }
  return textOf(el) || normText(el.getAttribute('title'));
}

/** Laid out and shown: connected, not hidden, a non-zero box, not display:none/visibility:hidden. */
export function isVisible(el: Element): boolean {
  try {
    if (!el.isConnected || el.closest('[hidden]')) return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return false;
    if (typeof el.checkVisibility === 'function') {
      return el.checkVisibility({ visibilityProperty: true });
    }
    const cs = el.ownerDocument.defaultView?.getComputedStyle(el);
    return !cs || (cs.display !== 'none' && cs.visibility !== 'hidden');
  } catch {
    return false;
  }
}

/**
 * Runs `cb` once on the next animation frame, or after 100 ms if no frame comes: browsers pause
 * animation frames in hidden and off-screen cross-origin frames, where the portal's blades live.
 * Returns a cancel function. This is a single deferred call per burst, not a polling loop.
 */
export function nextFrame(win: Window | null, cb: () => void): () => void {
  if (!win) {
    let live = true;
    queueMicrotask(() => live && cb());
    return () => (live = false);
  }
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    win.cancelAnimationFrame(raf);
    win.clearTimeout(timer);
    cb();
  };
  const raf = win.requestAnimationFrame(run);
  const timer = win.setTimeout(run, 100);
  return () => {
    done = true;
    win.cancelAnimationFrame(raf);
    win.clearTimeout(timer);
  };
}
