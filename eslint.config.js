import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * utils/ is the engine and the domain: it knows no step, no component and no entry point. One
 * pattern, used by every block that lints utils/ files (a later block's rule replaces an earlier
 * one's for the files both match).
 */
const UTILS_BOUNDARY = {
  group: ['@/steps', '@/steps/*', '@/components', '@/components/*', '@/entrypoints', '@/entrypoints/*', '**/steps/*', '**/components/*', '**/entrypoints/*'],
  message: 'utils/ imports neither steps/, components/ nor entrypoints/.',
};

export default tseslint.config(
  { ignores: ['.output/', '.output-*/', '.wxt/', 'node_modules/', 'bench-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['tests/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // The portal's component library is in the tests' replica only, never in the extension.
    files: ['utils/**', 'components/**', 'entrypoints/**', 'steps/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@fluentui/*'], message: 'Fluent UI is the replica\'s (tests), not the extension\'s.' }] }],
    },
  },
  {
    // Import boundaries. utils/ is the engine and the domain: it knows no step, no component and
    // no entry point (the steps are passed in; see steps/ids.ts and the convention test).
    files: ['utils/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            UTILS_BOUNDARY,
          ],
        },
      ],
    },
  },
  {
    // The frame agent runs in every frame of the portal within a 12 KB budget: no zod (the
    // protocol's zod schemas give it types only; agent-inbox.ts checks messages by hand).
    files: ['entrypoints/agent.content.ts', 'utils/portal/**', 'utils/messaging/agent-inbox.ts', 'utils/messaging/sender.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@/utils/messaging/protocol', allowTypeImports: true, message: 'The frame agent takes types from the protocol, not its zod schemas.' },
          ],
          patterns: [
            { group: ['zod', 'zod/*'], message: 'No zod in the frame agent (its size budget).' },
            UTILS_BOUNDARY,
          ],
        },
      ],
    },
  },
  {
    // Text reaches pages as text nodes only. This keeps web-ext lint's UNSAFE_VAR_ASSIGNMENT
    // warnings (React DOM's own innerHTML code, never reached) harmless: see the README, "Firefox".
    files: ['entrypoints/**', 'components/**', 'utils/**', 'steps/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'No dangerouslySetInnerHTML: render text, not markup.',
        },
        {
          selector: "AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]",
          message: 'No innerHTML/outerHTML assignment: build nodes, set textContent.',
        },
        {
          selector: "CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment)$/]",
          message: 'No HTML parsing of strings: build nodes, set textContent.',
        },
      ],
    },
  },
);
