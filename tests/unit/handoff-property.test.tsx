import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { GuideStoreProvider } from '@/components/store-context';
import { HandoffSection } from '@/components/handoff/HandoffSection';
import { createGuideStore } from '@/utils/guide/store';
import { persistGuideStore } from '@/utils/guide/persist';
import { AccountTypeSchema, RegionSchema, type Setup } from '@/utils/domain/setup';
import { reviewHandoff, type Drafts, type PublicHandoffField } from '@/utils/handoff/export/review';
import { messageWithoutSecret, rotationReminder } from '@/utils/handoff/export/outputs';
import type { PublicValues } from '@/utils/domain/values';
import type { Message } from '@/utils/messaging/protocol';

/*
 * Properties of the hand-off: whatever the values, no plain-text output holds the secret; whatever
 * the admin does in the review, the secret never reaches storage.local; and "Finish and clear"
 * leaves it nowhere in storage.
 */

const FIELDS: readonly PublicHandoffField[] = ['clientId', 'tenantId', 'domain', 'secretExpiry'];
const EXAMPLES: Record<PublicHandoffField | 'displayName', string> = {
  clientId: '6f1b7c2e-1234-4abc-9def-0123456789ab',
  tenantId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  domain: 'contoso.onmicrosoft.com',
  secretExpiry: (() => {
    const d = new Date();
    d.setUTCFullYear(d.getUTCFullYear() + 1);
    return d.toISOString().slice(0, 10);
  })(),
  displayName: 'dbt Cloud',
};

/** A secret of the shape Entra gives: realistic, and no accidental substring of anything else. */
const realisticSecret = fc
  .string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-'), minLength: 34, maxLength: 34 })
  .map((tail) => `Xy7${'8'}Q~${tail}`);

/** Anything non-blank: the barrier holds for every secret, not only realistic ones. */
const anySecret = fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== '');

/** A field's text: absent, right, arbitrary, the secret, or the secret inside other text. */
const fieldText = (field: PublicHandoffField | 'displayName', secret: string) =>
  fc.oneof(
    fc.constant(undefined),
    fc.constant(EXAMPLES[field]),
    fc.string({ maxLength: 80 }),
    fc.constant(secret),
    fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => `${a}${secret}${b}`),
    fc.constant(`admin@${secret}`),
  );

const setupArb = (secret: string): fc.Arbitrary<Setup> =>
  fc.record({
    profile: fc.constantFrom('support', 'self-service'),
    deploymentId: fc.oneof(fc.constant('acme-42'), fc.string({ maxLength: 40 }), fc.constant(secret)),
    region: fc.constantFrom(...RegionSchema.options),
    customRedirectUri: fc.oneof(
      fc.constant(''),
      fc.constant('https://auth.example.dbt.com/login/callback'),
      fc.constant(`https://auth.example.dbt.com/login/callback?c=${secret}`),
      fc.string({ maxLength: 60 }),
    ),
    supportRedirectUri: fc.oneof(fc.constant(''), fc.constant('https://auth.getdbt.com/login/callback?connection=acme'), fc.constant(secret)),
    accountType: fc.constantFrom(...AccountTypeSchema.options),
    includeDirectoryRead: fc.boolean(),
  });

function recorded(texts: Partial<Record<string, string | undefined>>, source: 'page' | 'typed'): PublicValues {
  const values: PublicValues = {};
  for (const [key, value] of Object.entries(texts)) {
    if (value !== undefined) values[key as PublicHandoffField] = { value, source, at: '2026-01-01T00:00:00.000Z' };
  }
  return values;
}

