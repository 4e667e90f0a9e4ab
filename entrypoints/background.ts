import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { forgetTab, handleMessage, onIdleAlarm, SECRET_IDLE_ALARM } from '@/utils/background/hub';

export default defineBackground(() => {
  const deps = {
    ownId: browser.runtime.id,
    sendToTab: (tabId: number, message: unknown, frameId?: number) =>
      frameId === undefined
        ? browser.tabs.sendMessage(tabId, message)
        : browser.tabs.sendMessage(tabId, message, { frameId }),
    armIdleAlarm: (minutes: number) => {
      void browser.alarms.create(SECRET_IDLE_ALARM, { delayInMinutes: minutes });
    },
  };

  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    // sendResponse and `return true` work in every supported browser (promise returns do not).
    handleMessage(deps, raw, sender).then(sendResponse, () => sendResponse(undefined));
    return true;
  });
  browser.alarms.onAlarm.addListener((alarm) => void onIdleAlarm(alarm.name));
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
});
