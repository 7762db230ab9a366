/**
 * The portal's ARM client: every read and write the blades make, as real ARM REST calls with the
 * api-versions the Azure portal sends. It takes a `fetch` (the runtime's `portalFetch`, which adds
 * the signed-in user's token and routes in-process), so each call lands in the request log and is
 * authorized by RBAC like any other client's. Failures throw `ArmRequestError` with ARM's code,
 * message and status.
 */
import { ArmRequestError, armErrorFromBody } from './arm-error';
import type {
  ArmList,
  GenericResource,
  KeyVaultResource,
  StorageAccountResource,
  PrincipalType,
  ResourceGroupResource,
  RoleAssignmentResource,
  RoleDefinitionResource,
  SubscriptionResource,
  UserAssignedIdentityResource,
  VirtualMachineResource,
  VmIdentityPatchBody,
} from './arm-types';

export const ARM_ENDPOINT = 'https://management.azure.com';

export const API_VERSIONS = {
  resources: '2022-09-01',
  compute: '2024-03-01',
  managedIdentity: '2023-01-31',
  authorization: '2022-04-01',
  storage: '2023-01-01',
  keyVault: '2023-07-01',
} as const;

export type ArmFetch = (request: Request) => Promise<Response>;

/** ARM follows `nextLink` pages; a broken handler must not make the portal spin forever. */
const MAX_PAGES = 50;

export interface CreateRoleAssignmentInput {
  scope: string;
  roleDefinitionId: string;
  principalId: string;
  principalType: PrincipalType;
  description?: string;
  /** Any GUID; the portal generates a random one (tests pass their own). */
  name?: string;
}

export interface ArmClient {
  listSubscriptions(): Promise<SubscriptionResource[]>;
  listResourceGroups(subscriptionId: string): Promise<ResourceGroupResource[]>;
  /** Resources in one group (`…/resourceGroups/{rg}/resources`). */
  listResourcesInGroup(resourceGroupId: string): Promise<GenericResource[]>;
  /** Every resource of the subscription, read group by group. */
  listResources(subscriptionId: string): Promise<GenericResource[]>;
  listVirtualMachines(subscriptionId: string): Promise<VirtualMachineResource[]>;
  getVirtualMachine(vmId: string): Promise<VirtualMachineResource>;
  patchVirtualMachineIdentity(vmId: string, body: VmIdentityPatchBody): Promise<VirtualMachineResource>;
  deleteVirtualMachine(vmId: string): Promise<void>;
  listUserAssignedIdentities(subscriptionId: string): Promise<UserAssignedIdentityResource[]>;
  getUserAssignedIdentity(identityId: string): Promise<UserAssignedIdentityResource>;
  createUserAssignedIdentity(input: { subscriptionId: string; resourceGroup: string; name: string; location: string }): Promise<UserAssignedIdentityResource>;
  deleteUserAssignedIdentity(identityId: string): Promise<void>;
  getStorageAccount(accountId: string): Promise<StorageAccountResource>;
  getKeyVault(vaultId: string): Promise<KeyVaultResource>;
  /** Assignments at the scope and inherited from above it (`$filter=atScope()`). */
  listRoleAssignmentsAtScope(scope: string): Promise<RoleAssignmentResource[]>;
  /** One principal's assignments at, above or below the scope. */
  listRoleAssignmentsForPrincipal(scope: string, principalId: string): Promise<RoleAssignmentResource[]>;
  createRoleAssignment(input: CreateRoleAssignmentInput): Promise<RoleAssignmentResource>;
  deleteRoleAssignment(assignmentId: string): Promise<void>;
  listRoleDefinitions(scope: string): Promise<RoleDefinitionResource[]>;
}

/** `{scope}/providers/…` without a double slash at the root scope. */
function underScope(scope: string, path: string): string {
  const trimmed = scope.replace(/\/+$/, '');
  return `${trimmed}/${path.replace(/^\/+/, '')}`;
}

function url(path: string, apiVersion: string, query: Record<string, string> = {}): string {
  const u = new URL(ARM_ENDPOINT + (path.startsWith('/') ? path : `/${path}`));
  u.searchParams.set('api-version', apiVersion);
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
  return u.toString();
}

function resourceGroupOf(resourceGroupId: string): string {
  const m = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)/i.exec(resourceGroupId);
  if (!m) throw new ArmRequestError('InvalidResourceId', `'${resourceGroupId}' is not a resource group id.`, 0);
  return m[0];
}

/** The portal's random assignment name (it never derives one from the scope, principal and role). */
function randomGuid(): string {
  return globalThis.crypto.randomUUID();
}

