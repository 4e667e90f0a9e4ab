import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { DBT_SCRIPT_ID, syncDbtScripts, type DbtAccessDeps } from '@/utils/background/dbt-access';
import { acceptMessage, forgetTab, handleHubMessage, onIdleAlarm, SECRET_IDLE_ALARM, watchSecret } from '@/utils/background/hub';
import {
  CLIPBOARD_ALARM,
  clearInBackgroundPage,
  clearViaOffscreenDocument,
  createClipboardClearer,
} from '@/utils/background/clipboard';

export default defineBackground(() => {
  const deps = {
    ownId: browser.runtime.id,
    ownOrigin: browser.runtime.getURL('/'),
    sendToTab: (tabId: number, message: unknown, frameId?: number) =>
      frameId === undefined
        ? browser.tabs.sendMessage(tabId, message)
        : browser.tabs.sendMessage(tabId, message, { frameId }),
    armIdleAlarm: (minutes: number) => {
      void browser.alarms.create(SECRET_IDLE_ALARM, { delayInMinutes: minutes });
    },
    openPage: (path: string) => browser.tabs.create({ url: browser.runtime.getURL(path as '/checklist.html') }),
    grantedOrigins: async () => (await browser.permissions.getAll()).origins ?? [],
    syncDbtScripts: () => resync(),
    openTab: (url: string) => browser.tabs.create({ url }),
  };
  // dbt's pages: the guide's scripts follow the hosts the admin granted (none at install).
  const dbtAccess: DbtAccessDeps = {
    grantedOrigins: deps.grantedOrigins,
    registered: async () => (await browser.scripting.getRegisteredContentScripts({ ids: [DBT_SCRIPT_ID] })).map((s) => ({ id: s.id, ...(s.matches ? { matches: s.matches } : {}) })),
    register: (script) => browser.scripting.registerContentScripts([script]),
    unregister: (id) => browser.scripting.unregisterContentScripts({ ids: [id] }),
  };
  // One sync at a time (a grant's event and a start's sync would both register otherwise), on
  // every start of the background: Chrome drops registered scripts when the extension is
  // installed, updated or reloaded, whatever persistAcrossSessions says.
  let syncing: Promise<unknown> = Promise.resolve();
  const resync = () => (syncing = syncing.then(() => syncDbtScripts(dbtAccess)).catch(() => undefined));
  browser.permissions.onAdded.addListener(() => void resync());
  browser.permissions.onRemoved.addListener(() => void resync());
  browser.runtime.onInstalled.addListener(() => void resync());
  void resync();

  const clipboard = createClipboardClearer({
    now: () => Date.now(),
    armAlarm: (when) => void browser.alarms.create(CLIPBOARD_ALARM, { when }),
    cancelAlarm: () => void browser.alarms.clear(CLIPBOARD_ALARM),
    startTimer: (run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
    // Chrome and Edge have an offscreen document; Firefox's background is a page with a document.
    clearIfStillHeld: browser.offscreen ? clearViaOffscreenDocument : clearInBackgroundPage,
  });

  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    // Checked and parsed once: only this extension's own contexts, only the protocol's messages.
    const message = acceptMessage(raw, sender, deps.ownId);
    if (!message) return false;
    // sendResponse and `return true` work in every supported browser (promise returns do not).
    // The hub first; the clipboard clearer handles its own messages ('clipboard/armed' also
    // re-arms the hub's idle timeout, so both see it).
    handleHubMessage(deps, message, sender)
      .then((response) => response ?? clipboard.handle(message))
      .then(sendResponse, () => sendResponse(undefined));
    return true;
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    void onIdleAlarm(alarm.name);
    void clipboard.onAlarm(alarm.name);
  });
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  watchSecret(deps);
});
