/**
 * `npm run bench`: builds the production extension into .output-bench (never .output), serves the
 * replica portal, and measures in Debian's Chromium: (1) the portal's overhead with and without the
 * extension, (2) idle frames, (3) latencies, (4) this extension's spotlight beside driver.js,
 * (5) the popup's first paint in a fresh profile.
 * Prints a table and writes bench-results/bench.json (and bench-results/popup.json). See README,
 * "Benchmark".
 *
 *   npm run bench                 # full runs (about 5 minutes)
 *   npm run bench -- --quick      # fewer runs (about 2 minutes), for a smoke test
 *   npm run bench -- --no-build   # reuse .output-bench/chrome-mv3
 *   npm run bench -- --only=overhead,idle,latency,peer,popup
 *   npm run bench -- --only=popup # the popup's first paint alone (about a minute)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser, type ExtensionBrowser, type PortalBrowser } from '../../tests/e2e/harness';
import { startReplica } from '../../tests/fixtures/replica/server';
import { BENCH_OUT_DIR, EXTENSION_PATH, chromiumVersion, readStorage, round, roundStats, startGuide, stopped, writeStorage, type Stats, type StorageSnapshot } from './common';
import { idleFrames, type IdleResult, type IdleState } from './idle';
import { latency, type LatencyResult } from './latency';
import { SESSION_WORK, overhead, type OverheadResult } from './overhead';
import { peer, type PeerResult } from './peer';
import { popupFirstPaint, type PopupResult } from './popup';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const build = !args.includes('--no-build');
const only = new Set((args.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? 'overhead,idle,latency,peer,popup').split(','));

const RUNS = quick
  ? { overheadRounds: 3, idleWindowMs: 2000, routeCycles: 8, inserts: 15, scrollSteps: 60, peerRuns: 3, followSteps: 20, popupRuns: 10 }
  : { overheadRounds: 12, idleWindowMs: 3000, routeCycles: 25, inserts: 40, scrollSteps: 120, peerRuns: 8, followSteps: 20, popupRuns: 20 };

const log = (s: string) => console.log(s);
const started = Date.now();

if (build) {
  log(`Building the production extension into ${BENCH_OUT_DIR}/ ...`);
  const wxt = resolve('node_modules/.bin/wxt');
  const r = spawnSync(wxt, ['build'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, WXT_OUT_DIR: BENCH_OUT_DIR } });
  if (r.status !== 0) {
    console.error('The build failed.');
    process.exit(1);
  }
}
if (!existsSync(join(EXTENSION_PATH, 'manifest.json'))) {
  console.error(`No build at ${EXTENSION_PATH}: run without --no-build.`);
  process.exit(1);
}

// Blades render as soon as their data is there (no simulated network delay), so that the
// sessions are all work and the ratios are not diluted by waiting.
const replica = await startReplica({ config: { renderDelayMs: 0, rerenderAfterMs: 0 } });
const appId = replica.state.apps[0]?.appId ?? '';
const extensionErrors: string[] = [];

const launchExt = async (running?: StorageSnapshot): Promise<ExtensionBrowser> => {
  const b = await launchBrowser({ replica, extensionPath: EXTENSION_PATH });
  if (running) await writeStorage(b, running);
  return b;
};
const closeExt = async (b: ExtensionBrowser) => {
  extensionErrors.push(...b.errors);
  await b.close();
};

// The guide's state once started from the popup (US region): restored before each session (not
// needed by the popup's measurement alone, which starts from empty profiles).
const needsRunning = ['overhead', 'idle', 'latency'].some((p) => only.has(p));
const { running, chromium } = await (async () => {
  const b = await launchExt();
  try {
    if (needsRunning) await startGuide(b);
    return { running: needsRunning ? await readStorage(b) : {}, chromium: await chromiumVersion(b) };
  } finally {
    await closeExt(b);
  }
})();
const stoppedState = stopped(running);
log(`${chromium}; extension from ${EXTENSION_PATH}; ${quick ? 'quick' : 'full'} runs.`);

let overheadResult: OverheadResult | null = null;
let idleResult: IdleResult | null = null;
let latencyResult: LatencyResult | null = null;
let peerResult: PeerResult | null = null;
let popupResult: PopupResult | null = null;

try {
  if (only.has('overhead')) {
    log(`\n1. Portal overhead: ${RUNS.overheadRounds} rounds of 3 sessions (without / extension, no guide / guide running)`);
    overheadResult = await overhead(
      {
        running,
        stoppedState,
        appId,
        launch: async () => ({ plain: await launchBrowser({ replica, withExtension: false }), ext: await launchExt(running) }),
      },
      RUNS.overheadRounds,
      log,
    );
  }
  if (only.has('idle') || only.has('latency')) {
    const ext = await launchExt(running);
    try {
      if (only.has('idle')) {
        log(`\n2. Idle frames: ${RUNS.idleWindowMs / 1000} s idle window, without and with the guide`);
        idleResult = await idleFrames(ext, running, stoppedState, RUNS.idleWindowMs);
      }
      if (only.has('latency')) {
        log('\n3. Latency');
        latencyResult = await latency(ext, running, appId, { routeCycles: RUNS.routeCycles, inserts: RUNS.inserts, scrollSteps: RUNS.scrollSteps }, log);
      }
    } finally {
      await closeExt(ext);
    }
  }
  if (only.has('peer')) {
    log(`\n4. Peer: ${RUNS.peerRuns} runs each of driver.js and this spotlight`);
    const plain: PortalBrowser = await launchBrowser({ replica, withExtension: false });
    try {
      peerResult = await peer(plain, RUNS.peerRuns, RUNS.followSteps, log);
    } finally {
      await plain.close();
    }
  }
  if (only.has('popup')) {
    log(`\n5. Popup first paint: ${RUNS.popupRuns} fresh profiles each, no policy`);
    popupResult = await popupFirstPaint(() => launchExt(), RUNS.popupRuns, log);
  }
} finally {
  await replica.close();
}

// ---- the report ---------------------------------------------------------------------------------

interface Row {
  id: string;
  measure: string;
  value: string;
  target: string;
  met: boolean | null;
  /** The target lies inside the figure's 95% interval: the verdict could go either way. */
  withinNoise?: boolean;
  figures?: Record<string, number>;
}
const rows: Row[] = [];
const ms = (x: number, d = 1) => `${x.toFixed(d)} ms`;
const x2 = (x: number) => x.toFixed(2);
const pp = (s: Stats, d = 1) => `p50 ${ms(s.median, d)}, p95 ${ms(s.p95, d)}`;

