import { afterEach, describe, expect, test } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GuideStoreProvider } from '@/components/store-context';
import { GuidePanel } from '@/components/panel/GuidePanel';
import { createGuideStore } from '@/utils/guide/store';
import { createPanelController } from '@/utils/guide/panel-controller';
import type { Message } from '@/utils/messaging/protocol';
import { rotationSteps, steps } from '@/steps';

const BLADE = 'https://sandbox-1.reactblade.portal.azure.net';
const REGISTER = 'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/CreateApplicationBlade/quickStartType~/null/isMSAApp~/false';

/** The panel on the register form, its fills answered by `answer`. */
function renderPanel(answer: { ok: boolean; reason?: string }) {
  const guide = createGuideStore();
  guide.setState({ loaded: true });
  guide.getState().updateSetup({ profile: 'self-service', region: 'us' });
  guide.getState().markStep('setup', true, 'hand');
  guide.getState().markStep('open-app-registrations', true, 'hand');
  const controller = createPanelController({
    guide,
    send: async (m: Message) => (m.type === 'panel/fill' ? answer : undefined),
    url: () => REGISTER,
    signal: new AbortController().signal,
    guides: { 'sso-setup': steps, rotation: rotationSteps },
    bladeOrigin: () => BLADE,
  });
  guide.getState().updatePanel({ running: true });
  render(
    <GuideStoreProvider store={guide}>
      <GuidePanel controller={controller} copy={async () => true} openChecklist={() => undefined} />
    </GuideStoreProvider>,
  );
  const targets = controller.view.getState().job?.targets ?? [];
  const report = (satisfied: Record<number, boolean>) =>
    act(() =>
      controller.receive({
        type: 'agent/report',
        stepId: 'register-app',
        targets: targets.map((_, index) => ({ index, found: true, visible: true, satisfied: satisfied[index] ?? false })),
        reads: [],
        frameId: 3,
        origin: BLADE,
      }),
    );
  return { controller, targets, report };
}

describe('the panel\'s words after a fill', () => {
  afterEach(cleanup);

  test('"did not take" while the page shows no value; gone, and ✓ Set, once the page shows it (a later render)', async () => {
    const { controller, targets, report } = renderPanel({ ok: false, reason: 'the dropdown does not show the option' });
    const web = targets.findIndex((t) => t.value === 'Web');
    expect(web).toBeGreaterThanOrEqual(0);
    report({});
    // As the admin's click would (a script's click, untrusted, does nothing: tested below).
    await act(() => controller.fill(web));
    const row = screen.getByRole('button', { name: 'Choose Web' }).closest('li')!;
    expect(within(row).getByRole('alert').textContent).toMatch(/did not take it \(the dropdown does not show the option\)/);
    // The page renders the choice after all: what it shows now wins over the fill's answer.
    report({ [web]: true });
    const set = screen.getByRole('button', { name: '✓ Set: Choose Web' });
    expect(set.textContent).toBe('✓ Set');
    expect(within(set.closest('li')!).queryByRole('alert')).toBeNull();
  });

  test('no ✓ before the page shows the value: a fill that answered ok leaves the button as it was until the report', async () => {
    const { controller, targets, report } = renderPanel({ ok: true });
    const name = targets.findIndex((t) => t.value === 'dbt Cloud');
    report({});
    await act(() => controller.fill(name));
    expect(screen.getByRole('button', { name: 'Fill in dbt Cloud' }).textContent).toBe('Fill');
    expect(screen.queryByRole('alert')).toBeNull();
    report({ [name]: true });
    expect(screen.getByRole('button', { name: '✓ Set: Fill in dbt Cloud' }).textContent).toBe('✓ Set');
  });

  test('a click the browser did not make from the admin\'s input (a page script\'s) fills nothing', async () => {
    const { controller, report } = renderPanel({ ok: true });
    report({});
    await userEvent.setup().click(screen.getByRole('button', { name: 'Fill in dbt Cloud' }));
    expect(controller.view.getState().fills).toEqual({});
    expect(controller.view.getState().filling).toBeNull();
  });
});
