import type { StepInput } from '@/utils/guide/step-schema';

export default {
  id: 'record-domain',
  title: 'Record the directory\'s primary domain',
  where: 'portal',
  instruction: [
    'Open Microsoft Entra ID > Overview (the button below goes straight there).',
    'The guide reads "Primary domain" and "Tenant ID" from the page; check them below.',
    'For a multi-tenant app, dbt\'s "Microsoft Entra ID Domain" is not a domain but organizations, common or consumers (from your setup); the guide records that instead.',
  ],
  reason: {
    seed: 'The original guide: the domain of your Azure AD directory, "on the Directory Overview page above the name of the directory".',
    today:
      'The directory overview now lists it as "Primary domain" (for example contoso.onmicrosoft.com or a verified custom domain). dbt wants the primary domain alone: not an e-mail address, not a URL. dbt\'s current document also supports multi-tenant apps, whose "Microsoft Entra ID Domain" is an authority string instead.',
  },
  pages: ['isTenantOverview'],
  deepLink: 'isTenantOverview',
  targets: [{ locator: 'primaryDomainValue', action: 'highlight', lookFor: 'Overview > Primary domain' }],
  records: ['domain', 'primaryDomain', 'pageTenantId'],
  check: { reader: 'tenantOverview', rule: 'domainRecorded' },
} satisfies StepInput;
