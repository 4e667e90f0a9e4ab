import type { Read } from '@/utils/guide/read-schemas';
import type { GuideState } from '@/utils/guide/store';
import type { PublicValueKey } from '@/utils/handoff/values';
import type { DetectedPage } from '@/utils/portal/routes';
import { normalizeDomain, parseExpiry } from '@/utils/handoff/validate';

type Recorder = Pick<GuideState, 'values' | 'recordValue' | 'recordLists' | 'markNeeded'>;

/** "0 web, 1 spa" or the portal's "Add a Redirect URI" link: no Web redirect URI yet. */
export function lacksWebRedirectUri(shown: string): boolean {
  const web = /(\d+)\s*web/i.exec(shown);
  if (web) return web[1] === '0';
  return /add a redirect uri/i.test(shown);
}

/**
 * Puts what a frame read into the store, as values "read from the page". A value the admin
 * typed is kept: the validation then shows where it differs from the page.
 */
export function recordRead(state: Recorder, read: Read, page: DetectedPage | null): void {
  const put = (key: PublicValueKey, value: string | undefined) => {
    if (!value) return;
    if (state.values[key]?.source === 'typed') return;
    state.recordValue(key, value, 'page');
  };
  switch (read.reader) {
    case 'appEssentials': {
      const d = read.data;
      put('clientId', d.clientId);
      put('tenantId', d.tenantId);
      put('objectId', d.objectId);
      put('displayName', d.displayName);
      put('accountType', d.accountTypes);
      if (page?.appId) put('routeAppId', page.appId);
      if (lacksWebRedirectUri(d.redirectUris)) state.markNeeded('add-redirect-uri');
      return;
    }
    case 'authRedirectUris':
      state.recordLists({ redirectUris: read.data.web });
      return;
    case 'configuredPermissions':
      state.recordLists({ permissions: read.data.rows });
      return;
    case 'clientSecrets': {
      const id = state.values.secretId?.value;
      const row = read.data.rows.find((r) => r.secretId && r.secretId === id);
      if (row) {
        put('secretExpiry', parseExpiry(row.expires) ?? undefined);
        if (row.hint) put('secretHint', row.hint);
      }
      return;
    }
    case 'newSecretValue':
      put('secretId', read.data.secretId);
      put('secretHint', read.data.hint);
      return;
    case 'tenantOverview':
      put('primaryDomain', read.data.primaryDomain);
      put('pageTenantId', read.data.tenantId);
      put('domain', normalizeDomain(read.data.primaryDomain) ?? undefined);
      return;
    case 'currentDirectory':
      put('currentDirectory', read.data.domain || read.data.name);
      return;
  }
}
