import { describe, expect, test } from 'vitest';
import { DEFAULT_SETUP, planFor, type Setup } from '@/utils/domain/setup';
import type { PermissionRow } from '@/utils/domain/values';
import {
  hasErrors,
  normalizeDomain,
  parseExpiry,
  validateField,
  validatePermissions,
  type FieldName,
  type Finding,
  type Severity,
  type ValidationContext,
} from '@/utils/domain/validate';

const CLIENT = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OBJECT = '5c1a0a3e-2b7d-4f8e-9a61-3d2c4b5e6f70';
const SECRET_ID = '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
/** A made-up Value in the current format: 3 characters, a digit, "Q~", 34 more (40 in all). */
const SECRET = 'abC8Q~xYz0123456789ABCDEFGHIJKLMNOPqrstu';
const OLD_SECRET = 'q5X-mq[B4*3vL9.t=Zr@8kH:pW2?yN1f';

const support: Setup = { ...DEFAULT_SETUP, profile: 'support', deploymentId: 'acme-42' };
const selfService: Setup = { ...DEFAULT_SETUP, region: 'emea' };
const SUPPORT_URI = 'https://auth.getdbt.com/login/callback?connection=acme-42';
const NOW = new Date('2026-06-01T12:00:00Z');

type Rejected = [
  field: FieldName,
  value: unknown,
  ctx: ValidationContext,
  code: string,
  severity: Severity,
  phrase: string,
];

function only(findings: Finding[], code: string): Finding {
  const hit = findings.filter((f) => f.code === code);
  expect(hit, JSON.stringify(findings)).toHaveLength(1);
  return hit[0] as Finding;
}

describe('validateField accepts', () => {
  test.each<[FieldName, unknown, ValidationContext]>([
    ['deploymentId', 'acme-42', {}],
    ['deploymentId', 'ACME_prod_7', {}],
    ['redirectUri', SUPPORT_URI, { setup: support }],
    ['redirectUri', 'https://auth.emea.dbt.com/login/callback', { setup: selfService }],
    ['redirectUri', 'https://auth.cloud.getdbt.com/login/callback', { setup: DEFAULT_SETUP }],
    ['redirectUri', 'https://auth.x.dbt.com/login/callback', { setup: { ...DEFAULT_SETUP, region: 'custom', customRedirectUri: 'https://auth.x.dbt.com/login/callback' } }],
    ['redirectUri', 'https://auth.cloud.getdbt.com/login/callback', {}],
    ['redirectUri', SUPPORT_URI, {}],
    ['appName', 'dbt Cloud', {}],
    ['accountType', 'Accounts in this organizational directory only (Contoso only - Single tenant)', {}],
    ['accountType', 'My organization only', {}],
    ['accountType', 'Single tenant', {}],
    ['accountType', 'AzureADMyOrg', {}],
    ['platform', 'Web', {}],
    ['platform', ' web ', {}],
    ['clientId', CLIENT, { tenantId: TENANT, objectId: OBJECT, routeAppId: CLIENT }],
    ['clientId', CLIENT.toUpperCase(), { routeAppId: CLIENT }],
    ['tenantId', TENANT, { clientId: CLIENT, objectId: OBJECT }],
    ['objectId', OBJECT, { clientId: CLIENT }],
    ['clientSecret', SECRET, { secretHint: 'abC', secretId: SECRET_ID, clientId: CLIENT }],
    ['clientSecret', SECRET, { secretHint: 'abC*************' }],
    ['secretExpiry', '2028-05-31', { now: NOW }],
    ['secretExpiry', '2027-06-01', { now: NOW }],
    ['secretExpiry', '12/26/2027', { now: NOW }],
    ['secretExpiry', '2027-11-26T00:00:00Z', { now: NOW }],
    ['domain', 'contoso.onmicrosoft.com', { primaryDomain: 'contoso.onmicrosoft.com' }],
    ['domain', 'contoso.com', {}],
    ['domain', 'Contoso.COM', { primaryDomain: 'contoso.com' }],
    ['permissions', [{ api: 'Microsoft Graph', name: 'User.Read', type: 'Delegated', status: 'Granted for Contoso' }, { api: 'Microsoft Graph', name: 'GroupMember.Read.All', type: 'Delegated', status: 'Granted for Contoso' }], {}],
    // The URI dbt support sends, pasted as it is: any https host of dbt's, dbt's path, a query.
    ['redirectUri', 'https://acme.us1.dbt.com/login/callback?connection=acme', { setup: { ...support, supportRedirectUri: 'https://acme.us1.dbt.com/login/callback?connection=acme' } }],
    ['redirectUri', 'https://auth.getdbt.com/login/callback?connection=acme-42', { setup: { ...support, deploymentId: '' , supportRedirectUri: 'https://auth.getdbt.com/login/callback?connection=acme-42' } }],
    ['accountType', 'Multiple organizations', { setup: { ...DEFAULT_SETUP, accountType: 'multi' } }],
    ['accountType', 'Accounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant)', { setup: { ...DEFAULT_SETUP, accountType: 'multi' } }],
    ['accountType', 'All Microsoft account users', { setup: { ...DEFAULT_SETUP, accountType: 'multi-personal' } }],
    ['accountType', 'Personal Microsoft accounts only', { setup: { ...DEFAULT_SETUP, accountType: 'personal' } }],
    ['domain', 'organizations', { setup: { ...DEFAULT_SETUP, accountType: 'multi' } }],
    ['domain', 'common', { setup: { ...DEFAULT_SETUP, accountType: 'multi-personal' } }],
    ['domain', 'consumers', { setup: { ...DEFAULT_SETUP, accountType: 'personal' } }],
  ])('%s %j', (field, value, ctx) => {
    expect(validateField(field, value, ctx)).toEqual([]);
  });
});

