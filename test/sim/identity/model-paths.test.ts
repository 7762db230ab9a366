/**
 * The machines and the world operations must agree: every path the machine allows (from
 * xstate/graph) is replayed through the operations, and after each step the state derived from the
 * world's data equals the machine's state.
 */
import { describe, expect, it } from 'vitest';
import { getSimplePaths } from 'xstate/graph';
import {
  attachUserAssigned,
  createUserAssignedIdentity,
  deleteUserAssignedIdentity,
  deleteVirtualMachine,
  detachUserAssigned,
  disableSystemAssigned,
  enableSystemAssigned,
  quickstartWorld,
  systemAssignedMachine,
  systemAssignedState,
  userAssignedMachine,
  userAssignedState,
  type SystemAssignedEvent,
  type UserAssignedEvent,
} from '../../../src/sim/index';

/** getSimplePaths starts every path with the machine's own init event, which no operation mirrors. */
const isInit = (e: { type: string }): boolean => (e.type as string) === 'xstate.init';

describe('system-assigned: machine paths replayed through operations', () => {
  const paths = getSimplePaths(systemAssignedMachine, {
    events: [{ type: 'identity.enable' }, { type: 'identity.disable' }, { type: 'identity.remove' }],
    input: {},
    // The generation counter grows forever; the lifecycle is the state value.
    serializeState: (snapshot) => String(snapshot.value),
    limit: 1000,
  });

  it('reaches every state', () => {
    expect(new Set(paths.map((p) => String(p.state.value)))).toEqual(new Set(['off', 'on', 'removed']));
  });

  it.each(paths.map((p) => [p.steps.filter((s) => !isInit(s.event)).map((s) => s.event.type).join(' → ') || '(start)', p] as const))('%s', (_name, path) => {
    const q = quickstartWorld();
    const principals = new Set<string>();
    for (const step of path.steps.filter((s) => !isInit(s.event))) {
      const event = step.event as SystemAssignedEvent;
      const r =
        event.type === 'identity.enable'
          ? enableSystemAssigned(q.world, q.linuxVmId)
          : event.type === 'identity.disable'
            ? disableSystemAssigned(q.world, q.linuxVmId)
            : deleteVirtualMachine(q.world, q.linuxVmId);
      expect(r.ok).toBe(true);
      expect(systemAssignedState(q.world, q.linuxVmId)).toBe(step.state.value);
      const vm = q.world.data.virtualMachines[q.linuxVmId.toLowerCase()];
      if (vm?.identity?.principalId) {
        // Every enable mints a principal never seen before on this VM.
        expect(principals.has(vm.identity.principalId)).toBe(false);
        principals.add(vm.identity.principalId);
      }
    }
  });
});

describe('user-assigned: machine paths replayed through operations', () => {
  const A = '/vm/a';
  const B = '/vm/b';
  const paths = getSimplePaths(userAssignedMachine, {
    events: [
      { type: 'identity.attach', resourceId: A },
      { type: 'identity.attach', resourceId: B },
      { type: 'identity.detach', resourceId: A },
      { type: 'identity.detach', resourceId: B },
      { type: 'identity.delete' },
    ],
    input: {},
    serializeState: (snapshot) => `${String(snapshot.value)}:${[...snapshot.context.attachedTo].sort().join(',')}`,
    limit: 1000,
  });

  it('reaches every state', () => {
    expect(new Set(paths.map((p) => String(p.state.value)))).toEqual(new Set(['detached', 'attached', 'deleted']));
  });

  it.each(paths.map((p) => [p.steps.filter((s) => !isInit(s.event)).map((s) => `${s.event.type}${'resourceId' in s.event ? ` ${s.event.resourceId}` : ''}`).join(' → ') || '(start)', p] as const))(
    '%s',
    (_name, path) => {
      const q = quickstartWorld();
      const created = createUserAssignedIdentity(q.world, { subscriptionId: q.subscriptionId, resourceGroup: 'myResourceGroup', name: 'walker', location: 'eastus' });
      if (!created.ok) throw new Error();
      const id = created.value.identity.id;
      const vmFor = (r: string) => (r === A ? q.linuxVmId : q.windowsVmId);
      for (const step of path.steps.filter((s) => !isInit(s.event))) {
        const event = step.event as UserAssignedEvent;
        const r =
          event.type === 'identity.attach'
            ? attachUserAssigned(q.world, id, vmFor(event.resourceId))
            : event.type === 'identity.detach'
              ? detachUserAssigned(q.world, id, vmFor(event.resourceId))
              : deleteUserAssignedIdentity(q.world, id);
        expect(r.ok).toBe(true);
        expect(userAssignedState(q.world, id)).toBe(step.state.value);
      }
    },
  );
});