const stateArb = (secretArb: fc.Arbitrary<string>) =>
  secretArb.chain((secret) =>
    fc.record({
      secret: fc.constant(secret),
      setup: setupArb(secret),
      values: fc.record({
        clientId: fieldText('clientId', secret),
        tenantId: fieldText('tenantId', secret),
        domain: fieldText('domain', secret),
        secretExpiry: fieldText('secretExpiry', secret),
        displayName: fieldText('displayName', secret),
      }),
      drafts: fc.record(
        { clientId: fieldText('clientId', secret), domain: fieldText('domain', secret) },
        { requiredKeys: [] },
      ),
      source: fc.constantFrom('page' as const, 'typed' as const),
      fingerprint: fc.constantFrom(undefined, 'B5CA E74C 6AA6 4161 C210 901D 1E80 33E1 F0B8 1F6B'),
    }),
  );

type StateValue = ReturnType<typeof stateArb> extends fc.Arbitrary<infer T> ? T : never;

function reviewOf(s: StateValue) {
  const drafts: Drafts = {};
  for (const [k, v] of Object.entries(s.drafts)) if (v !== undefined) drafts[k as PublicHandoffField] = v;
  return reviewHandoff({
    setup: s.setup,
    values: recorded(s.values, s.source),
    lists: {},
    drafts,
    secret: { value: s.secret, source: s.source },
  });
}

