import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { PORTAL_FRAME_MATCHES } from '@/utils/portal/hosts';
import type { Message } from '@/utils/messaging/protocol';
import { parseAgentMessage } from '@/utils/messaging/agent-inbox';
import { isOwnSender } from '@/utils/messaging/sender';
import { startAgent } from '@/utils/portal/agent';

// The frame agent: every frame of the portal, including the blade iframes on *.portal.azure.net.
export default defineContentScript({
  matches: PORTAL_FRAME_MATCHES,
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    // Aborted when the extension goes away (updated, reloaded, removed): everything stops then.
    const { signal } = ctx;
    const agent = startAgent({
      doc: document,
      send: (message: Message) => browser.runtime.sendMessage(message),
      signal,
    });
    const onMessage = (raw: unknown, sender: { id?: string }, sendResponse: (r: unknown) => void) => {
      if (!isOwnSender(sender, browser.runtime.id)) return undefined;
      const message = parseAgentMessage(raw);
      const reply = message ? agent.receive(message) : undefined;
      if (!reply) return undefined;
      reply.then(sendResponse, () => sendResponse({ ok: false, reason: 'The page refused the value.' }));
      return true;
    };
    browser.runtime.onMessage.addListener(onMessage);
    signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
  },
});
