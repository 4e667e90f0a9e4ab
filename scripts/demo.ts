/**
 * Try the extension without a tenant: starts the replica portal, opens Chromium with the
 * production build (.output/chrome-mv3), starts the guide with the default setup (self-service,
 * North America, single tenant, as the popup's "Start the guide on the portal" would), opens
 * App registrations > "New registration", waits for the guide panel and its ring on the register
 * form. Headed where a display exists (then it waits for Ctrl-C), headless otherwise (then it
 * saves a 1280×800 screenshot, the stores' screenshot size, to demo.png, and stops).
 *
 *   npm run demo                     # portal.azure.com
 *   npm run demo -- --entra          # the Entra admin center
 *   npm run demo -- --knockout       # classic blades in the top document
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Frame, type Page } from 'playwright-core';
import { DEFAULT_EXTENSION_PATH, launchBrowser } from '../tests/e2e/harness';
import { startReplica } from '../tests/fixtures/replica/server';

const args = new Set(process.argv.slice(2));
const host = args.has('--entra') ? 'entra.microsoft.com' : 'portal.azure.com';
const url = `https://${host}/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade`;
const WAIT = 30_000;

if (!existsSync(join(DEFAULT_EXTENSION_PATH, 'manifest.json'))) {
  console.error(`No extension build at ${DEFAULT_EXTENSION_PATH}. Build it first: npm run build:chrome`);
  process.exit(1);
}

// The harness starts Chromium with --host-resolver-rules (the real host names mapped to the
// replica), --ignore-certificate-errors (the replica's certificates for those names) and
// --no-sandbox (Playwright adds it too; Chromium refuses to run as root without it). All three are
// on Chromium's list of "bad flags": a headed window shows the first one found in the bar "You are
// using an unsupported command-line flag: --host-resolver-rules=… Stability and security will
// suffer." (Chromium 156). The demo needs every one of them, so it adds --test-type instead, the
// switch of Chromium's own test harnesses, under which Chromium shows none of its start-up bars
// (bad flags, missing API keys, default browser). For the demo only: the tests run headless.
const launchPersistentContext = chromium.launchPersistentContext.bind(chromium);
chromium.launchPersistentContext = ((userDataDir, options) =>
  launchPersistentContext(userDataDir, { ...options, args: [...(options?.args ?? []), '--test-type'] })) as typeof chromium.launchPersistentContext;

const headless = !process.env.DISPLAY;
const replica = await startReplica({ config: { knockout: args.has('--knockout') } });
const browser = await launchBrowser({ replica, headless, viewport: headless ? { width: 1280, height: 800 } : null });

let stopping = false;
async function stop(code = Number(process.exitCode ?? 0)): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (browser.errors.length) console.error(`Extension errors:\n${browser.errors.join('\n')}`);
    await browser.close();
    await replica.close();
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
browser.context.on('close', () => void stop());

console.log(`Replica portal on 127.0.0.1:${replica.port}; the real host names are mapped to it.`);
console.log(`Extension ${browser.extensionId} loaded from ${DEFAULT_EXTENSION_PATH}.`);

// Start the guide: what the popup writes to storage.local when the admin keeps the default setup
// and presses "Start the guide on the portal" (the setup, its first step ticked, the panel
// running; `setup$` is WXT's version mark for the setup item, `layout` the one-key-per-field
// layout), written through the service worker.
const at = new Date().toISOString();
await browser.serviceWorker.evaluate(
  (items) => (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome.storage.local.set(items),
  {
    layout: 2,
    setup: { profile: 'self-service', deploymentId: '', supportRedirectUri: '', region: 'us', customRedirectUri: '', accountType: 'single', includeDirectoryRead: false },
    setup$: { v: 2 },
    'progress.setup': { done: true, by: 'hand', at },
    panel: { running: true, collapsed: false, dock: 'auto' },
  },
);
console.log('Guide started: self-service, North America, single tenant (change it in the popup).');

const page: Page = browser.context.pages()[0] ?? (await browser.newPage());
await page.goto(url);
console.log(`Opened ${url}`);

/** The frame that holds a locator's first match: the blade iframe, or the top document (--knockout). */
async function frameWith(selector: (frame: Frame) => ReturnType<Frame['locator']>, timeout = WAIT): Promise<Frame> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    for (const frame of page.frames()) {
      if (await selector(frame).first().isVisible().catch(() => false)) return frame;
    }
    await page.waitForTimeout(200);
  }
  throw new Error('not found');
}

try {
  // A menu item of the blade's command bar; a plain button in the classic (--knockout) blades.
  const newRegistration = (f: Frame) => f.getByRole('menuitem', { name: 'New registration' }).or(f.getByRole('button', { name: 'New registration' }));
  const list = await frameWith(newRegistration);
  await newRegistration(list).first().click();
  // The panel's host element has no box of its own (its content is in its shadow root): attached.
  await page.locator('sso-guide-panel[data-step="register-app"][data-target-state="found"]').waitFor({ state: 'attached', timeout: WAIT });
  // The ring around the control to use next, in the register form's frame.
  await frameWith((f) => f.locator('[data-sso-guide="spotlight"]'));
  console.log('The guide panel shows "Register the application", with the ring on the register form.');
} catch (error) {
  console.error(`The guide did not come up on the register form (${(error as Error).message}); the screenshot shows what there is.`);
  process.exitCode = 1;
}

if (headless) {
  console.log('No DISPLAY: Chromium ran headless.');
  const shot = resolve('demo.png');
  await page.screenshot({ path: shot });
  console.log(`Screenshot: ${shot}`);
  await stop();
}
console.log('Press Ctrl-C to stop.');
