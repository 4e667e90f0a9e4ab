import * as z from 'zod/mini';
import { StepIdSchema, type StepId } from '@/utils/guide/step-schema';

/**
 * Sign-in errors of a test sign-in, and the diagnosis of a pasted error text or page address.
 * The catalogue itself (which error, which step fixes it) is data under steps/; this module knows
 * its shape and how to find its entries in a text, and names no step.
 */

const text = (max: number) => z.string().check(z.minLength(3), z.maxLength(max));

export const SourceSchema = z.strictObject({
  title: text(200),
  /** Shown as text, never fetched: the extension makes no request of its own. */
  url: z.string().check(z.regex(/^https:\/\/[!-~]+$/), z.maxLength(300)),
});
export type Source = z.infer<typeof SourceSchema>;

const common = {
  title: text(80),
  /** What the error means, after Microsoft's (or dbt's) reference, in the guide's words. */
  cause: text(600),
  /** What to do in this dbt / Entra ID setup. */
  fix: text(800),
  /** The step of the guide where the fix is made. */
  stepId: StepIdSchema,
  source: SourceSchema,
};

/** An error Microsoft Entra ID reports with its AADSTS code; found by the code alone. */
const CodedErrorSchema = z.strictObject({
  code: z.string().check(z.regex(/^AADSTS\d+$/)),
  ...common,
});

/**
 * An error without an AADSTS code (dbt's own messages): found by the words it is shown with,
 * compared without regard to case or spacing.
 */
const WordedErrorSchema = z.strictObject({
  code: z.string().check(z.regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/)),
  match: z.array(text(100)).check(z.minLength(1)),
  ...common,
});

export const SignInErrorSchema = z.union([CodedErrorSchema, WordedErrorSchema]);
export type SignInError = z.infer<typeof SignInErrorSchema>;

/** What the guide says about one error found in the pasted text. */
export interface Diagnosis {
  code: string;
  title: string;
  cause: string;
  fix: string;
  /** The step that fixes it; null for a code the catalogue does not know. */
  stepId: StepId | null;
  source: Source;
}

/** Microsoft's table of AADSTS codes: named to the admin for a code the catalogue lacks. */
export const ERROR_CODE_REFERENCE: Source = {
  title: 'Microsoft Entra authentication and authorization error codes',
  url: 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes',
};

/** Longer input is cut, not refused: an error message, even with its URL, is far shorter. */
export const MAX_INPUT = 20_000;

const PERCENT_RUN = /(?:%[0-9a-f]{2})+/gi;

/**
 * Decodes %XX sequences where they decode, and leaves the rest as it was: a pasted address can
 * be cut mid-sequence or hold bytes that are not UTF-8, and decodeURIComponent throws on both.
 */
function decodePercent(input: string): string {
  return input.replace(PERCENT_RUN, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      // Keep what is plain ASCII (":", " ", "=") readable; leave broken multi-byte sequences.
      return run.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}

/**
 * The text as the admin meant it: the error_description of a callback address (query or
 * fragment) is percent-encoded, with "+" for spaces, and is sometimes encoded twice when the
 * address itself travelled in a parameter.
 */
function readable(input: string): string {
  let out = input.slice(0, MAX_INPUT);
  for (let pass = 0; pass < 2; pass++) out = decodePercent(out.replace(/\+/g, ' '));
  return out.replace(/\s+/g, ' ').toLowerCase();
}

function unknownCode(code: string): Diagnosis {
  const number = code.slice('AADSTS'.length);
  return {
    code,
    title: 'Not in this guide\'s list',
    cause: `${code} is not one of the sign-in errors this guide explains, so it cannot say which step fixes it.`,
    fix: `Look the code up in Microsoft's reference "${ERROR_CODE_REFERENCE.title}" (${ERROR_CODE_REFERENCE.url}), or on Microsoft's error lookup page, login.microsoftonline.com/error?code=${number}. The message after the code usually names the setting involved.`,
    source: ERROR_CODE_REFERENCE,
    stepId: null,
  };
}

function diagnosisOf(entry: SignInError): Diagnosis {
  const { code, title, cause, fix, stepId, source } = entry;
  return { code, title, cause, fix, stepId, source };
}

/**
 * Every AADSTS code in the text, and every worded error of the catalogue, once each, in the order
 * they first appear. Codes the catalogue lacks get a diagnosis that points to Microsoft's
 * reference. Never throws.
 */
export function diagnose(input: string, catalogue: readonly SignInError[]): Diagnosis[] {
  const haystack = readable(typeof input === 'string' ? input : '');
  const found: { at: number; key: string; diagnosis: () => Diagnosis }[] = [];

  for (const m of haystack.matchAll(/aadsts(\d+)/g)) {
    const code = `AADSTS${m[1] ?? ''}`;
    const entry = catalogue.find((e) => e.code === code);
    found.push({ at: m.index, key: code, diagnosis: () => (entry ? diagnosisOf(entry) : unknownCode(code)) });
  }
  for (const entry of catalogue) {
    if (!('match' in entry)) continue;
    const places = entry.match.map((words) => haystack.indexOf(words.replace(/\s+/g, ' ').toLowerCase())).filter((i) => i >= 0);
    if (places.length) found.push({ at: Math.min(...places), key: entry.code, diagnosis: () => diagnosisOf(entry) });
  }

  const seen = new Set<string>();
  const out: Diagnosis[] = [];
  for (const { key, diagnosis } of found.sort((a, b) => a.at - b.at)) {
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(diagnosis());
  }
  return out;
}
