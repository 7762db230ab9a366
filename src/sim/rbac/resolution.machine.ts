/**
 * How Azure decides an access request, as a state machine: one state per step of the documented
 * algorithm (spec §1.2, S1 2022 order — deny, then allow, then condition).
 *
 *   collectDenyAssignments → denyCheck → collectRoleAssignments → matchActions → evaluateConditions
 *                               ↘ denied                            ↘ denied        ↘ allowed | denied
 *
 * It is the readable, executable model the "why?" panel replays, and the reference oracle for the
 * indexed fast path: it deliberately scans the raw data (no index), straight from the algorithm's
 * wording, so an indexing bug cannot hide in both.
 */
import { assign, createActor, setup } from 'xstate';
import { findRole, roleGuidOf } from '../roles/find-role';
import {
  assertAccessRequest,
  assignmentsAtStep,
  callerOf,
  checkDenies,
  conclude,
  evaluateCandidates,
  matchAssignments,
  requestStep,
  type Caller,
  type Candidate,
  type FoundAssignment,
  type FoundDeny,
  type Findings,
} from './rules';
import { normalizeScope, scopeChain, type ScopeSegment } from './scope';
import type { ConditionalAccessRequest, Decision, ParentOf, RbacData, TraceStep } from './types';

export interface ResolutionInput {
  data: RbacData;
  req: ConditionalAccessRequest;
  parentOf?: ParentOf;
}

interface ResolutionContext {
  data: RbacData;
  req: ConditionalAccessRequest;
  parentOf: ParentOf | undefined;
  caller: Caller;
  chain: ScopeSegment[];
  lowerAction: string;
  trace: TraceStep[];
  denies: FoundDeny[];
  found: FoundAssignment[];
  candidates: Candidate[];
  findings: Findings;
  decision: Decision | null;
}

export const resolutionMachine = setup({
  types: {
    context: {} as ResolutionContext,
    input: {} as ResolutionInput,
    output: {} as Decision,
  },
  guards: {
    denyApplies: ({ context }) => context.findings.deny !== undefined,
    someRoleGrants: ({ context }) => context.candidates.length > 0,
    conditionsMet: ({ context }) => context.findings.allowed !== undefined,
  },
  actions: {
    // Step 3: everything that applies to the target — deny assignments at the target and every ancestor.
    collectDenyAssignments: assign(({ context }) => {
      const keys = context.chain.map((s) => normalizeScope(s.scope));
      const target = keys[keys.length - 1];
      const denies: FoundDeny[] = [];
      for (const key of keys) {
        for (const d of context.data.denyAssignments) {
          if (normalizeScope(d.scope) === key) denies.push({ denyAssignment: d, atTarget: key === target });
        }
      }
      return {
        denies,
        trace: [requestStep(context.req, context.caller), { kind: 'scopes' as const, scopes: context.chain }],
      };
    }),
    // Step 4: if a deny assignment applies, access is blocked.
    checkDenyAssignments: assign(({ context }) => {
      const trace = [...context.trace];
      const deny = checkDenies(context.denies, context.caller, context.lowerAction, context.req.isDataAction, trace);
      return { trace, findings: { ...context.findings, deny } };
    }),
    // Step 5: keep only the role assignments of the caller or its groups, at the target and above.
    collectRoleAssignments: assign(({ context }) => {
      const trace = [...context.trace];
      const found: FoundAssignment[] = [];
      for (const seg of context.chain) {
        const key = normalizeScope(seg.scope);
        let mine = 0;
        let others = 0;
        for (const a of context.data.roleAssignments) {
          if (normalizeScope(a.scope) !== key) continue;
          if (!context.caller.ids.has(a.principalId.toLowerCase())) {
            others++;
            continue;
          }
          mine++;
          const guid = roleGuidOf(a.roleDefinitionId);
          found.push({ assignment: a, role: guid === undefined ? undefined : findRole(guid, context.data.roleDefinitions) });
        }
        trace.push(assignmentsAtStep(seg.scope, mine, others));
      }
      return { trace, found };
    }),
    // Step 6: is the action in those roles? Actions − NotActions (DataActions − NotDataActions), per role.
    matchActions: assign(({ context }) => {
      const trace = [...context.trace];
      const m = matchAssignments(context.found, context.caller, context.lowerAction, context.req.isDataAction, context.req.at, trace);
      return { trace, candidates: m.candidates, findings: { ...context.findings, pending: m.pending, actionsOnly: m.actionsOnly } };
    }),
    // Steps 8–9: a granting assignment with a condition allows only when the condition is met.
    evaluateConditions: assign(({ context }) => {
      const trace = [...context.trace];
      const outcome = evaluateCandidates(context.candidates, context.req, trace);
      return { trace, findings: { ...context.findings, ...outcome } };
    }),
    decide: assign(({ context }) => {
      const trace = [...context.trace];
      return { trace, decision: conclude(context.req, context.findings, trace) };
    }),
  },
}).createMachine({
  id: 'rbacResolution',
  context: ({ input }) => {
    assertAccessRequest(input.req);
    return {
      data: input.data,
      req: input.req,
      parentOf: input.parentOf,
      caller: callerOf(input.req, input.data.groupsOf),
      chain: scopeChain(input.req.scope, input.parentOf),
      lowerAction: input.req.action.toLowerCase(),
      trace: [],
      denies: [],
      found: [],
      candidates: [],
      findings: { actionsOnly: false },
      decision: null,
    };
  },
  initial: 'collectDenyAssignments',
  states: {
    collectDenyAssignments: {
      entry: 'collectDenyAssignments',
      always: 'denyCheck',
    },
    denyCheck: {
      entry: 'checkDenyAssignments',
      always: [{ guard: 'denyApplies', target: 'denied' }, { target: 'collectRoleAssignments' }],
    },
    collectRoleAssignments: {
      entry: 'collectRoleAssignments',
      always: 'matchActions',
    },
    matchActions: {
      entry: 'matchActions',
      // Step 7: if no role grants the action, access is denied; otherwise conditions are evaluated.
      always: [{ guard: 'someRoleGrants', target: 'evaluateConditions' }, { target: 'denied' }],
    },
    evaluateConditions: {
      entry: 'evaluateConditions',
      always: [{ guard: 'conditionsMet', target: 'allowed' }, { target: 'denied' }],
    },
    allowed: { type: 'final', entry: 'decide' },
    denied: { type: 'final', entry: 'decide' },
  },
  output: ({ context }) => context.decision as Decision,
});

/**
 * Runs the resolution machine to completion (it has no waits, so this is synchronous) and returns
 * its Decision. Bad input throws the same named errors as the fast path (InvalidAccessRequestError,
 * InvalidScopeError) rather than leaving a stopped actor behind.
 */
export function resolveWithMachine(data: RbacData, req: ConditionalAccessRequest, opts: { parentOf?: ParentOf } = {}): Decision {
  // Validate first: errors thrown inside an actor are reported asynchronously, not to the caller.
  assertAccessRequest(req);
  scopeChain(req.scope, opts.parentOf);
  const input: ResolutionInput = opts.parentOf ? { data, req, parentOf: opts.parentOf } : { data, req };
  const actor = createActor(resolutionMachine, { input });
  let failure: unknown;
  actor.subscribe({ error: (e) => (failure = e) });
  actor.start();
  const snap = actor.getSnapshot();
  actor.stop();
  if (snap.status === 'error' || failure !== undefined) throw failure ?? snap.error;
  if (snap.status !== 'done') throw new Error(`RBAC resolution stopped in state '${String(snap.value)}' without a decision.`);
  return snap.output as Decision;
}
