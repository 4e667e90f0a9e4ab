import { defineContentScript } from 'wxt/utils/define-content-script';
import { PORTAL_FRAME_MATCHES } from '@/utils/portal/hosts';
import { locators, oneTextRead } from '@/utils/portal/locators';
import { readers } from '@/utils/portal/readers';
import { wireAgent } from '@/utils/portal/agent-wiring';

// The frame agent: every frame of the portal, including the blade iframes on *.portal.azure.net.
// The portal never receives the client secret (no takesSecret).
export default defineContentScript({
  matches: PORTAL_FRAME_MATCHES,
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    wireAgent(ctx, { locators, readers, look: oneTextRead });
  },
});
