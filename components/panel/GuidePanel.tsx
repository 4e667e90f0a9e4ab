import { useEffect, useRef, useState } from 'react';
import { usePlacement } from '@/components/panel/use-placement';
import { useStore, type StoreApi } from 'zustand';
import { useGuide } from '@/components/store-context';
import type { PanelController, PanelView } from '@/utils/guide/panel-controller';
import type { Step } from '@/utils/guide/step-schema';
import { doneCount, stepsFor } from '@/utils/guide/progress';
import { deepLinkFor, type LinkIds } from '@/utils/portal/routes';
import type { DetectorName } from '@/utils/portal/route-names';
import { ReadBack } from '@/components/panel/ReadBack';
import { secretLostText } from '@/utils/guide/secret-recovery';
import { StepReason } from '@/components/StepReason';

const PAGE_NAMES: Record<DetectorName, string> = {
  isAppRegistrations: 'App registrations',
  isRegisterApp: 'Register an application',
  isAppOverview: 'the app\'s Overview',
  isAppAuthentication: 'the app\'s Authentication page',
  isAppApiPermissions: 'the app\'s API permissions page',
  isAppCredentials: 'the app\'s Certificates & secrets page',
  isTenantOverview: 'Microsoft Entra ID > Overview',
  isEnterpriseApps: 'Enterprise applications',
  isEnterpriseAppOverview: 'the app\'s enterprise application',
  isEnterpriseAppUsers: 'the enterprise application\'s Users and groups',
  isEnterpriseAppProperties: 'the enterprise application\'s Properties',
  isDbtSsoSettings: 'dbt\'s Account settings > SSO & SCIM',
  isDbtAccountSettings: 'dbt\'s Account settings',
  isDbtApp: 'dbt',
};

/**
 * The client secret's row on dbt's form: never shown, never copied here; on the admin's click the
 * background puts the Value held in this browser session into that one field.
 */
function SecretRow({ index, lookFor, found, set, controller }: { index: number; lookFor: string; found: boolean; set: boolean; controller: PanelController }) {
  const filling = useView(controller.view, (v) => v.filling);
  const result = useView(controller.view, (v) => v.fills[index]);
  return (
    <li data-index={index}>
      <span className="what">{lookFor}</span>
      <code>•••• (this session&apos;s Value)</code>
      <span className="buttons">
        <button
          type="button"
          disabled={!found}
          aria-disabled={filling !== null}
          aria-busy={filling === index}
          onClick={() => {
            if (filling === null) void controller.fill(index);
          }}
          aria-label={set ? '✓ Set: Fill the client secret from this session' : 'Fill the client secret from this session'}
        >
          {set ? '✓ Set' : 'Fill from this session'}
        </button>
      </span>
      {result && !result.ok && !set ? (
        <span className="fill-failed" role="alert">
          Not filled ({result.reason ?? 'unknown reason'}). Or copy it from the extension&apos;s popup (Review the values): the clipboard is cleared after.
        </span>
      ) : null}
    </li>
  );
}

/** The IDs deep links need, from what the guide recorded (or the page that is open). */
function useLinkIds(pageAppId: string | undefined): LinkIds {
  const appId = useGuide((s) => s.values.routeAppId?.value ?? s.values.clientId?.value) ?? pageAppId;
  const servicePrincipalId = useGuide((s) => s.values.servicePrincipalId?.value);
  return { ...(appId ? { appId } : {}), ...(servicePrincipalId ? { servicePrincipalId } : {}) };
}

export interface GuidePanelProps {
  controller: PanelController;
  /** Opens the offline checklist in a new tab. */
  openChecklist(): void;
  /** Copies a value for the admin to paste (the fallback when a fill did not take). */
  copy(text: string): Promise<boolean>;
}

const useView = <T,>(view: StoreApi<PanelView>, pick: (v: PanelView) => T) => useStore(view, pick);

