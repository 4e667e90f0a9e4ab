import { describe, expect, test } from 'vitest';
import { DBT_SCRIPT_ID, dbtMatches, dbtPageToOpen, syncDbtScripts, type DbtAccessDeps, type RegisteredScript } from '@/utils/background/dbt-access';

function fake(granted: string[], registered: RegisteredScript[] = []) {
  const calls: string[] = [];
  let scripts = [...registered];
  const deps: DbtAccessDeps = {
    grantedOrigins: async () => granted,
    registered: async () => scripts,
    register: async (s) => {
      calls.push(`register ${s.matches.join(' ')} ${s.js.join(' ')} allFrames=${String(s.allFrames)}`);
      scripts.push({ id: s.id, matches: s.matches });
    },
    unregister: async (id) => {
      calls.push(`unregister ${id}`);
      scripts = scripts.filter((s) => s.id !== id);
    },
  };
  return { deps, calls, scripts: () => scripts };
}

describe("dbt's scripts follow the granted hosts", () => {
  test('only dbt access URLs count among the granted origins', () => {
    expect(
      dbtMatches(['https://portal.azure.com/*', 'https://cloud.getdbt.com/*', 'https://ab123.us1.dbt.com/*', 'https://*.dbt.com/*', 'https://auth.cloud.getdbt.com/*', 'https://evil.example/*', '<all_urls>']),
    ).toEqual(['https://*.dbt.com/*', 'https://ab123.us1.dbt.com/*', 'https://cloud.getdbt.com/*']);
  });

  test('nothing granted: nothing registered', async () => {
    const f = fake(['https://portal.azure.com/*']);
    expect(await syncDbtScripts(f.deps)).toEqual([]);
    expect(f.calls).toEqual([]);
  });

  test('a grant registers the agent and the panel, top frame only; a second sync changes nothing', async () => {
    const f = fake(['https://cloud.getdbt.com/*']);
    await syncDbtScripts(f.deps);
    expect(f.calls).toEqual(['register https://cloud.getdbt.com/* content-scripts/dbt-agent.js content-scripts/panel.js allFrames=false']);
    await syncDbtScripts(f.deps);
    expect(f.calls).toHaveLength(1);
  });

  test('a new host re-registers with both; a revoked last host unregisters', async () => {
    const f = fake(['https://emea.dbt.com/*'], [{ id: DBT_SCRIPT_ID, matches: ['https://cloud.getdbt.com/*'] }]);
    await syncDbtScripts(f.deps);
    expect(f.calls).toEqual([`unregister ${DBT_SCRIPT_ID}`, 'register https://emea.dbt.com/* content-scripts/dbt-agent.js content-scripts/panel.js allFrames=false']);
    const g = fake([], [{ id: DBT_SCRIPT_ID, matches: ['https://cloud.getdbt.com/*'] }]);
    await syncDbtScripts(g.deps);
    expect(g.calls).toEqual([`unregister ${DBT_SCRIPT_ID}`]);
    expect(g.scripts()).toEqual([]);
  });

  test.each([
    ['https://cloud.getdbt.com/settings/accounts/1/pages/sso', ['https://cloud.getdbt.com/*'], 'https://cloud.getdbt.com/settings/accounts/1/pages/sso'],
    ['https://ab123.us1.dbt.com/', ['https://*.dbt.com/*'], 'https://ab123.us1.dbt.com/'],
    ['https://emea.dbt.com/', ['https://cloud.getdbt.com/*'], null],
    ['https://cloud.getdbt.com.evil.example/', ['https://cloud.getdbt.com/*'], null],
    ['javascript:alert(1)', ['https://cloud.getdbt.com/*'], null],
    ['https://auth.cloud.getdbt.com/login/callback', ['https://cloud.getdbt.com/*'], null],
  ])('the page to open for %s', (url, granted, want) => {
    expect(dbtPageToOpen(url, granted)).toBe(want);
  });
});
