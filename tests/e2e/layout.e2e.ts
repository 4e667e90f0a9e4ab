import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { DEFAULT_EXTENSION_PATH, launchBrowser, type ExtensionBrowser } from './harness';
import { blade, panel, panelButton, poll, spotlightCovers, startGuide, stepOf } from './guide-helpers';

/**
 * The guide on an admin's laptop: at 1366×768 (light and dark) and 1280×720 (and 1920×1080 on the
 * portal's dark theme), every step walked, and at each the
 * panel's box measured against the ring's and against the controls of the visible blade that the
 * step uses: 0 px² of overlap everywhere. A screenshot per step goes to test-results/layout/
 * (git-ignored) to look at.
 */

if (!existsSync(join(DEFAULT_EXTENSION_PATH, 'manifest.json'))) {
  throw new Error(`No extension build at ${DEFAULT_EXTENSION_PATH}. Build it first: npm run build`);
}

const SHOTS = join('test-results', 'layout');
mkdirSync(SHOTS, { recursive: true });

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
};

let replica: Replica;

beforeAll(async () => {
  replica = await startReplica({ config: { renderDelayMs: 300 } });
});
afterAll(async () => {
  await replica?.close();
});

describe.each([
  [1366, 768, 'light'],
  [1366, 768, 'dark'],
  [1280, 720, 'light'],
  [1920, 1080, 'dark'],
] as const)('at %i×%i on the %s portal theme, the panel covers neither the ring nor the controls the step uses', (width, height, theme) => {
  let browser: ExtensionBrowser;
  let page: Page;

  /**
   * The panel's overlap with the ring and with each control, once the panel has settled; then a
   * screenshot. The controls are those the step uses that the page shows now.
   */
  async function clear(name: string, frame: Frame, controls: Locator[]): Promise<void> {
    const measure = async () => {
      const box = await panel(page).locator('aside').boundingBox();
      if (!box) return ['no panel'];
      const hits: string[] = [];
      // Controls the page does not show now are not waited for.
      const ring = await frame.locator('[data-sso-guide="spotlight"]').boundingBox({ timeout: 500 }).catch(() => null);
      if (ring && ring.width > 0 && overlap(box, ring) > 0) hits.push(`ring: ${overlap(box, ring)} px²`);
      for (const control of controls) {
        const b = await control.boundingBox({ timeout: 500 }).catch(() => null);
        if (b && overlap(box, b) > 0) hits.push(`${String(control)}: ${overlap(box, b)} px²`);
      }
      return hits;
    };
    await poll(measure, 5000).toEqual([]);
    // The panel in the portal's theme, not the operating system's.
    expect(await panel(page).locator('aside').getAttribute('data-theme')).toBe(theme);
    await page.screenshot({ path: join(SHOTS, `${width}x${height}-${theme}-${name}.png`) });
  }

  /**
   * A panel button can be clicked where it is drawn, without scrolling: the point at its centre
   * is the button itself, not the panel's edge or what lies below the panel's scroll box.
   */
  const inSight = (name: string) =>
    panel(page)
      .getByRole('button', { name })
      .evaluate((b) => {
        const r = b.getBoundingClientRect();
        return (b.getRootNode() as ShadowRoot).elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b;
      });

  beforeAll(async () => {
    replica.reset();
    replica.configure({ renderDelayMs: 300, theme });
    browser = await launchBrowser({ replica, viewport: { width, height } });
    await startGuide(browser, { region: 'us' });
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('App registrations and the register form, before and after each value', async () => {
    await page.goto('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade');
    await poll(() => stepOf(page)).toBe('open-app-registrations');
    let frame = await blade(page);
    const newRegistration = frame.getByRole('menuitem', { name: 'New registration' });
    await clear('01-app-registrations', frame, [newRegistration]);
    await newRegistration.click();
    await poll(() => stepOf(page)).toBe('register-app');
    frame = await blade(page);
    const form = [
      frame.getByRole('textbox', { name: 'Name' }),
      ...(await frame.getByRole('radio').all()),
      frame.getByRole('combobox').first(),
      frame.getByRole('textbox', { name: /Redirect URI|e\.g\./ }).first(),
      frame.getByRole('button', { name: 'Register' }),
    ];
    // Nothing red on a step before the admin acted.
    expect(await panel(page).locator('.finding.error, [aria-invalid="true"]').count()).toBe(0);
    await clear('02-register', frame, form);
    await panelButton(page, 'Fill in dbt Cloud');
    await panelButton(page, 'Choose Accounts in this organizational directory only');
    await clear('03-register-name-and-type', frame, form);
    await poll(() => inSight('Choose Web')).toBe(true);
    await panelButton(page, 'Choose Web');
    // The next value's row is brought into the panel's sight (the compact form is short).
    await poll(() => inSight('Fill in https://auth.cloud.getdbt.com/login/callback')).toBe(true);
    await panelButton(page, 'Fill in https://auth.cloud.getdbt.com/login/callback');
    await clear('04-register-filled', frame, form);
    await frame.getByRole('button', { name: 'Register' }).click();
  });

  test('the enterprise application: Users and groups, Add Assignment, Properties', async () => {
    await poll(() => stepOf(page)).toBe('assign-users');
    let frame = await blade(page);
    const managed = frame.getByRole('link', { name: 'dbt Cloud' }).last();
    await clear('05-overview', frame, [managed]);
    await managed.click();
    await page.waitForURL(/ManagedAppMenuBlade\/~\/Overview/);
    const menu = page.getByRole('navigation', { name: 'Resource menu' });
    await clear('06-enterprise-overview', page.mainFrame(), [menu.getByRole('link', { name: 'Users and groups' })]);
    await menu.getByRole('link', { name: 'Users and groups' }).click();
    await page.waitForURL(/ManagedAppMenuBlade\/~\/Users/);
    frame = await blade(page);
    const add = frame.getByRole('menuitem', { name: 'Add user/group' });
    await clear('07-users-and-groups', frame, [add]);
    await add.click();
    const dialog = frame.getByRole('dialog', { name: 'Add Assignment' });
    await clear('08-add-assignment', frame, [dialog.getByRole('link', { name: 'None Selected' }), dialog.getByRole('button', { name: 'Assign' })]);
    await dialog.getByRole('link', { name: 'None Selected' }).click();
    const picker = frame.getByRole('dialog', { name: 'Users and groups' });
    await picker.getByRole('checkbox', { name: 'dbt Developers', exact: true }).check();
    await clear('09-picker', frame, [picker.getByRole('checkbox', { name: 'dbt Developers', exact: true }), picker.getByRole('button', { name: 'Select' })]);
    await picker.getByRole('button', { name: 'Select' }).click();
    await dialog.getByRole('button', { name: 'Assign' }).click();
    await poll(() => stepOf(page)).toBe('require-assignment');
    await menu.getByRole('link', { name: 'Properties' }).click();
    await page.waitForURL(/ManagedAppMenuBlade\/~\/Properties/);
    frame = await blade(page);
    const toggle = frame.getByRole('switch', { name: 'Assignment required?' });
    const save = frame.getByRole('menuitem', { name: 'Save' });
    await toggle.waitFor();
    await clear('10-properties', frame, [toggle, save]);
    await panelButton(page, 'Choose Yes');
    await clear('11-properties-set', frame, [toggle, save]);
    await save.click();
    await poll(() => stepOf(page)).toBe('add-api-permissions');
  });

  test('API permissions, the request panel, and admin consent (the ring on "Yes" at once)', async () => {
    await panel(page).getByRole('link', { name: 'Go there' }).click();
    const frame = await blade(page);
    const addPermission = frame.getByRole('menuitem', { name: 'Add a permission' });
    await addPermission.waitFor();
    expect(await panel(page).locator('.finding.error').count()).toBe(0);
    await clear('12-api-permissions', frame, [addPermission]);
    await addPermission.click();
    const graph = frame.getByRole('button', { name: 'Microsoft Graph', exact: true });
    await graph.waitFor();
    await clear('13-request-permissions', frame, [graph]);
    await graph.click();
    const delegated = frame.getByRole('radio', { name: /Delegated permissions/ });
    await delegated.waitFor();
    await clear('14-graph', frame, [delegated, frame.getByRole('searchbox').first()]);
    await panelButton(page, 'Choose Delegated permissions');
    await panelButton(page, 'Tick User.Read');
    await panelButton(page, 'Tick GroupMember.Read.All');
    const addPermissions = frame.getByRole('button', { name: 'Add permissions' });
    await clear('15-permissions-ticked', frame, [addPermissions, frame.getByRole('checkbox', { name: /GroupMember.Read.All/ }).first()]);
    await addPermissions.click();
    await poll(() => stepOf(page)).toBe('grant-admin-consent');
    const grant = frame.getByRole('menuitem', { name: /Grant admin consent for/ });
    await clear('16-consent', frame, [grant]);
    // The ring is on "Yes" within 100 ms of the confirmation appearing.
    const delay = frame.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const yesButton = () => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Yes');
          const covers = (ring: DOMRect, b: DOMRect) => ring.left <= b.left && ring.top <= b.top && ring.right >= b.right && ring.bottom >= b.bottom;
          let appeared = 0;
          const tick = () => {
            const yes = yesButton();
            if (yes && !appeared) appeared = performance.now();
            const ring = document.querySelector('sso-guide-spotlight')?.shadowRoot?.querySelector('[data-sso-guide="spotlight"]');
            if (yes && ring && covers(ring.getBoundingClientRect(), yes.getBoundingClientRect())) return resolve(performance.now() - appeared);
            if (appeared && performance.now() - appeared > 3000) return reject(new Error('the ring never reached Yes'));
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        }),
    );
    await grant.click();
    const ms = await delay;
    console.info(`${width}×${height}: the ring on "Yes" ${ms.toFixed(1)} ms after the confirmation appeared`);
    expect(ms).toBeLessThan(100);
    const yes = frame.getByRole('button', { name: 'Yes' });
    await clear('17-consent-confirmation', frame, [yes]);
    await yes.click();
    await poll(() => stepOf(page)).toBe('create-client-secret');
  });

  test('Certificates & secrets: the capture said in words; the tenant overview', async () => {
    await panel(page).getByRole('link', { name: 'Go there' }).click();
    const frame = await blade(page);
    const tab = frame.getByRole('tab', { name: /Client secrets/ });
    await tab.waitFor();
    await clear('18-credentials', frame, [tab]);
    await tab.click();
    await frame.getByRole('menuitem', { name: 'New client secret' }).click();
    const description = frame.getByRole('textbox', { name: 'Description' });
    await description.waitFor();
    await clear('19-add-secret', frame, [description, frame.getByRole('combobox', { name: /Expires/ }), frame.getByRole('button', { name: 'Add', exact: true })]);
    await panelButton(page, 'Fill in dbt Cloud');
    await panelButton(page, 'Choose 730 days (24 months)');
    await frame.getByRole('button', { name: 'Add', exact: true }).click();
    await poll(() => stepOf(page)).toBe('record-domain');
    await poll(() => panel(page).getByTestId('secret-captured').isVisible()).toBe(true);
    expect(await panel(page).getByTestId('secret-captured').textContent()).toMatch(/you don.t need to copy it/);
    await clear('20-secret-captured', frame, [frame.getByRole('tab', { name: /Client secrets/ })]);
    await panel(page).getByRole('link', { name: 'Go there' }).click();
    await poll(() => stepOf(page)).toBe('dbt-sso-form');
    await poll(() => panel(page).getByTestId('just-done').textContent()).toMatch(/Done: Record the directory/);
    await page.screenshot({ path: join(SHOTS, `${width}x${height}-21-tenant-overview.png`) });
    expect(browser.errors).toEqual([]);
  });
});

