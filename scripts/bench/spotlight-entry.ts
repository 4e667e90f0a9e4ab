/**
 * The extension's spotlight module as it ships in the frame agent, bundled on its own for the
 * benchmark's side-by-side run against driver.js in the page's world (scripts/bench/peer.ts).
 */
export { createSpotlight } from '@/utils/portal/spotlight';
