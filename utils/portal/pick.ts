import type { GuideJob, TargetState } from '@/utils/messaging/protocol';

/**
 * The control to spotlight, the targets being in the order of the flow:
 * 1. the first value to set that the page shows (form order);
 * 2. else, when a value to set is not on the page yet (a panel not open, a collapsed list), the
 *    last command shown before it: the one that leads there;
 * 3. else the last command shown (Register, Add, Configure: the admin clicks those).
 */
export function pickTarget(job: GuideJob, states: readonly TargetState[]): number | null {
  const isValue = (s: TargetState) => job.targets[s.index]?.action !== 'highlight';
  const shown = (s: TargetState) => s.found && s.visible;
  const todo = states.find((s) => isValue(s) && shown(s) && !s.satisfied);
  if (todo) return todo.index;
  const commands = states.filter((s) => !isValue(s) && shown(s));
  const pending = states.find((s) => isValue(s) && !s.found && !s.satisfied);
  const lead = pending ? commands.filter((s) => s.index < pending.index).at(-1) : undefined;
  return (lead ?? commands.at(-1))?.index ?? null;
}
