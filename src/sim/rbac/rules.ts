/**
 * The per-item rules of Azure's documented RBAC algorithm (spec §1.2–§1.5, §1.8), shared by the
 * indexed fast path (`evaluate-indexed.ts`) and the reference machine (`resolution.machine.ts`).
 *
 * The two differ only in how they *find* deny and role assignments (index lookups vs a naive scan
 * of the data); what a found item means is decided here, once, so both produce the same trace.
 */
import { evaluateCondition } from './condition';
import { firstMatchingPattern } from './wildcard';
import type {
  ConditionalAccessRequest,
  Decision,
  DecisionReason,
  DenyAssignment,
  DenyPrincipal,
  Permission,
  Propagation,
  RoleAssignment,
  RoleDefinition,
  RoleMatchOutcome,
  TraceStep,
} from './types';

/** "All Principals" in a deny assignment: the zero GUID with type SystemDefined (S5). */
export const ALL_PRINCIPALS_ID = '00000000-0000-0000-0000-000000000000';

export class InvalidAccessRequestError extends Error {
  readonly code = 'InvalidAccessRequest';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAccessRequestError';
  }
}

/** Rejects a malformed request with a message naming the field, instead of deciding nonsense. */
export function assertAccessRequest(req: ConditionalAccessRequest): void {
  if (req === null || typeof req !== 'object') throw new InvalidAccessRequestError('The access request must be an object.');
  if (typeof req.principal !== 'string' || req.principal.trim() === '') {
    throw new InvalidAccessRequestError('The access request needs a principal object id (a non-empty string).');
  }
  if (typeof req.action !== 'string' || req.action.trim() === '') {
    throw new InvalidAccessRequestError('The access request needs an action such as Microsoft.Resources/subscriptions/resourceGroups/read.');
  }
  if (typeof req.isDataAction !== 'boolean') {
    throw new InvalidAccessRequestError('The access request must say whether the action is a data action (isDataAction: boolean).');
  }
  if (typeof req.scope !== 'string') throw new InvalidAccessRequestError('The access request needs a scope (an ARM id string).');
  if (typeof req.at !== 'number' || !Number.isFinite(req.at)) {
    throw new InvalidAccessRequestError('The access request needs `at`, the simulated time in ms since the epoch.');
  }
  if (req.groups !== undefined && (!Array.isArray(req.groups) || req.groups.some((g) => typeof g !== 'string'))) {
    throw new InvalidAccessRequestError('The access request `groups` must be an array of group object ids.');
  }
}

export interface Caller {
  principal: string;
  /** Lower-cased object ids: the principal and every (transitive) group. */
  ids: Set<string>;
  groups: string[];
  groupsFrom: 'token' | 'directory';
}

/** The principal set of spec §7.5: the caller's object id plus its transitive groups. */
export function callerOf(req: ConditionalAccessRequest, groupsOf: (principalId: string) => readonly string[]): Caller {
  const fromToken = req.groups !== undefined;
  const groups = [...(fromToken ? (req.groups as readonly string[]) : groupsOf(req.principal))];
  const ids = new Set<string>([req.principal.toLowerCase()]);
  for (const g of groups) ids.add(g.toLowerCase());
  return { principal: req.principal, ids, groups, groupsFrom: fromToken ? 'token' : 'directory' };
}

export function requestStep(req: ConditionalAccessRequest, caller: Caller): TraceStep {
  return {
    kind: 'request',
    principal: req.principal,
    groups: caller.groups,
    groupsFrom: caller.groupsFrom,
    action: req.action,
    isDataAction: req.isDataAction,
    scope: req.scope,
    at: req.at,
  };
}

/** Where an assignment stands at time `at` (spec §4.4 propagation model). */
export function propagationOf(a: RoleAssignment, at: number): Propagation {
  const removed = a.removedAt !== undefined && a.removedAt !== null;
  if (removed && (a.removedAt as number) <= at) return 'removed';
  if (at < a.effectiveFrom) return 'pendingCreate';
  return removed ? 'pendingRemoval' : 'effective';
}

