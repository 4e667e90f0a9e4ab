import type { Frame, Locator, Page } from 'playwright-core';

/**
 * Keyboard-only driving: Tab (or Shift+Tab) until a control has the focus, then a key. Focus is
 * followed across the portal's cross-origin blade frames and into the panel's shadow root.
 */

/** Whether this element has the focus: its frame focused, and it the active element of its root. */
export async function isFocused(target: Locator): Promise<boolean> {
  return target
    .evaluate((el) => {
      const root = el.getRootNode() as Document | ShadowRoot;
      return el.ownerDocument.hasFocus() && root.activeElement === el;
    }, undefined, { timeout: 1000 })
    .catch(() => false);
}

/** Presses Tab until `target` has the focus; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, { max = 150, backwards = false } = {}): Promise<number> {
  for (let presses = 0; presses <= max; presses++) {
    if (await isFocused(target)) return presses;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${String(target)} never had the focus after ${max} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`);
}

/** Tabs to the control and presses a key on it (Enter by default; Space for radios and checkboxes). */
export async function press(page: Page, target: Locator, key = 'Enter', options?: { max?: number; backwards?: boolean }): Promise<void> {
  await target.waitFor();
  await tabTo(page, target, options);
  await page.keyboard.press(key);
}

/** What has the focus, for a failure message: frame URL, tag, role and name. */
export async function describeFocus(page: Page): Promise<string> {
  const frames: Frame[] = page.frames();
  for (const frame of frames) {
    const text = await frame
      .evaluate(() => {
        if (!document.hasFocus()) return null;
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        if (!el || el.tagName === 'IFRAME') return null;
        return `${el.tagName.toLowerCase()} role=${el.getAttribute('role') ?? ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60)}"`;
      })
      .catch(() => null);
    if (text) return `${new URL(frame.url()).host}: ${text}`;
  }
  return 'nothing';
}
