import { useGuide } from '@/components/store-context';
import { SetupForm } from '@/components/SetupForm';
import { StepList } from '@/components/StepList';
import { HandoffSection } from '@/components/handoff/HandoffSection';
import { GuideControls } from '@/components/GuideControls';
import { PolicyNotices } from '@/components/PolicyNotices';
import { steps } from '@/steps';

export function PopupApp() {
  const loaded = useGuide((s) => s.loaded);
  const notices = useGuide((s) => s.notices);
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
      {loaded ? (
        <>
          <SetupForm />
          <GuideControls />
          <StepList steps={steps} />
          <HandoffSection />
        </>
      ) : (
        <p role="status">Loading…</p>
      )}
    </main>
  );
}
