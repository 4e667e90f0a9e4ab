import * as z from 'zod/mini';
import { AccountTypeSchema, DEFAULT_SETUP, ProfileSchema, RegionSchema, type Setup } from '@/utils/domain/setup';
import { SettingsSchema, type Settings } from '@/utils/guide/state-schemas';
import { validateField } from '@/utils/domain/validate';

/**
 * The policy an organisation's IT sets for every admin (browser.storage.managed): the one source of
 * its keys and type. public/managed_schema.json declares the same keys to Chrome and Edge
 * (tests/unit/managed-schema.test.ts keeps the two in step), and the README's examples are the
 * files under policies/.
 *
 * Chrome and Edge validate a policy against managed_schema.json and leave out a value that does not
 * fit it; Firefox passes policies.json's "3rdparty" section through as it is. So every key is
 * checked here again, each on its own: one bad value is ignored with a notice, the others apply.
 * Nothing here is secret: a public key is public, and the client secret is never in a policy.
 */

/** Letters, digits, "-" and "_", as in `redirectUriFor` (utils/domain/setup.ts). */
const DEPLOYMENT_ID = /^[A-Za-z0-9_-]{1,100}$/;
/**
 * Printable ASCII without spaces after "https://". A character class rather than `\S`, because
 * Chrome checks `pattern` with RE2, whose `\s` is ASCII only while JavaScript's is Unicode.
 */
const HTTPS_URI = /^https:\/\/[!-~]+$/;
const PUBLIC_KEY_BLOCK = /-----BEGIN PGP PUBLIC KEY BLOCK-----/;

/** The first error the form would show for this value, as a zod issue with the form's words. */
function formCheck(field: 'deploymentId' | 'redirectUri') {
  return z.superRefine<string>((value, ctx) => {
    // The redirect URI is checked the way the form checks one pasted for "Another region".
    const setup: Setup = { ...DEFAULT_SETUP, region: 'custom', customRedirectUri: value };
    const error = validateField(field, value, { setup }).find((f) => f.severity === 'error');
    if (error) ctx.addIssue({ code: 'custom', message: error.message, input: value });
  });
}

const POLICY_FIELDS = {
  profile: ProfileSchema,
  deploymentId: z.string().check(z.regex(DEPLOYMENT_ID), formCheck('deploymentId')),
  region: RegionSchema,
  redirectUri: z.string().check(z.maxLength(2000), z.regex(HTTPS_URI), formCheck('redirectUri')),
  accountType: AccountTypeSchema,
  includeDirectoryRead: z.boolean(),
  recipientPublicKey: z.string().check(
    z.maxLength(200_000),
    z.regex(PUBLIC_KEY_BLOCK),
    z.refine((s) => !s.includes('PRIVATE KEY BLOCK'), {
      message: 'it holds a private key. Put only the public key in a policy, and never share a private key.',
    }),
  ),
  clipboardClearSeconds: SettingsSchema.shape.clipboardClearSeconds,
};

export type PolicyKey = keyof typeof POLICY_FIELDS;
export const POLICY_KEYS = Object.keys(POLICY_FIELDS) as PolicyKey[];

/** What each key must be, in the words of the notice that says why a value was ignored. */
export const POLICY_RULES: Record<PolicyKey, string> = {
  profile: 'it must be "self-service" or "support" (support-assisted).',
  deploymentId: 'it must be the deployment ID from dbt: 1 to 100 letters, digits, "-" or "_".',
  region: 'it must be one of "us", "emea", "au" or "custom".',
  redirectUri: 'it must be the redirect URI from dbt, starting with "https://", without spaces, at most 2000 characters.',
  accountType: 'it must be "single", "multi", "multi-personal" or "personal".',
  includeDirectoryRead: 'it must be true or false (in the Windows registry: a DWORD, 1 or 0).',
  recipientPublicKey:
    'it must be an armored OpenPGP public key, from "-----BEGIN PGP PUBLIC KEY BLOCK-----" to "-----END PGP PUBLIC KEY BLOCK-----".',
  clipboardClearSeconds: 'it must be a whole number of seconds from 10 to 600 (in the Windows registry: a DWORD).',
};

/** Every key optional: an organisation presets what it wants and leaves the rest to the admin. */
export const ManagedPolicySchema = z.partial(z.object(POLICY_FIELDS));
export type ManagedPolicy = z.infer<typeof ManagedPolicySchema>;

export interface PolicyReading {
  policy: ManagedPolicy;
  /** Plain-language notices: a value ignored (which key, and why), an unknown key. */
  notices: string[];
}

