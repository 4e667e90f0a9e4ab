import type { Frame, Page } from 'playwright-core';
import type { ExtensionBrowser, PortalBrowser } from '../../tests/e2e/harness';
import {
  PORTAL,
  ROUTES,
  detachAll,
  frameSessions,
  extensionScript,
  liveBlade,
  rotation,
  routeTo,
  scriptSeconds,
  sleep,
  stats,
  traced,
  waitForSpotlight,
  waitForStep,
  waitForView,
  writeStorage,
  TIMELINE,
  type Route,
  type TraceEvent,
  type Stats,
  type StorageSnapshot,
} from './common';

/**
 * 1. Portal overhead: the same scripted portal session without the extension (A), with it and no
 * guide running (B), and with the guide running (C); main-thread script time (ScriptDuration of
 * every frame target, CDP Performance.getMetrics) and wall time of each session.
 */

export type Condition = 'without' | 'idle' | 'guide';
export const CONDITIONS: readonly Condition[] = ['without', 'idle', 'guide'];

export interface SessionWork {
  rerenders: number;
  mutations: { adds: number; attributes: number; removals: number; batch: number };
  scroll: { frames: number; px: number };
}

export const SESSION_WORK: SessionWork = {
  rerenders: 200,
  mutations: { adds: 2000, attributes: 2000, removals: 1000, batch: 100 },
  scroll: { frames: 60, px: 10 },
};

export interface SessionResult {
  scriptMs: number;
  wallMs: number;
}

export interface OverheadContext {
  plain: PortalBrowser;
  ext: ExtensionBrowser;
  running: StorageSnapshot;
  stoppedState: StorageSnapshot;
  appId: string;
}

export interface OverheadSetup extends Omit<OverheadContext, 'plain' | 'ext'> {
  /** A fresh pair of browsers (without, with the extension); the caller's to close. */
  launch(): Promise<{ plain: PortalBrowser; ext: ExtensionBrowser }>;
}

/** The walk: every page of the guide; the work inside the blade happens on the registration form. */
function walk(appId: string): Route[] {
  return [ROUTES.createApp, ROUTES.overview(appId), ROUTES.authentication(appId), ROUTES.apiPermissions(appId), ROUTES.credentials(appId), ROUTES.tenantOverview, ROUTES.appList];
}

/** 200 re-renders of the blade, each its own task (the replica replaces every node each time). */
export function rerender(frame: Frame, count: number): Promise<void> {
  return frame.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        for (let i = 0; i < n; i++) window.postMessage({ type: 'replica:rerender' }, '*');
        // Messages are delivered in order: this one comes after the last re-render.
        const done = (event: MessageEvent) => {
          if ((event.data as { type?: string } | null)?.type !== 'bench:rerendered') return;
          window.removeEventListener('message', done);
          resolve();
        };
        window.addEventListener('message', done);
        window.postMessage({ type: 'bench:rerendered' }, '*');
      }),
    count,
  );
}

/**
 * A burst of DOM mutations in the blade's scrolled content, in batches of separate tasks: rows
 * added, their class changed, some removed (adds + attributes + removals mutation records).
 */
export function burst(frame: Frame, m: SessionWork['mutations']): Promise<number> {
  return frame.evaluate(async ({ adds, attributes, removals, batch }) => {
    const nextTask = () =>
      new Promise<void>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(0);
      });
    const content = document.querySelector('.ext-blade-content') ?? document.body;
    const box = document.createElement('div');
    box.className = 'bench-burst';
    content.append(box);
    const rows: HTMLElement[] = [];
    let records = 0;
    for (let i = 0; i < adds; i++) {
      const row = document.createElement('div');
      row.className = 'bench-row';
      row.textContent = `Row ${i}: a line the portal rendered`;
      box.append(row);
      rows.push(row);
      records++;
      if (records % batch === 0) await nextTask();
    }
    for (let i = 0; i < attributes; i++) {
      const row = rows[i % rows.length] as HTMLElement;
      row.className = row.className === 'bench-row' ? 'bench-row is-selected' : 'bench-row';
      records++;
      if (records % batch === 0) await nextTask();
    }
    for (let i = 0; i < removals; i++) {
      rows[i]?.remove();
      records++;
      if (records % batch === 0) await nextTask();
    }
    return records;
  }, m);
}

/** Scrolls the blade's inner container, one step per animation frame, then back to the top. */
export function scrollInner(frame: Frame, s: SessionWork['scroll']): Promise<void> {
  return frame.evaluate(async ({ frames, px }) => {
    const scroller = document.querySelector('.ext-blade-scroll') as HTMLElement | null;
    if (!scroller) throw new Error('No inner scroll container');
    const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
    for (let i = 0; i < frames; i++) {
      await frame();
      scroller.scrollTop += px;
    }
    await frame();
    scroller.scrollTop = 0;
    await frame();
    await frame();
  }, s);
}

