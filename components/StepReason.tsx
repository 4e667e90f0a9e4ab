import type { Step } from '@/utils/guide/step-schema';

/** Why a step is as it is: what the original guide said, and what is true today. */
export function StepReason({ step, open = false }: { step: Step; open?: boolean }) {
  return (
    <details open={open}>
      <summary>Why, and what changed since the original guide</summary>
      <p>
        <strong>The original guide:</strong> {step.reason.seed}
      </p>
      <p>
        <strong>Today:</strong> {step.reason.today}
      </p>
    </details>
  );
}
