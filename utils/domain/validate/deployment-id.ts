import { DEPLOYMENT_ID_PLACEHOLDER } from '@/utils/domain/setup';
import { type Finding, type ValidationContext, finding, presence } from '@/utils/domain/validate/common';

/**
 * The legacy deployment ID (support-assisted setups of 2019): a conservative token, never the
 * placeholder, never a whole URL.
 */

/** The legacy deployment ID has no public format: accept a conservative token (as setup.ts does). */
export const DEPLOYMENT_ID = /^[A-Za-z0-9_-]{1,100}$/;
const ENCODED_PLACEHOLDER = encodeURIComponent(DEPLOYMENT_ID_PLACEHOLDER).toLowerCase();

export function hasDeploymentPlaceholder(value: string): boolean {
  const lower = value.toLowerCase();
  return lower.includes(DEPLOYMENT_ID_PLACEHOLDER) || lower.includes(ENCODED_PLACEHOLDER);
}

function connectionParameter(value: string): string | null {
  const match = /[?&]connection=([^&#\s]*)/i.exec(value);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

export function validateDeploymentId(value: string, _ctx: ValidationContext = {}): Finding[] {
  const field = 'deploymentId';
  const { text, findings } = presence(
    field,
    value,
    'warning',
    'The deployment ID has spaces before or after it; they will be left out.',
  );
  if (text === null) return findings;

  if (hasDeploymentPlaceholder(text) || /^<[^<>]*>$/.test(text)) {
    findings.push(
      finding(
        field,
        'deployment-id-placeholder',
        'error',
        `"${DEPLOYMENT_ID_PLACEHOLDER}" is a placeholder from dbt's instructions. Replace it with the deployment ID dbt support gave you.`,
      ),
    );
    return findings;
  }

  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.includes('/') || /connection=/i.test(text)) {
    const id = connectionParameter(text);
    findings.push(
      finding(
        field,
        'deployment-id-url',
        'error',
        id !== null && DEPLOYMENT_ID.test(id)
          ? `That is a whole address. Enter only the deployment ID, the part after "connection=": ${id}`
          : 'That is a whole address. Enter only the deployment ID, the part after "connection=".',
      ),
    );
    return findings;
  }

  if (/\s/.test(text)) {
    findings.push(
      finding(
        field,
        'deployment-id-space',
        'error',
        'The deployment ID contains spaces. It is a single word of letters, digits, "-" and "_": copy it again from dbt.',
      ),
    );
  }
  if (/[<>]/.test(text)) {
    findings.push(
      finding(
        field,
        'deployment-id-angle-bracket',
        'error',
        'The deployment ID contains "<" or ">", left over from a placeholder. Remove them and keep only the ID itself.',
      ),
    );
  }
  if (/[^A-Za-z0-9_\-\s<>]/.test(text)) {
    findings.push(
      finding(
        field,
        'deployment-id-characters',
        'error',
        'The deployment ID may only contain letters, digits, "-" and "_". Copy it again from dbt.',
      ),
    );
  }
  if (text.length > 100) {
    findings.push(
      finding(
        field,
        'deployment-id-too-long',
        'error',
        'The deployment ID is longer than 100 characters, which no deployment ID is. Copy only the ID from dbt.',
      ),
    );
  }
  return findings;
}
