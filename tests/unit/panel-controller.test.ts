import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createGuideStore, type GuideStore } from '@/utils/guide/store';
import { type Progress } from '@/utils/guide/state-schemas';
import { createPanelController } from '@/utils/guide/panel-controller';
import type { Message } from '@/utils/messaging/protocol';
import { rotationSteps, steps } from '@/steps';
import { stepsFor } from '@/utils/guide/progress';
import { DEFAULT_SETUP } from '@/utils/domain/setup';

const APP = '11111111-2222-4333-8444-555555555555';
const OBJ = '99999999-2222-4333-8444-555555555555';
const TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const SP = 'c0ffee00-1234-4d5e-9f60-abcdefabcdef';
const OTHER_APP = '77777777-2222-4333-8444-555555555555';
const BLADE = 'https://sandbox-1.reactblade.portal.azure.net';
const PORTAL = 'https://portal.azure.com/';
const routes = {
  list: `${PORTAL}#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade`,
  register: `${PORTAL}#view/Microsoft_AAD_RegisteredApps/CreateApplicationBlade/quickStartType~/null/isMSAApp~/false`,
  overview: `${PORTAL}#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${APP}/objectId/${OBJ}`,
  permissions: `${PORTAL}#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/CallAnAPI/appId/${APP}`,
  credentials: `${PORTAL}#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${APP}`,
  users: `${PORTAL}#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Users/objectId/${SP}/appId/${APP}`,
  properties: `${PORTAL}#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Properties/objectId/${SP}/appId/${APP}`,
  otherUsers: `${PORTAL}#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Users/objectId/${SP}/appId/${OTHER_APP}`,
  tenant: `${PORTAL}#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview`,
};

function setup(url: string, status: { held: boolean } = { held: true }) {
  const guide: GuideStore = createGuideStore();
  guide.setState({ loaded: true });
  guide.getState().updateSetup({ profile: 'support', deploymentId: 'acme-42' });
  markDone(guide, ['setup']);
  const sent: Message[] = [];
  let href = url;
  const blade = { origin: BLADE };
  const controller = new AbortController();
  const panel = createPanelController({
    guide,
    send: async (m) => {
      sent.push(m);
      return m.type === 'panel/fill' ? { ok: true } : m.type === 'secret/status' ? status : undefined;
    },
    url: () => href,
    signal: controller.signal,
    missingAfterMs: 1000,
    guides: { 'sso-setup': steps, rotation: rotationSteps },
    bladeOrigin: () => blade.origin,
  });
  const go = (next: string) => {
    href = next;
    panel.locationChanged();
  };
  const jobs = () => sent.filter((m) => m.type === 'panel/job');
  return { guide, panel, sent, jobs, go, controller, blade };
}

/** Marks steps done as the checklist would (by hand). */
function markDone(guide: GuideStore, ids: string[]) {
  for (const id of ids) guide.getState().markStep(id, true, 'hand');
}

const essentials = (redirectUris = '1 web, 0 spa, 0 public client', appId = APP) => ({
  reader: 'appEssentials' as const,
  data: { displayName: 'dbt Cloud', clientId: appId, objectId: OBJ, tenantId: TENANT, accountTypes: 'My organization only', redirectUris },
});

const report = (stepId: string, extra: Partial<Extract<Message, { type: 'agent/report' }>> = {}): Message => ({
  type: 'agent/report',
  stepId,
  targets: [],
  reads: [],
  frameId: 2,
  origin: BLADE,
  ...extra,
});

