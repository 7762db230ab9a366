import { describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import { ArmRequestError } from '../../../src/cloud/portal-client/arm-error';
import type { VirtualMachineResource } from '../../../src/cloud/portal-client/arm-types';
import { portalActors } from '../../../src/cloud/portal-client/portal-actors';
import { confirmationText, systemAssignedTabMachine, type SaveInput } from '../../../src/cloud/portal-client/system-assigned-tab.machine';
import { admin, portalAs, presetWorld } from './portal-fixture';

const vm = (identity?: VirtualMachineResource['identity']): VirtualMachineResource => ({
  id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/myLinuxVM',
  name: 'myLinuxVM',
  type: 'Microsoft.Compute/virtualMachines',
  location: 'eastus',
  properties: {},
  ...(identity ? { identity } : {}),
});

function start(save: (input: SaveInput) => Promise<VirtualMachineResource>, initial = vm()) {
  const notifySaved = vi.fn();
  const notifyFailed = vi.fn();
  const actor = createActor(
    systemAssignedTabMachine.provide({ actors: { saveIdentity: fromPromise(({ input }) => save(input)) }, actions: { notifySaved, notifyFailed } }),
    { input: { vm: initial } },
  ).start();
  return { actor, notifySaved, notifyFailed };
}

describe('System assigned tab', () => {
  it('does nothing on Save while the switch matches what ARM said', () => {
    const save = vi.fn();
    const { actor } = start(save);
    actor.send({ type: 'identity.save' });
    expect(actor.getSnapshot().value).toBe('editing');
    expect(save).not.toHaveBeenCalled();
  });

  it('asks first; "No" keeps the draft and sends nothing', () => {
    const save = vi.fn();
    const { actor } = start(save);
    actor.send({ type: 'status.set', on: true });
    actor.send({ type: 'identity.save' });
    expect(actor.getSnapshot().value).toBe('confirming');
    actor.send({ type: 'confirm.no' });
    expect(actor.getSnapshot().value).toBe('editing');
    expect(actor.getSnapshot().context.desiredOn).toBe(true);
    expect(save).not.toHaveBeenCalled();
  });

  it('"Yes" saves, then shows the principal id ARM returned and notifies', async () => {
    const save = vi.fn(async () => vm({ type: 'SystemAssigned', principalId: '11111111-1111-1111-1111-111111111111', tenantId: 't' }));
    const { actor, notifySaved } = start(save);
    actor.send({ type: 'status.set', on: true });
    actor.send({ type: 'identity.save' });
    actor.send({ type: 'confirm.yes' });
    expect(actor.getSnapshot().value).toBe('saving');
    const done = await waitFor(actor, (s) => s.matches('editing'));
    expect(save).toHaveBeenCalledWith({ vmId: vm().id, facts: { systemAssigned: false, userAssigned: [] }, on: true });
    expect(done.context).toMatchObject({ principalId: '11111111-1111-1111-1111-111111111111', desiredOn: true, error: null });
    expect(notifySaved).toHaveBeenCalledOnce();
  });

  it('a refused PATCH keeps the VM as it was and keeps ARM’s message', async () => {
    const { actor, notifyFailed } = start(async () => {
      throw new ArmRequestError('AuthorizationFailed', "The client 'x' with object id 'y' does not have authorization…", 403);
    });
    actor.send({ type: 'status.set', on: true });
    actor.send({ type: 'identity.save' });
    actor.send({ type: 'confirm.yes' });
    const done = await waitFor(actor, (s) => s.matches('editing'));
    expect(done.context.facts.systemAssigned).toBe(false);
    expect(done.context.error).toEqual({ code: 'AuthorizationFailed', message: "The client 'x' with object id 'y' does not have authorization…" });
    expect(notifyFailed).toHaveBeenCalledOnce();
  });

  it('a fresh read of the VM updates the saved state but not an unsaved draft', () => {
    const { actor } = start(vi.fn());
    actor.send({ type: 'vm.loaded', vm: vm({ type: 'SystemAssigned', principalId: 'p' }) });
    expect(actor.getSnapshot().context).toMatchObject({ desiredOn: true, principalId: 'p' });
    actor.send({ type: 'status.set', on: false });
    actor.send({ type: 'vm.loaded', vm: vm({ type: 'SystemAssigned', principalId: 'p' }) });
    expect(actor.getSnapshot().context.desiredOn).toBe(false);
  });

  it('against the router: turning it on registers a principal, turning it off removes it', async () => {
    const world = presetWorld('quickstart');
    const { client, directory } = await portalAs(world, admin(world).userPrincipalName);
    const [sub] = await client.listSubscriptions();
    const linux = (await client.listVirtualMachines(sub!.subscriptionId)).find((v) => v.name === 'myLinuxVM')!;
    const actor = createActor(systemAssignedTabMachine.provide({ actors: portalActors(client, directory) }), { input: { vm: linux } }).start();
    actor.send({ type: 'status.set', on: true });
    actor.send({ type: 'identity.save' });
    actor.send({ type: 'confirm.yes' });
    const on = await waitFor(actor, (s) => s.matches('editing'));
    const principalId = on.context.principalId!;
    expect(world.data.servicePrincipals[principalId]?.deletedAt).toBeNull();
    actor.send({ type: 'status.set', on: false });
    actor.send({ type: 'identity.save' });
    actor.send({ type: 'confirm.yes' });
    const off = await waitFor(actor, (s) => s.matches('editing'));
    expect(off.context.principalId).toBeNull();
    expect(world.data.servicePrincipals[principalId]?.deletedAt ?? 'purged').not.toBeNull();
  });

  it('words the confirmation for the direction of the change', () => {
    expect(confirmationText('myLinuxVM', true).title).toBe('Enable system assigned managed identity');
    expect(confirmationText('myLinuxVM', false).body).toContain('Identity not found');
  });
});
