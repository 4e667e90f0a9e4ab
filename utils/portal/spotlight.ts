import { nextFrame } from '@/utils/portal/dom';

export interface SpotlightOptions {
  signal: AbortSignal;
  /** Called once when the target leaves the document (the page re-rendered and replaced it). */
  onLost?: () => void;
  /** Space between the target's box and the ring, in px. */
  padding?: number;
}

export interface Spotlight {
  /** Draws the ring around the target (again: re-measures); the label is a short caption. */
  show(target: Element, label?: string): void;
  hide(): void;
}

export const SPOTLIGHT_TAG = 'sso-guide-spotlight';

const COLOR = '#ff694a';

/** Sets inline styles through the CSSOM, which the page's style-src policy does not block. */
function css(el: HTMLElement, styles: Record<string, string>): void {
  for (const [k, v] of Object.entries(styles)) el.style.setProperty(k, v);
}

/**
 * A ring around the target, drawn in the target's own document. It never takes a click (pointer
 * events off everywhere), sits above the portal's layers, and follows the target through window
 * and inner-container scrolling and resizing, at most once per frame. Everything is removed on
 * hide and on abort.
 */
export function createSpotlight(doc: Document, { signal, onLost, padding = 4 }: SpotlightOptions): Spotlight {
  const win = doc.defaultView;
  const host = doc.createElement(SPOTLIGHT_TAG);
  // An undefined custom element may hold a shadow root; content scripts cannot define elements.
  const root = host.attachShadow({ mode: 'open' });
  const ring = doc.createElement('div');
  const caption = doc.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  ring.setAttribute('data-sso-guide', 'spotlight');
  ring.setAttribute('aria-hidden', 'true');
  const still = !!win?.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  css(host, {
    all: 'initial',
    position: 'fixed',
    top: '0',
    left: '0',
    width: '0',
    height: '0',
    display: 'block',
    'z-index': '2147483647',
    'pointer-events': 'none',
  });
  css(ring, {
    position: 'fixed',
    top: '0',
    left: '0',
    'box-sizing': 'border-box',
    border: `2px solid ${COLOR}`,
    'border-radius': '6px',
    'box-shadow': `0 0 0 2px #fff, 0 0 0 6px ${COLOR}59`,
    'pointer-events': 'none',
    'z-index': '2147483647',
    // Only the fade-in is animated: a ring that glides lags behind the target while scrolling.
    transition: still ? 'none' : 'opacity 150ms ease-out',
    'will-change': 'transform',
  });
  css(caption, {
    position: 'absolute',
    left: '-2px',
    bottom: '100%',
    margin: '4px 0',
    padding: '2px 6px',
    'border-radius': '4px',
    background: COLOR,
    color: '#fff',
    font: '600 12px/1.4 system-ui, sans-serif',
    'white-space': 'nowrap',
    'pointer-events': 'none',
  });
  ring.append(caption);
  root.append(ring);

  let target: Element | null = null;
  let cancelFrame: (() => void) | null = null;
  let sizes: ResizeObserver | null = null;
  let below = false;

  const update = () => {
    cancelFrame = null;
    if (!target) return;
    if (!target.isConnected) {
      hide();
      onLost?.();
      return;
    }
    const r = target.getBoundingClientRect();
    ring.style.opacity = r.width || r.height ? '1' : '0';
    ring.style.transform = `translate(${r.left - padding}px,${r.top - padding}px)`;
    ring.style.width = `${r.width + 2 * padding}px`;
    ring.style.height = `${r.height + 2 * padding}px`;
    // The caption goes under the ring when there is no room above (command bars at the top).
    if (below !== r.top < 28) {
      below = !below;
      caption.style.bottom = below ? 'auto' : '100%';
      caption.style.top = below ? '100%' : 'auto';
    }
  };
  const schedule = () => {
    if (!cancelFrame) cancelFrame = nextFrame(win, update);
  };
  const listen = (on: boolean) => {
    const method = on ? 'addEventListener' : 'removeEventListener';
    // One capturing listener sees scrolling in every inner container as well as the window.
    doc[method]('scroll', schedule, { capture: true, passive: true } as AddEventListenerOptions);
    win?.[method]('resize', schedule, { passive: true } as AddEventListenerOptions);
  };

  function hide(): void {
    if (target) listen(false);
    target = null;
    cancelFrame?.();
    cancelFrame = null;
    sizes?.disconnect();
    sizes = null;
    host.remove();
  }

  function show(next: Element, label?: string): void {
    try {
      if (signal.aborted) return;
      if (next !== target) {
        if (!target) listen(true);
        target = next;
        sizes?.disconnect();
        const RO = win?.ResizeObserver;
        sizes = RO ? new RO(schedule) : null;
        sizes?.observe(next);
      }
      caption.textContent = label ?? '';
      caption.style.display = label ? 'block' : 'none';
      if (!host.isConnected) doc.documentElement.append(host);
      cancelFrame?.();
      update();
    } catch {
      hide();
    }
  }

  signal.addEventListener('abort', hide, { once: true });
  return {
    show,
    hide: () => {
      try {
        hide();
      } catch {
        // Already gone with its document.
      }
    },
  };
}
