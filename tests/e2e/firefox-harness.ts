import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type ConsoleMessage, type Frame, type Page } from 'puppeteer-core';
import { ALL_HOSTS } from '../fixtures/replica/protocol';
import type { Replica } from '../fixtures/replica/server';

/**
 * Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi, with the unchanged Firefox
 * build of the extension installed as a temporary add-on, and the real portal host names sent to
 * the replica.
 *
 * Three things differ from the Chromium harness (harness.ts):
 *
 * - Firefox cannot map host names to a port. Every request goes through a small HTTP proxy of
 *   this harness, which tunnels CONNECTs to the replica's hosts on 443 into the replica's port
 *   and refuses everything else (Firefox's own background traffic included): nothing leaves the
 *   machine.
 * - WebDriver BiDi does not see extension documents (Firefox leaves moz-extension:// contexts out
 *   of it, bug 1755014), so the background page and extension pages such as popup.html are
 *   reached the way about:debugging reaches them: Firefox's remote debugging protocol (RDP) on a
 *   Unix socket, through the add-on's watcher, whose console actors evaluate code in each
 *   extension document and report its console errors and uncaught exceptions.
 * - The add-on's moz-extension:// UUID is fixed (pref `extensions.webextensions.uuids`), so that
 *   its origin is known before it is installed.
 */

export const FIREFOX = '/usr/bin/firefox-esr';
export const DEFAULT_FIREFOX_EXTENSION_PATH = resolve(process.env.WXT_OUT_DIR ?? '.output', 'firefox-mv3');
/** The moz-extension:// host given to the extension under test. */
export const EXTENSION_UUID = '5f0c7d4e-2b1a-4c3d-9e8f-0a1b2c3d4e5f';

export interface FirefoxLaunchOptions {
  replica: Replica;
  /** The unpacked build; .output/firefox-mv3 by default. */
  extensionPath?: string;
  /** More Firefox preferences, over the harness's. */
  prefs?: Record<string, unknown>;
}

/** An extension document (background page, popup.html in a tab…) reached over RDP. */
export interface ExtensionDocument {
  readonly url: string;
  /**
   * Runs `fn` in the document (its `browser` API included) and gives back its JSON-able result.
   * `fn` must be self-contained: it is sent as source text, like Playwright's evaluate.
   */
  evaluate<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R>;
}

