import { useId } from 'react';
import { useGuide } from '@/components/store-context';
import { SettingsSchema } from '@/utils/guide/store';

const CHOICES = [10, 20, 30, 60, 120, 300, 600];

const label = (seconds: number) => (seconds < 120 ? `${seconds} seconds` : `${seconds / 60} minutes`);

/** How long a copied secret stays on the clipboard. */
export function ClipboardDelay() {
  const id = useId();
  const seconds = useGuide((s) => s.settings.clipboardClearSeconds);
  const updateSettings = useGuide((s) => s.updateSettings);
  const choices = CHOICES.includes(seconds) ? CHOICES : [...CHOICES, seconds].sort((a, b) => a - b);
  return (
    <div className="field">
      <label htmlFor={id}>Clear a copied secret from the clipboard after</label>
      <select
        id={id}
        value={seconds}
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