if (overheadResult) {
  const o = overheadResult;
  const med = (k: 'script' | 'wall') => `without ${ms(o[k].without.median, 0)} | no guide ${ms(o[k].idle.median, 0)} | guide ${ms(o[k].guide.median, 0)}`;
  rows.push({ id: '1.script', measure: 'Portal session: main-thread script (medians)', value: med('script'), target: '', met: null });
  rows.push({ id: '1.wall', measure: 'Portal session: wall time (medians)', value: med('wall'), target: '', met: null });
  const r = o.ratios;
  const ratioRow = (id: string, measure: string, v: number, paired: number, ci: [number, number], limit: number) =>
    rows.push({
      id,
      measure,
      value: `${x2(v)} (95% CI ${x2(ci[0])}–${x2(ci[1])}; paired ${x2(paired)})`,
      target: `≤ ${limit.toFixed(2)}`,
      met: v <= limit,
      withinNoise: ci[0] <= limit && limit <= ci[1],
      figures: { ratio: round(v, 4), ciLow: round(ci[0], 4), ciHigh: round(ci[1], 4), paired: round(paired, 4) },
    });
  ratioRow('1.idle.script', 'Overhead, no guide: script ratio', r.idle.script, r.idle.pairedScript, r.idle.scriptCI, 1.02);
  ratioRow('1.idle.wall', 'Overhead, no guide: wall ratio', r.idle.wall, r.idle.pairedWall, r.idle.wallCI, 1.02);
  ratioRow('1.guide.script', 'Overhead, guide running: script ratio', r.guide.script, r.guide.pairedScript, r.guide.scriptCI, 1.1);
  ratioRow('1.guide.wall', 'Overhead, guide running: wall ratio', r.guide.wall, r.guide.pairedWall, r.guide.wallCI, 1.1);
  for (const c of ['idle', 'guide'] as const) {
    const a = o.attribution[c];
    if (!a) continue;
    const share = (o.script.without.median + a.scriptMs) / o.script.without.median;
    rows.push({
      id: `1.${c}.direct`,
      measure: `  extension's own script, ${c === 'idle' ? 'no guide' : 'guide running'} (trace)`,
      value: `${ms(a.scriptMs)} = ratio ${x2(share)}; +${ms(a.forcedLayoutMs)} forced layout`,
      target: '',
      met: null,
      figures: { scriptMs: round(a.scriptMs), ratio: round(share, 4) },
    });
  }
}

