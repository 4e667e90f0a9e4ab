import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../tests/e2e/harness';
import { sleep, stats, type Stats } from './common';

/**
 * 5. The popup's first paint in a fresh profile with no policy. Each run launches Chromium with a
 * new, empty profile (nothing stored, no storage.managed policy), opens popup.html in a new tab
 * and measures, from the navigation's start (performance.timeOrigin): the first contentful paint
 * (PerformanceObserver 'paint'), and whether the setup's first radio was in the DOM by then. A
 * MutationObserver installed before the page's own scripts notes when the radio and the first
 * content of #root were inserted: the setup is in the first paint when it came with the first
 * content, or before the paint. Otherwise the figure is the first frame after the radio came.
 *
 * Two moments: a second after the browser started ("settled": the admin clicks the toolbar icon
 * of a browser that is up), and at once after the extension's service worker started, while the
 * browser is still starting ("at launch", where two cores are busiest).
 */

export interface PopupSample {
  /** First contentful paint, ms from the navigation's start. */
  fcpMs: number;
  /** When the setup's first radio was inserted, ms; null: never within the wait. */
  radioMs: number | null;
  /** The setup's radio was in the DOM at the first contentful paint. */
  setupInFirstPaint: boolean;
  /** The setup's first paint: the FCP when it held the setup, else the first frame after it came. */
  setupPaintMs: number;
  /** storage.managed held nothing (no policy), read after the measurement. */
  noPolicy: boolean;
  /** A "Loading…" text was shown at any moment. */
  sawLoading: boolean;
}

export interface PopupPhase {
  settleMs: number;
  samples: PopupSample[];
  setupPaintMs: Stats;
  fcpMs: Stats;
  /** Runs whose first contentful paint held the setup. */
  setupInFirstPaint: number;
}

export interface PopupResult {
  runs: number;
  settled: PopupPhase;
  atLaunch: PopupPhase;
}

interface Probe {
  fcp: number | null;
  paintTime: number | null;
  firstContent: number | null;
  radioInFirstContent: boolean;
  radio: number | null;
  frameAfterRadio: number | null;
  sawLoading: boolean;
}

/** Installed before the page's scripts: notes the paint, and when the setup's radio came. */
function installProbe(): void {
  const probe: Probe = { fcp: null, paintTime: null, firstContent: null, radioInFirstContent: false, radio: null, frameAfterRadio: null, sawLoading: false };
  (window as unknown as { __popupProbe: Probe }).__popupProbe = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name !== 'first-contentful-paint') continue;
      probe.fcp = e.startTime;
      // Chromium 133+: the rendering update's time, before presentation.
      const paintTime = (e as PerformanceEntry & { paintTime?: number }).paintTime;
      probe.paintTime = typeof paintTime === 'number' && paintTime > 0 ? paintTime : e.startTime;
    }
  }).observe({ type: 'paint', buffered: true });
  const radio = () => document.querySelector('input[type="radio"][name="profile"]');
  new MutationObserver(() => {
    const now = performance.now();
    const root = document.getElementById('root');
    if (/Loading…/.test(root?.textContent ?? '')) probe.sawLoading = true;
    if (probe.firstContent === null && root?.firstChild) {
      probe.firstContent = now;
      probe.radioInFirstContent = radio() !== null;
    }
    if (probe.radio === null && radio()) {
      probe.radio = now;
      requestAnimationFrame(() => {
        probe.frameAfterRadio = performance.now();
      });
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

async function measureOnce(browser: ExtensionBrowser): Promise<PopupSample> {
  const page: Page = await browser.context.newPage();
  try {
    await page.addInitScript(installProbe);
    // Nothing of Playwright's runs in the page while it loads (its injected scripts would take
    // main-thread time before the paint): the probe is read once the page is done.
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`, { waitUntil: 'commit' });
    const read = () => page.evaluate(() => (window as unknown as { __popupProbe: Probe }).__popupProbe);
    let probe: Probe;
    const until = Date.now() + 15_000;
    for (let wait = 1000; ; wait = 200) {
      await sleep(wait);
      probe = await read();
      if (probe.fcp !== null && probe.radio !== null && probe.frameAfterRadio !== null) break;
      if (Date.now() > until) throw new Error(`The popup did not paint its setup within 15 s: ${JSON.stringify(probe)}`);
    }
    const managed = await page.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { managed: { get(): Promise<object> } } } }).chrome;
      return JSON.stringify((await api.storage.managed.get().catch(() => ({}))) ?? {});
    });
    const fcp = probe.fcp ?? Number.NaN;
    const setupInFirstPaint = probe.radio !== null && (probe.radioInFirstContent || probe.radio <= (probe.paintTime ?? fcp));
    return {
      fcpMs: fcp,
      radioMs: probe.radio,
      setupInFirstPaint,
      setupPaintMs: setupInFirstPaint ? fcp : (probe.frameAfterRadio ?? Number.NaN),
      noPolicy: managed === '{}',
      sawLoading: probe.sawLoading,
    };
  } finally {
    await page.close();
  }
}

async function phase(launch: () => Promise<ExtensionBrowser>, runs: number, settleMs: number, log: (s: string) => void, label: string): Promise<PopupPhase> {
  const samples: PopupSample[] = [];
  for (let i = 0; i < runs; i++) {
    const browser = await launch();
    try {
      if (settleMs) await sleep(settleMs);
      samples.push(await measureOnce(browser));
    } finally {
      await browser.close();
    }
  }
  const setupPaintMs = stats(samples.map((s) => s.setupPaintMs));
  log(`   ${label}: setup painted p50 ${setupPaintMs.median.toFixed(0)} ms, p95 ${setupPaintMs.p95.toFixed(0)} ms (${samples.filter((s) => s.setupInFirstPaint).length}/${runs} in the first paint)`);
  return {
    settleMs,
    samples,
    setupPaintMs,
    fcpMs: stats(samples.map((s) => s.fcpMs)),
    setupInFirstPaint: samples.filter((s) => s.setupInFirstPaint).length,
  };
}

/** `launch` gives a browser with a new, empty profile each time. */
export async function popupFirstPaint(launch: () => Promise<ExtensionBrowser>, runs: number, log: (s: string) => void): Promise<PopupResult> {
  const settled = await phase(launch, runs, 1000, log, 'settled (1 s after start)');
  const atLaunch = await phase(launch, runs, 0, log, 'at launch');
  return { runs, settled, atLaunch };
}
