import type { CDPSession, Frame } from 'playwright-core';
import type { ExtensionBrowser } from '../../tests/e2e/harness';
import { BLADE_PATH, IDLE_BLADE_HOST, LIVE_BLADE_HOST, STALE_BLADE_HOST } from '../../tests/fixtures/replica/protocol';
import {
  PORTAL,
  ROUTES,
  TIMELINE,
  detachAll,
  frameSessions,
  isExtensionCall,
  liveBlade,
  routeTo,
  scriptOf,
  sleep,
  traced,
  waitForSpotlight,
  waitForStep,
  waitForView,
  writeStorage,
  type StorageSnapshot,
  type TraceEvent,
} from './common';

/**
 * 2. Idle frames cost nothing. In a portal page with the live blade frame and several idle
 * pre-warmed reactblade frames, per frame: the extension's content-script world (CDP
 * Runtime.executionContextCreated, isolated world of chrome-extension://<id>), the live
 * MutationObserver and ResizeObserver objects it holds (HeapProfiler.collectGarbage, then
 * Runtime.queryObjects on that world's MutationObserver.prototype), and from a trace over an idle
 * window: the extension's callbacks (FunctionCall events of its scripts), the timers and
 * animation frames it asked for (TimerInstall / RequestAnimationFrame with its script on the
 * stack), and the repeating timers it left running.
 */

/** Extra idle frames the benchmark adds to the shell's pool, beside the shell's own two. */
const EXTRA_IDLE = [
  { host: STALE_BLADE_HOST, style: 'width:0;height:0;border:0;position:absolute' },
  { host: IDLE_BLADE_HOST, style: 'display:none' },
  { host: IDLE_BLADE_HOST, style: 'width:0;height:0;border:0;position:absolute' },
];

export interface FrameIdle {
  frame: string;
  role: string;
  /** The extension's content-script world exists in this frame. */
  contentScript: boolean;
  mutationObservers: number;
  resizeObservers: number;
  /** In the idle window: the extension's calls, their time, timers and animation frames requested. */
  idleCalls: number;
  idleMs: number;
  idleTimers: number;
  idleAnimationFrames: number;
  /** What ran in the idle window: script file and (minified) function name, with counts. */
  idleWhat: string;
  /** Repeating timers (setInterval) of the extension still running at the end (whole trace). */
  liveIntervals: number;
}

export interface IdleState {
  guide: boolean;
  idleWindowMs: number;
  frames: FrameIdle[];
}

export interface IdleResult {
  noGuide: IdleState;
  guide: IdleState;
  met: { noGuide: boolean; guide: boolean };
}

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

function roleOf(frame: Frame, extra: Set<Frame>): string {
  if (frame === frame.page().mainFrame()) return 'top document (shell)';
  if (extra.has(frame)) return 'idle blade (added by the bench)';
  const host = hostOf(frame.url());
  if (host === LIVE_BLADE_HOST) return 'live blade (shown)';
  if (host === STALE_BLADE_HOST) return 'pre-warmed blade, 0×0, previous blade kept';
  if (host === IDLE_BLADE_HOST) return 'pre-warmed blade, display:none';
  return `other frame (${host})`;
}

async function frameIdOf(session: CDPSession): Promise<string> {
  const { frameTree } = (await session.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  return frameTree.frame.id;
}

/** The extension's isolated world in the session's root frame, or null. */
async function extensionWorld(session: CDPSession, frameId: string, extensionId: string): Promise<number | null> {
  let world: number | null = null;
  const onContext = ({ context }: { context: { id: number; origin: string; auxData?: { type?: string; frameId?: string } } }) => {
    if (context.auxData?.type === 'isolated' && context.auxData.frameId === frameId && context.origin === `chrome-extension://${extensionId}`) world = context.id;
  };
  session.on('Runtime.executionContextCreated', onContext);
  // Existing contexts are reported before enable returns.
  await session.send('Runtime.enable');
  session.off('Runtime.executionContextCreated', onContext);
  return world;
}

async function countInstances(session: CDPSession, contextId: number, constructor: string): Promise<number> {
  const proto = (await session.send('Runtime.evaluate', { contextId, expression: `${constructor}.prototype` })) as { result: { objectId?: string } };
  if (!proto.result.objectId) return 0;
  const found = (await session.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId })) as { objects: { objectId: string } };
  const n = (await session.send('Runtime.callFunctionOn', {
    objectId: found.objects.objectId,
    functionDeclaration: 'function () { return this.length; }',
    returnByValue: true,
  })) as { result: { value: number } };
  await session.send('Runtime.releaseObject', { objectId: found.objects.objectId });
  await session.send('Runtime.releaseObject', { objectId: proto.result.objectId });
  return n.result.value;
}

const fromExtension = (e: TraceEvent, extensionId: string) =>
  (e.args?.data?.stackTrace ?? []).some((f) => typeof f.url === 'string' && f.url.startsWith(`chrome-extension://${extensionId}/`));

