import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startReplica, type Replica } from '../fixtures/replica/server';
import { DEFAULT_EXTENSION_PATH, launchBrowser, type ExtensionBrowser } from './harness';

/**
 * Readable type on the extension's own pages. Chromium injects `body { font-size: 75% }` into
 * every extension page (extension_fonts.css); the pages' stylesheet sets the body's font itself,
 * so body text is the stylesheet's 14px and not 10.5px, in light and dark schemes alike. Printed,
 * the checklist is 10.5pt on A4 with 15 mm margins, and no word is cut: not in the values
 * ("organizational", not "organizationa/l") nor in the Azure CLI commands, whose long lines wrap
 * at spaces with the continuation indented.
 */

if (!existsSync(join(DEFAULT_EXTENSION_PATH, 'manifest.json'))) {
  throw new Error(`No extension build at ${DEFAULT_EXTENSION_PATH}. Build it first: npm run build`);
}

let replica: Replica;
let browser: ExtensionBrowser;
let dir: string;

beforeAll(async () => {
  replica = await startReplica();
  browser = await launchBrowser({ replica, viewport: { width: 1366, height: 768 } });
  dir = await mkdtemp(join(tmpdir(), 'sso-pages-type-'));
});
afterAll(async () => {
  await browser?.close();
  await replica?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Computed font size in px of the first element a selector matches (NaN: none). */
const sizeOf = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize)).catch(() => Number.NaN);

/**
 * The smallest computed font size among the visible elements that hold text of their own
 * (screen-reader-only text aside), with an example of it.
 */
const smallestText = (page: Page) =>
  page.evaluate(() => {
    let smallest = { size: Infinity, text: '' };
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('.sr-only') || !el.getClientRects().length) continue;
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
      if (!own) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < smallest.size) smallest = { size, text: `${el.tagName.toLowerCase()}.${el.className}: ${own.slice(0, 40)}` };
    }
    return smallest;
  });

/**
 * Line breaks inside a word in the page's code (values, URIs, commands): the text either side of
 * each break between two letters or digits, found from where each character is laid out.
 */
const codeBreaksInWords = (page: Page) =>
  page.evaluate(() => {
    const found: string[] = [];
    for (const code of document.querySelectorAll('code')) {
      if (!code.getClientRects().length) continue;
      const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      let previous: { char: string; top: number } | null = null;
      let context = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect) continue;
          const char = text[i] ?? '';
          if (previous && rect.top > previous.top + 2 && /[A-Za-z0-9]/.test(previous.char) && /[A-Za-z0-9]/.test(char)) {
            found.push(`${context.slice(-12)}|${text.slice(i, i + 12)}`);
          }
          previous = { char, top: rect.top };
          context += char;
        }
      }
    }
    return found;
  });

const SCHEMES = ['light', 'dark'] as const;

