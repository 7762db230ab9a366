/**
 * ARM scopes: normalisation, ancestry and the casing ARM echoes in error messages.
 *
 * Scopes are ARM ids compared case-insensitively (spec §1.6, §7.4). Ancestry is read off the id
 * itself (a resource group's parent is its subscription, a child resource's parent is the resource
 * it is nested in), except above a subscription, where only the world knows which management-group
 * chain it sits under: that comes from an optional `parentOf` lookup.
 */
import type { ParentOf, ScopeLevel } from './types';

/** A scope string that is not an ARM scope. `code` follows ARM's `InvalidScope` wording style; the exact ARM text varies by API, so it is ours. */
export class InvalidScopeError extends Error {
  readonly code = 'InvalidScope';
  constructor(
    readonly scope: string,
    reason: string,
  ) {
    super(`The scope '${scope}' is not a valid ARM scope: ${reason}.`);
    this.name = 'InvalidScopeError';
  }
}

export const ROOT_SCOPE = '/';

const MG_PREFIX = '/providers/microsoft.management/managementgroups/';

/** The case-insensitive comparison key of a scope: lower-case, no trailing slash, "/" for root. */
export function normalizeScope(scope: string): string {
  return canonical(scope).toLowerCase();
}

export interface ScopeSegment {
  /** The scope as written (original casing), e.g. `/subscriptions/s/resourceGroups/rg`. */
  scope: string;
  level: ScopeLevel;
}

/**
 * Every scope from the root down to `scope` itself, root first, each with its level. The chain
 * above a subscription (or management group) comes from `parentOf`; without it a subscription
 * sits directly under "/".
 */
export function scopeChain(scope: string, parentOf?: ParentOf): ScopeSegment[] {
  const own = ownChain(scope);
  const top = own[0];
  const above: ScopeSegment[] = [];
  if (top && parentOf && (top.level === 'subscription' || top.level === 'managementGroup')) {
    const seen = new Set([normalizeScope(top.scope)]);
    let parent = parentOf(top.scope);
    while (parent !== undefined && normalizeScope(parent) !== ROOT_SCOPE) {
      const key = normalizeScope(parent);
      if (!key.startsWith(MG_PREFIX) || key.slice(MG_PREFIX.length).includes('/')) {
        throw new InvalidScopeError(parent, `the parent of '${top.scope}' must be a management group`);
      }
      if (seen.has(key)) {
        throw new InvalidScopeError(parent, `management group ancestry loops back to '${parent}'`);
      }
      seen.add(key);
      above.push({ scope: canonical(parent), level: 'managementGroup' });
      parent = parentOf(parent);
    }
    above.reverse();
  }
  return [{ scope: ROOT_SCOPE, level: 'root' }, ...above, ...own];
}

/** The scope strings of `scopeChain`, root first. */
export function ancestorsOrSelf(scope: string, parentOf?: ParentOf): string[] {
  return scopeChain(scope, parentOf).map((s) => s.scope);
}

/** True when `scope` is `ancestor` or lies beneath it (case-insensitive). */
export function isAtOrBelow(scope: string, ancestor: string, parentOf?: ParentOf): boolean {
  const key = normalizeScope(ancestor);
  return scopeChain(scope, parentOf).some((s) => normalizeScope(s.scope) === key);
}

/** The level of a single scope. */
export function scopeLevel(scope: string): ScopeLevel {
  const chain = ownChain(scope);
  return chain[chain.length - 1]?.level ?? 'root';
}

/**
 * The scope as current ARM echoes it in AuthorizationFailed: the `resourceGroups` segment
 * lower-cased, everything else as written (spec §1.6 [observed], I-3, I-4).
 */
export function armScopeForMessage(scope: string): string {
  return canonical(scope).replace(/^(\/subscriptions\/[^/]+\/)resourcegroups(?=\/)/i, '$1resourcegroups');
}

function canonical(scope: string): string {
  if (typeof scope !== 'string') throw new InvalidScopeError(String(scope), 'a scope must be a string');
  const trimmed = scope.trim();
  if (trimmed === '') throw new InvalidScopeError(scope, 'it is empty');
  if (!trimmed.startsWith('/')) throw new InvalidScopeError(scope, "it must start with '/'");
  if (trimmed.includes('//')) throw new InvalidScopeError(scope, 'it contains an empty segment');
  const stripped = trimmed.length > 1 && trimmed.endsWith('/') ? trimmed.slice(0, -1) : trimmed;
  return stripped;
}

/**
 * The scopes spelled inside the id itself, outermost first (no root, no management-group chain
 * above a subscription). Shapes accepted:
 *   /providers/Microsoft.Management/managementGroups/{mg}
 *   /subscriptions/{s}[/resourceGroups/{rg}[/providers/{ns}/{type}/{name}[/{type}/{name}]...]]
 * Extension resources (`.../providers/{ns}/{type}/{name}` nested again under a resource) are
 * walked the same way.
 */
function ownChain(scope: string): ScopeSegment[] {
  const text = canonical(scope);
  if (text === ROOT_SCOPE) return [];
  const parts = text.slice(1).split('/');
  const out: ScopeSegment[] = [];
  let i = 0;
  const at = (n: number) => '/' + parts.slice(0, n).join('/');
  const lower = (n: number) => parts[n]?.toLowerCase();

  if (lower(0) === 'providers') {
    if (lower(1) !== 'microsoft.management' || lower(2) !== 'managementgroups' || parts[3] === undefined) {
      throw new InvalidScopeError(scope, 'a tenant-level scope must be /providers/Microsoft.Management/managementGroups/{name}');
    }
    if (parts.length > 4) throw new InvalidScopeError(scope, 'resources under a management group are not modelled');
    return [{ scope: text, level: 'managementGroup' }];
  }
  if (lower(0) !== 'subscriptions') {
    throw new InvalidScopeError(scope, "it must start with '/subscriptions/' or '/providers/Microsoft.Management/managementGroups/'");
  }
  if (parts[1] === undefined) throw new InvalidScopeError(scope, 'the subscription id is missing');
  i = 2;
  out.push({ scope: at(i), level: 'subscription' });
  if (i === parts.length) return out;
  if (lower(i) === 'resourcegroups') {
    if (parts[i + 1] === undefined) throw new InvalidScopeError(scope, 'the resource group name is missing');
    i += 2;
    out.push({ scope: at(i), level: 'resourceGroup' });
  }
  while (i < parts.length) {
    if (lower(i) !== 'providers') {
      throw new InvalidScopeError(scope, `expected 'providers' at segment ${i + 1}, found '${parts[i]}'`);
    }
    if (parts[i + 1] === undefined || parts[i + 2] === undefined || parts[i + 3] === undefined) {
      throw new InvalidScopeError(scope, 'a resource needs /providers/{namespace}/{type}/{name}');
    }
    i += 4;
    out.push({ scope: at(i), level: 'resource' });
    // Child resource types: /{type}/{name} pairs until the next 'providers' (an extension resource).
    while (i < parts.length && lower(i) !== 'providers') {
      if (parts[i + 1] === undefined) {
        throw new InvalidScopeError(scope, `the child resource type '${parts[i]}' has no name`);
      }
      i += 2;
      out.push({ scope: at(i), level: 'resource' });
    }
  }
  return out;
}