/** Opens App registrations in a fresh tab and waits until everything (guide included) is steady. */
async function openPortal(browser: PortalBrowser, guide: boolean) {
  const page = await browser.newPage();
  await page.goto(PORTAL + ROUTES.appList.hash);
  const live = await liveBlade(page);
  await waitForView(live, ROUTES.appList.view);
  if (guide) {
    await waitForStep(page, 'open-app-registrations');
    await waitForSpotlight(live);
  }
  await sleep(500);
  return { page, live };
}

export async function runSession(ctx: OverheadContext, condition: Condition, work: SessionWork = SESSION_WORK): Promise<SessionResult> {
  const browser = condition === 'without' ? ctx.plain : ctx.ext;
  if (condition !== 'without') await writeStorage(ctx.ext, condition === 'guide' ? ctx.running : ctx.stoppedState);
  const { page, live } = await openPortal(browser, condition === 'guide');
  const sessions = await frameSessions(browser.context, page);
  try {
    // Thread time: what the main threads spent, not how long other processes kept them waiting.
    await Promise.all(sessions.map((s) => s.session.send('Performance.enable', { timeDomain: 'threadTicks' } as never)));
    const before = await scriptSeconds(sessions);
    const t0 = performance.now();
    await scriptedSession(page, live, ctx.appId, work);
    const wallMs = performance.now() - t0;
    const after = await scriptSeconds(sessions);
    return { scriptMs: (after - before) * 1000, wallMs };
  } finally {
    await detachAll(sessions);
    await page.close();
  }
}

async function scriptedSession(page: Page, live: Frame, appId: string, work: SessionWork): Promise<void> {
  const [first, ...rest] = walk(appId);
  await routeTo(page, live, first as Route);
  await rerender(live, work.rerenders);
  await burst(live, work.mutations);
  await scrollInner(live, work.scroll);
  for (const route of rest) await routeTo(page, live, route);
}

/**
 * 95% interval of the ratio of medians, resampling whole rounds (a round's sessions ran in the
 * same browsers at the same moment) with a fixed seed, so that the same figures give the same
 * interval.
 */
function bootstrap(sessions: Record<Condition, SessionResult[]>, c: Condition, key: keyof SessionResult, iterations = 2000): [number, number] {
  const n = Math.min(sessions[c].length, sessions.without.length);
  if (n < 2) return [Number.NaN, Number.NaN];
  let seed = 0x2545f491;
  const random = () => {
    // xorshift32
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const ratios: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const picks = Array.from({ length: n }, () => Math.floor(random() * n));
    const median = (xs: number[]) => stats(xs).median;
    ratios.push(median(picks.map((k) => (sessions[c][k] as SessionResult)[key])) / median(picks.map((k) => (sessions.without[k] as SessionResult)[key])));
  }
  const sorted = ratios.sort((a, b) => a - b);
  return [sorted[Math.floor(0.025 * iterations)] as number, sorted[Math.floor(0.975 * iterations) - 1] as number];
}

export interface Ratios {
  /** Ratio of the medians, with / without. */
  script: number;
  wall: number;
  /** Median of the per-round ratios. */
  pairedScript: number;
  pairedWall: number;
  /** 95% bootstrap intervals of the ratio of medians. */
  scriptCI: [number, number];
  wallCI: [number, number];
}

export interface OverheadResult {
  rounds: number;
  sessions: Record<Condition, SessionResult[]>;
  script: Record<Condition, Stats>;
  wall: Record<Condition, Stats>;
  ratios: { idle: Ratios; guide: Ratios };
  /** One traced session per extension condition: the extension's own share, measured directly. */
  attribution: Partial<Record<'idle' | 'guide', Attribution>>;
}

export interface Attribution {
  /** Extension script time (FunctionCall thread time, minus the layout and style it forced), ms. */
  scriptMs: number;
  /** Layout and style recalculation forced inside the extension's calls, ms. */
  forcedLayoutMs: number;
  /** Extension script by file (content-scripts/agent.js, panel.js), ms. */
  byScript: Record<string, number>;
  calls: number;
  /** Extension script by phase of the session, ms. */
  byPhase: Record<string, number>;
}

/**
 * Rounds of one session per condition, in rotating order, each round in a fresh pair of browsers
 * (so that neither browser instance's luck decides), after one uncounted warm-up session in each.
 */