describe.each(SCHEMES)('screen, %s scheme', (colorScheme) => {
  test('the popup: body text and field labels at 14px, headings larger, nothing under 13px', async () => {
    const popup = await browser.openPopup();
    await popup.emulateMedia({ colorScheme });
    await popup.getByRole('heading', { name: /dbt Cloud SSO/ }).waitFor();
    expect(await popup.evaluate(() => matchMedia(`(prefers-color-scheme: dark)`).matches)).toBe(colorScheme === 'dark');
    expect(await sizeOf(popup, 'body')).toBe(14);
    // The injected stylesheet's font family is gone too: the body has the page's own.
    expect(await popup.evaluate(() => getComputedStyle(document.body).fontFamily)).toBe(
      await popup.evaluate(() => getComputedStyle(document.documentElement).fontFamily),
    );
    expect(await sizeOf(popup, '.popup p')).toBe(14);
    expect(await sizeOf(popup, 'label[for]')).toBe(14);
    expect(await popup.getByText('dbt region', { exact: true }).evaluate((el) => getComputedStyle(el).fontSize)).toBe('14px');
    expect(await sizeOf(popup, '.hint')).toBeGreaterThanOrEqual(13);
    expect(await sizeOf(popup, 'code')).toBeGreaterThanOrEqual(13);
    expect(await sizeOf(popup, 'h1')).toBeGreaterThan(14);
    expect(await sizeOf(popup, 'h2')).toBeGreaterThan(14);
    const smallest = await smallestText(popup);
    expect(smallest.size, smallest.text).toBeGreaterThanOrEqual(13);
    expect(await codeBreaksInWords(popup)).toEqual([]);
    await popup.close();
  });

  test('the checklist: body text and field labels at 14px, headings larger, nothing under 13px', async () => {
    const page = await browser.newPage();
    await page.emulateMedia({ colorScheme });
    await page.goto(`chrome-extension://${browser.extensionId}/checklist.html`);
    await page.getByRole('heading', { name: /checklist/ }).waitFor();
    expect(await sizeOf(page, 'body')).toBe(14);
    expect(await sizeOf(page, '.checklist p')).toBe(14);
    expect(await sizeOf(page, '.step-card ol li')).toBe(14);
    expect(await page.getByText('Application (client) ID', { exact: true }).first().evaluate((el) => getComputedStyle(el).fontSize)).toBe('14px');
    expect(await sizeOf(page, '.field label')).toBe(14);
    expect(await sizeOf(page, '.hint')).toBeGreaterThanOrEqual(13);
    expect(await sizeOf(page, '.cli pre')).toBeGreaterThanOrEqual(13);
    expect(await sizeOf(page, 'h1')).toBeGreaterThan(await sizeOf(page, '.step-head h2'));
    expect(await sizeOf(page, '.step-head h2')).toBeGreaterThan(14);
    const smallest = await smallestText(page);
    expect(smallest.size, smallest.text).toBeGreaterThanOrEqual(13);
    // Code keeps its words whole, on a wide window and a narrow one.
    expect(await codeBreaksInWords(page)).toEqual([]);
    await page.setViewportSize({ width: 640, height: 768 });
    expect(await codeBreaksInWords(page)).toEqual([]);
    await page.close();
  });
});

