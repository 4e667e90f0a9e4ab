import type { Step } from '@/utils/guide/step-schema';
import type { GuideState } from '@/utils/guide/store';
import type { PublicValueKey } from '@/utils/domain/values';

/**
 * The client secret lives in memory and storage.session only: a browser restart or the idle
 * timeout forgets it, while the progress (storage.local) still says it was captured. The portal
 * never shows a Value again, so the only way on is a new secret. These say when that happened and
 * reopen the steps that capture one.
 */

/** What the old secret leaves behind that would mislead about a new one. */
const OF_THE_OLD_SECRET: readonly PublicValueKey[] = ['secretHint', 'secretId', 'secretExpiry'];

const capturesSecret = (step: Step) => step.records.includes('clientSecret');

/** Steps that capture the secret, marked done, while no secret is held: its Value is gone. */
export function lostSecretSteps(steps: readonly Step[], progress: GuideState['progress'], held: boolean): Step[] {
  return held ? [] : steps.filter((s) => capturesSecret(s) && progress[s.id]?.done === true);
}

/**
 * Reopens the steps that capture the secret and forgets the old secret's hint, Secret ID and
 * expiry: a new secret is then taken for what it is (its hint no longer "another secret's").
 */
export function reopenSecretSteps(state: Pick<GuideState, 'markStep' | 'clearValue'>, steps: readonly Step[]): void {
  for (const step of steps) if (capturesSecret(step)) state.markStep(step.id, false, 'page');
  for (const key of OF_THE_OLD_SECRET) state.clearValue(key);
}

/** In the admin's words: what happened, and what to do. */
export function secretLostText(idleMinutes: number): string {
  return `The client secret's Value captured earlier is no longer in this browser: the browser was closed, or it was forgotten after ${idleMinutes} minutes without use, as it is never kept on disk. The portal never shows a Value again. Create a new client secret (Certificates & secrets > + New client secret); the guide captures its Value. You can delete the unused one in the same list.`;
}
