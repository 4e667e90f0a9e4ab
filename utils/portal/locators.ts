import { accessibleName, cleanText, isVisible, labelsOf, normText, textOf } from '@/utils/portal/dom';
import type { PortalLocatorName } from '@/utils/portal/names';
import { safe, type Locator } from '@/utils/portal/guard';

/**
 * Every label and selector the guide uses on the portal, in one place. Controls are found by role
 * and accessible name or visible text, never by generated class names: Fluent UI hashes its class
 * names and changes them between releases. Only the shell's and Knockout's stable class names and
 * Fluent's global `ms-` names appear here, each beside the variant it covers.
 */

export type { Locator } from '@/utils/portal/guard';

/** The portal's own words, as it writes them (compared trimmed, collapsed and case-insensitively). */
export const LABELS = {
  appRegistrations: 'App registrations',
  newRegistration: 'New registration',
  // Register an application
  name: 'Name',
  singleTenant: 'Accounts in this organizational directory only',
  redirectUri: 'Redirect URI',
  selectPlatform: 'Select a platform',
  platform: 'Platform',
  register: 'Register',
  // Authentication, and its "Configure platforms" / "Configure Web" panels
  addPlatform: 'Add a platform',
  web: 'Web',
  redirectUris: 'Redirect URIs',
  configure: 'Configure',
  configureWeb: 'Configure Web',
  // Where the Web platform's redirect URI list ends on the Authentication page
  webSectionEnds: [
    'Front-channel logout URL',
    'Implicit grant and hybrid flows',
    'Single-page application',
    'Mobile and desktop applications',
    'Add URI',
  ],
  // App overview essentials
  displayName: 'Display name',
  clientId: 'Application (client) ID',
  objectId: 'Object ID',
  directoryId: 'Directory (tenant) ID',
  accountTypes: 'Supported account types',
  // API permissions, and the "Request API permissions" panel
  addPermission: 'Add a permission',
  microsoftGraph: 'Microsoft Graph',
  delegated: 'Delegated permissions',
  permissionSearch: 'Start typing a permission to filter these results',
  addPermissions: 'Add permissions',
  grantConsent: 'Grant admin consent for',
  // The confirmation under the command bar ("Grant admin consent confirmation.", Yes / No)
  yes: 'Yes',
  no: 'No',
  consent: 'consent',
  permissionColumn: 'API / Permissions name',
  typeColumn: 'Type',
  statusColumn: 'Status',
  // Certificates & secrets, and the "Add a client secret" panel
  clientSecretsTab: 'Client secrets',
  newClientSecret: 'New client secret',
  description: 'Description',
  expires: 'Expires',
  add: 'Add',
  valueColumn: 'Value',
  secretIdColumn: 'Secret ID',
  // Directory (tenant) overview
  primaryDomain: 'Primary domain',
  tenantId: 'Tenant ID',
  // App overview essentials: the app's enterprise application (service principal)
  managedApp: 'Managed application in local directory',
  // Enterprise applications: the list, and an application's menu, Overview and Properties
  nameColumn: 'Name',
  applicationId: 'Application ID',
  usersAndGroups: 'Users and groups',
  properties: 'Properties',
  // Users and groups, and its "Add Assignment" panel
  addUserGroup: 'Add user/group',
  displayNameColumn: 'Display Name',
  objectTypeColumn: 'Object Type',
  noAssignments: 'No application assignments found',
  noneSelected: 'None Selected',
  select: 'Select',
  assign: 'Assign',
  // Properties
  assignmentRequired: 'Assignment required?',
  save: 'Save',
  // Certificates & secrets: a row's trash icon, and its confirmation (the replica's words; assumed)
  delete: 'Delete',
  deleteSecret: 'Delete client secret',
} as const;

const TEXT_FIELD = [
  'input:not([type]):not([role="combobox"])',
  'input[type="text"]:not([role="combobox"])',
  'input[type="url"]',
  'input[type="search"]',
  'textarea',
].join();

