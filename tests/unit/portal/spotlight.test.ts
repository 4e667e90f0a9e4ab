import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createSpotlight, SPOTLIGHT_TAG } from '@/utils/portal/spotlight';
import { frame, html } from './fixtures';

let box = new DOMRect(100, 200, 80, 30);
let measured = 0;

beforeEach(() => {
  box = new DOMRect(100, 200, 80, 30);
  measured = 0;
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(() => {
    measured++;
    return box;
  });
  html('<div id="scroller" style="overflow: auto"><button id="target">+ New registration</button></div>');
});
afterEach(() => vi.unstubAllGlobals());

const host = () => document.querySelector(SPOTLIGHT_TAG);
const ring = () => host()?.shadowRoot?.querySelector<HTMLElement>('[data-sso-guide="spotlight"]') ?? null;
const target = () => document.getElementById('target')!;

/** The ring's box, from the styles it was given. */
function ringBox(): { x: number; y: number; w: number; h: number } {
  const r = ring()!;
  const [x = NaN, y = NaN] = /translate\(([-\d.]+)px, ?([-\d.]+)px\)/.exec(r.style.transform)?.slice(1).map(Number) ?? [];
  return { x, y, w: parseFloat(r.style.width), h: parseFloat(r.style.height) };
}

describe('createSpotlight', () => {
  test('draws a ring covering the target, in an open shadow root of sso-guide-spotlight', () => {
    const ctl = new AbortController();
    createSpotlight(document, { signal: ctl.signal }).show(target(), 'Click here');
    expect(host()?.parentNode).toBe(document.documentElement);
    expect(host()?.shadowRoot?.mode).toBe('open');
    expect(ring()?.getAttribute('aria-hidden')).toBe('true');
    expect(host()?.getAttribute('aria-hidden')).toBe('true');
    expect(ringBox()).toEqual({ x: 96, y: 196, w: 88, h: 38 });
    expect(ring()?.style.position).toBe('fixed');
    expect(host()?.shadowRoot?.textContent).toContain('Click here');
    ctl.abort();
  });

  test('never blocks pointer events and sits above the page', () => {
    const ctl = new AbortController();
    createSpotlight(document, { signal: ctl.signal }).show(target(), 'label');
    const all = [host() as HTMLElement, ...Array.from(host()!.shadowRoot!.querySelectorAll<HTMLElement>('*'))];
    for (const el of all) expect(el.style.pointerEvents).toBe('none');
    expect((host() as HTMLElement).style.zIndex).toBe('2147483647');
    expect(ring()!.style.zIndex).toBe('2147483647');
    ctl.abort();
  });

  test('follows the target when an inner container scrolls, and when the window resizes', async () => {
    const ctl = new AbortController();
    createSpotlight(document, { signal: ctl.signal }).show(target());
    box = new DOMRect(100, 50, 80, 30);
    document.getElementById('scroller')!.dispatchEvent(new Event('scroll'));
    await frame();
    expect(ringBox()).toEqual({ x: 96, y: 46, w: 88, h: 38 });
    box = new DOMRect(20, 50, 200, 30);
    window.dispatchEvent(new Event('resize'));
    await frame();
    expect(ringBox()).toEqual({ x: 16, y: 46, w: 208, h: 38 });
    ctl.abort();
  });

  test('coalesces a burst of scroll events into one measurement per frame', async () => {
    const ctl = new AbortController();
    createSpotlight(document, { signal: ctl.signal }).show(target());
    measured = 0;
    for (let i = 0; i < 30; i++) document.dispatchEvent(new Event('scroll'));
    await frame();
    expect(measured).toBe(1);
    ctl.abort();
  });

  test('hides and calls onLost when the page replaces the target', async () => {
    const ctl = new AbortController();
    const onLost = vi.fn();
    createSpotlight(document, { signal: ctl.signal, onLost }).show(target());
    target().replaceWith(document.createElement('button'));
    document.dispatchEvent(new Event('scroll'));
    await frame();
    expect(onLost).toHaveBeenCalledTimes(1);
    expect(host()).toBeNull();
    ctl.abort();
  });

  test('turns transitions off for prefers-reduced-motion', () => {
    vi.stubGlobal('matchMedia', (q: string) => ({ matches: q.includes('reduce'), media: q }) as MediaQueryList);
    const ctl = new AbortController();
    createSpotlight(document, { signal: ctl.signal }).show(target());
    expect(ring()!.style.transition).toBe('none');
    ctl.abort();
  });

  test('follows size changes of the target (ResizeObserver), and stops observing on hide', () => {
    const observed: Element[] = [];
    let disconnected = 0;
    let notify: () => void = () => undefined;
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(cb: () => void) {
          notify = cb;
        }
        observe(el: Element) {
          observed.push(el);
        }
        disconnect() {
          disconnected++;
        }
      },
    );
    const ctl = new AbortController();
    const spotlight = createSpotlight(document, { signal: ctl.signal });
    spotlight.show(target());
    expect(observed).toEqual([target()]);
    expect(typeof notify).toBe('function');
    spotlight.hide();
    expect(disconnected).toBe(1);
    expect(host()).toBeNull();
    ctl.abort();
  });

  test('removes itself and every listener on abort; shows nothing after', async () => {
    const added: string[] = [];
    const removed: string[] = [];
    for (const t of [document, window] as EventTarget[]) {
      const add = t.addEventListener.bind(t);
      const remove = t.removeEventListener.bind(t);
      vi.spyOn(t, 'addEventListener').mockImplementation((type, fn, opts) => {
        added.push(type);
        add(type, fn, opts);
      });
      vi.spyOn(t, 'removeEventListener').mockImplementation((type, fn, opts) => {
        removed.push(type);
        remove(type, fn, opts);
      });
    }
    const ctl = new AbortController();
    const spotlight = createSpotlight(document, { signal: ctl.signal });
    spotlight.show(target());
    expect(added.sort()).toEqual(['resize', 'scroll']);
    ctl.abort();
    expect(removed.sort()).toEqual(['resize', 'scroll']);
    expect(host()).toBeNull();
    spotlight.show(target());
    expect(host()).toBeNull();
    measured = 0;
    document.dispatchEvent(new Event('scroll'));
    await frame();
    expect(measured).toBe(0);
  });

  test('moving to another target keeps one set of listeners', () => {
    const added: string[] = [];
    vi.spyOn(document, 'addEventListener').mockImplementation((type) => void added.push(type));
    const ctl = new AbortController();
    const spotlight = createSpotlight(document, { signal: ctl.signal });
    spotlight.show(target());
    spotlight.show(document.getElementById('scroller')!);
    expect(added).toEqual(['scroll']);
    expect(document.querySelectorAll(SPOTLIGHT_TAG)).toHaveLength(1);
    ctl.abort();
  });
});
