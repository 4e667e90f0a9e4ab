import { type Finding, type ValidationContext, finding, presence, readContext } from '@/utils/domain/validate/common';

/**
 * The client secret's expiry: a date, within 24 months, warned when soon.
 */

const DAY_MS = 86_400_000;

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

interface ReadDate {
  iso: string;
  /** Read as month/day, though day/month would also have been a date. */
  ambiguous: boolean;
}

function readExpiry(value: string): ReadDate | null {
  const text = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.exec(text);
  if (m) {
    // The date as written: that is what the portal and the admin see.
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso === null ? null : { iso, ambiguous: false };
  }
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (m) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso === null ? null : { iso, ambiguous: false };
  }
  // Day-first locales write dots.
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (m) {
    const iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
    return iso === null ? null : { iso, ambiguous: false };
  }
  // The portal's default display (en-US) is month first, e.g. "11/26/2028" or "11/26/2028, 12:00 AM".
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$/i.exec(text);
  if (m) {
    const first = Number(m[1]);
    const second = Number(m[2]);
    const year = Number(m[3]);
    if (first > 12) {
      const iso = isoDate(year, second, first);
      return iso === null ? null : { iso, ambiguous: false };
    }
    const iso = isoDate(year, first, second);
    return iso === null ? null : { iso, ambiguous: second <= 12 && first !== second };
  }
  return null;
}

/** The expiry date as ISO `YYYY-MM-DD`, from the forms the portal shows; null when it is none. */
export function parseExpiry(value: string): string | null {
  if (typeof value !== 'string') return null;
  return readExpiry(value)?.iso ?? null;
}

function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

/** Secrets last at most 24 months (the portal's longest choice is 730 days). */
const MAX_MONTHS = 24;
const SOON_DAYS = 30;

export function validateSecretExpiry(value: string, ctx: ValidationContext = {}): Finding[] {
  const field = 'secretExpiry';
  const context = readContext(ctx);
  const { text, findings } = presence(field, value, null);
  if (text === null) return findings;
  if (/\bnever\b/i.test(text)) {
    findings.push(
      finding(
        field,
        'expiry-never',
        'error',
        '"Never" no longer exists: client secrets expire after at most 24 months. Choose "730 days (24 months)" and enter the date shown in the Expires column.',
      ),
    );
    return findings;
  }
  const date = readExpiry(text);
  if (date === null) {
    findings.push(
      finding(
        field,
        'expiry-not-date',
        'error',
        'This is not a date. Enter the date shown in the "Expires" column of the client secret, for example 2028-11-26 or 11/26/2028.',
      ),
    );
    return findings;
  }
  const now = context.now;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) / DAY_MS;
  // One day of slack for the time zone in which the portal showed the date.
  const latest = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + MAX_MONTHS, now.getUTCDate()) / DAY_MS + 1;
  const day = dayNumber(date.iso);
  const days = day - today;

  if (days < 0) {
    findings.push(
      finding(
        field,
        'expiry-past',
        'error',
        `The client secret expired on ${date.iso}; SSO stops working when it does. Create a new client secret and hand its Value to dbt.`,
      ),
    );
  } else if (day > latest) {
    findings.push(
      finding(
        field,
        'expiry-too-far',
        'warning',
        `${date.iso} is more than 24 months away, longer than the portal lets a new secret last. Check the date in the "Expires" column; a secret made earlier, or with the command line or Microsoft Graph, can show a later date (an old "Never" secret shows 12/31/2299).`,
      ),
    );
  } else if (days <= SOON_DAYS) {
    findings.push(
      finding(
        field,
        'expiry-soon',
        'warning',
        `${days === 0 ? 'The client secret expires today' : `The client secret expires in ${days} day${days === 1 ? '' : 's'}`} (${date.iso}), and SSO stops working then. Create a new secret with a longer expiry now.`,
      ),
    );
  }
  if (date.ambiguous) {
    findings.push(
      finding(
        field,
        'expiry-ambiguous',
        'warning',
        `Read as month/day: ${date.iso}. If the day comes first in your portal, enter the date as YYYY-MM-DD.`,
      ),
    );
  }
  return findings;
}
