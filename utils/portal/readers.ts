import { cleanText, normText } from '@/utils/portal/dom';
import {
  LABELS,
  SELECTORS,
  gridRows,
  isMasked,
  locators,
  pick,
  textAnchors,
  valueOf,
  valueText,
} from '@/utils/portal/locators';
import type { PortalReaderName } from '@/utils/portal/names';
import { guard } from '@/utils/portal/guard';

/**
 * What the portal shows, read from this frame's document. Each reader returns null when its page
 * is not in this document, and never throws. Labels and selectors come from locators.ts.
 */

export interface AppEssentials {
  displayName: string;
  clientId: string;
  objectId: string;
  tenantId: string;
  accountTypes: string;
  /** As shown, e.g. "1 web, 0 spa, 0 public client". */
  redirectUris: string;
}

export interface AuthRedirectUris {
  web: string[];
}

export interface PermissionRow {
  api: string;
  name: string;
  type: string;
  status: string;
}

export interface ConfiguredPermissions {
  rows: PermissionRow[];
}

/** A row of the secrets table as reported: never the Value (see newSecretValue). */
export interface SecretRow {
  description: string;
  expires: string;
  secretId?: string;
  /** The first characters that stay visible once the Value is masked. */
  hint?: string;
  masked: boolean;
}

export interface ClientSecrets {
  rows: SecretRow[];
}

/**
 * The new secret: `secret` (its Value) goes from the frame to the background alone; the panel
 * learns its Secret ID, its first characters and its length.
 */
export interface NewSecretValue {
  secret: string;
  secretId: string;
  hint: string;
  length: number;
}

export interface TenantOverview {
  primaryDomain: string;
  tenantId: string;
}

export interface CurrentDirectory {
  name: string;
  domain: string;
}

/** An enterprise application's Overview or Properties: the app it is for, and its own object ID. */
export interface EnterpriseApp {
  appId: string;
  objectId: string;
}

/** Users and groups assigned to an enterprise application, counted by object type. */
export interface AppAssignments {
  users: number;
  groups: number;
}

/** An enterprise application's Properties: "Assignment required?", and whether it is saved. */
export interface AppProperties {
  assignmentRequired: 'Yes' | 'No' | '';
  /** The page holds changes not saved yet ("Save" is enabled). */
  unsaved: boolean;
}

export interface ReaderResults {
  appEssentials: AppEssentials;
  authRedirectUris: AuthRedirectUris;
  configuredPermissions: ConfiguredPermissions;
  clientSecrets: ClientSecrets;
  newSecretValue: NewSecretValue;
  tenantOverview: TenantOverview;
  currentDirectory: CurrentDirectory;
  enterpriseApp: EnterpriseApp;
  appAssignments: AppAssignments;
  appProperties: AppProperties;
}

export type Readers = { [K in PortalReaderName]: (doc: Document) => ReaderResults[K] | null };

const read = (doc: Document, label: string): string => valueText(valueOf(doc, label));

const URI = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
const HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

function appEssentials(doc: Document): AppEssentials | null {
  const clientId = read(doc, LABELS.clientId);
  if (!clientId) return null;
  return {
    displayName: read(doc, LABELS.displayName),
    clientId,
    objectId: read(doc, LABELS.objectId),
    tenantId: read(doc, LABELS.directoryId),
    accountTypes: read(doc, LABELS.accountTypes),
    redirectUris: read(doc, LABELS.redirectUris),
  };
}

/**
 * The Web platform's redirect URIs: from the "Web" heading of the Authentication page, every
 * URI shown (as text, or in a text field) up to the end of its list.
 */
function authRedirectUris(doc: Document): AuthRedirectUris | null {
  const ends = LABELS.webSectionEnds.map(normText);
  const root = doc.body;
  const web = new Set<string>();
  let onPage = false;
  for (const anchor of textAnchors(doc, LABELS.web)) {
    // The "Web" tile of "Configure platforms" (a panel, or a clickable tile) is not the platform.
    if (!root || anchor.closest(SELECTORS.panel) || anchor.closest(SELECTORS.clickable)) continue;
    onPage = true;
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    walker.currentNode = anchor;
    for (let n = walker.nextNode(), i = 0; n && i < 5000; n = walker.nextNode(), i++) {
      let uri = '';
      if (n.nodeType === Node.TEXT_NODE) {
        const t = normText(n.nodeValue);
        if (ends.some((e) => t.startsWith(e))) break;
        uri = cleanText(n.nodeValue);
      } else if ((n as Element).matches(SELECTORS.textField)) {
        uri = cleanText((n as HTMLInputElement).value);
      }
      if (URI.test(uri)) web.add(uri);
    }
  }
  if (!onPage && !locators.addPlatformButton.find(doc)) return null;
  return { web: [...web] };
}

function configuredPermissions(doc: Document): ConfiguredPermissions | null {
  const rows = gridRows(doc, [LABELS.permissionColumn, LABELS.statusColumn]);
  if (!rows) return null;
  return {
    rows: rows
      .filter((r) => !r.isGroup)
      .map((r) => ({
        api: r.group ?? '',
        name: valueText(r.cell(LABELS.permissionColumn)),
        type: valueText(r.cell(LABELS.typeColumn)),
        status: valueText(r.cell(LABELS.statusColumn)),
      }))
      .filter((r) => r.name),
  };
}

