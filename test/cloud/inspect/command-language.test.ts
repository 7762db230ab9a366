/**
 * Which language Real commands shows first: Azure PowerShell when the VM the learner last worked
 * with (opened or changed in the portal, or ran a command in) runs Windows; the Azure CLI otherwise.
 * Each row drives the real router as the portal and the VMs' shells do.
 */
import { describe, expect, it } from 'vitest';
import { preferredLanguage, type CommandLanguage } from '../../../src/cloud/inspect/command-language';
import { identityFacts, setSystemAssigned } from '../../../src/cloud/portal-client/vm-identity-changes';
import { admin, portalAs, presetWorld } from '../portal-client/portal-fixture';

type Portal = Awaited<ReturnType<typeof portalAs>>;
type Step = (p: Portal, vm: (name: string) => { id: string; vmId: string }, sub: string) => Promise<unknown>;

const open: (name: string) => Step = (name) => (p, vm) => p.client.getVirtualMachine(vm(name).id);
const identityOn: (name: string) => Step = (name) => async (p, vm) => {
  const current = await p.client.getVirtualMachine(vm(name).id);
  return p.client.patchVirtualMachineIdentity(vm(name).id, setSystemAssigned(identityFacts(current.identity), true));
};
const accessControl: (name: string) => Step = (name) => (p, vm) => p.client.listRoleAssignmentsAtScope(vm(name).id);
const listVms: Step = (p, _vm, sub) => p.client.listVirtualMachines(sub);
const listGroups: Step = (p, _vm, sub) => p.client.listResourceGroups(sub);
/** A request from the VM's shell (curl or Invoke-RestMethod to IMDS). */
const shell: (name: string) => Step = (name) => (p, vm) =>
  p.router.fetch(new Request('http://169.254.169.254/metadata/instance?api-version=2021-02-01', { headers: { Metadata: 'true' } }), { from: { kind: 'vm', vmId: vm(name).vmId } });

const CASES: [label: string, expected: CommandLanguage, steps: Step[]][] = [
  ['nothing done yet', 'bash', []],
  ['only lists (no one VM named)', 'bash', [listVms, listGroups]],
  ['opened myWindowsVM in the portal', 'powershell', [open('myWindowsVM')]],
  ['opened myLinuxVM in the portal', 'bash', [open('myLinuxVM')]],
  ['turned on myWindowsVM’s identity, then only listed', 'powershell', [identityOn('myWindowsVM'), listVms, listGroups]],
  ['opened myWindowsVM’s access control', 'powershell', [accessControl('myWindowsVM')]],
  ['ran a command in myWindowsVM', 'powershell', [shell('myWindowsVM')]],
  ['opened myWindowsVM, then ran a command in myLinuxVM', 'bash', [open('myWindowsVM'), shell('myLinuxVM')]],
  ['ran a command in myLinuxVM, then opened myWindowsVM', 'powershell', [shell('myLinuxVM'), open('myWindowsVM')]],
];

describe('preferredLanguage', () => {
  it.each(CASES)('%s → %s', async (_label, expected, steps) => {
    const world = presetWorld('quickstart');
    const p = await portalAs(world, admin(world).userPrincipalName);
    const vms = Object.values(world.data.virtualMachines);
    const vm = (name: string) => {
      const found = vms.find((v) => v.name === name)!;
      return { id: found.id, vmId: found.properties.vmId };
    };
    const sub = Object.keys(world.data.subscriptions)[0]!;
    for (const step of steps) await step(p, vm, sub);
    expect(preferredLanguage(world, p.router.log.entries())).toBe(expected);
  });

  it('a VM that no longer exists is passed over for the one before it', async () => {
    const world = presetWorld('quickstart');
    const p = await portalAs(world, admin(world).userPrincipalName);
    const windows = Object.values(world.data.virtualMachines).find((v) => v.name === 'myWindowsVM')!;
    await p.client.getVirtualMachine(windows.id);
    await p.client.getVirtualMachine(windows.id.replace('myWindowsVM', 'gone')).catch(() => undefined);
    expect(preferredLanguage(world, p.router.log.entries())).toBe('powershell');
  });
});
