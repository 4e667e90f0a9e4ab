import type { Frame, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../tests/e2e/harness';
import {
  PORTAL,
  ROUTES,
  TIMELINE,
  extensionScript,
  frames,
  liveBlade,
  routeTo,
  sleep,
  stats,
  traced,
  waitForSpotlight,
  waitForStep,
  waitForView,
  writeStorage,
  type Route,
  type Stats,
  type StorageSnapshot,
} from './common';

/**
 * 3. Latency of the extension itself (production build, guide running), observed from the page's
 * own world: the panel's data-step attribute in the top document, and the spotlight ring
 * ([data-sso-guide="spotlight"] in the open shadow root of sso-guide-spotlight) in the blade frame.
 */

export interface RouteSample {
  from: string;
  to: string;
  step: string;
  /** Route change (location.hash set) → data-step changed, ms. */
  ms: number;
  /** Route change → the next animation frame after it, when the new step is drawn, ms. */
  frameMs: number;
}

export interface InsertSample {
  /** Target inserted → ring drawn around it (host attached, ring box covers the target), ms. */
  ms: number;
  /** 0: the ring is drawn in the first frame that shows the target. */
  framesLate: number;
}

export interface ScrollSample {
  /** The extension's script in this scroll step (thread time minus forced layout), ms. */
  scriptMs: number;
  /** The same with the layout it forced, ms. */
  withLayoutMs: number;
}

export interface LatencyResult {
  route: { samples: RouteSample[]; ms: Stats; frameMs: Stats };
  insert: { samples: InsertSample[]; ms: Stats; sameFrame: number };
  scroll: { samples: ScrollSample[]; scriptMs: Stats; withLayoutMs: Stats; misaligned: number; steps: number };
}

/**
 * Sets the hash in the top document and resolves with the time until sso-guide-panel's data-step
 * changes (a MutationObserver in the page's world), and until the next animation frame.
 */
function routeChange(page: Page, hash: string): Promise<{ ms: number; frameMs: number; step: string }> {
  return page.evaluate(
    (h) =>
      new Promise<{ ms: number; frameMs: number; step: string }>((resolve, reject) => {
        const host = document.querySelector('sso-guide-panel');
        if (!host) return reject(new Error('No guide panel'));
        const before = host.getAttribute('data-step');
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`data-step stayed ${before}`));
        }, 10_000);
        const observer = new MutationObserver(() => {
          const step = host.getAttribute('data-step') ?? '';
          if (step === before) return;
          const changed = performance.now();
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve({ ms: changed - t0, frameMs: performance.now() - t0, step }));
        });
        observer.observe(host, { attributes: true, attributeFilter: ['data-step'] });
        const t0 = performance.now();
        location.hash = h;
      }),
    hash,
  );
}

/**
 * In the blade frame: takes "+ New registration" out of the command bar, waits until the ring is
 * gone, waits a random part of a frame, puts it back, and times until the ring covers it again.
 */
function reinsertTarget(frame: Frame): Promise<InsertSample> {
  return frame.evaluate(
    () =>
      new Promise<InsertSample>((resolve, reject) => {
        const ringOf = () => document.querySelector('sso-guide-spotlight')?.shadowRoot?.querySelector('[data-sso-guide="spotlight"]') ?? null;
        const target = Array.from(document.querySelectorAll('[role="menuitem"]')).find((el) => /new registration/i.test(el.textContent ?? ''));
        if (!target?.parentNode) return reject(new Error('No "New registration" command'));
        const parent = target.parentNode;
        const next = target.nextSibling;
        const fail = setTimeout(() => reject(new Error('The spotlight did not come back')), 5000);
        const covers = () => {
          const ring = ringOf();
          if (!ring || !ring.isConnected) return false;
          const r = ring.getBoundingClientRect();
          const t = target.getBoundingClientRect();
          return r.width > 0 && r.left <= t.left + 0.5 && r.top <= t.top + 0.5 && r.right >= t.right - 0.5 && r.bottom >= t.bottom - 0.5;
        };
        const whenGone = (then: () => void) => {
          if (!document.querySelector('sso-guide-spotlight')) return then();
          const gone = new MutationObserver(() => {
            if (document.querySelector('sso-guide-spotlight')) return;
            gone.disconnect();
            then();
          });
          gone.observe(document.documentElement, { childList: true });
        };
        target.remove();
        whenGone(() => {
          // Two quiet frames, then a random moment within a frame: insertions come at any time.
          requestAnimationFrame(() =>
            requestAnimationFrame(() =>
              setTimeout(() => {
                let framesSeen = 0;
                let done = false;
                const count = () => {
                  if (done) return;
                  framesSeen++;
                  requestAnimationFrame(count);
                };
                const watch = new MutationObserver(() => {
                  const t1 = performance.now();
                  if (!covers()) return;
                  done = true;
                  watch.disconnect();
                  clearTimeout(fail);
                  // The frame count is that of the page's own callback, which runs first in each frame.
                  resolve({ ms: t1 - t0, framesLate: Math.max(0, framesSeen - 1) });
                });
                watch.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
                const t0 = performance.now();
                parent.insertBefore(target, next);
                requestAnimationFrame(count);
              }, Math.random() * 16),
            ),
          );
        });
      }),
  );
}

/**
 * Scrolls the blade's inner container one step per frame, marking each step in the trace, and
 * checks after each frame that the ring still covers the target.
 */
