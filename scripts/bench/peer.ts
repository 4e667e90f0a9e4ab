import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Frame } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import type { PortalBrowser } from '../../tests/e2e/harness';
import { PORTAL, ROUTES, TIMELINE, liveBlade, sleep, stats, traced, waitForView, type Stats, type TraceEvent } from './common';

/**
 * 4. A peer, side by side: the same highlight job done by driver.js (the npm package's IIFE build)
 * and by this extension's spotlight module (utils/portal/spotlight.ts, bundled on its own and
 * minified as in the build), both loaded into the page's world of the same replica blade frame,
 * in a browser without the extension. Each library is loaded with a small adapter for the job in
 * one script named by //# sourceURL, so that a trace attributes to it every callback it runs
 * (FunctionCall events: animation frames, listeners, observers, timers); the job's direct calls
 * into it are timed between performance.mark()s, which the trace timestamps to the microsecond.
 *
 * The job: spotlight the Name field of "Register an application", follow it while the blade's
 * inner container scrolls, then move to the next control, and so on through the form.
 */

export type Library = 'ours' | 'driver.js';
export const LIBRARIES: readonly Library[] = ['ours', 'driver.js'];

export interface HighlightSample {
  /** Call → the highlight covers the element (synchronously, or in the library's later callback), ms. */
  ms: number;
  /** The library's script time from the call until it covered the element, ms. */
  scriptMs: number;
  /** All of the library's script caused by the call, over the 3 frames after it, ms. */
  settleScriptMs: number;
}

export interface PeerRun {
  library: Library;
  highlights: HighlightSample[];
  /** The library's script per scroll step (one step per frame), ms. */
  frameMs: number[];
  misaligned: number;
}

export interface PeerResult {
  runs: number;
  driverVersion: string;
  byLibrary: Record<Library, { highlightMs: Stats; highlightScriptMs: Stats; settleScriptMs: Stats; frameMs: Stats; misaligned: number; steps: number }>;
  ratios: { highlightMs: number; highlightScriptMs: number; frameMsP50: number; frameMsP95: number };
}

interface Assets {
  ours: string;
  driver: string;
  driverCss: string;
  driverVersion: string;
}

