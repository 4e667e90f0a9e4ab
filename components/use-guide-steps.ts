import { useMemo } from 'react';
import { useGuide } from '@/components/store-context';
import { steps } from '@/steps';
import { stepsFor } from '@/utils/guide/progress';
import type { Step } from '@/utils/guide/step-schema';

/** The setup guide's steps that the chosen profile takes (dbt's form is self-service only). */
export function useGuideSteps(): readonly Step[] {
  const profile = useGuide((s) => s.setup.profile);
  return useMemo(() => stepsFor(steps, { profile }), [profile]);
}
