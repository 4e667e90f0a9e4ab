import { useId, useMemo, useState } from 'react';
import { useGuide } from '@/components/store-context';
import { ClipboardDelay } from '@/components/handoff/ClipboardDelay';
import { ExportPanel } from '@/components/handoff/ExportPanel';
import { FinishAndClear } from '@/components/handoff/FinishAndClear';
import { ReviewValues } from '@/components/handoff/ReviewValues';
import { RotationReminder } from '@/components/handoff/RotationReminder';
import { carriesSecret, reviewHandoff, type Drafts, type PublicHandoffField } from '@/utils/handoff/export/review';
import { hasErrors, validateField } from '@/utils/domain/validate';
import { lostSecretSteps, reopenSecretSteps, secretLostText } from '@/utils/guide/secret-recovery';
import { useGuideSteps } from '@/components/use-guide-steps';
import type { HandoffField } from '@/utils/domain/setup';

const PUBLIC_FIELDS: readonly PublicHandoffField[] = ['clientId', 'tenantId', 'domain', 'secretExpiry'];

/** The hand-off section: review the values, export them encrypted, remind the rotation, clear. */
export function HandoffSection() {
  const id = useId();
  const setup = useGuide((s) => s.setup);
  const values = useGuide((s) => s.values);
  const lists = useGuide((s) => s.lists);
  const secret = useGuide((s) => s.secret);
  const recordValue = useGuide((s) => s.recordValue);
  const clearValue = useGuide((s) => s.clearValue);
  const setSecret = useGuide((s) => s.setSecret);
  const progress = useGuide((s) => s.progress);
  const markStep = useGuide((s) => s.markStep);
  const idleMinutes = useGuide((s) => s.settings.secretIdleMinutes);
  const steps = useGuideSteps();
  // The progress says the secret was captured, and this browser no longer holds it.
  const secretLost = lostSecretSteps(steps, progress, secret !== null).length > 0;
  // Typed text that holds the secret stays here, in memory, and is never recorded.
  const [drafts, setDrafts] = useState<Drafts>({});
  const review = useMemo(
    () => reviewHandoff({ setup, values, lists, drafts, secret }),
    [setup, values, lists, drafts, secret],
  );
  // A new export panel after "Finish and clear": no passphrase or result stays on screen.
  const [round, setRound] = useState(0);
  const blockedId = `${id}-blocked`;
  // The fields the admin typed into here. An empty one the admin has not touched is still to do
  // (the guide reads it on the portal), not an error: nothing is red before the admin acted.
  const [touched, setTouched] = useState<ReadonlySet<HandoffField>>(() => new Set());
  const touch = (field: HandoffField) => setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));
  const pending = new Set(review.rows.filter((r) => r.role === 'needed' && r.value === '' && !touched.has(r.field)).map((r) => r.field));
  const todo = review.rows.filter((r) => pending.has(r.field)).map((r) => r.label);
  const todoLabels = new Set(todo);
  const errors = review.blocking.filter((label) => !todoLabels.has(label));

  const onEdit = (field: PublicHandoffField, value: string) => {
    touch(field);
    if (carriesSecret(value, secret?.value ?? null)) {
      setDrafts((d) => ({ ...d, [field]: value }));
      return;
    }
    setDrafts(({ [field]: _dropped, ...rest }) => rest);
    if (value === '') clearValue(field);
    else recordValue(field, value, 'typed');
  };

  const onSecret = (value: string) => {
    touch('clientSecret');
    setSecret(value, 'typed');
    // A value recorded before the secret was typed, that holds it, leaves storage.local (a whole
    // secret only: every text holds the first few characters of one being typed).
    if (hasErrors(validateField('clientSecret', value))) return;
    const moved: Drafts = {};
    for (const field of PUBLIC_FIELDS) {
      const stored = values[field]?.value;
      if (stored !== undefined && carriesSecret(stored, value)) {
        moved[field] = stored;
        clearValue(field);
      }
    }
    if (Object.keys(moved).length) setDrafts((d) => ({ ...d, ...moved }));
  };

  return (
    <section className="handoff-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Review and hand off to {review.plan.destination}</h2>
      {secretLost ? (
        <div className="notice" role="alert" data-testid="secret-lost">
          <p>{secretLostText(idleMinutes)}</p>
          <button type="button" onClick={() => reopenSecretSteps({ markStep, clearValue }, steps)}>
            Create a new client secret
          </button>{' '}
          <span className="hint">(If you kept the Value safely elsewhere, paste it below instead.)</span>
        </div>
      ) : null}
      <ReviewValues review={review} pending={pending} onEdit={onEdit} onSecret={onSecret} />
      {errors.length || todo.length ? (
        <div id={blockedId} data-testid="export-blocked">
          {errors.length ? (
            <p className="blocked">
              Export is not possible yet: fix {errors.length === 1 ? 'this value' : 'these values'} first: {errors.join(', ')}.
            </p>
          ) : null}
          {todo.length ? <p className="hint">Still to record before the export: {todo.join(', ')}.</p> : null}
        </div>
      ) : null}
      <ExportPanel key={round} review={review} blockedId={blockedId} />
      <RotationReminder review={review} />
      <ClipboardDelay />
      <FinishAndClear
        onCleared={() => {
          setDrafts({});
          setTouched(new Set());
          setRound((r) => r + 1);
        }}
      />
    </section>
  );
}
