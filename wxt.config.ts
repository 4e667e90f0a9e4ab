import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Explicit imports everywhere: a reader sees where every name comes from.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'SSO Setup Guide for dbt Cloud on Microsoft Entra ID',
    short_name: 'dbt SSO Guide',
    description:
      'Guides an administrator through registering dbt Cloud in Microsoft Entra ID on the Azure portal and hands the values to dbt securely.',
    permissions: ['storage', 'alarms'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'sso-setup-guide-dbt-entra@extension',
              // storage.session arrived in Firefox 115.
              strict_min_version: '115.0',
              // The extension collects and transmits nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
