import * as z from 'zod/mini';
import { PORTAL_VALUES } from '@/utils/domain/setup';

/**
 * A calendar file (RFC 5545) that reminds the admin to rotate the client secret a few weeks
 * before it expires: when it does, single sign-on to dbt Cloud stops for everyone. It names the
 * app and its client ID, never the secret.
 */

export const ROTATION_SUMMARY = 'Rotate the dbt Cloud SSO client secret';
export const DEFAULT_LEAD_DAYS = 21;

export interface RotationReminderInput {
  /** The secret's expiry date, YYYY-MM-DD. */
  expiry: string;
  /** The app registration's display name, e.g. "dbt Cloud". */
  appName: string;
  clientId: string;
  /** How many days before the expiry the reminder falls. */
  leadDays?: number;
  /** For DTSTAMP; defaults to now. */
  now?: Date;
}

const InputSchema = z.object({
  expiry: z.iso.date({ error: 'The expiry must be a date (YYYY-MM-DD)' }),
  appName: z.string().check(z.trim(), z.minLength(1, 'The app name is missing'), z.maxLength(200)),
  clientId: z.string().check(z.trim(), z.minLength(1, 'The client ID is missing'), z.maxLength(200)),
  leadDays: z.int().check(z.minimum(0), z.maximum(365)),
  now: z.date(),
});

const DAY_MS = 24 * 60 * 60 * 1000;

export function rotationReminderIcs(input: RotationReminderInput): string {
  const { expiry, appName, clientId, leadDays, now } = InputSchema.parse({
    leadDays: DEFAULT_LEAD_DAYS,
    now: new Date(),
    ...stripUndefined(input),
  });
  const expiryMs = Date.parse(`${expiry}T00:00:00Z`);
  const start = new Date(expiryMs - leadDays * DAY_MS);
  const end = new Date(start.getTime() + DAY_MS);

  const description = [
    `The client secret of the app registration "${appName}" (Application (client) ID ${clientId}) in Microsoft Entra ID expires on ${expiry}. When it expires, single sign-on to dbt Cloud stops for everyone.`,
    '',
    'The dbt Cloud SSO Guide extension guides every step below: in its popup, click "Rotate the client secret".',
    '',
    `1. In the Microsoft Entra admin center, go to Entra ID > App registrations > ${appName} > Certificates & secrets.`,
    `2. Create a new client secret ("+ New client secret", description "${PORTAL_VALUES.secretDescription}", the longest expiry offered: ${PORTAL_VALUES.secretExpiry}) and copy its Value at once: it is shown only once.`,
    '3. Give the new Value to dbt the safe way, as before (dbt Account settings > SSO, or an encrypted file for dbt support; never in plain chat or e-mail), and check that SSO sign-in works.',
    `4. Then delete the old secret, the one that expires on ${expiry}.`,
    '5. Make a new reminder for the new expiry date.',
  ].join('\n');

  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//dbt Cloud SSO setup guide//Client secret rotation reminder//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    // Stable for one secret: importing the file again updates the event instead of adding one.
    `UID:${uidPart(clientId)}-secret-expires-${expiry}@dbt-cloud-sso-setup-guide`,
    `DTSTAMP:${dateTime(now)}`,
    `DTSTART;VALUE=DATE:${date(start)}`,
    `DTEND;VALUE=DATE:${date(end)}`,
    `SUMMARY:${escapeText(ROTATION_SUMMARY)}`,
    `DESCRIPTION:${escapeText(description)}`,
    'TRANSP:TRANSPARENT',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeText(ROTATION_SUMMARY)}`,
    // 09:00 the day before the all-day event. Negative, because some calendars drop alarms that
    // fall after the start.
    'TRIGGER:-PT15H',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks are escaped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const MAX_OCTETS = 75;
const encoder = new TextEncoder();

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): continuation lines start with one space.
 * Never inside a UTF-8 sequence, and never between a backslash and the character it escapes,
 * which some readers do not unfold correctly.
 */
export function fold(line: string): string {
  const units = line.match(/\\.|[\s\S]/gu) ?? [];
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const unit of units) {
    const size = encoder.encode(unit).length;
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += unit;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

function date(d: Date): string {
  return d.toISOString().slice(0, 10).replaceAll('-', '');
}

function dateTime(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

function uidPart(value: string): string {
  return value.replace(/[^A-Za-z0-9-]/g, '');
}