describe('validateField rejects', () => {
  test.each<Rejected>([
    // Empty and unreadable values
    ['deploymentId', '', {}, 'required', 'error', 'Deployment ID is empty'],
    ['redirectUri', '   ', {}, 'required', 'error', 'Redirect URI is empty'],
    ['appName', '', {}, 'required', 'error', 'is empty'],
    ['accountType', undefined, {}, 'required', 'error', 'is empty'],
    ['platform', null, {}, 'required', 'error', 'is empty'],
    ['clientId', '', {}, 'required', 'error', 'Application (client) ID is empty'],
    ['tenantId', '', {}, 'required', 'error', 'Directory (tenant) ID is empty'],
    ['objectId', '', {}, 'required', 'error', 'Object ID is empty'],
    ['clientSecret', '', {}, 'required', 'error', 'Client secret Value is empty'],
    ['secretExpiry', '', {}, 'required', 'error', 'expiry date is empty'],
    ['domain', '', {}, 'required', 'error', 'Directory domain is empty'],
    ['clientId', 42, {}, 'invalid-input', 'error', 'could not be read'],
    ['permissions', 'User.Read', {}, 'invalid-input', 'error', 'could not be read'],

    // Deployment ID
    ['deploymentId', '<your-deployment-id>', {}, 'deployment-id-placeholder', 'error', 'placeholder'],
    ['deploymentId', '%3Cyour-deployment-id%3E', {}, 'deployment-id-placeholder', 'error', 'placeholder'],
    ['deploymentId', '<deployment-id>', {}, 'deployment-id-placeholder', 'error', 'placeholder'],
    ['deploymentId', 'acme 42', {}, 'deployment-id-space', 'error', 'contains spaces'],
    ['deploymentId', 'acme<42', {}, 'deployment-id-angle-bracket', 'error', '"<" or ">"'],
    ['deploymentId', 'acme.42', {}, 'deployment-id-characters', 'error', 'letters, digits'],
    ['deploymentId', 'a'.repeat(101), {}, 'deployment-id-too-long', 'error', 'longer than 100'],
    ['deploymentId', SUPPORT_URI, {}, 'deployment-id-url', 'error', 'after "connection=": acme-42'],
    ['deploymentId', ' acme-42 ', {}, 'whitespace', 'warning', 'left out'],

    // Redirect URI
    ['redirectUri', 'http://auth.getdbt.com/login/callback?connection=acme-42', { setup: support }, 'redirect-uri-http', 'error', 'Use "https:"'],
    ['redirectUri', 'http://auth.cloud.getdbt.com/login/callback', {}, 'redirect-uri-http', 'error', 'Use "https:"'],
    ['redirectUri', 'https://auth.cloud.getdbt.com/login/callback', { setup: support }, 'redirect-uri-wrong-host', 'error', 'auth.getdbt.com'],
    // Another of dbt's hosts than the region's: cell-based accounts have their own.
    ['redirectUri', 'https://auth.cloud.getdbt.com/login/callback', { setup: selfService }, 'redirect-uri-other-dbt-host', 'warning', 'auth.emea.dbt.com'],
    ['redirectUri', 'https://auth.getdbt.com/callback?connection=acme-42', { setup: support }, 'redirect-uri-wrong-path', 'error', '/login/callback'],
    ['redirectUri', 'https://acme.us1.dbt.com/complete/azure_single_tenant', {}, 'redirect-uri-legacy-path', 'error', 'older dbt instructions'],
    // A pasted URI is checked as one of dbt's whatever the setup expects (it is its own expectation).
    ['redirectUri', 'https://auth.getdbt.com.evil.example/login/callback', { setup: { ...DEFAULT_SETUP, region: 'custom', customRedirectUri: 'https://auth.getdbt.com.evil.example/login/callback' } }, 'redirect-uri-not-dbt-host', 'error', 'not one of dbt\'s hosts'],
    ['redirectUri', 'https://evil-dbt.com/login/callback', { setup: { ...support, supportRedirectUri: 'https://evil-dbt.com/login/callback' } }, 'redirect-uri-not-dbt-host', 'error', 'evil-dbt.com'],
    ['redirectUri', 'https://auth.x.dbt.com/callback', { setup: { ...DEFAULT_SETUP, region: 'custom', customRedirectUri: 'https://auth.x.dbt.com/callback' } }, 'redirect-uri-wrong-path', 'error', '/login/callback'],
    ['redirectUri', 'https://auth.cloud.getdbt.com.evil.example/login/callback', { setup: DEFAULT_SETUP }, 'redirect-uri-not-dbt-host', 'error', 'auth.cloud.getdbt.com.evil.example'],
    ['redirectUri', 'https://auth.cloud.getdbt.com/login', {}, 'redirect-uri-wrong-path', 'error', '/login/callback'],
    ['redirectUri', 'https://auth.getdbt.com/login/callback', { setup: support }, 'redirect-uri-missing-deployment-id', 'error', '?connection=acme-42'],
    ['redirectUri', 'https://auth.getdbt.com/login/callback?connection=', {}, 'redirect-uri-missing-deployment-id', 'error', 'no deployment ID'],
    ['redirectUri', 'https://auth.getdbt.com/login/callback?connection=<your-deployment-id>', { setup: support }, 'redirect-uri-placeholder', 'error', '<your-deployment-id>'],
    ['redirectUri', 'https://auth.getdbt.com/login/callback?connection=%3Cyour-deployment-id%3E', {}, 'redirect-uri-placeholder', 'error', 'placeholder'],
    ['redirectUri', 'https://<auth0-uri>/login/callback', {}, 'redirect-uri-placeholder', 'error', 'angle brackets'],
    ['redirectUri', `${SUPPORT_URI}/`, { setup: support }, 'redirect-uri-trailing-slash', 'error', 'remove the trailing slash'],
    ['redirectUri', 'https://auth.cloud.getdbt.com/login/callback/', {}, 'redirect-uri-trailing-slash', 'error', 'ends with "/"'],
    ['redirectUri', ` ${SUPPORT_URI}\n`, { setup: support }, 'whitespace', 'error', 'spaces or line breaks'],
    ['redirectUri', 'https://auth.getdbt.com/login/callback?connection=other-7', { setup: support }, 'redirect-uri-wrong-deployment-id', 'error', 'differs from the one set up (acme-42)'],
    ['redirectUri', 'https://auth.getdbt.com/login/callback?connection=a%20b', {}, 'redirect-uri-bad-deployment-id', 'error', 'not a valid ID'],
    ['redirectUri', 'https://auth.emea.dbt.com/login/callback?x=1', { setup: selfService }, 'redirect-uri-mismatch', 'error', 'https://auth.emea.dbt.com/login/callback'],
    ['redirectUri', 'https://auth.cloud.getdbt.com/login/callback#x', {}, 'redirect-uri-fragment', 'error', '"#"'],
    ['redirectUri', 'auth.cloud.getdbt.com/login/callback', {}, 'redirect-uri-no-scheme', 'error', 'https://'],
    ['redirectUri', 'not a uri', {}, 'redirect-uri-not-url', 'error', 'https://'],
    ['redirectUri', 'ftp://auth.cloud.getdbt.com/login/callback', {}, 'redirect-uri-not-url', 'error', 'https://'],

    // App name, account type, platform
    ['appName', 'My SSO app', {}, 'app-name-not-dbt-cloud', 'warning', '"dbt Cloud"'],
    ['appName', ' dbt Cloud', {}, 'whitespace', 'warning', 'spaces'],
    ['accountType', 'Accounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant)', {}, 'account-type-multi-tenant', 'warning', 'single tenant'],
    ['accountType', 'Multiple organizations', {}, 'account-type-multi-tenant', 'warning', 'single tenant'],
    ['accountType', 'Accounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant) and personal Microsoft accounts (e.g. Skype, Xbox)', {}, 'account-type-personal', 'warning', 'personal Microsoft accounts'],
    ['accountType', 'Personal Microsoft accounts only', {}, 'account-type-personal', 'warning', 'recommends single tenant'],
    ['accountType', 'All Microsoft account users', {}, 'account-type-personal', 'warning', 'this organizational directory only'],
    // Read back from the page against the setup: the two must agree.
    ['accountType', 'Multiple organizations', { setup: DEFAULT_SETUP }, 'account-type-mismatch', 'error', 'your setup says'],
    ['accountType', 'My organization only', { setup: { ...DEFAULT_SETUP, accountType: 'multi' } }, 'account-type-mismatch', 'error', 'Microsoft Entra ID Domain'],
    ['accountType', 'All Microsoft account users', { setup: { ...DEFAULT_SETUP, accountType: 'multi' } }, 'account-type-mismatch', 'error', 'Multi-tenant and personal'],
    ['accountType', 'Somebody', {}, 'account-type-unknown', 'warning', 'not recognised'],
    ['platform', 'Single-page application', {}, 'platform-spa', 'error', 'needs the platform "Web"'],
    ['platform', 'Single-page application (SPA)', {}, 'platform-spa', 'error', 'client secret'],
    ['platform', 'Public client/native (mobile & desktop)', {}, 'platform-public-client', 'error', 'needs the platform "Web"'],
    ['platform', 'Mobile and desktop applications', {}, 'platform-public-client', 'error', '+ Add a platform > Web'],
    ['platform', 'Something', {}, 'platform-unknown', 'warning', '"Web"'],

    // IDs
    ['clientId', 'not-a-guid', {}, 'not-guid', 'error', 'not an ID of the right form'],
    ['clientId', `{${CLIENT}}`, {}, 'not-guid', 'error', 'without braces'],
    ['clientId', `${CLIENT} `, {}, 'whitespace', 'error', 'spaces or line breaks'],
    ['clientId', TENANT, { tenantId: TENANT }, 'client-id-is-tenant-id', 'error', 'Directory (tenant) ID'],
    ['clientId', OBJECT, { objectId: OBJECT.toUpperCase(), routeAppId: CLIENT }, 'client-id-is-object-id', 'error', 'That is the Object ID'],
    ['clientId', SECRET_ID, { secretId: SECRET_ID }, 'client-id-is-secret-id', 'error', 'Secret ID'],
    ['clientId', CLIENT, { routeAppId: OBJECT }, 'client-id-route-mismatch', 'error', 'not the one of the app open'],
    ['tenantId', 'contoso.onmicrosoft.com', {}, 'not-guid', 'error', 'not an ID'],
    ['tenantId', CLIENT, { clientId: CLIENT }, 'tenant-id-is-client-id', 'error', 'Application (client) ID'],
    ['tenantId', OBJECT, { objectId: OBJECT }, 'tenant-id-is-object-id', 'error', 'Object ID'],
    ['objectId', '1234', {}, 'not-guid', 'error', 'not an ID'],
    ['objectId', CLIENT, { clientId: CLIENT }, 'object-id-is-client-id', 'error', 'Application (client) ID'],

    // Client secret
    ['clientSecret', SECRET_ID, {}, 'secret-is-secret-id', 'error', 'That is the Secret ID, not the Value'],
    ['clientSecret', 'my-secret-id-1234', { secretId: 'my-secret-id-1234' }, 'secret-is-secret-id', 'error', 'Secret ID, not the Value'],
    ['clientSecret', CLIENT, { clientId: CLIENT }, 'secret-is-app-id', 'error', 'not the client secret Value'],
    ['clientSecret', 'abC', {}, 'secret-truncated', 'error', 'too short'],
    ['clientSecret', 'abC8Q~xYz', {}, 'secret-truncated', 'error', 'create a new secret'],
    ['clientSecret', 'abC8Q~xYz0123…', {}, 'secret-truncated', 'error', 'too short'],
    ['clientSecret', 'abC***************', {}, 'secret-masked', 'error', 'masked'],
    ['clientSecret', 'abC8Q~••••••••••••', {}, 'secret-masked', 'error', 'masked'],
    ['clientSecret', ` ${SECRET}`, {}, 'whitespace', 'error', 'spaces or line breaks'],
    ['clientSecret', `${SECRET}\n`, {}, 'whitespace', 'error', 'spaces or line breaks'],
    ['clientSecret', `${SECRET.slice(0, 20)}\n${SECRET.slice(20)}`, {}, 'secret-inner-whitespace', 'error', 'line breaks'],
    ['clientSecret', OLD_SECRET, {}, 'secret-format', 'warning', 'before 2021'],
    ['clientSecret', SECRET, { secretHint: 'xyz' }, 'secret-hint-mismatch', 'error', 'does not begin with'],

    // Secret expiry
    ['secretExpiry', 'Never', { now: NOW }, 'expiry-never', 'error', 'no longer exists'],
    ['secretExpiry', 'next year', { now: NOW }, 'expiry-not-date', 'error', 'not a date'],
    ['secretExpiry', '2026-02-30', { now: NOW }, 'expiry-not-date', 'error', 'not a date'],
    ['secretExpiry', '2026-05-31', { now: NOW }, 'expiry-past', 'error', 'SSO stops working'],
    // Secrets made earlier, or with the CLI or Graph, can show later dates: a warning.
    ['secretExpiry', '2028-06-03', { now: NOW }, 'expiry-too-far', 'warning', 'more than 24 months'],
    ['secretExpiry', '2299-12-31', { now: NOW }, 'expiry-too-far', 'warning', '12/31/2299'],
    ['secretExpiry', '2026-06-20', { now: NOW }, 'expiry-soon', 'warning', 'expires in 19 days'],
    ['secretExpiry', '2026-06-01', { now: NOW }, 'expiry-soon', 'warning', 'expires today'],
    ['secretExpiry', '11/05/2027', { now: NOW }, 'expiry-ambiguous', 'warning', '2027-11-05'],

    // Domain
    ['domain', 'admin@contoso.com', {}, 'domain-email', 'error', 'after "@": contoso.com'],
    ['domain', 'https://contoso.com/', {}, 'domain-url', 'error', 'without "https://"'],
    ['domain', 'contoso.com/about', {}, 'domain-url', 'error', ': contoso.com'],
    ['domain', 'contoso.com.', {}, 'domain-trailing-dot', 'error', 'ends with a dot'],
    ['domain', ' contoso.com', {}, 'whitespace', 'error', 'spaces or line breaks'],
    ['domain', 'contoso', {}, 'domain-syntax', 'error', 'not a domain name'],
    ['domain', 'con toso.com', {}, 'domain-syntax', 'error', 'not a domain name'],
    ['domain', '-contoso.com', {}, 'domain-syntax', 'error', 'not a domain name'],
    ['domain', TENANT, {}, 'domain-is-tenant-id', 'error', 'not a domain'],
    ['domain', 'contoso.onmicrosoft.com', { primaryDomain: 'contoso.com' }, 'domain-not-primary', 'warning', 'dbt wants the primary domain'],
    ['domain', 'contoso.onmicrosoft.com', { setup: { ...DEFAULT_SETUP, accountType: 'multi' } }, 'domain-not-authority', 'error', '"organizations"'],
    ['domain', 'organizations', { setup: { ...DEFAULT_SETUP, accountType: 'multi-personal' } }, 'domain-not-authority', 'error', 'Enter common'],
    ['domain', 'Organizations', { setup: { ...DEFAULT_SETUP, accountType: 'multi' } }, 'domain-authority-case', 'warning', 'lower case'],
    ['domain', 'organizations', { setup: DEFAULT_SETUP }, 'domain-is-authority', 'error', 'primary domain'],
  ])('%s %j gives %s', (field, value, ctx, code, severity, phrase) => {
    const hit = only(validateField(field, value, ctx), code);
    expect(hit.field).toBe(field);
    expect(hit.severity).toBe(severity);
    expect(hit.message).toContain(phrase);
  });
});

