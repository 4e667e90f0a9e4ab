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
import type { ReaderName } from '@/utils/portal/names';

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

export interface SecretRow {
  description: string;
  expires: string;
  /** Only while the portal shows it in full, right after the secret was added. */
  value?: string;
  secretId?: string;
  /** The first characters that stay visible once the Value is masked. */
  hint?: string;
  masked: boolean;
}

export interface ClientSecrets {
  rows: SecretRow[];
}

export interface NewSecretValue {
  value: string;
  secretId: string;
}

export interface TenantOverview {
  primaryDomain: string;
  tenantId: string;
}

export interface CurrentDirectory {
  name: string;
  domain: string;
}

export interface ReaderResults {
  appEssentials: AppEssentials;
  authRedirectUris: AuthRedirectUris;
  configuredPermissions: ConfiguredPermissions;
  clientSecrets: ClientSecrets;
  newSecretValue: NewSecretValue;
  tenantOverview: TenantOverview;
  currentDirectory: CurrentDirectory;
}

export type Readers = { [K in ReaderName]: (doc: Document) => ReaderResults[K] | null };

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

function clientSecrets(doc: Document): ClientSecrets | null {
  const rows = gridRows(doc, [LABELS.valueColumn, LABELS.secretIdColumn]);
  if (!rows) return null;
  const out: SecretRow[] = [];
  for (const r of rows) {
    if (r.isGroup) continue;
    const shown = valueText(r.cell(LABELS.valueColumn));
    const secretId = valueText(r.cell(LABELS.secretIdColumn));
    if (!shown && !secretId) continue;
    const masked = isMasked(shown);
    const row: SecretRow = {
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
  return { rows: out };
}

function newSecretValue(doc: Document): NewSecretValue | null {
  const row = clientSecrets(doc)?.rows.find((r) => r.value);
  return row?.value ? { value: row.value, secretId: row.secretId ?? '' } : null;
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

const guard =
  <T>(fn: (doc: Document) => T | null) =>
  (doc: Document): T | null => {
    try {
      return fn(doc);
    } catch {
      return null;
    }
  };

export const readers: Readers = {
  appEssentials: guard(appEssentials),
  authRedirectUris: guard(authRedirectUris),
  configuredPermissions: guard(configuredPermissions),
  clientSecrets: guard(clientSecrets),
  newSecretValue: guard(newSecretValue),
  tenantOverview: guard(tenantOverview),
  currentDirectory: guard(currentDirectory),
};