/** Is an assignment in this state honoured? A removal still propagating leaves it honoured. */
export function isHonoured(p: Propagation): boolean {
  return p === 'effective' || p === 'pendingRemoval';
}

function principalIn(list: readonly DenyPrincipal[], ids: Set<string>, allowAll: boolean): string | undefined {
  for (const p of list) {
    const id = p.id.toLowerCase();
    // All Principals may appear only in `principals`, never in `excludePrincipals` (S5).
    if (allowAll && id === ALL_PRINCIPALS_ID && p.type.toLowerCase() === 'systemdefined') return p.id;
    if (ids.has(id)) return p.id;
  }
  return undefined;
}

interface BlockMatch {
  outcome: RoleMatchOutcome;
  pattern?: string;
  notPattern?: string;
  block?: Permission;
}

/**
 * Does one set of permission blocks grant the action? Per block: `Actions − NotActions` for the
 * control plane, `DataActions − NotDataActions` for the data plane; Actions never reach data (S2).
 * The first granting block wins; otherwise the most telling reason it did not.
 */
export function matchPermissions(blocks: readonly Permission[], lowerAction: string, isData: boolean): BlockMatch {
  let excluded: BlockMatch | undefined;
  let actionsOnly: BlockMatch | undefined;
  for (const block of blocks) {
    const allow = firstMatchingPattern(isData ? block.dataActions : block.actions, lowerAction);
    if (allow !== undefined) {
      const not = firstMatchingPattern(isData ? block.notDataActions : block.notActions, lowerAction);
      if (not === undefined) return { outcome: 'grants', pattern: allow, block };
      excluded ??= { outcome: 'excludedByNotActions', pattern: allow, notPattern: not };
    } else if (isData && actionsOnly === undefined) {
      const p = firstMatchingPattern(block.actions, lowerAction);
      if (p !== undefined) actionsOnly = { outcome: 'actionsNeverGrantData', pattern: p };
    }
  }
  return excluded ?? actionsOnly ?? { outcome: 'noPatternMatches' };
}

/** Judges one deny assignment found at an ancestor-or-self of the target (`atTarget`: at the target itself). */
export function judgeDeny(
  d: DenyAssignment,
  atTarget: boolean,
  caller: Caller,
  lowerAction: string,
  isData: boolean,
): Extract<TraceStep, { kind: 'denyAssignment' }> {
  const base = { kind: 'denyAssignment' as const, scope: d.scope, name: d.name, denyAssignmentName: d.denyAssignmentName };
  if (!atTarget && d.doNotApplyToChildScopes) return { ...base, outcome: 'notInherited' };
  const covered = principalIn(d.principals, caller.ids, true);
  if (covered === undefined) return { ...base, outcome: 'principalNotCovered' };
  const excluded = principalIn(d.excludePrincipals, caller.ids, false);
  if (excluded !== undefined) return { ...base, outcome: 'principalExcluded', principal: excluded };
  const m = matchPermissions(d.permissions, lowerAction, isData);
  if (m.outcome === 'grants') return { ...base, outcome: 'denies', principal: covered, pattern: m.pattern as string };
  const carved = m.outcome === 'excludedByNotActions' ? { pattern: m.pattern as string, notPattern: m.notPattern as string } : {};
  return { ...base, outcome: 'actionNotCovered', principal: covered, ...carved };
}

export type AssignmentStep = Extract<TraceStep, { kind: 'roleAssignment' }>;

