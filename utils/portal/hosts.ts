/**
 * Portal hosts of the reference (shared/reference/azure-portal.md, section 1). Content-script
 * matches are exactly these. The blade iframes live on *.portal.azure.net; only the frame agent
 * goes there.
 */
export const PORTAL_TOP_MATCHES = [
  'https://portal.azure.com/*',
  'https://*.portal.azure.com/*',
  'https://entra.microsoft.com/*',
  'https://portal.azure.us/*',
  'https://portal.azure.cn/*',
];
export const PORTAL_FRAME_MATCHES = [...PORTAL_TOP_MATCHES, 'https://*.portal.azure.net/*'];

/**
 * The portal's own React View blade origins: `sandbox-<n>.reactblade.portal.azure.net` (also
 * `reactblade-ms`, `reactblade-rc`; `<n>` has been seen as 1, 2, 4 and `22-5`). Other
 * `*.portal.azure.net` hosts serve other things (extension hosting), where the agent also runs.
 */
const BLADE_ORIGIN = /^https:\/\/sandbox-[a-z0-9-]+\.reactblade(?:-ms|-rc)?\.portal\.azure\.net$/i;

export function isBladeOrigin(origin: string): boolean {
  return BLADE_ORIGIN.test(origin);
}
