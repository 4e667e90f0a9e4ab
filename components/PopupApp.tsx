import { useEffect, useState, type ReactElement } from 'react';
import { useGuide } from '@/components/store-context';
import { SetupForm } from '@/components/SetupForm';
import { ProgressLine, StepList } from '@/components/StepList';
import { HandoffSection } from '@/components/handoff/HandoffSection';
import { GuideControls } from '@/components/GuideControls';
import { PolicyNotices } from '@/components/PolicyNotices';
import { DbtFormSection } from '@/components/dbt/DbtFormSection';
import { SignInSection } from '@/components/dbt/SignInSection';
import { useGuideSteps } from '@/components/use-guide-steps';
import { checks } from '@/utils/guide/checks';
import type { GuideState } from '@/utils/guide/store';
import { ACCOUNT_TYPES, planFor, type Setup } from '@/utils/domain/setup';

/** The values the hand-off review shows; once one is recorded, the review comes first. */
const HANDOFF_VALUES = ['clientId', 'tenantId', 'domain', 'secretExpiry'] as const;
const hasHandoffValues = (s: GuideState) => s.secret !== null || HANDOFF_VALUES.some((k) => s.values[k] !== undefined);

/** The setup in one line, for its collapsed section. */
function setupSummary(setup: Setup): string {
  const plan = planFor(setup);
  const profile = setup.profile === 'support' ? 'Support-assisted' : 'Self-service';
  const accountType = ACCOUNT_TYPES[setup.accountType].label.split(':')[0] ?? '';
  return `${profile}, ${plan.redirectUri ?? 'no redirect URI yet'}, ${accountType.toLowerCase()}`;
}

/**
 * The popup. It shows the setup with its defaults at once: stored values and the organisation's
 * presets apply when they arrive (a preset locks its control then). The one progress line is at
 * the top. Before any hand-off value is recorded: the setup, the guide's controls, the steps, then
 * the hand-off. Once one is: the hand-off review first, then the guide's controls, and the setup
 * and the steps folded away.
 */
export function PopupApp() {
  const notices = useGuide((s) => s.notices);
  const loaded = useGuide((s) => s.loaded);
  const hasValues = useGuide(hasHandoffValues);
  const setupComplete = useGuide((state) => checks.setupComplete({ page: null, state, secretCaptured: false }));
  const setup = useGuide((s) => s.setup);
  const steps = useGuideSteps();

  // The order is chosen once the stored values are known, and not changed under the admin's
  // hands: values typed into the hand-off section here leave it where it is.
  // The setup is folded then, unless it is incomplete (the guide cannot start without it).
  const [engaged, setEngaged] = useState(false);
  const [layout, setLayout] = useState(() => ({ reviewFirst: loaded && hasValues, setupOpen: !setupComplete }));
  if (!layout.reviewFirst && loaded && hasValues && !engaged) setLayout({ reviewFirst: true, setupOpen: !setupComplete });

  // A first frame with the setup alone when the popup opens, the rest one frame later: the
  // setup paints sooner, and what is below it (mostly out of sight) follows at once. When the
  // stored state is already there (a test's store), everything at once.
  const [whole, setWhole] = useState(loaded);
  useEffect(() => {
    if (whole) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setWhole(true), 0);
    });
    // A page the browser does not paint (opened in a background tab) gets no animation frame:
    // the rest comes then anyway.
    const fallback = setTimeout(() => setWhole(true), 100);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(fallback);
    };
  }, [whole]);

  // Keyed, so that a change of order moves the sections without rebuilding the hand-off's state.
  const handoff = (
    <div key="handoff-section" onFocus={() => setEngaged(true)}>
      <HandoffSection />
    </div>
  );
  const progress = <ProgressLine key="progress" steps={steps} />;
  const controls = <GuideControls key="controls" />;
  // Self-service: dbt's own form is where the values go (the encrypted file stays a choice below).
  const dbtForm = setup.profile === 'self-service' ? [<DbtFormSection key="dbt-form" />] : [];
  const signIn = <SignInSection key="sign-in" />;
  const sections: ReactElement[] = layout.reviewFirst
    ? [
        progress,
        ...dbtForm,
        handoff,
        signIn,
        controls,
        <details key="setup-details" className="setup-details" open={layout.setupOpen}>
          <summary>
            <strong>Setup</strong>: {setupSummary(setup)}
          </summary>
          <SetupForm />
        </details>,
        <details key="steps-details" className="steps-details">
          <summary>
            <strong>All steps</strong>, to tick one done by hand
          </summary>
          <StepList steps={steps} heading={false} />
        </details>,
      ]
    : [progress, <SetupForm key="setup-form" />, controls, ...(whole ? [...dbtForm, <StepList key="steps" steps={steps} />, handoff, signIn] : [])];

  return (
    <main className="popup">
      <h1>dbt Cloud SSO with Microsoft Entra ID</h1>
      {notices.length ? (
        <div role="status" className="notice">
          {notices.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      ) : null}
      <PolicyNotices />
      {sections}
    </main>
  );
}
