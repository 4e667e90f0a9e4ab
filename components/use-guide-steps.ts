import { useMemo } from 'react';
import { useGuide } from '@/components/store-context';
import { guides } from '@/steps';
import { stepsFor } from '@/utils/guide/progress';
import type { Step } from '@/utils/guide/step-schema';

/** The running guide's steps (setup or rotation) that the chosen profile takes (dbt's form: self-service). */
export function useGuideSteps(): readonly Step[] {
  const profile = useGuide((s) => s.setup.profile);
  const guide = useGuide((s) => s.panel.guide);
  return useMemo(() => stepsFor(guides[guide], { profile }), [profile, guide]);
}