export const SELECTORS = {
  textField: TEXT_FIELD,
  // React View: Fluent Dropdown (role=combobox div) and ComboBox (input); Knockout: role=combobox
  // dropdowns; a native select where a form uses one.
  combobox: '[role="combobox"], select',
  // React View: Fluent ChoiceGroup radio inputs; Knockout and newer Fluent: role=radio items.
  radio: 'input[type="radio"], [role="radio"]',
  // React View: Fluent Checkbox inputs; Knockout and list selection: role=checkbox.
  checkbox: 'input[type="checkbox"], [role="checkbox"]',
  // React View: Fluent buttons; Knockout: role=button divs (.fxs-button, .azc-button).
  button: 'button, [role="button"], input[type="button"], input[type="submit"], .fxs-button, .azc-button',
  // Anything an admin clicks: buttons, links, menu and tree items, tabs, radio tiles, and Knockout
  // elements bound to a click handler.
  clickable: [
    'button, [role="button"], a[href], [role="link"], [role="menuitem"], [role="treeitem"]',
    '[role="tab"], [role="radio"], .azc-toolbarButton, .fxs-button, [data-bind*="click"]',
    '[tabindex]:not([tabindex="-1"])',
  ].join(),
  // A label element not linked by `for`: HTML label, Fluent v8 .ms-Label, Fluent v9 .fui-Label.
  label: 'label, .ms-Label, .fui-Label',
  // React View: Fluent DetailsList (role=grid); Knockout: .azc-grid tables.
  grid: '[role="grid"], [role="treegrid"], table',
  row: '[role="row"], tr',
  header: '[role="columnheader"], th',
  cell: '[role="gridcell"], [role="rowheader"], td',
  // Panels and layers drawn over a blade: Fluent Panel/Layer, dialogs; Knockout context panes.
  panel: '[role="dialog"], [role="alertdialog"], [aria-modal="true"], .ms-Panel, .ms-Layer, .fxs-contextpane',
  // Breadcrumbs repeat blade names as links; they are not the menu.
  breadcrumb: '.fxs-breadcrumb, [aria-label="breadcrumb" i], [aria-label="breadcrumbs" i]',
  // A blade's left menu: React View and Entra navigation trees and menus, Knockout menu lists.
  menu: '[role="tree"], [role="menu"], [role="menubar"], [role="tablist"], nav, ul, .fxs-menu',
  // Shell: the account menu shows the current directory (Knockout shell; newer shell telemetry name).
  directory: '.fxs-avatarmenu-tenant, [data-telemetryname="DirectoryMenu"]',
} as const;

const all = (root: ParentNode, sel: string): Element[] => Array.from(root.querySelectorAll(sel));

/** Compares normalised text with a normalised label, ignoring " *", ":" and " (optional)". */
function sameLabel(text: string, want: string): boolean {
  return text.replace(/\s*(\*|:|\(optional\))$/, '') === want;
}

/**
 * Among matches, the visible one: idle pre-warmed frames and kept-alive blades hold hidden
 * copies. With `panelFirst`, a visible match inside a panel wins over one on the blade below.
 */
export function pick(list: Iterable<Element>, panelFirst = false): Element | null {
  let best: Element | null = null;
  let bestScore = -1;
  for (const el of list) {
    const score = (isVisible(el) ? 2 : 0) + (panelFirst && el.closest(SELECTORS.panel) ? 1 : 0);
    if (score > bestScore) [best, bestScore] = [el, score];
    if (score === 3 || (score === 2 && !panelFirst)) break;
  }
  return best;
}

/** While a look at the page runs (see `oneTextRead`), each root's normalised text, read once. */
let textOfRoot: WeakMap<Node, string> | null = null;

/**
 * Runs `look` (synchronous, reading the page and not changing it) with each root's text read
 * once, however many labels it looks for: the frame agent's look at every step's controls and
 * readers in a frame.
 */
