import { defineConfig } from 'wxt';
import { DBT_HOST_PERMISSIONS } from './utils/dbt/routes';

// The icon (a shield with a check, docs/store/icon*.svg), rendered to PNG by scripts/icons.ts and
// committed: the toolbar and the extensions menu (16, 32), the extensions page (48), the install
// prompt and the stores (128).
const ICONS = { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png', 48: 'icons/icon-48.png', 128: 'icons/icon-128.png' };

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // WXT_OUT_DIR lets a benchmark or a second test run build beside .output without clobbering it.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  // Manifest V3 everywhere, Firefox included (storage.session, offscreen-free clipboard clearing).
  manifestVersion: 3,
  // Explicit imports everywhere: a reader sees where every name comes from.
  imports: false,
  // `npm run zip`: the Chrome/Edge and Firefox packages, and (Firefox only) the sources zip that
  // addons.mozilla.org's reviewers rebuild with `npm ci && npm run build:firefox`. WXT already leaves
  // node_modules, the output folder and dot files out of it; the tests, tools and their outputs are
  // not needed to build.
  zip: {
    excludeSources: ['tests/**', 'scripts/**', 'bench-results/**', 'test-results/**', 'web-ext-artifacts/**', '**/*.log', 'demo.png'],
  },
  hooks: {
    // dbt's agent is registered at run time for the hosts the admin grants (registration
    // 'runtime'); WXT would add its matches to the required host permissions: they are optional.
    'build:manifestGenerated': (_wxt, manifest) => {
      const optional: readonly string[] = DBT_HOST_PERMISSIONS;
      const isDbt = (p: string) => optional.includes(p) || /^https:\/\/([^/]+\.)?(getdbt|dbt)\.com\//.test(p);
      manifest.host_permissions = (manifest.host_permissions ?? []).filter((p: string) => !isDbt(p));
      if (manifest.host_permissions.length === 0) delete manifest.host_permissions;
    },
    // managed_schema.json is for Chrome and Edge (see `storage` below); Firefox does not read it.
    'build:publicAssets': (wxt, files) => {
      if (wxt.config.browser !== 'firefox') return;
      const at = files.findIndex((f) => f.relativeDest === 'managed_schema.json');
      if (at >= 0) files.splice(at, 1);
    },
  },
  manifest: ({ browser }) => ({
    name: 'dbt Cloud SSO Guide for Microsoft Entra ID',
    short_name: 'dbt SSO Guide',
    description:
      'Guides an administrator through registering dbt Cloud in Microsoft Entra ID on the Azure portal and hands the values to dbt securely.',
    icons: ICONS,
    action: { default_icon: { 16: ICONS[16], 32: ICONS[32] } },
    permissions: [
      'storage',
      // The idle timeout that forgets the secret, and the clipboard clearing after the popup closed.
      'alarms',
      // Clearing a copied secret from the clipboard with no focused page: from the offscreen
      // document (Chrome, Edge) or the background page (Firefox).
      'clipboardWrite',
      // The clipboard is cleared only while it still holds the copied secret (its hash is
      // compared), so that what the admin copied since is left alone: reading it is the only way
      // to know. Read at that one moment, hashed, never stored or sent.
      'clipboardRead',
      // Chrome and Edge: the service worker has no clipboard; an offscreen document (reason
      // CLIPBOARD) does the clearing and is closed after it. Firefox has no offscreen API.
      ...(browser === 'firefox' ? [] : ['offscreen']),
      // The guide's scripts on dbt's pages, registered once the admin grants its host.
      'scripting',
    ],
    // dbt's access URLs: nothing at install. The admin grants the host of their own access URL
    // when the guide reaches dbt's SSO form (the popup asks); declined, the values are copied.
    optional_host_permissions: [...DBT_HOST_PERMISSIONS],
    // The panel's stylesheet, which its shadow root loads, on dbt's pages too (WXT declares it
    // for the portal's).
    web_accessible_resources: [{ resources: ['content-scripts/panel.css'], use_dynamic_url: true, matches: [...DBT_HOST_PERMISSIONS] }],
    // The organisation's policy (utils/managed/policy.ts): Chrome and Edge read it only for the
    // keys this JSON Schema declares (public/managed_schema.json). Firefox has no such manifest key
    // (MDN, manifest.json "storage") and reads the policy from policies.json "3rdparty" instead.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'sso-setup-guide-dbt-entra@extension',
              // 140 (the ESR line of 2025): grants the portal hosts of an MV3 extension at install
              // (from 127; earlier versions leave them off and the guide would never appear), and
              // knows data_collection_permissions (from 140). storage.session came in 115.
              strict_min_version: '140.0',
              // The extension collects and transmits nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