export function GuidePanel({ controller, copy, openChecklist }: GuidePanelProps) {
  const step = useView(controller.view, (v) => v.step);
  const announcement = useView(controller.view, (v) => v.announcement);
  const prefs = useGuide((s) => s.panel);
  const progress = useGuide((s) => s.progress);
  const updatePanel = useGuide((s) => s.updatePanel);
  const profile = useGuide((s) => s.setup.profile);
  const { done, total } = doneCount(stepsFor(controller.guides[prefs.guide], { profile }), progress);
  const ref = useRef<HTMLElement>(null);
  // Clear of the controls the step uses; on the side the admin chose, if any.
  const { placement, hold } = usePlacement(ref, controller, prefs.dock);
  const theme = usePortalTheme(ref);

  return (
    <aside
      ref={ref}
      className={`panel ${placement?.side ?? 'right'}${placement?.compact ? ' compact' : ''}${prefs.collapsed ? ' collapsed' : ''}`}
      // Where utils/guide/placement.ts put it; until it was measured, the bottom right corner.
      style={placement ? { left: `${placement.x}px`, top: `${placement.y}px` } : { right: '16px', bottom: '16px' }}
      data-theme={theme}
      aria-label="dbt Cloud SSO setup guide"
      // The panel's shadow root is open (tests drive it), so the page's scripts can reach its
      // buttons: a click the browser did not make from the admin's input does nothing here.
      onClickCapture={(e) => {
        if (!e.nativeEvent.isTrusted) {
          e.preventDefault();
          e.stopPropagation();
        }
      }}
      onPointerEnter={() => hold(true)}
      onPointerMove={() => hold(true)}
      onPointerLeave={() => hold(false)}
    >
      <header>
        <strong>dbt SSO guide</strong>
        <span className="count" aria-label={`${done} of ${total} steps done`}>
          {done}/{total}
        </span>
        <select
          aria-label="Where the guide sits"
          value={prefs.dock}
          onChange={(e) => {
            const dock = e.target.value;
            if (dock === 'auto' || dock === 'left' || dock === 'right') updatePanel({ dock });
          }}
        >
          <option value="auto">Automatic</option>
          <option value="left">Left</option>
          <option value="right">Right</option>
        </select>
        <button
          type="button"
          onClick={() => updatePanel({ collapsed: !prefs.collapsed })}
          aria-expanded={!prefs.collapsed}
          aria-label={prefs.collapsed ? 'Expand the guide' : 'Collapse the guide'}
        >
          {prefs.collapsed ? '▢' : '–'}
        </button>
        <button type="button" onClick={() => updatePanel({ running: false })} aria-label="Close the guide">
          ×
        </button>
      </header>
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      {prefs.collapsed ? null : step ? (
        <StepBody step={step} controller={controller} copy={copy} openChecklist={openChecklist} compact={placement?.compact ?? false} />
      ) : (
        <AllDone />
      )}
    </aside>
  );
}

/**
 * The portal's own theme, not the operating system's: a dark panel on a light portal (or the
 * reverse) is hard to read. Read from the page's background; followed when the portal switches.
 */
function usePortalTheme(ref: React.RefObject<HTMLElement | null>): 'light' | 'dark' {
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  useEffect(() => {
    const doc = ref.current?.ownerDocument;
    const win = doc?.defaultView;
    if (!doc || !win) return;
    const read = () => {
      for (const el of [doc.body, doc.documentElement]) {
        const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/.exec(win.getComputedStyle(el).backgroundColor);
        if (!m || m[4] === '0') continue;
        const [r, g, b] = [m[1], m[2], m[3]].map((c) => Number(c) / 255) as [number, number, number];
        setTheme(0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45 ? 'dark' : 'light');
        return;
      }
      setTheme('light');
    };
    read();
    // The portal switches theme by a class or style on its root elements: attributes only.
    const changes = new MutationObserver(read);
    for (const el of [doc.documentElement, doc.body]) changes.observe(el, { attributes: true, attributeFilter: ['class', 'style', 'data-theme'] });
    return () => changes.disconnect();
  }, [ref]);
  return theme;
}

function AllDone() {
  return (
    <div className="body">
      <h2>Every step on the portal is done</h2>
      <p>Open the extension&apos;s popup to review the values and hand them to dbt securely.</p>
    </div>
  );
}

