import { useState } from 'react';

export interface CopyButtonProps {
  /** What is copied. */
  text: string;
  /** Names the value for screen readers: "Copy Redirect URI". */
  what: string;
  /** Called after a successful copy (the secret arms its clipboard clearing here). */
  onCopied?(): void;
  disabled?: boolean;
}

export function CopyButton({ text, what, onCopied, disabled }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
      onCopied?.();
    } catch {
      setState('failed');
    }
  };
  return (
    <button type="button" className="copy" onClick={() => void copy()} disabled={disabled || text === ''} aria-label={`Copy ${what}`}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  );
}
