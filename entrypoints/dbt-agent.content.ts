import { defineContentScript } from 'wxt/utils/define-content-script';
import { dbtLocators } from '@/utils/dbt/locators';
import { dbtReaders } from '@/utils/dbt/readers';
import { isDbtAccessHost } from '@/utils/dbt/routes';
import { wireAgent } from '@/utils/portal/agent-wiring';

// The agent on dbt's pages: top frame only, registered at run time by the background for the
// access URLs the admin granted (optional host permissions; none at install). The one document
// that may take the client secret: the top frame of an access URL, into its SSO form's field.
export default defineContentScript({
  registration: 'runtime',
  // Only the build's bookkeeping: the background registers the script for the granted origins
  // (utils/background/dbt-access.ts), and the build moves these out of the required permissions.
  matches: ['https://cloud.getdbt.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    wireAgent(ctx, {
      locators: dbtLocators,
      readers: dbtReaders,
      takesSecret: (doc) => doc.defaultView !== null && doc.defaultView === doc.defaultView.top && isDbtAccessHost(doc.location.hostname) && doc.location.protocol === 'https:',
    });
  },
});