/** Judges one of the caller's role assignments found at an ancestor-or-self scope. */
export function judgeAssignment(
  a: RoleAssignment,
  role: RoleDefinition | undefined,
  caller: Caller,
  lowerAction: string,
  isData: boolean,
  at: number,
): { step: AssignmentStep; block?: Permission } {
  const m: BlockMatch = role ? matchPermissions(role.permissions, lowerAction, isData) : { outcome: 'roleNotFound' };
  const step: AssignmentStep = {
    kind: 'roleAssignment',
    scope: a.scope,
    name: a.name,
    roleDefinitionId: a.roleDefinitionId,
    roleName: role?.roleName ?? null,
    principalId: a.principalId,
    via: a.principalId.toLowerCase() === caller.principal.toLowerCase() ? 'principal' : 'group',
    propagation: propagationOf(a, at),
    effectiveFrom: a.effectiveFrom,
    removedAt: a.removedAt ?? null,
    plane: isData ? 'data' : 'control',
    outcome: m.outcome,
    hasCondition: Boolean(a.condition) || Boolean(m.block?.condition),
  };
  if (m.pattern !== undefined) step.pattern = m.pattern;
  if (m.notPattern !== undefined) step.notPattern = m.notPattern;
  return m.block ? { step, block: m.block } : { step };
}

export interface Candidate {
  assignment: RoleAssignment;
  role: RoleDefinition;
  block: Permission;
  step: AssignmentStep;
}

/**
 * Conditions of one granting assignment: the role definition's permission-block condition (Key
 * Vault Data Access Administrator style) and the assignment's own. Both must hold. Steps are
 * appended to `trace`; returns whether the assignment's grant stands.
 */
export function checkConditions(c: Candidate, req: ConditionalAccessRequest, trace: TraceStep[]): boolean {
  const conditions: { source: 'roleDefinition' | 'assignment'; text: string }[] = [];
  if (c.block.condition) conditions.push({ source: 'roleDefinition', text: c.block.condition });
  if (c.assignment.condition) conditions.push({ source: 'assignment', text: c.assignment.condition });
  for (const cond of conditions) {
    const r = evaluateCondition(cond.text, req.action, req.condition);
    trace.push({ kind: 'condition', assignmentName: c.assignment.name, source: cond.source, condition: cond.text, ...r });
    if (r.outcome !== 'met') return false;
  }
  return true;
}

/** What the search found, in the terms the final decision needs. */
export interface Findings {
  deny?: { denyAssignment: DenyAssignment; step: Extract<TraceStep, { kind: 'denyAssignment' }> };
  allowed?: Candidate;
  /** A granting, honoured assignment whose condition failed. */
  conditionBlocked?: Candidate;
  /** A granting assignment not yet propagated. */
  pending?: AssignmentStep & { assignment: RoleAssignment; role: RoleDefinition };
  /** Some control-plane pattern covered the requested data action. */
  actionsOnly: boolean;
}

/** Turns findings into the Decision, appending the final `decision` step with a plain-language summary. */
export function conclude(req: ConditionalAccessRequest, f: Findings, trace: TraceStep[]): Decision {
  let reason: DecisionReason;
  let summary: string;
  let matched: Decision['matched'];
  if (f.deny) {
    reason = 'deniedByDenyAssignment';
    const d = f.deny.denyAssignment;
    matched = { denyAssignment: d, pattern: f.deny.step.pattern as string };
    summary = `Denied: the deny assignment '${d.denyAssignmentName}' at ${d.scope} blocks ${req.action} (pattern '${f.deny.step.pattern}'). Deny assignments are checked first and win over every role assignment.`;
  } else if (f.allowed) {
    reason = 'allowedByRole';
    const { assignment: a, role, step } = f.allowed;
    matched = { assignment: a, role, pattern: step.pattern as string };
    const who = step.via === 'principal' ? 'the caller' : `the caller's group ${a.principalId}`;
    summary = `Allowed: ${role.roleName} assigned to ${who} at ${a.scope} grants '${step.pattern}', which covers ${req.action}.`;
  } else if (f.conditionBlocked) {
    reason = 'conditionNotMet';
    const { assignment: a, role, step } = f.conditionBlocked;
    matched = { assignment: a, role, pattern: step.pattern as string };
    summary = `Denied: ${role.roleName} at ${a.scope} would grant ${req.action}, but an ABAC condition is not fulfilled.`;
  } else if (f.pending) {
    reason = 'notYetPropagated';
    const p = f.pending;
    matched = { assignment: p.assignment, role: p.role, pattern: p.pattern as string };
    summary = `Denied for now: ${p.role.roleName} at ${p.scope} grants ${req.action}, but the assignment has not propagated yet (it takes effect at ${simulatedTime(p.effectiveFrom)}).`;
  } else {
    reason = 'noMatchingAssignment';
    summary = `Denied: no role assigned to the caller or its groups at ${req.scope} or any scope above it grants ${req.action}.`;
    if (f.actionsOnly) {
      summary += ` A role's Actions cover it, but Actions never grant data actions: only DataActions do.`;
    }
  }
  const allowed = reason === 'allowedByRole';
  trace.push({ kind: 'decision', allowed, reason, summary });
  const decision: Decision = { allowed, reason, abacConditionNotFulfilled: reason === 'conditionNotMet', trace };
  if (matched) decision.matched = matched;
  return decision;
}

