import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { SIGN_IN_ERRORS } from '@/steps/diagnosis/sign-in-errors';
import { diagnose, ERROR_CODE_REFERENCE, MAX_INPUT, SignInErrorSchema } from '@/utils/domain/sign-in-errors';

const APP = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const codes = (text: string) => diagnose(text, SIGN_IN_ERRORS).map((d) => d.code);
const base = SIGN_IN_ERRORS.find((e) => e.code === 'AADSTS50011');
if (!base) throw new Error('AADSTS50011 is in the catalogue');

/**
 * Error texts as Microsoft Entra ID shows them, with the placeholders filled in. Where the wording
 * comes from: M = a Microsoft Learn page quoting the message (troubleshooting article, MSAL or
 * Power BI docs, the error-code table), R = the runtime text as recorded in stored error logs,
 * dbt = dbt's "Set up SSO with Microsoft Entra ID". docs/sources.md has the page for each.
 */
const REAL: [code: string, stepId: string, text: string][] = [
  [
    // M: "Error AADSTS50011 with OpenID authentication" (Symptoms).
    'AADSTS50011',
    'add-redirect-uri',
    `AADSTS50011: The redirect URI 'https://auth.cloud.getdbt.com/login/callback' specified in the request does not match the redirect URIs configured for the application '${APP}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
  ],
  [
    // dbt: the "Platform type" note.
    'AADSTS9002325',
    'add-redirect-uri',
    'AADSTS9002325: Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
  ],
  [
    // M: "Troubleshoot your embedded application" (Power BI), a heading.
    'AADSTS90094',
    'grant-admin-consent',
    'AADSTS90094: The grant requires admin permission.',
  ],
  [
    // M: an MSAL.NET exceptions table.
    'AADSTS65001',
    'grant-admin-consent',
    `AADSTS65001: The user or administrator has not consented to use the application with ID '${APP}' named 'dbt Cloud'. Send an interactive authorization request for this user and resource.`,
  ],
  [
    // R (the Learn table: "The application wasn't found in the directory/tenant. …").
    'AADSTS700016',
    'dbt-sso-form',
    `AADSTS700016: Application with identifier '${APP}' was not found in the directory 'Contoso'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  ],
  [
    // M: MSAL.NET's ADAL.NET migration guide for confidential clients, Troubleshooting.
    'AADSTS90002',
    'dbt-sso-form',
    "AADSTS90002: Tenant 'cf61953b-e41a-46b3-b500-663d279ea744' not found. This may happen if there are no active subscriptions for the tenant. Check to make sure you have the correct tenant ID. Check with your subscription administrator.",
  ],
  [
    // R (the Learn table has the same sentence with "isn't").
    'AADSTS50194',
    'dbt-sso-form',
    `AADSTS50194: Application '${APP}'(dbt Cloud) is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.`,
  ],
  [
    // R.
    'AADSTS7000215',
    'create-client-secret',
    `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${APP}'.`,
  ],
  [
    // R.
    'AADSTS7000222',
    'create-client-secret',
    `AADSTS7000222: The provided client secret keys for app '${APP}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
  ],
  [
    // M: "Error AADSTS50105" (Symptoms).
    'AADSTS50105',
    'assign-users',
    'Error AADSTS50105 - The signed in user is not assigned to a role for the application.',
  ],
  [
    // M: "Error AADSTS50020" (Symptoms).
    'AADSTS50020',
    'test-sign-in',
    "AADSTS50020: User account 'user@fabrikam.com' from identity provider 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/' does not exist in tenant 'Contoso' and cannot access the application 'dbt Cloud' in that tenant.",
  ],
  [
    // R.
    'AADSTS700054',
    'add-redirect-uri',
    "AADSTS700054: response_type 'id_token' is not enabled for the application.",
  ],
  [
    // dbt: "Troubleshooting tips".
    'dbt-domain-mismatch',
    'dbt-sso-form',
    'Domain name mismatch',
  ],
];

describe('the catalogue', () => {
  test.each(SIGN_IN_ERRORS.map((e) => [e.code, e] as const))('%s parses against the schema', (_code, entry) => {
    const parsed = SignInErrorSchema.safeParse(entry);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  test.each(SIGN_IN_ERRORS.map((e) => [e.code, e.source.url] as const))('%s names an https source on Microsoft Learn or dbt docs', (_code, url) => {
    expect(['learn.microsoft.com', 'docs.getdbt.com']).toContain(new URL(url).hostname);
    expect(new URL(url).protocol).toBe('https:');
  });

  test('codes are unique, and every entry has its real text here', () => {
    const all = SIGN_IN_ERRORS.map((e) => e.code);
    expect(new Set(all).size).toBe(all.length);
    expect(REAL.map(([code]) => code).sort()).toEqual([...all].sort());
  });

  test.each([
    ['an http source', { ...base, source: { ...base.source, url: 'http://learn.microsoft.com/entra/identity-platform/reference-error-codes' } }],
    ['a source without a URL', { ...base, source: { title: base.source.title } }],
    ['a coded entry with words to match', { ...base, match: ['redirect URI'] }],
    ['a step id that is not kebab case', { ...base, stepId: 'Add Redirect URI' }],
    ['an unknown field', { ...base, note: 'x' }],
    ['an empty fix', { ...base, fix: '' }],
    ['a code that is neither AADSTS nor kebab case', { ...base, code: 'Domain name mismatch', match: ['Domain name mismatch'] }],
  ])('the schema rejects %s', (_what, entry) => {
    expect(SignInErrorSchema.safeParse(entry).success).toBe(false);
  });

  test('the schema rejects a worded entry without words, and accepts it with some', () => {
    const worded = SIGN_IN_ERRORS.find((e) => !e.code.startsWith('AADSTS'));
    expect(worded).toBeDefined();
    const withoutWords: Record<string, unknown> = { ...worded };
    delete withoutWords.match;
    expect(SignInErrorSchema.safeParse(withoutWords).success).toBe(false);
    expect(SignInErrorSchema.safeParse({ ...withoutWords, match: [] }).success).toBe(false);
    expect(SignInErrorSchema.safeParse(worded).success).toBe(true);
  });
});

describe('diagnose', () => {
  test.each(REAL)('%s → %s, from its real text', (code, stepId, text) => {
    const found = diagnose(text, SIGN_IN_ERRORS);
    expect(found.map((d) => [d.code, d.stepId])).toEqual([[code, stepId]]);
    const entry = SIGN_IN_ERRORS.find((e) => e.code === code);
    expect(found[0]).toMatchObject({ title: entry?.title, cause: entry?.cause, fix: entry?.fix, source: entry?.source });
  });

  test('dbt\'s own wording of 90094 is found as well', () => {
    expect(codes("Receiving a 'AADSTS90094: Admin consent is required' error")).toEqual(['AADSTS90094']);
  });

  test.each([
    [
      'a callback with the description in the query ("+" for spaces, as Entra ID sends it)',
      `https://auth.cloud.getdbt.com/login/callback?error=invalid_request&error_description=AADSTS50194%3a+Application+%27${APP}%27(dbt+Cloud)+is+not+configured+as+a+multi-tenant+application.%0d%0aTrace+ID%3a+0000aaaa-11bb-cccc-dd33-eeeeee333333&state=eyJpZCI6ImQyNGZj`,
      ['AADSTS50194'],
    ],
    [
      'a callback with the description in the fragment (%20 for spaces)',
      'https://auth.cloud.getdbt.com/login/callback#error=access_denied&error_description=AADSTS50105%3A%20The%20signed%20in%20user%20is%20not%20assigned%20to%20a%20role%20for%20the%20application.',
      ['AADSTS50105'],
    ],
    [
      'an address encoded twice (the callback passed on in a parameter)',
      'https://cloud.getdbt.com/login?next=%2Flogin%2Fcallback%3Ferror_description%3DAADSTS7000215%253A%2BInvalid%2Bclient%2Bsecret%2Bprovided.',
      ['AADSTS7000215'],
    ],
    ['dbt\'s message in an address', 'https://cloud.getdbt.com/login?error=Domain%20name%20mismatch', ['dbt-domain-mismatch']],
    ['dbt\'s message with "+" for spaces', 'https://cloud.getdbt.com/login?error=Domain+name+mismatch', ['dbt-domain-mismatch']],
    ['dbt\'s message split over lines, in capitals', 'DOMAIN NAME\n  MISMATCH', ['dbt-domain-mismatch']],
    ['a lower-case code', 'error_description=aadsts50011:+the+redirect+uri', ['AADSTS50011']],
  ])('finds the code in %s', (_what, text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  test('several codes: each once, in the order they first appear', () => {
    const text = [
      'Sorry, but we\'re having trouble signing you in.',
      'AADSTS65001: The user or administrator has not consented to use the application.',
      `AADSTS50011: The redirect URI 'https://auth.cloud.getdbt.com/login/callback' specified in the request does not match the redirect URIs configured for the application '${APP}'.`,
      'Then, after granting consent: AADSTS65001 again, and dbt said: Domain name mismatch.',
      'error_description=AADSTS7000215%3A+Invalid+client+secret+provided.',
    ].join('\n');
    expect(codes(text)).toEqual(['AADSTS65001', 'AADSTS50011', 'dbt-domain-mismatch', 'AADSTS7000215']);
  });

  test('a longer code is not taken for a shorter one (AADSTS500011 is not AADSTS50011)', () => {
    expect(codes('AADSTS500011: The resource principal named https://graph.microsoft.com was not found in the tenant.')).toEqual(['AADSTS500011']);
  });

  test('an unknown code says it is not in the catalogue and names Microsoft\'s reference, with no step', () => {
    const [d] = diagnose('AADSTS50058: A silent sign-in request was sent but no user is signed in.', SIGN_IN_ERRORS);
    expect(d?.code).toBe('AADSTS50058');
    expect(d?.stepId).toBeNull();
    expect(d?.cause).toMatch(/not one of the sign-in errors this guide explains/);
    expect(d?.fix).toContain(ERROR_CODE_REFERENCE.title);
    expect(d?.fix).toContain('https://learn.microsoft.com/entra/identity-platform/reference-error-codes');
    expect(d?.fix).toContain('login.microsoftonline.com/error?code=50058');
    expect(d?.source).toEqual(ERROR_CODE_REFERENCE);
  });

  test.each([
    ['an empty text', ''],
    ['text with no code', 'Sorry, but we\'re having trouble signing you in. Please try again later.'],
    ['the word AADSTS without a number', 'AADSTS: something went wrong'],
    ['a bare error number, without AADSTS', '"error_codes":[50011]'],
    ['a login address without an error', 'https://cloud.getdbt.com/enterprise-login/acme-42'],
  ])('finds nothing in %s', (_what, text) => {
    expect(diagnose(text, SIGN_IN_ERRORS)).toEqual([]);
  });

  test.each([
    ['a lone %', 'error_description=AADSTS50011%'],
    ['a cut sequence', 'error_description=AADSTS50011%3'],
    ['a sequence that is not hex', 'error_description=%ZZAADSTS50011%GG'],
    ['bytes that are not UTF-8', 'error_description=%C3%28AADSTS50011%3A%FF%FE+The+redirect+URI'],
    ['a cut multi-byte character before the code', 'error_description=%E2%82AADSTS50011'],
  ])('malformed percent-encoding does not throw, and the code is still found: %s', (_what, text) => {
    expect(codes(text)).toEqual(['AADSTS50011']);
  });

  test(`input is cut at ${MAX_INPUT} characters, not refused`, () => {
    expect(codes(`AADSTS50011 ${'x'.repeat(MAX_INPUT * 2)}`)).toEqual(['AADSTS50011']);
    expect(codes(`${'x'.repeat(MAX_INPUT)} AADSTS50011`)).toEqual([]);
  });

  test('never throws, whatever the text', () => {
    const percentish = fc.stringMatching(/^(?:%[0-9A-Fa-fZz]{0,2}|\+|AADSTS\d{0,8}|[\s\S])*$/);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), percentish), (text) => {
        const result = diagnose(text, SIGN_IN_ERRORS);
        expect(Array.isArray(result)).toBe(true);
        expect(new Set(result.map((d) => d.code)).size).toBe(result.length);
      }),
      { numRuns: 500 },
    );
    expect(diagnose(undefined as unknown as string, SIGN_IN_ERRORS)).toEqual([]);
  });
});
