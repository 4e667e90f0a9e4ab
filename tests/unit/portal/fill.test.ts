import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { chooseDropdownOption, chooseRadio, fillText, isForbidden, setCheckbox, setToggle } from '@/utils/portal/fill';
import { locators } from '@/utils/portal/locators';
import { ACCOUNT_TYPES, PORTAL_VALUES } from '@/utils/domain/setup';
import { countObservers, html, layout, load } from './fixtures';

/**
 * A field as React renders it: React keeps its own copy of the value by overriding `value` on the
 * element, and its `input` handler only reports a change when the DOM value differs from that copy.
 * A script that sets `el.value` updates the copy too, so React sees nothing.
 */
function reactField(doc: Document, tag: 'input' | 'textarea' = 'input') {
  const el = doc.createElement(tag);
  doc.body.append(el);
  const native = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el) as object, 'value')!;
  let tracked = el.value;
  Object.defineProperty(el, 'value', {
    configurable: true,
    get(this: HTMLInputElement) {
      return native.get!.call(this) as string;
    },
    set(this: HTMLInputElement, v: string) {
      tracked = String(v);
      native.set!.call(this, v);
    },
  });
  const changes: string[] = [];
  const events: string[] = [];
  doc.addEventListener('input', (e) => {
    const value = (e.target as HTMLInputElement).value;
    if (value !== tracked) {
      tracked = value;
      changes.push(value);
    }
  });
  for (const type of ['input', 'change', 'blur', 'focus']) el.addEventListener(type, () => events.push(type));
  return { el, changes, events, native };
}

describe('fillText', () => {
  test('sets the value through the native setter, so React sees the input event', async () => {
    const { el, changes, events } = reactField(html(''));
    expect(await fillText(el, 'dbt Cloud')).toEqual({ ok: true });
    expect(changes).toEqual(['dbt Cloud']);
    expect(el.value).toBe('dbt Cloud');
    expect(events).toEqual(['focus', 'input', 'change', 'blur']);
  });

  test('the focus stays where the admin has it; the field still sees focusin and focusout', async () => {
    const doc = html('<button id="elsewhere">Fill</button>');
    const { el } = reactField(doc);
    const elsewhere = doc.getElementById('elsewhere') as HTMLButtonElement;
    elsewhere.focus();
    const bubbled: string[] = [];
    for (const type of ['focusin', 'focusout']) doc.body.addEventListener(type, (e) => e.target === el && bubbled.push(type));
    expect(await fillText(el, 'dbt Cloud')).toEqual({ ok: true });
    expect(doc.activeElement).toBe(elsewhere);
    expect(bubbled).toEqual(['focusin', 'focusout']);
  });

  test('(control) a plain assignment is invisible to React', () => {
    const { el, changes } = reactField(html(''));
    el.value = 'dbt Cloud';
    el.dispatchEvent(new Event('input', { bubbles: true }));
    expect(changes).toEqual([]);
  });

  test('works on a textarea', async () => {
    const { el, changes } = reactField(html(''), 'textarea');
    expect(await fillText(el, 'https://auth.cloud.getdbt.com/login/callback')).toEqual({ ok: true });
    expect(changes).toEqual(['https://auth.cloud.getdbt.com/login/callback']);
  });

  test('reports not-ok when the page resets the value at once (a controlled field)', async () => {
    const { el, native } = reactField(html(''));
    el.addEventListener('input', () => native.set!.call(el, ''));
    const result = await fillText(el, 'dbt Cloud');
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/did not keep/);
  });

  test('reports not-ok when the page resets the value on its next render', async () => {
    const { el, native } = reactField(html(''));
    el.addEventListener('change', () => queueMicrotask(() => native.set!.call(el, '')));
    expect((await fillText(el, 'dbt Cloud')).ok).toBe(false);
  });

  test('reports not-ok when the page replaces the field', async () => {
    const { el } = reactField(html(''));
    el.addEventListener('blur', () => el.replaceWith(document.createElement('input')));
    expect(await fillText(el, 'dbt Cloud')).toEqual({ ok: false, reason: 'the page replaced the field' });
  });

  test.each([
    ['<div id="t">text</div>', 'not a text field'],
    ['<input id="t" disabled>', 'the field is read-only'],
    ['<input id="t" readonly>', 'the field is read-only'],
  ])('refuses %s', async (markup, reason) => {
    expect(await fillText(html(markup).getElementById('t')!, 'x')).toEqual({ ok: false, reason });
  });

  test('fills the replica fields found by their locators', async () => {
    load('register.react');
    const name = locators.appNameInput.find(document)!;
    expect(await fillText(name, PORTAL_VALUES.appName)).toEqual({ ok: true });
    expect((name as HTMLInputElement).value).toBe('dbt Cloud');
  });
});