describe('the printed checklist', () => {
  let page: Page;
  let layout: string;
  let commands: string[];
  let words: { xMin: number; yMin: number; xMax: number; yMax: number; text: string }[] = [];

  beforeAll(async () => {
    page = await browser.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/checklist.html`);
    await page.locator('.cli pre code').first().waitFor();
    commands = await page.locator('.cli pre code').allTextContents();
    const pdf = join(dir, 'checklist.pdf');
    await writeFile(pdf, await page.pdf({ format: 'A4' }));
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text.status, text.stderr).toBe(0);
    layout = text.stdout;
    const bbox = spawnSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
    expect(bbox.status, bbox.stderr).toBe(0);
    words = [...bbox.stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      text: m[5] ?? '',
    }));
  });
  afterAll(async () => {
    await page?.close();
  });

  test('body text is 10.5pt', async () => {
    await page.emulateMedia({ media: 'print' });
    // 10.5pt is 14px.
    expect(await sizeOf(page, 'body')).toBe(14);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('14px');
    await page.emulateMedia({ media: 'screen' });
    // In the PDF: a body word's box is about 1.1 to 1.2 times its font size (the font's ascent and
    // descent); 7.9pt (75% of 10.5pt) would be about 9pt high.
    const every = words.find((w) => w.text === 'Every');
    expect(every).toBeDefined();
    const height = (every?.yMax ?? 0) - (every?.yMin ?? 0);
    expect(height / 1.164).toBeGreaterThan(10);
    expect(height / 1.164).toBeLessThan(11.5);
  });

  test('A4 with 15 mm margins on every side', () => {
    const margin = (15 / 25.4) * 72; // 42.5pt
    const [width, height] = [595.92, 842.88];
    expect(words.length).toBeGreaterThan(100);
    expect(Math.min(...words.map((w) => w.xMin))).toBeGreaterThanOrEqual(margin - 0.5);
    expect(Math.min(...words.map((w) => w.xMin))).toBeLessThan(margin + 6);
    expect(Math.min(...words.map((w) => w.yMin))).toBeGreaterThanOrEqual(margin - 3);
    expect(Math.max(...words.map((w) => w.xMax))).toBeLessThanOrEqual(width - margin + 0.5);
    expect(Math.max(...words.map((w) => w.yMax))).toBeLessThanOrEqual(height - margin + 3);
  });

  test('values keep their words whole: "organizational", not "organizationa/l"', () => {
    const flat = layout.replace(/\s+/g, ' ');
    expect(flat).toContain('Accounts in this organizational directory only');
    expect(layout).not.toMatch(/organizationa\s+l/);
  });

  /**
   * Where the PDF wraps each line of each command: the text on either side of the break (a space
   * at the end of `before` when it broke at one), and whether the continuation is indented more
   * than the line it continues. Follows the commands through pdftotext's lines in page order.
   */
  function cliWraps(): { before: string; after: string; indented: boolean }[] {
    const norm = (s: string) => s.trim().replace(/\s+/g, ' ');
    const indent = (s: string) => s.length - s.trimStart().length;
    const lines = layout.split('\n').filter((l) => l.trim());
    let at = lines.findIndex((l) => l.includes('Command-line path'));
    expect(at).toBeGreaterThanOrEqual(0);
    const wraps: { before: string; after: string; indented: boolean }[] = [];
    for (const command of commands) {
      for (const logical of command.split('\n').map(norm).filter(Boolean)) {
        // The PDF line that starts this line of the command.
        const starts = (line: string) => logical.startsWith(norm(line)) && norm(line).length >= Math.min(logical.length, 8);
        while (at < lines.length && !starts(lines[at] ?? '')) at++;
        expect(at, `"${logical}" not found in the PDF`).toBeLessThan(lines.length);
        const first = lines[at] ?? '';
        let pos = norm(first).length;
        while (pos < logical.length) {
          const atSpace = logical[pos] === ' ';
          if (atSpace) pos++;
          const next = lines[++at] ?? '';
          expect(logical.startsWith(norm(next), pos), `"${norm(next)}" should continue "${logical}" at ${pos}`).toBe(true);
          wraps.push({ before: logical.slice(Math.max(0, pos - 12), pos), after: logical.slice(pos, pos + 12), indented: indent(next) > indent(first) });
          pos += norm(next).length;
        }
        at++;
      }
    }
    return wraps;
  }
  const show = (w: { before: string; after: string }) => `${w.before}|${w.after}`;

  test('CLI lines wrap between words, never inside one, and each continuation is indented', () => {
    const wraps = cliWraps();
    // Long commands do wrap on A4: the checks below are not empty.
    expect(wraps.length).toBeGreaterThan(5);
    const midWord = wraps.filter((w) => /[A-Za-z0-9]$/.test(w.before) && /^[A-Za-z0-9]/.test(w.after));
    expect(midWord.map(show)).toEqual([]);
    expect(wraps.filter((w) => !w.indented).map(show)).toEqual([]);
  });

  test('the commands are rendered one token a span, and wrap at spaces only', async () => {
    // CSS cannot stop Chromium breaking a line after a hyphen ("--|query", a GUID at a dash); a
    // token in a span of its own (white-space: nowrap, checklist.css) can
    // (components/checklist/CliSection.tsx).
    expect(await page.locator('.cli pre .cli-token').count()).toBeGreaterThan(50);
    expect(cliWraps().filter((w) => !w.before.endsWith(' ')).map(show)).toEqual([]);
  });

  test('no errors from the extension', () => {
    expect(browser.errors).toEqual([]);
  });
});
