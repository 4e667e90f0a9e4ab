/** Who sent a message, as the browser says (runtime.MessageSender): never what the message says. */
export interface Sender {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number };
}

/** Only this extension's own contexts may talk to it (and it declares no externally_connectable). */
export function isOwnSender(sender: Sender, ownId: string): boolean {
  return sender.id === ownId;
}

/**
 * One of this extension's own pages (popup, checklist), not a content script: its URL is on the
 * extension's origin. Content scripts run in web pages, whose URL the browser reports.
 */
export function isExtensionPage(sender: Sender, ownOrigin: string): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(ownOrigin);
}
