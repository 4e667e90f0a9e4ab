/**
 * Try the extension without a tenant: starts the replica portal, opens Chromium with the
 * production build (.output/chrome-mv3) on the App registrations list, and waits for Ctrl-C.
 * Headed where a display exists, headless otherwise (then it saves a screenshot to demo.png).
 *
 *   npm run demo                     # portal.azure.com
 *   npm run demo -- --entra          # the Entra admin center
 *   npm run demo -- --knockout       # classic blades in the top document
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_EXTENSION_PATH, launchBrowser } from '../tests/e2e/harness';
import { LIVE_BLADE_HOST } from '../tests/fixtures/replica/protocol';
import { startReplica } from '../tests/fixtures/replica/server';

const args = new Set(process.argv.slice(2));
const host = args.has('--entra') ? 'entra.microsoft.com' : 'portal.azure.com';
const url = `https://${host}/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade`;

if (!existsSync(join(DEFAULT_EXTENSION_PATH, 'manifest.json'))) {
  console.error(`No extension build at ${DEFAULT_EXTENSION_PATH}. Build it first: npm run build:chrome`);
  process.exit(1);
}

const headless = !process.env.DISPLAY;
const replica = await startReplica({ config: { knockout: args.has('--knockout') } });
const browser = await launchBrowser({ replica, headless, viewport: headless ? { width: 1280, height: 720 } : null });

let stopping = false;
async function stop(code = 0): Promise<never> {
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

const page = browser.context.pages()[0] ?? (await browser.newPage());
await page.goto(url);
console.log(`Replica portal on 127.0.0.1:${replica.port}; the real host names are mapped to it.`);
console.log(`Extension ${browser.extensionId} loaded from ${DEFAULT_EXTENSION_PATH}.`);
console.log(`Opened ${url}`);

if (headless) {
  console.log('No DISPLAY: Chromium runs headless.');
  const blade = page.frames().find((f) => f.url().startsWith(`https://${LIVE_BLADE_HOST}/`));
  await blade?.getByRole('menuitem').first().waitFor({ timeout: 15_000 }).catch(() => undefined);
  const shot = resolve('demo.png');
  await page.screenshot({ path: shot });
  console.log(`Screenshot: ${shot}`);
}
console.log('Press Ctrl-C to stop.');
