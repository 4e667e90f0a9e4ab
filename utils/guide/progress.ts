import type { Step } from '@/utils/guide/step-schema';
import type { Progress } from '@/utils/guide/state-schemas';
import type { Setup } from '@/utils/domain/setup';

/** The steps of a guide that the setup's profile takes (dbt's form: self-service only). */
export const stepsFor = (steps: readonly Step[], setup: Pick<Setup, 'profile'>): Step[] =>
  steps.filter((s) => !s.profiles || s.profiles.includes(setup.profile));

export type StepStatus = 'done' | 'current' | 'todo' | 'optional';

/** Optional branches count only once the page showed them needed. */
export const isRequired = (step: Step, progress: Progress): boolean => !step.optional || progress[step.id]?.needed === true;

/** The first required step not done. */
export function nextStep(steps: readonly Step[], progress: Progress): Step | null {
  return steps.find((s) => isRequired(s, progress) && !progress[s.id]?.done) ?? null;
}

export function statusOf(step: Step, steps: readonly Step[], progress: Progress): StepStatus {
  if (progress[step.id]?.done) return 'done';
  if (nextStep(steps, progress)?.id === step.id) return 'current';
  return isRequired(step, progress) ? 'todo' : 'optional';
}

export function doneCount(steps: readonly Step[], progress: Progress): { done: number; total: number } {
  const required = steps.filter((s) => isRequired(s, progress));
  return { done: required.filter((s) => progress[s.id]?.done).length, total: required.length };
}
