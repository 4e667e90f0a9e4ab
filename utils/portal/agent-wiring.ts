import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Message } from '@/utils/messaging/protocol';
import { parseAgentMessage } from '@/utils/messaging/agent-inbox';
import { isOwnSender } from '@/utils/messaging/sender';
import { knownNames, startAgent, type AgentTables } from '@/utils/portal/agent';

/**
 * A frame agent's wiring to the extension: messages from this extension only, checked by hand
 * (agent-inbox.ts), answered through sendResponse; everything stops when the extension goes away
 * (updated, reloaded, removed: the context's signal aborts).
 */
export function wireAgent(ctx: ContentScriptContext, tables: AgentTables): void {
  const { signal } = ctx;
  const agent = startAgent({
    doc: document,
    send: (message: Message) => browser.runtime.sendMessage(message),
    signal,
    tables,
  });
  const known = knownNames(tables);
  const onMessage = (raw: unknown, sender: { id?: string }, sendResponse: (r: unknown) => void) => {
    if (!isOwnSender(sender, browser.runtime.id)) return undefined;
    const message = parseAgentMessage(raw, known);
    const reply = message ? agent.receive(message) : undefined;
    if (!reply) return undefined;
    reply.then(sendResponse, () => sendResponse({ ok: false, reason: 'The page refused the value.' }));
    return true;
  };
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
}