function StepBody({ step, controller, copy, openChecklist, compact }: { step: Step; compact: boolean } & GuidePanelProps) {
  const page = useView(controller.view, (v) => v.page);
  const job = useView(controller.view, (v) => v.job);
  const targetState = useView(controller.view, (v) => v.targetState);
  const reports = useView(controller.view, (v) => v.reports);
  const fills = useView(controller.view, (v) => v.fills);
  const filling = useView(controller.view, (v) => v.filling);
  const markStep = useGuide((s) => s.markStep);
  const earlier = useView(controller.view, (v) => v.earlier);
  const secretLost = useView(controller.view, (v) => v.secretLost) && step.records.includes('clientSecret');
  const idleMinutes = useGuide((s) => s.settings.secretIdleMinutes);
  const ids = useLinkIds(page?.appId);
  const known = useView(controller.view, (v) => v.known);
  const [copied, setCopied] = useState<string | null>(null);
  // The compact form, unless the admin asked for everything.
  const [expanded, setExpanded] = useState(false);
  const full = !compact || expanded;

  const onRightPage = step.pages.length === 0 || (page !== null && step.pages.includes(page.name));
  const link = !onRightPage && step.deepLink ? deepLinkFor(step.deepLink, location.origin, ids) : null;
  const targets = job?.stepId === step.id ? job.targets : [];
  const stateOf = (index: number) => {
    const all = Object.values(reports).flatMap((r) => r.targets.filter((t) => t.index === index));
    const found = all.some((t) => t.found && t.visible);
    // Not shown now (a filtered list), it keeps the state it was last seen in.
    return { found, satisfied: found ? all.some((t) => t.satisfied) : known[index] === true };
  };
  // The value to set next: its row is kept in sight in the panel (the compact form is short, and
  // its later rows would sit below its edge).
  const next = targets.findIndex((t, i) => t.value !== undefined && t.action !== 'highlight' && !stateOf(i).satisfied);
  const values = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const row = next < 0 ? null : values.current?.querySelector<HTMLElement>(`li[data-index="${next}"]`);
    if (row) revealInPanel(row);
  }, [next, full]);

  if (step.where === 'extension') {
    return (
      <div className="body">
        <JustDone controller={controller} />
        <h2>{step.title}</h2>
        <p>This step is done in the extension&apos;s popup: click the extension&apos;s icon in the toolbar.</p>
      </div>
    );
  }

  // A step on dbt's pages, seen from the portal: the way there goes through the popup, which asks
  // for access to the admin's dbt host (a page cannot ask).
  if (step.where === 'dbt' && !onRightPage) {
    return (
      <div className="body">
        <JustDone controller={controller} />
        <h2>{step.title}</h2>
        {full && earlier.length ? <StillToDo steps={earlier} ids={ids} /> : null}
        <p>
          This step is done on dbt&apos;s own site. Click the extension&apos;s icon in the toolbar, then &quot;Fill dbt&apos;s SSO form&quot;: the
          guide opens dbt&apos;s SSO &amp; SCIM settings and fills them, the client secret straight from this browser session.
        </p>
      </div>
    );
  }

  const missing = targets.filter((_, i) => !stateOf(i).found);
  // A value's button acts only where the step's form is on the page: a checkbox the search brings
  // up counts once the panel that holds it shows another value of the step.
  const formShown = targets.some((t, i) => t.action !== 'highlight' && stateOf(i).found);

  // When a fill did not take, a text is copied for the admin to paste; a choice is made by hand.
  const onFill = async (index: number, value: string, action: string) => {
    const result = await controller.fill(index);
    if (!result.ok && action !== 'choose' && (await copy(value))) setCopied(value);
  };

  return (
    <div className="body">
      <h2>{step.title}</h2>
      {!onRightPage && step.deepLink ? (
        <p className="wrong-page">
          This step is done on {PAGE_NAMES[step.deepLink]}.{' '}
          {link ? <a href={link}>Go there</a> : <span>Open your app from App registrations first.</span>}
        </p>
      ) : null}
      {secretLost ? (
        <p className="finding error" role="alert" data-testid="secret-lost">
          {secretLostText(idleMinutes)}
        </p>
      ) : null}
      <JustDone controller={controller} />
      {full && earlier.length ? <StillToDo steps={earlier} ids={ids} /> : null}
      {full ? (
        <ol className="instruction">
          {step.instruction.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      ) : null}
      {onRightPage || !step.deepLink ? <TargetStatus state={targetState} missing={missing.map((t) => t.lookFor)} /> : null}
      {targets.some((t) => t.value !== undefined || t.action === 'fillSecret') ? (
        <ul ref={values} className={`values${full ? '' : ' compact'}`} aria-label="Values to use">
          {targets.map((t, index) =>
            t.action === 'fillSecret' ? (
              <SecretRow key={t.locator} index={index} lookFor={t.lookFor} found={stateOf(index).found} set={stateOf(index).satisfied} controller={controller} />
            ) : t.value === undefined ? null : (
              <li key={`${t.locator}-${t.arg ?? ''}`} data-index={index}>
                <span className="what">{t.lookFor}</span>
                <code>{t.value}</code>
                <span className="buttons">
                  {/* A choice (a radio, an option, Yes) is chosen, not pasted, and a control only
                      pointed at (the old secret's Delete) takes no text: no Copy for them. */}
                  {t.action === 'choose' || t.action === 'highlight' ? null : (
                    <button type="button" onClick={() => void copy(t.value ?? '').then((ok) => ok && setCopied(t.value ?? null))}>
                      {copied === t.value ? 'Copied' : 'Copy'}
                    </button>
                  )}
                  {t.action === 'highlight' ? null : (
                  <button
                    type="button"
                    disabled={!stateOf(index).found && !(t.action === 'check' && formShown)}
                    // Not `disabled` while another value is filled in: a disabled button loses the
                    // keyboard focus, and the admin would start again from the top of the page.
                    aria-disabled={filling !== null}
                    aria-busy={filling === index}
                    onClick={() => {
                      if (filling === null) void onFill(index, t.value ?? '', t.action);
                    }}
                    // The visible words begin the accessible name (WCAG 2.5.3, label in name).
                    aria-label={`${stateOf(index).satisfied ? '✓ Set: ' : ''}${t.action === 'fill' ? 'Fill in' : t.action === 'check' ? 'Tick' : 'Choose'} ${t.value}`}
                  >
                    {stateOf(index).satisfied ? '✓ Set' : t.action === 'fill' ? 'Fill' : t.action === 'check' ? 'Tick' : 'Choose'}
                  </button>
                  )}
                </span>
                {/* What the page shows now wins over an earlier fill's answer. */}
                {fills[index] && !fills[index].ok && !stateOf(index).satisfied ? (
                  <span className="fill-failed" role="alert">
                    The page did not take it ({fills[index].reason ?? 'unknown reason'}).
                    {t.action === 'choose'
                      ? ` Choose "${t.value ?? ''}" on the page yourself.`
                      : copied === t.value
                        ? ' The value is copied: paste it into the field.'
                        : ' Copy it and paste it into the field.'}
                  </span>
                ) : null}
              </li>
            ),
          )}
        </ul>
      ) : null}
      {full ? (
        <>
          <ReadBack step={step} controller={controller} />
          <StepReason step={step} />
          <footer>
            <button type="button" onClick={() => markStep(step.id, true, 'hand')}>
              I did this step by hand
            </button>{' '}
            <button type="button" onClick={openChecklist}>
              Open the checklist
            </button>
          </footer>
        </>
      ) : (
        <button type="button" className="more" onClick={() => setExpanded(true)}>
          Show the whole step
        </button>
      )}
    </div>
  );
}

