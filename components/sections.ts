import { useGuide } from '@/components/store-context';
import { steps } from '@/steps';
import type { Step } from '@/utils/guide/step-schema';

type Section = NonNullable<Step['section']>;

/**
 * Marks done the steps done in a section of the extension's pages (the setup confirmed, the
 * values exported): the section knows what it does, not which step that is.
 */
export function useMarkSectionDone(section: Section): () => void {
  const markStep = useGuide((s) => s.markStep);
  return () => {
    for (const step of steps) if (step.section === section) markStep(step.id, true, 'hand');
  };
}
