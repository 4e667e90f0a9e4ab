import { type Finding, GUID, type Severity, type ValidationContext, checkFailedMessage, finding, invalidInputMessage, readContext, requiredMessage, sameGuid, whitespaceMessage } from '@/utils/domain/validate/common';

/**
 * The client secret's Value: its current format, never the Secret ID, never masked.
 */

/**
 * Every message about the client secret is a fixed text: none can carry the secret or any part of
 * it, whatever is typed.
 */
export const CLIENT_SECRET_MESSAGES = {
  required: requiredMessage('clientSecret'),
  'invalid-input': invalidInputMessage('clientSecret'),
  'check-failed': checkFailedMessage('clientSecret'),
  whitespace: whitespaceMessage('clientSecret'),
  'secret-inner-whitespace':
    'The client secret Value contains spaces, line breaks or invisible characters, which a Value never does. Copy it again with the copy button next to it.',
  'secret-is-secret-id':
    'That is the Secret ID, not the Value. Copy the Value column (the copy button next to it), not the Secret ID. If you have left the page, the Value is no longer shown: create a new secret.',
  'secret-is-app-id':
    'That is an ID from the app\'s Overview page (client, tenant or object ID), not the client secret Value. Copy the Value from Certificates & secrets.',
  'secret-masked':
    'The client secret Value is masked ("***" or "•"). The full Value is only shown right after the secret is added: if you have left the page, create a new secret and copy its Value at once.',
  'secret-truncated':
    'The client secret Value is too short: it looks like the first characters the table shows once you leave the page. The full Value is only shown right after the secret is added: create a new secret and copy its Value at once.',
  'secret-hint-mismatch':
    'The client secret Value does not begin with the characters the secrets table shows for this secret. It is probably another secret\'s Value: copy the Value of the secret you just added.',
  'secret-format':
    'The client secret Value does not look like a current one (about 40 characters with "Q~" at the 5th place). Secrets made before 2021 have another format and still work; otherwise check that you copied the Value.',
} as const;
type SecretCode = keyof typeof CLIENT_SECRET_MESSAGES;

const SECRET_SEVERITY: Record<SecretCode, Severity> = {
  required: 'error',
  'invalid-input': 'error',
  'check-failed': 'error',
  whitespace: 'error',
  'secret-inner-whitespace': 'error',
  'secret-is-secret-id': 'error',
  'secret-is-app-id': 'error',
  'secret-masked': 'error',
  'secret-truncated': 'error',
  'secret-hint-mismatch': 'error',
  'secret-format': 'warning',
};

const secretFinding = (code: SecretCode): Finding =>
  finding('clientSecret', code, SECRET_SEVERITY[code], CLIENT_SECRET_MESSAGES[code]);

/** Microsoft Purview's "Microsoft Entra client secret" definition (gitleaks: azure-ad-client-secret). */
const CURRENT_SECRET = /^[A-Za-z0-9_.~-]{3}[0-9]Q~[A-Za-z0-9_.~-]{31,34}$/;
const MASKING = /\*{3}|[•●∙◦⋅]/;
const INVISIBLE = /[\s\u200B-\u200D\u2060]/;

export function validateClientSecret(value: string, ctx: ValidationContext = {}): Finding[] {
  const context = readContext(ctx);
  const text = value.trim();
  if (text === '') return [secretFinding('required')];
  const findings: Finding[] = [];
  if (text !== value) findings.push(secretFinding('whitespace'));

  if (GUID.test(text)) {
    const appId = [context.clientId, context.tenantId, context.objectId].some((id) => sameGuid(text, id));
    findings.push(secretFinding(appId && !sameGuid(text, context.secretId) ? 'secret-is-app-id' : 'secret-is-secret-id'));
    return findings;
  }
  if (context.secretId !== undefined && context.secretId.trim() !== '' && text === context.secretId.trim()) {
    findings.push(secretFinding('secret-is-secret-id'));
    return findings;
  }
  if (MASKING.test(text)) {
    findings.push(secretFinding('secret-masked'));
    return findings;
  }
  if (text.length < 10 || text.includes('…')) {
    findings.push(secretFinding('secret-truncated'));
    return findings;
  }
  const inner = INVISIBLE.test(text);
  if (inner) findings.push(secretFinding('secret-inner-whitespace'));

  const hint = (context.secretHint ?? '').replace(/[*•●\s]/g, '').slice(0, 3);
  if (hint !== '' && !text.startsWith(hint)) findings.push(secretFinding('secret-hint-mismatch'));

  if (!inner && !CURRENT_SECRET.test(text)) findings.push(secretFinding('secret-format'));
  return findings;
}
