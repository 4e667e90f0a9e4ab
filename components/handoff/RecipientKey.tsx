import { useId, useState } from 'react';
import {
  expiryWarning,
  formatKeyDate,
  readRecipientKey,
  RecipientKeyError,
  type RecipientKeyInfo,
} from '@/utils/handoff/export/encrypt';
import type { RecipientState } from '@/components/handoff/use-recipient';
import { SetByOrganisation } from '@/components/SetByOrganisation';

/**
 * What openpgp computed from the armored key just now: fingerprint, user IDs, algorithms, dates.
 * Never anything stored beside the key.
 */
function KeyIdentity({ info }: { info: RecipientKeyInfo }) {
  return (
    <dl className="plan key-identity">
      <dt>Fingerprint</dt>
      <dd>
        <code data-testid="recipient-fingerprint">{info.fingerprint}</code>
      </dd>
      <dt>User ID{info.userIds.length === 1 ? '' : 's'}</dt>
      <dd data-testid="recipient-user-ids">{info.userIds.length ? info.userIds.join('; ') : '(none)'}</dd>
      <dt>Algorithm</dt>
      <dd data-testid="recipient-algorithm">
        {info.algorithm}
        {info.encryptionAlgorithm === info.algorithm ? '' : `, encrypts with ${info.encryptionAlgorithm}`} (key ID{' '}
        <code>{info.encryptionKeyId}</code>)
      </dd>
      <dt>Created</dt>
      <dd>{formatKeyDate(info.created)}</dd>
      <dt>Expires</dt>
      <dd data-testid="recipient-expiry">
        {info.expires === null ? 'does not expire' : `expires on ${formatKeyDate(info.expires)}`}
      </dd>
    </dl>
  );
}

/** The warning for a key that expires soon, or nothing; its id goes in the key's aria-describedby. */
function ExpiryWarning({ info, id }: { info: RecipientKeyInfo; id: string }) {
  const warning = expiryWarning(info);
  if (warning === null) return null;
  return (
    <p className="notice" id={id} role="status" data-testid="recipient-expiry-warning">
      <span className="sr-only">Warning: </span>
      {warning}
    </p>
  );
}

/** The ids for a key section's aria-describedby: the warning when there is one, and any other. */
function describedBy(info: RecipientKeyInfo, warningId: string, ...others: string[]): string | undefined {
  const ids = [...others, ...(expiryWarning(info) === null ? [] : [warningId])];
  return ids.length ? ids.join(' ') : undefined;
}

const COMPARE =
  'Compare this fingerprint, character by character, with the one dbt gives you. If they differ, do not use this key.';

/**
 * The recipient's public key: imported once (armored), shown by what openpgp computes from it
 * (fingerprint, user IDs, algorithm, dates) to compare with what dbt gives, then stored
 * (storage.local: a public key is not secret), the armored key alone. A key the organisation
 * preset by policy is shown the same way, and cannot be removed or replaced here.
 */
export function RecipientKey({ state }: { state: RecipientState }) {
  const id = useId();
  const [armored, setArmored] = useState('');
  const [candidate, setCandidate] = useState<{ armored: string; info: RecipientKeyInfo } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const warningId = `${id}-expiry`;

  if (state.recipient && state.setByOrganisation) {
    const { info } = state.recipient;
    return (
      <div
        className="recipient"
        role="group"
        aria-labelledby={`${id}-preset`}
        aria-describedby={describedBy(info, warningId, `${id}-managed`)}
      >
        <div className="field-label-row">
          <p id={`${id}-preset`}>The file will be encrypted to this key:</p>
          <SetByOrganisation id={`${id}-managed`} />
        </div>
        <KeyIdentity info={info} />
        <ExpiryWarning info={info} id={warningId} />
        <p className="hint">{COMPARE}</p>
      </div>
    );
  }

  if (state.recipient) {
    const { info } = state.recipient;
    return (
      <div className="recipient" role="group" aria-labelledby={`${id}-stored`} aria-describedby={describedBy(info, warningId)}>
        <p id={`${id}-stored`}>The file will be encrypted to this key:</p>
        <KeyIdentity info={info} />
        <ExpiryWarning info={info} id={warningId} />
        <p className="hint">{COMPARE}</p>
        <button type="button" onClick={() => void state.remove()}>
          Remove this key
        </button>
      </div>
    );
  }

  if (state.refused) {
    return (
      <div className="recipient" role="group" aria-labelledby={`${id}-refused-title`} aria-describedby={`${id}-refused`}>
        <p id={`${id}-refused-title`}>The stored key cannot be used:</p>
        <ul className="findings">
          <li className="error" id={`${id}-refused`}>
            <span className="sr-only">Error: </span>
            {state.refused}
          </li>
        </ul>
        <button type="button" onClick={() => void state.remove()}>
          Remove this key
        </button>
      </div>
    );
  }

  if (!state.loaded) {
    // openpgp is still reading the key in place: not the paste field for a moment in its stead.
    return (
      <p className="hint recipient" role="status">
        Reading the key…
      </p>
    );
  }

  const read = async () => {
    const text = armored.trim();
    setBusy(true);
    setCandidate(null);
    setError(null);
    try {
      setCandidate({ armored: text, info: await readRecipientKey(text) });
    } catch (e) {
      setError(e instanceof RecipientKeyError ? e.message : 'This key could not be read. Paste the whole armored block.');
    } finally {
      setBusy(false);
    }
  };
  const use = async () => {
    if (!candidate) return;
    // The armored key alone: what is shown of it is computed from it again, every time.
    await state.save(candidate);
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
        <div className="candidate" role="group" aria-label="Key to check" aria-describedby={describedBy(candidate.info, warningId)}>
          <KeyIdentity info={candidate.info} />
          <ExpiryWarning info={candidate.info} id={warningId} />
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
