import { DBT_HOST_PERMISSIONS, dbtAccessOrigin, isDbtAccessHost } from '@/utils/dbt/routes';

/**
 * The guide on dbt's pages: no dbt host at install (optional host permissions); once the admin
 * grants the host of their access URL, the guide's panel and dbt's agent are registered there as
 * content scripts, top frame only. A revoked host loses them. The registration follows the
 * granted origins, whoever changed them (the popup's request, the browser's site settings).
 */

export const DBT_SCRIPT_ID = 'sso-guide-dbt';
/** The built content scripts (WXT's output names): dbt's agent, then the shared panel. */
export const DBT_SCRIPT_FILES = ['content-scripts/dbt-agent.js', 'content-scripts/panel.js'];

export interface RegisteredScript {
  id: string;
  matches?: string[];
}

export interface DbtAccessDeps {
  /** permissions.getAll().origins */
  grantedOrigins(): Promise<string[]>;
  /** scripting.getRegisteredContentScripts */
  registered(): Promise<RegisteredScript[]>;
  register(script: { id: string; matches: string[]; js: string[]; runAt: 'document_idle'; allFrames: false; persistAcrossSessions: true }): Promise<void>;
  unregister(id: string): Promise<void>;
}

const DECLARED: readonly string[] = DBT_HOST_PERMISSIONS;

/** The granted origin patterns that are dbt access URLs: a host's own pattern, or a declared wildcard. */
export function dbtMatches(origins: readonly string[]): string[] {
  return origins
    .filter((pattern) => {
      if (DECLARED.includes(pattern)) return true;
      const m = /^https:\/\/([^/*]+)\/\*$/.exec(pattern);
      return m !== null && isDbtAccessHost(m[1] ?? '');
    })
    .sort();
}

/** Registers, updates or removes the dbt scripts to match the granted origins; returns the matches. */
export async function syncDbtScripts(deps: DbtAccessDeps): Promise<string[]> {
  const matches = dbtMatches(await deps.grantedOrigins());
  const existing = (await deps.registered()).find((s) => s.id === DBT_SCRIPT_ID);
  const same = existing && JSON.stringify([...(existing.matches ?? [])].sort()) === JSON.stringify(matches);
  if (same) return matches;
  if (existing) await deps.unregister(DBT_SCRIPT_ID);
  if (matches.length) {
    await deps.register({ id: DBT_SCRIPT_ID, matches, js: DBT_SCRIPT_FILES, runAt: 'document_idle', allFrames: false, persistAcrossSessions: true });
  }
  return matches;
}

/**
 * The page to open for "Fill dbt's SSO form": an https page of a dbt access URL whose host is
 * granted, or null. Anything else (another host, a look-alike, a host not granted) is refused.
 */
export function dbtPageToOpen(url: string, granted: readonly string[]): string | null {
  const origin = dbtAccessOrigin(url);
  if (!origin) return null;
  const host = new URL(origin).hostname;
  const covered = dbtMatches(granted).some((pattern) => {
    const m = /^https:\/\/([^/]+)\/\*$/.exec(pattern);
    const want = m?.[1] ?? '';
    return want.startsWith('*.') ? host.endsWith(want.slice(1)) : want === host;
  });
  return covered ? new URL(url).href : null;
}