const idleSummary = (s: IdleState) => {
  const withWorld = s.frames.filter((f) => f.contentScript);
  const observers = s.frames.filter((f) => f.mutationObservers || f.resizeObservers).map((f) => `${f.role.split(' (')[0]}: ${f.mutationObservers} MO, ${f.resizeObservers} RO`);
  const calls = s.frames.reduce((n, f) => n + f.idleCalls, 0);
  const timers = s.frames.reduce((n, f) => n + f.idleTimers, 0);
  const rafs = s.frames.reduce((n, f) => n + f.idleAnimationFrames, 0);
  const intervals = s.frames.reduce((n, f) => n + f.liveIntervals, 0);
  const what = s.frames.filter((f) => f.idleCalls).map((f) => `${f.role.split(' (')[0]}: ${f.idleWhat}`);
  return `${withWorld.length} frames with the content script; observers: ${observers.length ? observers.join('; ') : 'none'}; in ${s.idleWindowMs / 1000} s idle: ${calls} calls${what.length ? ` (${what.join('; ')})` : ''}, ${timers} timers, ${rafs} animation frames, ${intervals} intervals`;
};
if (idleResult) {
  rows.push({ id: '2.noGuide', measure: 'Idle frames, no guide', value: idleSummary(idleResult.noGuide), target: 'no observer, interval or frame loop anywhere', met: idleResult.met.noGuide });
  const idleBlades = idleResult.guide.frames.filter((f) => f.role.startsWith('pre-warmed') || f.role.startsWith('idle blade'));
  rows.push({
    id: '2.guide',
    measure: 'Idle frames, guide running',
    value: `${idleSummary(idleResult.guide)}; the ${idleBlades.length} idle blade frames: ${idleBlades.every((f) => !f.mutationObservers && !f.resizeObservers && !f.idleCalls) ? 'nothing' : 'WORK'}`,
    target: 'only the frames showing the step observe',
    met: idleResult.met.guide,
  });
}

if (latencyResult) {
  const l = latencyResult;
  rows.push({ id: '3.route', measure: 'Route change → panel shows the new step', value: `${pp(l.route.ms)} (${l.route.ms.n} samples; next frame p95 ${ms(l.route.frameMs.p95)})`, target: 'p95 ≤ 50 ms', met: l.route.ms.p95 <= 50, figures: { p50: round(l.route.ms.median), p95: round(l.route.ms.p95) } });
  rows.push({
    id: '3.insert',
    measure: 'Target inserted → spotlight drawn',
    value: `${pp(l.insert.ms)} (${l.insert.ms.n} samples; ${Math.round(l.insert.sameFrame * 100)}% in the frame that first shows the target)`,
    target: 'p95 ≤ 16.7 ms (1 frame)',
    met: l.insert.ms.p95 <= 16.7,
    figures: { p50: round(l.insert.ms.median), p95: round(l.insert.ms.p95), sameFrame: round(l.insert.sameFrame) },
  });
  rows.push({
    id: '3.scroll',
    measure: 'Inner scroll → spotlight realigned, script per frame',
    value: `${pp(l.scroll.scriptMs, 3)} (${l.scroll.steps} frames, ${l.scroll.misaligned} misaligned; with forced layout p95 ${ms(l.scroll.withLayoutMs.p95, 3)})`,
    target: 'p95 ≤ 1 ms',
    met: l.scroll.scriptMs.p95 <= 1,
    figures: { p50: round(l.scroll.scriptMs.median, 4), p95: round(l.scroll.scriptMs.p95, 4) },
  });
}

