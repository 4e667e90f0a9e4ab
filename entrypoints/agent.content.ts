import { defineContentScript } from 'wxt/utils/define-content-script';
import { PORTAL_FRAME_MATCHES } from '@/utils/portal/hosts';

// The frame agent: every frame of the portal, including the blade iframes on *.portal.azure.net.
export default defineContentScript({
  matches: PORTAL_FRAME_MATCHES,
  allFrames: true,
  runAt: 'document_idle',
  main() {},
});
