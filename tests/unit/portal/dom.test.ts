import { describe, expect, test, vi } from 'vitest';
import { accessibleName, cleanText, isVisible, labelsOf, nextFrame, normText } from '@/utils/portal/dom';
import { frame, html, layout } from './fixtures';

describe('normText', () => {
  test.each([
    ['  New\n  registration ', 'new registration'],
    ['+ New registration', 'new registration'],
    ['+New client secret', 'new client secret'],
    ['\uE710Add a permission', 'add a permission'],
    ['Grant admin consent for\u00a0Contoso', 'grant admin consent for contoso'],
    ['', ''],
    [null, ''],
  ])('%j -> %j', (input, out) => {
    expect(normText(input)).toBe(out);
  });

  test('cleanText keeps case and the plus sign', () => {
    expect(cleanText(' + Add  a platform\uE710 ')).toBe('+ Add a platform');
  });
});

describe('accessibleName and labelsOf', () => {
  test.each([
    ['<span id="l1">Expires</span><span id="l2">90 days</span><div id="t" role="combobox" aria-labelledby="l1 l2">x</div>', 'expires 90 days'],
    ['<button id="t" aria-label="Copy to clipboard"><i>\uE8C8</i></button>', 'copy to clipboard'],
    ['<label for="t">Name</label><input id="t">', 'name'],
    ['<label>Description <input id="t"></label>', 'description'],
    ['<input id="t" type="submit" value="Register">', 'register'],
    ['<input id="t" placeholder="Start typing">', 'start typing'],
    ['<button id="t"><i aria-hidden="true">\uE710</i><span>New registration</span></button>', 'new registration'],
    ['<div id="t" title="Register"></div>', 'register'],
  ])('%s', (markup, name) => {
    const doc = html(markup);
    expect(accessibleName(doc.getElementById('t')!)).toBe(name);
  });

  test('labelsOf lists each part of aria-labelledby separately', () => {
    const doc = html('<span id="a">Expires</span><span id="b">90 days</span><div id="t" role="combobox" aria-labelledby="a b"></div>');
    expect(labelsOf(doc.getElementById('t')!)).toEqual(['expires', '90 days']);
  });
});

describe('isVisible', () => {
  test.each([
    ['<button id="t">shown</button>', true],
    ['<div hidden><button id="t">in hidden</button></div>', false],
    ['<div style="display: none"><button id="t">in display none</button></div>', false],
    ['<button id="t" style="visibility: hidden">invisible</button>', false],
  ])('%s -> %s', (markup, visible) => {
    layout();
    expect(isVisible(html(markup).getElementById('t')!)).toBe(visible);
  });

  test('an element without a box (no layout) is not visible', () => {
    expect(isVisible(html('<button id="t">x</button>').getElementById('t')!)).toBe(false);
  });

  test('a detached element is not visible', () => {
    layout();
    expect(isVisible(document.createElement('button'))).toBe(false);
  });
});

describe('nextFrame', () => {
  test('runs once, and not after cancel', async () => {
    const cb = vi.fn();
    nextFrame(window, cb);
    const cancelled = vi.fn();
    nextFrame(window, cancelled)();
    await new Promise((r) => setTimeout(r, 150));
    expect(cb).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
  });

  test('falls back to a timeout when no frame comes (paused frames)', async () => {
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0);
    const cb = vi.fn();
    nextFrame(window, cb);
    await frame();
    expect(cb).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 120));
    expect(cb).toHaveBeenCalledTimes(1);
  });
});