/**
 * The secrets table's rows, each with its Value while the portal shows it in full (right after
 * the secret was added). The Value stays in this module: clientSecrets reports the rows without
 * it, newSecretValue hands it over as the one `secret` the frame sends to the background alone.
 */
function secretRows(doc: Document): (SecretRow & { value?: string })[] | null {
  const rows = gridRows(doc, [LABELS.valueColumn, LABELS.secretIdColumn]);
  if (!rows) return null;
  const out: (SecretRow & { value?: string })[] = [];
  for (const r of rows) {
    if (r.isGroup) continue;
    const shown = valueText(r.cell(LABELS.valueColumn));
    const secretId = valueText(r.cell(LABELS.secretIdColumn));
    if (!shown && !secretId) continue;
    const masked = isMasked(shown);
    const row: SecretRow & { value?: string } = {
      description: valueText(r.cell(LABELS.description)),
      expires: valueText(r.cell(LABELS.expires)),
      masked,
    };
    if (shown && !masked && !/\s/.test(shown)) row.value = shown;
    // Only a GUID is a Secret ID: were the columns ever mislabelled, the Value would sit under
    // "Secret ID", and it must not be reported (or stored) as one.
    if (GUID.test(secretId)) row.secretId = secretId;
    const hint = shown.replace(/[*•●…].*$/, '').slice(0, 3);
    if (hint) row.hint = hint;
    out.push(row);
  }
  return out;
}

function clientSecrets(doc: Document): ClientSecrets | null {
  const rows = secretRows(doc);
  return rows ? { rows: rows.map(({ value: _value, ...row }) => row) } : null;
}

function newSecretValue(doc: Document): NewSecretValue | null {
  const row = secretRows(doc)?.find((r) => r.value);
  if (!row?.value) return null;
  return { secret: row.value, secretId: row.secretId ?? '', hint: row.value.slice(0, 3), length: row.value.length };
}

function tenantOverview(doc: Document): TenantOverview | null {
  const primaryDomain = read(doc, LABELS.primaryDomain);
  return primaryDomain ? { primaryDomain, tenantId: read(doc, LABELS.tenantId) } : null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const DIRECTORY = /^(.*?)\s*\(([a-z0-9-]+(?:\.[a-z0-9-]+)+)\)$/i;

/** "Contoso (contoso.onmicrosoft.com)" in the account menu, which may also name the user. */
function currentDirectory(doc: Document): CurrentDirectory | null {
  const menu = pick(doc.querySelectorAll(SELECTORS.directory));
  if (!menu) return null;
  // The innermost element that reads "Name (domain)", else the whole menu's text.
  for (const el of [...Array.from(menu.querySelectorAll('*')).reverse(), menu]) {
    const m = DIRECTORY.exec(valueText(el));
    if (m?.[2]) return { name: m[1] ?? '', domain: m[2].toLowerCase() };
  }
  const text = valueText(menu);
  if (!text) return null;
  return HOST.test(text) ? { name: '', domain: text.toLowerCase() } : { name: text, domain: '' };
}

function enterpriseApp(doc: Document): EnterpriseApp | null {
  const appId = read(doc, LABELS.applicationId);
  const objectId = read(doc, LABELS.objectId);
  return GUID.test(appId) && GUID.test(objectId) ? { appId, objectId } : null;
}

function appAssignments(doc: Document): AppAssignments | null {
  const rows = gridRows(doc, [LABELS.displayNameColumn, LABELS.objectTypeColumn]);
  if (!rows) return textAnchors(doc, LABELS.noAssignments).length ? { users: 0, groups: 0 } : null;
  const out = { users: 0, groups: 0 };
  for (const r of rows) {
    if (r.isGroup) continue;
    const type = normText(valueText(r.cell(LABELS.objectTypeColumn)));
    if (type === 'user') out.users++;
    else if (type === 'group') out.groups++;
  }
  return out;
}

const isOn = (el: Element) =>
  (el as HTMLInputElement).checked === true || el.getAttribute('aria-checked') === 'true' || el.getAttribute('aria-pressed') === 'true';
const isDisabled = (el: Element) => (el as HTMLButtonElement).disabled === true || el.getAttribute('aria-disabled') === 'true';

function appProperties(doc: Document): AppProperties | null {
  const yes = locators.assignmentRequiredToggle.find(doc, 'Yes');
  if (!yes) return null;
  // A toggle is on or off; an option picker's "Yes" is checked, or its "No" is.
  const no = yes.matches(SELECTORS.radio) ? locators.assignmentRequiredToggle.find(doc, 'No') : null;
  const assignmentRequired = isOn(yes) ? 'Yes' : yes.matches(SELECTORS.radio) ? (no && isOn(no) ? 'No' : '') : 'No';
  const save = locators.saveButton.find(doc);
  return { assignmentRequired, unsaved: save !== null && !isDisabled(save) };
}


export const readers: Readers = {
  appEssentials: guard(appEssentials),
  authRedirectUris: guard(authRedirectUris),
  configuredPermissions: guard(configuredPermissions),
  clientSecrets: guard(clientSecrets),
  newSecretValue: guard(newSecretValue),
  tenantOverview: guard(tenantOverview),
  currentDirectory: guard(currentDirectory),
  enterpriseApp: guard(enterpriseApp),
  appAssignments: guard(appAssignments),
  appProperties: guard(appProperties),
};
