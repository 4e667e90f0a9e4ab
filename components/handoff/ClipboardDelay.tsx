import { useId } from 'react';
import { useGuide } from '@/components/store-context';
import { SetByOrganisation } from '@/components/SetByOrganisation';
import { SettingsSchema } from '@/utils/guide/state-schemas';

const CHOICES = [10, 20, 30, 60, 120, 300, 600];

const label = (seconds: number) => (seconds < 120 ? `${seconds} seconds` : `${seconds / 60} minutes`);

/** How long a copied secret stays on the clipboard; the organisation may preset it by policy. */
export function ClipboardDelay() {
  const id = useId();
  const seconds = useGuide((s) => s.settings.clipboardClearSeconds);
  const locked = useGuide((s) => s.managed.settings.clipboardClearSeconds !== undefined);
  const updateSettings = useGuide((s) => s.updateSettings);
  const choices = CHOICES.includes(seconds) ? CHOICES : [...CHOICES, seconds].sort((a, b) => a - b);
  return (
    <div className="field">
      <div className="field-label-row">
        <label htmlFor={id}>Clear a copied secret from the clipboard after</label>
        {locked ? <SetByOrganisation id={`${id}-managed`} /> : null}
      </div>
      <select
        id={id}
        value={seconds}
        disabled={locked}
        aria-describedby={locked ? `${id}-managed` : undefined}
        onChange={(e) => {
          const parsed = SettingsSchema.shape.clipboardClearSeconds.safeParse(Number(e.target.value));
          if (parsed.success) updateSettings({ clipboardClearSeconds: parsed.data });
        }}
      >
        {choices.map((s) => (
          <option key={s} value={s}>
            {label(s)}
          </option>
        ))}
      </select>
    </div>
  );
}
