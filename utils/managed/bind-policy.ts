import { browser } from 'wxt/browser';
import type { GuideStore } from '@/utils/guide/store';
import { parsePolicy, presetsOf } from '@/utils/managed/policy';

/**
 * What storage.managed holds, or `{}`: never throws. Chrome and Edge give `{}` when no policy is
 * set; Firefox rejects when no policies.json "3rdparty" entry or managed storage manifest exists
 * (MDN, "storage.managed"); some contexts may lack the area. Each of these means: no policy.
 */
export async function readManagedStorage(): Promise<unknown> {
  try {
    const area = browser.storage?.managed;
    return area ? ((await area.get()) ?? {}) : {};
  } catch {
    return {};
  }
}

/**
 * Reads the organisation's policy into the store, then again whenever it changes: Chrome and Edge
 * fire storage.onChanged for the "managed" area when a policy changes (developer.chrome.com,
 * "Manifest for managed storage"); Firefox reads policies at startup only.
 * Resolves once the first reading is applied. Nothing needs to wait for it: the pages show the
 * defaults and stored values at once (the first read can take seconds in a fresh profile), and a
 * preset overrides its value and locks its control when it arrives (applyPolicy).
 */
export async function bindManagedPolicy(store: GuideStore, signal: AbortSignal): Promise<void> {
  let started = 0;
  let applied = 0;
  const read = async () => {
    const mine = ++started;
    const raw = await readManagedStorage();
    // Two readings in flight: the later one wins, whichever comes back first.
    if (signal.aborted || mine < applied) return;
    applied = mine;
    const { policy, notices } = parsePolicy(raw);
    store.getState().applyPolicy({ ...presetsOf(policy), notices });
  };
  const onChanged = (_changes: unknown, area: string) => {
    if (area === 'managed') void read();
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged), { once: true });
  await read();
}