export function oneTextRead<T>(look: () => T): T {
  if (textOfRoot) return look();
  textOfRoot = new WeakMap();
  try {
    return look();
  } finally {
    textOfRoot = null;
  }
}

function wholeText(root: Node): string {
  let text = textOfRoot?.get(root);
  if (text === undefined) {
    text = normText(root.textContent);
    textOfRoot?.set(root, text);
  }
  return text;
}

/** Elements whose own text is the label (also when split across a few text nodes). */
export function textAnchors(doc: Document, label: string, root?: Element): Element[] {
  const want = normText(label);
  const out: Element[] = [];
  const top = root ?? doc.body ?? doc.documentElement;
  if (!top) return out;
  // Whatever matches below is a contiguous part of the whole text, so a label missing from it is
  // missing from every node: one native pass instead of a walk over each text node.
  if (!wholeText(top).includes(want)) return out;
  const walker = doc.createTreeWalker(top, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    const t = normText(n.nodeValue);
    if (!p || !t || out.includes(p) || /^(script|style)$/i.test(p.tagName)) continue;
    if (sameLabel(t, want) || (want.startsWith(t) && sameLabel(textOf(p), want))) out.push(p);
  }
  return out;
}

const named = (doc: Document | Element, sel: string, test: (name: string) => boolean): Element[] =>
  all(doc, sel).filter((el) => test(accessibleName(el)));

const is = (label: string) => {
  const want = normText(label);
  return (name: string) => sameLabel(name, want);
};

/** The first match of `sel` after `anchor` in document order, within its section. */
function after(anchor: Element, sel: string, levels = 4): Element | null {
  let scope: Element = anchor;
  for (let i = 0; i < levels && scope.parentElement; i++) scope = scope.parentElement;
  for (const el of all(scope, sel)) {
    if (anchor.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) return el;
  }
  return null;
}

/** The control that follows a label element: in a next sibling, or a parent's next sibling. */
function fieldAfter(label: Element, sel: string): Element | null {
  let cur: Element | null = label;
  for (let up = 0; cur && up < 3; up++, cur = cur.parentElement) {
    for (let sib = cur.nextElementSibling; sib; sib = sib.nextElementSibling) {
      if (sib.matches(sel)) return sib;
      const inner = sib.querySelector(sel);
      if (inner) return inner;
      if (sib.matches(SELECTORS.label) || sib.querySelector(SELECTORS.label)) return null;
    }
  }
  return null;
}

/**
 * A form control by its label: its own labels (`<label for>`, aria-labelledby, aria-label,
 * a wrapping label), else a label element placed before it without a link (Fluent, Knockout).
 */
function fieldsByLabel(doc: Document, labels: readonly string[], sel: string): Element[] {
  const wants = labels.map(normText);
  const match = (t: string) => wants.some((w) => sameLabel(t, w));
  const found = all(doc, sel).filter((el) => labelsOf(el).some(match));
  for (const l of all(doc, SELECTORS.label)) {
    // A label linked to its control was handled above, through the control's own labels.
    if ((l as HTMLLabelElement).control || !match(textOf(l))) continue;
    const f = fieldAfter(l, sel);
    if (f && !found.includes(f)) found.push(f);
  }
  return found;
}

const fieldByLabel = (doc: Document, labels: readonly string[], sel: string, panelFirst = false) =>
  pick(fieldsByLabel(doc, labels, sel), panelFirst);

/** Fields that follow a heading or label text within its section. */
const fieldsAfterText = (doc: Document, label: string, sel: string): Element[] =>
  textAnchors(doc, label)
    .map((a) => after(a, sel))
    .filter((e): e is Element => e !== null);

/**
 * Inside the "Configure Web" panel: a Fluent panel or dialog (React View), or a Knockout blade
 * titled so.
 */
