import { describe, expect, it } from 'vitest';
import { createActor, getNextSnapshot, initialTransition } from 'xstate';
import { bladeTitle, currentBlade, MAX_DEPTH, navigationMachine, sameBlade, type Blade, type NavigationEvent } from '../../../src/cloud/portal-client/navigation.machine';

const VM = '/subscriptions/s/resourceGroups/myResourceGroup/providers/Microsoft.Compute/virtualMachines/myLinuxVM';
const RG = '/subscriptions/s/resourceGroups/myResourceGroup';

function run(events: NavigationEvent[]) {
  const actor = createActor(navigationMachine, { input: {} }).start();
  for (const e of events) actor.send(e);
  return actor.getSnapshot().context;
}
const open = (blade: Blade): NavigationEvent => ({ type: 'nav.open', blade });

describe('portal navigation', () => {
  it('starts at Home, and a start blade sits on top of Home', () => {
    const [start] = initialTransition(navigationMachine, {});
    expect(start.context.stack).toEqual([{ kind: 'home' }]);
    const [deep] = initialTransition(navigationMachine, { start: { kind: 'resourceGroups' } });
    expect(deep.context.stack.map((b) => b.kind)).toEqual(['home', 'resourceGroups']);
  });

  it.each<[string, NavigationEvent[], string[]]>([
    ['open pushes', [open({ kind: 'resourceGroups' }), open({ kind: 'resourceGroup', id: RG, section: 'overview' })], ['home', 'resourceGroups', 'resourceGroup']],
    ['back pops', [open({ kind: 'resourceGroups' }), { type: 'nav.back' }], ['home']],
    ['back at Home stays at Home', [{ type: 'nav.back' }, { type: 'nav.back' }], ['home']],
    ['home starts over', [open({ kind: 'resourceGroups' }), open({ kind: 'allResources' }), { type: 'nav.home' }], ['home']],
    ['the portal menu starts a new trail', [open({ kind: 'resourceGroups' }), open({ kind: 'resourceGroup', id: RG, section: 'overview' }), { type: 'nav.root', blade: { kind: 'virtualMachines' } }], ['home', 'virtualMachines']],
    ['the portal menu’s Home is Home alone', [open({ kind: 'resourceGroups' }), { type: 'nav.root', blade: { kind: 'home' } }], ['home']],
    ['opening Home is going home', [open({ kind: 'resourceGroups' }), open({ kind: 'home' })], ['home']],
    ['a breadcrumb click truncates', [open({ kind: 'resourceGroups' }), open({ kind: 'allResources' }), open({ kind: 'managedIdentities' }), { type: 'nav.to', depth: 1 }], ['home', 'resourceGroups']],
    ['a breadcrumb beyond the trail is ignored', [open({ kind: 'resourceGroups' }), { type: 'nav.to', depth: 5 }], ['home', 'resourceGroups']],
    ['a negative or fractional depth is ignored', [open({ kind: 'resourceGroups' }), { type: 'nav.to', depth: -1 }, { type: 'nav.to', depth: 0.5 }], ['home', 'resourceGroups']],
  ])('%s', (_label, events, kinds) => {
    expect(run(events).stack.map((b) => b.kind)).toEqual(kinds);
  });

  it('switches a resource blade’s section in place, only to sections that blade has', () => {
    const ctx = run([open({ kind: 'virtualMachine', id: VM, section: 'overview' }), { type: 'nav.section', section: 'identity' }]);
    expect(ctx.stack).toHaveLength(2);
    expect(currentBlade(ctx)).toEqual({ kind: 'virtualMachine', id: VM, section: 'identity' });
    const rg = run([open({ kind: 'resourceGroup', id: RG, section: 'overview' }), { type: 'nav.section', section: 'identity' }]);
    expect(currentBlade(rg)).toEqual({ kind: 'resourceGroup', id: RG, section: 'overview' });
    const home = run([{ type: 'nav.section', section: 'iam' }]);
    expect(currentBlade(home)).toEqual({ kind: 'home' });
  });

  it('keeps the trail bounded with Home at the bottom', () => {
    let snap = initialTransition(navigationMachine, {})[0];
    for (let i = 0; i < MAX_DEPTH * 3; i++) snap = getNextSnapshot(navigationMachine, snap, open({ kind: 'virtualMachine', id: `${VM}${i}`, section: 'overview' }));
    expect(snap.context.stack).toHaveLength(MAX_DEPTH);
    expect(snap.context.stack[0]).toEqual({ kind: 'home' });
    expect(currentBlade(snap.context)).toMatchObject({ id: `${VM}${MAX_DEPTH * 3 - 1}` });
  });

  it('tells the same blade and section apart from another (ids case-insensitively)', () => {
    expect(sameBlade({ kind: 'resourceGroup', id: RG, section: 'iam' }, { kind: 'resourceGroup', id: RG.toLowerCase(), section: 'iam' })).toBe(true);
    expect(sameBlade({ kind: 'resourceGroup', id: RG, section: 'iam' }, { kind: 'resourceGroup', id: RG, section: 'overview' })).toBe(false);
    expect(sameBlade({ kind: 'resourceGroup', id: RG, section: 'iam' }, { kind: 'virtualMachine', id: RG, section: 'iam' })).toBe(false);
    expect(sameBlade({ kind: 'home' }, { kind: 'home' })).toBe(true);
    expect(sameBlade({ kind: 'home' }, { kind: 'subscriptions' })).toBe(false);
  });

  it.each<[Blade, string]>([
    [{ kind: 'home' }, 'Home'],
    [{ kind: 'managedIdentities' }, 'Managed Identities'],
    [{ kind: 'virtualMachine', id: VM, section: 'iam' }, 'myLinuxVM'],
    [{ kind: 'resourceGroup', id: `${RG}/`, section: 'overview' }, 'myResourceGroup'],
    [{ kind: 'subscription', id: 's', section: 'overview' }, 'Azure subscription 1'],
  ])('names %o “%s” in the breadcrumb', (blade, title) => {
    expect(bladeTitle(blade, (id) => (id === 's' ? 'Azure subscription 1' : undefined))).toBe(title);
  });
});