if (peerResult) {
  const p = peerResult;
  const o = p.byLibrary.ours;
  const d = p.byLibrary['driver.js'];
  rows.push({
    id: '4.highlight',
    measure: `Time to highlight, ours / driver.js ${p.driverVersion}`,
    value: `${x2(p.ratios.highlightMs)} (p50 ${ms(o.highlightMs.median, 2)} vs ${ms(d.highlightMs.median, 2)}; ${o.highlightMs.n} each)`,
    target: '≤ 1.0',
    met: p.ratios.highlightMs <= 1,
    figures: { ratio: round(p.ratios.highlightMs, 4) },
  });
  rows.push({
    id: '4.highlightScript',
    measure: '  script of a highlight (call + callbacks, 3 frames)',
    value: `${x2(p.ratios.highlightScriptMs)} (p50 ${ms(o.settleScriptMs.median, 3)} vs ${ms(d.settleScriptMs.median, 3)})`,
    target: '',
    met: null,
    figures: { ratio: round(p.ratios.highlightScriptMs, 4) },
  });
  rows.push({
    id: '4.frame',
    measure: 'Per-frame cost while following a scroll, ours / driver.js',
    value: `${x2(p.ratios.frameMsP50)} at p50, ${x2(p.ratios.frameMsP95)} at p95 (p50 ${ms(o.frameMs.median, 3)} vs ${ms(d.frameMs.median, 3)}; ${o.frameMs.n} frames each; misaligned ${o.misaligned} vs ${d.misaligned})`,
    target: '≤ 1.0',
    met: p.ratios.frameMsP50 <= 1,
    figures: { p50: round(p.ratios.frameMsP50, 4), p95: round(p.ratios.frameMsP95, 4) },
  });
}

if (popupResult) {
  const p = popupResult;
  const row = (id: string, measure: string, ph: typeof p.settled, target: string, met: boolean | null) => {
    const policy = ph.samples.every((s) => s.noPolicy) ? 'no policy' : 'A POLICY WAS SET';
    const loading = ph.samples.some((s) => s.sawLoading) ? '; "Loading…" SHOWN' : '';
    rows.push({
      id,
      measure,
      value: `${pp(ph.setupPaintMs, 0)} (${ph.samples.length} fresh profiles, ${policy}; setup in the first paint ${ph.setupInFirstPaint}/${ph.samples.length}${loading})`,
      target,
      met,
      figures: { p50: round(ph.setupPaintMs.median, 1), p95: round(ph.setupPaintMs.p95, 1) },
    });
  };
  const ok = (ph: typeof p.settled) => ph.setupInFirstPaint === ph.samples.length && ph.samples.every((s) => s.noPolicy && !s.sawLoading);
  row('5.popup', "Popup opened: the setup's first paint (FCP)", p.settled, 'p95 < 300 ms, setup in the first paint', p.settled.setupPaintMs.p95 < 300 && ok(p.settled));
  row('5.popupAtLaunch', '  the same at once after the browser started', p.atLaunch, '', null);
}

const elapsed = (Date.now() - started) / 1000;
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? '',
  memoryGB: round(totalmem() / 2 ** 30, 1),
  platform: `${platform()} ${release()}`,
  node: process.version,
};

