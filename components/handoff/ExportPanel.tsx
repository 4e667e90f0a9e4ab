import { useId, useState } from 'react';
import { useMarkSectionDone } from '@/components/sections';
import { useGuide } from '@/components/store-context';
import { CopyButton } from '@/components/CopyButton';
import { RecipientKey } from '@/components/handoff/RecipientKey';
import { SupportMessage } from '@/components/handoff/SupportMessage';
import { useRecipient } from '@/components/handoff/use-recipient';
import { armClipboardClearing } from '@/utils/handoff/clipboard';
import { buildHandoffDocument, HandoffDocumentError } from '@/utils/handoff/export/document';
import { encryptHandoff, RecipientKeyError } from '@/utils/handoff/export/encrypt';
import { generatePassphrase } from '@/utils/handoff/export/passphrase';
import { decryptCommand } from '@/utils/handoff/export/support-message';
import { HANDOFF_FILE_NAME, saveFile } from '@/utils/handoff/export/download';
import type { Review } from '@/utils/handoff/export/review';

type Method = 'public-key' | 'passphrase';
type ExportState =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'done'; method: Method; passphrase: string | null }
  | { kind: 'failed'; message: string };

function failureText(error: unknown): string {
  // These name fields or the key's problem, never a value.
  if (error instanceof HandoffDocumentError || error instanceof RecipientKeyError) return error.message;
  return 'The file could not be made. Try again; if it fails again, reload the extension.';
}

/** The encrypted file: to the recipient's public key, or with a generated passphrase. */
export function ExportPanel({ review, blockedId }: { review: Review; blockedId: string }) {
  const id = useId();
  const profile = useGuide((s) => s.setup.profile);
  const exported = useMarkSectionDone('export-values');
  const clearSeconds = useGuide((s) => s.settings.clipboardClearSeconds);
  const recipientState = useRecipient();
  const { recipient } = recipientState;
  const [chosen, setChosen] = useState<Method | null>(null);
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  // The public key is the default once one is stored (shown, or refused with its reason); until then, a passphrase.
  const method: Method = chosen ?? (recipient || recipientState.refused ? 'public-key' : 'passphrase');
  const needsKey = method === 'public-key' && recipient === null;
  const blocked = review.values === null;
  const command = decryptCommand(HANDOFF_FILE_NAME);

  const exportFile = async () => {
    const values = review.values;
    if (values === null || needsKey) return;
    setState({ kind: 'working' });
    try {
      const doc = buildHandoffDocument({ profile, destination: review.plan.destination, values });
      const passphrase = method === 'passphrase' ? await generatePassphrase() : null;
      const armored = await encryptHandoff(
        doc,
        passphrase === null
          ? // The key as it is now where it is kept, which must still have the fingerprint shown.
            { publicKeyArmored: (await recipientState.currentArmored()) ?? '', fingerprint: recipient?.info.fingerprint ?? '' }
          : { passphrase },
      );
      saveFile(HANDOFF_FILE_NAME, armored, 'application/pgp-encrypted');
      exported();
      setState({ kind: 'done', method, passphrase });
    } catch (error) {
      setState({ kind: 'failed', message: failureText(error) });
    }
  };

  return (
    <section className="export" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Encrypted file for dbt</h3>
      <fieldset>
        <legend>Lock the file</legend>
        <label className="choice">
          <input type="radio" name={`${id}-method`} checked={method === 'public-key'} onChange={() => setChosen('public-key')} />
          <span>With dbt's public key: only dbt can open it</span>
        </label>
        <label className="choice">
          <input type="radio" name={`${id}-method`} checked={method === 'passphrase'} onChange={() => setChosen('passphrase')} />
          <span>With a passphrase: generated for you, sent separately</span>
        </label>
      </fieldset>
      {method === 'public-key' ? <RecipientKey state={recipientState} /> : null}

      <p>
        <button
          type="button"
          // The main action of the support-assisted profile; self-service fills dbt's form instead.
          className={profile === 'support' ? 'primary' : undefined}
          onClick={() => void exportFile()}
          disabled={blocked || needsKey || state.kind === 'working'}
          aria-describedby={blocked ? blockedId : undefined}
        >
          {state.kind === 'working' ? 'Encrypting…' : 'Export encrypted file (.asc)'}
        </button>
      </p>
      {needsKey && !blocked ? <p className="hint">Add dbt's public key above, or choose a passphrase.</p> : null}
      <div role="status" aria-live="polite">
        {state.kind === 'done' ? <p className="ok">Saved {HANDOFF_FILE_NAME}. Send it to {review.plan.destination}.</p> : null}
        {state.kind === 'failed' ? <p className="error-text">{state.message}</p> : null}
      </div>
      {state.kind === 'done' && state.passphrase !== null ? (
        <div className="passphrase" role="group" aria-labelledby={`${id}-pass`}>
          <p id={`${id}-pass`}>
            <strong>Passphrase, shown only now:</strong>
          </p>
          <p>
            <code data-testid="passphrase">{state.passphrase}</code>{' '}
            <CopyButton
              text={state.passphrase}
              what="passphrase"
              onCopied={() => {
                if (state.passphrase !== null) armClipboardClearing(state.passphrase, clearSeconds * 1000).catch(() => false);
              }}
            />
          </p>
          <p className="hint">
            Send it to dbt over another channel than the file (for example read it out on a call, or use another
            messenger). It is not stored anywhere: export again for a new file and a new passphrase.
          </p>
          <button type="button" onClick={() => setState({ kind: 'done', method: state.method, passphrase: null })}>
            I have sent it: hide the passphrase
          </button>
        </div>
      ) : null}
      <div className="field">
        <span className="field-caption">dbt opens the file with</span>
        <p>
          <code data-testid="decrypt-command">{command}</code> <CopyButton text={command} what="decrypt command" />
        </p>
      </div>
      <SupportMessage
        review={review}
        lock={method === 'public-key' ? { method, fingerprint: recipient?.info.fingerprint } : { method }}
      />
    </section>
  );
}