/** Knockout option pickers: a click on an option checks it and clears the others of its group. */
function optionPickers(doc: Document): void {
  for (const group of Array.from(doc.querySelectorAll('[role="radiogroup"]'))) {
    const radios = Array.from(group.querySelectorAll('[role="radio"]'));
    for (const r of radios) {
      r.addEventListener('click', () => radios.forEach((o) => o.setAttribute('aria-checked', String(o === r))));
    }
  }
}

/** Fluent Toggles: a click flips aria-checked and the state text beside the switch. */
function fluentToggles(doc: Document): void {
  for (const sw of Array.from(doc.querySelectorAll('[role="switch"]'))) {
    sw.addEventListener('click', () => {
      const on = sw.getAttribute('aria-checked') !== 'true';
      sw.setAttribute('aria-checked', String(on));
      const state = doc.getElementById(`${sw.id}-stateText`);
      if (state) state.textContent = on ? 'Yes' : 'No';
    });
  }
}

const checkedOf = (doc: Document) =>
  Array.from(doc.querySelectorAll('[role="radio"]')).map((r) => `${r.textContent}=${r.getAttribute('aria-checked')}`);

describe('chooseRadio', () => {
  beforeEach(() => layout());

  test('checks the Fluent radio input the locator found for the words', async () => {
    load('register.react');
    const radio = locators.accountTypeRadio.find(document, ACCOUNT_TYPES.single.radio)!;
    expect(radio.id).toBe('ChoiceGroup9-single');
    expect(await chooseRadio(radio)).toEqual({ ok: true });
    expect((document.getElementById('ChoiceGroup9-single') as HTMLInputElement).checked).toBe(true);
    expect((document.getElementById('ChoiceGroup9-multi') as HTMLInputElement).checked).toBe(false);
  });

  test.each([
    ['multi', 'ChoiceGroup9-multi'],
    ['multi-personal', 'ChoiceGroup9-multipersonal'],
    ['personal', 'ChoiceGroup9-personal'],
  ] as const)('the %s account type checks its own radio (the shortest label holding the words)', async (type, id) => {
    load('register.react');
    const radio = locators.accountTypeRadio.find(document, ACCOUNT_TYPES[type].radio)!;
    expect(radio.id).toBe(id);
    expect(await chooseRadio(radio)).toEqual({ ok: true });
    const checked = Array.from(document.querySelectorAll<HTMLInputElement>('input[type="radio"]')).filter((r) => r.checked);
    expect(checked.map((r) => r.id)).toEqual([id]);
  });

  test('clicks a role="radio" option and reads aria-checked back', async () => {
    load('register.knockout');
    optionPickers(document);
    const radio = locators.accountTypeRadio.find(document, ACCOUNT_TYPES.single.radio)!;
    expect(await chooseRadio(radio)).toEqual({ ok: true });
    expect(checkedOf(document)[0]).toMatch(/=true$/);
    expect(checkedOf(document).filter((c) => c.endsWith('=true'))).toHaveLength(1);
  });

  test('chooses "Yes" in the "Assignment required?" picker, not in the other Yes/No pickers', async () => {
    load('enterprise-properties.knockout');
    optionPickers(document);
    const radios = Array.from(document.querySelectorAll('[role="radio"]'));
    const clicked: Element[] = [];
    for (const r of radios) r.addEventListener('click', () => clicked.push(r));
    const before = checkedOf(document);
    const yes = locators.assignmentRequiredToggle.find(document, 'Yes')!;
    expect(await chooseRadio(yes)).toEqual({ ok: true });
    expect(clicked).toEqual([yes]);
    // Pickers: Enabled for users to sign-in? (Yes, No), Assignment required? (Yes, No), Visible to users? (Yes, No).
    expect(before).toEqual(['Yes=true', 'No=false', 'Yes=false', 'No=true', 'Yes=true', 'No=false']);
    expect(checkedOf(document)).toEqual(['Yes=true', 'No=false', 'Yes=true', 'No=false', 'Yes=true', 'No=false']);
  });

  test('reports not-ok when the option does not stay selected', async () => {
    load('register.knockout');
    const radio = locators.accountTypeRadio.find(document, ACCOUNT_TYPES.single.radio)!;
    expect(await chooseRadio(radio)).toEqual({ ok: false, reason: 'the option did not stay selected' });
  });

  test('does not click an option already chosen', async () => {
    load('register.react');
    const single = document.getElementById('ChoiceGroup9-single') as HTMLInputElement;
    single.checked = true;
    const click = vi.spyOn(single, 'click');
    expect(await chooseRadio(single)).toEqual({ ok: true });
    expect(click).not.toHaveBeenCalled();
  });

  test('a page without the form offers no radio to choose', () => {
    load('tenant-overview.react');
    expect(locators.accountTypeRadio.find(document, ACCOUNT_TYPES.single.radio)).toBeNull();
  });
});

