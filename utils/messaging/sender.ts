interface SenderLike {
  id?: string;
  url?: string;
}

/** Only this extension's own contexts may talk to it (and it declares no externally_connectable). */
export function isOwnSender(sender: SenderLike, ownId: string): boolean {
  return sender.id === ownId;
}
