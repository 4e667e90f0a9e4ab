// @vitest-environment node
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  DEFAULT_ACCESS_APP_ROLE_ID,
  GRAPH_DELEGATED_PERMISSION_IDS,
  MICROSOFT_GRAPH_APP_ID,
  SIGN_IN_AUDIENCES,
  cliCommands,
  cliPlan,
  cliScript,
  cliScriptBody,
  groupObjectIdError,
  shellQuote,
  type CliOptions,
} from '@/utils/handoff/cli';
import { ACCOUNT_TYPES, DEFAULT_SETUP, planFor, type AccountType, type Setup } from '@/utils/domain/setup';

/*
 * The command-line path. The scripts are checked by the real bash and by shellcheck: `bash -n` for
 * syntax, shellcheck for the mistakes bash accepts, and runs against a stand-in `az`
 * (tests/unit/cli/fake-az.sh, first on PATH) that logs its arguments, so that the flow, the quoting
 * and the handling of the secret are tested without a tenant. Pasting is tested too: the script and
 * the single commands are fed to an interactive bash, which must survive every failure.
 */

// A second, independent copy of the IDs from Microsoft's documentation
// (learn.microsoft.com/graph/permissions-reference; docs/sources.md, E): a typo in either copy fails.
const DOCUMENTED_DELEGATED_IDS = {
  'User.Read': 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
  'Directory.AccessAsUser.All': '0e263e50-5827-48a4-b97c-d940288653c7',
  'GroupMember.Read.All': 'bc024368-1153-4739-b217-4326f2e966d0',
  'Directory.Read.All': '06da0dbc-49e2-44d2-8312-53f166ab848a',
} as const;
const DOCUMENTED_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
// docs/sources.md, I: the default access app role; F and H: the portal path for assignments.
const DOCUMENTED_DEFAULT_APP_ROLE = '00000000-0000-0000-0000-000000000000';
const PORTAL_ASSIGNMENT = 'Enterprise applications > dbt Cloud > Users and groups > + Add user/group';
const DOCUMENTED_AUDIENCES: Record<AccountType, string> = {
  single: 'AzureADMyOrg',
  multi: 'AzureADMultipleOrgs',
  'multi-personal': 'AzureADandPersonalMicrosoftAccount',
  personal: 'PersonalMicrosoftAccount',
};

const support: Setup = { ...DEFAULT_SETUP, profile: 'support', deploymentId: 'acme-42' };
const selfService: Setup = { ...DEFAULT_SETUP, profile: 'self-service', region: 'emea' };
const selfServiceDirectory: Setup = { ...selfService, includeDirectoryRead: true };

const PROFILES = [
  ['support (deployment ID)', support],
  ['self-service', selfService],
  ['self-service with Directory.Read.All', selfServiceDirectory],
] as const;

/** Typed in upper case, as the portal's copy button may give it; the script writes it in lower case. */
const GROUP = '7A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D';
const ACCOUNT_TYPE_LIST = Object.keys(ACCOUNT_TYPES) as AccountType[];

interface Variant {
  label: string;
  setup: Setup;
  options: CliOptions;
  group: string | null;
  complete: boolean;
}

/** Every generated variant: both profiles × the 4 account types × Directory.Read.All × group × redirect URI. */
const VARIANTS: Variant[] = (['support', 'self-service'] as const).flatMap((profile) =>
  ACCOUNT_TYPE_LIST.flatMap((accountType) =>
    [false, true].flatMap((includeDirectoryRead) =>
      [null, GROUP].flatMap((group) =>
        [true, false].map((complete): Variant => {
          const base: Setup = { ...DEFAULT_SETUP, profile, accountType, includeDirectoryRead };
          const setup: Setup =
            profile === 'support'
              ? { ...base, deploymentId: complete ? 'acme-42' : '' }
              : complete
                ? { ...base, region: 'emea' }
                : { ...base, region: 'custom', customRedirectUri: '' };
          const label = [
            profile,
            accountType,
            includeDirectoryRead ? 'Directory.Read.All' : 'no Directory.Read.All',
            group === null ? 'no group' : 'group',
            complete ? 'complete' : 'incomplete',
          ].join(', ');
          return { label, setup, options: { groupObjectId: group ?? '' }, group: group?.toLowerCase() ?? null, complete };
        }),
      ),
    ),
  ),
);

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