describe('setToggle', () => {
  beforeEach(() => layout());

  test('switches the Fluent Toggle "Assignment required?" on, and clicks only when needed', async () => {
    load('enterprise-properties.react');
    fluentToggles(document);
    const toggle = locators.assignmentRequiredToggle.find(document, 'Yes')!;
    expect(toggle.matches('[role="switch"]')).toBe(true);
    const click = vi.spyOn(toggle as HTMLElement, 'click');
    expect(await setToggle(toggle, true)).toEqual({ ok: true });
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    expect(document.getElementById(`${toggle.id}-stateText`)?.textContent).toBe('Yes');
    expect(await setToggle(toggle, true)).toEqual({ ok: true });
    expect(click).toHaveBeenCalledTimes(1);
    // The other two switches ("Enabled for users to sign-in?", "Visible to users?") stay as they were.
    const others = Array.from(document.querySelectorAll('[role="switch"]')).filter((s) => s !== toggle);
    expect(others.map((s) => s.getAttribute('aria-checked'))).toEqual(['true', 'true']);
  });

  test('switches a Toggle off', async () => {
    load('enterprise-properties-unsaved.react');
    fluentToggles(document);
    const toggle = locators.assignmentRequiredToggle.find(document, 'No')!;
    expect(await setToggle(toggle, false)).toEqual({ ok: true });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
  });

  test('reports not-ok when the switch does not change', async () => {
    load('enterprise-properties.react');
    const toggle = locators.assignmentRequiredToggle.find(document, 'Yes')!;
    expect(await setToggle(toggle, true)).toEqual({ ok: false, reason: 'the toggle did not change' });
  });

  test('sets a Knockout picker\'s "Yes" in the right group', async () => {
    load('enterprise-properties.knockout');
    optionPickers(document);
    const yes = locators.assignmentRequiredToggle.find(document, 'Yes')!;
    const no = locators.assignmentRequiredToggle.find(document, 'No')!;
    expect(yes.closest('[role="radiogroup"]')).toBe(no.closest('[role="radiogroup"]'));
    expect(await setToggle(yes, true)).toEqual({ ok: true });
    expect([yes.getAttribute('aria-checked'), no.getAttribute('aria-checked')]).toEqual(['true', 'false']);
    expect(checkedOf(document)).toEqual(['Yes=true', 'No=false', 'Yes=true', 'No=false', 'Yes=true', 'No=false']);
  });
});

