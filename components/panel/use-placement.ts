import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useStore } from 'zustand';
import type { PanelController } from '@/utils/guide/panel-controller';
import { placePanel, type Placement, type Rect } from '@/utils/guide/placement';
import { visibleBladeFrame } from '@/utils/portal/blade-frame';

/**
 * How long the panel holds still after the pointer was on it: it never jumps away from a pointer
 * reaching for one of its buttons, and never stays on a control the admin reaches for under it.
 */
const HOLD_MS = 1500;

/** Room around a control for the ring's stroke and glow (utils/portal/spotlight.ts), in px. */
const RING = 12;

/** The compact form's size until it was measured once. */
const COMPACT_GUESS = { w: 360, h: 180 };

/**
 * Where the panel sits, recomputed when the frames report where the step's controls are, when the
 * window resizes and when the panel's own size changes: clear of them (utils/guide/placement.ts).
 * While the pointer is on the panel it does not move away from it.
 */
export function usePlacement(
  ref: RefObject<HTMLElement | null>,
  controller: PanelController,
  dock: 'auto' | 'left' | 'right',
): { placement: Placement | null; hold(inside: boolean): void } {
  const reports = useStore(controller.view, (v) => v.reports);
  const stepId = useStore(controller.view, (v) => v.step?.id ?? null);
  const [placement, setPlacement] = useState<Placement | null>(null);
  const [tick, setTick] = useState(0);
  const full = useRef({ w: 360, h: 590 });
  const compact = useRef(COMPACT_GUESS);
  const heldUntil = useRef(0);
  const holdTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(holdTimer.current), []);
  const current = useRef<{ step: string | null; placement: Placement | null }>({ step: null, placement: null });

  // The panel's size, in the form it is in now; and the window's.
  useEffect(() => {
    const el = ref.current;
    const win = el?.ownerDocument.defaultView;
    if (!el || !win) return;
    const measure = () => {
      const r = el.getBoundingClientRect();
      if (r.width === 0) return;
      // In full: its content's height, not the height the viewport caps it to. Compact: the height
      // it is drawn at (its content is cut to fit, and scrolls).
      if (el.classList.contains('compact')) compact.current = { w: r.width, h: r.height };
      else full.current = { w: r.width, h: Math.max(r.height, el.scrollHeight) };
      setTick((t) => t + 1);
    };
    const sizes = new ResizeObserver(measure);
    sizes.observe(el);
    win.addEventListener('resize', measure, { passive: true });
    return () => {
      sizes.disconnect();
      win.removeEventListener('resize', measure);
    };
  }, [ref]);

  useLayoutEffect(() => {
    const el = ref.current;
    const doc = el?.ownerDocument;
    const win = doc?.defaultView;
    if (!el || !doc || !win) return;
    // A new step is placed for its own controls at once: its content replaces what the pointer was on.
    if (current.current.step !== stepId) {
      current.current = { step: stepId, placement: null };
      heldUntil.current = 0;
    }
    const wait = heldUntil.current - Date.now();
    if (wait > 0) {
      // Looked at again when the hold ends (a timer may fire a little early).
      clearTimeout(holdTimer.current);
      holdTimer.current = setTimeout(() => setTick((t) => t + 1), wait + 20);
      return;
    }
    // Boxes in the top document: the top frame's as they are; the blade's moved by its iframe.
    const frame = visibleBladeFrame(doc);
    const offset = frame ? frame.getBoundingClientRect() : null;
    const avoid: Rect[] = [];
    for (const r of Object.values(reports)) {
      const dx = r.frameId === 0 ? 0 : offset ? offset.left + (frame?.clientLeft ?? 0) : NaN;
      const dy = r.frameId === 0 ? 0 : offset ? offset.top + (frame?.clientTop ?? 0) : NaN;
      if (Number.isNaN(dx)) continue;
      // With room for the ring drawn around a control (its stroke and glow) and a little air.
      for (const b of r.boxes ?? []) avoid.push({ x: b.x + dx - RING, y: b.y + dy - RING, w: b.w + 2 * RING, h: b.h + 2 * RING });
    }
    const next = placePanel({
      viewport: { w: win.innerWidth, h: win.innerHeight },
      size: full.current,
      compactSize: compact.current,
      avoid,
      dock,
      current: current.current.placement,
    });
    const chosen: Placement = { x: next.x, y: next.y, side: next.side, compact: next.compact };
    current.current.placement = chosen;
    setPlacement((p) => (p && p.x === chosen.x && p.y === chosen.y && p.compact === chosen.compact ? p : chosen));
  }, [ref, reports, stepId, dock, tick]);

  return {
    placement,
    hold(inside) {
      // Pointer events do not cross into the portal's iframes reliably, so being inside holds the
      // panel for a moment rather than until a leave that may never come.
      heldUntil.current = inside ? Date.now() + HOLD_MS : 0;
      clearTimeout(holdTimer.current);
      holdTimer.current = setTimeout(() => setTick((t) => t + 1), inside ? HOLD_MS + 20 : 0);
    },
  };
}
