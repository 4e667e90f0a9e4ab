interface SenderLike {
  id?: string;
  url?: string;
}

/** Only this extension's own contexts may talk to it (and it declares no externally_connectable). */
export function isOwnSender(sender: SenderLike, ownId: string): boolean {
  return sender.id === ownId;
}

/**
 * One of this extension's own pages (popup, checklist), not a content script: its URL is on the
 * extension's origin. Content scripts run in web pages, whose URL the browser reports.
 */
export function isExtensionPage(sender: SenderLike, ownOrigin: string): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(ownOrigin);
}
