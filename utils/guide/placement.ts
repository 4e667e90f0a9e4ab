/**
 * Where the guide panel sits: clear of the control the ring is on and of the other controls the
 * step uses, in the top document's viewport. Pure geometry; the panel measures, this decides.
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Side = 'left' | 'right';

export interface Placement {
  /** The panel's top-left corner, in viewport pixels. */
  x: number;
  y: number;
  /** The side it sits on (the one it keeps within a step). */
  side: Side;
  /** The compact form: title, where things stand, the value buttons. */
  compact: boolean;
}

export interface PlaceInput {
  viewport: { w: number; h: number };
  /** The panel in full, and in its compact form. */
  size: { w: number; h: number };
  compactSize: { w: number; h: number };
  /** The boxes to keep clear of, in viewport pixels. */
  avoid: readonly Rect[];
  /** Automatic, or the side the admin chose. */
  dock: 'auto' | Side;
  /** The placement held for the step so far: kept while it covers nothing. */
  current: Placement | null;
  /** Space to the viewport's edges. */
  margin?: number;
  /** Height of the portal's header, which the panel leaves visible. */
  top?: number;
}

/** The area two boxes share, in px². */
export function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const covered = (box: Rect, avoid: readonly Rect[]) => avoid.reduce((sum, r) => sum + overlapArea(box, r), 0);

/** Vertical positions tried along a side, every this many pixels. */
const STEP = 16;

/** The panel's size, capped to what the viewport leaves below the header. */
export function fitted(size: { w: number; h: number }, input: Pick<PlaceInput, 'viewport' | 'margin' | 'top'>): { w: number; h: number } {
  const margin = input.margin ?? 16;
  const top = input.top ?? 48;
  return { w: Math.min(size.w, input.viewport.w - 2 * margin), h: Math.min(size.h, input.viewport.h - top - 2 * margin) };
}

/**
 * Spots for a panel of this size on a side: against the side's edge, from the bottom up (the
 * bottom corner first, where the panel sits by default), then along the bottom edge toward the
 * other side.
 */
function spots(side: Side, size: { w: number; h: number }, input: PlaceInput): Rect[] {
  const margin = input.margin ?? 16;
  const top = (input.top ?? 48) + margin;
  const { w, h } = fitted(size, input);
  const edgeX = side === 'right' ? input.viewport.w - margin - w : margin;
  const bottomY = input.viewport.h - margin - h;
  const out: Rect[] = [];
  for (let y = bottomY; y >= top; y -= STEP) out.push({ x: edgeX, y, w, h });
  if (bottomY >= top && (out.length === 0 || out[out.length - 1]?.y !== top)) out.push({ x: edgeX, y: top, w, h });
  // Along the bottom, as far as the middle: the panel stays on its side.
  const inward = side === 'right' ? -1 : 1;
  const onSide = (x: number) => (side === 'right' ? x + w / 2 >= input.viewport.w / 2 : x + w / 2 <= input.viewport.w / 2);
  for (let i = 1; ; i++) {
    const x = edgeX + inward * i * STEP * 2;
    if (x < margin || x + w > input.viewport.w - margin || !onSide(x)) break;
    out.push({ x, y: Math.max(top, bottomY), w, h });
  }
  return out;
}

/**
 * The placement that covers nothing the step uses: the one held so far if it still covers
 * nothing (the panel stays on one side within a step), else the first free spot in full (right
 * side first, then left), else the first free spot in the compact form; when every spot covers
 * something, the compact one that covers least.
 */
export function placePanel(input: PlaceInput): Placement & { covered: number } {
  const sides: Side[] = input.dock === 'auto' ? (input.current?.side === 'left' ? ['left', 'right'] : ['right', 'left']) : [input.dock];
  const held = input.current;
  if (held && sides.includes(held.side)) {
    const size = fitted(held.compact ? input.compactSize : input.size, input);
    const box = { x: held.x, y: held.y, w: size.w, h: size.h };
    const inside = box.x >= 0 && box.y >= 0 && box.x + box.w <= input.viewport.w && box.y + box.h <= input.viewport.h;
    if (inside && covered(box, input.avoid) === 0) return { ...held, covered: 0 };
  }
  let best: (Placement & { covered: number }) | null = null;
  for (const compact of [false, true]) {
    for (const side of sides) {
      for (const box of spots(side, compact ? input.compactSize : input.size, input)) {
        const c = covered(box, input.avoid);
        if (c === 0) return { x: box.x, y: box.y, side, compact, covered: 0 };
        if (compact && (!best || c < best.covered)) best = { x: box.x, y: box.y, side, compact, covered: c };
      }
    }
  }
  return best ?? { x: 16, y: 64, side: 'right', compact: true, covered: 0 };
}
