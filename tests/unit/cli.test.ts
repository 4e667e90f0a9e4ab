// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  GRAPH_DELEGATED_PERMISSION_IDS,
  MICROSOFT_GRAPH_APP_ID,
  cliCommands,
  cliPlan,
  cliScript,
  shellQuote,
} from '@/utils/handoff/cli';
import { DEFAULT_SETUP, planFor, type Setup } from '@/utils/handoff/setup';

/*
 * The command-line path. The scripts are checked by the real bash: `bash -n` for syntax, and a run
 * against a stand-in `az` (first on PATH) that records its arguments, so that the flow, the quoting
 * and the handling of the secret are tested without a tenant.
 */

// A second, independent copy of the IDs from Microsoft's documentation
// (learn.microsoft.com/graph/permissions-reference): a typo in either copy fails the test.
const DOCUMENTED_DELEGATED_IDS = {
  'User.Read': 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
  'Directory.AccessAsUser.All': '0e263e50-5827-48a4-b97c-d940288653c7',
  'GroupMember.Read.All': 'bc024368-1153-4739-b217-4326f2e966d0',
} as const;
const DOCUMENTED_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

const support: Setup = { ...DEFAULT_SETUP, profile: 'support', deploymentId: 'acme-42' };
const selfService: Setup = { ...DEFAULT_SETUP, profile: 'self-service', region: 'emea' };
const selfServiceDirectory: Setup = { ...selfService, includeDirectoryRead: true };

const PROFILES = [
  ['support (deployment ID)', support],
  ['self-service', selfService],
  ['self-service with Directory.AccessAsUser.All', selfServiceDirectory],
] as const;

const GUID_G = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// Current client secret format (see validate.ts): 3 characters, a digit, "Q~", 31-34 more.
const SECRET_SHAPE = /[A-Za-z0-9_.~-]{3}\dQ~[A-Za-z0-9_.~-]{31,34}/;

/** The script without its comment lines: what bash runs. */
function code(script: string): string[] {
  return script.split('\n').filter((l) => !l.trimStart().startsWith('#'));
}

function bashSyntax(script: string) {
  return spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
}

function expectedIds(setup: Setup): string[] {
  return planFor(setup).permissions.map((p) => {
    const id = DOCUMENTED_DELEGATED_IDS[p.name as keyof typeof DOCUMENTED_DELEGATED_IDS];
    expect(id, p.name).toBeDefined();
    return id;
  });
}

describe('Microsoft Graph permission IDs', () => {
  test('the table equals the documented IDs, entry for entry', () => {
    expect(GRAPH_DELEGATED_PERMISSION_IDS).toEqual(DOCUMENTED_DELEGATED_IDS);
    expect(MICROSOFT_GRAPH_APP_ID).toBe(DOCUMENTED_GRAPH_APP_ID);
  });

  test('every permission of every profile has an ID', () => {
    for (const [, setup] of PROFILES) {
      for (const p of planFor(setup).permissions) {
        expect(GRAPH_DELEGATED_PERMISSION_IDS[p.name], p.name).toMatch(/^[0-9a-f-]{36}$/);
      }
    }
  });
});

describe('shellQuote', () => {
  test.each([
    ['', "''"],
    ['dbt Cloud', "'dbt Cloud'"],
    ["it's", "'it'\\''s'"],
    ["'", "''\\'''"],
  ])('%j is quoted as %s', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
  });

  test('bash reads every awkward value back unchanged, and runs none of it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-quote-'));
    try {
      const values = [
        '',
        'plain',
        'dbt Cloud',
        "it's",
        "''",
        '"double"',
        '$HOME',
        '${PATH}',
        '$(touch pwned-dollar)',
        '`touch pwned-backquote`',
        'a; touch pwned-semicolon',
        'a && touch pwned-and | cat',
        '*',
        '?',
        '[a-z]',
        '~',
        '~root/x',
        '!',
        '!!',
        '\\',
        '\\n',
        'line one\nline two',
        'tab\there',
        '--flag',
        '-n',
        'https://auth.getdbt.com/login/callback?connection=acme-42&x=1#frag',
        'é ü 漢字 🙂',
        ' leading and trailing ',
      ];
      const script = `printf '%s\\036' ${values.map(shellQuote).join(' ')}`;
      const run = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout.split('\x1e').slice(0, -1)).toEqual(values);
      for (const name of ['pwned-dollar', 'pwned-backquote', 'pwned-semicolon', 'pwned-and']) {
        expect(existsSync(join(dir, name)), name).toBe(false);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refuses a NUL, which bash cannot hold', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });
});

