import { useState } from 'react';
import { useGuide } from '@/components/store-context';
import { useStartRotation } from '@/components/use-start-rotation';
import { reminderClientId, rotationReminder } from '@/utils/handoff/export/outputs';
import type { Review } from '@/utils/handoff/export/review';
import { REMINDER_FILE_NAME, saveFile } from '@/utils/handoff/export/download';

const DAY_MS = 86_400_000;

function daysUntil(iso: string, now: Date): number {
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - today) / DAY_MS);
}

/** Starts the rotation guide on the portal (then dbt), and says where it appears. */
function RotateButton() {
  const start = useStartRotation();
  const rotating = useGuide((s) => s.panel.running && s.panel.guide === 'rotation');
  return rotating ? (
    <p role="status">The rotation guide is running: open the app&apos;s Certificates &amp; secrets on the portal.</p>
  ) : (
    <p>
      <button type="button" onClick={start}>
        Rotate the client secret
      </button>{' '}
      <span className="hint">A new secret in Entra, given to dbt, a sign-in tested, then the old one deleted, step by step.</span>
    </p>
  );
}

/** The secret's expiry and a calendar reminder to rotate it before SSO stops. */
export function RotationReminder({ review }: { review: Review }) {
  const [saved, setSaved] = useState(false);
  const { expiry } = review;
  const clientId = reminderClientId(review);

  if (expiry === null) {
    return (
      <section className="rotation" aria-label="Secret rotation">
        <h3>Secret rotation</h3>
        <p className="missing">Enter the client secret's expiry date above to see it here and get a calendar reminder.</p>
        <RotateButton />
      </section>
    );
  }
  const days = daysUntil(expiry, new Date());
  const save = () => {
    const ics = rotationReminder(review);
    if (ics === null) return;
    saveFile(REMINDER_FILE_NAME, ics, 'text/calendar');
    setSaved(true);
  };
  return (
    <section className="rotation" aria-label="Secret rotation">
      <h3>Secret rotation</h3>
      <p data-testid="secret-expiry">
        The client secret expires on <strong>{expiry}</strong>
        {days >= 0 ? ` (in ${days} day${days === 1 ? '' : 's'})` : ''}. When it does, single sign-on to dbt Cloud stops
        for everyone: create a new secret and hand it to dbt before then.
      </p>
      <button type="button" onClick={save} disabled={clientId === null}>
        Download a calendar reminder (.ics)
      </button>
      {clientId === null ? <p className="hint">Enter a valid Application (client) ID first: the reminder names the app.</p> : null}
      {saved ? (
        <p role="status" className="hint">
          Saved {REMINDER_FILE_NAME}: open it to add the reminder (3 weeks before the expiry) to your calendar.
        </p>
      ) : null}
      <RotateButton />
    </section>
  );
}
