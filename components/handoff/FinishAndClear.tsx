import { useId, useState } from 'react';
import { useGuide } from '@/components/store-context';
import { clearClipboardNow } from '@/utils/handoff/clipboard';

/** "Finish and clear", confirmed first: the secret and the collected values go; setup and progress stay. */
export function FinishAndClear({ onCleared }: { onCleared?(): void }) {
  const id = useId();
  const finishAndClear = useGuide((s) => s.finishAndClear);
  const [confirming, setConfirming] = useState(false);
  const [cleared, setCleared] = useState(false);
  const confirm = () => {
    finishAndClear();
    // A copied secret still on the clipboard goes too.
    clearClipboardNow().catch(() => undefined);
    setConfirming(false);
    setCleared(true);
    onCleared?.();
  };
  return (
    <div className="finish">
      {confirming ? (
        <div role="group" aria-labelledby={`${id}-question`} className="confirm">
          <p id={`${id}-question`}>
            Remove the client secret and the collected values from this browser? Export first if you still need them.
            The setup and the progress stay.
          </p>
          <button type="button" className="danger" onClick={confirm}>
            Yes, clear them
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          onClick={() => {
            setConfirming(true);
            setCleared(false);
          }}
        >
          Finish and clear
        </button>
      )}
      {cleared ? (
        <p role="status" className="hint">
          The client secret and the collected values were removed from this browser.
        </p>
      ) : null}
    </div>
  );
}
