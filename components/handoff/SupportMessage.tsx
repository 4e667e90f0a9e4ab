import { useId } from 'react';
import { CopyButton } from '@/components/CopyButton';
import { messageWithoutSecret, type Lock } from '@/utils/handoff/export/outputs';
import type { Review } from '@/utils/handoff/export/review';

/** The text for dbt support's chat or e-mail: every value but the secret, which is in the file. */
export function SupportMessage({ review, lock }: { review: Review; lock: Lock }) {
  const id = useId();
  const text = messageWithoutSecret(review, lock);
  return (
    <div className="field support-message">
      <label htmlFor={id}>Message without the secret</label>
      {text === null ? (
        <p className="missing" id={id}>
          Fix the values flagged above first.
        </p>
      ) : (
        <>
          <textarea id={id} readOnly rows={10} value={text} aria-describedby={`${id}-hint`} />
          <p className="hint" id={`${id}-hint`}>
            For dbt support's chat or e-mail, sent with the encrypted file.{' '}
            <CopyButton text={text} what="message without the secret" />
          </p>
        </>
      )}
    </div>
  );
}
