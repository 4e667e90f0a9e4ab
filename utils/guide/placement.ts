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

export type Corner = 'bottom-right' | 'top-right' | 'bottom-left' | 'top-left';

export interface Placement {
  corner: Corner;
  /** The compact form: title, one line, the value buttons. */
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
  dock: 'auto' | 'left' | 'right';
  /** The placement held for the step so far: kept while it covers nothing. */
  current: Placement | null;
  /** Space to the viewport's edges. */
  margin?: number;
  /** Height of the portal's header, which the panel leaves visible. */
  top?: number;
}

const ORDER: readonly Corner[] = ['bottom-right', 'top-right', 'bottom-left', 'top-left'];

/** The panel's box at a corner, its height capped to what the viewport leaves. */
export function boxAt(corner: Corner, size: { w: number; h: number }, input: Pick<PlaceInput, 'viewport' | 'margin' | 'top'>): Rect {
  const margin = input.margin ?? 16;
  const top = input.top ?? 48;
  const w = Math.min(size.w, input.viewport.w - 2 * margin);
  const h = Math.min(size.h, input.viewport.h - top - 2 * margin);
  const x = corner.endsWith('right') ? input.viewport.w - margin - w : margin;
  const y = corner.startsWith('bottom') ? input.viewport.h - margin - h : top + margin;
  return { x, y, w, h };
}

/** The area two boxes share, in px². */
export function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const covered = (box: Rect, avoid: readonly Rect[]) => avoid.reduce((sum, r) => sum + overlapArea(box, r), 0);

/**
 * The placement that covers nothing the step uses: the one held so far if it still covers
 * nothing (the panel stays on one side within a step), else the first corner in full, else the
 * first in the compact form; when every one covers something, the one that covers least.
 */
export function placePanel(input: PlaceInput): Placement & { covered: number } {
  const corners = ORDER.filter((c) => input.dock === 'auto' || c.endsWith(input.dock));
  const candidates: Placement[] = [
    ...corners.map((corner) => ({ corner, compact: false })),
    ...corners.map((corner) => ({ corner, compact: true })),
  ];
  const cost = (p: Placement) => covered(boxAt(p.corner, p.compact ? input.compactSize : input.size, input), input.avoid);
  const held = input.current && corners.includes(input.current.corner) ? input.current : null;
  if (held && cost(held) === 0) return { ...held, covered: 0 };
  let best: (Placement & { covered: number }) | null = null;
  for (const p of candidates) {
    const c = cost(p);
    if (c === 0) return { ...p, covered: 0 };
    if (!best || c < best.covered) best = { ...p, covered: c };
  }
  return best ?? { corner: 'bottom-right', compact: false, covered: 0 };
}