const inConfigureWeb = (el: Element): boolean =>
  !!el.closest(SELECTORS.panel) ||
  textOf(el.closest('.fxs-blade')?.querySelector('.fxs-blade-title-titleText')) === normText(LABELS.configureWeb);

/** A command: React View CommandBar item, Knockout toolbar button, or a plain button. */
function command(doc: Document, test: (name: string) => boolean): Element | null {
  return pick([
    // React View: Fluent CommandBar items carry role="menuitem", not button.
    ...named(doc, '[role="menuitem"]', test),
    // Knockout: toolbar buttons of classic blades.
    ...named(doc, '.azc-toolbarButton', test),
    // Either: a plain button (narrow blades, overflow menus, newer command bars).
    ...named(doc, SELECTORS.button, test),
  ]);
}

/** A button by its exact name, preferring one in an open panel (the panels' footers). */
const button = (doc: Document, label: string): Element | null =>
  pick(named(doc, SELECTORS.button, is(label)), true);

/**
 * A tile or choice headed by the label ("Microsoft Graph", "Web", "Delegated permissions"): a
 * clickable named exactly so, else the clickable that holds the label as its own text (a tile's
 * name runs its title and description together).
 */
function tile(doc: Document, label: string): Element | null {
  const found = named(doc, SELECTORS.clickable, is(label));
  for (const a of textAnchors(doc, label)) {
    const c = a.closest(SELECTORS.clickable);
    if (c && !found.includes(c)) found.push(c);
  }
  return pick(found, true);
}

/** The element showing the value beside a label. */
function valueNextTo(label: Element): Element | null {
  // A column header names a column, not a value (the app list has an "Application (client) ID"
  // column).
  if (label.closest('[role="columnheader"], thead')) return null;
  // Definition lists.
  const dt = label.closest('dt');
  if (dt) return dt.nextElementSibling?.matches('dd') ? dt.nextElementSibling : null;
  // Row headers of a two-column table (Entra's "Basic information").
  const th = label.closest('th, [role="rowheader"]');
  if (th) return th.nextElementSibling;
  // React View: an essentials value that names its label with aria-labelledby.
  const doc = label.ownerDocument;
  const labelled = label.id
    ? all(doc, '[aria-labelledby]').find((el) => el.getAttribute('aria-labelledby')?.split(/\s+/).includes(label.id))
    : undefined;
  if (labelled && labelled !== label) return labelled;
  // Label and value as siblings, each maybe in its own wrapper (Knockout essentials put a ":"
  // between them).
  let cur: Element | null = label;
  for (let up = 0; cur && cur !== doc.body && up < 3; up++, cur = cur.parentElement) {
    for (let sib = cur.nextElementSibling; sib; sib = sib.nextElementSibling) {
      const t = textOf(sib);
      if ((t && t !== ':') || sib.querySelector('input')) return sib;
    }
  }
  return null;
}

/** The value element next to a label ("Application (client) ID", "Primary domain"). */
export function valueOf(doc: Document, label: string): Element | null {
  const found: Element[] = [];
  for (const a of textAnchors(doc, label)) {
    const v = valueNextTo(a);
    if (v) found.push(v);
  }
  return pick(found);
}

// Copy buttons and their "Copied" tooltips sit inside value cells; their words are not the value.
const NOT_VALUE = '[role="tooltip"], [aria-hidden="true"], [hidden], script, style';
const COPY = /^cop(y|ied)\b/;

/** A value's text, without copy-button text; a read-only input's value (Knockout copyable label). */
export function valueText(el: Element | null): string {
  if (!el) return '';
  const input = el.matches('input, textarea') ? el : el.querySelector('input:not([type="checkbox"]):not([type="radio"]), textarea');
  if (input) return cleanText((input as HTMLInputElement).value);
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let out = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (!p) continue;
    const skip = p.closest(NOT_VALUE);
    if (skip && el.contains(skip)) continue;
    const btn = p.closest(SELECTORS.button);
    if (btn && el.contains(btn) && COPY.test(accessibleName(btn))) continue;
    out += ' ' + (n.nodeValue ?? '');
  }
  return cleanText(out);
}

