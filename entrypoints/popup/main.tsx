import { createRoot } from 'react-dom/client';
import { GuideStoreProvider } from '@/components/store-context';
import { createGuideStore } from '@/utils/guide/store';
import { persistGuideStore } from '@/utils/guide/persist';
import { PopupApp } from '@/components/PopupApp';
import '@/components/extension-page.css';

const store = createGuideStore();
void persistGuideStore(store, { withSecret: true, signal: new AbortController().signal });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <GuideStoreProvider store={store}>
      <PopupApp />
    </GuideStoreProvider>,
  );
}
