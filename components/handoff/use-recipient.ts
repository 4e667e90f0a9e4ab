import { useCallback, useEffect, useState } from 'react';
import { recipientItem } from '@/utils/guide/items';
import { RecipientSchema, type Recipient } from '@/utils/handoff/export/encrypt';

export interface RecipientState {
  loaded: boolean;
  recipient: Recipient | null;
  save(recipient: Recipient): Promise<void>;
  remove(): Promise<void>;
}

/** The stored recipient key (storage.local), validated when read, kept in step with other contexts. */
export function useRecipient(): RecipientState {
  const [state, setState] = useState<{ loaded: boolean; recipient: Recipient | null }>({ loaded: false, recipient: null });
  useEffect(() => {
    let live = true;
    const apply = (raw: unknown) => {
      const parsed = RecipientSchema.safeParse(raw);
      if (live) setState({ loaded: true, recipient: parsed.success ? parsed.data : null });
    };
    recipientItem.getValue().then(apply, () => apply(null));
    const unwatch = recipientItem.watch(apply);
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  const save = useCallback((recipient: Recipient) => recipientItem.setValue(recipient), []);
  const remove = useCallback(() => recipientItem.removeValue(), []);
  return { ...state, save, remove };
}