export interface GridRow {
  el: Element;
  /** The API or group named by the group header row above it ("Microsoft Graph"), or null. */
  group: string | null;
  /** True for a group header row itself. */
  isGroup: boolean;
  /** The cell under the column whose header starts with `header`. */
  cell(header: string): Element | null;
}

/**
 * The rows of the first (visible) grid whose headers start with each of `headers`. Group header
 * rows ("Microsoft Graph (2)") carry their group down to the rows below them.
 */
export function gridRows(doc: Document, headers: readonly string[]): GridRow[] | null {
  const wants = headers.map(normText);
  const grids = all(doc, SELECTORS.grid).filter((g) => {
    const names = all(g, SELECTORS.header).map(textOf);
    return wants.every((w) => names.some((n) => n.startsWith(w)));
  });
  const grid = pick(grids);
  if (!grid) return null;
  const heads = all(grid, SELECTORS.header);
  const names = heads.map(textOf);
  const colOf = heads.map((h) => h.getAttribute('aria-colindex'));
  const rows: GridRow[] = [];
  let group: string | null = null;
  for (const row of all(grid, SELECTORS.row)) {
    if (row.querySelector(SELECTORS.header) || row.closest('thead')) continue;
    const cells = all(row, SELECTORS.cell);
    const filled = cells.filter((c) => textOf(c)).length;
    const text = cleanText(row.textContent);
    const count = /\s*\(\d+\)$/;
    if (filled < 2 && (count.test(text) || row.getAttribute('aria-level') === '1')) {
      group = text.replace(count, '');
      rows.push({ el: row, group, isGroup: true, cell: () => null });
      continue;
    }
    const byCol = colOf.every(Boolean) && cells.every((c) => c.hasAttribute('aria-colindex'));
    const offset = Math.max(0, cells.length - names.length);
    rows.push({
      el: row,
      group,
      isGroup: false,
      cell(header) {
        const i = names.findIndex((n) => n.startsWith(normText(header)));
        if (i < 0) return null;
        if (byCol) return cells.find((c) => c.getAttribute('aria-colindex') === colOf[i]) ?? null;
        return cells[i + offset] ?? null;
      },
    });
  }
  return rows;
}

/** The portal masks a secret's Value after the page is left: its hint, then asterisks. */
export function isMasked(value: string): boolean {
  return /[*•●…]/.test(value) || value.length <= 3;
}

/** The Value cell of the first client secret whose Value is shown in full (just after adding). */
function newSecretCell(doc: Document): Element | null {
  const rows = gridRows(doc, [LABELS.valueColumn, LABELS.secretIdColumn]) ?? [];
  for (const row of rows) {
    const cell = row.cell(LABELS.valueColumn);
    const value = valueText(cell);
    if (cell && value && !isMasked(value) && !/\s/.test(value)) return cell;
  }
  return null;
}

/**
 * A radio option whose label holds the given words: the first part at its start, parts joined by
 * "…" in order. Among labels that match, the shortest: "Accounts in any organizational directory"
 * is the start of both multi-tenant labels, and names the one without personal accounts.
 */
export function findRadio(doc: Document | Element, words: string): Element | null {
  const parts = words.split('…').map(normText).filter(Boolean);
  const first = parts[0];
  if (first === undefined) return null;
  const holds = (name: string) => {
    if (!name.startsWith(first)) return false;
    let at = 0;
    for (const part of parts) {
      const i = name.indexOf(part, at);
      if (i < 0) return false;
      at = i + part.length;
    }
    return true;
  };
  const found: { el: Element; length: number }[] = [];
  for (const el of all(doc, SELECTORS.radio)) {
    const lengths = [accessibleName(el), ...labelsOf(el)].filter(holds).map((n) => n.length);
    if (lengths.length) found.push({ el, length: Math.min(...lengths) });
  }
  const shortest = Math.min(...found.map((f) => f.length));
  return pick(found.filter((f) => f.length === shortest).map((f) => f.el));
}

