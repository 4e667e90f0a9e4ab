import { DEPLOYMENT_ID_PLACEHOLDER, SUPPORT_AUTH_HOST, DBT_DOMAINS, planFor } from '@/utils/domain/setup';
import { type Finding, type ValidationContext, finding, presence, readContext } from '@/utils/domain/validate/common';
import { DEPLOYMENT_ID, hasDeploymentPlaceholder } from '@/utils/domain/validate/deployment-id';

/**
 * The redirect URI: https, a dbt host on label boundaries, the path /login/callback; the region's
 * host or the one dbt support sent.
 */

/** dbt's callback path (current instructions), and the one of the earlier `https://<access-url>/complete/azure_single_tenant`. */
const REDIRECT_PATH = '/login/callback';
const LEGACY_REDIRECT_PATH = '/complete/azure_single_tenant';

export function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

export function validateRedirectUri(value: string, ctx: ValidationContext = {}): Finding[] {
  const field = 'redirectUri';
  const context = readContext(ctx);
  const { text, findings } = presence(field, value, 'error');
  if (text === null) return findings;
  // Structural findings explain a difference from the expected URI; without one, the catch-all
  // mismatch says what the URI should be.
  let explained = false;
  const add = (code: string, message: string): void => {
    findings.push(finding(field, code, 'error', message));
    explained = true;
  };

  const placeholder = hasDeploymentPlaceholder(text);
  if (placeholder) {
    add(
      'redirect-uri-placeholder',
      `The redirect URI still contains the placeholder "${DEPLOYMENT_ID_PLACEHOLDER}". Replace it with your deployment ID from dbt.`,
    );
  } else if (/<[^<>]{0,100}>|%3C[\w.-]{0,100}%3E/i.test(text)) {
    add(
      'redirect-uri-placeholder',
      'The redirect URI still contains a placeholder in angle brackets. Replace it with the real value from dbt.',
    );
  }

  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    add(
      /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/|$)/i.test(text) ? 'redirect-uri-no-scheme' : 'redirect-uri-not-url',
      'The redirect URI must be a full address starting with "https://".',
    );
    return findings;
  }
  let url = parseUrl(text);
  if (url === null) {
    add('redirect-uri-not-url', 'The redirect URI is not a valid address. Copy it again from dbt, starting with "https://".');
    return findings;
  }
  if (url.protocol === 'http:') {
    add(
      'redirect-uri-http',
      'The redirect URI starts with "http:". Use "https:": Microsoft Entra ID only accepts https addresses for web apps (apart from localhost), and dbt expects https.',
    );
  } else if (url.protocol !== 'https:') {
    add('redirect-uri-not-url', 'The redirect URI must be a web address starting with "https://".');
    return findings;
  }

  const trailing = url.pathname.length > 1 && url.pathname.endsWith('/');
  const trailingQuery = url.search.endsWith('/');
  if (trailing || trailingQuery) {
    findings.push(
      finding(
        field,
        'redirect-uri-trailing-slash',
        'error',
        'The redirect URI ends with "/". The address must match exactly: remove the trailing slash.',
      ),
    );
    url = new URL(url.href);
    if (trailing) url.pathname = url.pathname.replace(/\/+$/, '');
    if (trailingQuery) url.search = url.search.replace(/\/+$/, '');
  }

  if (text.includes('#')) {
    add('redirect-uri-fragment', 'The redirect URI contains "#", which redirect URIs may not. Remove it and what follows.');
  }

  // Whatever the setup expects (a pasted URI is its own expectation), the URI must be one of
  // dbt's: https, a host under dbt's domains (whole labels: auth.getdbt.com.evil.example is not),
  // and dbt's callback path.
  const host = url.hostname.toLowerCase();
  if (!DBT_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`))) {
    add(
      'redirect-uri-not-dbt-host',
      `The redirect URI points to ${host}, which is not one of dbt's hosts (under getdbt.com or dbt.com). Copy the redirect URI again from dbt.`,
    );
  }
  if (url.pathname === LEGACY_REDIRECT_PATH) {
    add(
      'redirect-uri-legacy-path',
      `The redirect URI ends in "${LEGACY_REDIRECT_PATH}", the form of older dbt instructions. dbt's current instructions use "https://<your Auth0 host>${REDIRECT_PATH}": use the one for your region, or the one dbt gave you.`,
    );
  } else if (url.pathname !== REDIRECT_PATH) {
    add('redirect-uri-wrong-path', `The redirect URI has the wrong path. dbt's redirect URIs end in "${REDIRECT_PATH}".`);
  }

  const expectedText = context.setup ? planFor(context.setup).redirectUri : null;
  const expected = expectedText === null ? null : parseUrl(expectedText);
  const fromRegion = context.setup?.profile === 'self-service' && context.setup.region !== 'custom';

  if (expected !== null && expected.href !== url.href) {
    if (url.hostname !== expected.hostname && fromRegion && !explained) {
      // Cell-based accounts have other Auth0 hosts: dbt's own, so a warning, not an error.
      findings.push(
        finding(
          field,
          'redirect-uri-other-dbt-host',
          'warning',
          `The redirect URI's host differs from the one of the dbt region you chose (${expected.hostname}). Keep it if dbt showed you this one; otherwise use ${expected.href}`,
        ),
      );
      explained = true;
    } else if (url.hostname !== expected.hostname && !explained) {
      add('redirect-uri-wrong-host', `The redirect URI points to the wrong host. For your setup it is ${expected.hostname}: use ${expected.href}`);
    }
    const wantedId = expected.searchParams.get('connection');
    if (wantedId !== null && !placeholder) {
      const id = url.searchParams.get('connection');
      if (!id) {
        add(
          'redirect-uri-missing-deployment-id',
          `The redirect URI has no deployment ID. It must end with "?connection=${wantedId}": use ${expected.href}`,
        );
      } else if (id !== wantedId) {
        add(
          'redirect-uri-wrong-deployment-id',
          `The redirect URI's deployment ID ("connection") differs from the one set up (${wantedId}). Use ${expected.href}`,
        );
      }
    }
    if (!explained) {
      add('redirect-uri-mismatch', `The redirect URI differs from the one dbt expects for your setup. Use ${expected.href}`);
    }
    return findings;
  }

  if (url.hostname === SUPPORT_AUTH_HOST && url.pathname === REDIRECT_PATH && !placeholder && expected === null) {
    const id = url.searchParams.get('connection');
    if (!id) {
      add(
        'redirect-uri-missing-deployment-id',
        `The redirect URI has no deployment ID. On ${SUPPORT_AUTH_HOST} it must end with "?connection=" and the deployment ID dbt support gave you.`,
      );
    } else if (!DEPLOYMENT_ID.test(id)) {
      add(
        'redirect-uri-bad-deployment-id',
        'The deployment ID in the redirect URI ("connection") is not a valid ID: only letters, digits, "-" and "_". Copy it again from dbt.',
      );
    }
  }
  return findings;
}