/**
 * Version 1's key asked for Directory.AccessAsUser.All, which dbt no longer lists (December 2025):
 * its value is not carried over to Directory.Read.All, whose scope differs, and the notice says so.
 */
const LEGACY_DIRECTORY_KEY = 'includeDirectoryAccess';
const LEGACY_DIRECTORY_NOTICE =
  'Your organisation\'s setting "includeDirectoryAccess" was ignored: it asked for Directory.AccessAsUser.All, which dbt no longer asks for since December 2025. The optional permission is now Directory.Read.All: set "includeDirectoryRead" instead.';

const isPolicyKey = (key: string): key is PolicyKey => Object.hasOwn(POLICY_FIELDS, key);

/** A key as the admin may see it in a notice: short, printable. */
function shown(key: string): string {
  const printable = key.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 39)}…` : printable;
}

const ignored = (key: string, why: string) => `Your organisation's setting "${shown(key)}" was ignored: ${why}`;

/**
 * Reads a policy as storage.managed gives it. Never throws: whatever the input, the result is the
 * valid part of it and a notice for every value left out.
 */
export function parsePolicy(raw: unknown): PolicyReading {
  try {
    if (raw === undefined || raw === null) return { policy: {}, notices: [] };
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      return {
        policy: {},
        notices: ["Your organisation's policy for this extension is not a set of named settings, so none of it was applied."],
      };
    }
    const policy: Record<string, unknown> = {};
    const notices: string[] = [];
    const unknown: string[] = [];
    for (const [key, value] of Object.entries(raw)) {
      if (key === LEGACY_DIRECTORY_KEY) {
        notices.push(LEGACY_DIRECTORY_NOTICE);
        continue;
      }
      if (!isPolicyKey(key)) {
        unknown.push(key);
        continue;
      }
      const parsed = POLICY_FIELDS[key].safeParse(value);
      if (parsed.success) {
        policy[key] = parsed.data;
      } else {
        // A check with its own words (the form's finding, a private key) says more than the rule.
        const own = parsed.error.issues.find((i) => i.code === 'custom');
        notices.push(ignored(key, own ? withPeriod(lowerFirst(own.message)) : POLICY_RULES[key]));
      }
    }
    if (policy.redirectUri !== undefined && policy.region !== undefined && policy.region !== 'custom') {
      delete policy.redirectUri;
      notices.push(
        ignored('redirectUri', `it applies only when "region" is "custom", and "region" is "${String(policy.region)}".`),
      );
    }
    if (unknown.length) {
      notices.push(
        `Your organisation's policy has ${unknown.length === 1 ? 'a setting' : 'settings'} this extension does not know, ignored: ${unknown
          .slice(0, 10)
          .map((k) => `"${shown(k)}"`)
          .join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}.`,
      );
    }
    // Each value was parsed by its own schema above; this only restates the type.
    return { policy: policy as ManagedPolicy, notices };
  } catch {
    return { policy: {}, notices: ["Your organisation's policy for this extension could not be read, so none of it was applied."] };
  }
}

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
const withPeriod = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);

/** What a policy presets, in the store's terms: these values override the admin's and are locked. */
export interface Presets {
  setup: Partial<Setup>;
  settings: Partial<Settings>;
  /** Armored, line breaks restored; still to be read by openpgp before it is used. */
  recipientPublicKey: string | null;
}

export const NO_PRESETS: Presets = { setup: {}, settings: {}, recipientPublicKey: null };

export function presetsOf(policy: ManagedPolicy): Presets {
  const setup: Partial<Setup> = {};
  if (policy.profile !== undefined) setup.profile = policy.profile;
  if (policy.deploymentId !== undefined) setup.deploymentId = policy.deploymentId;
  if (policy.region !== undefined) setup.region = policy.region;
  // A redirect URI is what the form takes for "Another region": it sets the region too.
  if (policy.redirectUri !== undefined) {
    setup.region = 'custom';
    setup.customRedirectUri = policy.redirectUri;
  }
  if (policy.accountType !== undefined) setup.accountType = policy.accountType;
  if (policy.includeDirectoryRead !== undefined) setup.includeDirectoryRead = policy.includeDirectoryRead;
  const settings: Partial<Settings> = {};
  if (policy.clipboardClearSeconds !== undefined) settings.clipboardClearSeconds = policy.clipboardClearSeconds;
  return {
    setup,
    settings,
    // A REG_SZ value written from a .reg file cannot hold line breaks, so the policy may carry
    // them as the two characters "\n"; base64 and the armor lines never contain a backslash.
    recipientPublicKey:
      policy.recipientPublicKey === undefined ? null : policy.recipientPublicKey.replace(/\\r\\n|\\n/g, '\n').trim(),
  };
}
