import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { acceptMessage, handleMessage, onIdleAlarm, watchSecret, type HubDeps, type Sender } from '@/utils/background/hub';
import type { GuideJob, Message } from '@/utils/messaging/protocol';

const OWN = fakeBrowser.runtime.id;
const VALUE = 'xYz8Q~abcdefghijklmnopqrstuvwxyz0123456';
const job: GuideJob = {
  stepId: 'register-app',
  targets: [{ locator: 'appNameInput', action: 'fill', value: 'dbt Cloud', lookFor: 'Name' }],
  readers: ['appEssentials'],
};

function deps(granted: string[] = []) {
  const sent: { tabId: number; message: Message; frameId?: number }[] = [];
  const opened: string[] = [];
  const d: HubDeps = {
    ownId: OWN,
    ownOrigin: `chrome-extension://${OWN}/`,
    sendToTab: async (tabId, message, frameId) => {
      sent.push({ tabId, message, frameId });
      return { ok: true };
    },
    armIdleAlarm: vi.fn(),
    openPage: vi.fn(async () => undefined),
    grantedOrigins: async () => granted,
    syncDbtScripts: vi.fn(async () => undefined),
    openTab: async (url) => {
      opened.push(url);
    },
  };
  return { d, sent, opened };
}

const fromFrame = (frameId: number, tabId = 7): Sender => ({ id: OWN, frameId, tab: { id: tabId } });

