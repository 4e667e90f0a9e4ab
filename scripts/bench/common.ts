import { resolve } from 'node:path';
import type { BrowserContext, CDPSession, Frame, Page } from 'playwright-core';
import { frameByHost, type ExtensionBrowser, type PortalBrowser } from '../../tests/e2e/harness';
import { HASHES } from '../../tests/fixtures/replica/app/routes';
import { LIVE_BLADE_HOST } from '../../tests/fixtures/replica/protocol';

/**
 * What the benchmark's parts share: where the build goes, the portal routes it walks, statistics,
 * the extension's storage, DevTools-protocol metrics and traces.
 */

/** The benchmark's own build, beside .output so that concurrent builds never clobber it. */
export const BENCH_OUT_DIR = '.output-bench';
export const EXTENSION_PATH = resolve(BENCH_OUT_DIR, 'chrome-mv3');

export const PORTAL = 'https://portal.azure.com/';

/** A portal route and the React View the live blade frame shows for it. */
export interface Route {
  name: string;
  hash: string;
  view: string;
}

export const ROUTES = {
  appList: { name: 'App registrations', hash: HASHES.appList, view: 'appList' },
  createApp: { name: 'Register an application', hash: HASHES.createApp, view: 'createApp' },
  overview: (appId: string): Route => ({ name: 'App overview', hash: HASHES.app('Overview', appId), view: 'appOverview' }),
  authentication: (appId: string): Route => ({ name: 'Authentication', hash: HASHES.app('Authentication', appId), view: 'authentication' }),
  apiPermissions: (appId: string): Route => ({ name: 'API permissions', hash: HASHES.app('CallAnAPI', appId), view: 'apiPermissions' }),
  credentials: (appId: string): Route => ({ name: 'Certificates & secrets', hash: HASHES.app('Credentials', appId), view: 'credentials' }),
  tenantOverview: { name: 'Tenant overview', hash: HASHES.tenantOverviewInMenu, view: 'tenantOverview' },
} satisfies Record<string, Route | ((appId: string) => Route)>;

// ---- statistics ---------------------------------------------------------------------------------

export interface Stats {
  n: number;
  median: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    n,
    median: n % 2 ? percentile(sorted, 50) : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2,
    p95: percentile(sorted, 95),
    mean: n ? sorted.reduce((a, b) => a + b, 0) / n : Number.NaN,
    min: sorted[0] ?? Number.NaN,
    max: sorted[n - 1] ?? Number.NaN,
  };
}

export const round = (x: number, digits = 3) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

/** Rounded copy of a Stats, for the JSON report. */
export const roundStats = (s: Stats, digits = 3): Stats => ({
  n: s.n,
  median: round(s.median, digits),
  p95: round(s.p95, digits),
  mean: round(s.mean, digits),
  min: round(s.min, digits),
  max: round(s.max, digits),
});

/** Latin-square orders of the conditions: each takes each position equally often. */
export function rotation<T>(items: readonly T[], roundIndex: number): T[] {
  const k = roundIndex % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

// ---- the extension's state ------------------------------------------------------------------------

export type StorageSnapshot = Record<string, unknown>;

/** Reads or replaces everything in the extension's storage.local (progress, setup, values, panel). */
export async function readStorage(browser: ExtensionBrowser): Promise<StorageSnapshot> {
  return inExtension(browser, async () => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome;
    return api.storage.local.get(null);
  }, undefined);
}

/**
 * Puts the extension's storage.local back to a snapshot while pages may be listening: the recorded
 * values first (one key each, `values.<key>`), then the rest (progress, panel), so that an open
 * panel never re-marks steps from values that are about to go. Keys the snapshot lacks are removed.
 */
export async function writeStorage(browser: ExtensionBrowser, data: StorageSnapshot): Promise<void> {
  type Local = { get(k: null): Promise<Record<string, unknown>>; set(v: unknown): Promise<void>; remove(k: string[]): Promise<void> };
  const isValue = (k: string) => k.startsWith('values.');
  const values = Object.fromEntries(Object.entries(data).filter(([k]) => isValue(k)));
  const rest = Object.fromEntries(Object.entries(data).filter(([k]) => !isValue(k)));
  await inExtension(
    browser,
    async (d: { values: Record<string, unknown>; rest: Record<string, unknown> }) => {
      const local = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome.storage.local;
      const extra = Object.keys(await local.get(null)).filter((k) => !(k in d.values) && !(k in d.rest));
      if (extra.length) await local.remove(extra);
      await local.set(d.values);
    },
    { values, rest },
  );
  await sleep(150);
  await inExtension(
    browser,
    async (r: Record<string, unknown>) => {
      const local = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome.storage.local;
      await local.set(r);
    },
    rest,
  );
}

