import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { PORTAL_LOCATOR_NAMES as LOCATOR_NAMES } from '@/utils/portal/names';
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

  test('every label is written as the portal writes it (no stray spaces)', () => {
    for (const label of Object.values(LABELS).flat()) expect(label).toBe(label.trim().replace(/\s+/g, ' '));
  });
});

describe('hidden copies (idle pre-warmed views)', () => {
  test.each(['newRegistrationButton', 'appNameInput', 'accountTypeRadio', 'registerButton'] as const)(
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

describe('account types', () => {
  beforeEach(() => layout());

  test.each(['register.react', 'register.knockout'])('on %s, without words, the single-tenant radio (dbt\'s recommendation)', (fixture) => {
    load(fixture);
    const target = marked(document).find((t) => t.arg === 'Accounts in this organizational directory only');
    expect(locators.accountTypeRadio.find(document)).toBe(target?.el);
  });

  test('the shortest label holding the words wins, wherever it stands', () => {
    // The portal lists the multi-tenant label first; in another order (a redesign, a hidden copy
    // rendered later) the longer label must still lose.
    const doc = html(
      '<div role="radiogroup">' +
        '<input type="radio" id="mp" name="a"><label for="mp">Accounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant) and personal Microsoft accounts (e.g. Skype, Xbox)</label>' +
        '<div role="radio" id="m" aria-checked="false">Accounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant)</div>' +
        '</div>',
    );
    expect(locators.accountTypeRadio.find(doc, 'Accounts in any organizational directory')?.id).toBe('m');
    expect(locators.accountTypeRadio.find(doc, 'Accounts in any organizational directory … and personal Microsoft accounts')?.id).toBe('mp');
  });

  test('words split on "…" match in order, from the start of the label', () => {
    load('register.react');
    expect(locators.accountTypeRadio.find(document, 'Accounts in any … personal Microsoft accounts')?.id).toBe('ChoiceGroup9-multipersonal');
    // In the wrong order, or not at the start, they match nothing.
    expect(locators.accountTypeRadio.find(document, 'personal Microsoft accounts … Accounts in any')).toBeNull();
    expect(locators.accountTypeRadio.find(document, 'organizational directory only')).toBeNull();
  });
});

describe('enterprise applications', () => {
  beforeEach(() => layout());

  test.each(['app-registrations.react', 'app-registrations.knockout'])(
    'on %s, the same-named link is not the enterprise application (columns "Display name", "Application (client) ID")',
    (fixture) => {
      load(fixture);
      expect(textAnchors(document, 'dbt Cloud').length).toBeGreaterThan(0);
      expect(locators.enterpriseAppLink.find(document, 'dbt Cloud')).toBeNull();
    },
  );

  test.each(['enterprise-apps.react', 'enterprise-apps.knockout'])('on %s, the app\'s name matches whole, not a longer name', (fixture) => {
    load(fixture);
    expect(locators.enterpriseAppLink.find(document, 'dbt Cloud')?.textContent).toBe('dbt Cloud');
    expect(locators.enterpriseAppLink.find(document, 'dbt cloud staging')?.textContent).toBe('dbt Cloud staging');
    expect(locators.enterpriseAppLink.find(document, 'dbt')).toBeNull();
    expect(locators.enterpriseAppLink.find(document)).toBeNull();
  });

  test('"Properties" is the one in the menu that also holds "Users and groups", not the directory\'s', () => {
    const doc = html(
      '<nav aria-label="Microsoft Entra ID"><ul><li><a href="#d1">Overview</a></li><li><a href="#d2" id="directory">Properties</a></li></ul></nav>' +
        '<nav aria-label="dbt Cloud"><ul><li><a href="#a1" id="app">Properties</a></li><li><a href="#a2">Users and groups</a></li></ul></nav>',
    );
    expect(locators.propertiesMenuItem.find(doc)).toBe(doc.getElementById('app'));
    doc.querySelector('[href="#a2"]')?.remove();
    expect(locators.propertiesMenuItem.find(doc)).toBeNull();
  });

  test.each(['add-assignment.react', 'add-assignment.knockout'])('on %s, the selection link keeps its place once a group is picked', (fixture) => {
    load(fixture);
    const link = locators.selectPrincipalsLink.find(document);
    expect(link?.textContent).toBe('None Selected');
    for (const text of ['1 group selected.', '2 users selected.', '1 user and 2 groups selected.']) {
      link!.textContent = text;
      expect(locators.selectPrincipalsLink.find(document)).toBe(link);
    }
    link!.textContent = 'Select a role';
    expect(locators.selectPrincipalsLink.find(document)).toBeNull();
  });

  test('"None Selected" outside a panel or dialog is not the selection link', () => {
    const doc = html('<div><a href="#">None Selected</a></div>');
    expect(locators.selectPrincipalsLink.find(doc)).toBeNull();
  });

  test('"Assignment required?" in React View: the one switch, whether asked for Yes or No', () => {
    load('enterprise-properties.react');
    const toggle = marked(document).find((t) => t.name === 'assignmentRequiredToggle')?.el;
    expect(toggle?.getAttribute('role')).toBe('switch');
    for (const arg of ['Yes', 'No', 'yes', undefined]) expect(locators.assignmentRequiredToggle.find(document, arg)).toBe(toggle);
  });

  test('"Assignment required?" in Knockout: the option of its own picker, never another picker\'s', () => {
    load('enterprise-properties.knockout');
    const group = document.querySelector('[role="radiogroup"][aria-labelledby="ko-prop-appRoleAssignmentRequired"]');
    for (const arg of ['Yes', 'No']) {
      const radio = locators.assignmentRequiredToggle.find(document, arg);
      expect(radio?.textContent).toBe(arg);
      expect(radio?.closest('[role="radiogroup"]')).toBe(group);
    }
    expect(locators.assignmentRequiredToggle.find(document)?.textContent).toBe('Yes');
    expect(locators.assignmentRequiredToggle.find(document, 'Maybe')).toBeNull();
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
