import { browser } from 'wxt/browser';
import { useGuide } from '@/components/store-context';
import { checks } from '@/utils/guide/checks';
import { useMarkSectionDone } from '@/components/sections';

/** Starts or stops the guide on the portal; starting needs a complete setup. */
export function GuideControls() {
  const state = useGuide((s) => s);
  const ready = checks.setupComplete({ page: null, state, secretCaptured: false });
  const running = state.panel.running;
  const setupDone = useMarkSectionDone('choose-setup');
  const rotating = state.panel.guide === 'rotation';
  const start = () => {
    setupDone();
    state.updatePanel({ running: true, collapsed: false, guide: 'sso-setup' });
  };
  return (
    <section className="guide-controls" aria-label="Guide on the portal">
      <p>
        <a href={browser.runtime.getURL('/checklist.html')} target="_blank" rel="noreferrer">
          Open the checklist
        </a>{' '}
        (the whole procedure without the portal overlay; printable)
      </p>
      {running ? (
        <p>
          {rotating
            ? 'The rotation of the client secret is running: on the portal, then in dbt.'
            : 'The guide is running on the Azure portal and the Microsoft Entra admin center.'}{' '}
          <button type="button" onClick={() => state.updatePanel({ running: false })}>
            Stop the guide
          </button>
        </p>
      ) : (
        <>
          <button type="button" className="primary" disabled={!ready} onClick={start}>
            Start the guide on the portal
          </button>
          {ready ? (
            <p className="hint">Then open portal.azure.com or entra.microsoft.com: the guide appears on the page.</p>
          ) : (
            <p className="hint">Complete the setup first: it gives the redirect URI to register.</p>
          )}
        </>
      )}
    </section>
  );
}
