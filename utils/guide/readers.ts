import * as z from 'zod/mini';
import type { RecordKey, Step } from '@/utils/guide/step-schema';
import type { GuideState } from '@/utils/guide/store';
import { dbtDomainFor, type Setup } from '@/utils/domain/setup';
import { normalizeDomain, parseExpiry } from '@/utils/domain/validate';
import type { PublicValueKey } from '@/utils/domain/values';
import { READER_NAMES, type ReaderName } from '@/utils/portal/names';
import type { DetectedPage } from '@/utils/portal/routes';
import type { DetectorName } from '@/utils/portal/route-names';

/**
 * The panel's side of each reader, declared once: the schema of what the frame reports (checked
 * on receipt), the values it records, and how it records them. The frame's side, which reads the
 * page, is utils/portal/readers.ts (kept free of zod for the frame agent's size); the two share
 * the names of utils/portal/names.ts.
 *
 * A reader's `secret` never reaches the panel: the frame sends it to the background alone and
 * reports the rest.
 */

const t = (max = 2000) => z.string().check(z.maxLength(max));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A Secret ID is a GUID (or unknown: empty); anything else could be the Value itself. */
const secretId = () => z.string().check(z.regex(/^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/i));
const count = () => z.int().check(z.minimum(0), z.maximum(100_000));

/** Where a reading goes: the store's values and lists, with the setup and the page it came from. */
export interface RecordContext {
  /** Records a value as read from the page; a value the admin typed is kept. */
  put(key: PublicValueKey, value: string | undefined): void;
  lists: GuideState['recordLists'];
  values: GuideState['values'];
  setup: Setup;
  page: DetectedPage | null;
  /**
   * The redirect URI dbt shows (its Callback URI): the guide uses it for the Entra side, so that
   * the URI registered is exactly dbt's.
   */
  adoptRedirectUri?(uri: string): void;
}

interface ReaderSpec<S extends z.ZodMiniType> {
  schema: S;
  /** What it records, so that a step that records a key asks the frames for this reader. */
  records: readonly RecordKey[];
  /**
   * The pages whose blade it reads; asked for only there (a reader looking for labels that the
   * page does not show costs the frame a walk of its text on every look). None: any page (the
   * shell's directory).
   */
  pages?: readonly DetectorName[];
  record(data: z.infer<S>, ctx: RecordContext): void;
}

const spec = <S extends z.ZodMiniType>(s: ReaderSpec<S>) => s;

/** An enterprise application page's IDs, from its route: the service principal and its app. */
function putEnterpriseIds({ put, page }: RecordContext): void {
  if (!page?.name.startsWith('isEnterpriseApp')) return;
  put('servicePrincipalId', page.objectId);
  put('enterpriseAppId', page.appId);
}