/** Runs in the service worker, or in an extension page when the worker has gone idle. */
async function inExtension<A, R>(browser: ExtensionBrowser, run: (arg: A) => Promise<R>, arg: A): Promise<R> {
  // Plain data only (JSON), which Playwright passes through unchanged.
  const fn = run as (arg: unknown) => Promise<R>;
  const worker = browser.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${browser.extensionId}/`));
  if (worker) {
    try {
      return await worker.evaluate(fn, arg);
    } catch {
      // A stopped worker: fall back to a page.
    }
  }
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    return await page.evaluate(fn, arg);
  } finally {
    await page.close();
  }
}

/** Sets up a profile in the popup and starts the guide (as tests/e2e/guide-helpers startGuide). */
export async function startGuide(browser: ExtensionBrowser): Promise<void> {
  const popup = await browser.openPopup();
  await popup.getByLabel('dbt region').selectOption('us');
  await popup.getByRole('button', { name: 'Start the guide on the portal' }).click();
  await popup.getByRole('button', { name: 'Stop the guide' }).waitFor();
  await popup.close();
}

/** The same state with the guide stopped (panel.running false). */
export function stopped(snapshot: StorageSnapshot): StorageSnapshot {
  const panel = (snapshot.panel ?? {}) as Record<string, unknown>;
  return { ...snapshot, panel: { ...panel, running: false } };
}

// ---- pages and frames -----------------------------------------------------------------------------

export const liveBlade = (page: Page): Promise<Frame> => frameByHost(page, LIVE_BLADE_HOST);

/**
 * Resolves once the frame's blade shows `view` and no render is still to come (the replica's
 * data-replica-settled), watching with one MutationObserver in the page's own world.
 */
export function waitForView(frame: Frame, view: string, timeoutMs = 15_000): Promise<void> {
  return frame.evaluate(
    ([v, timeout]) =>
      new Promise<void>((resolve, reject) => {
        const selector = `.ext-blade[data-view="${v}"][data-replica-settled="true"]`;
        if (document.querySelector(selector)) return resolve();
        const observer = new MutationObserver(() => {
          if (!document.querySelector(selector)) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve();
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`The blade did not settle on ${v}`));
        }, timeout);
        observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-replica-settled', 'data-view'] });
      }),
    [view, timeoutMs] as const,
  );
}

/** Changes the route as a link does (a hashchange), then waits for the blade to settle. */
export async function routeTo(page: Page, live: Frame, route: Route): Promise<void> {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, route.hash);
  await waitForView(live, route.view);
}

/** Resolves after `n` animation frames of the frame. */
export function frames(frame: Frame, n: number): Promise<void> {
  return frame.evaluate(
    (count) =>
      new Promise<void>((resolve) => {
        let left = count;
        const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    n,
  );
}

/** The panel shows this step (data-step on sso-guide-panel). */
export async function waitForStep(page: Page, step: string, timeout = 15_000): Promise<void> {
  await page.locator(`sso-guide-panel[data-step="${step}"]`).waitFor({ state: 'attached', timeout });
}

export async function waitForSpotlight(frame: Frame, timeout = 15_000): Promise<void> {
  await frame.locator('[data-sso-guide="spotlight"]').waitFor({ state: 'attached', timeout });
}

// ---- DevTools protocol ----------------------------------------------------------------------------

export interface FrameSession {
  frame: Frame;
  session: CDPSession;
}

/**
 * One CDP session per frame target: the page's for the top frame, and one per out-of-process
 * iframe (every blade frame is cross-site, so each is its own target).
 */
export async function frameSessions(context: BrowserContext, page: Page): Promise<FrameSession[]> {
  const out: FrameSession[] = [{ frame: page.mainFrame(), session: await context.newCDPSession(page) }];
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    try {
      out.push({ frame, session: await context.newCDPSession(frame) });
    } catch {
      // Same process as its parent: its metrics are in the parent's.
    }
  }
  return out;
}

export async function detachAll(sessions: FrameSession[]): Promise<void> {
  await Promise.all(sessions.map((s) => s.session.detach().catch(() => undefined)));
}

export async function metrics(session: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await session.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** Sum of ScriptDuration (seconds) over the frame targets: ScriptDuration is per frame target. */
export async function scriptSeconds(sessions: FrameSession[]): Promise<number> {
  const all = await Promise.all(sessions.map((s) => metrics(s.session)));
  return all.reduce((sum, m) => sum + (m.ScriptDuration ?? 0), 0);
}

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown> & { url?: string; frame?: string; stackTrace?: { url?: string }[] } };
}

export const TIMELINE = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];

/**
 * Records a browser-wide trace (every renderer process, out-of-process iframes included) around
 * `body`, through the page's session.
 */
export async function traced<T>(session: CDPSession, categories: string[], body: () => Promise<T>): Promise<{ result: T; events: TraceEvent[] }> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => {
    events.push(...(e.value as TraceEvent[]));
  };
  session.on('Tracing.dataCollected', onData);
  await session.send('Tracing.start', { traceConfig: { includedCategories: categories }, transferMode: 'ReportEvents' } as never);
  let result: T;
  try {
    result = await body();
  } finally {
    const complete = new Promise<void>((resolve) => session.once('Tracing.tracingComplete', () => resolve()));
    await session.send('Tracing.end');
    await complete;
    session.off('Tracing.dataCollected', onData);
  }
  return { result, events };
}

/** The extension's own script: FunctionCall events whose script is chrome-extension://<id>/. */
export const isExtensionCall = (e: TraceEvent, extensionId: string) =>
  e.name === 'FunctionCall' && e.ph === 'X' && typeof e.args?.data?.url === 'string' && e.args.data.url.startsWith(`chrome-extension://${extensionId}/`);

/** Which script of the extension a trace event ran (agent.js, panel.js). */
export const scriptOf = (e: TraceEvent) => (e.args?.data?.url ?? '').replace(/^chrome-extension:\/\/[^/]+\//, '');

export interface ExtensionCall {
  ts: number;
  /** Thread time of the call minus the layout and style recalculation it forced, ms. */
  scriptMs: number;
  /** Layout and style recalculation forced inside the call (getBoundingClientRect & co.), ms. */
  layoutMs: number;
  /** Wall time of the whole call, ms. */
  wallMs: number;
  script: string;
  frame: string;
}

const FORCED = new Set(['Layout', 'UpdateLayoutTree']);

/**
 * The extension's calls in a trace, each with its script time apart from the layout it forced:
 * CDP's ScriptDuration counts script only, so the direct figures are comparable with it.
 */
export function extensionScript(events: TraceEvent[], extensionId: string): ExtensionCall[] {
  const calls = events.filter((e) => isExtensionCall(e, extensionId)).sort((a, b) => a.ts - b.ts);
  const forced = events.filter((e) => FORCED.has(e.name) && e.ph === 'X');
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of forced) {
    const key = `${e.pid}:${e.tid}`;
    const list = byThread.get(key) ?? [];
    list.push(e);
    byThread.set(key, list);
  }
  return calls.map((c) => {
    const end = c.ts + (c.dur ?? 0);
    const inner = (byThread.get(`${c.pid}:${c.tid}`) ?? []).filter((e) => e.ts >= c.ts && e.ts + (e.dur ?? 0) <= end);
    const layoutUs = inner.reduce((s, e) => s + (e.tdur ?? e.dur ?? 0), 0);
    const threadUs = c.tdur ?? c.dur ?? 0;
    return {
      ts: c.ts,
      scriptMs: Math.max(0, threadUs - layoutUs) / 1000,
      layoutMs: layoutUs / 1000,
      wallMs: (c.dur ?? 0) / 1000,
      script: scriptOf(c),
      frame: String(c.args?.data?.frame ?? ''),
    };
  });
}

export async function chromiumVersion(browser: PortalBrowser): Promise<string> {
  const page = await browser.newPage();
  try {
    const session = await browser.context.newCDPSession(page);
    const v = (await session.send('Browser.getVersion')) as { product: string; revision: string };
    return v.product;
  } finally {
    await page.close();
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
