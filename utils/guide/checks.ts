import type { CheckRule } from '@/utils/guide/step-schema';
import type { GuideState, SetupSlice } from '@/utils/guide/store';
import type { DetectedPage } from '@/utils/portal/routes';
import { ACCOUNT_TYPES, dbtDomainFor, planFor } from '@/utils/domain/setup';
import { isDbtLoginUrl } from '@/utils/dbt/routes';
import { contextFrom, hasErrors, validateField, validatePermissions } from '@/utils/domain/validate';
import type { PublicValueKey } from '@/utils/domain/values';

/**
 * How the guide tells that a step is done: from what the page showed (recorded in the store by
 * the readers) and the page that is open, never from a click.
 */
export interface CheckInput {
  page: DetectedPage | null;
  state: Pick<GuideState, keyof SetupSlice | 'values' | 'lists' | 'progress'>;
  /** True once a secret Value is held in session storage (the panel never sees the secret). */
  secretCaptured: boolean;
  /** True once the current step filled the session's secret into dbt's form (never the secret itself). */
  secretFilled?: boolean;
}

const value = (input: CheckInput, key: PublicValueKey) => input.state.values[key]?.value ?? '';

const valid = (input: CheckInput, field: 'clientId' | 'tenantId' | 'domain', key: PublicValueKey) =>
  value(input, key) !== '' &&
  !hasErrors(
    validateField(field, value(input, key), contextFrom(input.state.setup, input.state.values)),
  );

const permissionsOk = (input: CheckInput, consent: boolean) => {
  const rows = input.state.lists.permissions;
  if (!rows) return false;
  const findings = validatePermissions(rows, planFor(input.state.setup).permissions);
  return !findings.some((f) => f.severity === 'error' && (consent || f.code !== 'permission-not-granted'));
};

/** "0 web, 1 spa" or the portal's "Add a Redirect URI" link: no Web redirect URI yet. */
export function lacksWebRedirectUri(shown: string): boolean {
  const web = /(\d+)\s*web/i.exec(shown);
  if (web) return web[1] === '0';
  return /add a redirect uri/i.test(shown);
}

const sameId = (a: string, b: string) => a !== '' && a.toLowerCase() === b.toLowerCase();

/**
 * The enterprise application shown is this app's: its appId is the recorded client ID (when the
 * client ID is not known yet, the admin came here first, and any is taken).
 */
const ownEnterpriseApp = (input: CheckInput) => {
  const shown = value(input, 'enterpriseAppId');
  const client = value(input, 'clientId');
  return client === '' || shown === '' || sameId(shown, client);
};

export const checks: Record<CheckRule, (input: CheckInput) => boolean> = {
  setupComplete: ({ state }) => {
    const plan = planFor(state.setup);
    return plan.redirectUri !== null && !hasErrors(validateField('redirectUri', plan.redirectUri, { setup: state.setup }));
  },
  // The register form, or any page of an app: it was registered.
  reachedRegisterForm: (input) => input.page?.name === 'isRegisterApp' || input.page?.appId !== undefined || value(input, 'routeAppId') !== '',
  appRegistered: (input) => input.page?.appId !== undefined || value(input, 'routeAppId') !== '',
  webRedirectUriPresent: ({ state }) => {
    const uri = planFor(state.setup).redirectUri;
    return uri !== null && (state.lists.redirectUris ?? []).includes(uri);
  },
  webRedirectUriMissing: (input) => lacksWebRedirectUri(value(input, 'redirectUriSummary')),
  appIdsRecorded: (input) => valid(input, 'clientId', 'clientId') && valid(input, 'tenantId', 'tenantId'),
  assignmentsPresent: (input) =>
    ownEnterpriseApp(input) && Number(value(input, 'assignedUsers') || 0) + Number(value(input, 'assignedGroups') || 0) > 0,
  assignmentRequired: (input) => ownEnterpriseApp(input) && value(input, 'assignmentRequired') === 'Yes',
  permissionsAdded: (input) => permissionsOk(input, false),
  permissionsGranted: (input) => permissionsOk(input, true),
  secretCaptured: ({ secretCaptured }) => secretCaptured,
  domainRecorded: (input) => valid(input, 'domain', 'domain'),
  // dbt shows a saved configuration with a login URL, and it is this app's: the client ID, the
  // tenant (single tenant), the domain dbt needs and the "Log in with" of the account type.
  dbtSsoSaved: (input) => {
    const { setup } = input.state;
    const plan = planFor(setup);
    const tenantOk = plan.authority !== null || sameId(value(input, 'dbtSavedTenantId'), value(input, 'tenantId'));
    const domain = dbtDomainFor(setup, value(input, 'domain'));
    return (
      isDbtLoginUrl(value(input, 'dbtLoginUrl')) &&
      sameId(value(input, 'dbtSavedClientId'), value(input, 'clientId')) &&
      tenantOk &&
      domain !== '' &&
      value(input, 'dbtSavedDomain').toLowerCase() === domain.toLowerCase() &&
      value(input, 'dbtSavedLoginWith') === ACCOUNT_TYPES[setup.accountType].dbtLoginWith
    );
  },
  // Rotation: the secret from this session went into dbt's form, and dbt then shows its saved
  // configuration again (Save took it; dbt never shows a secret back).
  dbtSecretSaved: (input) => input.secretFilled === true && value(input, 'dbtFormOpen') === 'no' && value(input, 'dbtSavedClientId') !== '',
  // Rotation: the Client secrets table lists the new secret and no longer the one replaced.
  oldSecretDeleted: (input) => {
    const ids = input.state.lists.secretIds;
    const old = value(input, 'oldSecretId').toLowerCase();
    const kept = value(input, 'secretId').toLowerCase();
    return ids !== undefined && old !== '' && !ids.includes(old) && (kept === '' || ids.includes(kept));
  },
  // Marked done by the hand-off section itself, when the admin exports.
  handoffExported: () => false,
  // Marked done by the admin in the test sign-in section: a user signed in (the sign-in happens in
  // a private window the extension does not run in).
  signInConfirmed: () => false,
};
