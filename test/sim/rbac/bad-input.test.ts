import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InvalidAccessRequestError,
  InvalidScopeError,
  createRbacIndex,
  evaluateIndexed,
  resolveWithMachine,
  type ConditionalAccessRequest,
} from '../../../src/sim/rbac';
import { RG, assignment, world } from './world-builder';

const data = world({ assignments: [assignment('u', 'Reader', RG)] });
const good: ConditionalAccessRequest = { principal: 'u', action: 'Microsoft.Compute/virtualMachines/read', isDataAction: false, scope: RG, at: 0 };

describe('bad requests get a named error from both engines, never a crash', () => {
  it.each<[string, unknown, typeof InvalidAccessRequestError | typeof InvalidScopeError, string]>([
    ['no principal', { ...good, principal: '' }, InvalidAccessRequestError, 'principal object id'],
    ['no action', { ...good, action: undefined }, InvalidAccessRequestError, 'needs an action'],
    ['isDataAction missing', { ...good, isDataAction: 'no' }, InvalidAccessRequestError, 'isDataAction: boolean'],
    ['time is NaN', { ...good, at: Number.NaN }, InvalidAccessRequestError, 'simulated time'],
    ['groups not an array', { ...good, groups: 'g1' }, InvalidAccessRequestError, 'array of group object ids'],
    ['not an object', null, InvalidAccessRequestError, 'must be an object'],
    ['scope without a leading slash', { ...good, scope: 'subscriptions/s' }, InvalidScopeError, "must start with '/'"],
    ['scope with a dangling segment', { ...good, scope: `${RG}/providers/Microsoft.Compute` }, InvalidScopeError, '/providers/{namespace}/{type}/{name}'],
  ])('%s', (_label, req, errorClass, message) => {
    const index = createRbacIndex(data);
    expect(() => evaluateIndexed(index, req as ConditionalAccessRequest)).toThrow(errorClass);
    expect(() => evaluateIndexed(index, req as ConditionalAccessRequest)).toThrow(message);
    expect(() => resolveWithMachine(data, req as ConditionalAccessRequest)).toThrow(errorClass);
    expect(() => resolveWithMachine(data, req as ConditionalAccessRequest)).toThrow(message);
  });

  it('any request whatsoever yields a decision or one of the named errors', () => {
    const index = createRbacIndex(data);
    const junk = fc.oneof(fc.string(), fc.constant(RG), fc.constant('/'), fc.integer(), fc.constant(undefined), fc.constant(null));
    fc.assert(
      fc.property(
        fc.record({ principal: junk, action: junk, isDataAction: fc.oneof(fc.boolean(), junk), scope: fc.oneof(junk, fc.constant(`${RG}/providers/a/b/c`)), at: fc.oneof(fc.double(), junk) }),
        (req) => {
          for (const run of [() => evaluateIndexed(index, req as never), () => resolveWithMachine(data, req as never)]) {
            try {
              expect(typeof run().allowed).toBe('boolean');
            } catch (e) {
              expect(e instanceof InvalidAccessRequestError || e instanceof InvalidScopeError, String(e)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('odd world data does not crash a decision', () => {
  it('an assignment effective only at Infinity is simply pending', () => {
    const w = world({ assignments: [assignment('u', 'Reader', RG, { effectiveFrom: Number.POSITIVE_INFINITY })] });
    const d = resolveWithMachine(w, good);
    expect(d.reason).toBe('notYetPropagated');
    expect(evaluateIndexed(createRbacIndex(w), good)).toEqual(d);
  });
});
