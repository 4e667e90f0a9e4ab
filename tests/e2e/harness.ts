import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Frame, type Page, type Worker } from 'playwright-core';
import type { Replica } from '../fixtures/replica/server';

/**
 * Debian's Chromium driven by playwright-core, with the real portal host names mapped to the
 * replica, and (by default) the unchanged production build of the extension loaded.
 */

export const CHROMIUM = '/usr/bin/chromium';
export const DEFAULT_EXTENSION_PATH = resolve(process.env.WXT_OUT_DIR ?? '.output', 'chrome-mv3');

export interface LaunchOptions {
  replica: Replica;
  /** The unpacked build; .output/chrome-mv3 by default. */
  extensionPath?: string;
  /** false: a plain browser, e.g. to walk the replica by hand. */
  withExtension?: boolean;
  /** Headless unless false (the demo runs headed where a display exists). */
  headless?: boolean;
  /** null: the window's own size (headed). */
  viewport?: { width: number; height: number } | null;
}

export interface PortalBrowser {
  context: BrowserContext;
  /**
   * Console errors and uncaught exceptions from this extension: its service worker, its pages
   * (popup, checklist) and its content scripts in any page or frame.
   */
  errors: string[];
  /** Console errors and uncaught exceptions from everything else (the replica's own pages). */
  pageErrors: string[];
  /** A new tab. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export interface ExtensionBrowser extends PortalBrowser {
  extensionId: string;
  serviceWorker: Worker;
  /** chrome-extension://<id>/popup.html in a tab. */
  openPopup(): Promise<Page>;
  /** This extension's content-script worlds in a frame (see contentScriptWorlds). */
  contentScriptWorlds(frame: Frame): Promise<number>;
}