/** The lines between `bash <<'DELIM'` and DELIM: what the child bash runs. */
function heredocBody(script: string): string {
  const lines = script.split('\n');
  const start = lines.findIndex((l) => /^bash <<'[A-Z_0-9]+'$/.test(l));
  expect(start, 'the script is one here-document').toBeGreaterThan(0);
  const delimiter = /'(.+)'/.exec(lines[start] ?? '')?.[1] ?? '';
  const end = lines.indexOf(delimiter, start + 1);
  expect(end, 'the here-document ends').toBeGreaterThan(start);
  expect(lines.slice(end + 1).join(''), 'nothing after the here-document').toBe('');
  return lines.slice(start + 1, end).join('\n');
}

function expectedIds(setup: Setup): string[] {
  return planFor(setup).permissions.map((p) => {
    const id = DOCUMENTED_DELEGATED_IDS[p.name as keyof typeof DOCUMENTED_DELEGATED_IDS];
    expect(id, p.name).toBeDefined();
    return id;
  });
}

/** The guide's step ids (one file each under steps/), read from the folder so as to name none here. */
const GUIDE_STEP_IDS = readdirSync(join(import.meta.dirname, '../../steps'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => basename(f, '.ts'));

describe('Microsoft Graph permission IDs', () => {
  test('the table equals the documented IDs, entry for entry', () => {
    expect(GRAPH_DELEGATED_PERMISSION_IDS).toEqual(DOCUMENTED_DELEGATED_IDS);
    expect(MICROSOFT_GRAPH_APP_ID).toBe(DOCUMENTED_GRAPH_APP_ID);
    expect(DEFAULT_ACCESS_APP_ROLE_ID).toBe(DOCUMENTED_DEFAULT_APP_ROLE);
    expect(SIGN_IN_AUDIENCES).toEqual(DOCUMENTED_AUDIENCES);
  });

  test('every permission of every variant has an ID, and Directory.AccessAsUser.All is never asked for', () => {
    for (const { setup } of VARIANTS) {
      const names = planFor(setup).permissions.map((p) => p.name);
      expect(names.slice(0, 2)).toEqual(['User.Read', 'GroupMember.Read.All']);
      expect(names.includes('Directory.Read.All')).toBe(setup.includeDirectoryRead);
      expect(names).not.toContain('Directory.AccessAsUser.All');
      for (const name of names) expect(GRAPH_DELEGATED_PERMISSION_IDS[name], name).toMatch(/^[0-9a-f-]{36}$/);
      expect(cliScript(setup)).not.toContain(DOCUMENTED_DELEGATED_IDS['Directory.AccessAsUser.All']);
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

describe('group Object ID', () => {
  test.each(['', '   ', GROUP, GROUP.toLowerCase(), ` ${GROUP} `])('%j is accepted', (value) => {
    expect(groupObjectIdError(value)).toBeNull();
  });

  test.each(['dbt users', '7a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d', `${GROUP}'; touch pwned`, '{7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d}'])(
    '%j is refused with a reason, and never reaches a script',
    (value) => {
      expect(groupObjectIdError(value)).toMatch(/Object ID/);
      expect(() => cliPlan(selfService, { groupObjectId: value })).toThrow(/GUID/);
    },
  );
});

describe.each(PROFILES)('script for %s', (_label, setup) => {
  const script = cliScript(setup);
  const plan = planFor(setup);

  test('is complete, one here-document run by its own bash, strict only inside, and passes bash -n', () => {
    expect(cliPlan(setup).complete).toBe(true);
    expect(cliPlan(setup).missing).toBeNull();
    const check = bashSyntax(script);
    expect(check.status, check.stderr).toBe(0);
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(script).toMatch(/^bash <<'SCRIPT'\n[^]*\nSCRIPT\n$/m);
    expect(script.endsWith('\nSCRIPT\n')).toBe(true);
    // Outside the here-document: comments and the one `bash` line, nothing else.
    const outside = script.slice(0, script.indexOf("bash <<'SCRIPT'"));
    expect(code(outside).filter((l) => l !== '')).toEqual([]);
    const body = heredocBody(script);
    expect(body).toBe(cliScriptBody(setup));
    expect(body).toMatch(/^set -euo pipefail$/m);
    expect(body).toMatch(/^\{$/m);
    expect(body.endsWith('} < /dev/null')).toBe(true);
    expect(script).toMatch(/it runs in its own bash, so an error stops the\n# script, not your Cloud Shell/);
    expect(script).not.toMatch(/INCOMPLETE/);
    // A tab pasted into an interactive shell asks for completion.
    expect(script).not.toContain('\t');
  });

  test('registers a single-tenant app with the profile redirect URI as a Web redirect URI', () => {
    expect(plan.redirectUri).not.toBeNull();
    const create = code(script).find((l) => l.includes('az ad app create'));
    expect(create).toContain("--display-name 'dbt Cloud'");
    expect(create).toContain('--sign-in-audience AzureADMyOrg');
    expect(create).toContain(`--web-redirect-uris ${shellQuote(plan.redirectUri ?? '')}`);
    expect(create).toContain('--query appId --output tsv');
    expect(create).not.toContain('--requested-access-token-version');
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

  test('grants admin consent with `permission grant`, after the service principal, with a portal fallback', () => {
    const names = plan.permissions.map((p) => p.name).join(' ');
    const grant = script.indexOf(
      `if ! az ad app permission grant --id "\${APP_ID:?Run the create-app command first}" --api ${DOCUMENTED_GRAPH_APP_ID} --scope '${names}' --output none; then`,
    );
    const sp = script.indexOf('az ad sp create --id');
    const lastAdd = script.lastIndexOf('az ad app permission add');
    expect(sp).toBeGreaterThan(script.indexOf('az ad app create'));
    expect(grant).toBeGreaterThan(sp);
    expect(grant).toBeGreaterThan(lastAdd);
    expect(script).toContain('Grant it in the portal: %s.');
    expect(script).toContain('App registrations > dbt Cloud > API permissions > Grant admin consent for <your directory>');
    // The portal-endpoint command does not work in Cloud Shell: it must not be run.
    expect(code(script).join('\n')).not.toContain('permission admin-consent');
  });

  test('requires assignment on the enterprise application, and says to assign in the portal without a group', () => {
    expect(code(script)).toContain(
      'az ad sp update --id "${APP_ID:?Run the create-app command first}" --set appRoleAssignmentRequired=true',
    );
    expect(script).toMatch(/with No,\n?# ?anyone in the directory can sign in/);
    expect(script).toContain(`# No group given: assign users or groups in the portal: ${PORTAL_ASSIGNMENT}.`);
    expect(script).toMatch(/P1 or P2/);
    expect(script).not.toContain('appRoleAssignedTo');
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

  test('prints the client ID, tenant ID, primary domain, dbt domain and secret expiry', () => {
    expect(script).toContain('az account show --query tenantId --output tsv');
    expect(script).toContain(
      "az rest --method get --url 'https://graph.microsoft.com/v1.0/domains' --query 'value[?isDefault].id' --output tsv",
    );
    expect(script).toContain('az ad app credential list --id');
    expect(script).toMatch(/echo "Application \(client\) ID: \$APP_ID"/);
    expect(script).toContain('echo "Microsoft Entra ID Domain for dbt: $PRIMARY_DOMAIN"');
  });
});

describe('account types', () => {
  test.each(ACCOUNT_TYPE_LIST)('%s: its sign-in audience, its dbt domain, and what other tenants do', (accountType) => {
    const setup: Setup = { ...selfService, accountType };
    const plan = planFor(setup);
    const cli = cliPlan(setup);
    const script = cliScript(setup);
    const create = code(script).find((l) => l.includes('az ad app create')) ?? '';
    expect(cli.signInAudience).toBe(DOCUMENTED_AUDIENCES[accountType]);
    expect(create).toContain(`--sign-in-audience ${DOCUMENTED_AUDIENCES[accountType]} `);
    // Microsoft Graph requires v2 access tokens of apps open to personal accounts.
    const personal = accountType === 'multi-personal' || accountType === 'personal';
    expect(create.includes('--requested-access-token-version 2')).toBe(personal);
    // The header and the plan say which account type.
    expect(script).toContain(`# Account type: "${ACCOUNT_TYPES[accountType].label}"`);
    expect(cli.notes[0]).toContain(ACCOUNT_TYPES[accountType].label);
    const notes = cli.notes.join(' ');
    const consentUrl = 'https://login.microsoftonline.com/<tenant-id>/adminconsent?client_id=<client-id>';
    if (plan.authority === null) {
      expect(notes).toMatch(/Microsoft Entra ID Domain is your directory's primary domain/);
      expect(script).not.toContain('adminconsent');
    } else {
      expect(notes).toContain(`Microsoft Entra ID Domain is ${plan.authority} `);
      expect(script).toContain(`echo "Microsoft Entra ID Domain for dbt: ${plan.authority} `);
      expect(notes.includes(consentUrl)).toBe(accountType !== 'personal');
      expect(script.includes('adminconsent?client_id=$APP_ID"')).toBe(accountType !== 'personal');
    }
  });
});

describe('commands', () => {
  test('are ordered, with unique ids that are not the guide step ids, a title and a reason each, and match the script', () => {
    const commands = cliCommands(selfServiceDirectory, { groupObjectId: GROUP });
    const ids = commands.map((c) => c.id);
    expect(ids).toEqual([
      'show-directory',
      'create-app',
      'create-service-principal',
      'assignment-required',
      'assign-group',
      'add-permission-user-read',
      'add-permission-groupmember-read-all',
      'add-permission-directory-read-all',
      'consent',
      'add-secret',
      'print-values',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(GUIDE_STEP_IDS.length).toBeGreaterThan(5);
    expect(ids.filter((id) => GUIDE_STEP_IDS.includes(id))).toEqual([]);
    expect(cliCommands(support).map((c) => c.id).filter((id) => GUIDE_STEP_IDS.includes(id))).toEqual([]);
    const script = cliScript(selfServiceDirectory, { groupObjectId: GROUP });
    for (const c of commands) {
      expect(c.title.length, c.id).toBeGreaterThan(10);
      expect(c.why.length, c.id).toBeGreaterThan(40);
      expect(script, c.id).toContain(c.command);
    }
  });

  test.each(VARIANTS.filter((v) => v.complete).map((v) => [v.label, v] as const))(
    '%s: each command alone passes bash -n and has nothing that could close an interactive shell',
    (_label, { setup, options }) => {
      for (const c of cliCommands(setup, options)) {
        expect(bashSyntax(c.command).status, c.id).toBe(0);
        const run = code(c.command).join('\n');
        expect(run, c.id).not.toMatch(/\bset\s+[-+][a-z]*e|errexit|\bexit\b|\bexec\b|\blogout\b/);
      }
    },
  );

  test('the support profile mentions the retired Azure AD Graph part next to its permissions', () => {
    const add = cliCommands(support).filter((c) => c.id.startsWith('add-permission-'));
    expect(add).toHaveLength(2);
    for (const c of add) expect(c.why).toMatch(/Azure AD Graph.*31 August 2025/);
  });

  test('with a group, it is assigned through Microsoft Graph to the enterprise application, by object ID', () => {
    const script = cliScript(selfService, { groupObjectId: GROUP });
    const lines = code(script);
    expect(lines).toContain('SP_ID="$(az ad sp show --id "${APP_ID:?Run the create-app command first}" --query id --output tsv)"');
    expect(lines).toContain(
      `if az rest --method POST --uri "https://graph.microsoft.com/v1.0/servicePrincipals/$SP_ID/appRoleAssignedTo" --body '{"principalId": "${GROUP.toLowerCase()}", "resourceId": "'"$SP_ID"'", "appRoleId": "${DOCUMENTED_DEFAULT_APP_ROLE}"}' --output none; then`,
    );
    expect(script).toMatch(/P1 or P2/);
    expect(script).not.toContain('# No group given');
    expect(script).not.toContain('Still to do: assign');
    const guids = new Set([...script.matchAll(GUID_G)].map((m) => m[0].toLowerCase()));
    expect([...guids].sort()).toEqual(
      [DOCUMENTED_GRAPH_APP_ID, ...expectedIds(selfService), GROUP.toLowerCase(), DOCUMENTED_DEFAULT_APP_ROLE].sort(),
    );
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
    expect(heredocBody(script)).toMatch(/^: "\$\{DBT_REDIRECT_URI:\?Run export DBT_REDIRECT_URI=/m);
    expect(script).not.toContain('<your-deployment-id>');
    expect(bashSyntax(script).status).toBe(0);
    // The same commands otherwise.
    expect(plan.commands.map((c) => c.id)).toEqual(
      cliCommands({ ...setup, deploymentId: 'x', customRedirectUri: 'https://x' }).map((c) => c.id),
    );
  });
});

describe('shellcheck', () => {
  test('every variant passes shellcheck: the pasted script, and the script its bash runs', () => {
    const version = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
    if (version.error !== undefined || version.status !== 0) {
      throw new Error(
        'shellcheck is missing: install it (apt-get install shellcheck); it checks the generated Cloud Shell script.',
      );
    }
    const dir = mkdtempSync(join(tmpdir(), 'cli-shellcheck-'));
    try {
      const files: string[] = [];
      VARIANTS.forEach((v, i) => {
        const script = cliScript(v.setup, v.options);
        expect(bashSyntax(script).status, v.label).toBe(0);
        const outer = join(dir, `variant-${i}.sh`);
        const inner = join(dir, `variant-${i}-body.sh`);
        writeFileSync(outer, script);
        writeFileSync(inner, heredocBody(script));
        expect(bashSyntax(heredocBody(script)).status, v.label).toBe(0);
        files.push(outer, inner);
      });
      // One run for all files: shellcheck names each file with a finding.
      const check = spawnSync('shellcheck', ['--shell=bash', '--severity=style', ...files], { encoding: 'utf8' });
      expect(check.stdout + check.stderr).toBe('');
      expect(check.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test('the stand-in az passes shellcheck too', () => {
    const check = spawnSync('shellcheck', [join(import.meta.dirname, 'cli/fake-az.sh')], { encoding: 'utf8' });
    expect(check.error, 'apt-get install shellcheck').toBeUndefined();
    expect(check.stdout + check.stderr).toBe('');
  });
});

/*
 * Runs against the stand-in az: each call is logged as a JSON array of its arguments.
 */
const APP = '11111111-2222-4333-8444-555555555555';
const SP = '66666666-7777-4888-8999-aaaaaaaaaaaa';
const TENANT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const FAKE_SECRET = 'Ab18Q~fake.secret_value-0123456789abcdefgh';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  calls: string[][];
  cwd: string;
}

/** A call's subcommand words: `ad app permission grant`, `ad sp show`, `rest --method POST`, … */
function verb(call: readonly string[]): string {
  if (call[0] === 'account') return call.slice(0, 2).join(' ');
  if (call[0] === 'ad' && (call[2] === 'permission' || call[2] === 'credential')) return call.slice(0, 4).join(' ');
  return call.slice(0, 3).join(' ');
}
const verbs = (r: Run) => r.calls.map(verb);
const argAfter = (call: readonly string[] | undefined, flag: string) => {
  const i = call?.indexOf(flag) ?? -1;
  return i < 0 ? undefined : call?.[i + 1];
};
const callOf = (r: Run, v: string) => r.calls.find((c) => verb(c) === v);

/** What a complete run calls, in order, for a variant. */
function expectedVerbs(setup: Setup, group: string | null): string[] {
  return [
    'account show',
    'ad app list',
    'ad app create',
    'ad sp show',
    'ad sp create',
    'ad sp show',
    'ad sp update',
    ...(group === null ? [] : ['ad sp show', 'rest --method POST']),
    ...planFor(setup).permissions.map(() => 'ad app permission add'),
    'ad app permission grant',
    'ad app credential reset',
    'account show',
    'rest --method get',
    'ad app permission list-grants',
    'ad app credential list',
  ];
}

describe('running against a stand-in az', () => {
  let root: string;
  let bin: string;
  let n = 0;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'cli-run-'));
    bin = join(root, 'bin');
    mkdirSync(bin);
    copyFileSync(join(import.meta.dirname, 'cli/fake-az.sh'), join(bin, 'az'));
    chmodSync(join(bin, 'az'), 0o755);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** Runs bash with `args` and `input` in a fresh folder, the stand-in az first on PATH. */
  function bash(args: string[], input: string, env: Record<string, string> = {}): Run {
    const cwd = mkdtempSync(join(root, `run${n++}-`));
    const log = join(cwd, 'az.log');
    writeFileSync(log, '');
    writeFileSync(join(cwd, 'script.sh'), input);
    const result = spawnSync('bash', args, {
      cwd,
      input,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        HOME: cwd,
        TMPDIR: cwd,
        TERM: 'dumb',
        AZ_LOG: log,
        AZ_STATE: cwd,
        FAKE_APP_ID: APP,
        FAKE_SP_ID: SP,
        FAKE_TENANT_ID: TENANT,
        FAKE_SECRET,
        ...env,
      },
    });
    const calls = readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as string[]);
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls, cwd };
  }

  /** The script as a file run by bash (`bash script.sh`). */
  const run = (script: string, env: Record<string, string> = {}) => bash(['script.sh'], script, env);
  /** Pasted into an interactive bash (the Cloud Shell), followed by one more command. */
  const paste = (text: string, env: Record<string, string> = {}) =>
    bash(['--norc', '--noprofile', '-i'], `${text}\necho OUTER-ALIVE\n`, env);
  const alive = (r: Run) => r.stdout.split('\n').includes('OUTER-ALIVE');

  function expectSecretOnlyInItsFile(r: Run) {
    expect(r.stdout).not.toContain(FAKE_SECRET);
    expect(r.stderr).not.toContain(FAKE_SECRET);
    const file = /The client secret Value is in (\S+) \(only you can read it\)/.exec(r.stdout)?.[1];
    expect(file).toBeDefined();
    expect(file?.startsWith(r.cwd)).toBe(true);
    expect(readFileSync(file ?? '', 'utf8')).toBe(`${FAKE_SECRET}\n`);
    expect(statSync(file ?? '').mode & 0o777).toBe(0o600);
    expect(statSync(join(file ?? '', '..')).mode & 0o777).toBe(0o700);
    expect(r.stdout).toContain(`cat "${file ?? ''}"`);
  }

  test.each(VARIANTS.map((v) => [v.label, v] as const))('%s: every step in order with its arguments, secret only in a 0600 file', (_label, { setup, options, group, complete }) => {
    const uri = complete ? planFor(setup).redirectUri : 'https://auth.example.dbt.com/login/callback';
    const r = run(cliScript(setup, options), complete ? {} : { DBT_REDIRECT_URI: uri ?? '' });
    expect(r.status, r.stderr).toBe(0);
    expect(verbs(r)).toEqual(expectedVerbs(setup, group));
    const plan = planFor(setup);
    const names = plan.permissions.map((p) => p.name);

    const create = callOf(r, 'ad app create');
    expect(argAfter(create, '--display-name')).toBe('dbt Cloud');
    expect(argAfter(create, '--sign-in-audience')).toBe(DOCUMENTED_AUDIENCES[setup.accountType]);
    expect(argAfter(create, '--requested-access-token-version')).toBe(
      setup.accountType === 'multi-personal' || setup.accountType === 'personal' ? '2' : undefined,
    );
    expect(argAfter(create, '--web-redirect-uris')).toBe(uri);
    expect(argAfter(callOf(r, 'ad app list'), '--filter')).toBe("displayName eq 'dbt Cloud'");

    // Every call about the app names it by its client ID.
    for (const c of r.calls.filter((c) => c[0] === 'ad' && !['list', 'create'].includes(c[2] ?? ''))) {
      expect(argAfter(c, '--id'), c.join(' ')).toBe(APP);
    }
    const update = callOf(r, 'ad sp update');
    expect(argAfter(update, '--set')).toBe('appRoleAssignmentRequired=true');

    const adds = r.calls.filter((c) => verb(c) === 'ad app permission add');
    expect(adds.map((c) => argAfter(c, '--api'))).toEqual(names.map(() => DOCUMENTED_GRAPH_APP_ID));
    expect(adds.map((c) => argAfter(c, '--api-permissions'))).toEqual(expectedIds(setup).map((id) => `${id}=Scope`));
    const grant = callOf(r, 'ad app permission grant');
    expect(argAfter(grant, '--api')).toBe(DOCUMENTED_GRAPH_APP_ID);
    expect(argAfter(grant, '--scope')).toBe(names.join(' '));

    const assign = callOf(r, 'rest --method POST');
    if (group === null) {
      expect(assign).toBeUndefined();
      expect(r.stdout).toContain(`Still to do: assign users or groups in the portal: ${PORTAL_ASSIGNMENT}.`);
    } else {
      expect(argAfter(assign, '--uri')).toBe(`https://graph.microsoft.com/v1.0/servicePrincipals/${SP}/appRoleAssignedTo`);
      expect(JSON.parse(argAfter(assign, '--body') ?? 'null')).toEqual({
        principalId: group,
        resourceId: SP,
        appRoleId: DOCUMENTED_DEFAULT_APP_ROLE,
      });
      expect(r.stdout).toContain(`Group ${group} assigned to dbt Cloud.`);
      expect(r.stdout).not.toContain('Still to do');
    }

    const reset = callOf(r, 'ad app credential reset');
    expect(argAfter(reset, '--display-name')).toBe('dbt Cloud');
    expect(argAfter(reset, '--years')).toBe('2');
    expect(reset).toContain('--append');
    expectSecretOnlyInItsFile(r);

    expect(r.stdout).toContain(`Application (client) ID: ${APP}`);
    expect(r.stdout).toContain(`Directory (tenant) ID:   ${TENANT}`);
    expect(r.stdout).toContain('Primary domain:          contoso.com');
    expect(r.stdout).toContain(`Microsoft Entra ID Domain for dbt: ${plan.authority ?? 'contoso.com'}`);
    expect(r.stdout.includes(`https://login.microsoftonline.com/<their-tenant-id>/adminconsent?client_id=${APP}`)).toBe(
      setup.accountType === 'multi' || setup.accountType === 'multi-personal',
    );
  });

  test('pasted into an interactive shell, a failing first change stops the script and the shell stays open', () => {
    const r = paste(cliScript(support), { FAKE_FAIL: 'ad app create' });
    expect(alive(r), r.stderr).toBe(true);
    expect(r.stderr).toContain('ERROR: (fake) ad app create failed');
    expect(r.stderr).toContain('The app registration was not created');
    expect(verbs(r)).toEqual(['account show', 'ad app list', 'ad app create']);
  });

  test('pasted into an interactive shell, the whole script runs as from a file', () => {
    const setup: Setup = { ...selfService, accountType: 'multi' };
    const r = paste(cliScript(setup, { groupObjectId: GROUP }));
    expect(alive(r), r.stderr).toBe(true);
    expect(verbs(r)).toEqual(expectedVerbs(setup, GROUP));
    expectSecretOnlyInItsFile(r);
  });

  test('the single commands, pasted one after another, do what the script does; failing, they leave the shell open', () => {
    const setup: Setup = { ...support, includeDirectoryRead: true };
    const commands = cliCommands(setup, { groupObjectId: GROUP }).map((c) => c.command);
    const ok = paste(commands.join('\n'));
    expect(alive(ok), ok.stderr).toBe(true);
    expect(verbs(ok)).toEqual(expectedVerbs(setup, GROUP));
    expectSecretOnlyInItsFile(ok);

    const failed = paste(commands.join('\n'), { FAKE_FAIL: 'ad app create' });
    expect(alive(failed), failed.stderr).toBe(true);
    expect(failed.stderr).toContain('Run the create-app command first');
    // Nothing reached the app without its client ID.
    expect(verbs(failed).filter((v) => v.startsWith('ad sp') || v.startsWith('ad app permission') || v.startsWith('ad app credential'))).toEqual([]);
  });

  test('an error after the app exists stops the script there', () => {
    const r = run(cliScript(selfService), { FAKE_FAIL: 'ad sp update' });
    expect(r.status).not.toBe(0);
    expect(verbs(r).at(-1)).toBe('ad sp update');
    expect(verbs(r)).not.toContain('ad app permission add');
  });

  test('a command that reads its input does not swallow the rest of the script', () => {
    const r = run(cliScript(selfService, { groupObjectId: GROUP }), { FAKE_READ_STDIN: '1' });
    expect(r.status, r.stderr).toBe(0);
    expect(verbs(r)).toEqual(expectedVerbs(selfService, GROUP));
  });

  test('when consent fails, the script says to press "Grant admin consent" in the portal and goes on', () => {
    const r = run(cliScript(selfService), { FAKE_FAIL: 'ad app permission grant' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'Admin consent was not granted (see the error above). Grant it in the portal: App registrations > dbt Cloud > API permissions > Grant admin consent for <your directory>.',
    );
    expect(verbs(r)).toEqual(expectedVerbs(selfService, null));
  });

  test('when the group cannot be assigned (no P1 or P2), the script says to assign in the portal and goes on', () => {
    const r = run(cliScript(selfService, { groupObjectId: GROUP }), { FAKE_FAIL: 'rest --method POST' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`groups need Microsoft Entra ID P1 or P2). Assign users or groups in the portal: ${PORTAL_ASSIGNMENT}.`);
    expect(verbs(r)).toEqual(expectedVerbs(selfService, GROUP));
  });

  test('a pasted redirect URI reaches az exactly as typed, and none of it runs, even a line that ends the here-document', () => {
    for (const uri of [
      "https://auth.x.dbt.com/login/callback?a=$(touch pwned)&b=`touch pwned2`&c='q'&d=!!",
      'https://auth.x.dbt.com/login/callback\nSCRIPT\ntouch pwned\nbash <<SCRIPT',
    ]) {
      const script = cliScript({ ...DEFAULT_SETUP, region: 'custom', customRedirectUri: uri });
      const r = run(script);
      expect(r.status, r.stderr).toBe(0);
      expect(argAfter(callOf(r, 'ad app create'), '--web-redirect-uris')).toBe(uri.trim());
      expect(existsSync(join(r.cwd, 'pwned'))).toBe(false);
      expect(existsSync(join(r.cwd, 'pwned2'))).toBe(false);
      const pasted = paste(script);
      expect(alive(pasted), pasted.stderr).toBe(true);
      expect(argAfter(callOf(pasted, 'ad app create'), '--web-redirect-uris')).toBe(uri.trim());
      expect(existsSync(join(pasted.cwd, 'pwned'))).toBe(false);
    }
  });

  test('stops before changing anything when an app of that name already exists', () => {
    const r = run(cliScript(support), { FAKE_EXISTING: '99999999-8888-4777-8666-555555555555' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('already exists (client ID: 99999999-8888-4777-8666-555555555555)');
    expect(verbs(r)).toEqual(['account show', 'ad app list']);
  });

  test('an incomplete script stops before any az call unless the redirect URI is exported', () => {
    const script = cliScript({ ...DEFAULT_SETUP, region: 'custom' });
    const stopped = run(script);
    expect(stopped.status).not.toBe(0);
    expect(stopped.stderr).toContain('Run export DBT_REDIRECT_URI=the redirect URI from dbt first');
    expect(stopped.calls).toEqual([]);

    const uri = 'https://auth.example.dbt.com/login/callback';
    const given = run(script, { DBT_REDIRECT_URI: uri });
    expect(given.status, given.stderr).toBe(0);
    expect(argAfter(callOf(given, 'ad app create'), '--web-redirect-uris')).toBe(uri);

    // In the Cloud Shell: a plain assignment is not seen by the script's own bash; export is.
    const unexported = paste(`DBT_REDIRECT_URI=${uri}\n${script}`);
    expect(alive(unexported)).toBe(true);
    expect(unexported.calls).toEqual([]);
    const exported = paste(`export DBT_REDIRECT_URI=${uri}\n${script}`);
    expect(alive(exported)).toBe(true);
    expect(argAfter(callOf(exported, 'ad app create'), '--web-redirect-uris')).toBe(uri);
  });
});
