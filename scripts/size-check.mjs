// Checks the production build against size-budgets.json: prints each figure against its budget,
// exits non-zero when one is exceeded. A page's first load is its scripts, module preloads and
// stylesheets; chunks it imports lazily (OpenPGP, the wordlist) are listed apart, not counted.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import process from 'node:process';
import console from 'node:console';

const root = join(process.env.WXT_OUT_DIR ?? '.output', 'chrome-mv3');
const budgets = JSON.parse(readFileSync('size-budgets.json', 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(root, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function firstLoad(page) {
  const html = readFileSync(join(root, page), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="\/?([^"]+)"/g)].map((m) => m[1]);
  return [...new Set(refs)].filter((f) => /\.(js|css)$/.test(f));
}

if (!existsSync(join(root, 'manifest.json'))) {
  console.error(`No build at ${root}: run npm run build first.`);
  process.exit(2);
}
let failed = 0;
console.log('size check (gzip -9)');
for (const [name, budget] of Object.entries(budgets)) {
  if (name.startsWith('$')) continue;
  const files = budget.page ? firstLoad(budget.page) : budget.files;
  const total = files.reduce((sum, f) => sum + gz(f), 0);
  const ok = total <= budget.gzip;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${name}: ${kb(total)} of ${kb(budget.gzip)} (${files.join(', ')})`);
}
for (const f of readdirSync(join(root, 'chunks')).filter((f) => /^(openpgp|wordlist)/.test(f))) {
  console.log(`lazy ${f}: ${kb(gz(join('chunks', f)))} (loaded only when exporting)`);
}
process.exit(failed ? 1 : 0);
