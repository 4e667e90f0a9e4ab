/** A URL parsed, or null: route detection never throws on what a page's address holds. */
export function toUrl(url: string | URL): URL | null {
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
