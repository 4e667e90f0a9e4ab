/**
 * Validation of every value the guide handles, typed by the admin or read from the portal. Each
 * classic mistake has its own code and a message that says what is wrong and what to do. Errors
 * block the export; warnings inform.
 */
import { type FieldName, FieldNameSchema, type Finding, type ValidationContext, checkFailedMessage, finding, invalidInput, readContext, required } from '@/utils/domain/validate/common';
import { validateDeploymentId } from '@/utils/domain/validate/deployment-id';
import { validateDomain } from '@/utils/domain/validate/domain';
import { validateSecretExpiry } from '@/utils/domain/validate/expiry';
import { validateClientId, validateObjectId, validateTenantId } from '@/utils/domain/validate/ids';
import { validateAccountType, validateAppName, validatePlatform } from '@/utils/domain/validate/names';
import { validatePermissionInput } from '@/utils/domain/validate/permissions';
import { validateRedirectUri } from '@/utils/domain/validate/redirect-uri';
import { validateClientSecret } from '@/utils/domain/validate/secret';

// --- Any field ------------------------------------------------------------------------------

const TEXT_VALIDATORS: Record<Exclude<FieldName, 'permissions'>, (value: string, ctx: ValidationContext) => Finding[]> = {
  deploymentId: validateDeploymentId,
  redirectUri: validateRedirectUri,
  appName: validateAppName,
  accountType: validateAccountType,
  platform: validatePlatform,
  clientId: validateClientId,
  tenantId: validateTenantId,
  objectId: validateObjectId,
  clientSecret: validateClientSecret,
  secretExpiry: validateSecretExpiry,
  domain: validateDomain,
};

/**
 * Validates one value of any field, typed or read from the page. Never throws, whatever the value
 * or the context: the form and the panel call it on every keystroke and every read.
 */
export function validateField(field: FieldName, value: unknown, ctx?: ValidationContext): Finding[] {
  const name = FieldNameSchema.safeParse(field);
  if (!name.success) return [];
  try {
    const context = readContext(ctx);
    if (name.data === 'permissions') return validatePermissionInput(value, context);
    if (value === undefined || value === null) return [required(name.data)];
    if (typeof value !== 'string') return [invalidInput(name.data)];
    return TEXT_VALIDATORS[name.data](value, context);
  } catch {
    return [finding(name.data, 'check-failed', 'error', checkFailedMessage(name.data))];
  }
}

export { FieldNameSchema, type FieldName, type Severity, type Finding, type ValidationContext, hasErrors, contextFrom } from '@/utils/domain/validate/common';
export { validateDeploymentId } from '@/utils/domain/validate/deployment-id';
export { validateRedirectUri } from '@/utils/domain/validate/redirect-uri';
export { validateAppName, accountTypeOf, validateAccountType, validatePlatform } from '@/utils/domain/validate/names';
export { validatePermissions } from '@/utils/domain/validate/permissions';
export { validateClientId, validateTenantId, validateObjectId } from '@/utils/domain/validate/ids';
export { CLIENT_SECRET_MESSAGES, validateClientSecret } from '@/utils/domain/validate/secret';
export { parseExpiry, validateSecretExpiry } from '@/utils/domain/validate/expiry';
export { normalizeDomain, validateDomain } from '@/utils/domain/validate/domain';
