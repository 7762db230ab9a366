/**
 * Microsoft.Authorization/roleAssignments (rbac-arm.md §3.4): PUT (201, 200 for an identical
 * repeat, 409 RoleAssignmentExists), GET, DELETE (200 with the body, 204 when absent) and list with
 * `$filter=atScope()` and `principalId eq '…'`, at any scope including the tenant root.
 */
import {
  armId,
  createRoleAssignment,
  deleteRoleAssignment,
  errors,
  findRoleAssignment,
  listRoleAssignments,
  rbac,
  type World,
} from '../../sim/index';
import type { RoleAssignment } from '../../sim/rbac/index';
import { isPlainObject } from '../http/body';
import { AUTHORIZATION_API } from './api-versions';
import { armError } from './errors';
import { armRoute, listOf, scopeParam, simFailure, type ArmRoute } from './route';

const RA_ACTION = {
  read: 'Microsoft.Authorization/roleAssignments/read',
  write: 'Microsoft.Authorization/roleAssignments/write',
  delete: 'Microsoft.Authorization/roleAssignments/delete',
} as const;

/** ARM returns the role definition id qualified by the assignment's subscription. */
export function qualifiedRoleDefinitionId(scope: string, roleGuid: string): string {
  const sub = /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1];
  return `${sub ? `/subscriptions/${sub}` : ''}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`;
}

export function assignmentWire(_world: World, a: RoleAssignment) {
  const roleGuid = rbac.roleGuidOf(a.roleDefinitionId) ?? a.roleDefinitionId;
  return {
    properties: {
      roleDefinitionId: qualifiedRoleDefinitionId(a.scope, roleGuid),
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      condition: a.condition ?? null,
      conditionVersion: a.conditionVersion ?? null,
      createdOn: a.createdOn,
      updatedOn: a.createdOn,
      // The sim does not record who created an assignment.
      createdBy: null,
      updatedBy: null,
      delegatedManagedIdentityResourceId: null,
      description: a.description ?? null,
    },
    id: armId.roleAssignmentId(a.scope, a.name),
    type: 'Microsoft.Authorization/roleAssignments',
    name: a.name,
  };
}

type Filter = { ok: true; atScope: boolean; principalId?: string } | { ok: false; message: string };

/** The subset of ARM's OData filters the role-assignment list understands. */
export function parseAssignmentFilter(raw: string | null): Filter {
  if (raw === null || raw.trim() === '') return { ok: true, atScope: false };
  let atScope = false;
  let principalId: string | undefined;
  for (const clause of raw.split(/\s+and\s+/i)) {
    const c = clause.trim();
    if (/^atScope\(\)$/i.test(c)) atScope = true;
    else {
      const m = /^principalId\s+eq\s+'([^']*)'$/i.exec(c);
      if (!m) return { ok: false, message: `The filter '${raw}' is not supported. Supported filters are 'atScope()' and 'principalId eq '{id}''.` };
      principalId = m[1]!;
    }
  }
  return { ok: true, atScope, ...(principalId !== undefined ? { principalId } : {}) };
}

const stringOrNull = (v: unknown) => v === undefined || v === null || typeof v === 'string';

function assignmentRoutes(prefix: string): ArmRoute[] {
  const item = `${prefix}/providers/Microsoft.Authorization/roleAssignments/:roleAssignmentName`;
  return [
    armRoute({
      method: 'PUT',
      path: item,
      operation: 'roleAssignments.create',
      apiVersions: AUTHORIZATION_API,
      authorize: ({ params }) => ({ action: RA_ACTION.write, scope: scopeParam(params) }),
      handle: ({ ctx, params, body }) => {
        const props = isPlainObject(body) && isPlainObject(body.properties) ? body.properties : null;
        if (!props) return armError(ctx, 'InvalidRequestContent', "The request content must have a 'properties' object.", 400);
        for (const key of ['roleDefinitionId', 'principalId', 'principalType', 'condition', 'conditionVersion', 'description']) {
          if (!stringOrNull(props[key])) return armError(ctx, 'InvalidRequestContent', `The property '${key}' must be a string.`, 400);
        }
        const result = createRoleAssignment(ctx.world, {
          name: params.roleAssignmentName!,
          scope: scopeParam(params),
          roleDefinitionId: (props.roleDefinitionId as string | undefined) ?? '',
          principalId: (props.principalId as string | undefined) ?? '',
          ...(typeof props.principalType === 'string' ? { principalType: props.principalType } : {}),
          condition: (props.condition as string | null | undefined) ?? null,
          conditionVersion: (props.conditionVersion as string | null | undefined) ?? null,
          description: (props.description as string | null | undefined) ?? null,
        });
        if (!result.ok) return simFailure(ctx, result);
        return { status: result.value.created ? 201 : 200, body: assignmentWire(ctx.world, result.value.assignment) };
      },
    }),
    armRoute({
      method: 'GET',
      path: item,
      operation: 'roleAssignments.get',
      apiVersions: AUTHORIZATION_API,
      authorize: ({ params }) => ({ action: RA_ACTION.read, scope: scopeParam(params) }),
      handle: ({ ctx, params }) => {
        const a = findRoleAssignment(ctx.world, armId.roleAssignmentId(scopeParam(params), params.roleAssignmentName!));
        return a ? { status: 200, body: assignmentWire(ctx.world, a) } : simFailure(ctx, errors.roleAssignmentNotFound(params.roleAssignmentName!));
      },
    }),
    armRoute({
      method: 'DELETE',
      path: item,
      operation: 'roleAssignments.delete',
      apiVersions: AUTHORIZATION_API,
      authorize: ({ params }) => ({ action: RA_ACTION.delete, scope: scopeParam(params) }),
      handle: ({ ctx, params }) => {
        const result = deleteRoleAssignment(ctx.world, armId.roleAssignmentId(scopeParam(params), params.roleAssignmentName!));
        if (!result.ok) return simFailure(ctx, result);
        return result.value.assignment ? { status: 200, body: assignmentWire(ctx.world, result.value.assignment) } : { status: 204 };
      },
    }),
    armRoute({
      method: 'GET',
      path: `${prefix}/providers/Microsoft.Authorization/roleAssignments`,
      operation: 'roleAssignments.list',
      apiVersions: AUTHORIZATION_API,
      authorize: ({ params }) => ({ action: RA_ACTION.read, scope: scopeParam(params) }),
      handle: ({ ctx, params, url }) => {
        const filter = parseAssignmentFilter(url.searchParams.get('$filter'));
        if (!filter.ok) return armError(ctx, 'InvalidFilterInQueryString', filter.message, 400);
        const listed = listRoleAssignments(ctx.world, {
          scope: scopeParam(params),
          atScope: filter.atScope,
          ...(filter.principalId !== undefined ? { principalId: filter.principalId } : {}),
        });
        if (!listed.ok) return simFailure(ctx, listed);
        return { status: 200, body: listOf(listed.value.map((l) => assignmentWire(ctx.world, l.assignment))) };
      },
    }),
  ];
}

export const roleAssignmentRoutes = [...assignmentRoutes('/*'), ...assignmentRoutes('')];
