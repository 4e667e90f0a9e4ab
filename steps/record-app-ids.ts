import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'record-app-ids',
  title: 'Record the Application (client) ID and tenant ID',
  where: 'portal',
  instruction: [
    'On the app\'s Overview, under Essentials, find "Application (client) ID" and "Directory (tenant) ID".',
    'The guide reads both from the page; check them below. Do not use the "Object ID": it is another identifier.',
    'Check that "Redirect URIs" shows 1 web URI and "Supported account types" matches your setup ("My organization only" for single tenant).',
  ],
  reason: {
    seed: 'The original guide: the Application (client) ID is found by clicking Overview under Manage.',
    today:
      'Unchanged, but the Overview shows three GUIDs side by side. dbt needs the Application (client) ID (and, for a single-tenant app, the Directory (tenant) ID); the Object ID is the classic mistake and makes sign-in fail. dbt\'s current document reads them at the end; the guide reads them here, where the portal lands after Register.',
  },
  pages: ['isAppOverview'],
  deepLink: 'isAppOverview',
  targets: [
    { locator: 'clientIdValue', action: 'highlight', lookFor: 'Essentials > Application (client) ID' },
    { locator: 'tenantIdValue', action: 'highlight', lookFor: 'Essentials > Directory (tenant) ID' },
  ],
  records: ['clientId', 'tenantId', 'objectId', 'displayName', 'accountType', 'routeAppId'],
  check: { reader: 'appEssentials', rule: 'appIdsRecorded' },
} satisfies StepInput;