describe.each(PROFILES)('script for %s', (_label, setup) => {
  const script = cliScript(setup);
  const plan = planFor(setup);

  test('is complete and passes bash -n', () => {
    expect(cliPlan(setup).complete).toBe(true);
    expect(cliPlan(setup).missing).toBeNull();
    const check = bashSyntax(script);
    expect(check.status, check.stderr).toBe(0);
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(script).toMatch(/^set -euo pipefail$/m);
    expect(script).not.toMatch(/INCOMPLETE/);
  });

  test('registers a single-tenant app with the profile redirect URI as a Web redirect URI', () => {
    expect(plan.redirectUri).not.toBeNull();
    const create = code(script).find((l) => l.includes('az ad app create'));
    expect(create).toContain("--display-name 'dbt Cloud'");
    expect(create).toContain('--sign-in-audience AzureADMyOrg');
    expect(create).toContain(`--web-redirect-uris ${shellQuote(plan.redirectUri ?? '')}`);
    expect(create).toContain('--query appId --output tsv');
    expect(script).not.toMatch(/AzureADMultipleOrgs|PersonalMicrosoftAccount/);
  });

  test('adds exactly the profile permissions, by ID, as delegated Microsoft Graph permissions', () => {
    const added = [
      ...script.matchAll(
        /az ad app permission add --id "\$\{APP_ID:\?[^}]*\}" --api (\S+) --api-permissions (\S+)=(\S+)$/gm,
      ),
    ];
    expect(added.map((m) => m[1])).toEqual(plan.permissions.map(() => DOCUMENTED_GRAPH_APP_ID));
    expect(added.map((m) => m[2])).toEqual(expectedIds(setup));
    expect(added.map((m) => m[3])).toEqual(plan.permissions.map(() => 'Scope'));
    // No other identifier anywhere in the script.
    const guids = new Set([...script.matchAll(GUID_G)].map((m) => m[0].toLowerCase()));
    expect([...guids].sort()).toEqual([DOCUMENTED_GRAPH_APP_ID, ...expectedIds(setup)].sort());
  });

  test('grants admin consent for the profile permissions, after creating the service principal', () => {
    const names = plan.permissions.map((p) => p.name).join(' ');
    const grant = script.indexOf(
      `az ad app permission grant --id "\${APP_ID:?Run the create-app command first}" --api ${DOCUMENTED_GRAPH_APP_ID} --scope ${names} --output none`,
    );
    const sp = script.indexOf('az ad sp create --id');
    const lastAdd = script.lastIndexOf('az ad app permission add');
    expect(sp).toBeGreaterThan(script.indexOf('az ad app create'));
    expect(grant).toBeGreaterThan(sp);
    expect(grant).toBeGreaterThan(lastAdd);
    // The portal-endpoint command does not work in Cloud Shell: it must not be run.
    expect(code(script).join('\n')).not.toContain('permission admin-consent');
  });

  test('creates a 2-year secret appended, straight into a private file, never printed', () => {
    const reset = code(script).find((l) => l.includes('az ad app credential reset'));
    expect(reset).toBeDefined();
    expect(reset).toContain("--display-name 'dbt Cloud'");
    expect(reset).toContain('--years 2');
    expect(reset).toContain('--append');
    expect(reset).not.toContain('--end-date');
    expect(reset).toMatch(/^\(umask 077 && az .* --query password --output tsv > "\$SECRET_FILE"\)$/);
    expect(script).toMatch(/^SECRET_DIR="\$\(mktemp -d\)"$/m);
    expect(script).not.toMatch(/--password|\bcat "\$SECRET_FILE"|echo "\$SECRET|SECRET=/);
    expect(script).not.toMatch(SECRET_SHAPE);
  });

  test('prints the client ID, tenant ID, primary domain and secret expiry', () => {
    expect(script).toContain('az account show --query tenantId --output tsv');
    expect(script).toContain(
      "az rest --method get --url 'https://graph.microsoft.com/v1.0/domains' --query 'value[?isDefault].id' --output tsv",
    );
    expect(script).toContain('az ad app credential list --id');
    expect(script).toMatch(/echo "Application \(client\) ID: \$APP_ID"/);
  });
});

describe('commands', () => {
  test('are ordered, with unique ids, a title and a reason each, and match the script', () => {
    const commands = cliCommands(selfServiceDirectory);
    expect(commands.map((c) => c.id)).toEqual([
      'show-directory',
      'create-app',
      'create-service-principal',
      'add-permission-user-read',
      'add-permission-groupmember-read-all',
      'add-permission-directory-accessasuser-all',
      'grant-admin-consent',
      'create-client-secret',
      'print-values',
    ]);
    const script = cliScript(selfServiceDirectory);
    for (const c of commands) {
      expect(c.title.length, c.id).toBeGreaterThan(10);
      expect(c.why.length, c.id).toBeGreaterThan(40);
      expect(script, c.id).toContain(c.command);
      // Each command also passes bash -n on its own (it is copied alone into Cloud Shell).
      expect(bashSyntax(c.command).status, c.id).toBe(0);
    }
  });

  test('the support profile mentions the retired Azure AD Graph part next to its permissions', () => {
    const add = cliCommands(support).filter((c) => c.id.startsWith('add-permission-'));
    expect(add).toHaveLength(2);
    for (const c of add) expect(c.why).toMatch(/Azure AD Graph.*31 August 2025/);
  });
});

describe('incomplete setup (no redirect URI)', () => {
  const cases = [
    ['support without deployment ID', { ...support, deploymentId: '' }],
    ['support with the placeholder', { ...support, deploymentId: '<your-deployment-id>' }],
    ['self-service, other region, nothing pasted', { ...DEFAULT_SETUP, region: 'custom' }],
  ] as const;

  test.each(cases)('%s: flagged, placeholder variable, still valid bash', (_label, setup) => {
    const plan = cliPlan(setup);
    expect(plan.complete).toBe(false);
    expect(plan.missing).toMatch(/redirect URI/);
    const script = cliScript(setup);
    expect(script).toMatch(/^# INCOMPLETE: .*redirect URI/m);
    expect(script).toContain('--web-redirect-uris "${DBT_REDIRECT_URI:?');
    expect(script).not.toContain('<your-deployment-id>');
    expect(bashSyntax(script).status).toBe(0);
    // The same commands otherwise.
    expect(plan.commands.map((c) => c.id)).toEqual(
      cliCommands({ ...setup, deploymentId: 'x', customRedirectUri: 'https://x' }).map((c) => c.id),
    );
  });
});

/*
 * Runs of the script against a stand-in `az`: it records each call (arguments separated by \x1f,
 * calls by \x1e) and answers like the real one would.
 */
const APP = '11111111-2222-4333-8444-555555555555';
const TENANT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const FAKE_SECRET = 'Ab18Q~fake.secret_value-0123456789abcdefgh';
const FAKE_AZ = `#!/usr/bin/env bash
{ printf '%s\\037' "$@"; printf '\\036'; } >> "$AZ_LOG"
case "$1 $2 $3" in
  'account show '*)
    if [ "$3" = --query ] && [ "$4" = tenantId ]; then echo ${TENANT}; else echo 'TenantId  User'; fi ;;
  'ad app list') printf '%s' "\${FAKE_EXISTING:-}"; [ -z "\${FAKE_EXISTING:-}" ] || echo ;;
  'ad app create') echo ${APP} ;;
  'ad sp show') [ -e "$AZ_STATE/sp" ] || { echo 'ERROR: not found' >&2; exit 3; } ;;
  'ad sp create') touch "$AZ_STATE/sp" ;;
  'ad app permission') echo 'ConsentType  Scope' ;;
  'ad app credential')
    if [ "$4" = reset ]; then echo 'WARNING: The output includes credentials that you must protect.' >&2; echo '${FAKE_SECRET}';
    else echo 'Description  Expires'; fi ;;
  'rest --method get') echo contoso.com ;;
  *) echo "unexpected az call: $*" >&2; exit 2 ;;
esac
`;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  calls: string[][];
  cwd: string;
}

describe('running the script against a stand-in az', () => {
  let root: string;
  let n = 0;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'cli-run-'));
    writeFileSync(join(root, 'az'), FAKE_AZ);
    chmodSync(join(root, 'az'), 0o755);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function run(script: string, env: Record<string, string> = {}): Run {
    const cwd = mkdtempSync(join(root, `run${n++}-`));
    const log = join(cwd, 'az.log');
    writeFileSync(log, '');
    writeFileSync(join(cwd, 'script.sh'), script);
    const result = spawnSync('bash', ['script.sh'], {
      cwd,
      encoding: 'utf8',
      env: {
        PATH: `${root}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        HOME: cwd,
        TMPDIR: cwd,
        AZ_LOG: log,
        AZ_STATE: cwd,
        ...env,
      },
    });
    const calls = readFileSync(log, 'utf8')
      .split('\x1e')
      .slice(0, -1)
      .map((c) => c.split('\x1f').slice(0, -1));
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls, cwd };
  }

  const verbs = (r: Run) => r.calls.map((c) => c.slice(0, c[0] === 'ad' ? 4 : 2).join(' '));
  const argAfter = (call: string[] | undefined, flag: string) =>
    call?.[call.indexOf(flag) + 1];

  test.each(PROFILES)('%s: every step in order, secret only in a 0600 file', (_label, setup) => {
    const r = run(cliScript(setup));
    expect(r.status, r.stderr).toBe(0);
    const names = planFor(setup).permissions.map((p) => p.name);
    expect(verbs(r)).toEqual([
      'account show',
      'ad app list --filter',
      'ad app create --display-name',
      'ad sp show --id',
      'ad sp create --id',
      'ad sp show --id',
      ...names.map(() => 'ad app permission add'),
      'ad app permission grant',
      'ad app permission list-grants',
      'ad app credential reset',
      'account show',
      'rest --method',
      'ad app credential list',
    ]);

    const create = r.calls.find((c) => c[2] === 'create');
    expect(argAfter(create, '--web-redirect-uris')).toBe(planFor(setup).redirectUri);
    expect(argAfter(create, '--display-name')).toBe('dbt Cloud');
    expect(argAfter(create, '--sign-in-audience')).toBe('AzureADMyOrg');
    expect(argAfter(r.calls.find((c) => c[0] === 'ad' && c[1] === 'app' && c[2] === 'list'), '--filter')).toBe(
      "displayName eq 'dbt Cloud'",
    );

    for (const c of r.calls.filter((c) => c[3] === 'add' || c[3] === 'grant' || c[3] === 'reset')) {
      expect(argAfter(c, '--id')).toBe(APP);
    }
    const grant = r.calls.find((c) => c[3] === 'grant');
    expect(grant?.slice((grant?.indexOf('--scope') ?? 0) + 1, grant?.indexOf('--output'))).toEqual(names);
    expect(argAfter(grant, '--api')).toBe(DOCUMENTED_GRAPH_APP_ID);

    const reset = r.calls.find((c) => c[3] === 'reset');
    expect(argAfter(reset, '--display-name')).toBe('dbt Cloud');
    expect(argAfter(reset, '--years')).toBe('2');
    expect(reset).toContain('--append');

    // Never on screen; only in the private file the script names.
    expect(r.stdout).not.toContain(FAKE_SECRET);
    expect(r.stderr).not.toContain(FAKE_SECRET);
    const file = /The client secret Value is in (\S+) \(only you can read it\)/.exec(r.stdout)?.[1];
    expect(file).toBeDefined();
    expect(file?.startsWith(r.cwd)).toBe(true);
    expect(readFileSync(file ?? '', 'utf8')).toBe(`${FAKE_SECRET}\n`);
    expect(statSync(file ?? '').mode & 0o777).toBe(0o600);
    expect(statSync(join(file ?? '', '..')).mode & 0o777).toBe(0o700);

    expect(r.stdout).toContain(`Application (client) ID: ${APP}`);
    expect(r.stdout).toContain(`Directory (tenant) ID:   ${TENANT}`);
    expect(r.stdout).toContain('Primary domain:          contoso.com');
  });

  test('a pasted redirect URI reaches az exactly as typed, and none of it runs', () => {
    const uri = "https://auth.x.dbt.com/login/callback?a=$(touch pwned)&b=`touch pwned2`&c='q'";
    const r = run(cliScript({ ...DEFAULT_SETUP, region: 'custom', customRedirectUri: uri }));
    expect(r.status, r.stderr).toBe(0);
    expect(argAfter(r.calls.find((c) => c[2] === 'create'), '--web-redirect-uris')).toBe(uri);
    expect(existsSync(join(r.cwd, 'pwned'))).toBe(false);
    expect(existsSync(join(r.cwd, 'pwned2'))).toBe(false);
  });

  test('stops before changing anything when an app of that name already exists', () => {
    const r = run(cliScript(support), { FAKE_EXISTING: '99999999-8888-4777-8666-555555555555' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('already exists (client ID: 99999999-8888-4777-8666-555555555555)');
    expect(verbs(r)).toEqual(['account show', 'ad app list --filter']);
  });

  test('an incomplete script stops before any az call unless the redirect URI is given', () => {
    const script = cliScript({ ...DEFAULT_SETUP, region: 'custom' });
    const stopped = run(script);
    expect(stopped.status).not.toBe(0);
    expect(stopped.stderr).toContain('Set DBT_REDIRECT_URI to the redirect URI from dbt first');
    expect(stopped.calls).toEqual([]);

    const uri = 'https://auth.example.dbt.com/login/callback';
    const given = run(script, { DBT_REDIRECT_URI: uri });
    expect(given.status, given.stderr).toBe(0);
    expect(argAfter(given.calls.find((c) => c[2] === 'create'), '--web-redirect-uris')).toBe(uri);
  });
});