/** An entry of a blade's left menu (or the Entra admin center's navigation), not the breadcrumb. */
function menuItem(doc: Document | Element, label: string): Element | null {
  const test = is(label);
  const notCrumb = (el: Element) => !el.closest(SELECTORS.breadcrumb);
  return pick([
    // React View and Entra admin center navigation: tree or menu items.
    ...named(doc, '[role="treeitem"], [role="menuitem"], [role="tab"]', test),
    // Knockout menu blade and the portal's service links: plain links (not the breadcrumb).
    ...named(doc, 'a[href], [role="link"]', test).filter(notCrumb),
    // Either: a menu entry whose label sits inside a clickable row.
    ...(doc.nodeType === 1 ? textAnchors((doc as Element).ownerDocument, label, doc as Element) : textAnchors(doc as Document, label))
      .map((a) => a.closest(SELECTORS.clickable))
      .filter((c): c is Element => c !== null && notCrumb(c)),
  ]);
}

/** A clickable inside (or being) an element: a link in a value cell. */
const clickableIn = (el: Element | null): Element | null =>
  !el ? null : el.matches(SELECTORS.clickable) ? el : el.querySelector(SELECTORS.clickable);

/**
 * The Yes/No control named "Assignment required?": a Fluent Toggle (role=switch, React View), or
 * the option `option` of a Knockout option picker (a radiogroup labelled so, with Yes and No).
 */
function yesNoControl(doc: Document, label: string, option: string): Element | null {
  const toggle = fieldByLabel(doc, [label], '[role="switch"], input[type="checkbox"]');
  if (toggle) return toggle;
  const want = normText(option);
  const groups = fieldsByLabel(doc, [label], '[role="radiogroup"]');
  return pick(groups.flatMap((g) => all(g, SELECTORS.radio).filter((r) => [accessibleName(r), ...labelsOf(r)].includes(want))));
}