export const READERS = {
  appEssentials: spec({
    schema: z.object({
      displayName: t(),
      clientId: t(100),
      objectId: t(100),
      tenantId: t(100),
      accountTypes: t(),
      redirectUris: t(),
    }),
    records: ['clientId', 'tenantId', 'objectId', 'displayName', 'accountType', 'routeAppId', 'redirectUriSummary'],
    pages: ['isAppOverview'],
    record(d, { put, page }) {
      put('clientId', d.clientId);
      put('tenantId', d.tenantId);
      put('objectId', d.objectId);
      put('displayName', d.displayName);
      put('accountType', d.accountTypes);
      put('redirectUriSummary', d.redirectUris);
      if (page?.name === 'isAppOverview') put('routeAppId', page.appId);
    },
  }),
  authRedirectUris: spec({
    schema: z.object({ web: z.array(t()).check(z.maxLength(100)) }),
    records: ['redirectUris'],
    pages: ['isAppAuthentication'],
    record: (d, { lists }) => lists({ redirectUris: d.web }),
  }),
  configuredPermissions: spec({
    schema: z.object({
      rows: z.array(z.object({ api: t(200), name: t(200), type: t(50), status: t(300) })).check(z.maxLength(200)),
    }),
    records: ['permissions'],
    pages: ['isAppApiPermissions'],
    record: (d, { lists }) => lists({ permissions: d.rows }),
  }),
  clientSecrets: spec({
    schema: z.object({
      rows: z
        .array(
          z.object({
            description: t(),
            expires: t(100),
            secretId: z.optional(secretId()),
            hint: z.optional(t(10)),
            masked: z.boolean(),
          }),
        )
        .check(z.maxLength(100)),
    }),
    records: ['secretExpiry', 'secretIds'],
    pages: ['isAppCredentials'],
    record(d, ctx) {
      ctx.lists({ secretIds: d.rows.flatMap((r) => (r.secretId ? [r.secretId.toLowerCase()] : [])) });
      // The expiry and hint of the secret whose Value was captured, found by its Secret ID.
      const id = ctx.values.secretId?.value;
      const row = d.rows.find((r) => r.secretId && r.secretId === id);
      if (!row) return;
      ctx.put('secretExpiry', parseExpiry(row.expires) ?? undefined);
      if (row.hint) ctx.put('secretHint', row.hint);
    },
  }),
  newSecretValue: spec({
    schema: z.object({ secretId: secretId(), hint: t(3), length: count() }),
    records: ['clientSecret', 'secretId', 'secretHint'],
    pages: ['isAppCredentials'],
    record(d, { put }) {
      put('secretId', d.secretId);
      put('secretHint', d.hint);
    },
  }),
  tenantOverview: spec({
    schema: z.object({ primaryDomain: t(300), tenantId: t(100) }),
    records: ['domain', 'primaryDomain', 'pageTenantId'],
    pages: ['isTenantOverview'],
    record(d, { put, setup }) {
      put('primaryDomain', d.primaryDomain);
      put('pageTenantId', d.tenantId);
      const primary = normalizeDomain(d.primaryDomain);
      // dbt's "Microsoft Entra ID Domain": the primary domain, or the multi-tenant authority.
      if (primary) put('domain', dbtDomainFor(setup, primary));
    },
  }),
  currentDirectory: spec({
    schema: z.object({ name: t(300), domain: t(300) }),
    records: ['currentDirectory'],
    record: (d, { put }) => put('currentDirectory', d.domain || d.name),
  }),
  enterpriseApp: spec({
    schema: z.object({ appId: t(100), objectId: t(100) }),
    records: ['servicePrincipalId', 'enterpriseAppId'],
    pages: ['isEnterpriseAppOverview', 'isEnterpriseAppUsers', 'isEnterpriseAppProperties'],
    record(d, ctx) {
      if (GUID.test(d.objectId)) ctx.put('servicePrincipalId', d.objectId.toLowerCase());
      if (GUID.test(d.appId)) ctx.put('enterpriseAppId', d.appId.toLowerCase());
      putEnterpriseIds(ctx);
    },
  }),
  appAssignments: spec({
    schema: z.object({ users: count(), groups: count() }),
    records: ['assignedUsers', 'assignedGroups'],
    pages: ['isEnterpriseAppUsers'],
    record(d, ctx) {
      ctx.put('assignedUsers', String(d.users));
      ctx.put('assignedGroups', String(d.groups));
      putEnterpriseIds(ctx);
    },
  }),
  appProperties: spec({
    schema: z.object({ assignmentRequired: z.enum(['Yes', 'No', '']), unsaved: z.boolean() }),
    records: ['assignmentRequired'],
    pages: ['isEnterpriseAppProperties'],
    record(d, ctx) {
      // Only what is saved counts: the toggle shows the admin's choice before Save.
      if (!d.unsaved && d.assignmentRequired) ctx.put('assignmentRequired', d.assignmentRequired);
      putEnterpriseIds(ctx);
    },
  }),
  dbtSso: spec({
    schema: z.object({
      form: z.boolean(),
      loginWith: t(200),
      callbackUri: t(),
      clientId: t(100),
      tenantId: t(100),
      domain: t(300),
      secretFilled: z.boolean(),
      saved: z.nullable(z.object({ loginWith: t(200), clientId: t(100), tenantId: t(100), domain: t(300), loginUrl: t() })),
    }),
    records: ['dbtSsoUrl', 'dbtCallbackUri', 'dbtLoginUrl', 'dbtSavedLoginWith', 'dbtSavedClientId', 'dbtSavedTenantId', 'dbtSavedDomain', 'dbtFormOpen'],
    pages: ['isDbtSsoSettings'],
    record(d, ctx) {
      ctx.put('dbtSsoUrl', ctx.page?.ssoUrl);
      ctx.put('dbtFormOpen', d.form ? 'yes' : 'no');
      if (d.callbackUri) {
        ctx.put('dbtCallbackUri', d.callbackUri);
        ctx.adoptRedirectUri?.(d.callbackUri);
      }
      if (!d.saved) return;
      ctx.put('dbtLoginUrl', d.saved.loginUrl);
      ctx.put('dbtSavedLoginWith', d.saved.loginWith);
      ctx.put('dbtSavedClientId', d.saved.clientId);
      ctx.put('dbtSavedTenantId', d.saved.tenantId);
      ctx.put('dbtSavedDomain', d.saved.domain);
    },
  }),
} satisfies { [K in ReaderName]: ReaderSpec<z.ZodMiniType> };

/**
 * Records a frame's reading, validated against its reader's schema; false (and nothing recorded)
 * when it does not match.
 */
export function recordReading(reader: ReaderName, data: unknown, ctx: RecordContext): boolean {
  const s = READERS[reader] as ReaderSpec<z.ZodMiniType>;
  const parsed = s.schema.safeParse(data);
  if (!parsed.success) return false;
  s.record(parsed.data, ctx);
  return true;
}

/** Which readers record a key. */
const readersOf = (key: RecordKey): ReaderName[] => READER_NAMES.filter((name) => READERS[name].records.includes(key));

/**
 * The readers a step needs: its completion check's, those of what it records, and (on the portal)
 * the directory;
 * on a page the guide knows, only those that read that page (on one it does not know, all: the
 * portal may have moved a page the readers still recognise).
 */
export function readersFor(step: Step, page: DetectedPage | null = null): ReaderName[] {
  const names = new Set<ReaderName>();
  if (step.check.reader) names.add(step.check.reader);
  for (const key of step.records) for (const name of readersOf(key)) names.add(name);
  // The portal's directory, on the portal (dbt's agent has no such reader, and refuses a job that asks).
  if (step.where === 'portal') names.add('currentDirectory');
  const pages = (name: ReaderName): readonly DetectorName[] | undefined => (READERS[name] as ReaderSpec<z.ZodMiniType>).pages;
  return [...names].filter((name) => !page || !pages(name) || pages(name)?.includes(page.name));
}
