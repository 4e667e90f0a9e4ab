import { isBladeOrigin } from '@/utils/portal/hosts';

/**
 * The blade the top document shows: among its iframes on the portal's blade origins, the visible
 * one with the largest box (the blade's content area; pre-warmed frames are 0×0 or not rendered,
 * and a pane beside the blade is smaller). Null when none is shown (a classic blade renders in
 * the top document itself). Read in the top frame only.
 */
function visibleBlade(doc: Document): { frame: HTMLIFrameElement; origin: string } | null {
  let best: { frame: HTMLIFrameElement; origin: string; area: number } | null = null;
  for (const frame of Array.from(doc.querySelectorAll('iframe'))) {
    let origin: string;
    try {
      origin = new URL(frame.src, doc.baseURI).origin;
    } catch {
      continue;
    }
    if (!isBladeOrigin(origin)) continue;
    const box = frame.getBoundingClientRect();
    const area = box.width * box.height;
    if (area === 0 || (typeof frame.checkVisibility === 'function' && !frame.checkVisibility())) continue;
    if (!best || area > best.area) best = { frame, origin, area };
  }
  return best;
}

/** The origin of the blade the top document shows (see visibleBlade), or null. */
export function visibleBladeOrigin(doc: Document): string | null {
  return visibleBlade(doc)?.origin ?? null;
}

/** The visible blade's iframe element (see visibleBlade), or null. */
export function visibleBladeFrame(doc: Document): HTMLIFrameElement | null {
  return visibleBlade(doc)?.frame ?? null;
}