export interface ExtensionPage extends ExtensionDocument {
  readonly tabId: number;
  /** Drives the page's form controls the way React sees user input (see pageUi). */
  ui<A extends unknown[], R>(fn: (ui: PageUi, ...args: A) => R | Promise<R>, ...args: A): Promise<R>;
  /**
   * Presses Enter on the button whose accessible name is `name`, as real user input (see
   * pressEnterInWindow): what permissions.request needs. `ui.click` is not user input to Firefox.
   */
  pressEnter(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface FirefoxBrowser {
  browser: Browser;
  /** The add-on id from the manifest (browser_specific_settings.gecko.id). */
  extensionId: string;
  /** moz-extension://<EXTENSION_UUID> */
  extensionOrigin: string;
  /**
   * Console errors and uncaught exceptions from the extension: its background page and pages
   * (over RDP), and its content scripts in any tab or frame (over BiDi, told apart from the
   * page's own by their moz-extension:// source).
   */
  errors: string[];
  /** Console errors and uncaught exceptions from everything else (the replica's own pages). */
  pageErrors: string[];
  /** Connections the proxy refused: anything that is not a replica host on port 443. */
  refused: string[];
  newPage(): Promise<Page>;
  /** The background page, once it runs (waiting up to `timeout` ms: an event may start it). */
  background(timeout?: number): Promise<ExtensionDocument>;
  /** Whether the background page runs (Firefox stops an idle event page). */
  backgroundRunning(): Promise<boolean>;
  /** Stops the background page, as Firefox does with an idle event page. */
  stopBackground(): Promise<void>;
  /** Opens an extension page (e.g. `/popup.html`) in a new tab. */
  openExtensionPage(path: string): Promise<ExtensionPage>;
  /**
   * The tab (opened by the extension, say) whose URL passes `predicate`, once it shows: waits up
   * to `timeout` ms; its errors are reported like those of newPage's pages.
   */
  pageOpened(predicate: (url: string) => boolean, timeout?: number): Promise<Page>;
  /**
   * Runs `fn` in Firefox's parent process with the system principal, as the Browser Toolbox's
   * console does (`Services`, `ChromeUtils`, `Cc`, `Ci`, the browser windows): what no page and no
   * extension document can reach, such as a doorhanger. Self-contained, like evaluate.
   */
  parentEvaluate<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R>;
  /**
   * Answers the add-on permission prompt that `page`'s permissions.request opened, with its own
   * Allow or Deny button, as the admin would; waits up to `timeout` ms for it to show. Only with
   * prompts on: the pref `extensions.webextOptionalPermissionPrompts` false grants without one.
   */
  answerPermissionPrompt(page: ExtensionPage, answer: 'allow' | 'deny', timeout?: number): Promise<void>;
  close(): Promise<void>;
}

export async function launchFirefox(options: FirefoxLaunchOptions): Promise<FirefoxBrowser> {
  const extensionPath = resolve(options.extensionPath ?? DEFAULT_FIREFOX_EXTENSION_PATH);
  const manifestPath = join(extensionPath, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`No Firefox build at ${extensionPath}: run \`npm run build\` first.`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const extensionId = manifest.browser_specific_settings?.gecko?.id;
  if (!extensionId) throw new Error(`${manifestPath} has no browser_specific_settings.gecko.id`);
  const extensionOrigin = `moz-extension://${EXTENSION_UUID}`;

  const proxy = await startPortalProxy(options.replica);
  const dir = await mkdtemp(join(tmpdir(), 'sso-guide-firefox-'));
  const rdpSocket = join(dir, 'rdp.sock');
  const cleanups: (() => Promise<unknown> | unknown)[] = [() => proxy.close(), () => rm(dir, { recursive: true, force: true })];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await Promise.resolve().then(fn).catch(() => undefined);
  };

  try {
    const firefox = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      acceptInsecureCerts: true,
      defaultViewport: { width: 1280, height: 720 },
      args: ['--start-debugger-server', rdpSocket],
      extraPrefsFirefox: { ...firefoxPrefs(proxy.port, extensionId), ...options.prefs },
    });
    cleanups.push(() => firefox.close());

    const errors: string[] = [];
    const pageErrors: string[] = [];
    const fromExtension = (...texts: (string | undefined)[]) => texts.some((t) => t?.includes(extensionOrigin));

    await firefox.installExtension(extensionPath);
    const rdp = await RdpConnection.open(rdpSocket);
    cleanups.push(() => rdp.close());
    const addon = await rdp.extension(extensionId);
    const targets = new Map<string, RdpTarget>();
    rdp.on('event', (packet: RdpPacket) => {
      if (packet.from !== addon.watcher) return;
      if (packet.type === 'target-available-form') {
        const target = packet.target as RdpTarget;
        targets.set(target.actor, target);
      } else if (packet.type === 'target-destroyed-form') {
        targets.delete((packet.target as RdpTarget).actor);
      }
    });
    rdp.on('event', (packet: RdpPacket) => {
      if (packet.type !== 'resources-available-array') return;
      for (const line of extensionErrorLines(packet)) errors.push(line);
    });
    await rdp.request(addon.watcher, 'watchTargets', { targetType: 'frame' });
    await rdp.request(addon.watcher, 'watchResources', { resourceTypes: ['console-message', 'error-message'] });

    const watchPage = (page: Page) => {
      page.on('console', (msg: ConsoleMessage) => {
        if (msg.type() !== 'error') return;
        const where = msg.stackTrace().map((f) => f.url ?? '');
        const line = `console.error ${where[0] ?? page.url()}: ${msg.text()}`;
        if (fromExtension(...where)) errors.push(line);
        else pageErrors.push(line);
      });
      page.on('pageerror', (error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        const line = `uncaught ${page.url()}: ${e.stack || e.message}`;
        if (fromExtension(e.stack, e.message)) errors.push(line);
        else pageErrors.push(line);
      });
    };

    const documentAt = (target: RdpTarget): ExtensionDocument => ({
      url: target.url,
      evaluate: (fn, ...args) => rdp.evaluate(target.consoleActor, fn, args),
    });
    const findTarget = (predicate: (t: RdpTarget) => boolean) => [...targets.values()].find(predicate);
    const waitForTarget = async (predicate: (t: RdpTarget) => boolean, what: string, timeout = 15_000): Promise<RdpTarget> => {
      const deadline = Date.now() + timeout;
      for (;;) {
        const found = findTarget(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No ${what} among the extension's documents: ${[...targets.values()].map((t) => t.url).join(', ')}`);
        await sleep(50);
      }
    };
    // The parent process's console: the root actor's process 0 (needs devtools.chrome.enabled).
    let parentConsole: Promise<string> | undefined;
    const parentEvaluate = async <A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R> => {
      parentConsole ??= (async () => {
        const { processDescriptor } = (await rdp.request('root', 'getProcess', { id: 0 })) as unknown as { processDescriptor: { actor: string } };
        const { process } = (await rdp.request(processDescriptor.actor, 'getTarget')) as unknown as { process: { consoleActor: string } };
        return process.consoleActor;
      })();
      return rdp.evaluate(await parentConsole, fn as (...a: never[]) => unknown, args);
    };

    const BACKGROUND = `${extensionOrigin}/_generated_background_page.html`;
    const isBackground = (t: RdpTarget) => t.url === BACKGROUND;

    const backgroundRunning = async () => {
      const { addons } = (await rdp.request('root', 'listAddons')) as unknown as { addons: { id: string; backgroundScriptStatus?: string }[] };
      return addons.find((a) => a.id === extensionId)?.backgroundScriptStatus === 'RUNNING';
    };

    async function getBackground(timeout = 15_000): Promise<ExtensionDocument> {
      return documentAt(await waitForTarget(isBackground, 'background page (stopped?)', timeout));
    }

    const openExtensionPage = async (path: string): Promise<ExtensionPage> => {
      const url = `${extensionOrigin}/${path.replace(/^\//, '')}`;
      const before = new Set(targets.keys());
      // tabs.create from any extension document that runs: the background page, or a page.
      const opener = findTarget(isBackground) ?? findTarget((t) => t.url.startsWith(`${extensionOrigin}/`));
      if (!opener) throw new Error('No extension document runs to open a page from.');
      const tabId = await documentAt(opener).evaluate(async (u: string) => (await browser.tabs.create({ url: u })).id ?? -1, url);
      const target = await waitForTarget((t) => t.url === url && !before.has(t.actor), url);
      await rdp.evaluate(
        target.consoleActor,
        () =>
          new Promise<void>((done) => {
            if (document.readyState === 'complete') done();
            else addEventListener('load', () => done(), { once: true });
          }),
        [],
      );
      return {
        ...documentAt(target),
        tabId,
        ui: (fn, ...args) => rdp.evaluate(target.consoleActor, fn, args, pageUi),
        async pressEnter(name) {
          await parentEvaluate(showTab, tabId);
          await rdp.evaluate(target.consoleActor, focusButton, [name], pageUi);
          await parentEvaluate(pressEnterInWindow);
        },
        async close() {
          const remove = (id: number) => browser.tabs.remove(id);
          const background = findTarget(isBackground);
          if (background) await rdp.evaluate(background.consoleActor, remove, [tabId]);
          // A page can close its own tab, but then gives no result.
          else void rdp.evaluate(target.consoleActor, remove, [tabId]).catch(() => undefined);
          await waitFor(() => !targets.has(target.actor), 10_000);
        },
      };
    };

    // The background page runs once the add-on is installed.
    await waitForTarget(isBackground, 'background page');

    return {
      browser: firefox,
      extensionId,
      extensionOrigin,
      errors,
      pageErrors,
      refused: proxy.refused,
      async newPage() {
        const page = await firefox.newPage();
        watchPage(page);
        return page;
      },
      background: (timeout) => getBackground(timeout),
      backgroundRunning,
      async stopBackground() {
        const stopped = async () => !(await backgroundRunning()) && !findTarget(isBackground);
        const deadline = Date.now() + 20_000;
        // Firefox puts a stop off once while a listener call is still pending (it resets the idle
        // timer instead, as when the event page idles): ask again until it stops.
        for (;;) {
          await rdp.request(addon.descriptor, 'terminateBackgroundScript');
          if (await waitFor(stopped, 2_000).then(() => true, () => false)) return;
          if (Date.now() > deadline) {
            throw new Error(
              `The background page did not stop: running ${String(await backgroundRunning())}, documents ${[...targets.values()].map((t) => t.url).join(', ')}`,
            );
          }
        }
      },
      openExtensionPage,
      async pageOpened(predicate, timeout = 15_000) {
        const target = await firefox.waitForTarget((t) => t.type() === 'page' && predicate(t.url()), { timeout });
        const page = await target.page();
        if (!page) throw new Error(`No page for ${target.url()}`);
        watchPage(page);
        return page;
      },
      parentEvaluate,
      async answerPermissionPrompt(page, answer, timeout = 10_000) {
        const deadline = Date.now() + timeout;
        while (!(await parentEvaluate(answerPrompt, page.tabId, answer))) {
          if (Date.now() > deadline) throw new Error(`No permission prompt on the tab of ${page.url}`);
          await sleep(100);
        }
      },
      close: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** What the extension's code sees as `browser` in the functions sent to its documents. */
declare const browser: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: { create(props: { url: string }): Promise<{ id?: number }>; remove(id: number): Promise<void> };
};

function firefoxPrefs(proxyPort: number, extensionId: string): Record<string, unknown> {
  return {
    // Every request through the harness's proxy, localhost included (no exceptions).
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.no_proxies_on': '',
    'network.proxy.socks_remote_dns': true,
    // No background network on a closed machine (puppeteer's defaults cover updates, telemetry
    // uploads, safe browsing and the blocklist): captive portal and connectivity checks, add-on
    // metadata, DNS over HTTPS, prefetching, push, contile, the new tab page.
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.trr.mode': 5,
    'network.http.http3.enable': false,
    'dom.push.connection.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'browser.newtabpage.activity-stream.feeds.topsites': false,
    'browser.topsites.contile.enabled': false,
    'browser.ping-centre.telemetry': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.server': '',
    'app.update.enabled': false,
    'app.normandy.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    // The replica's certificate is self-signed (acceptInsecureCerts too); no OCSP requests.
    'security.OCSP.enabled': 0,
    // The add-on's moz-extension:// host, known in advance.
    'extensions.webextensions.uuids': JSON.stringify({ [extensionId]: EXTENSION_UUID }),
    // The remote debugging protocol on the Unix socket given by --start-debugger-server.
    'devtools.debugger.remote-enabled': true,
    'devtools.chrome.enabled': true,
    'devtools.debugger.prompt-connection': false,
  };
}

// --- The proxy ------------------------------------------------------------------------------

export interface PortalProxy {
  port: number;
  refused: string[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy for Firefox: CONNECT to a replica host on port 443 is tunnelled to the replica's
 * 127.0.0.1 port (TLS stays end to end: the replica's certificate names the real hosts); every
 * other CONNECT and every plain-HTTP request is refused and recorded.
 */
export async function startPortalProxy(replica: Replica): Promise<PortalProxy> {
  const hosts = new Set<string>(ALL_HOSTS);
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const server = createServer((req, res) => {
    refused.push(`${req.method ?? 'GET'} ${req.url ?? ''}`);
    res.writeHead(502, { 'content-type': 'text/plain' }).end('Refused by the test proxy');
  });
  server.on('connection', track);
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    const at = target.lastIndexOf(':');
    const host = target.slice(0, at).toLowerCase();
    if (target.slice(at + 1) !== '443' || !hosts.has(host)) {
      refused.push(`CONNECT ${target}`);
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const upstream = connect(replica.port, '127.0.0.1');
    track(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', drop);
    client.on('error', drop);
    upstream.on('close', drop);
    client.on('close', drop);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  return {
    port: (server.address() as AddressInfo).port,
    refused,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

// --- Firefox's remote debugging protocol ------------------------------------------------------

interface RdpPacket {
  from: string;
  type?: string;
  error?: string;
  message?: string;
  [key: string]: unknown;
}

interface RdpTarget {
  actor: string;
  url: string;
  consoleActor: string;
}

type Grip = string | number | boolean | null | { type: string; actor?: string; length?: number; initial?: string };

/**
 * A minimal client of Firefox's remote debugging protocol: length-prefixed JSON packets on a
 * stream; a request's reply comes from the actor it was sent to, in order; packets with a `type`
 * are events.
 */
class RdpConnection extends EventEmitter {
  private buffer = Buffer.alloc(0);
  private readonly waiting = new Map<string, { resolve(p: RdpPacket): void; reject(e: Error): void }[]>();

  private constructor(private readonly socket: Socket) {
    super();
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    socket.on('close', () => {
      for (const queue of this.waiting.values()) for (const w of queue) w.reject(new Error('RDP connection closed'));
      this.waiting.clear();
    });
  }

  /** Connects once Firefox listens on the socket; resolves after the root actor's greeting. */
  static async open(path: string, timeout = 15_000): Promise<RdpConnection> {
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        return await new Promise<RdpConnection>((resolveOpen, rejectOpen) => {
          const socket = connect(path);
          socket.once('error', rejectOpen);
          const rdp = new RdpConnection(socket);
          rdp.once('greeting', () => {
            socket.off('error', rejectOpen);
            socket.on('error', () => undefined);
            resolveOpen(rdp);
          });
        });
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await sleep(100);
      }
    }
  }

  private drain(): void {
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'));
      if (!Number.isFinite(length)) throw new Error(`Unexpected RDP data: ${this.buffer.subarray(0, 40).toString()}`);
      if (this.buffer.length < colon + 1 + length) return;
      const packet = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8')) as RdpPacket;
      this.buffer = this.buffer.subarray(colon + 1 + length);
      this.dispatch(packet);
    }
  }

  private dispatch(packet: RdpPacket): void {
    if (packet.from === 'root' && 'applicationType' in packet) {
      this.emit('greeting', packet);
      return;
    }
    const queue = this.waiting.get(packet.from);
    if (packet.type !== undefined && packet.error === undefined) {
      this.emit('event', packet);
      return;
    }
    const waiter = queue?.shift();
    if (!waiter) {
      this.emit('event', packet);
      return;
    }
    if (packet.error) waiter.reject(new Error(`RDP ${packet.from}: ${packet.error}: ${packet.message ?? ''}`));
    else waiter.resolve(packet);
  }

  request(to: string, type: string, params: Record<string, unknown> = {}): Promise<RdpPacket> {
    return new Promise((resolveRequest, rejectRequest) => {
      const queue = this.waiting.get(to) ?? [];
      queue.push({ resolve: resolveRequest, reject: rejectRequest });
      this.waiting.set(to, queue);
      const body = Buffer.from(JSON.stringify({ to, type, ...params }), 'utf8');
      this.socket.write(Buffer.concat([Buffer.from(`${body.length}:`, 'ascii'), body]));
    });
  }

  /** The add-on's descriptor and its watcher (which also starts the add-on's devtools support). */
  async extension(id: string): Promise<{ descriptor: string; watcher: string }> {
    const { addons } = (await this.request('root', 'listAddons')) as unknown as { addons: { id: string; actor: string }[] };
    const addon = addons.find((a) => a.id === id);
    if (!addon) throw new Error(`Add-on ${id} is not installed: ${addons.map((a) => a.id).join(', ')}`);
    const { actor } = (await this.request(addon.actor, 'getWatcher', { isServerTargetSwitchingEnabled: true })) as unknown as { actor: string };
    return { descriptor: addon.actor, watcher: actor };
  }

  /**
   * Evaluates `fn(...args)` in the console of an extension document and gives back its result,
   * through JSON. A rejection or exception comes back as an Error with the page's message.
   */
  async evaluate<A extends unknown[], R>(consoleActor: string, fn: (...args: never[]) => unknown, args: A, prelude?: () => unknown): Promise<R> {
    const call = prelude ? `(${fn.toString()})((${prelude.toString()})(), ...__args)` : `(${fn.toString()})(...__args)`;
    const text = `(async () => {
      const __args = ${JSON.stringify(args)};
      try {
        const value = await ${call};
        return JSON.stringify({ ok: true, value: value === undefined ? null : value });
      } catch (e) {
        return JSON.stringify({ ok: false, error: String(e && e.stack ? e.message + '\\n' + e.stack : e) });
      }
    })()`;
    // The result may arrive in the same chunk as the reply that names it: listen before asking.
    const results = new Map<string, RdpPacket>();
    let wanted: string | null = null;
    let deliver: ((p: RdpPacket) => void) | null = null;
    const listener = (p: RdpPacket) => {
      if (p.type !== 'evaluationResult' || p.from !== consoleActor) return;
      const id = String(p.resultID);
      if (id === wanted && deliver) deliver(p);
      else results.set(id, p);
    };
    this.on('event', listener);
    let packet: RdpPacket;
    try {
      const { resultID } = (await this.request(consoleActor, 'evaluateJSAsync', { text, mapped: { await: true }, disableBreaks: true })) as unknown as {
        resultID: string;
      };
      packet =
        results.get(resultID) ??
        (await new Promise<RdpPacket>((done, fail) => {
          const timer = setTimeout(() => fail(new Error(`No evaluation result from ${consoleActor} after 30 s`)), 30_000);
          wanted = resultID;
          deliver = (p) => {
            clearTimeout(timer);
            done(p);
          };
        }));
    } finally {
      this.off('event', listener);
    }
    if (packet.hasException || packet.topLevelAwaitRejected) {
      throw new Error(`Evaluation failed in ${consoleActor}: ${String(packet.exceptionMessage ?? 'rejected')}`);
    }
    const json = await this.text(packet.result as Grip);
    const outcome = JSON.parse(json) as { ok: true; value: R } | { ok: false; error: string };
    if (!outcome.ok) throw new Error(`In the extension: ${outcome.error}`);
    return outcome.value;
  }

  /** A string result, whole: long strings come as an actor to read in parts. */
  private async text(grip: Grip): Promise<string> {
    if (typeof grip === 'string') return grip;
    if (grip && typeof grip === 'object' && grip.type === 'longString' && grip.actor && grip.length !== undefined) {
      const { substring } = (await this.request(grip.actor, 'substring', { start: 0, end: grip.length })) as unknown as { substring: string };
      return substring;
    }
    throw new Error(`Unexpected evaluation result: ${JSON.stringify(grip)}`);
  }

  close(): void {
    this.socket.destroy();
  }
}

/**
 * Error lines from a watcher's `resources-available-array` event: console.error calls and
 * uncaught exceptions (not warnings) in the extension's documents.
 */
function extensionErrorLines(packet: RdpPacket): string[] {
  const lines: string[] = [];
  const groups = (packet.array ?? []) as [string, Record<string, unknown>[]][];
  for (const [type, resources] of groups) {
    for (const resource of resources) {
      if (type === 'console-message') {
        const message = (resource.message ?? resource) as { level?: string; arguments?: Grip[]; filename?: string };
        if (message.level !== 'error') continue;
        const text = (message.arguments ?? []).map((a) => (typeof a === 'object' && a !== null ? (a.initial ?? JSON.stringify(a)) : String(a))).join(' ');
        lines.push(`console.error ${message.filename ?? ''}: ${text}`);
      } else if (type === 'error-message') {
        const error = (resource.pageError ?? resource) as { errorMessage?: Grip; sourceName?: string; warning?: boolean; error?: boolean; info?: boolean };
        if (error.warning || error.info) continue;
        const message = typeof error.errorMessage === 'object' && error.errorMessage !== null ? (error.errorMessage.initial ?? '') : String(error.errorMessage);
        lines.push(`uncaught ${error.sourceName ?? ''}: ${message}`);
      }
    }
  }
  return lines;
}

// --- Driving an extension page ---------------------------------------------------------------

/** What `ExtensionPage.ui` hands to its function, inside the page. */
export interface PageUi {
  /** The control whose <label> (or aria-label) reads `label` exactly. */
  control(label: string): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  /** The button whose accessible name (aria-label, else text) is `name` exactly. */
  button(name: string): HTMLButtonElement | null;
  /** Types a value as a user would: React's onChange sees it. */
  fill(label: string, value: string): void;
  /** Picks an option by value: React's onChange sees it. */
  select(label: string, value: string): void;
  click(name: string): void;
  /** Every element's text under a selector, trimmed. */
  texts(selector: string): string[];
}

/**
 * Built inside the page from its source text (self-contained: no imports, no outer names).
 * The test cannot send real input events to an extension page (BiDi does not reach it), so it
 * sets values through the elements' own property setters and fires the events React listens to.
 */
function pageUi(): PageUi {
  const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const nameOf = (el: Element) => {
    const label = el.getAttribute('aria-label');
    if (label !== null) return norm(label);
    const by = el.getAttribute('aria-labelledby');
    if (by) return norm(by.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
    return norm(el.textContent);
  };
  const ui: PageUi = {
    control(label) {
      for (const l of Array.from(document.querySelectorAll('label'))) {
        const control = l.control;
        if (norm(l.textContent) === label && control && 'value' in control) return control as HTMLInputElement;
      }
      const byAria = Array.from(document.querySelectorAll('input, select, textarea')).find((e) => e.getAttribute('aria-label') === label);
      if (byAria) return byAria as HTMLInputElement;
      throw new Error(`No control labelled "${label}"`);
    },
    button(name) {
      return (Array.from(document.querySelectorAll('button')).find((b) => nameOf(b) === name) as HTMLButtonElement | undefined) ?? null;
    },
    fill(label, value) {
      const el = ui.control(label);
      // A person cannot type into a disabled control (its own, or its fieldset's).
      if (el.matches(':disabled')) throw new Error(`"${label}" is disabled`);
      el.focus();
      const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el) as object, 'value')?.set;
      if (!setter) throw new Error(`"${label}" has no value setter`);
      setter.call(el, value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    },
    select(label, value) {
      const el = ui.control(label);
      const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set;
      if (!(el instanceof HTMLSelectElement) || !setter) throw new Error(`"${label}" is not a select`);
      if (el.matches(':disabled')) throw new Error(`"${label}" is disabled`);
      setter.call(el, value);
      el.dispatchEvent(new Event('change', { bubbles: true }));
    },
    click(name) {
      const b = ui.button(name);
      if (!b) throw new Error(`No button "${name}": ${Array.from(document.querySelectorAll('button')).map(nameOf).join(' | ')}`);
      if (b.matches(':disabled')) throw new Error(`Button "${name}" is disabled`);
      b.click();
    },
    texts(selector) {
      return Array.from(document.querySelectorAll(selector)).map((e) => norm(e.textContent));
    },
  };
  return ui;
}

// --- Real user input and the permission prompt (the parent process) ---------------------------

/*
 * Firefox grants an optional permission only to a request made while handling user input: from
 * an RDP evaluate, or after `element.click()` (ui.click), permissions.request is refused with
 * "permissions.request may only be called from a user input handler". A key typed into the
 * browser window by the parent process, through nsITextInputProcessor, is user input as a real
 * key press is: the focused button gets Enter and its click handler may ask. The functions below
 * run in the parent process (parentEvaluate) or in the page (focusButton), from their source text:
 * self-contained.
 */

/** What the parent process's functions use of its globals. */
interface ParentGlobals {
  Services: { wm: { getMostRecentWindow(type: 'navigator:browser'): BrowserWindow | null } };
  ChromeUtils: { importESModule(url: string): unknown };
  Cc: Record<string, { createInstance(iface: unknown): TextInputProcessor }>;
  Ci: { nsITextInputProcessor: unknown };
}
interface BrowserWindow {
  gBrowser: { selectedTab: unknown };
  KeyboardEvent: new (type: string, init: { key: string; code: string; keyCode: number }) => unknown;
  PopupNotifications: {
    getNotification(id: string, browser: unknown): unknown;
    panel: { querySelector(selector: string): { button: { click(): void }; secondaryButton: { click(): void } } | null };
  };
}
interface TextInputProcessor {
  beginInputTransactionForTests(window: unknown): boolean;
  keydown(event: unknown): void;
  keyup(event: unknown): void;
}
// Its window through ownerDocument: the chrome-only `ownerGlobal` is undefined in the console's eval.
type XulTab = { linkedBrowser: { focus(): void }; ownerDocument: { defaultView: BrowserWindow } };
/** The WebExtension framework's module: its tab tracker maps an extension's tab id to the XUL tab. */
type ExtensionParentModule = { ExtensionParent: { apiManager: { global: { tabTracker: { getTab(id: number): XulTab } } } } };

/**
 * Selects the extension's tab `tabId` in its window and focuses its <browser>: the key goes to the
 * focused browser's focused element.
 */
function showTab(tabId: number): void {
  const { ExtensionParent } = (globalThis as unknown as ParentGlobals).ChromeUtils.importESModule(
    'resource://gre/modules/ExtensionParent.sys.mjs',
  ) as ExtensionParentModule;
  const tab = ExtensionParent.apiManager.global.tabTracker.getTab(tabId);
  tab.ownerDocument.defaultView.gBrowser.selectedTab = tab;
  tab.linkedBrowser.focus();
}

/** In the page: focuses the enabled button named `name` (a person cannot press a disabled one). */
function focusButton(ui: PageUi, name: string): void {
  const button = ui.button(name);
  if (!button) throw new Error(`No button "${name}"`);
  if (button.matches(':disabled')) throw new Error(`Button "${name}" is disabled`);
  button.focus();
  if (document.activeElement !== button) throw new Error(`Button "${name}" does not take the focus`);
}

/** Types Enter (down, up) into the front browser window, as the keyboard would. */
function pressEnterInWindow(): void {
  const g = globalThis as unknown as ParentGlobals;
  const win = g.Services.wm.getMostRecentWindow('navigator:browser');
  if (!win) throw new Error('No browser window');
  const tip = g.Cc['@mozilla.org/text-input-processor;1']!.createInstance(g.Ci.nsITextInputProcessor);
  if (!tip.beginInputTransactionForTests(win)) throw new Error('nsITextInputProcessor: no input transaction');
  const enter = new win.KeyboardEvent('', { key: 'Enter', code: 'Enter', keyCode: 13 });
  tip.keydown(enter);
  tip.keyup(enter);
}

/**
 * Clicks Allow or Deny in the add-on permission doorhanger ("addon-webext-permissions") of the
 * extension's tab `tabId`; false while it does not show. Headless, the doorhanger cannot be
 * clicked with the mouse, but its buttons are elements of the window's notification panel.
 */
function answerPrompt(tabId: number, answer: 'allow' | 'deny'): boolean {
  const { ExtensionParent } = (globalThis as unknown as ParentGlobals).ChromeUtils.importESModule(
    'resource://gre/modules/ExtensionParent.sys.mjs',
  ) as ExtensionParentModule;
  const tab = ExtensionParent.apiManager.global.tabTracker.getTab(tabId);
  const win = tab.ownerDocument.defaultView;
  if (!win.PopupNotifications.getNotification('addon-webext-permissions', tab.linkedBrowser)) return false;
  const prompt = win.PopupNotifications.panel.querySelector('#addon-webext-permissions-notification');
  if (!prompt) return false;
  (answer === 'allow' ? prompt.button : prompt.secondaryButton).click();
  return true;
}

// --- Helpers --------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function waitFor(check: () => boolean | Promise<boolean>, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await sleep(50);
  }
}

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

/** The first frame of the page whose URL is on this host, waiting for one to load if needed. */
export async function firefoxFrameByHost(page: Page, host: string, timeout = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = page.frames().find((f) => hostOf(f.url()) === host);
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error(`No frame on ${host}: ${page.frames().map((f) => f.url()).join(', ')}`);
    await sleep(50);
  }
}
