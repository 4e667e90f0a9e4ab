import { createRoot } from 'react-dom/client';
import { GuideStoreProvider } from '@/components/store-context';
import { ChecklistApp } from '@/components/checklist/ChecklistApp';
import { createGuideStore } from '@/utils/guide/store';
import { persistGuideStore } from '@/utils/guide/persist';
import '@/components/extension-page.css';
import '@/components/checklist/checklist.css';

const store = createGuideStore();
void persistGuideStore(store, { withSecret: true, signal: new AbortController().signal });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <GuideStoreProvider store={store}>
      <ChecklistApp />
    </GuideStoreProvider>,
  );
}
