import { useGuide } from '@/components/store-context';
import { CopyButton } from '@/components/CopyButton';
import { cliPlan, cliScript } from '@/utils/handoff/cli';

/** The same setup as Azure CLI commands, for admins who prefer Azure Cloud Shell. */
export function CliSection() {
  const setup = useGuide((s) => s.setup);
  const plan = cliPlan(setup);
  return (
    <section className="cli" aria-labelledby="cli-title">
      <h2 id="cli-title">Command-line path (Azure Cloud Shell)</h2>
      <p>
        The same registration with the Azure CLI, filled with your setup. Run the commands in order in Azure Cloud Shell (bash), signed in
        to the directory your dbt users sign in with. The client secret is written to a file only you can read, never printed.
      </p>
      {plan.complete ? null : (
        <p className="notice" role="status">
          {plan.missing} The script stops until it is given.
        </p>
      )}
      <p className="no-print">
        <CopyButton text={cliScript(setup)} what="the whole script" /> the whole script, or one command at a time:
      </p>
      <ol className="cli-commands">
        {plan.commands.map((c) => (
          <li key={c.id} data-cli-id={c.id}>
            <strong>{c.title}</strong>
            <p className="hint">{c.why}</p>
            <pre>
              <code>{c.command}</code>
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
