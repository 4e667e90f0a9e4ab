import type { GuideJob, MessageOf, ResolvedTarget } from '@/utils/messaging/protocol';
import { ACTION_NAMES } from '@/utils/portal/names';

/**
 * The frame agent's inbound messages, checked by hand instead of with zod: the agent runs in
 * every frame of the portal and has a 12 KB budget that zod alone would take most of. The zod
 * protocol (protocol.ts) stays the source of the types, and a property test proves that this
 * check accepts exactly what the schema accepts.
 */
export type AgentInbound = MessageOf<'agent/job'> | MessageOf<'panel/fill'> | MessageOf<'agent/focus'> | MessageOf<'agent/fill-secret'>;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const optStr = (v: unknown, max: number) => v === undefined || str(v, max);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const ACTIONS: readonly string[] = ACTION_NAMES;

/**
 * The locator and reader names this agent knows (its tables' keys: the portal's agent does not
 * ship dbt's names, nor dbt's the portal's). A name it does not know is refused like a malformed one.
 */
export interface KnownNames {
  locators: readonly string[];
  readers: readonly string[];
}

function target(v: unknown, known: KnownNames): ResolvedTarget | null {
  if (!isRec(v)) return null;
  const { locator, action, value, arg, lookFor } = v;
  if (!str(locator, 100) || !known.locators.includes(locator) || !str(action, 20) || !ACTIONS.includes(action)) return null;
  if (!optStr(value, 2000) || !optStr(arg, 200) || !str(lookFor, 300)) return null;
  return {
    locator: locator as ResolvedTarget['locator'],
    action: action as ResolvedTarget['action'],
    lookFor,
    ...(value === undefined ? {} : { value }),
    ...(arg === undefined ? {} : { arg }),
  };
}

/** A job as the background sends it; null when malformed. */
export function parseJob(v: unknown, known: KnownNames): GuideJob | null {
  if (!isRec(v) || !str(v.stepId, 60) || !Array.isArray(v.targets) || !Array.isArray(v.readers)) return null;
  if (v.targets.length > 30 || v.readers.length > 10) return null;
  const targets = v.targets.map((t) => target(t, known));
  if (targets.some((t) => t === null)) return null;
  if (!v.readers.every((r) => typeof r === 'string' && known.readers.includes(r))) return null;
  return { stepId: v.stepId, targets: targets as ResolvedTarget[], readers: v.readers as GuideJob['readers'] };
}

export function parseAgentMessage(raw: unknown, known: KnownNames): AgentInbound | null {
  if (!isRec(raw)) return null;
  if (raw.type === 'agent/job') {
    if (raw.job === null) return { type: 'agent/job', job: null };
    const job = parseJob(raw.job, known);
    return job ? { type: 'agent/job', job } : null;
  }
  if (raw.type === 'agent/focus') {
    const { stepId, index } = raw;
    if (!str(stepId, 60) || !(index === null || (Number.isInteger(index) && (index as number) >= 0 && (index as number) <= 29))) return null;
    return { type: 'agent/focus', stepId, index: index as number | null };
  }
  if (raw.type === 'agent/fill-secret') {
    const { stepId, index, value } = raw;
    if (!str(stepId, 60) || !Number.isInteger(index) || (index as number) < 0 || (index as number) > 29 || !str(value, 4000)) return null;
    return { type: 'agent/fill-secret', stepId, index: index as number, value };
  }
  if (raw.type === 'panel/fill') {
    const { stepId, index, frameId } = raw;
    if (!str(stepId, 60) || !num(index) || !(frameId === undefined || num(frameId))) return null;
    return { type: 'panel/fill', stepId, index, ...(frameId === undefined ? {} : { frameId }) };
  }
  return null;
}
