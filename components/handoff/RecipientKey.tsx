import { useId, useState } from 'react';
import { readRecipientKey, RecipientKeyError, type RecipientKeyInfo } from '@/utils/handoff/export/encrypt';
import type { RecipientState } from '@/components/handoff/use-recipient';
import { SetByOrganisation } from '@/components/SetByOrganisation';

function KeyIdentity({ info }: { info: Pick<RecipientKeyInfo, 'fingerprint' | 'userIds'> }) {
  return (
    <dl className="plan key-identity">
      <dt>Fingerprint</dt>
      <dd>
        <code data-testid="recipient-fingerprint">{info.fingerprint}</code>
      </dd>
      <dt>User ID{info.userIds.length === 1 ? '' : 's'}</dt>
      <dd>{info.userIds.length ? info.userIds.join('; ') : '(none)'}</dd>
    </dl>
  );
}

const COMPARE =
  'Compare this fingerprint, character by character, with the one dbt gives you. If they differ, do not use this key.';

/**
 * The recipient's public key: imported once (armored), shown by fingerprint and user IDs to
 * compare with what dbt gives, then stored (storage.local: a public key is not secret). A key the
 * organisation preset by policy is shown the same way, and cannot be removed or replaced here.
 */
export function RecipientKey({ state }: { state: RecipientState }) {
  const id = useId();
  const [armored, setArmored] = useState('');
  const [candidate, setCandidate] = useState<RecipientKeyInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.recipient && state.setByOrganisation) {
    return (
      <div className="recipient" role="group" aria-labelledby={`${id}-preset`} aria-describedby={`${id}-managed`}>
        <div className="field-label-row">
          <p id={`${id}-preset`}>The file will be encrypted to this key:</p>
          <SetByOrganisation id={`${id}-managed`} />
        </div>
        <KeyIdentity info={state.recipient} />
        <p className="hint">{COMPARE}</p>
      </div>
    );
  }

  if (state.recipient) {
    return (
      <div className="recipient">
        <p>The file will be encrypted to this key:</p>
        <KeyIdentity info={state.recipient} />
        <p className="hint">{COMPARE}</p>
        <button type="button" onClick={() => void state.remove()}>
          Remove this key
        </button>
      </div>
    );
  }

  const read = async () => {
    setBusy(true);
    setCandidate(null);
    setError(null);
    try {
      setCandidate(await readRecipientKey(armored));
    } catch (e) {
      setError(e instanceof RecipientKeyError ? e.message : 'This key could not be read. Paste the whole armored block.');
    } finally {
      setBusy(false);
    }
  };
  const use = async () => {
    if (!candidate) return;
    await state.save({ armored: armored.trim(), fingerprint: candidate.fingerprint, userIds: candidate.userIds });
    setCandidate(null);
    setArmored('');
  };

  return (
    <div className="recipient">
      <div className="field">
        <label htmlFor={id}>dbt's public key (armored)</label>
        <textarea
          id={id}
          rows={4}
          value={armored}
          spellCheck={false}
          placeholder="-----BEGIN PGP PUBLIC KEY BLOCK-----"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setArmored(e.target.value);
            setCandidate(null);
            setError(null);
          }}
        />
        {error ? (
          <ul className="findings" id={`${id}-error`}>
            <li className="error">
              <span className="sr-only">Error: </span>
              {error}
            </li>
          </ul>
        ) : null}
      </div>
      {candidate ? (
        <div className="candidate" role="group" aria-label="Key to check">
          <KeyIdentity info={candidate} />
          <p className="hint">{COMPARE}</p>
          <button type="button" className="primary" onClick={() => void use()}>
            The fingerprint matches: use this key
          </button>{' '}
          <button type="button" onClick={() => setCandidate(null)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => void read()} disabled={busy || armored.trim() === ''}>
          {busy ? 'Reading…' : 'Read key'}
        </button>
      )}
    </div>
  );
}
