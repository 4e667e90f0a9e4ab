import { render, screen, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ChecklistApp } from '@/components/checklist/ChecklistApp';
import { GuideStoreProvider } from '@/components/store-context';
import { createGuideStore } from '@/utils/guide/store';

beforeEach(() => fakeBrowser.reset());

test("the checklist's dbt card offers the collected IDs and domain to copy, and the values stay on the page for self-service", () => {
  const guide = createGuideStore();
  guide.setState({ loaded: true });
  guide.getState().recordValue('clientId', '11111111-2222-4333-8444-555555555555', 'page');
  guide.getState().recordValue('tenantId', '66666666-7777-4888-9999-000000000000', 'page');
  guide.getState().recordValue('domain', 'contoso.onmicrosoft.com', 'page');
  render(
    <GuideStoreProvider store={guide}>
      <ChecklistApp />
    </GuideStoreProvider>,
  );
  const card = document.querySelector('[data-step-id="dbt-sso-form"]') as HTMLElement;
  expect(within(card).getByText('11111111-2222-4333-8444-555555555555')).toBeTruthy();
  expect(within(card).getByText('66666666-7777-4888-9999-000000000000')).toBeTruthy();
  expect(within(card).getByText('contoso.onmicrosoft.com')).toBeTruthy();
  expect(within(card).getByRole('button', { name: "Fill dbt's SSO form" })).toBeTruthy();
  // No export step for self-service, but the values and the export are still here.
  expect(document.querySelector('[data-step-id="handoff"]')).toBeNull();
  expect(screen.getByLabelText('Client secret Value', { exact: true })).toBeTruthy();
});
