import * as z from 'zod/mini';
import { ACTION_NAMES, LOCATOR_NAMES, READER_NAMES } from '@/utils/portal/names';

/**
 * The one protocol between the guide panel (top frame), the frame agents (every frame), the
 * popup, the checklist page and the background. Every message is validated on receipt; zod/mini
 * keeps the frame agent small.
 */

const shortText = (max = 2000) => z.string().check(z.maxLength(max));

export const ResolvedTargetSchema = z.object({
  locator: z.enum(LOCATOR_NAMES),
  action: z.enum(ACTION_NAMES),
  /** The value to type or the option to choose, resolved from the setup. */
  value: z.optional(shortText()),
  /** An argument of the locator (the permission name of a checkbox). */
  arg: z.optional(shortText(200)),
  lookFor: shortText(300),
});
export type ResolvedTarget = z.infer<typeof ResolvedTargetSchema>;

/** What the frames are asked to do for the current step. */
export const GuideJobSchema = z.object({
  stepId: shortText(60),
  targets: z.array(ResolvedTargetSchema).check(z.maxLength(30)),
  /** Readers to run: the step's completion check, and the account menu's directory. */
  readers: z.array(z.enum(READER_NAMES)).check(z.maxLength(10)),
});
export type GuideJob = z.infer<typeof GuideJobSchema>;

export const TargetStateSchema = z.object({
  index: z.number(),
  found: z.boolean(),
  visible: z.boolean(),
  /** For fill, choose and check: the page already shows the expected value. */
  satisfied: z.boolean(),
});
export type TargetState = z.infer<typeof TargetStateSchema>;

export const FillResultSchema = z.object({
  ok: z.boolean(),
  reason: z.optional(shortText(500)),
});
export type FillResult = z.infer<typeof FillResultSchema>;

export const MessageSchema = z.discriminatedUnion('type', [
  /** Panel → background: the job for every frame of this tab (null: no guide running). */
  z.object({ type: z.literal('panel/job'), job: z.nullable(GuideJobSchema) }),
  /** Agent → background, when a frame loads: is a guide running in this tab? */
  z.object({ type: z.literal('agent/hello') }),
  /** Background → every frame of a tab. */
  z.object({ type: z.literal('agent/job'), job: z.nullable(GuideJobSchema) }),
  /** Agent → background → panel: what this frame sees of the current step. */
  z.object({
    type: z.literal('agent/report'),
    stepId: shortText(60),
    targets: z.array(TargetStateSchema).check(z.maxLength(30)),
    /** Readers' results; each validated against its reader's own schema by the panel. */
    reads: z.array(z.object({ reader: z.enum(READER_NAMES), data: z.unknown() })).check(z.maxLength(10)),
    /** The boxes of the step's controls this frame shows, in its viewport's pixels: the panel keeps clear of them. */
    boxes: z.optional(
      z.array(z.object({ index: z.number(), x: z.number(), y: z.number(), w: z.number(), h: z.number() })).check(z.maxLength(30)),
    ),
    /** This frame's viewport size, in pixels. */
    viewport: z.optional(z.object({ w: z.number(), h: z.number() })),
    /** Set by the background when forwarding: the reporting frame and its origin (from the browser). */
    frameId: z.optional(z.number()),
    origin: z.optional(shortText(300)),
  }),
  /**
   * Panel → background: the frame that shows the step (the visible blade), the only one whose
   * captured secret is kept, and only while the step captures one. null: none.
   */
  z.object({ type: z.literal('panel/trust'), frameId: z.nullable(z.int().check(z.minimum(0))), secret: z.boolean() }),
  /**
   * Panel → background → every frame of the tab: the target to spotlight across the frames (the
   * shell's menu in the top document, a blade in its iframe). A frame that does not show it keeps
   * no ring; null lets each frame choose.
   */
  z.object({ type: z.literal('panel/focus'), stepId: shortText(60), index: z.nullable(z.int().check(z.minimum(0), z.maximum(29))) }),
  z.object({ type: z.literal('agent/focus'), stepId: shortText(60), index: z.nullable(z.int().check(z.minimum(0), z.maximum(29))) }),
  /** Panel → background → the frame that holds the target. */
  z.object({ type: z.literal('panel/fill'), stepId: shortText(60), index: z.number(), frameId: z.optional(z.number()) }),
  /**
   * Panel → background, on the admin's click: fill the session's client secret into the step's
   * fillSecret target (dbt's Client Secret field). The background checks the tab and the frame.
   */
  z.object({ type: z.literal('panel/fill-secret'), stepId: shortText(60), index: z.int().check(z.minimum(0), z.maximum(29)) }),
  /** Background → the top frame of a granted dbt access URL only: the secret for that one field. */
  z.object({
    type: z.literal('agent/fill-secret'),
    stepId: shortText(60),
    index: z.int().check(z.minimum(0), z.maximum(29)),
    value: shortText(4000),
  }),
  /**
   * Popup or checklist → background, after the admin granted the access URL's host: register the
   * guide's scripts there and open the page (the SSO & SCIM page when known).
   */
  z.object({ type: z.literal('dbt/open'), url: shortText(2000) }),
  /** Agent → background only: the new secret's Value, read from the page. Never forwarded. */
  z.object({
    type: z.literal('secret/capture'),
    value: shortText(4000),
    secretId: z.optional(shortText(100)),
    expires: z.optional(shortText(100)),
  }),
  /** Background → panel: what the panel may know of a captured secret (never the secret). */
  z.object({
    type: z.literal('secret/captured'),
    length: z.number(),
    findings: z.array(z.object({ code: shortText(100), severity: z.enum(['error', 'warning']), message: shortText(1000) })),
  }),
  /** Popup or checklist → background: the secret was used (exported): its idle timeout starts again. */
  z.object({ type: z.literal('secret/used') }),
  /** Panel → background: is a client secret held? The answer is a boolean, never the secret. */
  z.object({ type: z.literal('secret/status') }),
  /** Popup or checklist → background: store or clear the secret typed by the admin. */
  z.object({ type: z.literal('secret/set'), value: z.nullable(shortText(4000)) }),
  /** Panel → background: open the checklist page in a new tab (a content script cannot). */
  z.object({ type: z.literal('open/checklist') }),
  /** Popup → background: arm the clipboard clearing after copying the secret. */
  z.object({ type: z.literal('clipboard/armed'), fingerprint: shortText(200), delayMs: z.number() }),
  /** Popup or checklist → background: clear now what is due ("Finish and clear"). */
  z.object({ type: z.literal('clipboard/clear-now') }),
  /** Background → offscreen document (Chrome): clear the clipboard if it holds the fingerprinted text. */
  z.object({ type: z.literal('offscreen/clear-clipboard'), fingerprint: shortText(200) }),
]);
export type Message = z.infer<typeof MessageSchema>;
export type MessageOf<T extends Message['type']> = Extract<Message, { type: T }>;

/** Parses an incoming message; anything malformed is dropped (null), never thrown. */
export function parseMessage(raw: unknown): Message | null {
  const parsed = MessageSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export { isExtensionPage, isOwnSender } from '@/utils/messaging/sender';