export async function overhead(setup: OverheadSetup, rounds: number, log: (s: string) => void): Promise<OverheadResult> {
  const sessions: Record<Condition, SessionResult[]> = { without: [], idle: [], guide: [] };
  const attribution: Partial<Record<'idle' | 'guide', Attribution>> = {};
  for (let r = 0; r < rounds; r++) {
    const { plain, ext } = await setup.launch();
    const ctx: OverheadContext = { ...setup, plain, ext };
    try {
      await runSession(ctx, 'without');
      await runSession(ctx, 'guide');
      for (const c of rotation(CONDITIONS, r)) sessions[c].push(await runSession(ctx, c));
      log(`  round ${r + 1}/${rounds}: ${CONDITIONS.map((c) => `${c} ${sessions[c].at(-1)?.scriptMs.toFixed(0)} ms script, ${sessions[c].at(-1)?.wallMs.toFixed(0)} ms wall`).join('; ')}`);
      if (r === rounds - 1) {
        // One more session per extension condition under a trace: the extension's own share.
        for (const c of ['idle', 'guide'] as const) {
          try {
            attribution[c] = await attribute(ctx, c);
          } catch (error) {
            log(`  (attribution trace failed: ${(error as Error).message})`);
          }
        }
      }
    } finally {
      await plain.close();
      await ext.close();
    }
  }
  const script = Object.fromEntries(CONDITIONS.map((c) => [c, stats(sessions[c].map((s) => s.scriptMs))])) as Record<Condition, Stats>;
  const wall = Object.fromEntries(CONDITIONS.map((c) => [c, stats(sessions[c].map((s) => s.wallMs))])) as Record<Condition, Stats>;
  // Paired: the ratio within each round (same browsers, same moment of a noisy machine), then the median.
  const paired = (c: Condition, key: keyof SessionResult) =>
    stats(sessions[c].map((s, i) => s[key] / (sessions.without[i]?.[key] ?? Number.NaN))).median;
  const ratio = (c: Condition) => ({
    script: script[c].median / script.without.median,
    wall: wall[c].median / wall.without.median,
    pairedScript: paired(c, 'scriptMs'),
    pairedWall: paired(c, 'wallMs'),
    scriptCI: bootstrap(sessions, c, 'scriptMs'),
    wallCI: bootstrap(sessions, c, 'wallMs'),
  });
  return { rounds, sessions, script, wall, ratios: { idle: ratio('idle'), guide: ratio('guide') }, attribution };
}

/**
 * One more session under a trace: the extension's own script time, read from its FunctionCall
 * events (chrome-extension://<id>/ scripts), by file and by phase of the session.
 */
async function attribute(ctx: OverheadContext, condition: 'idle' | 'guide'): Promise<Attribution> {
  await writeStorage(ctx.ext, condition === 'guide' ? ctx.running : ctx.stoppedState);
  const { page, live } = await openPortal(ctx.ext, condition === 'guide');
  const session = await ctx.ext.context.newCDPSession(page);
  const mark = (name: string) => page.evaluate((n) => void performance.mark(`bench:${n}`), name);
  try {
    const { events } = await traced(session, TIMELINE, async () => {
      const [first, ...rest] = walk(ctx.appId);
      await mark('routes');
      await routeTo(page, live, first as Route);
      await mark('rerenders');
      await rerender(live, SESSION_WORK.rerenders);
      await mark('mutations');
      await burst(live, SESSION_WORK.mutations);
      await mark('scroll');
      await scrollInner(live, SESSION_WORK.scroll);
      await mark('routes ');
      for (const route of rest) await routeTo(page, live, route);
      await sleep(200);
      await mark('end');
    });
    const calls = extensionScript(events, ctx.ext.extensionId);
    const byScript: Record<string, number> = {};
    for (const c of calls) byScript[c.script] = (byScript[c.script] ?? 0) + c.scriptMs;
    const marks = events.filter((e) => e.cat === 'blink.user_timing' && e.name.startsWith('bench:')).sort((a, b) => a.ts - b.ts);
    const byPhase: Record<string, number> = {};
    for (let i = 0; i < marks.length - 1; i++) {
      const from = marks[i] as TraceEvent;
      const to = marks[i + 1] as TraceEvent;
      const phase = from.name.replace('bench:', '').trim();
      byPhase[phase] = (byPhase[phase] ?? 0) + calls.filter((c) => c.ts >= from.ts && c.ts < to.ts).reduce((s, c) => s + c.scriptMs, 0);
    }
    return {
      scriptMs: calls.reduce((s, c) => s + c.scriptMs, 0),
      forcedLayoutMs: calls.reduce((s, c) => s + c.layoutMs, 0),
      byScript,
      calls: calls.length,
      byPhase,
    };
  } finally {
    await session.detach().catch(() => undefined);
    await page.close();
  }
}