describe('panel controller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('no guide running: nothing is asked of the frames', () => {
    const { jobs } = setup(routes.list);
    expect(jobs()).toEqual([]);
  });

  test('on the registration form, the step is register-app with the profile\'s values', () => {
    const { guide, panel, jobs } = setup(routes.register);
    guide.getState().updatePanel({ running: true });
    expect(guide.getState().progress['open-app-registrations']).toMatchObject({ done: true, by: 'page' });
    expect(panel.view.getState().step?.id).toBe('register-app');
    const job = jobs().at(-1);
    expect(job?.type === 'panel/job' && job.job?.targets.find((t) => t.locator === 'redirectUriInput')?.value).toBe(
      'https://auth.getdbt.com/login/callback?connection=acme-42',
    );
    expect(panel.view.getState().announcement).toBe(`Step 3 of ${stepsFor(steps, DEFAULT_SETUP).length}: Register the application`);
  });

  test('searching, then found when a frame reports a visible target, or missing after the delay', () => {
    const { guide, panel } = setup(routes.register);
    guide.getState().updatePanel({ running: true });
    expect(panel.view.getState().targetState).toBe('searching');
    vi.advanceTimersByTime(1000);
    expect(panel.view.getState().targetState).toBe('missing');
    panel.receive(report('register-app', { targets: [{ index: 0, found: true, visible: true, satisfied: false }] }));
    expect(panel.view.getState().targetState).toBe('found');
  });

  test('reports for another step or from a hidden copy do not count', () => {
    const { guide, panel } = setup(routes.register);
    guide.getState().updatePanel({ running: true });
    panel.receive(report('add-api-permissions', { targets: [{ index: 0, found: true, visible: true, satisfied: false }] }));
    panel.receive(report('register-app', { targets: [{ index: 0, found: true, visible: false, satisfied: false }] }));
    expect(panel.view.getState().targetState).toBe('searching');
  });

  test('the app overview read from the page completes register-app and record-app-ids', () => {
    const { guide, panel, go } = setup(routes.register);
    guide.getState().updatePanel({ running: true });
    go(routes.overview);
    panel.receive(
      report('record-app-ids', {
        reads: [
          {
            reader: 'appEssentials',
            data: { displayName: 'dbt Cloud', clientId: APP, objectId: OBJ, tenantId: TENANT, accountTypes: 'My organization only', redirectUris: '1 web, 0 spa, 0 public client' },
          },
        ],
      }),
    );
    const s = guide.getState();
    expect(s.values.clientId).toMatchObject({ value: APP, source: 'page' });
    expect(s.progress['register-app']?.done).toBe(true);
    expect(s.progress['record-app-ids']?.done).toBe(true);
    expect(s.progress['add-redirect-uri']?.needed).toBeUndefined();
    // Still on the Overview: the next step starts here, from "Managed application in local directory".
    expect(panel.view.getState().step?.id).toBe('assign-users');
    expect(panel.view.getState().earlier).toEqual([]);
  });

  test('an app without a Web redirect URI takes the add-redirect-uri branch', () => {
    const { guide, panel, go } = setup(routes.overview);
    guide.getState().updatePanel({ running: true });
    go(routes.overview);
    panel.receive(
      report('register-app', { reads: [essentials('Add a Redirect URI')] }),
    );
    expect(guide.getState().progress['add-redirect-uri']).toMatchObject({ needed: true, done: false });
    // The Overview's own step is done; the branch is done on Authentication, still to do.
    expect(panel.view.getState().step?.id).toBe('assign-users');
    expect(panel.view.getState().earlier.map((st) => st.id)).toEqual(['add-redirect-uri']);
    go(routes.permissions.replace('CallAnAPI', 'Authentication'));
    expect(panel.view.getState().step?.id).toBe('add-redirect-uri');
  });

  test('a malformed reading is ignored, never recorded', () => {
    const { guide, panel } = setup(routes.overview);
    guide.getState().updatePanel({ running: true });
    panel.receive(report('register-app', { reads: [{ reader: 'appEssentials', data: { clientId: 42 } }] }));
    expect(guide.getState().values.clientId).toBeUndefined();
  });

  test('the secret is never in the panel: a capture tells only its length', () => {
    const { guide, panel } = setup(routes.overview);
    guide.setState({
      progress: Object.fromEntries(
        ['open-app-registrations', 'register-app', 'record-app-ids', 'assign-users', 'require-assignment', 'add-api-permissions', 'grant-admin-consent'].map((id) => [id, { done: true, by: 'page', at: 'x' }]),
      ) as Progress,
    });
    guide.getState().markStep('setup', true, 'hand');
    guide.getState().updatePanel({ running: true });
    expect(panel.view.getState().step?.id).toBe('create-client-secret');
    panel.receive({ type: 'secret/captured', length: 40, findings: [] });
    expect(guide.getState().progress['create-client-secret']?.done).toBe(true);
    expect(panel.view.getState().step?.id).toBe('record-domain');
    // The panel says so for a moment: the step just done, that captured the secret.
    expect(panel.view.getState().justDone?.step.id).toBe('create-client-secret');
  });

  test('fill goes to the frame that shows the control', async () => {
    const { guide, panel, sent } = setup(routes.register);
    guide.getState().updatePanel({ running: true });
    panel.receive(report('register-app', { frameId: 5, targets: [{ index: 0, found: true, visible: true, satisfied: false }] }));
    expect(await panel.fill(0)).toEqual({ ok: true });
    expect(sent.at(-1)).toEqual({ type: 'panel/fill', stepId: 'register-app', index: 0, frameId: 5 });
    expect(await panel.fill(3)).toMatchObject({ ok: false });
  });

  test('the panel helps on the page that is open: Certificates & secrets first, the earlier steps still to do', () => {
    const { guide, panel } = setup(routes.credentials);
    guide.getState().updatePanel({ running: true });
    expect(panel.view.getState().step?.id).toBe('create-client-secret');
    // Being on an app's page says it was registered; the rest is still to do.
    expect(guide.getState().progress['register-app']?.done).toBe(true);
    expect(panel.view.getState().earlier.map((st) => st.id)).toEqual([
      'record-app-ids',
      'assign-users',
      'require-assignment',
      'add-api-permissions',
      'grant-admin-consent',
    ]);
  });

  test('an Overview the guide could not read does not pin the panel on later pages', () => {
    const { guide, panel, go } = setup(routes.overview);
    guide.getState().updatePanel({ running: true });
    expect(panel.view.getState().step?.id).toBe('record-app-ids');
    go(routes.permissions);
    expect(panel.view.getState().step?.id).toBe('add-api-permissions');
    expect(panel.view.getState().earlier.map((st) => st.id)).toContain('record-app-ids');
  });

  test('the directory shown when the app was registered is kept, as the step says (keepOnDone)', () => {
    const { guide, panel, go } = setup(routes.register);
    guide.getState().updatePanel({ running: true });
    panel.receive(report('register-app', { reads: [{ reader: 'currentDirectory', data: { name: 'Contoso', domain: 'contoso.onmicrosoft.com' } }] }));
    go(routes.overview);
    expect(guide.getState().progress['register-app']?.done).toBe(true);
    expect(guide.getState().values.registeredDirectory?.value).toBe('contoso.onmicrosoft.com');
  });

  test('users and groups assigned to the app\'s enterprise application complete assign-users', () => {
    const { guide, panel } = setup(routes.users);
    markDone(guide, ['open-app-registrations', 'register-app', 'record-app-ids']);
    guide.getState().recordValue('clientId', APP, 'page');
    guide.getState().updatePanel({ running: true });
    expect(panel.view.getState().step?.id).toBe('assign-users');
    panel.receive(report('assign-users', { reads: [{ reader: 'appAssignments', data: { users: 0, groups: 0 } }] }));
    expect(guide.getState().progress['assign-users']?.done).toBeUndefined();
    panel.receive(report('assign-users', { reads: [{ reader: 'appAssignments', data: { users: 1, groups: 2 } }] }));
    const s = guide.getState();
    expect(s.values.servicePrincipalId?.value).toBe(SP);
    expect(s.values.assignedGroups?.value).toBe('2');
    expect(s.progress['assign-users']?.done).toBe(true);
    // The Users page is one of require-assignment's too: it points at Properties from here.
    expect(panel.view.getState().step?.id).toBe('require-assignment');
  });

  test('assignments on another app\'s enterprise application do not count', () => {
    const { guide, panel } = setup(routes.otherUsers);
    guide.getState().recordValue('clientId', APP, 'page');
    guide.getState().updatePanel({ running: true });
    panel.receive(report('assign-users', { reads: [{ reader: 'appAssignments', data: { users: 3, groups: 0 } }] }));
    expect(guide.getState().values.enterpriseAppId?.value).toBe(OTHER_APP);
    expect(guide.getState().progress['assign-users']?.done).toBeUndefined();
  });

  test('"Assignment required?" counts once saved as Yes', () => {
    const { guide, panel } = setup(routes.properties);
    guide.getState().updatePanel({ running: true });
    // Page-driven: the Properties page's step, with the assignment still to do.
    expect(panel.view.getState().step?.id).toBe('require-assignment');
    expect(panel.view.getState().earlier.map((st) => st.id)).toContain('assign-users');
    panel.receive(report('require-assignment', { reads: [{ reader: 'appProperties', data: { assignmentRequired: 'Yes', unsaved: true } }] }));
    expect(guide.getState().progress['require-assignment']?.done).toBeUndefined();
    panel.receive(report('require-assignment', { reads: [{ reader: 'appProperties', data: { assignmentRequired: 'Yes', unsaved: false } }] }));
    expect(guide.getState().values.assignmentRequired?.value).toBe('Yes');
    expect(guide.getState().progress['require-assignment']?.done).toBe(true);
  });

  test('multi-tenant: the tenant overview records dbt\'s authority string as the domain', () => {
    const { guide, panel } = setup(routes.tenant);
    guide.getState().updateSetup({ accountType: 'multi' });
    guide.getState().updatePanel({ running: true });
    panel.receive(report('record-domain', { reads: [{ reader: 'tenantOverview', data: { primaryDomain: 'contoso.onmicrosoft.com', tenantId: TENANT } }] }));
    expect(guide.getState().values.primaryDomain?.value).toBe('contoso.onmicrosoft.com');
    expect(guide.getState().values.domain?.value).toBe('organizations');
    expect(guide.getState().progress['record-domain']?.done).toBe(true);
  });

  test('one spotlight across frames: the shell\'s menu (top) gives way to the blade\'s later control', () => {
    const { guide, panel, sent } = setup(routes.users);
    guide.getState().updatePanel({ running: true });
    expect(panel.view.getState().step?.id).toBe('assign-users');
    const shown = (index: number) => ({ index, found: true, visible: true, satisfied: false });
    // The top document shows "Users and groups" (2): alone, it is the one.
    panel.receive(report('assign-users', { frameId: 0, targets: [shown(2)] }));
    expect(sent.filter((m) => m.type === 'panel/focus').at(-1)).toEqual({ type: 'panel/focus', stepId: 'assign-users', index: 2 });
    // The blade shows "+ Add user/group" (3): the menu item is behind the admin now.
    panel.receive(report('assign-users', { frameId: 7, targets: [shown(3)] }));
    expect(sent.filter((m) => m.type === 'panel/focus').at(-1)).toEqual({ type: 'panel/focus', stepId: 'assign-users', index: 3 });
    const count = sent.filter((m) => m.type === 'panel/focus').length;
    // The same picture again sends nothing.
    panel.receive(report('assign-users', { frameId: 7, targets: [shown(3)] }));
    expect(sent.filter((m) => m.type === 'panel/focus')).toHaveLength(count);
  });

  test.each([
    ['another *.portal.azure.net host', 'https://foreign.hosting.portal.azure.net'],
    ['another blade frame than the visible one', 'https://sandbox-9.reactblade.portal.azure.net'],
    ['a frame whose origin is unknown', undefined],
  ])('a report from %s is ignored and counted, never recorded', (_what, origin) => {
    const { guide, panel } = setup(routes.overview);
    guide.getState().updatePanel({ running: true });
    panel.receive(report('record-app-ids', { origin, reads: [essentials()], targets: [{ index: 0, found: true, visible: true, satisfied: false }] }));
    expect(guide.getState().values.clientId).toBeUndefined();
    expect(panel.view.getState().targetState).toBe('searching');
    expect(panel.view.getState().ignored).toBe(1);
    // The same report from the visible blade counts.
    panel.receive(report('record-app-ids', { reads: [essentials()] }));
    expect(guide.getState().values.clientId?.value).toBe(APP);
  });

  test('what a frame reported while it was the visible blade stops counting once another frame is', () => {
    const { guide, panel, blade } = setup(routes.register);
    guide.getState().updatePanel({ running: true });
    panel.receive(report('register-app', { frameId: 4, targets: [{ index: 0, found: true, visible: true, satisfied: false }] }));
    expect(panel.view.getState().targetState).toBe('found');
    // The portal hid that frame at 0×0 and shows the blade in another one.
    blade.origin = 'https://sandbox-3.reactblade.portal.azure.net';
    panel.receive(report('register-app', { frameId: 6, origin: blade.origin, targets: [] }));
    expect(panel.view.getState().targetState).toBe('searching');
    vi.advanceTimersByTime(1000);
    expect(panel.view.getState().targetState).toBe('missing');
  });

  test('the frame that shows the secret step is the one trusted with the secret; a new step trusts none', () => {
    const { guide, panel, sent, go } = setup(routes.credentials);
    guide.getState().updatePanel({ running: true });
    expect(panel.view.getState().step?.id).toBe('create-client-secret');
    panel.receive(report('create-client-secret', { frameId: 6, targets: [{ index: 1, found: true, visible: true, satisfied: false }] }));
    expect(sent.filter((m) => m.type === 'panel/trust').at(-1)).toEqual({ type: 'panel/trust', frameId: 6, secret: true });
    go(routes.permissions);
    expect(sent.filter((m) => m.type === 'panel/trust').at(-1)).toEqual({ type: 'panel/trust', frameId: null, secret: false });
  });

  test.each([
    ['held', true],
    ['gone (browser restarted, idle timeout)', false],
  ])('a secret the progress says was captured, %s', async (_what, held) => {
    const { guide, panel } = setup(routes.credentials, { held });
    markDone(guide, ['open-app-registrations', 'register-app', 'record-app-ids', 'assign-users', 'require-assignment', 'add-api-permissions', 'grant-admin-consent', 'create-client-secret']);
    guide.getState().recordValue('secretHint', 'Ab7', 'page');
    guide.getState().recordValue('secretId', '4c3b2a19-0807-4f6e-9d5c-4b3a29180706', 'page');
    guide.getState().updatePanel({ running: true });
    await vi.waitFor(() => expect(panel.view.getState().step).not.toBeNull());
    await Promise.resolve();
    await Promise.resolve();
    const s = guide.getState();
    if (held) {
      expect(panel.view.getState().step?.id).toBe('record-domain');
      expect(panel.view.getState().secretLost).toBe(false);
      expect(s.values.secretHint?.value).toBe('Ab7');
    } else {
      // Reopened, with the old secret's hint and Secret ID forgotten, and the panel says why.
      await vi.waitFor(() => expect(guide.getState().progress['create-client-secret']?.done).toBe(false));
      expect(panel.view.getState().step?.id).toBe('create-client-secret');
      expect(panel.view.getState().secretLost).toBe(true);
      expect(guide.getState().values.secretHint).toBeUndefined();
      expect(guide.getState().values.secretId).toBeUndefined();
      // A new secret captured: the panel says no more that it is lost.
      panel.receive({ type: 'secret/captured', length: 40, findings: [] });
      expect(panel.view.getState().secretLost).toBe(false);
    }
  });

  test('closing the guide stops the frames', () => {
    const { guide, jobs } = setup(routes.register);
    guide.getState().updatePanel({ running: true });
    guide.getState().updatePanel({ running: false });
    expect(jobs().at(-1)).toEqual({ type: 'panel/job', job: null });
  });
});

