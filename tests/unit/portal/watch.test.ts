import { afterEach, describe, expect, test, vi } from 'vitest';
import { watchElement } from '@/utils/portal/watch';
import { countObservers, frame, html } from './fixtures';

afterEach(() => vi.unstubAllGlobals());

function start(find: () => Element | null) {
  const ctl = new AbortController();
  const onChange = vi.fn<(el: Element | null) => void>();
  const finder = vi.fn(find);
  const { refresh, forget } = watchElement(document, finder, { signal: ctl.signal, onChange });
  return { ctl, onChange, finder, refresh, forget };
}

describe('watchElement', () => {
  test('reports an element that appears late', async () => {
    html('<main id="blade"></main>');
    const { onChange } = start(() => document.querySelector('#late'));
    expect(onChange).not.toHaveBeenCalled();
    const late = document.createElement('button');
    late.id = 'late';
    document.getElementById('blade')!.append(late);
    await frame();
    expect(onChange.mock.calls).toEqual([[late]]);
  });

  test('reports the element found at once, then its replacement, then its loss', async () => {
    html('<main id="blade"><button id="t">Register</button></main>');
    const first = document.getElementById('t')!;
    const { onChange } = start(() => document.querySelector('#t'));
    expect(onChange.mock.calls).toEqual([[first]]);
    // The page re-renders: a new node in the old one's place.
    const second = first.cloneNode(true) as Element;
    first.replaceWith(second);
    await frame();
    expect(onChange.mock.calls).toEqual([[first], [second]]);
    second.remove();
    await frame();
    expect(onChange.mock.calls).toEqual([[first], [second], [null]]);
  });

  test('stays quiet while the found element stays the same', async () => {
    html('<main id="blade"><button id="t">Register</button></main>');
    const { onChange } = start(() => document.querySelector('#t'));
    document.getElementById('blade')!.append(document.createElement('p'));
    await frame();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  test('coalesces a burst of mutations into one find while an element is shown', async () => {
    html('<main id="blade"><button id="t">Register</button></main>');
    const { finder } = start(() => document.querySelector('#t'));
    const blade = document.getElementById('blade')!;
    for (let i = 0; i < 50; i++) blade.append(document.createElement('div'));
    await Promise.resolve();
    for (let i = 0; i < 50; i++) blade.lastElementChild?.remove();
    await frame();
    expect(finder).toHaveBeenCalledTimes(2); // once at start, once for the burst
  });

  test('while nothing is shown, a change is looked at once (no frame waited for), then at most once more in the frame', async () => {
    html('<main id="blade"></main>');
    const { finder, onChange } = start(() => document.querySelector('#t'));
    const blade = document.getElementById('blade')!;
    const late = document.createElement('button');
    late.id = 't';
    blade.append(late);
    // The observer's callback, a microtask after the change: no frame has come yet.
    await Promise.resolve();
    expect(onChange.mock.calls).toEqual([[late]]);
    late.remove();
    await Promise.resolve();
    // Something was shown: the loss waits for the frame.
    expect(finder).toHaveBeenCalledTimes(2);
    for (let i = 0; i < 50; i++) {
      blade.append(document.createElement('div'));
      await Promise.resolve();
    }
    await frame();
    // Start, the insertion, the loss's frame; 50 changes in the same frame add at most one more.
    expect(finder.mock.calls.length).toBeLessThanOrEqual(5);
    expect(onChange.mock.calls).toEqual([[late], [null]]);
  });

  test('forget: the element reported last is reported again when found again (the same node put back)', async () => {
    html('<main id="blade"><button id="t">Register</button></main>');
    const button = document.getElementById('t')!;
    const { onChange, forget } = start(() => document.querySelector('#t'));
    expect(onChange.mock.calls).toEqual([[button]]);
    forget();
    await frame();
    expect(onChange.mock.calls).toEqual([[button], [button]]);
  });

  test('looks again when a watched attribute changes, not for other attributes', async () => {
    html('<main id="blade"><button id="t" hidden>Register</button></main>');
    const button = document.getElementById('t')!;
    const { onChange } = start(() => document.querySelector('#t:not([hidden])'));
    button.setAttribute('data-state', 'x');
    await frame();
    expect(onChange).not.toHaveBeenCalled();
    button.removeAttribute('hidden');
    await frame();
    expect(onChange.mock.calls).toEqual([[button]]);
  });

  test('looks again when a control\'s state attribute changes (aria-pressed, aria-checked, aria-selected)', async () => {
    html('<main id="blade"><button id="t" aria-pressed="false">Delegated permissions</button><div id="c" role="checkbox" aria-checked="false"></div><div id="o" role="option" aria-selected="false"></div></main>');
    const [tile, box, option] = ['t', 'c', 'o'].map((id) => document.getElementById(id)!) as [HTMLElement, HTMLElement, HTMLElement];
    const { onChange } = start(() => document.querySelector('[aria-pressed="true"], [aria-checked="true"], [aria-selected="true"]'));
    tile.setAttribute('aria-pressed', 'true');
    await frame();
    expect(onChange.mock.calls).toEqual([[tile]]);
    tile.setAttribute('aria-pressed', 'false');
    box.setAttribute('aria-checked', 'true');
    await frame();
    expect(onChange.mock.calls).toEqual([[tile], [box]]);
    box.setAttribute('aria-checked', 'false');
    option.setAttribute('aria-selected', 'true');
    await frame();
    expect(onChange.mock.calls).toEqual([[tile], [box], [option]]);
  });

  test('looks again when a text changes in place (a dropdown title\'s text node)', async () => {
    html('<main id="blade"><span class="ms-Dropdown-title">Select a platform</span></main>');
    const title = document.querySelector('.ms-Dropdown-title')!;
    const { onChange } = start(() => (title.textContent === 'Web' ? title : null));
    (title.firstChild as Text).nodeValue = 'Web';
    await frame();
    expect(onChange.mock.calls).toEqual([[title]]);
  });

  test('refresh looks again without a mutation (typed values)', async () => {
    html('<input id="name">');
    const input = document.getElementById('name') as HTMLInputElement;
    const { onChange, refresh } = start(() => (input.value ? input : null));
    input.value = 'dbt Cloud';
    refresh();
    await frame();
    expect(onChange.mock.calls).toEqual([[input]]);
  });

  test('stops after abort: observer disconnected, no more callbacks, no more finds', async () => {
    html('<main id="blade"></main>');
    const observers = countObservers();
    const { ctl, finder, onChange, refresh } = start(() => document.querySelector('#t'));
    expect(observers.active.size).toBe(1);
    document.getElementById('blade')!.append(document.createElement('p'));
    await frame();
    const callbacks = observers.callbacks;
    expect(callbacks).toBe(1);
    ctl.abort();
    expect(observers.active.size).toBe(0);
    const late = document.createElement('button');
    late.id = 't';
    document.getElementById('blade')!.append(late);
    refresh();
    await frame();
    expect(observers.callbacks).toBe(callbacks);
    expect(finder).toHaveBeenCalledTimes(2);
    expect(onChange).not.toHaveBeenCalled();
  });

  test('an abort between a mutation and its frame cancels the pending find', async () => {
    html('<main id="blade"><button id="t">Register</button></main>');
    const { ctl, finder } = start(() => document.querySelector('#t'));
    document.getElementById('blade')!.append(document.createElement('p'));
    await Promise.resolve();
    ctl.abort();
    await frame();
    expect(finder).toHaveBeenCalledTimes(1);
  });

  test('does nothing with an aborted signal', () => {
    const observers = countObservers();
    const finder = vi.fn(() => null);
    watchElement(document, finder, { signal: AbortSignal.abort(), onChange: vi.fn() });
    expect(finder).not.toHaveBeenCalled();
    expect(observers.active.size).toBe(0);
  });

  test('a throwing find or onChange stays inside', async () => {
    html('<main id="blade"><button id="t">x</button></main>');
    const ctl = new AbortController();
    let calls = 0;
    const find = () => {
      if (calls++ === 1) throw new Error('page changed under us');
      return document.querySelector('#t');
    };
    const onChange = vi.fn(() => {
      throw new Error('caller failed');
    });
    expect(() => watchElement(document, find, { signal: ctl.signal, onChange })).not.toThrow();
    document.getElementById('blade')!.append(document.createElement('p'));
    await frame();
    expect(onChange.mock.calls).toEqual([[document.getElementById('t')], [null]]);
    ctl.abort();
  });
});