describe('setCheckbox', () => {
  beforeEach(() => layout());

  test('ticks a Fluent checkbox, and clicks only when needed', async () => {
    load('graph-permissions.react');
    const box = locators.permissionCheckbox.find(document, 'User.Read') as HTMLInputElement;
    const click = vi.spyOn(box, 'click');
    expect(await setCheckbox(box, true)).toEqual({ ok: true });
    expect(box.checked).toBe(true);
    expect(await setCheckbox(box, true)).toEqual({ ok: true });
    expect(click).toHaveBeenCalledTimes(1);
  });

  test('ticks a role="checkbox" item when the page updates aria-checked', async () => {
    load('graph-permissions.knockout');
    const box = locators.permissionCheckbox.find(document, 'GroupMember.Read.All')!;
    box.addEventListener('click', () => box.setAttribute('aria-checked', 'true'));
    expect(await setCheckbox(box, true)).toEqual({ ok: true });
  });

  test('a checkbox whose state comes in a later render: ✓ once it shows, not "did not change" before', async () => {
    load('graph-permissions.knockout');
    const box = locators.permissionCheckbox.find(document, 'GroupMember.Read.All')!;
    box.addEventListener('click', () => setTimeout(() => box.setAttribute('aria-checked', 'true'), 150));
    expect(await setCheckbox(box, true)).toEqual({ ok: true });
  });

  test('reports not-ok when the checkbox does not change', async () => {
    load('graph-permissions.knockout');
    const box = locators.permissionCheckbox.find(document, 'User.Read')!;
    expect((await setCheckbox(box, true)).ok).toBe(false);
  });
});

/** Renders a Fluent Dropdown's options later, in a layer at the end of the body, as Fluent does. */
function fluentOptions(
  combobox: Element,
  options: string[],
  { delayMs = 20, applies = true, titleAfterMs = 0, sameTextNode = false } = {},
) {
  const title = combobox.querySelector('.ms-Dropdown-title')!;
  combobox.addEventListener('click', () => {
    setTimeout(() => {
      const layer = document.createElement('div');
      layer.className = 'ms-Layer';
      layer.innerHTML =
        '<div class="ms-Callout"><div role="listbox">' +
        options.map((o) => `<button role="option" class="ms-Dropdown-item" title="${o}"><span>${o}</span></button>`).join('') +
        '</div></div>';
      for (const option of Array.from(layer.querySelectorAll('[role="option"]'))) {
        option.addEventListener('click', () => {
          layer.remove();
          if (!applies) return;
          // A controlled Dropdown: the title comes from the form's state, in a later render than
          // the list closing; React may change the text node it has rather than replace it.
          const show = () => {
            const text = title.firstChild;
            if (sameTextNode && text?.nodeType === Node.TEXT_NODE) text.nodeValue = option.textContent;
            else title.textContent = option.textContent;
          };
          if (titleAfterMs > 0) setTimeout(show, titleAfterMs);
          else show();
        });
      }
      document.body.append(layer);
    }, delayMs);
  });
}

const EXPIRY = [
  'Recommended: 180 days (6 months)',
  '90 days (3 months)',
  '365 days (12 months)',
  '545 days (18 months)',
  '730 days (24 months)',
  'Custom',
];