/**
 * Scrolls the panel (its own scroll box only, never the portal's page) so that a row is in sight
 * below the sticky header.
 */
function revealInPanel(row: HTMLElement) {
  const panel = row.closest<HTMLElement>('.panel');
  if (!panel) return;
  const header = panel.querySelector('header')?.getBoundingClientRect().height ?? 0;
  const box = panel.getBoundingClientRect();
  const r = row.getBoundingClientRect();
  const top = r.top - box.top - header;
  const bottom = r.bottom - box.top - panel.clientHeight;
  if (top < 0) panel.scrollTop += top;
  else if (bottom > 0) panel.scrollTop += Math.min(bottom, top);
}

/** How long the panel says a step just done was done. */
const JUST_DONE_MS = 8000;

/**
 * The step the page just showed done, said in words for a moment after the panel moved on: what
 * was read, and a captured secret that need not be copied.
 */
function JustDone({ controller }: { controller: PanelController }) {
  const justDone = useView(controller.view, (v) => v.justDone);
  const secret = useView(controller.view, (v) => v.secret);
  // The moment of the last one said and then put away, after a while.
  const [putAway, setPutAway] = useState<number | null>(null);
  useEffect(() => {
    if (!justDone) return;
    const timer = setTimeout(() => setPutAway(justDone.at), JUST_DONE_MS);
    return () => clearTimeout(timer);
  }, [justDone]);
  if (!justDone || putAway === justDone.at) return null;
  const captured = justDone.step.records.includes('clientSecret') && (secret?.length ?? 0) > 0;
  return (
    <section className="just-done" role="status" aria-label="Just done" data-testid="just-done">
      <p>
        <span className="ok">✓</span> Done: {justDone.step.title}.
      </p>
      {captured ? (
        <p data-testid="secret-captured">
          Secret Value captured for this browser session; you don&apos;t need to copy it. It is never written to disk and is
          forgotten when you finish or after a while without use.
        </p>
      ) : (
        <ReadBack step={justDone.step} controller={controller} />
      )}
    </section>
  );
}

/** Earlier steps not done: the admin may have come here first; each says where it is done. */
function StillToDo({ steps, ids }: { steps: readonly Step[]; ids: LinkIds }) {
  return (
    <section className="still-to-do" aria-label="Still to do">
      <p>Still to do before this step:</p>
      <ul>
        {steps.map((s) => {
          const link = s.deepLink ? deepLinkFor(s.deepLink, location.origin, ids) : null;
          return (
            <li key={s.id} data-step-id={s.id}>
              {link ? <a href={link}>{s.title}</a> : s.title}
              {!link && s.where === 'extension' ? ' (in the extension\'s popup)' : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function TargetStatus({ state, missing }: { state: PanelView['targetState']; missing: string[] }) {
  if (state === 'found') return <p className="target found">The control to use is highlighted on the page.</p>;
  if (state === 'searching') return <p className="target searching">Looking for the control on the page…</p>;
  if (state === 'missing')
    return (
      <div className="target missing" role="alert">
        <p>The guide could not find this on the page; the portal may have changed. Find it by hand and go on:</p>
        <ul>
          {missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </div>
    );
  return null;
}