export function launchBrowser(options: LaunchOptions & { withExtension: false }): Promise<PortalBrowser>;
export function launchBrowser(options: LaunchOptions & { withExtension?: true }): Promise<ExtensionBrowser>;
export async function launchBrowser(options: LaunchOptions): Promise<PortalBrowser | ExtensionBrowser> {
  const withExtension = options.withExtension ?? true;
  const extensionPath = resolve(options.extensionPath ?? DEFAULT_EXTENSION_PATH);
  if (withExtension && !existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(`No extension build at ${extensionPath}: run \`npm run build\` first.`);
  }
  const headless = options.headless ?? true;
  const userDataDir = await mkdtemp(join(tmpdir(), 'sso-guide-chromium-'));
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--host-resolver-rules=${options.replica.hostResolverRules}`,
    '--ignore-certificate-errors',
    ...(withExtension ? [`--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`] : []),
  ];
  // Playwright's --headless is Chromium's new headless mode, which runs extensions.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless,
    args,
    ignoreHTTPSErrors: true,
    viewport: options.viewport === undefined ? { width: 1280, height: 720 } : options.viewport,
  });

  const errors: string[] = [];
  const pageErrors: string[] = [];
  let extensionOrigin: string | null = null;
  const fromExtension = (...urls: (string | undefined)[]) =>
    extensionOrigin !== null && urls.some((u) => u?.startsWith(extensionOrigin ?? '\0'));

  context.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location().url;
    const line = `console.error ${where}: ${msg.text()}`;
    if (fromExtension(where, msg.page()?.url(), msg.worker()?.url())) errors.push(line);
    else pageErrors.push(line);
  });
  context.on('weberror', (webError) => {
    const error = webError.error();
    const stack = error.stack ?? '';
    const line = `uncaught ${webError.page()?.url() ?? ''}: ${stack || error.message}`;
    if (fromExtension(webError.page()?.url()) || (extensionOrigin !== null && stack.includes(extensionOrigin))) errors.push(line);
    else pageErrors.push(line);
  });

  const close = async () => {
    await context.close().catch(() => undefined);
    await rm(userDataDir, { recursive: true, force: true });
  };
  const base: PortalBrowser = {
    context,
    errors,
    pageErrors,
    newPage: () => context.newPage(),
    close,
  };
  if (!withExtension) return base;

  try {
    const serviceWorker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://'), timeout: 15_000 }));
    const extensionId = new URL(serviceWorker.url()).host;
    extensionOrigin = `chrome-extension://${extensionId}`;
    await reportWorkerExceptions(serviceWorker);
    // A service worker that stops and starts again is a new worker: watch it too.
    context.on('serviceworker', (w) => {
      if (w.url().startsWith(extensionOrigin ?? '\0')) void reportWorkerExceptions(w);
    });
    return {
      ...base,
      extensionId,
      serviceWorker,
      async openPopup() {
        const page = await context.newPage();
        await page.goto(`chrome-extension://${extensionId}/popup.html`);
        return page;
      },
      contentScriptWorlds: (frame) => contentScriptWorlds(frame, extensionId),
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Playwright reports a service worker's console but not its uncaught exceptions: turn those into
 * console errors, which the console listener attributes to the extension.
 */
async function reportWorkerExceptions(worker: Worker): Promise<void> {
  await worker
    .evaluate(() => {
      const scope = self as unknown as { addEventListener: typeof addEventListener; __ssoGuideErrorsWatched?: boolean };
      if (scope.__ssoGuideErrorsWatched) return;
      scope.__ssoGuideErrorsWatched = true;
      scope.addEventListener('error', (e) => console.error(`Uncaught ${(e as ErrorEvent).message}`));
      scope.addEventListener('unhandledrejection', (e) => console.error(`Unhandled rejection ${String((e as PromiseRejectionEvent).reason)}`));
    })
    .catch(() => undefined);
}

interface FrameTree {
  frame: { id: string; url: string; urlFragment?: string; name?: string };
  childFrames?: FrameTree[];
}

/**
 * How many content-script isolated worlds of an extension live in a frame, as the DevTools
 * protocol reports them: `Runtime.enable` replays every execution context of the frame's target;
 * content scripts are `isolated` worlds whose origin is `chrome-extension://<id>` (Playwright's
 * own utility world is isolated too, but has the page's origin). Out-of-process iframes (the
 * cross-site blade frames) have their own target, reached with `newCDPSession(frame)`; the main
 * frame and same-process children share the page's. Without an id, any extension counts.
 */
export async function contentScriptWorlds(frame: Frame, extensionId?: string): Promise<number> {
  const context = frame.page().context();
  let session: CDPSession;
  try {
    session = await context.newCDPSession(frame);
  } catch {
    session = await context.newCDPSession(frame.page());
  }
  try {
    const { frameTree } = (await session.send('Page.getFrameTree')) as { frameTree: FrameTree };
    const frameId = frame === frame.page().mainFrame() ? frameTree.frame.id : findFrame(frameTree, frame)?.frame.id ?? frameTree.frame.id;
    const origin = extensionId ? `chrome-extension://${extensionId}` : 'chrome-extension://';
    let worlds = 0;
    session.on('Runtime.executionContextCreated', ({ context: ctx }) => {
      const aux = ctx.auxData as { type?: string; frameId?: string } | undefined;
      if (aux?.type === 'isolated' && aux.frameId === frameId && ctx.origin.startsWith(origin)) worlds++;
    });
    // The existing contexts are reported before enable returns.
    await session.send('Runtime.enable');
    await session.send('Runtime.disable');
    return worlds;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

function findFrame(tree: FrameTree, frame: Frame): FrameTree | undefined {
  const url = frame.url();
  const name = frame.name();
  const matches = (t: FrameTree) => t.frame.url + (t.frame.urlFragment ?? '') === url && (!name || t.frame.name === name);
  if (matches(tree)) return tree;
  for (const child of tree.childFrames ?? []) {
    const found = findFrame(child, frame);
    if (found) return found;
  }
  return undefined;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

/** The first frame of the page whose URL is on this host, waiting for one to load if needed. */
export async function frameByHost(page: Page, host: string, timeout = 15_000): Promise<Frame> {
  const present = page.frames().find((f) => hostOf(f.url()) === host);
  return present ?? page.waitForEvent('framenavigated', { predicate: (f) => hostOf(f.url()) === host, timeout });
}
