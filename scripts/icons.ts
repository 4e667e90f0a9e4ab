/**
 * Renders the icon's SVG masters (docs/store/) to the PNGs the manifest declares
 * (public/icons/icon-16.png … icon-128.png), with Debian's Chromium (the `chromium` package, the
 * same browser the tests use): no image tool to install. The PNGs are committed, so a build or CI
 * needs neither this script nor a browser for them.
 *
 *   npx jiti scripts/icons.ts            # public/icons/*.png from docs/store/icon*.svg
 *   npx jiti scripts/icons.ts --store    # and the store images, to .output/store/*.png
 *
 * 16, 32 and 48 px come from icon-toolbar.svg (the shield edge to edge, for the toolbar and the
 * extensions page); 128 px from icon.svg (96 px of artwork in 16 px of transparent padding, as the
 * Chrome Web Store asks).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../tests/e2e/harness';

const STORE = resolve('docs/store');
const ICONS = resolve('public/icons');

const icons: { size: number; svg: string }[] = [
  { size: 16, svg: 'icon-toolbar.svg' },
  { size: 32, svg: 'icon-toolbar.svg' },
  { size: 48, svg: 'icon-toolbar.svg' },
  { size: 128, svg: 'icon.svg' },
];
// The store's promotional images: opaque (the stores want no transparency), at their exact sizes.
const storeImages: { width: number; height: number; svg: string }[] = [
  { width: 440, height: 280, svg: 'promo-small.svg' },
  { width: 1400, height: 560, svg: 'marquee.svg' },
];

const browser = await chromium.launch({ executablePath: CHROMIUM, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
try {
  const render = async (svg: string, width: number, height: number, transparent: boolean): Promise<Buffer> => {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    const src = `data:image/svg+xml;base64,${readFileSync(join(STORE, svg)).toString('base64')}`;
    await page.setContent(
      `<!doctype html><style>html,body{margin:0;background:transparent}img{display:block;width:${width}px;height:${height}px}</style><img src="${src}">`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    const png = await page.screenshot({ clip: { x: 0, y: 0, width, height }, omitBackground: transparent });
    await page.close();
    return png;
  };

  mkdirSync(ICONS, { recursive: true });
  for (const { size, svg } of icons) {
    const file = join(ICONS, `icon-${size}.png`);
    writeFileSync(file, await render(svg, size, size, true));
    console.log(`${file} (${size}×${size}, from ${svg})`);
  }
  if (process.argv.includes('--store')) {
    const out = resolve(process.env.WXT_OUT_DIR ?? '.output', 'store');
    mkdirSync(out, { recursive: true });
    for (const { width, height, svg } of storeImages) {
      const file = join(out, svg.replace(/\.svg$/, '.png'));
      writeFileSync(file, await render(svg, width, height, false));
      console.log(`${file} (${width}×${height}, from ${svg})`);
    }
  }
} finally {
  await browser.close();
}
