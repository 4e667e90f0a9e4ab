import { describe, expect, test } from 'vitest';
import { boxAt, overlapArea, placePanel, type PlaceInput } from '@/utils/guide/placement';

const base: PlaceInput = {
  viewport: { w: 1366, h: 768 },
  size: { w: 360, h: 590 },
  compactSize: { w: 360, h: 170 },
  avoid: [],
  dock: 'auto',
  current: null,
};

describe('placePanel', () => {
  test('nothing to avoid: bottom right, in full', () => {
    expect(placePanel(base)).toEqual({ corner: 'bottom-right', compact: false, covered: 0 });
  });

  test('a wide field across the right half: the left side, in full', () => {
    const name = { x: 420, y: 200, w: 700, h: 32 };
    expect(placePanel({ ...base, avoid: [name] })).toMatchObject({ corner: 'bottom-left', compact: false, covered: 0 });
  });

  test('controls on both sides high up: the compact form below them', () => {
    const avoid = [
      { x: 20, y: 150, w: 1300, h: 40 },
      { x: 20, y: 260, w: 1300, h: 40 },
    ];
    const p = placePanel({ ...base, avoid });
    expect(p).toMatchObject({ compact: true, covered: 0 });
    const box = boxAt(p.corner, base.compactSize, base);
    for (const r of avoid) expect(overlapArea(box, r)).toBe(0);
  });

  test('the placement held for the step stays while it covers nothing, even where another is first', () => {
    const held = { corner: 'top-left', compact: false } as const;
    expect(placePanel({ ...base, current: held })).toMatchObject(held);
    // Once it would cover a control, it moves.
    const moved = placePanel({ ...base, current: held, avoid: [{ x: 30, y: 100, w: 100, h: 30 }] });
    expect(moved.corner).not.toBe('top-left');
    expect(moved.covered).toBe(0);
  });

  test('a side the admin chose is kept; only the corner and the form change', () => {
    const left = placePanel({ ...base, dock: 'left', avoid: [{ x: 0, y: 0, w: 800, h: 760 }] });
    expect(left.corner.endsWith('left')).toBe(true);
    expect(left.covered).toBeGreaterThan(0);
  });

  test('everything covered: the least covering placement', () => {
    const all = { x: 0, y: 0, w: 1366, h: 768 };
    const p = placePanel({ ...base, avoid: [all] });
    expect(p.compact).toBe(true);
    expect(p.covered).toBe(360 * 170);
  });

  test('the height is capped to the viewport below the portal header', () => {
    const box = boxAt('top-right', { w: 360, h: 2000 }, { viewport: { w: 1280, h: 720 } });
    expect(box).toEqual({ x: 1280 - 16 - 360, y: 48 + 16, w: 360, h: 720 - 48 - 32 });
  });
});
