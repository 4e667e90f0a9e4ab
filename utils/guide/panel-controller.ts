import { createStore, type StoreApi } from 'zustand/vanilla';
import { checks } from '@/utils/guide/checks';
import { isRequired, nextStep, stepsFor } from '@/utils/guide/progress';
import { readersFor, recordReading } from '@/utils/guide/readers';
import { resolveTargets } from '@/utils/guide/resolve';
import { lostSecretSteps, reopenSecretSteps } from '@/utils/guide/secret-recovery';
import { pickTarget } from '@/utils/portal/pick';
import type { Step } from '@/utils/guide/step-schema';
import type { GuideStore } from '@/utils/guide/store';
import type { GuideName } from '@/utils/guide/state-schemas';
import {
  FillResultSchema,
  type FillResult,
  type GuideJob,
  type Message,
  type MessageOf,
  type TargetState,
} from '@/utils/messaging/protocol';
import { detectPage, type DetectedPage } from '@/utils/portal/routes';
import { planFor } from '@/utils/domain/setup';
import { dbtAccessOrigin } from '@/utils/dbt/routes';
import { hasErrors, validateField } from '@/utils/domain/validate';

/**
 * The guide panel's logic, without React: which step is current for the page that is open,
 * what the frames are asked to find, what they report, and when a step is done.
 */

export type TargetSearch = 'idle' | 'searching' | 'found' | 'missing';

export interface FrameReport {
  frameId: number;
  /** The frame's origin, as the browser gave it (none for the top frame). */
  origin?: string;
  targets: TargetState[];
  /** The boxes of the step's controls the frame shows, in its viewport's pixels. */
  boxes?: { index: number; x: number; y: number; w: number; h: number }[];
  viewport?: { w: number; h: number };
}

export interface PanelView {
  page: DetectedPage | null;
  /** The step for the page that is open (else the next one to do). */
  step: Step | null;
  /** Required steps before it that are not done: "still to do". */
  earlier: Step[];
  job: GuideJob | null;
  targetState: TargetSearch;
  /** Reports of the current job, by frame. */
  reports: Record<number, FrameReport>;
  /** What the panel may know of a captured secret: its length and the validation result. */
  secret: MessageOf<'secret/captured'> | null;
  /** The last fill, by target index. */
  fills: Record<number, FillResult>;
  /** The target being filled now: one fill at a time, the page is busy meanwhile. */
  filling: number | null;
  /** The sentence screen readers hear next. */
  announcement: string;
  /**
   * Reports ignored because they came from a frame that is not the visible blade of the open page
   * (another extension's blade, a hidden copy): counted, never recorded.
   */
  ignored: number;
  /**
   * The progress said the secret was captured, but this browser no longer holds it (restart,
   * idle timeout): its steps were reopened, and the panel says why.
   */
  secretLost: boolean;
  /**
   * The step the page just showed done, while the admin was on it: the panel says so (what was
   * read, a captured secret) for a moment after moving on.
   */
  justDone: { step: Step; at: number } | null;
  /**
   * Whether each value of the current step was last seen set, by target index: a checkbox a
   * filtered list no longer shows keeps its last known state.
   */
  known: Record<number, boolean>;
}

export interface PanelControllerDeps {
  guide: GuideStore;
  send(message: Message): Promise<unknown>;
  url(): string;
  signal: AbortSignal;
  /** How long to look for a step's controls before saying they are missing. */
  missingAfterMs?: number;
  /** The guides, each its steps in order: the store says which one runs. */
  guides: Record<GuideName, readonly Step[]>;
  /**
   * The origin of the blade iframe the top document shows (see utils/portal/blade-frame.ts), or
   * null when the blade is in the top document itself. Only that frame and the top frame count.
   */
  bladeOrigin(): string | null;
}

export interface PanelController {
  view: StoreApi<PanelView>;
  /** The guides the panel can run. */
  guides: Record<GuideName, readonly Step[]>;
  /** A message from the background (reports, captured secret); anything else is ignored. */
  receive(message: Message): void;
  /** The URL changed (hashchange, popstate). */
  locationChanged(): void;
  /** Fill or choose target `index` of the current step in the frame that shows it. */
  fill(index: number): Promise<FillResult>;
}


const sameJob = (a: GuideJob | null, b: GuideJob | null) => JSON.stringify(a) === JSON.stringify(b);

/** The site a page belongs to: dbt's access URLs, or the portal (where the panel runs otherwise). */
const siteOf = (url: string): 'dbt' | 'portal' => (dbtAccessOrigin(url) !== null ? 'dbt' : 'portal');

