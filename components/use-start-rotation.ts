import { useGuide } from '@/components/store-context';
import { guides } from '@/steps';

/**
 * Starts the rotation guide: its progress from the start (each rotation is a new one), the Secret
 * ID of the secret in use kept as the one to delete at the end, the old Value forgotten (the new
 * one is captured in Entra), and the panel running the rotation.
 */
export function useStartRotation(): () => void {
  const state = useGuide((s) => s);
  return () => {
    const old = state.values.secretId?.value;
    if (old) state.recordValue('oldSecretId', old, 'page');
    state.clearValue('secretId');
    state.clearValue('secretHint');
    state.setSecret(null);
    for (const step of guides.rotation) state.markStep(step.id, false, 'hand');
    state.updatePanel({ running: true, collapsed: false, guide: 'rotation' });
  };
}
