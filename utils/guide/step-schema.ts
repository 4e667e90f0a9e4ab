import * as z from 'zod/mini';

const text = (min: number, max = 2000) => z.string().check(z.minLength(min), z.maxLength(max));
import { DETECTOR_NAMES } from '@/utils/portal/route-names';
import { ACTION_NAMES, LOCATOR_NAMES, READER_NAMES } from '@/utils/portal/names';
import { PublicValueKeySchema } from '@/utils/domain/values';
import { AccountTypeSchema, ProfileSchema } from '@/utils/domain/setup';

/**
 * A step id: kebab case. The ids themselves are a contract (DESIGN.md) kept in steps/ids.ts; the
 * engine knows none of them by name.
 */
export const StepIdSchema = z.string().check(z.regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/), z.maxLength(60));
export type StepId = z.infer<typeof StepIdSchema>;

export const DetectorNameSchema = z.enum(DETECTOR_NAMES);
export const LocatorNameSchema = z.enum(LOCATOR_NAMES);
export const ReaderNameSchema = z.enum(READER_NAMES);

/**
 * Values a step can offer, resolved against the setup by utils/guide/resolve.ts, so that steps
 * stay free of profile logic.
 */
export const ValueRefSchema = z.enum([
  'appName',
  'accountType',
  'platform',
  'redirectUri',
  'secretDescription',
  'secretExpiry',
  /** "Delegated permissions": dbt signs in on behalf of the user. */
  'permissionType',
  /** One target per required permission of the profile. */
  'permissions',
  /** "Yes": the choice a Yes/No control must show ("Assignment required?"). */
  'yes',
  /** Collected values, for dbt's form: the app's IDs as read in Entra. */
  'clientId',
  'tenantId',
  /** dbt's "Microsoft Entra ID Domain": the primary domain, or the account type's authority. */
  'dbtDomain',
  /** dbt's "Log in with" choice for the account type. */
  'dbtLoginWith',
  /** Rotation: the Secret ID of the secret being replaced. */
  'oldSecretId',
]);
export type ValueRef = z.infer<typeof ValueRefSchema>;

export const TargetSchema = z.object({
  locator: LocatorNameSchema,
  /** See ACTION_NAMES. */
  action: z.enum(ACTION_NAMES),
  value: z.optional(ValueRefSchema),
  /** The words to look for when the admin must find the control by hand. */
  lookFor: text(1, 300),
  /** Only for these account types (dbt asks for the Tenant ID of a single-tenant app only). */
  accountTypes: z.optional(z.array(AccountTypeSchema)),
});
export type Target = z.infer<typeof TargetSchema>;

/** What the admin records: a public value, a list read from the page, or the secret. */
export const RecordKeySchema = z.union([
  PublicValueKeySchema,
  z.enum(['clientSecret', 'redirectUris', 'permissions', 'secretIds']),
]);
export type RecordKey = z.infer<typeof RecordKeySchema>;

/** Named rules over what the page showed; implemented in utils/guide/checks.ts. */
export const CHECK_RULES = [
  'setupComplete',
  'reachedRegisterForm',
  'appRegistered',
  'webRedirectUriPresent',
  'webRedirectUriMissing',
  'appIdsRecorded',
  'assignmentsPresent',
  'assignmentRequired',
  'permissionsAdded',
  'permissionsGranted',
  'secretCaptured',
  'domainRecorded',
  'dbtSsoSaved',
  'dbtSecretSaved',
  'handoffExported',
  'signInConfirmed',
  'oldSecretDeleted',
] as const;
export const CheckRuleSchema = z.enum(CHECK_RULES);
export type CheckRule = z.infer<typeof CheckRuleSchema>;

export const StepSchema = z.strictObject({
  id: StepIdSchema,
  title: text(3, 80),
  /** Where the step is done: on the portal, on dbt's pages, or in the extension's own pages. */
  where: z.enum(['portal', 'dbt', 'extension']),
  /**
   * Offered only once every earlier step is done, even on its own page (deleting the old secret
   * before dbt has the new one would stop sign-in for everyone).
   */
  inOrder: z.optional(z.boolean()),
  /** The setup profiles the step is part of; all when absent. */
  profiles: z.optional(z.array(ProfileSchema)),
  /**
   * For a step done in the extension's pages: the section of the popup and checklist where it is
   * done. The section marks its step done (the setup confirmed, the values exported).
   */
  section: z.optional(z.enum(['choose-setup', 'export-values', 'try-sign-in'])),
  /** The instruction as an admin reads it, one action per line. */
  instruction: z.array(text(3)).check(z.minLength(1)),
  reason: z.object({
    /** What the original (2019) guide said. */
    seed: text(3),
    /** What is true today and why the guide differs, if it does. */
    today: text(3),
  }),
  /** Route detectors of the pages where the step applies. */
  pages: z.array(DetectorNameSchema),
  /** Where to send the admin from a wrong page. */
  deepLink: z.optional(DetectorNameSchema),
  targets: z.array(TargetSchema),
  records: z.array(RecordKeySchema),
  check: z.object({ reader: z.nullable(ReaderNameSchema), rule: CheckRuleSchema }),
  /** A branch shown only when the situation calls for it (e.g. no redirect URI on the form). */
  optional: z._default(z.boolean(), false),
  /** For an optional branch: the rule that says the page showed it needed. */
  neededWhen: z.optional(CheckRuleSchema),
  /**
   * Values copied when the step is done, as they were at that moment (the directory the app was
   * registered in, to warn when the portal later shows another).
   */
  keepOnDone: z.optional(z.array(z.object({ from: PublicValueKeySchema, to: PublicValueKeySchema }))),
  /** Finding codes the read-back leaves to a later step (consent, on the step that adds permissions). */
  laterFindings: z.optional(z.array(text(3, 60))),
  /**
   * Finding codes that are this step's work still to do (a permission not added yet on the step
   * that adds them): shown as "to do", not as errors.
   */
  todoFindings: z.optional(z.array(text(3, 60))),
});
export type Step = z.infer<typeof StepSchema>;
export type StepInput = z.input<typeof StepSchema>;
