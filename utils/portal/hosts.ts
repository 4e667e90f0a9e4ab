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
