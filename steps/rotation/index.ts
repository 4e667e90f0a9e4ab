import type { Step, StepInput } from '@/utils/guide/step-schema';
import rotateCreateSecret from './rotate-create-secret';
import rotateDbtForm from './rotate-dbt-form';
import rotateTestSignIn from './rotate-test-sign-in';
import rotateDeleteOldSecret from './rotate-delete-old-secret';

/**
 * The second guide: the client secret's rotation, as data run by the same engine. A new secret
 * first (captured as in the setup), dbt switched to it, a sign-in proven, and only then the old
 * secret deleted. Its progress is its own (its ids start with `rotate-`).
 */
const inputs: readonly StepInput[] = [rotateCreateSecret, rotateDbtForm, rotateTestSignIn, rotateDeleteOldSecret];

export const rotationSteps: readonly Step[] = inputs.map((s) => ({ ...s, optional: s.optional ?? false }));
