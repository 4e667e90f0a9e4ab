import { afterEach, describe, expect, test, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SignInDiagnosis } from '@/components/SignInDiagnosis';
import { SIGN_IN_ERRORS } from '@/steps/diagnosis/sign-in-errors';

afterEach(cleanup);

const LABEL = 'Paste the error text or the page address';
const TITLES: Record<string, string> = {
  'add-redirect-uri': 'Add the Web redirect URI',
  'grant-admin-consent': 'Grant admin consent',
};
const REDIRECT_MISMATCH =
  "AADSTS50011: The redirect URI 'https://auth.cloud.getdbt.com/login/callback' specified in the request does not match the redirect URIs configured for the application '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.";

function setup() {
  const onGoToStep = vi.fn();
  const stepTitle = vi.fn((id: string) => TITLES[id] ?? id);
  const user = userEvent.setup();
  render(<SignInDiagnosis stepTitle={stepTitle} onGoToStep={onGoToStep} />);
  const paste = async (text: string) => {
    const box = screen.getByLabelText(LABEL);
    await user.click(box);
    await user.paste(text);
    await user.click(screen.getByRole('button', { name: 'Explain' }));
  };
  return { onGoToStep, stepTitle, user, paste };
}

const live = () => {
  const region = document.querySelector('[aria-live="polite"]');
  if (!(region instanceof HTMLElement)) throw new Error('no live region');
  return region;
};

describe('SignInDiagnosis', () => {
  test('the text box has its visible label and a hint', () => {
    setup();
    const box = screen.getByLabelText(LABEL);
    expect(box.tagName).toBe('TEXTAREA');
    expect(screen.getByText(LABEL).tagName).toBe('LABEL');
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
  });

  test('a pasted error shows its cause and what to do; the step button goes to the step that fixes it', async () => {
    const { paste, onGoToStep, user } = setup();
    await paste(REDIRECT_MISMATCH);
    const entry = SIGN_IN_ERRORS.find((e) => e.code === 'AADSTS50011');
    const region = within(live());
    expect(region.getByText('AADSTS50011')).toBeTruthy();
    expect(region.getByText(entry?.cause ?? '?')).toBeTruthy();
    expect(region.getByText(entry?.fix ?? '?')).toBeTruthy();
    await user.click(region.getByRole('button', { name: 'Go to: Add the Web redirect URI' }));
    expect(onGoToStep).toHaveBeenCalledExactlyOnceWith('add-redirect-uri');
  });

  test('a pasted callback address with several codes lists each, in order, each with its step', async () => {
    const { paste, onGoToStep, user } = setup();
    await paste(
      'https://auth.cloud.getdbt.com/login/callback?error=access_denied&error_description=AADSTS65001%3A+The+user+or+administrator+has+not+consented.+AADSTS50011%3A+The+redirect+URI',
    );
    const items = within(live()).getAllByRole('listitem');
    expect(items.map((li) => within(li).getByRole('heading').textContent)).toEqual([
      expect.stringContaining('AADSTS65001'),
      expect.stringContaining('AADSTS50011'),
    ]);
    await user.click(within(items[0] as HTMLElement).getByRole('button', { name: 'Go to: Grant admin consent' }));
    expect(onGoToStep).toHaveBeenLastCalledWith('grant-admin-consent');
  });

  test('no code → a sentence saying nothing was found and what to paste', async () => {
    const { paste } = setup();
    await paste('Sorry, but we are having trouble signing you in.');
    expect(live().textContent).toMatch(/No AADSTS code and no dbt sign-in message was found/);
    expect(live().textContent).toMatch(/the line that starts with AADSTS/);
    expect(within(live()).queryByRole('button')).toBeNull();
  });

  test('an unknown code names Microsoft\'s reference and offers no step', async () => {
    const { paste } = setup();
    await paste('AADSTS50058: A silent sign-in request was sent but no user is signed in.');
    expect(live().textContent).toMatch(/not one of the sign-in errors this guide explains/);
    expect(live().textContent).toContain('https://learn.microsoft.com/entra/identity-platform/reference-error-codes');
    expect(within(live()).queryByRole('button')).toBeNull();
  });

  test('editing the text clears the explanation made for the old one', async () => {
    const { paste, user } = setup();
    await paste(REDIRECT_MISMATCH);
    expect(within(live()).queryByText('AADSTS50011')).not.toBeNull();
    await user.type(screen.getByLabelText(LABEL), ' more');
    expect(live().textContent).toBe('');
  });
});