describe('background hub', () => {
  beforeEach(() => fakeBrowser.reset());

  test('a message is accepted once, parsed: only from this extension, only the protocol\'s', () => {
    expect(acceptMessage({ type: 'agent/hello' }, fromFrame(0), OWN)).toEqual({ type: 'agent/hello' });
    expect(acceptMessage({ type: 'agent/hello' }, { id: 'another-extension', tab: { id: 7 } }, OWN)).toBeNull();
    expect(acceptMessage({ type: 'no/such' }, fromFrame(0), OWN)).toBeNull();
    expect(acceptMessage('agent/hello', fromFrame(0), OWN)).toBeNull();
  });

  test('a job from the panel reaches every frame, and a frame that loads later learns it', async () => {
    const { d, sent } = deps();
    await handleMessage(d, { type: 'panel/job', job }, fromFrame(0));
    expect(sent).toEqual([{ tabId: 7, message: { type: 'agent/job', job }, frameId: undefined }]);
    expect(await handleMessage(d, { type: 'agent/hello' }, fromFrame(5))).toEqual({ job });
    expect(await handleMessage(d, { type: 'agent/hello' }, fromFrame(5, 8))).toEqual({ job: null });
  });

  test('the panel\'s spotlight focus reaches every frame of the tab', async () => {
    const { d, sent } = deps();
    await handleMessage(d, { type: 'panel/focus', stepId: 'assign-users', index: 3 }, fromFrame(0));
    expect(sent).toEqual([{ tabId: 7, message: { type: 'agent/focus', stepId: 'assign-users', index: 3 }, frameId: undefined }]);
  });

  test('reports go to the top frame only, tagged with the reporting frame', async () => {
    const { d, sent } = deps();
    await handleMessage(d, { type: 'agent/report', stepId: 'register-app', targets: [], reads: [] }, fromFrame(3));
    expect(sent).toEqual([{ tabId: 7, frameId: 0, message: { type: 'agent/report', stepId: 'register-app', targets: [], reads: [], frameId: 3 } }]);
  });

  test('a captured Value is stored in session storage only, and the panel learns its length, not the Value', async () => {
    const { d, sent } = deps();
    await handleMessage(d, { type: 'panel/trust', frameId: 3, secret: true }, fromFrame(0));
    sent.length = 0;
    expect(await handleMessage(d, { type: 'secret/capture', value: VALUE }, fromFrame(3))).toEqual({ stored: true });
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).toContain(VALUE);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(VALUE);
    expect(JSON.stringify(sent)).not.toContain(VALUE);
    expect(sent[0]?.message).toMatchObject({ type: 'secret/captured', length: VALUE.length });
    expect(d.armIdleAlarm).toHaveBeenCalledWith(30);
  });

  test('a Secret ID captured instead of the Value is refused and reported', async () => {
    const { d, sent } = deps();
    const secretId = '9a8b7c6d-1111-2222-3333-444455556666';
    await handleMessage(d, { type: 'panel/trust', frameId: 3, secret: true }, fromFrame(0));
    sent.length = 0;
    expect(await handleMessage(d, { type: 'secret/capture', value: secretId }, fromFrame(3))).toEqual({ stored: false });
    expect((await fakeBrowser.storage.session.get(null)).secret).toBeUndefined();
    const captured = sent[0]?.message;
    expect(captured?.type === 'secret/captured' && captured.findings.some((f) => f.severity === 'error')).toBe(true);
  });

  test.each([
    ['a frame the panel does not trust', 4, { frameId: 3, secret: true }],
    ['the trusted frame, on a step that captures no secret', 3, { frameId: 3, secret: false }],
    ['any frame, with nothing trusted', 3, null],
  ] as const)('a Value from %s is not kept, and the panel hears nothing', async (_what, frame, trust) => {
    const { d, sent } = deps();
    if (trust) await handleMessage(d, { type: 'panel/trust', ...trust }, fromFrame(0));
    sent.length = 0;
    expect(await handleMessage(d, { type: 'secret/capture', value: VALUE }, fromFrame(frame))).toEqual({ stored: false });
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain(VALUE);
    expect(sent).toEqual([]);
  });

  test('only the panel in the top frame says which frame it trusts', async () => {
    const { d } = deps();
    expect(await handleMessage(d, { type: 'panel/trust', frameId: 4, secret: true }, fromFrame(4))).toBeUndefined();
    expect(await handleMessage(d, { type: 'secret/capture', value: VALUE }, fromFrame(4))).toEqual({ stored: false });
  });

  test('a report carries the frame and origin the browser gives, not what the frame claims', async () => {
    const { d, sent } = deps();
    const sender = { ...fromFrame(3), url: 'https://sandbox-9.reactblade.portal.azure.net/React/Index' };
    await handleMessage(d, { type: 'agent/report', stepId: 'x', targets: [], reads: [], frameId: 1, origin: 'https://sandbox-1.reactblade.portal.azure.net' }, sender);
    expect(sent[0]?.message).toMatchObject({ frameId: 3, origin: 'https://sandbox-9.reactblade.portal.azure.net' });
  });

  test('only the extension\'s own pages may set the secret, never a content script', async () => {
    const { d } = deps();
    const contentScript = { id: OWN, url: 'https://portal.azure.com/#view/x', frameId: 0, tab: { id: 7 } };
    expect(await handleMessage(d, { type: 'secret/set', value: VALUE }, contentScript)).toEqual({ ok: false });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  test('a secret typed in the popup (written to session storage directly) arms the idle alarm too', async () => {
    const { d } = deps();
    const stop = watchSecret(d);
    await fakeBrowser.storage.session.set({ secret: { value: VALUE, source: 'typed', at: 'now' } });
    await new Promise((r) => setTimeout(r, 0));
    stop();
    expect(d.armIdleAlarm).toHaveBeenCalledWith(30);
  });

  test('using the secret (a copy, an export) starts its idle timeout again; with no secret, nothing', async () => {
    const { d } = deps();
    await handleMessage(d, { type: 'secret/used' }, { id: OWN, url: `chrome-extension://${OWN}/popup.html` });
    expect(d.armIdleAlarm).not.toHaveBeenCalled();
    await handleMessage(d, { type: 'secret/set', value: VALUE }, { id: OWN, url: `chrome-extension://${OWN}/popup.html` });
    vi.mocked(d.armIdleAlarm).mockClear();
    await handleMessage(d, { type: 'clipboard/armed', fingerprint: 'x', delayMs: 1000 }, { id: OWN, url: `chrome-extension://${OWN}/popup.html` });
    await handleMessage(d, { type: 'secret/used' }, { id: OWN, url: `chrome-extension://${OWN}/popup.html` });
    expect(d.armIdleAlarm).toHaveBeenCalledTimes(2);
  });

  test('the idle alarm forgets the secret', async () => {
    const { d } = deps();
    await handleMessage(d, { type: 'secret/set', value: VALUE }, { id: OWN, url: `chrome-extension://${OWN}/popup.html` });
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).toContain(VALUE);
    await fakeBrowser.storage.local.set({ 'values.secretHint': { value: 'Ab7', source: 'page', at: 'x' }, 'values.clientId': { value: 'kept', source: 'page', at: 'x' } });
    await onIdleAlarm('secret-idle');
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain(VALUE);
    // The old secret's hint goes with it; the other values stay.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ 'values.clientId': { value: 'kept', source: 'page', at: 'x' } });
  });

  test('the panel can open the checklist page', async () => {
    const { d } = deps();
    await handleMessage(d, { type: 'open/checklist' }, fromFrame(0));
    expect(d.openPage).toHaveBeenCalledWith('/checklist.html');
  });

  test.each([
    ['another extension', { type: 'agent/hello' }, { id: 'someone-else', tab: { id: 7 } }],
    ['a malformed message', { type: 'panel/job', job: { stepId: 1 } }, fromFrame(0)],
    ['an unknown type', { type: 'nope' }, fromFrame(0)],
    ['not an object', 'hello', fromFrame(0)],
    ['null', null, fromFrame(0)],
  ])('drops %s without throwing', async (_what, raw, sender) => {
    const { d, sent } = deps();
    await expect(handleMessage(d, raw, sender as Sender)).resolves.toBeUndefined();
    expect(sent).toEqual([]);
  });

  describe("the client secret into dbt's form", () => {
    const SSO = 'https://cloud.getdbt.com/settings/accounts/7/pages/sso';
    const dbtJob: GuideJob = {
      stepId: 'dbt-sso-form',
      targets: [
        { locator: 'dbtClientIdInput', action: 'fill', value: 'x', lookFor: 'Client ID' },
        { locator: 'dbtClientSecretInput', action: 'fillSecret', lookFor: 'Client Secret' },
      ],
      readers: ['dbtSso'],
    };
    const panelOn = (url: string, frameId = 0, tabId = 7): Sender => ({ id: OWN, frameId, url, tab: { id: tabId } });
    const secretsSent = (sent: { message: Message }[]) => sent.filter((s) => JSON.stringify(s.message).includes(VALUE));

    async function ready(granted = ['https://cloud.getdbt.com/*'], url = SSO) {
      const h = deps(granted);
      await handleMessage(h.d, { type: 'panel/job', job: dbtJob }, panelOn(url));
      await handleMessage(h.d, { type: 'secret/set', value: VALUE }, { id: OWN, url: `chrome-extension://${OWN}/popup.html` });
      h.sent.length = 0;
      return h;
    }

    test('goes to the top frame of the granted dbt tab only, for its fillSecret target, and never comes back', async () => {
      const { d, sent } = await ready();
      const reply = await handleMessage(d, { type: 'panel/fill-secret', stepId: 'dbt-sso-form', index: 1 }, panelOn(SSO));
      expect(reply).toEqual({ ok: true });
      expect(sent).toEqual([{ tabId: 7, frameId: 0, message: { type: 'agent/fill-secret', stepId: 'dbt-sso-form', index: 1, value: VALUE } }]);
      expect(JSON.stringify(reply)).not.toContain(VALUE);
    });

    test.each([
      ['a frame that is not the top frame', panelOn(SSO, 3), 1, 'dbt-sso-form'],
      ['a host the admin did not grant', panelOn('https://emea.dbt.com/settings/accounts/7/pages/sso'), 1, 'dbt-sso-form'],
      ['a look-alike host', panelOn('https://cloud.getdbt.com.evil.example/settings/accounts/7/pages/sso'), 1, 'dbt-sso-form'],
      ['the portal', panelOn('https://portal.azure.com/#view/x'), 1, 'dbt-sso-form'],
      ['plain http', panelOn('http://cloud.getdbt.com/settings/accounts/7/pages/sso'), 1, 'dbt-sso-form'],
      ['a target that is not the secret field', panelOn(SSO), 0, 'dbt-sso-form'],
      ['another step', panelOn(SSO), 1, 'register-app'],
      ['another tab', panelOn(SSO, 0, 8), 1, 'dbt-sso-form'],
    ])('is refused from %s', async (_what, sender, index, stepId) => {
      const { d, sent } = await ready();
      const reply = (await handleMessage(d, { type: 'panel/fill-secret', stepId, index }, sender)) as { ok: boolean; reason?: string };
      expect(reply.ok).toBe(false);
      expect(secretsSent(sent)).toEqual([]);
    });

    test('without a held secret the admin is told where to get one', async () => {
      const h = deps(['https://cloud.getdbt.com/*']);
      await handleMessage(h.d, { type: 'panel/job', job: dbtJob }, panelOn(SSO));
      const reply = (await handleMessage(h.d, { type: 'panel/fill-secret', stepId: 'dbt-sso-form', index: 1 }, panelOn(SSO))) as { ok: boolean; reason: string };
      expect(reply.ok).toBe(false);
      expect(reply.reason).toMatch(/capture it in Entra|type it in the popup/);
      expect(h.sent.filter((s) => s.message.type === 'agent/fill-secret')).toEqual([]);
    });

    test("dbt/open: only from the extension's pages, only a granted access URL", async () => {
      const { d, opened } = deps(['https://cloud.getdbt.com/*']);
      const popup = { id: OWN, url: `chrome-extension://${OWN}/popup.html` };
      expect(await handleMessage(d, { type: 'dbt/open', url: SSO }, popup)).toEqual({ ok: true });
      expect(d.syncDbtScripts).toHaveBeenCalled();
      expect((await handleMessage(d, { type: 'dbt/open', url: 'https://emea.dbt.com/' }, popup)) as { ok: boolean }).toMatchObject({ ok: false });
      expect((await handleMessage(d, { type: 'dbt/open', url: 'https://evil.example/' }, popup)) as { ok: boolean }).toMatchObject({ ok: false });
      expect((await handleMessage(d, { type: 'dbt/open', url: SSO }, panelOn(SSO))) as { ok: boolean }).toMatchObject({ ok: false });
      expect(opened).toEqual([SSO]);
    });
  });
});
