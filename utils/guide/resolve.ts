import type { Step, ValueRef } from '@/utils/guide/step-schema';
import type { ResolvedTarget } from '@/utils/messaging/protocol';
import { ACCOUNT_TYPES, PORTAL_VALUES, dbtDomainFor, planFor, type Setup } from '@/utils/domain/setup';
import type { PublicValues } from '@/utils/domain/values';

/**
 * The value a step offers for a reference, from the setup and the values collected so far; null
 * when they lack it.
 */
export function resolveValue(ref: ValueRef, setup: Setup, values: PublicValues = {}): string | null {
  const collected = (v: string | undefined) => (v ? v : null);
  switch (ref) {
    case 'clientId':
      return collected(values.clientId?.value);
    case 'tenantId':
      return collected(values.tenantId?.value);
    case 'dbtDomain':
      return collected(dbtDomainFor(setup, values.domain?.value ?? ''));
    case 'dbtLoginWith':
      return ACCOUNT_TYPES[setup.accountType].dbtLoginWith;
    case 'oldSecretId':
      return collected(values.oldSecretId?.value);
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
    case 'yes':
      return 'Yes';
  }
}

/** A value short enough to be a locator's argument (the option or name it looks for). */
const MAX_ARG = 200;

/**
 * The step's targets as the frames receive them: values filled in from the setup and the values
 * collected (and given to
 * the locator as its argument: the radio, option or name to find), and the permission checkboxes
 * expanded to one target per permission of the profile.
 */
export function resolveTargets(step: Step, setup: Setup, values: PublicValues = {}): ResolvedTarget[] {
  return step.targets.flatMap((t): ResolvedTarget[] => {
    // A control only some account types have (dbt's Tenant ID: single tenant only).
    if (t.accountTypes && !t.accountTypes.includes(setup.accountType)) return [];
    if (t.value === 'permissions') {
      return planFor(setup).permissions.map((p) => ({
        locator: t.locator,
        action: t.action,
        value: p.name,
        arg: p.name,
        lookFor: `${p.name} (${t.lookFor})`,
      }));
    }
    const value = t.value ? resolveValue(t.value, setup, values) : null;
    if (value === null) return [{ locator: t.locator, action: t.action, lookFor: t.lookFor }];
    return [{ locator: t.locator, action: t.action, lookFor: t.lookFor, value, ...(value.length <= MAX_ARG ? { arg: value } : {}) }];
  });
}
