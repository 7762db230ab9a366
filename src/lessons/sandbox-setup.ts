/**
 * Sandbox controls a start world applies (setup only): an IMDS fault window starting now, the role
 * propagation delay, and directory groups. They are the Time and faults panel's settings and the
 * directory an administrator keeps — not ARM calls — so they go to the sim directly, like every
 * other part of a start world.
 */
import {
  addGroupMember,
  createGroup,
  createRoleAssignment,
  guid,
  rbac,
  setFaultPlan,
  setPropagationDelay,
  type World,
} from '../sim/index';
import { findVmByName, parsePrincipalRef, parseScopeRef, resolvePrincipal, resolveScope } from './refs';
import type { SandboxAction } from './types';

type Applied = { ok: true } | { ok: false; message: string };

const failed = (message: string): Applied => ({ ok: false, message });
const fromResult = (r: { ok: true } | { ok: false; error: { code: string; message: string } }): Applied =>
  r.ok ? { ok: true } : failed(`${r.error.code}: ${r.error.message}`);

/** The group of that display name, made when it does not exist yet. */
function groupNamed(world: World, name: string): { ok: true; objectId: string } | { ok: false; message: string } {
  const found = Object.values(world.data.groups).find((g) => g.displayName.toLowerCase() === name.toLowerCase());
  if (found) return { ok: true, objectId: found.objectId };
  const made = createGroup(world, { displayName: name });
  return made.ok ? { ok: true, objectId: made.value.objectId } : { ok: false, message: `${made.error.code}: ${made.error.message}` };
}

export function applySandboxAction(world: World, action: SandboxAction): Applied {
  switch (action.sandbox) {
    case 'imdsFault': {
      let vmId: string | undefined;
      if (action.vm) {
        const vm = findVmByName(world, action.vm);
        if (!vm) return failed(`there is no VM named ${action.vm}`);
        vmId = vm.id;
      }
      const from = world.now() + Math.round((action.after ?? 0) * 1000);
      const rule = { kind: action.fault, from, until: from + Math.round(action.seconds * 1000), ...(vmId ? { vm: vmId } : {}) };
      return fromResult(setFaultPlan(world, { ...world.data.faultPlan, rules: [...world.data.faultPlan.rules, rule] }));
    }
    case 'propagationDelay':
      return fromResult(setPropagationDelay(world, Math.round(action.seconds * 1000)));
    case 'groupMember': {
      const ref = parsePrincipalRef(action.principal);
      if ('error' in ref) return failed(ref.error);
      const principal = resolvePrincipal(world, ref);
      if ('missing' in principal) return failed(principal.missing);
      const group = groupNamed(world, action.group);
      if (!group.ok) return group;
      return fromResult(addGroupMember(world, group.objectId, principal.principalId));
    }
    case 'groupRole': {
      const role = rbac.findRole(action.role);
      if (!role) return failed(`unknown role '${action.role}'`);
      const scopeRef = parseScopeRef(action.scope);
      if ('error' in scopeRef) return failed(scopeRef.error);
      const scope = resolveScope(world, scopeRef);
      if ('missing' in scope) return failed(scope.missing);
      const group = groupNamed(world, action.group);
      if (!group.ok) return group;
      return fromResult(
        createRoleAssignment(world, {
          name: guid(world.rng),
          scope: scope.id,
          roleDefinitionId: rbac.roleDefinitionId({ name: role.name }),
          principalId: group.objectId,
          principalType: 'Group',
        }),
      );
    }
  }
}