describe('no plain-text output holds the secret', () => {
  test('the message, the reminder and every copyable value, for arbitrary values and any secret', () => {
    fc.assert(
      fc.property(stateArb(fc.oneof(realisticSecret, anySecret)), (s) => {
        const review = reviewOf(s);
        const needle = s.secret.trim();
        const outputs = [
          messageWithoutSecret(review, { method: 'passphrase' }),
          messageWithoutSecret(review, { method: 'public-key', fingerprint: s.fingerprint }),
          rotationReminder(review),
        ];
        for (const text of outputs) if (text !== null) expect(text).not.toContain(needle);
        // A value other than the secret is copyable unless it is flagged as holding it.
        for (const row of review.rows) {
          if (row.field === 'clientSecret') continue;
          if (!row.findings.some((f) => f.code === 'contains-secret')) expect(row.value).not.toContain(needle);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('no message shown beside a field quotes a real secret put in the wrong place', () => {
    fc.assert(
      fc.property(stateArb(realisticSecret), (s) => {
        const review = reviewOf(s);
        for (const row of review.rows) {
          for (const f of row.findings) expect(f.message).not.toContain(s.secret);
        }
        for (const f of review.redirect.findings) expect(f.message).not.toContain(s.secret);
      }),
      { numRuns: 1000 },
    );
  });

  test('the popup shows the secret in masked inputs only, for arbitrary values', async () => {
    await fc.assert(
      fc.asyncProperty(stateArb(realisticSecret), async (s) => {
        fakeBrowser.reset();
        const store = createGuideStore();
        store.setState({
          setup: { ...s.setup, customRedirectUri: '', deploymentId: 'acme-42' },
          values: recorded(s.values, s.source),
          secret: { value: s.secret, source: s.source, at: '2026-01-01T00:00:00.000Z' },
          loaded: true,
        });
        render(
          <GuideStoreProvider store={store}>
            <HandoffSection />
          </GuideStoreProvider>,
        );
        const copy = document.body.cloneNode(true) as HTMLElement;
        for (const input of copy.querySelectorAll('input[type="password"]')) input.remove();
        expect(copy.innerHTML).not.toContain(s.secret);
        for (const el of document.querySelectorAll('input:not([type="password"]), textarea')) {
          expect((el as HTMLInputElement).value).not.toContain(s.secret);
        }
        cleanup();
      }),
      { numRuns: 60 },
    );
  });
});

/** What the admin can do in the review. */
type Action =
  | { kind: 'type'; field: PublicHandoffField; text: string }
  | { kind: 'secret'; text: string }
  | { kind: 'copy-secret' }
  | { kind: 'delay'; seconds: string }
  | { kind: 'reveal' }
  | { kind: 'finish' };

const LABELS: Record<PublicHandoffField, string> = {
  clientId: 'Application (client) ID',
  tenantId: 'Directory (tenant) ID',
  domain: 'Directory domain',
  secretExpiry: 'Client secret expiry date',
};

const actionArb = (secrets: readonly string[]): fc.Arbitrary<Action> => {
  const secret = fc.constantFrom(...secrets);
  return fc.oneof(
    fc.record({
      kind: fc.constant('type' as const),
      field: fc.constantFrom(...FIELDS),
      text: fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom(...FIELDS.map((f) => EXAMPLES[f])),
        secret,
        secret.map((x) => ` ${x} `),
        secret.map((x) => `user@${x}`),
      ),
    }),
    fc.record({ kind: fc.constant('secret' as const), text: fc.oneof(secret, fc.constant(''), secret.map((x) => x.slice(0, 12))) }),
    fc.constant({ kind: 'copy-secret' as const }),
    fc.record({ kind: fc.constant('delay' as const), seconds: fc.constantFrom('10', '60', '600') }),
    fc.constant({ kind: 'reveal' as const }),
    fc.constant({ kind: 'finish' as const }),
  );
};

const settle = () => act(() => new Promise((r) => setTimeout(r, 0)));
const storageText = async (name: 'local' | 'session') => JSON.stringify(await fakeBrowser.storage[name].get(null));

async function perform(action: Action): Promise<void> {
  const input = (label: string) => screen.getByLabelText(label, { selector: 'input' });
  switch (action.kind) {
    case 'type':
      fireEvent.change(input(LABELS[action.field]), { target: { value: action.text } });
      break;
    case 'secret':
      fireEvent.change(input('Client secret Value'), { target: { value: action.text } });
      break;
    case 'copy-secret': {
      const button = screen.getByRole('button', { name: 'Copy Client secret Value' }) as HTMLButtonElement;
      if (!button.disabled) fireEvent.click(button);
      break;
    }
    case 'delay':
      fireEvent.change(screen.getByLabelText('Clear a copied secret from the clipboard after'), { target: { value: action.seconds } });
      break;
    case 'reveal':
      fireEvent.click(screen.getByRole('button', { name: /^(Show|Hide)$/ }));
      break;
    case 'finish':
      fireEvent.click(screen.getByRole('button', { name: 'Finish and clear' }));
      fireEvent.click(screen.getByRole('button', { name: 'Yes, clear them' }));
      break;
  }
  await settle();
}

describe('the secret stays out of storage.local', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  test('after every action of any sequence; and "Finish and clear" leaves it nowhere in storage', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(realisticSecret, { minLength: 1, maxLength: 2 }).chain((secrets) =>
          fc.record({ secrets: fc.constant(secrets), actions: fc.array(actionArb(secrets), { maxLength: 10 }) }),
        ),
        async ({ secrets, actions }) => {
          fakeBrowser.reset();
          const sent: Message[] = [];
          fakeBrowser.runtime.onMessage.addListener((message: Message, _sender, sendResponse) => {
            sent.push(message);
            sendResponse(message.type === 'clipboard/armed' ? { armed: true } : { outcome: 'none' });
            return true;
          });
          const store = createGuideStore();
          const controller = new AbortController();
          await persistGuideStore(store, { withSecret: true, signal: controller.signal });
          render(
            <GuideStoreProvider store={store}>
              <HandoffSection />
            </GuideStoreProvider>,
          );
          try {
            for (const action of [...actions, { kind: 'finish' as const }]) {
              await perform(action);
              const current = store.getState().secret?.value;
              const local = await storageText('local');
              if (current !== undefined && current.length >= 10) expect(local).not.toContain(current);
              // Messages to the background carry a fingerprint, never the text.
              for (const s of secrets) expect(JSON.stringify(sent)).not.toContain(s);
            }
            const session = await storageText('session');
            const local = await storageText('local');
            for (const s of secrets) {
              expect(session).not.toContain(s.slice(0, 12));
              expect(local).not.toContain(s.slice(0, 12));
            }
            expect(store.getState().secret).toBeNull();
          } finally {
            controller.abort();
            cleanup();
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
