import { useGuide } from '@/components/store-context';
import { statusOf, doneCount } from '@/utils/guide/progress';
import type { Step } from '@/utils/guide/step-schema';

const STATUS_TEXT = { done: 'done', current: 'next', todo: 'to do', optional: 'only if needed' } as const;

/** The steps with their state; each can be ticked by hand (the same progress everywhere). */
export function StepList({ steps }: { steps: readonly Step[] }) {
  const progress = useGuide((s) => s.progress);
  const markStep = useGuide((s) => s.markStep);
  const { done, total } = doneCount(steps, progress);
  return (
    <section className="steps" aria-label="Steps">
      <p className="progress-summary" aria-live="polite">
        {done} of {total} steps done
      </p>
      <ol>
        {steps.map((step) => {
          const status = statusOf(step, steps, progress);
          const by = progress[step.id]?.by;
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
              <span className="step-status">
                {STATUS_TEXT[status]}
                {status === 'done' && by === 'page' ? ' (seen on the page)' : ''}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
