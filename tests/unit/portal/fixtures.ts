import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';

/** Replica pages of tests/fixtures/dom, one per page and variant (`<page>.react|knockout`). */
const DIR = join(import.meta.dirname, '../../fixtures/dom/');

const ALL_FIXTURES = readdirSync(DIR)
  .filter((f) => f.endsWith('.html'))
  .map((f) => f.slice(0, -'.html'.length))
  .sort();
/** The portal's pages. */
export const FIXTURES = ALL_FIXTURES.filter((f) => !f.startsWith('dbt-'));
/** dbt's pages (`dbt-<page>`, from tests/fixtures/replica/dbt/snapshot.ts). */
export const DBT_FIXTURES = ALL_FIXTURES.filter((f) => f.startsWith('dbt-'));

/** Loads a fixture page into the test document and returns it. */
export function load(name: string): Document {
  const html = readFileSync(`${DIR}${name}.html`, 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.innerHTML = parsed.body.innerHTML;
  return document;
}

/** Loads a snippet of markup into the test document. */
export function html(markup: string): Document {
  document.body.innerHTML = markup;
  return document;
}

const HIDDEN = '[hidden], [style*="display: none"], [style*="display:none"]';

/**
 * happy-dom lays nothing out: every box is empty. This gives every shown element a box (and
 * hidden ones none), as a browser would; `boxes` overrides the box of given elements.
 */
export function layout(boxes = new Map<Element, DOMRect>()): void {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const own = boxes.get(this);
    if (own) return own;
    return !this.isConnected || this.closest(HIDDEN) ? new DOMRect(0, 0, 0, 0) : new DOMRect(10, 40, 120, 24);
  });
}

/** Waits past the next animation frame (and its 100 ms fallback is not needed). */
export const frame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 25));

/**
 * The elements a fixture marks as a locator's target: `data-test-target="name[:arg]"`, the
 * argument being everything after the first ":" (the words of a radio, an app's name).
 */
export function marked(doc: Document): { name: string; arg: string | undefined; el: Element }[] {
  return Array.from(doc.querySelectorAll('[data-test-target]')).map((el) => {
    const mark = el.getAttribute('data-test-target') ?? '';
    const colon = mark.indexOf(':');
    return colon < 0 ? { name: mark, arg: undefined, el } : { name: mark.slice(0, colon), arg: mark.slice(colon + 1), el };
  });
}

/**
 * Replaces MutationObserver with one that counts its callbacks and which observers are still
 * observing. Undo with vi.unstubAllGlobals().
 */
export function countObservers(): { callbacks: number; active: Set<MutationObserver> } {
  const stats = { callbacks: 0, active: new Set<MutationObserver>() };
  const Real = globalThis.MutationObserver;
  class Counting extends Real {
    constructor(callback: MutationCallback) {
      super((records, observer) => {
        stats.callbacks++;
        callback(records, observer);
      });
    }
    override observe(target: Node, options?: MutationObserverInit): void {
      stats.active.add(this);
      super.observe(target, options);
    }
    override disconnect(): void {
      stats.active.delete(this);
      super.disconnect();
    }
  }
  vi.stubGlobal('MutationObserver', Counting);
  return stats;
}