describe('chooseDropdownOption', () => {
  beforeEach(() => layout());
  afterEach(() => vi.unstubAllGlobals());

  test('opens the dropdown, waits for the options layer, picks the option, reads it back', async () => {
    load('add-secret.react');
    const combobox = locators.secretExpiryDropdown.find(document)!;
    fluentOptions(combobox, EXPIRY);
    const signal = new AbortController().signal;
    expect(await chooseDropdownOption(combobox, PORTAL_VALUES.secretExpiry, { signal })).toEqual({ ok: true });
    expect(combobox.querySelector('.ms-Dropdown-title')?.textContent).toBe('730 days (24 months)');
    expect(document.querySelector('[role="listbox"]')).toBeNull();
  });

  test('picks "Web" in the registration form, not "Single-page application (SPA)"', async () => {
    load('register.react');
    const combobox = locators.redirectPlatformDropdown.find(document)!;
    fluentOptions(combobox, ['Web', 'Single-page application (SPA)', 'Public client/native (mobile & desktop)']);
    expect(await chooseDropdownOption(combobox, PORTAL_VALUES.platform)).toEqual({ ok: true });
    expect(combobox.querySelector('.ms-Dropdown-title')?.textContent).toBe('Web');
  });

  test('reports not-ok when the options never appear, and stops observing', async () => {
    load('add-secret.react');
    const observers = countObservers();
    const combobox = locators.secretExpiryDropdown.find(document)!;
    const result = await chooseDropdownOption(combobox, PORTAL_VALUES.secretExpiry, { timeoutMs: 40 });
    expect(result).toEqual({ ok: false, reason: 'the options did not appear' });
    expect(observers.active.size).toBe(0);
  });

  test('observes only while waiting for the options', async () => {
    load('add-secret.react');
    const observers = countObservers();
    const combobox = locators.secretExpiryDropdown.find(document)!;
    fluentOptions(combobox, EXPIRY);
    const pending = chooseDropdownOption(combobox, PORTAL_VALUES.secretExpiry);
    expect(observers.active.size).toBe(1);
    expect(await pending).toEqual({ ok: true });
    expect(observers.active.size).toBe(0);
    expect(observers.callbacks).toBeGreaterThan(0);
  });

  test('stops when aborted', async () => {
    load('add-secret.react');
    const combobox = locators.secretExpiryDropdown.find(document)!;
    const ctl = new AbortController();
    const observers = countObservers();
    const pending = chooseDropdownOption(combobox, PORTAL_VALUES.secretExpiry, { signal: ctl.signal });
    ctl.abort();
    expect(await pending).toEqual({ ok: false, reason: 'aborted' });
    expect(observers.active.size).toBe(0);
  });

  test('a controlled dropdown whose title follows a later render: ✓, read from the title it shows then', async () => {
    load('register.react');
    const combobox = locators.redirectPlatformDropdown.find(document)!;
    fluentOptions(combobox, ['Web', 'Single-page application (SPA)'], { titleAfterMs: 120, sameTextNode: true });
    const observers = countObservers();
    expect(await chooseDropdownOption(combobox, PORTAL_VALUES.platform)).toEqual({ ok: true });
    expect(combobox.querySelector('.ms-Dropdown-title')?.textContent).toBe('Web');
    // The wait is over: nothing observes the page any more.
    expect(observers.active.size).toBe(0);
  });

  test('"did not take" only after the bounded wait: a title shown 1 s late still counts', async () => {
    load('add-secret.react');
    const combobox = locators.secretExpiryDropdown.find(document)!;
    fluentOptions(combobox, EXPIRY, { titleAfterMs: 1000 });
    const started = Date.now();
    expect(await chooseDropdownOption(combobox, PORTAL_VALUES.secretExpiry)).toEqual({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  test('reports not-ok when the dropdown does not show the option afterwards', async () => {
    load('add-secret.react');
    const combobox = locators.secretExpiryDropdown.find(document)!;
    // A page that ignores the click on the option.
    fluentOptions(combobox, EXPIRY, { applies: false });
    expect((await chooseDropdownOption(combobox, PORTAL_VALUES.secretExpiry)).ok).toBe(false);
  });

  test('does nothing when the dropdown already shows the option', async () => {
    load('add-secret.react');
    const combobox = locators.secretExpiryDropdown.find(document)!;
    combobox.querySelector('.ms-Dropdown-title')!.textContent = '730 days (24 months)';
    const click = vi.spyOn(combobox as HTMLElement, 'click');
    expect(await chooseDropdownOption(combobox, PORTAL_VALUES.secretExpiry)).toEqual({ ok: true });
    expect(click).not.toHaveBeenCalled();
  });

  test('chooses in a native select and tells the page', async () => {
    load('add-secret.knockout');
    const select = locators.secretExpiryDropdown.find(document) as HTMLSelectElement;
    const changed = vi.fn();
    select.addEventListener('change', changed);
    expect(await chooseDropdownOption(select, PORTAL_VALUES.secretExpiry)).toEqual({ ok: true });
    expect(select.value).toBe('730 days (24 months)');
    expect(changed).toHaveBeenCalledTimes(1);
  });
});

describe('isForbidden', () => {
  test.each([
    ['<button id="t">Register</button>', true],
    ['<button id="t"><span>Add</span></button>', true],
    ['<button id="t">Add permissions</button>', true],
    ['<button id="t">Configure</button>', true],
    ['<button id="t" role="menuitem">Grant admin consent for Contoso</button>', true],
    ['<button id="t">Yes</button>', true],
    ['<div role="button" id="t" class="fxs-button">Register</div>', true],
    ['<input type="submit" id="t" value="Register">', true],
    ['<button><span id="t">Register</span></button>', true],
    ['<button id="t" role="menuitem">+ New registration</button>', false],
    ['<button id="t" role="menuitem">+ Add a permission</button>', false],
    ['<button id="t">+ Add a platform</button>', false],
    ['<button id="t">Web</button>', false],
    ['<button id="t">Cancel</button>', false],
    ['<div role="combobox" id="t" aria-label="Expires">180 days</div>', false],
    ['<input type="checkbox" id="t" aria-label="User.Read">', false],
    // Choosing a value commits nothing, even when the value is called "Yes".
    ['<div role="radiogroup"><div role="radio" id="t" aria-checked="false">Yes</div></div>', false],
    ['<input type="radio" id="t" aria-label="Yes">', false],
    ['<button type="button" role="switch" id="t" aria-checked="false" aria-label="Yes"></button>', false],
    ['<input type="checkbox" id="t" aria-label="Yes">', false],
    ['<button role="option" id="t">Yes</button>', false],
    // A "Yes" button still confirms something, and the Enterprise applications' commits stay the admin's.
    ['<div role="button" id="t" class="fxs-button">Yes</div>', true],
    ['<button id="t" role="menuitem"><span>Save</span></button>', true],
    ['<div class="azc-toolbarButton" role="button" id="t"><span>Save</span></div>', true],
    ['<button id="t" class="ms-Button--primary"><span>Assign</span></button>', true],
    ['<button id="t" role="menuitem">+ Add user/group</button>', false],
    ['<button id="t" class="ms-Button--primary">Select</button>', false],
    ['<button id="t" class="ms-Link">None Selected</button>', false],
  ])('%s -> %s', (markup, forbidden) => {
    expect(isForbidden(html(markup).getElementById('t')!)).toBe(forbidden);
  });

  test('the fill functions refuse to click a forbidden control', async () => {
    html('<div role="dialog"><button type="button" id="yes" aria-checked="false">Yes</button></div>');
    const yes = document.getElementById('yes')!;
    const clicked = vi.fn();
    yes.addEventListener('click', clicked);
    expect((await chooseRadio(yes)).reason).toMatch(/refused/);
    expect((await setCheckbox(yes, true)).reason).toMatch(/refused/);
    expect((await setToggle(yes, true)).reason).toMatch(/refused/);
    expect(clicked).not.toHaveBeenCalled();
  });

  test('a "Yes" option of a Yes/No picker is chosen, not refused', async () => {
    html('<div role="radiogroup" aria-label="Assignment required?"><div role="radio" id="yes" aria-checked="false">Yes</div></div>');
    const yes = document.getElementById('yes')!;
    yes.addEventListener('click', () => yes.setAttribute('aria-checked', 'true'));
    expect(await chooseRadio(yes)).toEqual({ ok: true });
  });
});
