import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { GuideStoreProvider, useGuide } from '@/components/store-context';
import { createGuideStore } from '@/utils/guide/store';
import { persistGuideStore } from '@/utils/guide/persist';

/**
 * Mounts an extension page (popup, checklist) on the shared store: these pages hold the secret,
 * so the store is bound to storage.session as well as storage.local.
 */
export function mountExtensionPage(app: ReactNode): void {
  const store = createGuideStore();
  void persistGuideStore(store, { withSecret: true, signal: new AbortController().signal });
  const root = document.getElementById('root');
  if (root)
    createRoot(root).render(
      <GuideStoreProvider store={store}>
        <UntilLoaded>{app}</UntilLoaded>
      </GuideStoreProvider>,
    );
}

/**
 * The page is drawn at once, but its controls wait for the stored state (a few milliseconds; longer
 * in a fresh Firefox profile): a choice or a value entered before it arrived would be replaced by
 * it and lost.
 */
export function UntilLoaded({ children }: { children: ReactNode }) {
  const loaded = useGuide((s) => s.loaded);
  return (
    <fieldset className="until-loaded" disabled={!loaded} aria-busy={!loaded}>
      {children}
    </fieldset>
  );
}
