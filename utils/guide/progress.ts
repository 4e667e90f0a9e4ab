import type { Step } from '@/utils/guide/step-schema';
import type { Progress } from '@/utils/guide/store';

export type StepStatus = 'done' | 'current' | 'todo' | 'optional';

/** The first step not done; optional branches are skipped unless the guide took them. */
export function nextStep(steps: readonly Step[], progress: Progress): Step | null {
  return steps.find((s) => !s.optional && !progress[s.id]?.done) ?? null;
}

export function statusOf(step: Step, steps: readonly Step[], progress: Progress): StepStatus {
  if (progress[step.id]?.done) return 'done';
  if (nextStep(steps, progress)?.id === step.id) return 'current';
  return step.optional ? 'optional' : 'todo';
}

export function doneCount(steps: readonly Step[], progress: Progress): { done: number; total: number } {
  const required = steps.filter((s) => !s.optional);
  return { done: required.filter((s) => progress[s.id]?.done).length, total: required.length };
}
