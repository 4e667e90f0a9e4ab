import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * The icon in both production builds: the manifest declares it at 16, 32, 48 and 128 px (and the
 * toolbar button's at 16 and 32), and each file is a PNG of the size it is declared at.
 */

const OUT = resolve(process.env.WXT_OUT_DIR ?? '.output');
const SIZES = ['16', '32', '48', '128'];

/** Width and height from a PNG's IHDR chunk (right after the 8-byte signature and chunk header). */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex'), `${file} is a PNG`).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.each(['chrome-mv3', 'firefox-mv3'])('the %s build', (target) => {
  const root = join(OUT, target);
  if (!existsSync(join(root, 'manifest.json'))) throw new Error(`No build at ${root}: run npm run build first.`);
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as {
    icons?: Record<string, string>;
    action?: { default_icon?: Record<string, string>; default_popup?: string };
  };

  test('declares the icon at 16, 32, 48 and 128 px, and the toolbar button at 16 and 32', () => {
    expect(Object.keys(manifest.icons ?? {}).sort()).toEqual([...SIZES].sort());
    expect(Object.keys(manifest.action?.default_icon ?? {}).sort()).toEqual(['16', '32']);
    // The button still opens the popup.
    expect(manifest.action?.default_popup).toBe('popup.html');
  });

  test('each icon file is a PNG of the size it is declared at', () => {
    const declared = { ...manifest.icons, ...manifest.action?.default_icon };
    for (const [size, path] of Object.entries(declared)) {
      const file = join(root, path);
      expect(existsSync(file), `${path} in ${target}`).toBe(true);
      expect(pngSize(file)).toEqual({ width: Number(size), height: Number(size) });
    }
  });
});
