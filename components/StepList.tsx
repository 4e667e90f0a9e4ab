import { useId } from 'react';
import { useGuide } from '@/components/store-context';
import { statusOf, doneCount, nextStep, type StepStatus } from '@/utils/guide/progress';
import type { Step } from '@/utils/guide/step-schema';
import type { Progress } from '@/utils/guide/state-schemas';

/** A step's state in words: the same words in the popup and the checklist. */
export const STATUS_TEXT: Record<StepStatus, string> = { done: 'done', current: 'next', todo: 'to do', optional: 'only if needed' };

/**
 * The one count of the guide: the required steps done out of the required steps (an optional
 * branch counts once the page showed it needed), as the panel counts them.
 */
export function progressText(steps: readonly Step[], progress: Progress): string {
  const { done, total } = doneCount(steps, progress);
  return `${done} of ${total} steps done`;
}

/** A step's state; "seen on the page" only when the page showed it done, not when ticked here. */
export function stepStatusText(status: StepStatus, by: 'page' | 'hand' | undefined): string {
  return status === 'done' && by === 'page' ? `${STATUS_TEXT.done} (seen on the page)` : STATUS_TEXT[status];
}

/** The popup's one progress line: the count, and the step to do next. */
export function ProgressLine({ steps }: { steps: readonly Step[] }) {
  const progress = useGuide((s) => s.progress);
  const next = nextStep(steps, progress);
  return (
    <p className="progress-summary" aria-live="polite" data-testid="progress">
      <strong>{progressText(steps, progress)}</strong>
      {next ? <span>. Next: {next.title}.</span> : '.'}
    </p>
  );
}

/**
 * The steps with their state; each can be ticked by hand (the same progress everywhere). With a
 * heading, or without one inside a folded section whose summary names it.
 */
export function StepList({ steps, heading = true }: { steps: readonly Step[]; heading?: boolean }) {
  const id = useId();
  const progress = useGuide((s) => s.progress);
  const markStep = useGuide((s) => s.markStep);
  return (
    <section className="steps" {...(heading ? { 'aria-labelledby': id } : { 'aria-label': 'Steps' })}>
      {heading ? <h2 id={id}>Steps</h2> : null}
      <ol>
        {steps.map((step) => {
          const status = statusOf(step, steps, progress);
          return (
            <li key={step.id} data-step-id={step.id} data-status={status} className={`step ${status}`}>
              <label className="choice">
                <input
                  type="checkbox"
                  checked={status === 'done'}
                  onChange={(e) => markStep(step.id, e.target.checked, 'hand')}
                />
                <span className="step-title">{step.title}</span>
              </label>
              <span className="step-status">{stepStatusText(status, progress[step.id]?.by)}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
