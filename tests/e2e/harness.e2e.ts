import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LIVE_BLADE_HOST, PLAIN_HOST } from '../fixtures/replica/protocol';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { frameByHost, launchBrowser, type ExtensionBrowser } from './harness';

/**
 * The harness checks itself with a probe extension that misbehaves on purpose: its content script
 * and service worker log errors and throw, and the harness must attribute each to the extension.
 * Otherwise "no extension errors" in the other browser tests could never fail.
 */

const PROBE = {
  'manifest.json': JSON.stringify({
    manifest_version: 3,
    name: 'Harness probe',
    version: '1.0',
    background: { service_worker: 'sw.js' },
    content_scripts: [
      { matches: ['https://portal.azure.com/*', 'https://*.portal.azure.net/*'], all_frames: true, run_at: 'document_idle', js: ['cs.js'] },
    ],
  }),
  'cs.js': `console.error('probe: console error in ' + location.host);
setTimeout(() => { throw new Error('probe: uncaught in ' + location.host); }, 0);`,
  'sw.js': `setTimeout(() => console.error('probe: console error in worker'), 1500);`,
};

let dir: string;
let replica: Replica;
let browser: ExtensionBrowser;

/** expect.poll with room for a slow machine (its default is one second). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sso-guide-probe-'));
  await Promise.all(Object.entries(PROBE).map(([name, text]) => writeFile(join(dir, name), text)));
  replica = await startReplica({ config: { renderDelayMs: 0 } });
  browser = await launchBrowser({ replica, extensionPath: dir });
});

afterAll(async () => {
  await browser?.close();
  await replica?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('harness', () => {
  test('counts content-script worlds and attributes errors to the extension', async () => {
    const page = await browser.newPage();
    await page.goto('https://portal.azure.com/');
    const blade = await frameByHost(page, LIVE_BLADE_HOST);
    await poll(() => browser.contentScriptWorlds(page.mainFrame())).toBe(1);
    await poll(() => browser.contentScriptWorlds(blade)).toBe(1);
    expect(await browser.contentScriptWorlds(await frameByHost(page, PLAIN_HOST))).toBe(0);

    await browser.serviceWorker.evaluate(() => {
      setTimeout(() => {
        throw new Error('probe: uncaught in worker');
      }, 0);
    });
    const expected = [
      'probe: console error in portal.azure.com',
      `probe: console error in ${LIVE_BLADE_HOST}`,
      'probe: uncaught in portal.azure.com',
      `probe: uncaught in ${LIVE_BLADE_HOST}`,
      'probe: console error in worker',
      'probe: uncaught in worker',
    ];
    await poll(() => expected.filter((e) => !browser.errors.some((line) => line.includes(e)))).toEqual([]);
    expect(browser.pageErrors.filter((line) => line.includes('probe:'))).toEqual([]);
  });
});
