import { useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { useGuide } from '@/components/store-context';
import { useGuideSteps } from '@/components/use-guide-steps';
import { useMarkSectionDone } from '@/components/sections';
import { SignInDiagnosis } from '@/components/SignInDiagnosis';
import { isDbtLoginUrl } from '@/utils/dbt/routes';

export interface SignInSectionProps {
  /** Opens a URL in a private window; false when the browser does not let the extension. */
  openPrivate?(url: string): Promise<boolean>;
}

const privateWindow = async (url: string) => {
  try {
    await browser.windows.create({ url, incognito: true });
    return true;
  } catch {
    return false;
  }
};

/**
 * The test sign-in: dbt's login URL (read after Save) in a private window, what success looks
 * like, the admin's "A user signed in", and a pasted error explained and mapped to its step.
 */
export function SignInSection({ openPrivate = privateWindow }: SignInSectionProps) {
  const id = useId();
  const steps = useGuideSteps();
  const loginUrl = useGuide((s) => s.values.dbtLoginUrl?.value ?? '');
  const progress = useGuide((s) => s.progress);
  const markStep = useGuide((s) => s.markStep);
  const markDone = useMarkSectionDone('try-sign-in');
  const [note, setNote] = useState('');
  const step = steps.find((s) => s.section === 'try-sign-in');
  const done = step ? progress[step.id]?.done === true : false;
  const url = isDbtLoginUrl(loginUrl) ? loginUrl : '';
  const title = (stepId: string) => steps.find((s) => s.id === stepId)?.title ?? stepId;

  const open = async () => {
    if (await openPrivate(url)) return setNote('The login URL is open in a private window.');
    try {
      await navigator.clipboard.writeText(url);
      setNote('This browser does not let the extension open a private window: the login URL is copied, paste it into one.');
    } catch {
      setNote('Open a private window and go to the login URL above.');
    }
  };

  return (
    <section className="sign-in" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Test the sign-in</h2>
      {url ? (
        <p>
          Login URL: <code>{url}</code>{' '}
          <button type="button" onClick={() => void open()}>
            Open in a private window
          </button>
        </p>
      ) : (
        <p className="hint">dbt shows the login URL (…/enterprise-login/&lt;slug&gt;) once its SSO form is saved; the guide reads it there.</p>
      )}
      <p className="hint">
        Sign in as a user assigned to the app. Success: Microsoft&apos;s sign-in page, then dbt, signed in as that user.
      </p>
      <div className="actions">
        {/* The main action once there is a login URL to test (before, dbt's form is). */}
        <button type="button" className={url && !done ? 'primary' : undefined} disabled={done} onClick={markDone}>
          {done ? '✓ A user signed in' : 'A user signed in'}
        </button>
      </div>
      <p role="status" aria-live="polite">
        {note}
      </p>
      <SignInDiagnosis
        stepTitle={title}
        onGoToStep={(stepId) => {
          markStep(stepId, false, 'hand');
          setNote(`"${title(stepId)}" is open again: the guide shows it where it is done.`);
        }}
      />
    </section>
  );
}