async function measureState(browser: ExtensionBrowser, storage: StorageSnapshot, guide: boolean, idleWindowMs: number): Promise<IdleState> {
  await writeStorage(browser, storage);
  const page = await browser.newPage();
  const pageSession = await browser.context.newCDPSession(page);
  try {
    const { events } = await traced(pageSession, [...TIMELINE, 'disabled-by-default-devtools.timeline.stack'], async () => {
      await page.goto(PORTAL + ROUTES.appList.hash);
      const live = await liveBlade(page);
      await waitForView(live, ROUTES.appList.view);
      // Several idle pre-warmed frames: the shell's two, and three more in its pool.
      await page.evaluate(
        ({ frames, path }) => {
          const pool = document.querySelector('.fxs-reactview-pool') ?? document.body;
          frames.forEach((f, i) => {
            const iframe = document.createElement('iframe');
            iframe.src = `https://${f.host}${path}?bench-idle=${i}`;
            iframe.setAttribute('style', f.style);
            iframe.setAttribute('tabindex', '-1');
            iframe.setAttribute('aria-hidden', 'true');
            iframe.className = 'fxs-reactview-frame fxs-reactview-frame-prewarmed bench-idle-frame';
            pool.append(iframe);
          });
        },
        { frames: EXTRA_IDLE, path: BLADE_PATH },
      );
      // A navigation, so that the 0×0 pre-warmed frame keeps the previous blade, as the portal does.
      await routeTo(page, live, ROUTES.createApp);
      if (guide) {
        await waitForStep(page, 'register-app');
        await waitForSpotlight(live);
      }
      await page.waitForFunction((n) => document.querySelectorAll('iframe.bench-idle-frame').length === n, EXTRA_IDLE.length);
      await sleep(1500);
      await page.evaluate(() => void performance.mark('bench:idle-start'));
      await sleep(idleWindowMs);
      await page.evaluate(() => void performance.mark('bench:idle-end'));
    });

    const start = events.find((e) => e.name === 'bench:idle-start')?.ts ?? 0;
    const end = events.find((e) => e.name === 'bench:idle-end')?.ts ?? Number.MAX_SAFE_INTEGER;
    const inWindow = (e: TraceEvent) => e.ts >= start && e.ts <= end;
    const id = browser.extensionId;
    const calls = events.filter((e) => isExtensionCall(e, id));
    const installs = events.filter((e) => e.name === 'TimerInstall' && fromExtension(e, id));
    const removed = new Set(events.filter((e) => e.name === 'TimerRemove').map((e) => `${e.args?.data?.frame}:${e.args?.data?.timerId}`));
    const rafs = events.filter((e) => e.name === 'RequestAnimationFrame' && fromExtension(e, id));

    const extraFrames = new Set(page.frames().filter((f) => f.url().includes('bench-idle=')));
    const sessions = await frameSessions(browser.context, page);
    const frames: FrameIdle[] = [];
    try {
      for (const { frame, session } of sessions) {
        const frameId = await frameIdOf(session);
        const world = await extensionWorld(session, frameId, id);
        let mutationObservers = 0;
        let resizeObservers = 0;
        if (world !== null) {
          await session.send('HeapProfiler.collectGarbage');
          mutationObservers = await countInstances(session, world, 'MutationObserver');
          resizeObservers = await countInstances(session, world, 'ResizeObserver');
        }
        const mine = (e: TraceEvent) => e.args?.data?.frame === frameId;
        const idleCalls = calls.filter((e) => mine(e) && inWindow(e));
        frames.push({
          frame: frame.url().replace(/^https:\/\//, ''),
          role: roleOf(frame, extraFrames),
          contentScript: world !== null,
          mutationObservers,
          resizeObservers,
          idleCalls: idleCalls.length,
          idleMs: idleCalls.reduce((s, e) => s + (e.dur ?? 0) / 1000, 0),
          idleTimers: installs.filter((e) => mine(e) && inWindow(e)).length,
          idleAnimationFrames: rafs.filter((e) => mine(e) && inWindow(e)).length,
          idleWhat: describeCalls(idleCalls),
          liveIntervals: installs.filter((e) => mine(e) && e.args?.data?.singleShot === false && !removed.has(`${e.args?.data?.frame}:${e.args?.data?.timerId}`)).length,
        });
      }
    } finally {
      await detachAll(sessions);
    }
    return { guide, idleWindowMs, frames };
  } finally {
    await pageSession.detach().catch(() => undefined);
    await page.close();
  }
}

function describeCalls(calls: TraceEvent[]): string {
  const counts = new Map<string, number>();
  for (const e of calls) {
    const key = `${scriptOf(e).replace('content-scripts/', '')}:${String(e.args?.data?.functionName ?? '') || '(anonymous)'}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k}×${n}`).join(' ');
}

const isIdleBlade = (f: FrameIdle) => f.role.startsWith('pre-warmed') || f.role.startsWith('idle blade');
const quiet = (f: FrameIdle) => f.mutationObservers === 0 && f.resizeObservers === 0 && f.idleCalls === 0 && f.idleTimers === 0 && f.idleAnimationFrames === 0 && f.liveIntervals === 0;

export async function idleFrames(browser: ExtensionBrowser, running: StorageSnapshot, stoppedState: StorageSnapshot, idleWindowMs: number): Promise<IdleResult> {
  const noGuide = await measureState(browser, stoppedState, false, idleWindowMs);
  const guide = await measureState(browser, running, true, idleWindowMs);
  return {
    noGuide,
    guide,
    met: {
      // No guide: nothing anywhere.
      noGuide: noGuide.frames.every(quiet),
      // Guide running: only the frames that show the step (the live blade; the top document, where
      // classic blades render) observe; the idle blade frames hold and do nothing; no frame runs a
      // timer or animation-frame loop.
      guide:
        guide.frames.filter(isIdleBlade).every(quiet) &&
        guide.frames.every((f) => f.idleAnimationFrames === 0 && f.liveIntervals === 0),
    },
  };
}
