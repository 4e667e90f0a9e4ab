import { useId, type ReactNode } from 'react';
import { SetByOrganisation } from '@/components/SetByOrganisation';
import type { Finding } from '@/utils/domain/validate';

export interface FieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  findings?: readonly Pick<Finding, 'code' | 'severity' | 'message'>[];
  hint?: ReactNode;
  placeholder?: string;
  /** Masked, with a reveal toggle (the client secret). */
  secret?: boolean;
  revealed?: boolean;
  readOnly?: boolean;
  /** Preset by the organisation's policy: read-only, and says so. */
  setByOrganisation?: boolean;
  /** Shown after the label: where the value came from, a lock, … */
  badge?: ReactNode;
  actions?: ReactNode;
  name?: string;
}

/** A labelled text field whose validation result is announced and linked to it. */
export function Field({
  label,
  value,
  onChange,
  findings = [],
  hint,
  placeholder,
  secret,
  revealed,
  readOnly,
  setByOrganisation,
  badge,
  actions,
  name,
}: FieldProps) {
  const id = useId();
  const errors = findings.filter((f) => f.severity === 'error');
  const invalid = errors.length > 0;
  const describedBy = [
    setByOrganisation ? `${id}-managed` : null,
    findings.length ? `${id}-findings` : null,
    hint ? `${id}-hint` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <div className="field-label-row">
        <label htmlFor={id}>{label}</label>
        {setByOrganisation ? <SetByOrganisation id={`${id}-managed`} /> : null}
        {badge}
      </div>
      <div className="field-input-row">
        <input
          id={id}
          name={name}
          type={secret && !revealed ? 'password' : 'text'}
          value={value}
          placeholder={placeholder}
          readOnly={readOnly || setByOrganisation}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        {actions}
      </div>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {findings.length ? (
        <ul className="findings" id={`${id}-findings`} aria-live="polite">
          {findings.map((f) => (
            <li key={f.code} className={f.severity}>
              <span className="sr-only">{f.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
              {f.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
