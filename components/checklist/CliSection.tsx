import { useId, useState } from 'react';
import { useGuide } from '@/components/store-context';
import { CopyButton } from '@/components/CopyButton';
import { cliPlan, cliScript, groupObjectIdError } from '@/utils/handoff/cli';

/** The same setup as Azure CLI commands, for admins who prefer Azure Cloud Shell. */
export function CliSection() {
  const setup = useGuide((s) => s.setup);
  // The group to assign is not part of the stored setup: an Object ID is no secret, but it only
  // matters here, for as long as the page is open.
  const [group, setGroup] = useState('');
  const id = useId();
  const groupError = groupObjectIdError(group);
  const options = { groupObjectId: groupError === null ? group : '' };
  const plan = cliPlan(setup, options);
  const script = cliScript(setup, options);
  const describedBy = [`${id}-hint`, groupError === null ? null : `${id}-error`].filter(Boolean).join(' ');
  return (
    <section className="cli" aria-labelledby="cli-title">
      <h2 id="cli-title">Command-line path (Azure Cloud Shell)</h2>
      <p>
        The same registration with the Azure CLI, filled with your setup, in Azure Cloud Shell (bash), signed in to the directory your
        dbt users sign in with. Paste the whole script; it runs in its own bash, so an error stops the script, not your Cloud Shell.
        You can also paste the commands one at a time, in order. The client secret is written to a file only you can read, never
        printed.
      </p>
      <ul className="cli-notes">
        {plan.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
      {plan.complete ? null : (
        <p className="notice" role="status">
          {plan.missing} The script stops until it is given.
        </p>
      )}
      <div className="field no-print">
        <div className="field-label-row">
          <label htmlFor={id}>Group to assign to the app (Object ID, optional)</label>
        </div>
        <div className="field-input-row">
          <input
            id={id}
            type="text"
            value={group}
            placeholder="00000000-0000-0000-0000-000000000000"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={groupError === null ? undefined : 'true'}
            aria-describedby={describedBy}
            onChange={(e) => setGroup(e.target.value)}
          />
        </div>
        <p className="hint" id={`${id}-hint`}>
          With a group&apos;s Object ID (Groups &gt; the group &gt; Overview), the script assigns that group to the enterprise application;
          only assigned users and groups can sign in. Assigning a group needs Microsoft Entra ID P1 or P2. Without one, assign users or
          groups in the portal: Enterprise applications &gt; the app &gt; Users and groups &gt; + Add user/group.
        </p>
        {groupError === null ? null : (
          <ul className="findings" id={`${id}-error`} aria-live="polite">
            <li className="error">
              <span className="sr-only">Error: </span>
              {groupError}
            </li>
          </ul>
        )}
      </div>
      <p className="no-print">
        <CopyButton text={script} what="the whole script" /> the whole script, or one command at a time:
      </p>
      <ol className="cli-commands">
        {plan.commands.map((c) => (
          <li key={c.id} data-cli-id={c.id}>
            <strong>{c.title}</strong>
            <p className="hint">{c.why}</p>
            <pre>
              <code>
                {c.command.split(/(\s+)/).map((part, i) =>
                  i % 2 === 1 || part === '' ? part : (
                    <span key={i} className="cli-token">
                      {part}
                    </span>
                  ),
                )}
              </code>
            </pre>
            <span className="no-print">
              <CopyButton text={c.command} what={c.title} />
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
