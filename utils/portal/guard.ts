export interface Locator {
  /** The control in this document, or null. Never throws. (What the admin looks for by hand is the step's.) */
  find(doc: Document, arg?: string): Element | null;
}

/**
 * The one "never throw into the page" guard of the agents' tables: a locator or a reader that
 * meets a document it does not expect answers null.
 */
export const safe = (find: (doc: Document, arg?: string) => Element | null): Locator => ({
  find(doc, arg) {
    try {
      return find(doc, arg);
    } catch {
      return null;
    }
  },
});

export const guard =
  <T>(read: (doc: Document) => T | null) =>
  (doc: Document): T | null => {
    try {
      return read(doc);
    } catch {
      return null;
    }
  };
