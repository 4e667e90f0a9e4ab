import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { GuideStoreProvider } from '@/components/store-context';
import { UntilLoaded } from '@/components/mount-extension-page';
import { PopupApp } from '@/components/PopupApp';
import { createGuideStore } from '@/utils/guide/store';
import { persistGuideStore } from '@/utils/guide/persist';

describe('extension pages before the stored state is read', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  test('the popup is drawn, its controls disabled; once read, they work, and a choice made then is kept', async () => {
    await fakeBrowser.storage.local.set({ setup: { v: 2, profile: 'self-service', region: 'emea' } });
    const store = createGuideStore();
    render(
      <GuideStoreProvider store={store}>
        <UntilLoaded>
          <PopupApp />
        </UntilLoaded>
      </GuideStoreProvider>,
    );
    const start = screen.getByRole('button', { name: 'Start the guide on the portal' });
    const region = screen.getByRole('combobox', { name: 'dbt region' });
    // Inside a disabled fieldset, which the browser applies to every control in it (the test DOM
    // does not: the browser tests see the effect).
    const gate = () => start.closest('fieldset');
    expect(gate()?.disabled).toBe(true);
    expect(region.closest('fieldset')).toBe(gate());
    expect(gate()?.getAttribute('aria-busy')).toBe('true');

    await act(() => persistGuideStore(store, { withSecret: true, signal: new AbortController().signal }));
    await waitFor(() => expect(gate()?.disabled).toBe(false));
    expect(gate()?.getAttribute('aria-busy')).toBe('false');
    expect((region as HTMLSelectElement).value).toBe('emea');
    const user = userEvent.setup();
    await user.selectOptions(region, 'us');
    expect(store.getState().setup.region).toBe('us');
  });
});
