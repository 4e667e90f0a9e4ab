import { useCallback, useEffect, useState } from 'react';
import { useGuide } from '@/components/store-context';
import { recipientItem } from '@/utils/guide/items';
import { readRecipientKey, RecipientKeyError, RecipientSchema, type Recipient } from '@/utils/handoff/export/encrypt';

export interface RecipientState {
  loaded: boolean;
  recipient: Recipient | null;
  /** The key comes from the organisation's policy: it cannot be removed or replaced here. */
  setByOrganisation: boolean;
  save(recipient: Recipient): Promise<void>;
  remove(): Promise<void>;
}

/**
 * The recipient key: the one the organisation preset by policy, once openpgp has read it the same
 * way as a pasted key (an unusable one is ignored with a notice); otherwise the stored one
 * (storage.local), validated when read, kept in step with other contexts.
 */
export function useRecipient(): RecipientState {
  const [stored, setStored] = useState<{ loaded: boolean; recipient: Recipient | null }>({ loaded: false, recipient: null });
  const preset = useGuide((s) => s.managed.recipientPublicKey);
  const ignorePresetRecipient = useGuide((s) => s.ignorePresetRecipient);
  const [fromPolicy, setFromPolicy] = useState<Recipient | null>(null);

  useEffect(() => {
    let live = true;
    const apply = (raw: unknown) => {
      const parsed = RecipientSchema.safeParse(raw);
      if (live) setStored({ loaded: true, recipient: parsed.success ? parsed.data : null });
    };
    recipientItem.getValue().then(apply, () => apply(null));
    const unwatch = recipientItem.watch(apply);
    return () => {
      live = false;
      unwatch();
    };
  }, []);

  useEffect(() => {
    if (preset === null) return;
    let live = true;
    readRecipientKey(preset).then(
      (info) => {
        const recipient = RecipientSchema.safeParse({ armored: preset, fingerprint: info.fingerprint, userIds: info.userIds });
        if (!live) return;
        if (recipient.success) setFromPolicy(recipient.data);
        else ignorePresetRecipient(presetKeyIgnored('it could not be read.'));
      },
      (error: unknown) => {
        if (!live) return;
        ignorePresetRecipient(
          presetKeyIgnored(error instanceof RecipientKeyError ? error.message : 'it could not be read as an OpenPGP public key.'),
        );
      },
    );
    return () => {
      live = false;
    };
  }, [preset, ignorePresetRecipient]);

  const save = useCallback((recipient: Recipient) => recipientItem.setValue(recipient), []);
  const remove = useCallback(() => recipientItem.removeValue(), []);
  if (preset !== null) {
    // Until openpgp has read the preset key, no key at all: never the admin's own in its place.
    const recipient = fromPolicy?.armored === preset ? fromPolicy : null;
    return { loaded: recipient !== null, recipient, setByOrganisation: recipient !== null, save, remove };
  }
  return { ...stored, setByOrganisation: false, save, remove };
}

const presetKeyIgnored = (why: string) =>
  `Your organisation's setting "recipientPublicKey" was ignored, so you choose how the file is locked: ${why}`;