async function assets(): Promise<Assets> {
  const require = createRequire(import.meta.url);
  // The package exports only its modules: its folder is the one above dist/.
  const driverDir = dirname(dirname(require.resolve('driver.js')));
  const [driver, driverCss, pkg] = await Promise.all([
    readFile(join(driverDir, 'dist/driver.js.iife.js'), 'utf8'),
    readFile(join(driverDir, 'dist/driver.css'), 'utf8'),
    readFile(join(driverDir, 'package.json'), 'utf8'),
  ]);
  const result = await build({
    configFile: false,
    envDir: false,
    logLevel: 'warn',
    publicDir: false,
    resolve: { alias: { '@': resolve('.') } },
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      reportCompressedSize: false,
      copyPublicDir: false,
      lib: { entry: resolve('scripts/bench/spotlight-entry.ts'), formats: ['iife'], name: 'benchSpotlight', fileName: () => 'spotlight.js' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((f) => f.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('The spotlight bundle is empty');
  return { ours: chunk.code, driver, driverCss, driverVersion: (JSON.parse(pkg) as { version: string }).version };
}

/** Where each library's code says it comes from (//# sourceURL): its calls carry it in the trace. */
const SOURCE: Record<Library, string> = {
  ours: 'https://bench.invalid/ours-spotlight.js',
  'driver.js': 'https://bench.invalid/driver.js.iife.js',
};

/**
 * The job's adapter, loaded with each library in the same script so that everything the job
 * makes the library do is attributed to it: window.__job = { highlight(el), covers(el) }.
 */
const ADAPTER: Record<Library, string> = {
  ours: `;(() => {
  const spotlight = benchSpotlight.createSpotlight(document, { signal: new AbortController().signal });
  window.__job = {
    highlight: (el) => spotlight.show(el),
    covers: (el) => {
      const ring = document.querySelector('sso-guide-spotlight')?.shadowRoot?.querySelector('[data-sso-guide="spotlight"]');
      if (!ring || !ring.isConnected) return false;
      const r = ring.getBoundingClientRect();
      const t = el.getBoundingClientRect();
      return r.width > 0 && Math.abs(r.left + 4 - t.left) < 0.6 && Math.abs(r.top + 4 - t.top) < 0.6 && Math.abs(r.width - 8 - t.width) < 0.6;
    },
  };
})();`,
  // driver.js's fastest settings (no animation, no smooth scrolling) and the same padding as ours.
  // driver.js follows the window's scroll only: following an inner container takes the listener.
  'driver.js': `;(() => {
  const d = window.driver.js.driver({ animate: false, smoothScroll: false, allowClose: false, stagePadding: 4, stageRadius: 6, overlayOpacity: 0.5 });
  document.querySelector('.ext-blade-scroll').addEventListener('scroll', () => d.refresh(), { passive: true });
  window.__job = {
    highlight: (el) => d.highlight({ element: el }),
    covers: (el) => {
      const svg = document.querySelector('.driver-overlay');
      const pos = d.getState('__activeStagePosition');
      if (!svg || !svg.isConnected || !pos || d.getState('__activeElement') !== el) return false;
      const t = el.getBoundingClientRect();
      return Math.abs(pos.x - t.left) < 0.6 && Math.abs(pos.y - t.top) < 0.6 && Math.abs(pos.width - t.width) < 0.6;
    },
  };
})();`,
};

async function load(frame: Frame, library: Library, a: Assets): Promise<void> {
  if (library === 'driver.js') await frame.addStyleTag({ content: a.driverCss });
  const code = library === 'ours' ? a.ours : a.driver;
  await frame.addScriptTag({ content: `${code}\n${ADAPTER[library]}\n//# sourceURL=${SOURCE[library]}` });
}

interface JobMarks {
  /** Per highlight: covered right after the call returned; covered after the next frame. */
  coveredSync: boolean[];
  coveredNextFrame: boolean[];
  misaligned: number;
}

/**
 * The job in the page, marking each moment in the trace (performance.mark: microsecond
 * timestamps there, where performance.now() is coarsened to 0.1 ms).
 */
function job(frame: Frame, followSteps: number, px: number): Promise<JobMarks> {
  return frame.evaluate(
    ({ steps, step }) =>
      new Promise<JobMarks>((resolve) => {
        const J = (window as unknown as { __job: { highlight(el: Element): void; covers(el: Element): boolean } }).__job;
        const scroller = document.querySelector('.ext-blade-scroll') as HTMLElement;
        const byLabel = (text: string) =>
          Array.from(document.querySelectorAll('input')).find((i) => Array.from(i.labels ?? []).some((l) => (l.textContent ?? '').trim().startsWith(text))) ?? null;
        const radio = byLabel('Accounts in this organizational directory only');
        const targets = [
          byLabel('Name'),
          radio?.labels?.[0] ?? radio,
          document.querySelector('[aria-label="Select a platform"]'),
          document.querySelector('input[aria-label="Redirect URI"]'),
          Array.from(document.querySelectorAll('button')).find((b) => (b.textContent ?? '').trim() === 'Register') ?? null,
        ].filter((el): el is Element => el !== null && el.getBoundingClientRect().width > 0);
        // A task after the frame's rendering steps, when every callback of the frame has run.
        const afterFrame = () =>
          new Promise<void>((r) =>
            requestAnimationFrame(() => {
              const channel = new MessageChannel();
              channel.port1.onmessage = () => r();
              channel.port2.postMessage(0);
            }),
          );
        const out: JobMarks = { coveredSync: [], coveredNextFrame: [], misaligned: 0 };
        void (async () => {
          await afterFrame();
          for (const [k, el] of targets.entries()) {
            performance.mark(`bench:hl:${k}:start`);
            J.highlight(el);
            performance.mark(`bench:hl:${k}:end`);
            out.coveredSync.push(J.covers(el));
            await afterFrame();
            performance.mark(`bench:hl:${k}:frame`);
            out.coveredNextFrame.push(J.covers(el));
            await afterFrame();
            await afterFrame();
            performance.mark(`bench:hl:${k}:settled`);
            if (k === targets.length - 1) break;
            // Follow it while the inner container scrolls, one step per frame.
            for (let i = 0; i < steps; i++) {
              performance.mark(`bench:step:${k}:${i}`);
              scroller.scrollTop += step;
              await afterFrame();
              if (!J.covers(el)) out.misaligned++;
            }
            performance.mark(`bench:follow:${k}:end`);
            scroller.scrollTop = 0;
            await afterFrame();
            await afterFrame();
          }
          resolve(out);
        })();
      }),
    { steps: followSteps, step: px },
  );
}

/** Reads the run's figures from the trace: the library's FunctionCall events between the marks. */
function analyse(library: Library, marks: JobMarks, events: TraceEvent[]): PeerRun {
  const calls = events.filter((e) => e.name === 'FunctionCall' && e.ph === 'X' && e.args?.data?.url === SOURCE[library]).sort((a, b) => a.ts - b.ts);
  const at = new Map(events.filter((e) => e.name.startsWith('bench:')).map((e) => [e.name, e.ts]));
  const ts = (name: string) => {
    const t = at.get(name);
    if (t === undefined) throw new Error(`No mark ${name} in the trace`);
    return t;
  };
  const thread = (from: number, to: number) => calls.filter((c) => c.ts >= from && c.ts < to).reduce((s, c) => s + (c.tdur ?? c.dur ?? 0), 0) / 1000;
  const highlights: HighlightSample[] = marks.coveredSync.map((sync, k) => {
    const start = ts(`bench:hl:${k}:start`);
    const end = ts(`bench:hl:${k}:end`);
    const frame = ts(`bench:hl:${k}:frame`);
    const settled = ts(`bench:hl:${k}:settled`);
    const syncMs = (end - start) / 1000;
    let doneAt = Number.NaN;
    if (sync) doneAt = end;
    else if (marks.coveredNextFrame[k]) {
      // Drawn by the library's own callbacks before the next frame was over: the last of them.
      const deferred = calls.filter((c) => c.ts >= end && c.ts < frame);
      const last = deferred.at(-1);
      doneAt = last ? last.ts + (last.dur ?? 0) : frame;
    }
    return {
      ms: (doneAt - start) / 1000,
      scriptMs: syncMs + (Number.isNaN(doneAt) ? Number.NaN : thread(end, doneAt + 1)),
      settleScriptMs: syncMs + thread(end, settled),
    };
  });
  const frameMs: number[] = [];
  for (const [name, t] of at) {
    const m = /^bench:step:(\d+):(\d+)$/.exec(name);
    if (!m) continue;
    const next = at.get(`bench:step:${m[1]}:${Number(m[2]) + 1}`) ?? ts(`bench:follow:${m[1]}:end`);
    frameMs.push(thread(t, next));
  }
  return { library, highlights, frameMs, misaligned: marks.misaligned };
}

async function runOnce(browser: PortalBrowser, library: Library, a: Assets, followSteps: number): Promise<PeerRun> {
  const page = await browser.newPage();
  const session = await browser.context.newCDPSession(page);
  try {
    await page.goto(PORTAL + ROUTES.createApp.hash);
    const live = await liveBlade(page);
    await waitForView(live, ROUTES.createApp.view);
    // Room to scroll the form in its inner container.
    await live.evaluate(() => {
      const spacer = document.createElement('div');
      spacer.style.height = '3000px';
      document.querySelector('.ext-blade-content')?.append(spacer);
    });
    await load(live, library, a);
    await sleep(200);
    const { result, events } = await traced(session, TIMELINE, () => job(live, followSteps, 3));
    return analyse(library, result, events);
  } finally {
    await session.detach().catch(() => undefined);
    await page.close();
  }
}

export async function peer(browser: PortalBrowser, runs: number, followSteps: number, log: (s: string) => void): Promise<PeerResult> {
  const a = await assets();
  const all: PeerRun[] = [];
  // Warm-up, not counted.
  for (const l of LIBRARIES) await runOnce(browser, l, a, 5);
  for (let r = 0; r < runs; r++) {
    // ABAB, the first of each pair alternating.
    for (const l of r % 2 ? [...LIBRARIES].reverse() : LIBRARIES) all.push(await runOnce(browser, l, a, followSteps));
  }
  log(`  ${runs} runs per library`);
  const byLibrary = Object.fromEntries(
    LIBRARIES.map((l) => {
      const mine = all.filter((r) => r.library === l);
      const hs = mine.flatMap((r) => r.highlights);
      return [
        l,
        {
          highlightMs: stats(hs.map((h) => h.ms)),
          highlightScriptMs: stats(hs.map((h) => h.scriptMs)),
          settleScriptMs: stats(hs.map((h) => h.settleScriptMs)),
          frameMs: stats(mine.flatMap((r) => r.frameMs)),
          misaligned: mine.reduce((s, r) => s + r.misaligned, 0),
          steps: mine.reduce((s, r) => s + r.frameMs.length, 0),
        },
      ];
    }),
  ) as PeerResult['byLibrary'];
  const o = byLibrary.ours;
  const d = byLibrary['driver.js'];
  return {
    runs,
    driverVersion: a.driverVersion,
    byLibrary,
    ratios: {
      highlightMs: o.highlightMs.median / d.highlightMs.median,
      highlightScriptMs: o.settleScriptMs.median / d.settleScriptMs.median,
      frameMsP50: o.frameMs.median / d.frameMs.median,
      frameMsP95: o.frameMs.p95 / d.frameMs.p95,
    },
  };
}
