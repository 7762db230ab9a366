/**
 * ARM's generic resource lists (Resources_List, Resources_ListByResourceGroup): `GET
 * /subscriptions/{id}/resources` and `…/resourceGroups/{rg}/resources`, with `$filter`, `$top` and the
 * `$skiptoken` of the nextLink that `$top` produces. The subscription list is not authorized as a
 * whole: like resourceGroups.list, ARM returns what the caller may read, so Reader on one group shows
 * that group's resources only. The group list needs read on the group (403 otherwise).
 */
import { armId, getResourceGroup } from '../../sim/index';
import { decide } from '../access/decide';
import { ARM_ORIGIN } from '../hosts';
import { RESOURCES_API } from './api-versions';
import { armError } from './errors';
import { resourcesUnderWire } from './resource-wire';
import { armRoute, simFailure, type ArmCall, type ArmReply } from './route';

export const RESOURCES_READ = {
  subscription: 'Microsoft.Resources/subscriptions/resources/read',
  resourceGroup: 'Microsoft.Resources/subscriptions/resourceGroups/resources/read',
} as const;

type Wire = ReturnType<typeof resourcesUnderWire>[number];
type Predicate = (r: Wire) => boolean;

const groupOf = (id: string) => /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? '';

/**
 * The `$filter` forms clients send for this list (az resource list: resourceGroup, name, location,
 * resourceType; Az: resourceType): `field eq '…'`, joined by `and` (operators and field names case-insensitive, values compared
 * case-insensitively as ARM does for names and types). Anything else is refused rather than ignored.
 */
export function parseResourceFilter(filter: string): Predicate | null {
  const fields: Record<string, (r: Wire) => string> = {
    resourcetype: (r) => r.type,
    name: (r) => r.name,
    resourcegroup: (r) => groupOf(r.id),
    location: (r) => r.location,
  };
  const clauses = filter.trim().split(/\s+and\s+/i);
  const tests: Predicate[] = [];
  for (const clause of clauses) {
    const m = /^(\w+)\s+eq\s+'((?:[^']|'')*)'$/i.exec(clause.trim());
    const field = m && fields[m[1]!.toLowerCase()];
    if (!m || !field) return null;
    const want = m[2]!.replace(/''/g, "'").toLowerCase();
    tests.push((r) => field(r).toLowerCase() === want);
  }
  return (r) => tests.every((t) => t(r));
}

function listReply(call: ArmCall, resources: Wire[]): ArmReply {
  const { ctx, url } = call;
  const filter = url.searchParams.get('$filter');
  let rows = resources;
  if (filter !== null && filter.trim() !== '') {
    const keep = parseResourceFilter(filter);
    // Invented wording (no capture): ARM refuses filters it cannot parse with a 400.
    if (!keep) return armError(ctx, 'InvalidFilterInQueryString', `Invalid $filter '${filter}' specified in the query string.`, 400);
    rows = rows.filter(keep);
  }
  const topText = url.searchParams.get('$top');
  const skipText = url.searchParams.get('$skiptoken');
  const top = topText === null ? Number.MAX_SAFE_INTEGER : Number(topText);
  const skip = skipText === null ? 0 : Number(skipText);
  if (topText !== null && (topText.trim() === '' || !Number.isInteger(top) || top < 1)) {
    // Invented wording (no capture).
    return armError(ctx, 'InvalidTopInQueryString', `Invalid $top '${topText}' specified in the query string. It must be a positive integer.`, 400);
  }
  if (!Number.isInteger(skip) || skip < 0) return armError(ctx, 'InvalidSkipToken', `The skip token '${skipText}' is not valid.`, 400);
  // `$expand=provisioningState` (az resource list asks for it) adds the field; the sandbox's resources are
  // all provisioned. createdTime/changedTime are not tracked by the world, so they are left out.
  const expand = (url.searchParams.get('$expand') ?? '').toLowerCase().split(',').map((x) => x.trim());
  const page = rows.slice(skip, skip + top).map((r) => (expand.includes('provisioningstate') ? { ...r, provisioningState: 'Succeeded' } : r));
  const body: { value: (Wire & { provisioningState?: string })[]; nextLink?: string } = { value: page };
  // One page: no nextLink at all (not null), as ARM sends it. Real skip tokens are opaque; ours is the offset.
  if (skip + top < rows.length) {
    const next = new URL(url.pathname + url.search, ARM_ORIGIN);
    next.searchParams.set('$skiptoken', String(skip + top));
    body.nextLink = next.toString();
  }
  return { status: 200, body };
}

export const resourceListRoutes = [
  armRoute({
    method: 'GET',
    path: '/subscriptions/:subscriptionId/resources',
    operation: 'resources.list',
    apiVersions: RESOURCES_API,
    authorize: () => null,
    handle: (call) => {
      const { ctx, params, principal } = call;
      const visible = resourcesUnderWire(ctx.world, armId.subscriptionId(params.subscriptionId!)).filter(
        (r) => decide(ctx, principal, { action: RESOURCES_READ.subscription, scope: r.id }, 'listFilter')?.allowed,
      );
      return listReply(call, visible);
    },
  }),
  armRoute({
    method: 'GET',
    path: '/subscriptions/:subscriptionId/resourcegroups/:resourceGroupName/resources',
    operation: 'resources.listByResourceGroup',
    apiVersions: RESOURCES_API,
    authorize: ({ params }) => ({ action: RESOURCES_READ.resourceGroup, scope: armId.resourceGroupId(params.subscriptionId!, params.resourceGroupName!) }),
    handle: (call) => {
      const rg = getResourceGroup(call.ctx.world, call.params.subscriptionId!, call.params.resourceGroupName!);
      return rg.ok ? listReply(call, resourcesUnderWire(call.ctx.world, rg.value.id)) : simFailure(call.ctx, rg);
    },
  }),
];
