import { useGuide } from '@/components/store-context';
import { CopyButton } from '@/components/CopyButton';
import { StepReason } from '@/components/StepReason';
import { SetupForm } from '@/components/SetupForm';
import { HandoffSection } from '@/components/handoff/HandoffSection';
import { CliSection } from '@/components/checklist/CliSection';
import { PolicyNotices } from '@/components/PolicyNotices';
import { useGuideSteps } from '@/components/use-guide-steps';
import { DbtFormSection } from '@/components/dbt/DbtFormSection';
import { SignInSection } from '@/components/dbt/SignInSection';
import { statusOf } from '@/utils/guide/progress';
import { progressText } from '@/components/StepList';
import { resolveTargets } from '@/utils/guide/resolve';
import type { Step } from '@/utils/guide/step-schema';
import { HANDOFF_FIELD_LABELS, planFor } from '@/utils/domain/setup';

/**
 * The whole procedure as a checklist, with no portal tab and no network: every step with its
 * instruction, its reason and the values to use; the same progress as the panel and the popup;
 * the same fields and export as the popup. Prints as a runbook.
 */
export function ChecklistApp() {
  const loaded = useGuide((s) => s.loaded);
  const progress = useGuide((s) => s.progress);
  const setup = useGuide((s) => s.setup);
  const steps = useGuideSteps();
  if (!loaded) return <p role="status">Loading…</p>;
  const plan = planFor(setup);
  return (
    <main className="checklist">
      <header>
        <h1>Single sign-on for dbt Cloud with Microsoft Entra ID: checklist</h1>
        <p>
          Every step of the setup, to follow on the Azure portal or the Microsoft Entra admin center in any browser, or to print as a
          runbook. Progress is shared with the guide on the portal and the popup.
        </p>
        <p className="progress-summary" aria-live="polite">
          {progressText(steps, progress)}
        </p>
        <PolicyNotices />
      </header>
      <ol className="checklist-steps">
        {steps.map((step, i) => (
          <StepCard key={step.id} step={step} number={i + 1} status={statusOf(step, steps, progress)} />
        ))}
      </ol>
      {/* Self-service has no export step: the values, their entry by hand and the export stay here. */}
      {steps.some((s) => s.section === 'export-values') ? null : (
        <section className="no-print checklist-values" aria-label="The values">
          <HandoffSection />
        </section>
      )}
      <section className="print-only write-in" aria-hidden="true">
        <h2>Values to hand over ({plan.destination})</h2>
        {plan.handoff.concat(plan.reference).map((f) => (
          <p key={f}>
            {HANDOFF_FIELD_LABELS[f]}:{' '}
            {f === 'clientSecret' ? (
              <em>do not write it down: it goes to dbt in the encrypted file</em>
            ) : (
              <span className="blank">&nbsp;</span>
            )}
          </p>
        ))}
      </section>
      <CliSection />
      <footer className="print-only">
        <p>Made with the dbt Cloud SSO Guide for Microsoft Entra ID. The client secret is not in this document.</p>
      </footer>
    </main>
  );
}

function StepCard({ step, number, status }: { step: Step; number: number; status: ReturnType<typeof statusOf> }) {
  const setup = useGuide((s) => s.setup);
  const markStep = useGuide((s) => s.markStep);
  const collected = useGuide((s) => s.values);
  // With the values collected so far: dbt's form card offers the IDs and domain to copy (the way
  // when dbt's host is not allowed).
  const values = resolveTargets(step, setup, collected).filter((t) => t.value !== undefined);
  const titleId = `step-${step.id}-title`;
  return (
    <li className={`step-card ${status}`} data-step-id={step.id} data-status={status} aria-labelledby={titleId}>
      <div className="step-head">
        <input
          type="checkbox"
          id={`step-${step.id}-done`}
          checked={status === 'done'}
          onChange={(e) => markStep(step.id, e.target.checked, 'hand')}
          aria-labelledby={titleId}
        />
        <h2 id={titleId}>
          {number}. {step.title}
          {step.optional ? <span className="tag"> (only if needed)</span> : null}
        </h2>
      </div>
      <ol className="instruction">
        {step.instruction.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
      {values.length ? (
        <dl className="values">
          {values.map((t) => (
            <div key={`${t.locator}-${t.arg ?? ''}`}>
              <dt>{t.lookFor}</dt>
              <dd>
                <code>{t.value}</code>{' '}
                <span className="no-print">
                  <CopyButton text={t.value ?? ''} what={t.lookFor} />
                </span>
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      <StepReason step={step} open />
      {step.section === 'choose-setup' ? <div className="no-print"><SetupForm /></div> : null}
      {step.section === 'export-values' ? <div className="no-print"><HandoffSection /></div> : null}
      {/* dbt's own form: the checklist, an extension page, may ask for the dbt host too. */}
      {step.where === 'dbt' ? <div className="no-print"><DbtFormSection /></div> : null}
      {step.section === 'try-sign-in' ? <div className="no-print"><SignInSection /></div> : null}
    </li>
  );
}