describe('the rotation guide, run by the same controller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const OLD = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
  const NEW = '4c3b2a19-0807-4f6e-9d5c-4b3a29180706';
  const secrets = (ids: string[]): Message =>
    report('rotate-delete-old-secret', {
      reads: [{ reader: 'clientSecrets', data: { rows: ids.map((secretId) => ({ description: 'dbt Cloud', expires: '1/2/2027', secretId, masked: true })) } }],
    });

  test("its own steps and progress: the setup's progress is untouched, the old secret's Delete is asked for by its Secret ID", () => {
    const { guide, panel, jobs, go } = setup(routes.credentials);
    guide.getState().updateSetup({ profile: 'self-service' });
    markDone(guide, ['create-client-secret']);
    guide.getState().recordValue('oldSecretId', OLD, 'page');
    guide.getState().updatePanel({ running: true, guide: 'rotation' });
    expect(panel.view.getState().step?.id).toBe('rotate-create-secret');
    expect(guide.getState().progress['create-client-secret']?.done).toBe(true);

    // The new secret captured, dbt given it and a user signed in: the deletion is next.
    markDone(guide, ['rotate-create-secret', 'rotate-dbt-form', 'rotate-test-sign-in']);
    go(routes.credentials);
    expect(panel.view.getState().step?.id).toBe('rotate-delete-old-secret');
    const job = jobs().at(-1);
    const target = job?.type === 'panel/job' ? job.job?.targets.find((t) => t.locator === 'deleteSecretButton') : undefined;
    expect(target).toMatchObject({ action: 'highlight', value: OLD, arg: OLD });

    // The table still lists the old secret: not done; once it is gone (the new one listed): done.
    guide.getState().recordValue('secretId', NEW, 'page');
    panel.receive(secrets([OLD, NEW]));
    expect(guide.getState().progress['rotate-delete-old-secret']?.done).toBeFalsy();
    panel.receive(secrets([NEW]));
    expect(guide.getState().progress['rotate-delete-old-secret']).toMatchObject({ done: true, by: 'page' });
  });

  test("dbt's form in the rotation is done only after the secret was filled from the session and dbt shows its saved configuration", () => {
    const { guide, panel } = setup('https://cloud.getdbt.com/settings/accounts/7/pages/sso');
    guide.getState().updateSetup({ profile: 'self-service' });
    markDone(guide, ['rotate-create-secret']);
    guide.getState().updatePanel({ running: true, guide: 'rotation' });
    expect(panel.view.getState().step?.id).toBe('rotate-dbt-form');
    const dbtRead = (form: boolean): Message => ({
      type: 'agent/report',
      stepId: 'rotate-dbt-form',
      targets: [],
      frameId: 0,
      reads: [
        {
          reader: 'dbtSso',
          data: {
            form,
            loginWith: '',
            callbackUri: '',
            clientId: '',
            tenantId: '',
            domain: '',
            secretFilled: false,
            saved: form ? null : { loginWith: 'Microsoft Entra ID Single Tenant', clientId: APP, tenantId: TENANT, domain: 'contoso.com', loginUrl: 'https://cloud.getdbt.com/enterprise-login/acme-1' },
          },
        },
      ],
    });
    // The saved configuration shown before any fill (the old secret still in dbt): not done.
    panel.receive(dbtRead(false));
    expect(guide.getState().progress['rotate-dbt-form']?.done).toBeFalsy();
  });
});
