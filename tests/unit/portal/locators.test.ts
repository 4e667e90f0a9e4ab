import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { LOCATOR_NAMES } from '@/utils/portal/names';
import { LABELS, locators, oneTextRead, textAnchors } from '@/utils/portal/locators';
import { FIXTURES, html, layout, load, marked } from './fixtures';

/**
 * Every locator against every replica page: it finds exactly the control the page marks for it,
 * and nothing on a page that does not hold that control.
 */
describe.each(FIXTURES)('on %s', (fixture) => {
  beforeEach(() => {
    load(fixture);
    layout();
  });

  test.each(LOCATOR_NAMES)('%s', (name) => {
    const targets = marked(document).filter((t) => t.name === name);
    if (targets.length === 0) {
      expect(locators[name].find(document, 'User.Read')).toBeNull();
      return;
    }
    for (const { arg, el } of targets) {
      expect(locators[name].find(document, arg)?.outerHTML).toBe(el.outerHTML);
      expect(locators[name].find(document, arg)).toBe(el);
    }
  });
});

describe('coverage', () => {
  const variants = new Map<string, Set<string>>();
  beforeAll(() => {
    for (const fixture of FIXTURES) {
      load(fixture);
      for (const { name } of marked(document)) {
        variants.set(name, (variants.get(name) ?? new Set()).add(fixture.split('.').pop() ?? ''));
      }
    }
  });

  test.each(LOCATOR_NAMES)('%s has a target in a React View page and a Knockout page', (name) => {
    expect([...(variants.get(name) ?? [])].sort()).toEqual(['knockout', 'react']);
  });

  test.each(LOCATOR_NAMES)('%s says what to look for', (name) => {
    expect(locators[name].lookFor.length).toBeGreaterThan(3);
  });

  test('every label is written as the portal writes it (no stray spaces)', () => {
    for (const label of Object.values(LABELS).flat()) expect(label).toBe(label.trim().replace(/\s+/g, ' '));
  });
});

describe('hidden copies (idle pre-warmed views)', () => {
  test.each(['newRegistrationButton', 'appNameInput', 'accountTypeSingleTenant', 'registerButton'] as const)(
    '%s prefers the visible control over the hidden copies before it',
    (name) => {
      load('idle-copies.react');
      layout();
      const found = locators[name].find(document);
      expect(found?.closest('.live')).not.toBeNull();
    },
  );

  test('with no layout at all, a locator still answers (the first match)', () => {
    load('register.react');
    expect(locators.appNameInput.find(document)).not.toBeNull();
  });
});

describe('matching', () => {
  beforeEach(() => layout());

  test.each([
    ['<div role="menubar"><button role="menuitem" id="t">+ New registration</button></div>'],
    ['<div role="menubar"><button role="menuitem" id="t">  NEW   REGISTRATION </button></div>'],
    ['<div role="menubar"><button role="menuitem" id="t"><i aria-hidden="true">\uE710</i>New registration</button></div>'],
    ['<ul><li class="azc-toolbarButton" role="button" id="t"><span>New registration</span></li></ul>'],
  ])('commands match by trimmed, collapsed, case-insensitive text without "+ ": %s', (markup) => {
    const doc = html(markup);
    expect(locators.newRegistrationButton.find(doc)).toBe(doc.getElementById('t'));
  });

  test('an exact name does not match a longer one', () => {
    const doc = html('<button>Add permissions</button><button>Add a permission</button>');
    expect(locators.addSecretButton.find(doc)).toBeNull();
  });

  test('the consent command matches whatever the tenant is called', () => {
    const doc = html('<button role="menuitem" id="t">Grant admin consent for Fabrikam Ltd</button>');
    expect(locators.grantConsentButton.find(doc)).toBe(doc.getElementById('t'));
  });

  test('a permission checkbox needs its name', () => {
    load('graph-permissions.react');
    expect(locators.permissionCheckbox.find(document)).toBeNull();
    expect(locators.permissionCheckbox.find(document, 'User.Read')?.id).toBe('cb-ur');
    expect(locators.permissionCheckbox.find(document, 'user.read')?.id).toBe('cb-ur');
  });

  test('a label linked to another control does not name the next field', () => {
    const doc = html('<label for="cb">Name</label><input type="checkbox" id="cb"><input type="text">');
    expect(locators.appNameInput.find(doc)).toBeNull();
  });

  test('a label for a field that is not there finds nothing', () => {
    const doc = html('<label for="missing">Name</label><p>no field</p>');
    expect(locators.appNameInput.find(doc)).toBeNull();
  });

  test('a value next to its label in a definition list, a table and sibling wrappers', () => {
    for (const markup of [
      '<dl><dt>Primary domain</dt><dd id="t">contoso.com</dd></dl>',
      '<table><tr><th scope="row">Primary domain</th><td id="t">contoso.com</td></tr></table>',
      '<div><div><span>Primary domain</span></div><div id="t">contoso.com</div></div>',
    ]) {
      const doc = html(markup);
      expect(locators.primaryDomainValue.find(doc)).toBe(doc.getElementById('t'));
    }
  });

  test('never throws into the page', () => {
    const broken = {} as Document;
    for (const name of LOCATOR_NAMES) expect(locators[name].find(broken, 'x')).toBeNull();
  });
});

describe('oneTextRead', () => {
  test('a look for many labels reads the text once; the next look reads it again', () => {
    const doc = html('<dl><dt>Application (client) ID</dt><dd>x</dd><dt>Object ID</dt><dd>y</dd></dl>');
    const read = vi.spyOn(doc.body, 'textContent', 'get');
    const look = () => ['Application (client) ID', 'Object ID', 'Directory (tenant) ID'].map((l) => textAnchors(doc, l).length);
    expect(oneTextRead(look)).toEqual([1, 1, 0]);
    expect(read).toHaveBeenCalledTimes(1);
    doc.querySelector('dl')?.insertAdjacentHTML('beforeend', '<dt>Directory (tenant) ID</dt><dd>z</dd>');
    expect(oneTextRead(look)).toEqual([1, 1, 1]);
    expect(read).toHaveBeenCalledTimes(2);
    // Outside a look, each search reads the page as it is.
    look();
    expect(read).toHaveBeenCalledTimes(5);
  });
});