function scrollSteps(frame: Frame, steps: number, px: number): Promise<number> {
  return frame.evaluate(
    ({ n, step }) =>
      new Promise<number>((resolve) => {
        const scroller = document.querySelector('.ext-blade-scroll') as HTMLElement;
        const ringOf = () => document.querySelector('sso-guide-spotlight')?.shadowRoot?.querySelector('[data-sso-guide="spotlight"]') ?? null;
        const target = Array.from(document.querySelectorAll('input')).find((i) => Array.from(i.labels ?? []).some((l) => (l.textContent ?? '').trim().startsWith('Name')));
        let misaligned = 0;
        let i = 0;
        const afterFrame = () => {
          // Runs after the frame's rendering steps: the extension had its chance to realign.
          if (i > 0) {
            const ring = ringOf();
            const r = ring?.getBoundingClientRect();
            const t = target?.getBoundingClientRect();
            if (!r || !t || Math.abs(r.top + 4 - t.top) > 1 || Math.abs(r.left + 4 - t.left) > 1) misaligned++;
          }
          if (i === n) return resolve(misaligned);
          performance.mark(`bench:scroll:${i}`);
          scroller.scrollTop += step;
          i++;
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = afterFrame;
            channel.port2.postMessage(0);
          });
        };
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = afterFrame;
          channel.port2.postMessage(0);
        });
      }),
    { n: steps, step: px },
  );
}

export interface LatencyOptions {
  routeCycles: number;
  inserts: number;
  scrollSteps: number;
}

export async function latency(browser: ExtensionBrowser, running: StorageSnapshot, appId: string, o: LatencyOptions, log: (s: string) => void): Promise<LatencyResult> {
  await writeStorage(browser, running);
  const page = await browser.newPage();
  try {
    await page.goto(PORTAL + ROUTES.appList.hash);
    const live = await liveBlade(page);
    await waitForView(live, ROUTES.appList.view);
    await waitForStep(page, 'open-app-registrations');

    // (a) route change → new step: App registrations → Register (open-app-registrations →
    // register-app), Register → the app's overview (register-app → record-app-ids).
    const routeSamples: RouteSample[] = [];
    const timed = async (from: Route, to: Route) => {
      const r = await routeChange(page, to.hash);
      routeSamples.push({ from: from.view, to: to.view, step: r.step, ms: r.ms, frameMs: r.frameMs });
      await waitForView(live, to.view);
      await sleep(150);
    };
    const overview = ROUTES.overview(appId);
    for (let i = 0; i < o.routeCycles; i++) {
      await writeStorage(browser, running);
      await waitForStep(page, 'open-app-registrations');
      await sleep(200);
      await timed(ROUTES.appList, ROUTES.createApp);
      await timed(ROUTES.createApp, overview);
      await routeTo(page, live, ROUTES.appList);
    }
    log(`  route → step: ${routeSamples.length} samples`);

    // (b) target inserted → spotlight drawn: "+ New registration" on App registrations.
    await writeStorage(browser, running);
    await waitForStep(page, 'open-app-registrations');
    await waitForSpotlight(live);
    const inserts: InsertSample[] = [];
    for (let i = 0; i < o.inserts; i++) {
      inserts.push(await reinsertTarget(live));
      await frames(live, 2);
    }
    log(`  insert → spotlight: ${inserts.length} samples`);

    // (c) scroll of the inner container → ring realigned: the Name field on Register.
    await routeTo(page, live, ROUTES.createApp);
    await waitForStep(page, 'register-app');
    await waitForSpotlight(live);
    await live.evaluate(() => {
      const spacer = document.createElement('div');
      spacer.style.height = '3000px';
      document.querySelector('.ext-blade-content')?.append(spacer);
    });
    await sleep(500);
    const session = await browser.context.newCDPSession(page);
    let misaligned = 0;
    let scroll: ScrollSample[] = [];
    try {
      const { result, events } = await traced(session, TIMELINE, () => scrollSteps(live, o.scrollSteps, 4));
      misaligned = result;
      const calls = extensionScript(events, browser.extensionId);
      const marks = events.filter((e) => e.name.startsWith('bench:scroll:')).sort((a, b) => a.ts - b.ts);
      scroll = marks.map((m, k) => {
        const end = marks[k + 1]?.ts ?? Number.MAX_SAFE_INTEGER;
        const inStep = calls.filter((c) => c.ts >= m.ts && c.ts < end);
        return { scriptMs: inStep.reduce((s, c) => s + c.scriptMs, 0), withLayoutMs: inStep.reduce((s, c) => s + c.scriptMs + c.layoutMs, 0) };
      });
      // The last step's window runs to the end of the trace; it is complete once the check ran.
    } finally {
      await session.detach().catch(() => undefined);
    }
    log(`  scroll → realigned: ${scroll.length} steps`);

    return {
      route: { samples: routeSamples, ms: stats(routeSamples.map((s) => s.ms)), frameMs: stats(routeSamples.map((s) => s.frameMs)) },
      insert: { samples: inserts, ms: stats(inserts.map((s) => s.ms)), sameFrame: inserts.filter((s) => s.framesLate === 0).length / Math.max(1, inserts.length) },
      scroll: {
        samples: scroll,
        scriptMs: stats(scroll.map((s) => s.scriptMs)),
        withLayoutMs: stats(scroll.map((s) => s.withLayoutMs)),
        misaligned,
        steps: o.scrollSteps,
      },
    };
  } finally {
    await page.close();
  }
}
