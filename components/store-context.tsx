import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { GuideState, GuideStore } from '@/utils/guide/store';

const StoreContext = createContext<GuideStore | null>(null);

export function GuideStoreProvider({ store, children }: { store: GuideStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useGuide<T>(selector: (state: GuideState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useGuide needs a GuideStoreProvider');
  return useStore(store, selector);
}