export function createPanelController(deps: PanelControllerDeps): PanelController {
  const { guide, send, signal } = deps;
  const { guides } = deps;
  /** The running guide's steps that the setup's profile takes. */
  const guideSteps = () => stepsFor(guides[guide.getState().panel.guide], guide.getState().setup);
  let lastGuide: GuideName | null = null;
  const missingAfterMs = deps.missingAfterMs ?? 4000;
  let missingTimer: ReturnType<typeof setTimeout> | undefined;

  const view = createStore<PanelView>()(() => ({
    page: detectPage(deps.url()),
    step: null,
    earlier: [],
    job: null,
    targetState: 'idle',
    reports: {},
    secret: null,
    fills: {},
    filling: null,
    announcement: '',
    ignored: 0,
    secretLost: false,
    justDone: null,
    known: {},
  }));
  /** True while a report is being recorded: the store's changes wait for the whole of it. */
  let recording = false;
  /** The target last spotlighted across the frames (see refocus). */
  let focus: number | null = null;

  const targetStateOf = (v: PanelView, timedOut: boolean): TargetSearch => {
    if (!v.job || v.job.targets.length === 0) return 'idle';
    const found = Object.values(v.reports).some((r) => r.targets.some((t) => t.found && t.visible));
    if (found) return 'found';
    return timedOut ? 'missing' : 'searching';
  };

  /**
   * Marks every step the page now shows done, and every optional branch it shows needed. Steps
   * done in the extension's pages are marked there.
   */
  const runChecks = () => {
    const page = view.getState().page;
    const secretCaptured = (view.getState().secret?.length ?? 0) > 0;
    const { job, fills } = view.getState();
    const secretFilled = job !== null && job.targets.some((t, i) => t.action === 'fillSecret' && fills[i]?.ok === true);
    // The step shown before this round: marking one done updates the view from inside the loop.
    const shown = view.getState().step?.id;
    for (const step of guideSteps()) {
      const state = guide.getState();
      // A fill counts for the step it was made in.
      const input = { page, state, secretCaptured, secretFilled: secretFilled && job?.stepId === step.id };
      if (step.where === 'extension') continue;
      if (step.neededWhen && !state.progress[step.id]?.needed && checks[step.neededWhen](input)) state.markNeeded(step.id);
      if (state.progress[step.id]?.done || !checks[step.check.rule](input)) continue;
      state.markStep(step.id, true, 'page');
      if (shown === step.id) view.setState({ justDone: { step, at: Date.now() } });
      for (const { from, to } of step.keepOnDone ?? []) {
        const kept = state.values[from];
        if (kept) state.recordValue(to, kept.value, kept.source);
      }
    }
  };

  /**
   * The step for the page that is open: the first required one not done among those that work on
   * this page; else the next one to do. One page the guide could not read does not pin the panel.
   */
  const currentStep = (page: DetectedPage | null, steps: readonly Step[]): Step | null => {
    const progress = guide.getState().progress;
    const open = (s: Step) => isRequired(s, progress) && !progress[s.id]?.done;
    const here = page
      ? steps.find((s, i) => s.pages.includes(page.name) && open(s) && (!s.inOrder || !steps.slice(0, i).some(open)))
      : undefined;
    return here ?? nextStep(steps, progress);
  };

  /** Recomputes the current step and tells the frames when their job changes. */
  const update = () => {
    if (signal.aborted) return;
    const state = guide.getState();
    const running = state.loaded && state.panel.running;
    // Another guide: what the panel knew of a captured secret was the other guide's.
    if (lastGuide !== null && lastGuide !== state.panel.guide) view.setState({ secret: null, secretLost: false, justDone: null });
    lastGuide = state.panel.guide;
    if (running) runChecks();
    const progress = guide.getState().progress;
    const steps = guideSteps();
    const step = running ? currentStep(view.getState().page, steps) : null;
    const index = step ? steps.indexOf(step) : -1;
    const earlier = steps.slice(0, Math.max(0, index)).filter((s) => isRequired(s, progress) && !progress[s.id]?.done);
    // The frames of this tab work only for a step of their own site: the portal's agents know
    // nothing of dbt's controls (and would keep the last job's ring), and the reverse.
    const job: GuideJob | null =
      step && step.where === siteOf(deps.url())
        ? {
            stepId: step.id,
            targets: resolveTargets(step, state.setup, state.values),
            readers: readersFor(step, view.getState().page),
          }
        : null;
    const prev = view.getState();
    if (prev.step?.id !== step?.id) {
      if (step) void checkSecret();
      view.setState({
        step,
        fills: {},
        announcement: step ? `Step ${index + 1} of ${steps.length}: ${step.title}` : '',
      });
    }
    if (prev.earlier.map((s) => s.id).join() !== earlier.map((s) => s.id).join()) view.setState({ earlier });
    if (!sameJob(prev.job, job)) {
      focus = null;
      // A new step: no frame is trusted until one shows it.
      trust(null, false);
      view.setState({ job, reports: {}, targetState: 'idle', known: {} });
      showTargetState(job && job.targets.length ? 'searching' : 'idle');
      void send({ type: 'panel/job', job }).catch(() => undefined);
    }
  };

  /**
   * Whether the secret the progress says was captured is still held (the background answers yes
   * or no, never the secret); if not, its steps are reopened: the Value cannot be shown again.
   */
  const checkSecret = async () => {
    const steps = guideSteps();
    if (!lostSecretSteps(steps, guide.getState().progress, false).length) return;
    const reply = await send({ type: 'secret/status' }).catch(() => null);
    if (signal.aborted || (reply as { held?: unknown } | null)?.held !== false) return;
    const state = guide.getState();
    if (!lostSecretSteps(steps, state.progress, false).length) return;
    view.setState({ secretLost: true, secret: null, announcement: 'The client secret Value is gone from this browser: create a new one.' });
    reopenSecretSteps(state, steps);
  };

  /**
   * Shows the search state; "searching" turns into "missing" after a while, counted from when the
   * search started (again when a control shown before is gone).
   */
  const showTargetState = (state: TargetSearch) => {
    const was = view.getState().targetState;
    if (state === 'searching' && was !== 'searching') {
      clearTimeout(missingTimer);
      const job = view.getState().job;
      missingTimer = setTimeout(() => {
        const v = view.getState();
        if (v.job === job && v.targetState === 'searching') view.setState({ targetState: targetStateOf(v, true) });
      }, missingAfterMs);
    }
    if (state !== 'searching') clearTimeout(missingTimer);
    if (state !== was) view.setState({ targetState: state });
  };

  const receive = (message: Message) => {
    if (signal.aborted) return;
    if (message.type === 'secret/captured') {
      view.setState({
        ...(message.length > 0 ? { secretLost: false } : {}),
        secret: message,
        announcement: message.length > 0 ? 'Client secret Value captured.' : (message.findings[0]?.message ?? ''),
      });
      update();
      return;
    }
    if (message.type !== 'agent/report') return;
    locationChanged();
    const v = view.getState();
    if (!v.job) return;
    // Values count only from the frame that shows the step: the top document (the portal's own
    // page, classic blades) or the visible blade's frame on the portal's blade origin.
    const frameId = message.frameId ?? 0;
    const blade = deps.bladeOrigin();
    const counts = (r: { frameId: number; origin?: string }) => r.frameId === 0 || (r.origin !== undefined && r.origin === blade);
    // What a frame reported while it was the visible blade stops counting once another is.
    const kept = Object.values(v.reports).filter(counts);
    if (kept.length !== Object.keys(v.reports).length) {
      const reports = Object.fromEntries(kept.map((r) => [r.frameId, r]));
      view.setState({ reports });
      showTargetState(targetStateOf({ ...v, reports }, v.targetState === 'missing'));
    }
    if (!counts({ frameId, ...(message.origin ? { origin: message.origin } : {}) })) {
      view.setState((st) => ({ ignored: st.ignored + 1 }));
      return;
    }
    // What the page shows is recorded whatever step it came for; target states only count for the
    // current one. The checks run once the whole report is recorded, never on half of it.
    recording = true;
    for (const raw of message.reads) {
      const state = guide.getState();
      recordReading(raw.reader, raw.data, {
        put: (key, value) => {
          const current = guide.getState().values[key];
          if (!value || current?.source === 'typed') return;
          guide.getState().recordValue(key, value, 'page');
        },
        lists: state.recordLists,
        values: state.values,
        setup: state.setup,
        page: v.page,
        adoptRedirectUri: (uri) => adoptRedirectUri(uri),
      });
    }
    recording = false;
    if (message.stepId === v.job.stepId) {
      const current = view.getState();
      const reports = { ...current.reports, [frameId]: {
          frameId,
          targets: message.targets,
          ...(message.boxes && message.viewport ? { boxes: message.boxes, viewport: message.viewport } : {}),
          ...(message.origin ? { origin: message.origin } : {}),
        } };
      const known = { ...current.known };
      for (const t of message.targets) if (t.found) known[t.index] = t.satisfied;
      view.setState({ reports, known });
      showTargetState(targetStateOf({ ...current, reports }, current.targetState === 'missing'));
      refocus(v.job, reports);
    }
    update();
  };

  /**
   * The one control to spotlight across the frames: each frame picks among its own controls, and
   * the shell's menu (top document) and a blade (iframe) can both hold some. The frames learn the
   * pick made over all of them; a frame that does not show it keeps no ring.
   */
  const refocus = (job: GuideJob, reports: Record<number, FrameReport>) => {
    const merged: TargetState[] = job.targets.map((_, index) => {
      const all = Object.values(reports).flatMap((r) => r.targets.filter((t) => t.index === index));
      return {
        index,
        found: all.some((t) => t.found),
        visible: all.some((t) => t.found && t.visible),
        satisfied: all.some((t) => t.satisfied),
      };
    });
    const next = pickTarget(job, merged);
    if (next !== focus) {
      focus = next;
      void send({ type: 'panel/focus', stepId: job.stepId, index: next }).catch(() => undefined);
    }
    // The frame that shows it is the one trusted with the step's secret, if it captures one.
    const holder = next === null ? undefined : Object.values(reports).find((r) => r.targets.some((t) => t.index === next && t.found && t.visible));
    const step = view.getState().step;
    if (holder) trust(holder.frameId, step?.records.includes('clientSecret') ?? false);
  };

  let trusted: { frameId: number | null; secret: boolean } = { frameId: null, secret: false };
  const trust = (frameId: number | null, secret: boolean) => {
    if (trusted.frameId === frameId && trusted.secret === secret) return;
    trusted = { frameId, secret };
    void send({ type: 'panel/trust', frameId, secret }).catch(() => undefined);
  };

  // Every frame report asks again (the portal may have navigated by pushState): the same URL is
  // the same page, so only a new one is parsed.
  let lastUrl: string | null = null;
  function locationChanged() {
    const url = deps.url();
    if (url === lastUrl) return;
    lastUrl = url;
    const page = detectPage(url);
    const prev = view.getState().page;
    if (JSON.stringify(prev) === JSON.stringify(page)) return;
    view.setState({ page });
    update();
  }

  /**
   * dbt's Callback URI, read on its SSO form: the redirect URI the app must have. A self-service
   * setup takes it as its redirect URI (the region table is the fallback), so that Entra gets
   * exactly dbt's; a setup that already has it, or a support-assisted one, is left alone.
   */
  const adoptRedirectUri = (uri: string) => {
    const { setup, updateSetup, managed } = guide.getState();
    if (setup.profile !== 'self-service' || managed.setup.region !== undefined || managed.setup.customRedirectUri !== undefined) return;
    if (planFor(setup).redirectUri === uri) return;
    const candidate = { ...setup, region: 'custom' as const, customRedirectUri: uri };
    if (hasErrors(validateField('redirectUri', uri, { setup: candidate }))) return;
    updateSetup({ region: 'custom', customRedirectUri: uri });
  };

  const fill = async (index: number): Promise<FillResult> => {
    const v = view.getState();
    if (!v.job) return { ok: false, reason: 'No step is running.' };
    if (v.filling !== null) return { ok: false, reason: 'Another value is being filled in.' };
    view.setState({ filling: index });
    const reports = Object.values(v.reports);
    // The frame that shows the control; for a permission not listed yet, the frame that shows the
    // step (its agent searches for the permission first).
    const holder =
      reports.find((r) => r.targets.some((t) => t.index === index && t.found && t.visible)) ??
      (v.job.targets[index]?.action === 'check' ? reports.find((r) => r.targets.some((t) => t.found && t.visible)) : undefined);
    let result: FillResult;
    if (!holder) {
      result = { ok: false, reason: 'The control is not on the page.' };
    } else if (v.job.targets[index]?.action === 'fillSecret') {
      // The secret goes from the background to the field; the panel never holds it.
      const raw = await send({ type: 'panel/fill-secret', stepId: v.job.stepId, index }).catch(() => null);
      const parsed = FillResultSchema.safeParse(raw);
      result = parsed.success ? parsed.data : { ok: false, reason: 'The page did not answer.' };
    } else {
      const raw = await send({ type: 'panel/fill', stepId: v.job.stepId, index, frameId: holder.frameId }).catch(() => null);
      const parsed = FillResultSchema.safeParse(raw);
      result = parsed.success ? parsed.data : { ok: false, reason: 'The page did not answer.' };
    }
    view.setState((s) => ({ fills: { ...s.fills, [index]: result }, filling: null }));
    return result;
  };

  const unsubscribe = guide.subscribe(() => {
    if (!recording) update();
  });
  signal.addEventListener(
    'abort',
    () => {
      unsubscribe();
      clearTimeout(missingTimer);
    },
    { once: true },
  );
  update();
  return { view, guides, receive, locationChanged, fill };
}
