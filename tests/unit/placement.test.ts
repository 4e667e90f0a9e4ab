import { describe, expect, test } from 'vitest';
import { fitted, overlapArea, placePanel, type PlaceInput, type Placement } from '@/utils/guide/placement';

const base: PlaceInput = {
  viewport: { w: 1366, h: 768 },
  size: { w: 360, h: 590 },
  compactSize: { w: 360, h: 170 },
  avoid: [],
  dock: 'auto',
  current: null,
};

const boxOf = (p: Placement, input: PlaceInput) => ({ x: p.x, y: p.y, ...fitted(p.compact ? input.compactSize : input.size, input) });

describe('placePanel', () => {
  test('nothing to avoid: the bottom right corner, in full', () => {
    expect(placePanel(base)).toEqual({ x: 1366 - 16 - 360, y: 768 - 16 - 590, side: 'right', compact: false, covered: 0 });
  });

  test('a wide field across the right half: the left side, in full', () => {
    const input = { ...base, avoid: [{ x: 420, y: 200, w: 700, h: 32 }] };
    expect(placePanel(input)).toMatchObject({ side: 'left', compact: false, covered: 0 });
  });

  test('controls across the whole width: the compact form in a gap between them', () => {
    const input = { ...base, avoid: [{ x: 20, y: 150, w: 1300, h: 40 }, { x: 20, y: 560, w: 1300, h: 40 }] };
    const p = placePanel(input);
    expect(p).toMatchObject({ compact: true, covered: 0 });
    for (const r of input.avoid) expect(overlapArea(boxOf(p, input), r)).toBe(0);
  });

  test('a form on the left and low on the right: the compact form slides up the right edge', () => {
    const input = {
      ...base,
      viewport: { w: 1280, h: 720 },
      avoid: [
        { x: 220, y: 160, w: 640, h: 32 },
        { x: 220, y: 300, w: 900, h: 32 },
        { x: 220, y: 620, w: 120, h: 32 },
        { x: 900, y: 640, w: 360, h: 40 },
      ],
    };
    const p = placePanel(input);
    expect(p.covered).toBe(0);
    for (const r of input.avoid) expect(overlapArea(boxOf(p, input), r)).toBe(0);
  });

  test('the placement held for the step stays while it covers nothing, even where another is first', () => {
    const held: Placement = { x: 16, y: 64, side: 'left', compact: false };
    expect(placePanel({ ...base, current: held })).toMatchObject(held);
    const moved = placePanel({ ...base, current: held, avoid: [{ x: 30, y: 100, w: 100, h: 30 }] });
    expect(moved).not.toMatchObject(held);
    expect(moved.covered).toBe(0);
  });

  test('a side the admin chose is kept', () => {
    const left = placePanel({ ...base, dock: 'left', avoid: [{ x: 0, y: 0, w: 800, h: 760 }] });
    expect(left.side).toBe('left');
    expect(left.covered).toBeGreaterThan(0);
  });

  test('everything covered: the compact form, covering least', () => {
    const p = placePanel({ ...base, avoid: [{ x: 0, y: 0, w: 1366, h: 768 }] });
    expect(p.compact).toBe(true);
    expect(p.covered).toBe(360 * 170);
  });

  test('the height is capped to the viewport below the portal header', () => {
    expect(fitted({ w: 360, h: 2000 }, { viewport: { w: 1280, h: 720 } })).toEqual({ w: 360, h: 720 - 48 - 32 });
  });
});