describe('a control below the fold', () => {
  test('is brought into view when the ring moves to it', async () => {
    replica.reset();
    replica.configure({ renderDelayMs: 300, credentialsTab: 'secrets' });
    const browser = await launchBrowser({ replica, viewport: { width: 1280, height: 480 } });
    try {
      await startGuide(browser, { region: 'us' });
      const app = replica.state.apps[0];
      if (!app) throw new Error('no seeded app');
      const page = await browser.newPage();
      await page.goto(`https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${app.appId}`);
      await poll(() => stepOf(page)).toBe('create-client-secret');
      const frame = await blade(page);
      const button = frame.getByRole('menuitem', { name: 'New client secret' });
      await button.waitFor();
      // Where the page puts it, below the fold of a 480 px window: the blade had to scroll.
      const scrolled = () => frame.evaluate(() => [...document.querySelectorAll('*')].some((el) => el.scrollTop > 0));
      const inView = () => button.evaluate((b) => b.getBoundingClientRect().bottom <= innerHeight && b.getBoundingClientRect().top >= 0);
      await poll(() => spotlightCovers(frame, button)).toBe(true);
      await poll(inView).toBe(true);
      expect(await scrolled()).toBe(true);
      expect(browser.errors).toEqual([]);
    } finally {
      replica.configure({ credentialsTab: 'certificates' });
      await browser.close();
    }
  });
});
