import { useId, useState } from 'react';
import { SIGN_IN_ERRORS } from '@/steps/diagnosis/sign-in-errors';
import { diagnose, MAX_INPUT, type Diagnosis, type SignInError } from '@/utils/domain/sign-in-errors';
import type { StepId } from '@/utils/guide/step-schema';

export interface SignInDiagnosisProps {
  /** The step's title, for the "Go to" button. */
  stepTitle(stepId: StepId): string;
  onGoToStep(stepId: StepId): void;
  catalogue?: readonly SignInError[];
}

/**
 * Explains a failed test sign-in: the admin pastes Microsoft's error text or the address the
 * browser ended on; each AADSTS code (or dbt message) found is explained with the step that fixes
 * it. The text stays in this component; nothing is sent anywhere.
 */
export function SignInDiagnosis({ stepTitle, onGoToStep, catalogue = SIGN_IN_ERRORS }: SignInDiagnosisProps) {
  const id = useId();
  const [text, setText] = useState('');
  // null until the admin asks: an empty result then says that nothing was found.
  const [result, setResult] = useState<Diagnosis[] | null>(null);

  // No <form>: the component may sit inside another form (the popup, the checklist).
  return (
    <div className="sign-in-diagnosis">
      <div className="field">
        <label htmlFor={id}>Paste the error text or the page address</label>
        <textarea
          id={id}
          rows={4}
          value={text}
          maxLength={MAX_INPUT}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setText(e.target.value);
            // An explanation belongs to the text it was made for.
            setResult(null);
          }}
        />
        <p className="hint" id={`${id}-hint`}>
          The line that starts with AADSTS on Microsoft&apos;s sign-in page, or the whole address of the page the sign-in ended on.
          It is read here only, never sent.
        </p>
      </div>
      <button type="button" onClick={() => setResult(diagnose(text, catalogue))}>
        Explain
      </button>
      <div aria-live="polite">
        {result === null ? null : result.length === 0 ? (
          <p>
            No AADSTS code and no dbt sign-in message was found in this text. Paste the whole error from Microsoft&apos;s sign-in page (the
            line that starts with AADSTS), or the full address of the page where the sign-in ended (it may hold error_description=AADSTS…).
          </p>
        ) : (
          <ul className="diagnoses">
            {result.map((d) => (
              <DiagnosisItem key={d.code} diagnosis={d} stepTitle={stepTitle} onGoToStep={onGoToStep} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function DiagnosisItem({ diagnosis: d, stepTitle, onGoToStep }: { diagnosis: Diagnosis } & Omit<SignInDiagnosisProps, 'catalogue'>) {
  const stepId = d.stepId;
  return (
    <li>
      <h3>
        {d.code.startsWith('AADSTS') ? <code>{d.code}</code> : null} {d.title}
      </h3>
      <p>
        <strong>What it means:</strong> {d.cause}
      </p>
      <p>
        <strong>What to do:</strong> {d.fix}
      </p>
      {stepId === null ? null : (
        <button type="button" onClick={() => onGoToStep(stepId)}>
          Go to: {stepTitle(stepId)}
        </button>
      )}
      <p className="hint">
        Source: {d.source.title}, <code>{d.source.url}</code>
      </p>
    </li>
  );
}
