import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { assignmentMachine, systemAssignedMachine, userAssignedMachine } from '../../../src/sim/index';

const names = (actions: { type: string }[]) => actions.map((a) => a.type);

describe('systemAssignedMachine', () => {
  it('off → on creates a principal; on → off retires it; on again counts a new generation', () => {
    const [off, a0] = initialTransition(systemAssignedMachine, {});
    expect(off.value).toBe('off');
    expect(a0).toEqual([]);
    const [on, a1] = transition(systemAssignedMachine, off, { type: 'identity.enable' });
    expect(on.value).toBe('on');
    expect(names(a1)).toContain('createPrincipal');
    expect(on.context.generations).toBe(1);
    const [off2, a2] = transition(systemAssignedMachine, on, { type: 'identity.disable' });
    expect(off2.value).toBe('off');
    expect(names(a2)).toContain('retirePrincipal');
    const [on2] = transition(systemAssignedMachine, off2, { type: 'identity.enable' });
    expect(on2.context.generations).toBe(2);
  });

  it('removal is final from either state and only retires a principal that exists', () => {
    const [off] = initialTransition(systemAssignedMachine, {});
    const [removedFromOff, a] = transition(systemAssignedMachine, off, { type: 'identity.remove' });
    expect(removedFromOff.status).toBe('done');
    expect(names(a)).not.toContain('retirePrincipal');
    const [on] = transition(systemAssignedMachine, off, { type: 'identity.enable' });
    const [removedFromOn, b] = transition(systemAssignedMachine, on, { type: 'identity.remove' });
    expect(removedFromOn.value).toBe('removed');
    expect(names(b)).toContain('retirePrincipal');
  });

  it.each([
    ['off', 'identity.disable'],
    ['on', 'identity.enable'],
    ['removed', 'identity.enable'],
    ['removed', 'identity.disable'],
  ] as const)('in %s it refuses %s', (state, event) => {
    const snap = systemAssignedMachine.resolveState({ value: state, context: { principalId: null, generations: 0 } });
    expect(snap.can({ type: event })).toBe(false);
  });
});

describe('userAssignedMachine', () => {
  const attach = (resourceId: string) => ({ type: 'identity.attach' as const, resourceId });
  const detach = (resourceId: string) => ({ type: 'identity.detach' as const, resourceId });

  it('created detached → attached to N resources → back to detached as they leave', () => {
    const [s0] = initialTransition(userAssignedMachine, {});
    expect(s0.value).toBe('detached');
    const [s1] = transition(userAssignedMachine, s0, attach('/VM/A'));
    const [s2] = transition(userAssignedMachine, s1, attach('/vm/b'));
    expect(s2.value).toBe('attached');
    expect(s2.context.attachedTo).toEqual(['/vm/a', '/vm/b']);
    const [s3] = transition(userAssignedMachine, s2, detach('/vm/A'));
    expect(s3.value).toBe('attached');
    const [s4] = transition(userAssignedMachine, s3, detach('/vm/b'));
    expect(s4.value).toBe('detached');
    expect(s4.context.attachedTo).toEqual([]);
  });

  it('delete while attached detaches everywhere and retires the principal', () => {
    const [s0] = initialTransition(userAssignedMachine, { attachedTo: ['/vm/a'] });
    const attached = userAssignedMachine.resolveState({ value: 'attached', context: s0.context });
    const [deleted, actions] = transition(userAssignedMachine, attached, { type: 'identity.delete' });
    expect(deleted.value).toBe('deleted');
    expect(names(actions)).toEqual(expect.arrayContaining(['detachEverywhere', 'retirePrincipal']));
    expect(deleted.context.attachedTo).toEqual([]);
  });

  it('refuses attaching twice to one resource, detaching where it is not, and anything after delete', () => {
    const attached = userAssignedMachine.resolveState({ value: 'attached', context: { attachedTo: ['/vm/a'] } });
    expect(attached.can(attach('/vm/a'))).toBe(false);
    expect(attached.can(detach('/vm/z'))).toBe(false);
    const detached = userAssignedMachine.resolveState({ value: 'detached', context: { attachedTo: [] } });
    expect(detached.can(detach('/vm/a'))).toBe(false);
    const deleted = userAssignedMachine.resolveState({ value: 'deleted', context: { attachedTo: [] } });
    expect(deleted.can(attach('/vm/a'))).toBe(false);
    expect(deleted.can({ type: 'identity.delete' })).toBe(false);
  });
});

describe('assignmentMachine', () => {
  it('requested → propagating → effective → removed', () => {
    const [requested] = initialTransition(assignmentMachine);
    const [propagating, a] = transition(assignmentMachine, requested, { type: 'assignment.accept' });
    expect(propagating.value).toBe('propagating');
    expect(names(a)).toEqual(['store']);
    const [effective] = transition(assignmentMachine, propagating, { type: 'assignment.propagated' });
    expect(effective.value).toBe('effective');
    const [removed, b] = transition(assignmentMachine, effective, { type: 'assignment.remove' });
    expect(removed.value).toBe('removed');
    expect(names(b)).toEqual(['markRemoved']);
  });

  it('an orphaned assignment stays until removed', () => {
    const effective = assignmentMachine.resolveState({ value: 'effective', context: {} });
    const [orphaned] = transition(assignmentMachine, effective, { type: 'assignment.orphan' });
    expect(orphaned.value).toBe('orphaned');
    expect(orphaned.can({ type: 'assignment.propagated' })).toBe(false);
    const [removed] = transition(assignmentMachine, orphaned, { type: 'assignment.remove' });
    expect(removed.value).toBe('removed');
  });

  it.each([
    ['requested', 'assignment.propagated'],
    ['requested', 'assignment.remove'],
    ['effective', 'assignment.accept'],
    ['effective', 'assignment.propagated'],
    ['removed', 'assignment.remove'],
    ['removed', 'assignment.orphan'],
  ] as const)('in %s it refuses %s', (state, event) => {
    expect(assignmentMachine.resolveState({ value: state, context: {} }).can({ type: event })).toBe(false);
  });
});
