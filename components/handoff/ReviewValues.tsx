import { useState } from 'react';
import { useGuide } from '@/components/store-context';
import { Field } from '@/components/Field';
import { CopyButton } from '@/components/CopyButton';
import { Findings } from '@/components/handoff/Findings';
import { armClipboardClearing } from '@/utils/handoff/clipboard';
import type { ValueSource } from '@/utils/domain/values';
import type { HandoffField } from '@/utils/domain/setup';
import type { PublicHandoffField, Review, ReviewRow } from '@/utils/handoff/export/review';

const SOURCE_TEXT: Record<ValueSource, string> = { page: 'read from the page', typed: 'typed' };

function Source({ source }: { source: ValueSource | null }) {
  return (
    <span className="source" data-source={source ?? 'none'}>
      {source ? SOURCE_TEXT[source] : 'not recorded yet'}
    </span>
  );
}

export interface ReviewEdits {
  onEdit(field: PublicHandoffField, value: string): void;
  onSecret(value: string): void;
}

/**
 * A value still to do (empty, and not yet typed into): said in neutral words, without the
 * "is empty" error, which shows once the admin typed into the field.
 */
const TODO = 'To do: the guide reads it on the portal, or type it here.';
const SECRET_TODO = 'To do: the guide captures it when you add the secret on the portal, or paste it here.';
const shownFindings = (row: ReviewRow, pending: boolean) => (pending ? row.findings.filter((f) => f.code !== 'required') : row.findings);

function ValueRow({ row, pending, onEdit }: { row: ReviewRow & { field: PublicHandoffField }; pending: boolean; onEdit: ReviewEdits['onEdit'] }) {
  const carriesSecret = row.findings.some((f) => f.code === 'contains-secret');
  return (
    <Field
      label={row.label}
      name={row.field}
      value={row.value}
      onChange={(value) => onEdit(row.field, value)}
      findings={shownFindings(row, pending)}
      // Masked like the secret field when it holds the secret, so the page never shows it.
      secret={carriesSecret}
      badge={<Source source={row.source} />}
      hint={row.role === 'reference' ? 'For reference; included in the file when filled.' : pending ? TODO : undefined}
      actions={<CopyButton text={row.value} what={row.label} disabled={carriesSecret} />}
    />
  );
}

function SecretRow({ row, pending, onSecret }: { row: ReviewRow; pending: boolean; onSecret: ReviewEdits['onSecret'] }) {
  const seconds = useGuide((s) => s.settings.clipboardClearSeconds);
  const [revealed, setRevealed] = useState(false);
  const [armed, setArmed] = useState<'idle' | 'armed' | 'failed'>('idle');
  const onCopied = () => {
    armClipboardClearing(row.value, seconds * 1000).then(
      (ok) => setArmed(ok ? 'armed' : 'failed'),
      () => setArmed('failed'),
    );
  };
  return (
    <Field
      label={row.label}
      name="clientSecret"
      value={row.value}
      onChange={onSecret}
      findings={shownFindings(row, pending)}
      secret
      revealed={revealed}
      badge={<Source source={row.source} />}
      hint={
        armed === 'armed'
          ? `Copied. The clipboard is cleared in ${seconds} s if it still holds the Value, even if this window closes.`
          : armed === 'failed'
            ? 'Copied, but the clipboard could not be set to clear itself: copy something else over it when done.'
            : `${pending ? `${SECRET_TODO} ` : ''}Kept only for this browser session, never on disk. A copy is cleared from the clipboard after ${seconds} s.`
      }
      actions={
        <>
          <button type="button" aria-pressed={revealed} onClick={() => setRevealed((r) => !r)}>
            {revealed ? 'Hide' : 'Show'}
          </button>
          <CopyButton text={row.value} what={row.label} onCopied={onCopied} />
        </>
      }
    />
  );
}

function seenOnPage(read: string[] | null, uri: string): string {
  if (read === null) return '';
  return read.some((r) => r.trim() === uri) ? ' (seen on the page)' : ' (not among the Web redirect URIs read from the page)';
}

/**
 * The values to hand on, each editable, with its origin and validation; then what was configured.
 * `pending`: the fields still to do, shown without their "is empty" error.
 */
export function ReviewValues({ review, pending, onEdit, onSecret }: { review: Review; pending: ReadonlySet<HandoffField> } & ReviewEdits) {
  const { plan, redirect, permissions } = review;
  const statusOf = (name: string): string | undefined =>
    permissions.read?.find((r) => r.name.trim().toLowerCase() === name.toLowerCase())?.status;
  return (
    <div className="review">
      {review.rows.map((row) =>
        row.field === 'clientSecret' ? (
          <SecretRow key={row.field} row={row} pending={pending.has(row.field)} onSecret={onSecret} />
        ) : (
          <ValueRow key={row.field} row={{ ...row, field: row.field }} pending={pending.has(row.field)} onEdit={onEdit} />
        ),
      )}
      <dl className="plan reference">
        <dt>Redirect URI configured (for reference)</dt>
        <dd>
          {redirect.uri && redirect.findings.some((f) => f.code === 'contains-secret') ? (
            <span className="missing">(not shown: it holds the client secret Value)</span>
          ) : redirect.uri ? (
            <>
              <code>{redirect.uri}</code>
              {seenOnPage(redirect.read, redirect.uri)}
            </>
          ) : (
            <span className="missing">Complete the setup first.</span>
          )}
          <Findings findings={redirect.findings} />
        </dd>
        <dt>API permissions configured (for reference)</dt>
        <dd>
          <ul>
            {plan.permissions.map((p) => {
              const status = statusOf(p.name);
              return (
                <li key={p.name}>
                  <code>{p.name}</code> ({p.api}, {p.type}){status ? `: ${status}` : ''}
                </li>
              );
            })}
          </ul>
          <Findings findings={permissions.findings} />
        </dd>
      </dl>
    </div>
  );
}
