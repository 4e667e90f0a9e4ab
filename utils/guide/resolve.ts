import type { RecordKey, Step, ValueRef } from '@/utils/guide/step-schema';
import type { ReaderName } from '@/utils/portal/names';
import type { ResolvedTarget } from '@/utils/messaging/protocol';
import { PORTAL_VALUES, planFor, type Setup } from '@/utils/handoff/setup';

/** The value a step offers for a reference, from the setup; null when the setup lacks it. */
export function resolveValue(ref: ValueRef, setup: Setup): string | null {
  switch (ref) {
    case 'appName':
      return PORTAL_VALUES.appName;
    case 'accountType':
      return planFor(setup).accountTypeRadio;
    case 'platform':
      return PORTAL_VALUES.platform;
    case 'redirectUri':
      return planFor(setup).redirectUri;
    case 'secretDescription':
      return PORTAL_VALUES.secretDescription;
    case 'secretExpiry':
      return PORTAL_VALUES.secretExpiry;
    case 'permissionType':
      return PORTAL_VALUES.permissionType;
    case 'permissions':
      return planFor(setup)
        .permissions.map((p) => p.name)
        .join(', ');
  }
}

/**
 * The step's targets as the frames receive them: values filled in from the setup, and the
 * permission checkboxes expanded to one target per permission of the profile.
 */
export function resolveTargets(step: Step, setup: Setup): ResolvedTarget[] {
  return step.targets.flatMap((t): ResolvedTarget[] => {
    if (t.value === 'permissions') {
      return planFor(setup).permissions.map((p) => ({
        locator: t.locator,
        action: t.action,
        value: p.name,
        arg: p.name,
        lookFor: `${p.name} (${t.lookFor})`,
      }));
    }
    const value = t.value ? resolveValue(t.value, setup) : null;
    return [{ locator: t.locator, action: t.action, lookFor: t.lookFor, ...(value === null ? {} : { value }) }];
  });
}

/** Which reader shows each recorded value. */
const READER_OF: Record<RecordKey, ReaderName> = {
  clientId: 'appEssentials',
  tenantId: 'appEssentials',
  objectId: 'appEssentials',
  displayName: 'appEssentials',
  accountType: 'appEssentials',
  routeAppId: 'appEssentials',
  redirectUris: 'authRedirectUris',
  permissions: 'configuredPermissions',
  clientSecret: 'newSecretValue',
  secretId: 'newSecretValue',
  secretHint: 'newSecretValue',
  secretExpiry: 'clientSecrets',
  domain: 'tenantOverview',
  primaryDomain: 'tenantOverview',
  pageTenantId: 'tenantOverview',
  currentDirectory: 'currentDirectory',
  registeredDirectory: 'currentDirectory',
};

/** The readers a step needs: its completion check's, those of what it records, and the directory. */
export function readersFor(step: Step): ReaderName[] {
  const names = new Set<ReaderName>();
  if (step.check.reader) names.add(step.check.reader);
  for (const key of step.records) names.add(READER_OF[key]);
  names.add('currentDirectory');
  return [...names];
}
