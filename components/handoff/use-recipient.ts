import { useCallback, useEffect, useState } from 'react';
import { useGuide } from '@/components/store-context';
import { recipientItem } from '@/utils/guide/items';
import { readRecipientKey, RecipientKeyError, RecipientSchema, type RecipientKeyInfo } from '@/utils/handoff/export/encrypt';

/** A recipient key as shown: the armored key, and what openpgp computed from it just now. */
export interface ShownRecipient {
  armored: string;
  info: RecipientKeyInfo;
}

export interface RecipientState {
  loaded: boolean;
  /** The key the file will be encrypted to, read by openpgp from its armored text (never a stored fingerprint). */
  recipient: ShownRecipient | null;
  /** The stored key cannot be used (expired or revoked since, or not a usable key at all): why. */
  refused: string | null;
  /** The key comes from the organisation's policy: it cannot be removed or replaced here. */
  setByOrganisation: boolean;
  /**
   * Stores the armored key, alone: whatever is shown of it is computed again each time. What was
   * just computed from that very text (the key the admin checked) is shown until it is read again.
   */
  save(checked: ShownRecipient): Promise<void>;
  remove(): Promise<void>;
  /**
   * The armored key as it is now where it is kept (the policy, or storage.local), read again for
   * the export: the export checks that it still has the fingerprint shown.
   */
  currentArmored(): Promise<string | null>;
}

type Reading = { armored: string; info: RecipientKeyInfo; refused: null } | { armored: string; info: null; refused: string };

const STORED_NOT_A_KEY =
  'The stored key is not an OpenPGP public key, so it is not used. Remove it, then add the public key that dbt gives you.';

function refusal(error: unknown): string {
  return error instanceof RecipientKeyError ? error.message : 'This key could not be read as an OpenPGP public key.';
}

/** The armored key of a stored value; an old `{ armored, fingerprint, userIds }` gives its `armored` alone. */
function storedArmored(raw: unknown): { armored: string | null; valid: boolean } {
  if (raw === null || raw === undefined) return { armored: null, valid: true };
  const parsed = RecipientSchema.safeParse(raw);
  return parsed.success ? { armored: parsed.data.armored, valid: true } : { armored: null, valid: false };
}

/**
 * Reads `armored` with openpgp whenever it changes; what it gives is used only while `armored`
 * is still the key in place, so that nothing computed from another key is ever shown for it.
 */
function useReading(armored: string | null): Reading | null {
  const [reading, setReading] = useState<Reading | null>(null);
  useEffect(() => {
    if (armored === null) return;
    let live = true;
    readRecipientKey(armored).then(
      (info) => live && setReading({ armored, info, refused: null }),
      (error: unknown) => live && setReading({ armored, info: null, refused: refusal(error) }),
    );
    return () => {
      live = false;
    };
  }, [armored]);
  return reading !== null && armored !== null && reading.armored === armored ? reading : null;
}

/**
 * The recipient key: the one the organisation preset by policy, once openpgp has read it the same
 * way as a pasted key (an unusable one is ignored with a notice); otherwise the stored one
 * (storage.local), kept in step with other contexts. Only the armored key is stored or trusted:
 * the fingerprint, user IDs and dates shown are computed from it here, every time it is shown.
 */
export function useRecipient(): RecipientState {
  const [stored, setStored] = useState<{ loaded: boolean; armored: string | null; valid: boolean }>({
    loaded: false,
    armored: null,
    valid: true,
  });
  const preset = useGuide((s) => s.managed.recipientPublicKey);
  const ignorePresetRecipient = useGuide((s) => s.ignorePresetRecipient);

  useEffect(() => {
    let live = true;
    const apply = (raw: unknown) => {
      if (live) setStored({ loaded: true, ...storedArmored(raw) });
    };
    recipientItem.getValue().then(apply, () => apply(null));
    const unwatch = recipientItem.watch(apply);
    return () => {
      live = false;
      unwatch();
    };
  }, []);

  const fromPolicy = useReading(preset);
  const read = useReading(preset === null ? stored.armored : null);
  // The key the admin just checked and saved: computed from the same armored text, so it is shown
  // (rather than nothing) while that text is read again from storage, and only if it is that text.
  const [checked, setChecked] = useState<ShownRecipient | null>(null);
  const fromStorage: Reading | null =
    read ?? (checked !== null && checked.armored === stored.armored ? { ...checked, refused: null } : null);

  useEffect(() => {
    if (fromPolicy?.refused) ignorePresetRecipient(presetKeyIgnored(fromPolicy.refused));
  }, [fromPolicy, ignorePresetRecipient]);

  const save = useCallback(async (recipient: ShownRecipient) => {
    setChecked(recipient);
    await recipientItem.setValue({ armored: recipient.armored });
  }, []);
  const remove = useCallback(() => recipientItem.removeValue(), []);
  const currentArmored = useCallback(
    async () => (preset !== null ? preset : storedArmored(await recipientItem.getValue()).armored),
    [preset],
  );

  if (preset !== null) {
    // Until openpgp has read the preset key, no key at all: never the admin's own in its place.
    const recipient = fromPolicy?.info ? { armored: fromPolicy.armored, info: fromPolicy.info } : null;
    return { loaded: recipient !== null, recipient, refused: null, setByOrganisation: recipient !== null, save, remove, currentArmored };
  }
  const recipient = fromStorage?.info ? { armored: fromStorage.armored, info: fromStorage.info } : null;
  const refused = !stored.valid ? STORED_NOT_A_KEY : (fromStorage?.refused ?? null);
  const loaded = stored.loaded && (stored.armored === null || fromStorage !== null);
  return { loaded, recipient, refused, setByOrganisation: false, save, remove, currentArmored };
}

const presetKeyIgnored = (why: string) =>
  `Your organisation's setting "recipientPublicKey" was ignored, so you choose how the file is locked: ${why}`;