describe('one finding per problem', () => {
  test('a domain pasted as a URL with a trailing dot and spaces', () => {
    expect(validateField('domain', ' contoso.com. ').map((f) => f.code)).toEqual(['whitespace', 'domain-trailing-dot']);
  });

  test('a plain http URI gives only the scheme finding, not a mismatch', () => {
    const codes = validateField('redirectUri', SUPPORT_URI.replace('https', 'http'), { setup: support }).map((f) => f.code);
    expect(codes).toEqual(['redirect-uri-http']);
  });

  test('the trailing slash is not also reported as a wrong path', () => {
    const codes = validateField('redirectUri', `${planFor(selfService).redirectUri}/`, { setup: selfService }).map((f) => f.code);
    expect(codes).toEqual(['redirect-uri-trailing-slash']);
  });

  test('a deployment ID with a space and a dot', () => {
    expect(validateField('deploymentId', 'acme 4.2').map((f) => f.code)).toEqual([
      'deployment-id-space',
      'deployment-id-characters',
    ]);
  });
});

describe('validatePermissions', () => {
  const required = planFor(support).permissions;
  const granted = (name: string, extra: Partial<PermissionRow> = {}): PermissionRow => ({
    api: 'Microsoft Graph',
    name,
    type: 'Delegated',
    status: 'Granted for Contoso',
    ...extra,
  });

  test.each<[string, PermissionRow[]]>([
    ['both granted', [granted('User.Read'), granted('GroupMember.Read.All')]],
    ['group headers and check marks', [granted('user.read', { api: 'Microsoft Graph (2)', status: '✓ Granted for Contoso' }), granted('GroupMember.Read.All', { api: 'Microsoft Graph (2)' })]],
    ['an optional one dbt lists', [granted('User.Read'), granted('GroupMember.Read.All'), granted('Directory.Read.All')]],
  ])('accepts %s', (_name, rows) => {
    expect(validatePermissions(rows, required)).toEqual([]);
  });

  test.each<[string, PermissionRow[], string, Severity, string]>([
    ['nothing configured', [], 'permission-missing', 'error', 'User.Read (Microsoft Graph, Delegated) is missing'],
    ['Application instead of Delegated', [granted('User.Read', { type: 'Application' }), granted('GroupMember.Read.All')], 'permission-wrong-type', 'error', 'User.Read is listed with the type Application'],
    ['only under Azure AD Graph', [granted('User.Read'), granted('GroupMember.Read.All', { api: 'Azure Active Directory Graph' })], 'permission-azure-ad-graph', 'error', 'retired on 31 August 2025'],
    ['not granted', [granted('User.Read', { status: 'Not granted for Contoso' }), granted('GroupMember.Read.All')], 'permission-not-granted', 'error', 'User.Read has no admin consent'],
    ['empty status', [granted('User.Read', { status: '' }), granted('GroupMember.Read.All')], 'permission-not-granted', 'error', 'Granted for <your organization>'],
    ['a warning status', [granted('User.Read', { status: '⚠ Not granted for Contoso' }), granted('GroupMember.Read.All')], 'permission-not-granted', 'error', 'Grant admin consent'],
    ['an extra Application entry', [granted('User.Read'), granted('User.Read', { type: 'Application' }), granted('GroupMember.Read.All')], 'permission-extra-type', 'warning', 'User.Read is also listed with the type Application'],
    ['an Azure AD Graph leftover', [granted('User.Read'), granted('User.Read', { api: 'Azure Active Directory Graph' }), granted('GroupMember.Read.All')], 'permission-azure-ad-graph-leftover', 'warning', 'retired on 31 August 2025'],
    // dbt's December 2025 change: earlier configurations asked for Directory.Read.All instead.
    ['Directory.Read.All instead of GroupMember.Read.All', [granted('User.Read'), granted('Directory.Read.All')], 'permission-missing', 'error', 'before December 2025'],
    ['Directory.AccessAsUser.All kept from earlier instructions', [granted('User.Read'), granted('GroupMember.Read.All'), granted('Directory.AccessAsUser.All')], 'permission-broader-than-needed', 'warning', 'broader than dbt needs'],
    ['consent roles named as Microsoft documents them', [granted('User.Read', { status: '' }), granted('GroupMember.Read.All')], 'permission-not-granted', 'error', 'Cloud Application Administrator or Application Administrator'],
  ])('%s gives %s', (_name, rows, code, severity, phrase) => {
    const hit = validatePermissions(rows, required).filter((f) => f.code === code);
    expect(hit.length).toBeGreaterThanOrEqual(1);
    expect(hit[0]?.severity).toBe(severity);
    expect(hit[0]?.message).toContain(phrase);
  });

  test('one finding per missing permission, each naming it', () => {
    const findings = validatePermissions([], planFor({ ...DEFAULT_SETUP, includeDirectoryRead: true }).permissions);
    expect(findings.map((f) => f.code)).toEqual(['permission-missing', 'permission-missing', 'permission-missing']);
    expect(findings.map((f) => f.message.split(' ')[0])).toEqual(['User.Read', 'GroupMember.Read.All', 'Directory.Read.All']);
  });

  test('validateField takes the required permissions from the setup', () => {
    const rows = [granted('User.Read'), granted('GroupMember.Read.All')];
    expect(validateField('permissions', rows)).toEqual([]);
    expect(validateField('permissions', rows, { setup: { ...DEFAULT_SETUP, includeDirectoryRead: true } }).map((f) => f.message.split(' ')[0])).toEqual([
      'Directory.Read.All',
    ]);
  });
});

