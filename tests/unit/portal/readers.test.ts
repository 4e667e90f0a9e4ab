import { beforeEach, describe, expect, test } from 'vitest';
import { PORTAL_READER_NAMES as READER_NAMES, type PortalReaderName as ReaderName } from '@/utils/portal/names';
import { readers, type ReaderResults } from '@/utils/portal/readers';
import { FIXTURES, html, layout, load } from './fixtures';

const CLIENT_ID = '6f1a3c2e-8d4b-4e7a-9c15-2b7d9e0f4a61';
const OBJECT_ID = 'b3e2d4c1-0f9a-4c8e-a7d6-5e4f3a2b1c09';
const TENANT_ID = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
const SECRET = 'Zq38Q~fAkEvAlUe.Only_For-Tests~012345678';
const SECRET_ID = '4c3b2a19-0807-4f6e-9d5c-4b3a29180706';
/** The app's enterprise application (service principal): its own object ID, not the app's. */
const SP_OBJECT_ID = '7c5e3a1f-9b2d-4e8c-a6f4-1d3b5c7e9a20';

const essentials: ReaderResults['appEssentials'] = {
  displayName: 'dbt Cloud',
  clientId: CLIENT_ID,
  objectId: OBJECT_ID,
  tenantId: TENANT_ID,
  accountTypes: 'My organization only',
  redirectUris: '1 web, 0 spa, 0 public client',
};
const permissions: ReaderResults['configuredPermissions'] = {
  rows: [
    { api: 'Microsoft Graph', name: 'User.Read', type: 'Delegated', status: 'Granted for Contoso' },
    { api: 'Microsoft Graph', name: 'GroupMember.Read.All', type: 'Delegated', status: 'Not granted for Contoso' },
    { api: 'SharePoint', name: 'AllSites.Read', type: 'Delegated', status: '' },
  ],
};
const secrets: ReaderResults['clientSecrets'] = {
  rows: [
    // The Value shown in full is not part of the table's reading: only newSecretValue hands it over.
    { description: 'dbt Cloud', expires: '11/26/2027', secretId: SECRET_ID, hint: 'Zq3', masked: false },
    {
      description: 'old integration',
      expires: '1/2/2026',
      secretId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      hint: 'q7T',
      masked: true,
    },
  ],
};
const tenant: ReaderResults['tenantOverview'] = { primaryDomain: 'contoso.onmicrosoft.com', tenantId: TENANT_ID };
/** Rotation: the old secret and the new one, both masked (the admin came back to delete the old). */
const rotation: ReaderResults['clientSecrets'] = {
  rows: [
    { description: 'dbt Cloud', expires: '1/2/2027', secretId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', hint: 'q7T', masked: true },
    { description: 'dbt Cloud rotated', expires: '11/26/2028', secretId: SECRET_ID, hint: 'Zq3', masked: true },
  ],
};
const newSecret: ReaderResults['newSecretValue'] = { secret: SECRET, secretId: SECRET_ID, hint: 'Zq3', length: 40 };
const enterpriseApp: ReaderResults['enterpriseApp'] = { appId: CLIENT_ID, objectId: SP_OBJECT_ID };
const saved: ReaderResults['appProperties'] = { assignmentRequired: 'No', unsaved: false };
const unsaved: ReaderResults['appProperties'] = { assignmentRequired: 'Yes', unsaved: true };
const none: ReaderResults['appAssignments'] = { users: 0, groups: 0 };

/** What each reader reads on each replica page; on every other page it reads null. */
const EXPECTED: { [K in ReaderName]: Record<string, ReaderResults[K]> } = {
  appEssentials: { 'overview.react': essentials, 'overview.knockout': essentials },
  authRedirectUris: {
    'authentication.react': {
      web: ['https://auth.cloud.getdbt.com/login/callback', 'https://auth.getdbt.com/login/callback?connection=acme-42'],
    },
    'authentication.knockout': { web: ['https://auth.emea.dbt.com/login/callback'] },
    // The panels open over the Authentication page, whose "+ Add a platform" is still there.
    'configure-platforms.react': { web: [] },
    'configure-web.react': { web: [] },
  },
  configuredPermissions: { 'api-permissions.react': permissions, 'api-permissions.knockout': permissions },
  clientSecrets: {
    'credentials.react': secrets,
    'credentials.knockout': secrets,
    // The panel opens over a page with no secrets yet.
    'add-secret.react': { rows: [] },
    'credentials-two-secrets.react': rotation,
    'credentials-two-secrets.knockout': rotation,
    'delete-secret-confirm.react': rotation,
    'delete-secret-confirm.knockout': rotation,
  },
  newSecretValue: { 'credentials.react': newSecret, 'credentials.knockout': newSecret },
  tenantOverview: { 'tenant-overview.react': tenant, 'tenant-overview.knockout': tenant },
  currentDirectory: {
    'shell.knockout': { name: 'CONTOSO', domain: 'contoso.onmicrosoft.com' },
    'shell.react': { name: 'Contoso Ltd', domain: 'contoso.onmicrosoft.com' },
  },
  // The enterprise application's Overview and Properties; not the list, whose "Application ID" and
  // "Object ID" are column headers, nor the app registration's Overview ("Application (client) ID").
  enterpriseApp: {
    'enterprise-overview.react': enterpriseApp,
    'enterprise-overview.knockout': enterpriseApp,
    'enterprise-properties.react': enterpriseApp,
    'enterprise-properties.knockout': enterpriseApp,
    'enterprise-properties-unsaved.react': enterpriseApp,
    'enterprise-properties-unsaved.knockout': enterpriseApp,
  },
  appAssignments: {
    'users-and-groups.react': { users: 1, groups: 1 },
    'users-and-groups.knockout': { users: 1, groups: 1 },
    'users-and-groups-empty.react': none,
    'users-and-groups-empty.knockout': none,
    // The panels open over a blade with no assignment yet.
    'add-assignment.react': none,
    'add-assignment.knockout': none,
  },
  appProperties: {
    'enterprise-properties.react': saved,
    'enterprise-properties.knockout': saved,
    'enterprise-properties-unsaved.react': unsaved,
    'enterprise-properties-unsaved.knockout': unsaved,
  },
};

describe.each(FIXTURES)('on %s', (fixture) => {
  beforeEach(() => {
    load(fixture);
    layout();
  });

  test.each(READER_NAMES)('%s', (name) => {
    const expected = (EXPECTED[name] as Record<string, unknown>)[fixture] ?? null;
    expect(readers[name](document)).toEqual(expected);
  });
});

describe('the Value stays in newSecretValue', () => {
  test.each(FIXTURES)('on %s, no reader but newSecretValue reports the Value', (fixture) => {
    load(fixture);
    layout();
    for (const name of READER_NAMES) {
      if (name === 'newSecretValue') continue;
      expect(JSON.stringify(readers[name](document)), name).not.toContain(SECRET);
    }
  });
});

describe('reading', () => {
  beforeEach(() => layout());

  test('an Authentication page without a Web platform reads no URIs', () => {
    load('authentication.react');
    document.querySelector('[aria-labelledby="web-card-title"]')?.remove();
    expect(readers.authRedirectUris(document)).toEqual({ web: [] });
  });

  test('after leaving the page, the new secret is masked: no Value to capture, only its hint', () => {
    load('credentials.react');
    const cell = document.querySelector('[data-test-target="newSecretValue"] span');
    if (cell) cell.textContent = 'Zq3*************************************';
    expect(readers.newSecretValue(document)).toBeNull();
    expect(readers.clientSecrets(document)?.rows[0]).toEqual({
      description: 'dbt Cloud',
      expires: '11/26/2027',
      secretId: SECRET_ID,
      hint: 'Zq3',
      masked: true,
    });
  });

  test('columns labelled the other way round: the Value is never reported as a Secret ID', () => {
    load('credentials.react');
    const headers = [...document.querySelectorAll('[role="columnheader"] span')];
    const value = headers.find((h) => h.textContent === 'Value');
    const secretId = headers.find((h) => h.textContent === 'Secret ID');
    if (!value || !secretId) throw new Error('fixture changed');
    [value.textContent, secretId.textContent] = ['Secret ID', 'Value'];
    // What sits under "Value" is a GUID: it is sent on, and the background refuses it as the Value.
    expect(readers.newSecretValue(document)).toEqual({ secret: SECRET_ID, secretId: '', hint: '4c3', length: 36 });
    expect(JSON.stringify(readers.clientSecrets(document))).not.toContain(SECRET);
  });

  test('a copy button and its tooltip are not part of the value', () => {
    const doc = html(
      '<dl><dt>Application (client) ID</dt><dd>' +
        `<span>${CLIENT_ID}</span><button>Copy</button><span role="tooltip">Copied</span>` +
        '<button title="Copy to clipboard"><span>Copy to clipboard</span></button></dd></dl>',
    );
    expect(readers.appEssentials(doc)?.clientId).toBe(CLIENT_ID);
  });

  test.each([
    ['<div class="fxs-avatarmenu-tenant">Fabrikam (fabrikam.com)</div>', { name: 'Fabrikam', domain: 'fabrikam.com' }],
    ['<div class="fxs-avatarmenu-tenant">FABRIKAM.ONMICROSOFT.COM</div>', { name: '', domain: 'fabrikam.onmicrosoft.com' }],
    ['<div class="fxs-avatarmenu-tenant">Default Directory</div>', { name: 'Default Directory', domain: '' }],
    ['<button data-telemetryname="DirectoryMenu">Adele <b>Contoso (contoso.com)</b></button>', { name: 'Contoso', domain: 'contoso.com' }],
  ])('current directory from %s', (markup, expected) => {
    expect(readers.currentDirectory(html(markup))).toEqual(expected);
  });

  test('the new secret\'s Value is only in `secret`: the rest, which the panel gets, does not hold it', () => {
    load('credentials.react');
    const { secret, ...rest } = readers.newSecretValue(document) ?? { secret: '' };
    expect(secret).toBe(SECRET);
    expect(JSON.stringify(rest)).not.toContain(SECRET);
    expect(JSON.stringify(rest)).not.toContain(SECRET.slice(3));
  });

  test('an enterprise application whose IDs are not GUIDs reads null', () => {
    load('enterprise-overview.react');
    const value = document.querySelector('[aria-labelledby="sp-objectId"] span');
    if (!value) throw new Error('fixture changed');
    value.textContent = 'Loading…';
    expect(readers.enterpriseApp(document)).toBeNull();
  });

  test('assignments: the empty message alone reads none; other object types are not counted', () => {
    expect(readers.appAssignments(html('<p>No application assignments found</p>'))).toEqual({ users: 0, groups: 0 });
    expect(readers.appAssignments(html('<p>Nothing here</p>'))).toBeNull();
    load('users-and-groups.knockout');
    const types = document.querySelectorAll('tbody tr td:nth-child(2)');
    if (types.length !== 2) throw new Error('fixture changed');
    types[0]!.textContent = 'Service principal';
    expect(readers.appAssignments(document)).toEqual({ users: 0, groups: 1 });
  });

  test('Properties: a toggle switched on reads Yes; a picker with neither option checked reads empty', () => {
    load('enterprise-properties.react');
    document.querySelector('[data-test-target^="assignmentRequiredToggle"]')?.setAttribute('aria-checked', 'true');
    expect(readers.appProperties(document)).toEqual({ assignmentRequired: 'Yes', unsaved: false });
    load('enterprise-properties.knockout');
    document.querySelector('[data-test-target="assignmentRequiredToggle:No"]')?.setAttribute('aria-checked', 'false');
    expect(readers.appProperties(document)).toEqual({ assignmentRequired: '', unsaved: false });
  });

  test('never throws into the page', () => {
    const broken = {} as Document;
    for (const name of READER_NAMES) expect(readers[name](broken)).toBeNull();
  });
});