export function createArmClient(fetch: ArmFetch): ArmClient {
  async function send<T>(method: string, target: string, body?: unknown): Promise<{ status: number; json: T | undefined }> {
    const init: RequestInit = { method, headers: { accept: 'application/json' } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    }
    let response: Response;
    try {
      response = await fetch(new Request(target, init));
    } catch (e) {
      throw new ArmRequestError('RequestFailed', `The request to ARM failed: ${e instanceof Error ? e.message : String(e)}`, 0);
    }
    const text = await response.text();
    if (!response.ok) throw armErrorFromBody(response.status, text);
    if (!text) return { status: response.status, json: undefined };
    try {
      return { status: response.status, json: JSON.parse(text) as T };
    } catch {
      throw new ArmRequestError('UnexpectedResponse', `ARM answered ${response.status} with a body that is not JSON.`, response.status);
    }
  }

  async function getOne<T>(target: string): Promise<T> {
    const { json, status } = await send<T>('GET', target);
    if (json === undefined) throw new ArmRequestError('UnexpectedResponse', `ARM answered ${status} with an empty body.`, status);
    return json;
  }

  async function listAll<T>(first: string): Promise<T[]> {
    const out: T[] = [];
    let next: string | null | undefined = first;
    for (let page = 0; next && page < MAX_PAGES; page++) {
      const list: ArmList<T> = await getOne<ArmList<T>>(next);
      if (!Array.isArray(list.value)) throw new ArmRequestError('UnexpectedResponse', 'ARM answered a list without a value array.', 200);
      out.push(...list.value);
      next = list.nextLink;
    }
    return out;
  }

  const client: ArmClient = {
    listSubscriptions: () => listAll(url('/subscriptions', API_VERSIONS.resources)),
    listResourceGroups: (sub) => listAll(url(`/subscriptions/${sub}/resourcegroups`, API_VERSIONS.resources)),
    listResourcesInGroup: (rgId) => listAll(url(`${resourceGroupOf(rgId)}/resources`, API_VERSIONS.resources)),
    async listResources(sub) {
      const groups = await client.listResourceGroups(sub);
      const perGroup = await Promise.all(groups.map((g) => client.listResourcesInGroup(g.id)));
      return perGroup.flat();
    },
    listVirtualMachines: (sub) =>
      listAll(url(`/subscriptions/${sub}/providers/Microsoft.Compute/virtualMachines`, API_VERSIONS.compute)),
    getVirtualMachine: (vmId) => getOne(url(vmId, API_VERSIONS.compute)),
    async patchVirtualMachineIdentity(vmId, body) {
      const { json, status } = await send<VirtualMachineResource>('PATCH', url(vmId, API_VERSIONS.compute), body);
      // ARM's PATCH returns the updated VM; fall back to a GET if a handler answered without a body.
      return json ?? (status < 300 ? client.getVirtualMachine(vmId) : Promise.reject(new ArmRequestError('UnexpectedResponse', 'Empty PATCH response.', status)));
    },
    async deleteVirtualMachine(vmId) {
      await send('DELETE', url(vmId, API_VERSIONS.compute));
    },
    listUserAssignedIdentities: (sub) =>
      listAll(url(`/subscriptions/${sub}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`, API_VERSIONS.managedIdentity)),
    getUserAssignedIdentity: (id) => getOne(url(id, API_VERSIONS.managedIdentity)),
    async createUserAssignedIdentity({ subscriptionId, resourceGroup, name, location }) {
      const id = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
      const { json, status } = await send<UserAssignedIdentityResource>('PUT', url(id, API_VERSIONS.managedIdentity), { location });
      if (!json) throw new ArmRequestError('UnexpectedResponse', `ARM answered ${status} with an empty body.`, status);
      return json;
    },
    async deleteUserAssignedIdentity(id) {
      await send('DELETE', url(id, API_VERSIONS.managedIdentity));
    },
    getStorageAccount: (id) => getOne(url(id, API_VERSIONS.storage)),
    getKeyVault: (id) => getOne(url(id, API_VERSIONS.keyVault)),
    listRoleAssignmentsAtScope: (scope) =>
      listAll(url(underScope(scope, 'providers/Microsoft.Authorization/roleAssignments'), API_VERSIONS.authorization, { $filter: 'atScope()' })),
    listRoleAssignmentsForPrincipal: (scope, principalId) =>
      listAll(
        url(underScope(scope, 'providers/Microsoft.Authorization/roleAssignments'), API_VERSIONS.authorization, {
          $filter: `principalId eq '${principalId}'`,
        }),
      ),
    async createRoleAssignment(input) {
      const name = input.name ?? randomGuid();
      const target = url(underScope(input.scope, `providers/Microsoft.Authorization/roleAssignments/${name}`), API_VERSIONS.authorization);
      const properties: Record<string, string> = {
        roleDefinitionId: input.roleDefinitionId,
        principalId: input.principalId,
        principalType: input.principalType,
      };
      if (input.description) properties.description = input.description;
      const { json, status } = await send<RoleAssignmentResource>('PUT', target, { properties });
      if (!json) throw new ArmRequestError('UnexpectedResponse', `ARM answered ${status} with an empty body.`, status);
      return json;
    },
    async deleteRoleAssignment(assignmentId) {
      await send('DELETE', url(assignmentId, API_VERSIONS.authorization));
    },
    listRoleDefinitions: (scope) =>
      listAll(url(underScope(scope, 'providers/Microsoft.Authorization/roleDefinitions'), API_VERSIONS.authorization)),
  };
  return client;
}