/** A deny assignment found at an ancestor-or-self of the target; `atTarget` when at the target itself. */
export interface FoundDeny {
  denyAssignment: DenyAssignment;
  atTarget: boolean;
}

/** Step 4 of §1.2: judge every deny assignment that may apply; the first that denies decides. */
export function checkDenies(found: readonly FoundDeny[], caller: Caller, lowerAction: string, isData: boolean, trace: TraceStep[]): Findings['deny'] {
  let hit: Findings['deny'];
  for (const f of found) {
    const step = judgeDeny(f.denyAssignment, f.atTarget, caller, lowerAction, isData);
    trace.push(step);
    if (step.outcome === 'denies' && hit === undefined) hit = { denyAssignment: f.denyAssignment, step };
  }
  return hit;
}

/** A role assignment of the caller (or its groups) found at an ancestor-or-self scope, with its role resolved. */
export interface FoundAssignment {
  assignment: RoleAssignment;
  role: RoleDefinition | undefined;
}

export interface Matched {
  /** Honoured assignments whose role grants the action, in trace order. */
  candidates: Candidate[];
  pending?: Findings['pending'];
  actionsOnly: boolean;
}

/** Step 6 of §1.2: does each of the caller's roles grant the action (`Actions − NotActions`, per role)? */
export function matchAssignments(
  found: readonly FoundAssignment[],
  caller: Caller,
  lowerAction: string,
  isData: boolean,
  at: number,
  trace: TraceStep[],
): Matched {
  const out: Matched = { candidates: [], actionsOnly: false };
  for (const { assignment, role } of found) {
    const { step, block } = judgeAssignment(assignment, role, caller, lowerAction, isData, at);
    trace.push(step);
    if (step.outcome === 'actionsNeverGrantData') out.actionsOnly = true;
    if (step.outcome !== 'grants' || !role || !block) continue;
    if (isHonoured(step.propagation)) out.candidates.push({ assignment, role, block, step });
    else if (step.propagation === 'pendingCreate' && out.pending === undefined) out.pending = { ...step, assignment, role };
  }
  return out;
}

/** Steps 8–9 of §1.2: the first granting assignment whose conditions hold allows the request. */
export function evaluateCandidates(
  candidates: readonly Candidate[],
  req: ConditionalAccessRequest,
  trace: TraceStep[],
): Pick<Findings, 'allowed' | 'conditionBlocked'> {
  let conditionBlocked: Candidate | undefined;
  for (const c of candidates) {
    if (checkConditions(c, req, trace)) return { allowed: c };
    conditionBlocked ??= c;
  }
  return conditionBlocked ? { conditionBlocked } : {};
}

export function assignmentsAtStep(scope: string, forCaller: number, forOthers: number): TraceStep {
  return { kind: 'assignmentsAt', scope, forCaller, forOthers };
}

/** An ISO time for a simulated ms epoch; bad data must not turn a decision into a RangeError. */
function simulatedTime(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : `simulated time ${ms}`;
}
