import { useGuide } from '@/components/store-context';
import { guides } from '@/steps';
import type { Step } from '@/utils/guide/step-schema';

type Section = NonNullable<Step['section']>;

/**
 * Marks done the steps done in a section of the extension's pages (the setup confirmed, the
 * values exported): the section knows what it does, not which step that is.
 */
export function useMarkSectionDone(section: Section): () => void {
  const markStep = useGuide((s) => s.markStep);
  const guide = useGuide((s) => s.panel.guide);
  return () => {
    // The running guide's step (the setup's sign-in test, or the rotation's); a section only the
    // setup has (choosing the setup, the export) is the setup's whichever runs.
    const own = guides[guide].filter((s) => s.section === section);
    for (const step of own.length ? own : guides['sso-setup'].filter((s) => s.section === section)) markStep(step.id, true, 'hand');
  };
}
