import { createRoot, type Root } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { GuideStoreProvider } from '@/components/store-context';
import { GuidePanel } from '@/components/panel/GuidePanel';
import { createGuideStore } from '@/utils/guide/store';
import { persistGuideStore } from '@/utils/guide/persist';
import { createPanelController } from '@/utils/guide/panel-controller';
import { isOwnSender, parseMessage, type Message } from '@/utils/messaging/protocol';
import { PORTAL_TOP_MATCHES } from '@/utils/portal/hosts';
import { guides } from '@/steps';
import { visibleBladeOrigin } from '@/utils/portal/blade-frame';
import './panel.css';

// The guide panel: the portal's top frame only, never its iframes.
export default defineContentScript({
  matches: PORTAL_TOP_MATCHES,
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  async main(ctx) {
    // Aborted when the extension goes away (updated, reloaded, removed): everything stops then.
    const { signal } = ctx;

    const guide = createGuideStore();
    await persistGuideStore(guide, { withSecret: false, signal });
    const controller = createPanelController({
      guide,
      send: (message: Message) => browser.runtime.sendMessage(message),
      url: () => location.href,
      signal,
      guides,
      bladeOrigin: () => visibleBladeOrigin(document),
    });

    const onMessage = (raw: unknown, sender: { id?: string }) => {
      if (!isOwnSender(sender, browser.runtime.id)) return;
      const message = parseMessage(raw);
      if (message) controller.receive(message);
    };
    browser.runtime.onMessage.addListener(onMessage);
    signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
    // The portal routes by hash, sometimes through history.pushState, which fires no event of
    // its own: the Navigation API reports every same-document navigation where the browser has
    // it, hashchange and popstate cover the rest, and each frame report re-reads the URL too.
    ctx.addEventListener(window, 'hashchange', controller.locationChanged);
    ctx.addEventListener(window, 'popstate', controller.locationChanged);
    const navigation = (window as { navigation?: EventTarget }).navigation;
    navigation?.addEventListener('currententrychange', controller.locationChanged, { signal });

    const copy = async (text: string) => {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        return false;
      }
    };

    let ui: ShadowRootContentScriptUi<Root> | null = null;
    const syncHost = () => {
      if (!ui) return;
      const v = controller.view.getState();
      ui.shadowHost.setAttribute('data-step', v.step?.id ?? 'done');
      ui.shadowHost.setAttribute('data-target-state', v.targetState === 'idle' ? 'found' : v.targetState);
      // How many frame reports were ignored as not from the visible blade (a debug view).
      ui.shadowHost.setAttribute('data-ignored-reports', String(v.ignored));
    };
    const show = async (running: boolean) => {
      if (running && !ui) {
        ui = await createShadowRootUi(ctx, {
          name: 'sso-guide-panel',
          position: 'inline',
          anchor: 'body',
          append: 'last',
          // Typing in the panel must not trigger the portal's keyboard shortcuts.
          isolateEvents: true,
          onMount(container) {
            const root = createRoot(container);
            root.render(
              <GuideStoreProvider store={guide}>
                <GuidePanel controller={controller} copy={copy} openChecklist={() => void browser.runtime.sendMessage({ type: 'open/checklist' })} />
              </GuideStoreProvider>,
            );
            return root;
          },
          onRemove: (root) => root?.unmount(),
        });
        ui.mount();
        syncHost();
      } else if (!running && ui) {
        ui.remove();
        ui = null;
      }
    };
    const unsubscribeView = controller.view.subscribe(syncHost);
    const unsubscribeGuide = guide.subscribe((s, prev) => {
      if (s.panel.running !== prev.panel.running) void show(s.panel.running);
    });
    signal.addEventListener(
      'abort',
      () => {
        unsubscribeView();
        unsubscribeGuide();
        ui?.remove();
      },
      { once: true },
    );
    await show(guide.getState().panel.running);
  },
});