export const locators: Record<PortalLocatorName, Locator> = {
  appRegistrationsMenuItem: safe((doc) => menuItem(doc, LABELS.appRegistrations)),

  newRegistrationButton: safe((doc) =>
    command(doc, is(LABELS.newRegistration)),
  ),

  appNameInput: safe((doc) => fieldByLabel(doc, [LABELS.name], TEXT_FIELD)),

  // React View: radio inputs of a Fluent ChoiceGroup (role=radiogroup); Knockout: role=radio.
  // The argument is the setup's choice; without one, dbt's recommendation.
  accountTypeRadio: safe((doc, arg) => findRadio(doc, arg ?? LABELS.singleTenant)),

  redirectPlatformDropdown: safe((doc) => {
    const labelled = fieldByLabel(doc, [LABELS.selectPlatform, LABELS.platform], SELECTORS.combobox);
    if (labelled) return labelled;
    // React View: an unlabelled Fluent Dropdown showing its placeholder.
    const showing = pick(all(doc, SELECTORS.combobox).filter((c) => textOf(c) === normText(LABELS.selectPlatform)));
    if (showing) return showing;
    // Either: the first dropdown of the "Redirect URI (optional)" section.
    return pick(fieldsAfterText(doc, LABELS.redirectUri, SELECTORS.combobox));
  }),

  redirectUriInput: safe((doc) => {
    const labelled = fieldByLabel(doc, [LABELS.redirectUri], TEXT_FIELD);
    if (labelled) return labelled;
    // React View: the unlabelled text field after the section's platform dropdown.
    return pick(fieldsAfterText(doc, LABELS.redirectUri, TEXT_FIELD));
  }),

  registerButton: safe((doc) => button(doc, LABELS.register)),

  addPlatformButton: safe((doc) =>
    // React View: a Fluent ActionButton; Knockout: a link-styled role=button. Both by their name.
    pick(named(doc, SELECTORS.clickable, is(LABELS.addPlatform))),
  ),

  webPlatformTile: safe((doc) => tile(doc, LABELS.web)),

  webRedirectUriInput: safe((doc) =>
    pick(
      [
        // A field labelled "Redirect URIs" (or "Redirect URI").
        ...fieldsByLabel(doc, [LABELS.redirectUris, LABELS.redirectUri], TEXT_FIELD),
        // The unlabelled field under the panel's "Redirect URIs" heading.
        ...fieldsAfterText(doc, LABELS.redirectUris, TEXT_FIELD),
      ].filter(inConfigureWeb),
    ),
  ),

  configureButton: safe((doc) => button(doc, LABELS.configure)),

  clientIdValue: safe((doc) => valueOf(doc, LABELS.clientId)),

  tenantIdValue: safe((doc) => valueOf(doc, LABELS.directoryId)),

  addPermissionButton: safe((doc) =>
    command(doc, is(LABELS.addPermission)),
  ),

  microsoftGraphTile: safe((doc) => tile(doc, LABELS.microsoftGraph)),

  delegatedPermissionsChoice: safe((doc) =>
    // React View: a Fluent ChoiceGroup radio labelled "Delegated permissions" (with a description);
    // older panels: a clickable tile of that title.
    findRadio(doc, LABELS.delegated) ?? tile(doc, LABELS.delegated),
  ),

  permissionSearchBox: safe((doc) => {
    const want = normText(LABELS.permissionSearch);
    return pick(
      // React View: Fluent SearchBox input with a placeholder; Knockout: an aria-labelled input.
      all(doc, TEXT_FIELD).filter((el) =>
        [normText(el.getAttribute('placeholder')), ...labelsOf(el)].some((t) => t.startsWith(want)),
      ),
      true,
    );
  }),

  permissionCheckbox: safe((doc, arg) => {
    if (!arg) return null;
    const want = normText(arg);
    const found = all(doc, SELECTORS.checkbox).filter((b) =>
      // React View: a Fluent Checkbox labelled by the permission; Knockout: role=checkbox.
      [accessibleName(b), ...labelsOf(b)].some((n) => n === want || n.startsWith(`${want} `)),
    );
    // Either: the permission's name in its own element, in the row or label of a checkbox.
    for (const a of textAnchors(doc, arg)) {
      const label = a.closest('label');
      const row = a.closest(`${SELECTORS.row}, li, [role="listitem"]`);
      const box = (label as HTMLLabelElement | null)?.control ?? row?.querySelector(SELECTORS.checkbox);
      if (box && !found.includes(box)) found.push(box);
    }
    return pick(found, true);
  }),

  addPermissionsButton: safe((doc) => button(doc, LABELS.addPermissions)),

  grantConsentButton: safe((doc) => {
    const want = normText(LABELS.grantConsent);
    return command(doc, (n) => n.startsWith(want));
  }),

  consentYesButton: safe((doc) => {
    // React View: a Fluent PrimaryButton in a confirmation bar (role=alertdialog); Knockout: a
    // message bar's button. Either way the "Yes" of a box that speaks of consent, not another Yes.
    const yes = is(LABELS.yes);
    const no = is(LABELS.no);
    // The confirmation: the boxes around this Yes that hold its No and no other Yes; one of them
    // speaks of consent.
    const aboutConsent = (b: Element) => {
      let withNo = false;
      let box: Element | null = b.parentElement;
      for (let up = 0; box && up < 5; up++, box = box.parentElement) {
        if (named(box, SELECTORS.button, yes).length > 1) return false;
        withNo ||= named(box, SELECTORS.button, no).length > 0;
        if (withNo && textOf(box).includes(normText(LABELS.consent))) return true;
      }
      return false;
    };
    return pick(named(doc, SELECTORS.button, is(LABELS.yes)).filter(aboutConsent));
  }),

  clientSecretsTab: safe((doc) => {
    const want = normText(LABELS.clientSecretsTab);
    const starts = (name: string) => name.startsWith(want);
    return pick([
      // React View: a Fluent Pivot (role=tab buttons) named "Client secrets (n)".
      ...named(doc, '[role="tab"]', starts),
      // Knockout: pivot links or buttons with the same words.
      ...named(doc, 'a[href], [role="link"], button, [role="button"]', starts),
    ]);
  }),

  newClientSecretButton: safe((doc) =>
    command(doc, is(LABELS.newClientSecret)),
  ),

  secretDescriptionInput: safe((doc) =>
    fieldByLabel(doc, [LABELS.description], TEXT_FIELD, true),
  ),

  secretExpiryDropdown: safe((doc) =>
    fieldByLabel(doc, [LABELS.expires], SELECTORS.combobox, true),
  ),

  addSecretButton: safe((doc) => button(doc, LABELS.add)),

  newSecretValue: safe(newSecretCell),

  primaryDomainValue: safe((doc) => valueOf(doc, LABELS.primaryDomain)),

  managedAppLink: safe((doc) =>
    clickableIn(valueOf(doc, LABELS.managedApp)),
  ),

  enterpriseAppLink: safe((doc, arg) => {
    if (!arg) return null;
    // The list's grid has "Name" and "Application ID" columns; App registrations' has "Display
    // name" and "Application (client) ID", and its same-named link is not the one.
    const rows = gridRows(doc, [LABELS.nameColumn, LABELS.applicationId]) ?? [];
    const test = is(arg);
    return pick(rows.map((r) => clickableIn(r.cell(LABELS.nameColumn))).filter((c): c is Element => c !== null && test(accessibleName(c))));
  }),

  usersAndGroupsMenuItem: safe((doc) => menuItem(doc, LABELS.usersAndGroups)),

  addUserGroupButton: safe((doc) => command(doc, is(LABELS.addUserGroup))),

  selectPrincipalsLink: safe((doc) => {
    const none = normText(LABELS.noneSelected);
    // "None Selected" until the admin picks, then "1 group selected." and the like.
    const test = (n: string) => n === none || /^\d+ (user|group)s? (and \d+ (user|group)s? )?selected\.?$/.test(n);
    return pick(named(doc, SELECTORS.clickable, test).filter((el) => el.closest(SELECTORS.panel)));
  }),

  selectButton: safe((doc) => button(doc, LABELS.select)),

  assignButton: safe((doc) => button(doc, LABELS.assign)),

  propertiesMenuItem: safe((doc) => {
    // The directory's menu has a "Properties" too: the enterprise application's is the one whose
    // menu also holds "Users and groups".
    const users = menuItem(doc, LABELS.usersAndGroups);
    const menu = users?.closest(SELECTORS.menu);
    return menu ? menuItem(menu, LABELS.properties) : null;
  }),

  assignmentRequiredToggle: safe((doc, arg) => yesNoControl(doc, LABELS.assignmentRequired, arg ?? 'Yes')),

  saveButton: safe((doc) => command(doc, is(LABELS.save))),

  // The Delete of the row whose Secret ID is the argument (the secret being replaced): only that row.
  deleteSecretButton: safe((doc, arg) => {
    const row = (gridRows(doc, [LABELS.valueColumn, LABELS.secretIdColumn]) ?? []).find((r) => arg && normText(valueText(r.cell(LABELS.secretIdColumn))) === normText(arg));
    return row ? pick(named(row.el, 'button, [role="button"]', is(LABELS.delete))) : null;
  }),

  confirmDeleteSecretButton: safe((doc) => {
    const bar = pick(named(doc, '[role="alertdialog"], [role="dialog"]', is(LABELS.deleteSecret)));
    return bar ? pick(named(bar, 'button, [role="button"]', is(LABELS.yes))) : null;
  }),
};
