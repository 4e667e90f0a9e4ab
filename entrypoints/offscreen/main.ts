import { browser } from 'wxt/browser';
import { clearIfStillHeld, documentClipboard } from '@/utils/handoff/clipboard';
import { isOwnSender, parseMessage } from '@/utils/messaging/protocol';

// The offscreen document (Chrome, Edge): opened by the background to clear the clipboard, then closed.
browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
  if (!isOwnSender(sender, browser.runtime.id)) return undefined;
  const message = parseMessage(raw);
  // Every other message is for another context (this one hears all runtime messages).
  if (message?.type !== 'offscreen/clear-clipboard') return undefined;
  void clearIfStillHeld(documentClipboard(document), message.fingerprint).then((outcome) => sendResponse({ outcome }));
  return true;
});
