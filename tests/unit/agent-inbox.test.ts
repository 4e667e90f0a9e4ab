import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseAgentMessage } from '@/utils/messaging/agent-inbox';
import { MessageSchema } from '@/utils/messaging/protocol';
import { LOCATOR_NAMES, READER_NAMES } from '@/utils/portal/names';

const ALL = { locators: LOCATOR_NAMES, readers: READER_NAMES };

const target = fc.record(
  {
    locator: fc.oneof(fc.constantFrom(...LOCATOR_NAMES), fc.string({ maxLength: 5 })),
    action: fc.oneof(fc.constantFrom('highlight', 'fill', 'choose', 'check', 'fillSecret'), fc.string({ maxLength: 5 })),
    value: fc.oneof(fc.string({ maxLength: 20 }), fc.string({ minLength: 1995, maxLength: 2005 }), fc.integer()),
    arg: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null)),
    lookFor: fc.oneof(fc.string({ maxLength: 20 }), fc.string({ minLength: 299, maxLength: 301 }), fc.constant(undefined)),
  },
  { requiredKeys: ['locator', 'action'] },
);
const job = fc.record(
  {
    stepId: fc.oneof(fc.string({ maxLength: 62 }), fc.integer()),
    targets: fc.array(target, { maxLength: 32 }),
    readers: fc.array(fc.oneof(fc.constantFrom(...READER_NAMES), fc.string({ maxLength: 4 })), { maxLength: 11 }),
  },
  { requiredKeys: ['stepId'] },
);
const message = fc.oneof(
  fc.record({ type: fc.constant('agent/job'), job: fc.oneof(job, fc.constant(null), fc.anything()) }),
  fc.record(
    { type: fc.constant('panel/fill'), stepId: fc.string({ maxLength: 62 }), index: fc.oneof(fc.integer(), fc.double(), fc.string()), frameId: fc.oneof(fc.integer(), fc.constant(undefined), fc.string()) },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    { type: fc.constant('agent/focus'), stepId: fc.oneof(fc.string({ maxLength: 62 }), fc.integer()), index: fc.oneof(fc.integer({ min: -2, max: 31 }), fc.constant(null), fc.double(), fc.string()) },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      type: fc.constant('agent/fill-secret'),
      stepId: fc.oneof(fc.string({ maxLength: 62 }), fc.integer()),
      index: fc.oneof(fc.integer({ min: -2, max: 31 }), fc.double(), fc.string()),
      value: fc.oneof(fc.string({ maxLength: 40 }), fc.string({ minLength: 3999, maxLength: 4001 }), fc.integer()),
    },
    { requiredKeys: ['type'] },
  ),
  fc.anything(),
);

const schemaAccepts = (raw: unknown) => {
  const parsed = MessageSchema.safeParse(raw);
  return parsed.success && (parsed.data.type === 'agent/job' || parsed.data.type === 'panel/fill' || parsed.data.type === 'agent/focus' || parsed.data.type === 'agent/fill-secret') ? parsed.data : null;
};

describe('the frame agent\'s message check', () => {
  test('accepts exactly what the protocol schema accepts, with the same result', () => {
    fc.assert(
      fc.property(message, (raw) => {
        expect(parseAgentMessage(raw, ALL)).toEqual(schemaAccepts(raw));
      }),
      { numRuns: 3000 },
    );
  });

  test('valid messages are accepted (the property above is not vacuous)', () => {
    const ok = {
      type: 'agent/job',
      job: { stepId: 'register-app', targets: [{ locator: 'appNameInput', action: 'fill', value: 'dbt Cloud', lookFor: 'Name' }], readers: ['appEssentials'] },
    };
    expect(parseAgentMessage(ok, ALL)).toEqual(ok);
    expect(parseAgentMessage({ type: 'panel/fill', stepId: 'x', index: 2, frameId: 4 }, ALL)).toEqual({ type: 'panel/fill', stepId: 'x', index: 2, frameId: 4 });
    expect(parseAgentMessage({ type: 'agent/job', job: { stepId: 'x', targets: [{ locator: 'nope', action: 'fill', lookFor: 'a' }], readers: [] } }, ALL)).toBeNull();
    expect(parseAgentMessage({ type: 'agent/focus', stepId: 'x', index: 3 }, ALL)).toEqual({ type: 'agent/focus', stepId: 'x', index: 3 });
    expect(parseAgentMessage({ type: 'agent/focus', stepId: 'x', index: null }, ALL)).toEqual({ type: 'agent/focus', stepId: 'x', index: null });
  });
});
