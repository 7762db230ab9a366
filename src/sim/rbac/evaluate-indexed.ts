/**
 * The fast path: the documented algorithm (rules.ts) fed by index lookups along the target's scope
 * chain. Must decide — and trace — exactly as the reference machine does; property tests hold it to that.
 */
import type { RbacIndex, Sequenced } from './rbac-index';
import {
  assertAccessRequest,
  assignmentsAtStep,
  callerOf,
  checkDenies,
  conclude,
  evaluateCandidates,
  matchAssignments,
  requestStep,
  type FoundAssignment,
  type FoundDeny,
} from './rules';
import { normalizeScope, scopeChain } from './scope';
import type { ConditionalAccessRequest, Decision, RoleAssignment, TraceStep } from './types';

export function evaluateIndexed(index: RbacIndex, req: ConditionalAccessRequest): Decision {
  assertAccessRequest(req);
  const chain = scopeChain(req.scope, index.parentOf);
  const keys = chain.map((s) => normalizeScope(s.scope));
  const targetKey = keys[keys.length - 1];
  const caller = callerOf(req, index.groupsOf);
  const lowerAction = req.action.toLowerCase();
  const trace: TraceStep[] = [requestStep(req, caller), { kind: 'scopes', scopes: chain }];

  const denies: FoundDeny[] = [];
  for (const key of keys) {
    for (const e of index.denyAssignmentsAt(key) ?? []) denies.push({ denyAssignment: e.item, atTarget: key === targetKey });
  }
  const deny = checkDenies(denies, caller, lowerAction, req.isDataAction, trace);
  if (deny) return conclude(req, { deny, actionsOnly: false }, trace);

  const found: FoundAssignment[] = [];
  for (let i = 0; i < keys.length; i++) {
    const bucket = index.assignmentsAt(keys[i] as string);
    const mine = bucket ? callersAssignments(bucket.byPrincipal, caller.ids) : [];
    trace.push(assignmentsAtStep((chain[i] as { scope: string }).scope, mine.length, (bucket?.total ?? 0) - mine.length));
    for (const e of mine) found.push({ assignment: e.item, role: index.role(e.item.roleDefinitionId) });
  }
  const matched = matchAssignments(found, caller, lowerAction, req.isDataAction, req.at, trace);
  const outcome = evaluateCandidates(matched.candidates, req, trace);
  return conclude(req, { ...outcome, pending: matched.pending, actionsOnly: matched.actionsOnly }, trace);
}

/** The caller's entries at one scope, in data order; walks whichever side is smaller. */
function callersAssignments(
  byPrincipal: Map<string, Sequenced<RoleAssignment>[]>,
  ids: Set<string>,
): Sequenced<RoleAssignment>[] {
  const out: Sequenced<RoleAssignment>[] = [];
  let sources = 0;
  if (ids.size <= byPrincipal.size) {
    for (const id of ids) {
      const list = byPrincipal.get(id);
      if (list) {
        out.push(...list);
        sources++;
      }
    }
  } else {
    for (const [id, list] of byPrincipal) {
      if (ids.has(id)) {
        out.push(...list);
        sources++;
      }
    }
  }
  if (sources > 1) out.sort((a, b) => a.seq - b.seq);
  return out;
}
