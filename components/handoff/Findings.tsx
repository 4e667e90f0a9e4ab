import type { Finding } from '@/utils/domain/validate';

/** A list of findings, for values shown without an input (the reference part of the review). */
export function Findings({ id, findings }: { id?: string; findings: readonly Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <ul className="findings" id={id}>
      {findings.map((f) => (
        <li key={f.code + f.message} className={f.severity}>
          <span className="sr-only">{f.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
          {f.message}
        </li>
      ))}
    </ul>
  );
}
