/**
 * Marks a control whose value the organisation preset by policy (utils/managed/policy.ts). The
 * control is read-only or disabled and names this text with aria-describedby, so that a screen
 * reader says why it cannot be changed.
 */
export function SetByOrganisation({ id }: { id: string }) {
  return (
    <span className="set-by-organisation" id={id} data-testid="set-by-organisation">
      Set by your organisation
    </span>
  );
}
