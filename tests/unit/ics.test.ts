import { describe, expect, test } from 'vitest';
import { escapeText, fold, rotationReminderIcs } from '@/utils/handoff/export/ics';

const base = {
  expiry: '2028-02-29',
  appName: 'dbt Cloud',
  clientId: '6f1b7c2e-1234-4abc-9def-0123456789ab',
  now: new Date('2026-03-01T10:20:30.456Z'),
};

interface Property {
  name: string;
  params: string;
  value: string;
}

/** A small RFC 5545 reader: unfold, then split each content line into name, params and value. */
function parse(ics: string): Property[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => {
      const match = /^([A-Z-]+)((?:;[^:]*)?):(.*)$/.exec(line);
      if (!match) throw new Error(`not a content line: ${line}`);
      return { name: match[1] ?? '', params: match[2] ?? '', value: match[3] ?? '' };
    });
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** The properties of the event itself, outside its alarm. */
function eventProps(ics: string): Map<string, Property> {
  const props = parse(ics);
  const start = props.findIndex((p) => p.name === 'BEGIN' && p.value === 'VEVENT');
  const alarm = props.findIndex((p) => p.name === 'BEGIN' && p.value === 'VALARM');
  return new Map(props.slice(start + 1, alarm).map((p) => [p.name, p]));
}

describe('rotationReminderIcs', () => {
  test('is one all-day event 21 days before the expiry', () => {
    const event = eventProps(rotationReminderIcs(base));
    // 2028 is a leap year: 29 Feb minus 21 days is 8 Feb.
    expect(event.get('DTSTART')).toEqual({ name: 'DTSTART', params: ';VALUE=DATE', value: '20280208' });
    expect(event.get('DTEND')).toEqual({ name: 'DTEND', params: ';VALUE=DATE', value: '20280209' });
  });

  test.each([
    ['2027-03-10', 21, '20270217'],
    ['2027-01-05', 21, '20261215'],
    ['2027-03-10', 0, '20270310'],
    ['2027-03-31', 30, '20270301'],
  ])('expiry %s minus %i days starts on %s', (expiry, leadDays, start) => {
    const event = eventProps(rotationReminderIcs({ ...base, expiry, leadDays }));
    expect(event.get('DTSTART')?.value).toBe(start);
  });

  test('has the calendar frame, UID, DTSTAMP, SUMMARY and an alarm', () => {
    const ics = rotationReminderIcs(base);
    const props = parse(ics);
    expect(props.map((p) => `${p.name}:${p.name === 'BEGIN' || p.name === 'END' ? p.value : ''}`)).toEqual(
      expect.arrayContaining(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'BEGIN:VALARM', 'END:VALARM', 'END:VEVENT']),
    );
    expect(props[0]).toMatchObject({ name: 'BEGIN', value: 'VCALENDAR' });
    expect(props.at(-1)).toMatchObject({ name: 'END', value: 'VCALENDAR' });
    expect(props.find((p) => p.name === 'VERSION')?.value).toBe('2.0');
    expect(props.find((p) => p.name === 'PRODID')?.value).toBeTruthy();
    const event = eventProps(ics);
    expect(event.get('UID')?.value).toBe(
      '6f1b7c2e-1234-4abc-9def-0123456789ab-secret-expires-2028-02-29@dbt-cloud-sso-setup-guide',
    );
    expect(event.get('DTSTAMP')?.value).toBe('20260301T102030Z');
    expect(event.get('SUMMARY')?.value).toBe('Rotate the dbt Cloud SSO client secret');
    const trigger = props.find((p) => p.name === 'TRIGGER');
    expect(trigger?.value).toMatch(/^-P/);
    expect(props.find((p) => p.name === 'ACTION')?.value).toBe('DISPLAY');
  });

  test('says what to do, where, and with which app', () => {
    const description = unescapeText(eventProps(rotationReminderIcs(base)).get('DESCRIPTION')?.value ?? '');
    expect(description).toContain('Entra ID > App registrations > dbt Cloud > Certificates & secrets');
    expect(description).toContain('6f1b7c2e-1234-4abc-9def-0123456789ab');
    expect(description).toContain('expires on 2028-02-29');
    expect(description).toMatch(/new client secret/i);
    expect(description).toMatch(/Give the new Value to dbt/);
    expect(description).toMatch(/Then delete the old secret/);
  });

  test('uses CRLF for every line break, ending with one', () => {
    const ics = rotationReminderIcs(base);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  test('folds every line at 75 octets, never inside a UTF-8 character', () => {
    const ics = rotationReminderIcs({ ...base, appName: 'dbt Cloud — Zürich ✓ production 😀 '.repeat(4) });
    const encoder = new TextEncoder();
    const lines = ics.split('\r\n');
    for (const line of lines) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(5);
    // Unfolding gives back the text exactly: no character was cut in two.
    const description = unescapeText(eventProps(ics).get('DESCRIPTION')?.value ?? '');
    expect(description).toContain('App registrations > dbt Cloud — Zürich ✓ production 😀 dbt Cloud');
  });

  test('escapes commas, semicolons, backslashes and line breaks', () => {
    const appName = 'dbt, Cloud; prod\\test\nsecond line';
    const ics = rotationReminderIcs({ ...base, appName });
    const raw = eventProps(ics).get('DESCRIPTION')?.value ?? '';
    expect(raw).toContain('dbt\\, Cloud\\; prod\\\\test\\nsecond line');
    expect(raw).not.toMatch(/[^\\],/);
    expect(unescapeText(raw)).toContain(`App registrations > ${appName} > Certificates`);
  });

  test('holds no secret, even when one is passed at run time', () => {
    const secret = 'Zq8~SECRET.value_must-not-leak-42';
    const ics = rotationReminderIcs({ ...base, clientSecret: secret } as unknown as typeof base);
    expect(ics).not.toContain(secret);
  });

  test.each([
    ['an expiry that is not a date', { expiry: '29/02/2028' }],
    ['an impossible date', { expiry: '2027-02-29' }],
    ['a negative lead time', { leadDays: -1 }],
    ['an empty app name', { appName: ' ' }],
  ])('refuses %s', (_name, change) => {
    expect(() => rotationReminderIcs({ ...base, ...change })).toThrow();
  });
});

describe('escapeText and fold', () => {
  test.each([
    ['a,b', 'a\\,b'],
    ['a;b', 'a\\;b'],
    ['a\\b', 'a\\\\b'],
    ['a\nb', 'a\\nb'],
    ['a\r\nb', 'a\\nb'],
    ['plain: text', 'plain: text'],
  ])('escapes %j as %j', (text, escaped) => {
    expect(escapeText(text)).toBe(escaped);
  });

  test('never splits an escape sequence across lines', () => {
    // 74 octets, then a two-octet escape that would end at octet 76: it moves whole.
    const line = `DESCRIPTION:${'x'.repeat(62)}\\,${'y'.repeat(10)}`;
    const folded = fold(line).split('\r\n');
    expect(folded).toEqual([`DESCRIPTION:${'x'.repeat(62)}`, ` \\,${'y'.repeat(10)}`]);
    expect(fold(line).replace(/\r\n /g, '')).toBe(line);
  });

  test('leaves a short line alone', () => {
    expect(fold('SUMMARY:short')).toBe('SUMMARY:short');
  });
});