// Table: measure | value | target | met.
const head = ['measure', 'value', 'target', 'met'];
const verdict = (r: Row) => (r.met === null ? '' : `${r.met ? 'yes' : 'NO'}${r.withinNoise ? ' (within noise)' : ''}`);
const cells = rows.map((r) => [r.measure, r.value, r.target, verdict(r)]);
const widths = head.map((h, i) => Math.min(i === 1 ? 110 : 60, Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length))));
const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ');
console.log(`\nBenchmark (${quick ? 'quick' : 'full'}): ${chromium}, ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGB} GB, ${machine.platform}, Node ${machine.node}; ${elapsed.toFixed(0)} s`);
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const c of cells) console.log(line(c));
const judged = rows.filter((r) => r.met !== null);
const noisy = judged.filter((r) => r.withinNoise).length;
console.log(`\n${judged.filter((r) => r.met).length} of ${judged.length} targets met${noisy ? ` (${noisy} within the noise: the target lies inside the 95% interval)` : ''}.`);
if (extensionErrors.length) console.log(`Extension errors during the runs:\n${extensionErrors.join('\n')}`);

const round3 = (s: Stats) => roundStats(s, 3);
const report = {
  generatedAt: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  runs: RUNS,
  sessionWork: SESSION_WORK,
  machine,
  chromium,
  extension: { path: EXTENSION_PATH, version: (JSON.parse(await readFile(join(EXTENSION_PATH, 'manifest.json'), 'utf8')) as { version: string }).version },
  elapsedSeconds: round(elapsed, 0),
  targets: rows,
  allMet: judged.every((r) => r.met),
  extensionErrors,
  results: {
    overhead: overheadResult && {
      rounds: overheadResult.rounds,
      scriptMs: Object.fromEntries(Object.entries(overheadResult.script).map(([k, v]) => [k, round3(v)])),
      wallMs: Object.fromEntries(Object.entries(overheadResult.wall).map(([k, v]) => [k, round3(v)])),
      ratios: overheadResult.ratios,
      sessions: overheadResult.sessions,
      attribution: overheadResult.attribution,
    },
    idle: idleResult,
    latency: latencyResult && {
      route: { ms: round3(latencyResult.route.ms), frameMs: round3(latencyResult.route.frameMs), samples: latencyResult.route.samples },
      insert: { ms: round3(latencyResult.insert.ms), sameFrame: latencyResult.insert.sameFrame, samples: latencyResult.insert.samples },
      scroll: {
        scriptMs: round3(latencyResult.scroll.scriptMs),
        withLayoutMs: round3(latencyResult.scroll.withLayoutMs),
        misaligned: latencyResult.scroll.misaligned,
        steps: latencyResult.scroll.steps,
      },
    },
    popup: popupResult && {
      runs: popupResult.runs,
      settled: { ...popupResult.settled, setupPaintMs: round3(popupResult.settled.setupPaintMs), fcpMs: round3(popupResult.settled.fcpMs) },
      atLaunch: { ...popupResult.atLaunch, setupPaintMs: round3(popupResult.atLaunch.setupPaintMs), fcpMs: round3(popupResult.atLaunch.fcpMs) },
    },
    peer: peerResult && {
      driverVersion: peerResult.driverVersion,
      runs: peerResult.runs,
      ratios: peerResult.ratios,
      byLibrary: Object.fromEntries(
        Object.entries(peerResult.byLibrary).map(([k, v]) => [
          k,
          { highlightMs: round3(v.highlightMs), highlightScriptMs: round3(v.highlightScriptMs), settleScriptMs: round3(v.settleScriptMs), frameMs: round3(v.frameMs), misaligned: v.misaligned, steps: v.steps },
        ]),
      ),
    },
  },
};
await mkdir('bench-results', { recursive: true });
await writeFile(join('bench-results', 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log('Written: bench-results/bench.json');
if (popupResult) {
  const popupReport = { generatedAt: report.generatedAt, machine, chromium, targets: rows.filter((r) => r.id.startsWith('5.')), popup: report.results.popup };
  await writeFile(join('bench-results', 'popup.json'), `${JSON.stringify(popupReport, null, 2)}\n`);
  console.log('Written: bench-results/popup.json');
}