describe('parseExpiry', () => {
  test.each<[string, string | null]>([
    ['2028-11-26', '2028-11-26'],
    [' 2028-11-26 ', '2028-11-26'],
    ['11/26/2028', '2028-11-26'],
    ['1/5/2028', '2028-01-05'],
    ['26/11/2028', '2028-11-26'],
    ['11/26/2028, 12:00:00 AM', '2028-11-26'],
    ['2028-11-26T00:00:00Z', '2028-11-26'],
    ['2028-11-26T23:59:59.123+02:00', '2028-11-26'],
    ['26.11.2028', '2028-11-26'],
    ['2028/11/26', '2028-11-26'],
    ['2028-02-29', '2028-02-29'],
    ['2027-02-29', null],
    ['13/13/2028', null],
    ['Never', null],
    ['730 days (24 months)', null],
    ['', null],
  ])('%j gives %j', (value, iso) => {
    expect(parseExpiry(value)).toBe(iso);
  });
});

describe('normalizeDomain', () => {
  test.each<[string, string | null]>([
    ['contoso.com', 'contoso.com'],
    ['admin@contoso.com', 'contoso.com'],
    ['mailto:admin@Contoso.com', 'contoso.com'],
    ['https://contoso.com/', 'contoso.com'],
    ['https://www.contoso.com/path?q=1', 'www.contoso.com'],
    ['contoso.onmicrosoft.com/', 'contoso.onmicrosoft.com'],
    ['contoso.com:443', 'contoso.com'],
    ['contoso.com.', 'contoso.com'],
    ['  CONTOSO.COM  ', 'contoso.com'],
    ['contoso', null],
    ['con toso.com', null],
    ['', null],
  ])('%j gives %j', (value, domain) => {
    expect(normalizeDomain(value)).toBe(domain);
  });
});

describe('hasErrors', () => {
  test.each<[Finding[], boolean]>([
    [[], false],
    [validateField('appName', 'Other'), false],
    [validateField('clientId', 'x'), true],
    [[...validateField('appName', 'Other'), ...validateField('domain', 'x')], true],
  ])('%#', (findings, expected) => {
    expect(hasErrors(findings)).toBe(expected);
  });
});

describe('the secret never appears in a message', () => {
  test.each<[string, ValidationContext]>([
    [SECRET, { secretHint: 'xyz' }],
    [` ${SECRET}`, {}],
    [OLD_SECRET, {}],
    ['abC8Q~xYz0123…', {}],
    ['abC***************', {}],
  ])('%#', (secret, ctx) => {
    for (const f of validateField('clientSecret', secret, ctx)) {
      expect(f.message).not.toContain(secret.trim());
      expect(f.message).not.toContain(secret.trim().slice(0, 6));
    }
  });
});
