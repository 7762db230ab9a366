/**
 * The resolution machine walks the documented steps of spec §1.2 in order, and stops where the
 * algorithm says it stops.
 */
import { createActor, type InspectionEvent } from 'xstate';
import { describe, expect, it } from 'vitest';
import { resolutionMachine, type ConditionalAccessRequest, type RbacData } from '../../../src/sim/rbac';
import { CONTAINER, RG, STORAGE, VM, assignment, denyAssignment, world } from './world-builder';

/** The states the actor passed through: the source of every transition taken, then where it ended. */
function statesVisited(data: RbacData, req: ConditionalAccessRequest): string[] {
  const visited: string[] = [];
  const inspect = (e: InspectionEvent) => {
    if (e.type !== '@xstate.microstep') return;
    for (const t of e._transitions) if (visited.at(-1) !== t.source.key) visited.push(t.source.key);
  };
  const actor = createActor(resolutionMachine, { input: { data, req }, inspect });
  actor.start();
  const snap = actor.getSnapshot();
  expect(snap.status).toBe('done');
  return [...visited, String(snap.value)];
}

const read = (principal: string, scope = VM): ConditionalAccessRequest => ({
  principal,
  action: 'Microsoft.Compute/virtualMachines/read',
  isDataAction: false,
  scope,
  at: 0,
});

describe('resolution machine (spec §1.2)', () => {
  it('allowed: every step, then allowed', () => {
    expect(statesVisited(world({ assignments: [assignment('u', 'Reader', RG)] }), read('u'))).toEqual([
      'collectDenyAssignments',
      'denyCheck',
      'collectRoleAssignments',
      'matchActions',
      'evaluateConditions',
      'allowed',
    ]);
  });

  it('a deny assignment blocks right after the deny check', () => {
    const data = world({ assignments: [assignment('u', 'Reader', RG)], denies: [denyAssignment(RG, { actions: ['*'] })] });
    expect(statesVisited(data, read('u'))).toEqual(['collectDenyAssignments', 'denyCheck', 'denied']);
  });

  it('no role grants the action: denied without evaluating conditions', () => {
    expect(statesVisited(world({}), read('u'))).toEqual(['collectDenyAssignments', 'denyCheck', 'collectRoleAssignments', 'matchActions', 'denied']);
  });

  it('a failing condition: denied after evaluating conditions', () => {
    const data = world({ assignments: [assignment('u', 'Storage Blob Data Reader', STORAGE, { condition: "@Resource[x] StringEquals 'y'" })] });
    const req = { ...read('u', CONTAINER), action: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read', isDataAction: true };
    expect(statesVisited(data, req).slice(-2)).toEqual(['evaluateConditions', 'denied']);
  });

  it('outputs the decision as its final output', () => {
    const actor = createActor(resolutionMachine, { input: { data: world({ assignments: [assignment('u', 'Reader', RG)] }), req: read('u') } });
    actor.start();
    expect(actor.getSnapshot().output).toMatchObject({ allowed: true, reason: 'allowedByRole' });
  });
});
