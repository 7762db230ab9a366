/**
 * The "Why?" panel's view model: an RBAC decision retold from its trace in sections a learner can
 * follow — the question, the scopes walked, deny assignments, the role assignments considered (with
 * the pattern that matched, NotActions subtracted, propagation), conditions, the verdict — plus the
 * smallest fix for a denial. Step sentences come from the engine's own `describeStep`, so the panel
 * and the engine never tell two stories; ids in them are followed by names.
 */
import { scopeExists, type World } from '../../sim/index';
import { describeStep, type DecisionReason, type TraceStep } from '../../sim/rbac/index';
import type { AuthorizationRecord } from '../call-context';
import type { RequestLogEntry } from '../request-log';
import { principalName, scopeLabel } from './names';
import { smallestFix, type Fix } from './smallest-fix';

export type Tone = 'allow' | 'deny' | 'pending' | 'info';

export interface WhyLine {
  text: string;
  tone: Tone;
}

export interface WhySection {
  title: string;
  lines: WhyLine[];
}

export interface WhyExplanation {
  allowed: boolean;
  reason: DecisionReason;
  purpose: AuthorizationRecord['purpose'];
  action: string;
  isDataAction: boolean;
  scope: string;
  headline: string;
  sections: WhySection[];
  fix: Fix | null;
}

const HEADLINE: Record<DecisionReason, (who: string, action: string, where: string) => string> = {
  allowedByRole: (who, action, where) => `Allowed: ${who} holds a role that includes ${action} on ${where}.`,
  noMatchingAssignment: (who, action, where) => `Denied: no role assigned to ${who} on ${where} or any scope above it includes ${action}.`,
  deniedByDenyAssignment: (who, action, where) => `Denied: a deny assignment blocks ${action} on ${where} for ${who}, whatever roles it holds.`,
  notYetPropagated: (who, action, where) => `Denied for now: the role assignment that lets ${who} do ${action} on ${where} has not propagated yet.`,
  conditionNotMet: (who, action, where) => `Denied: a role would let ${who} do ${action} on ${where}, but its condition is not met.`,
};

function toneOf(step: TraceStep): Tone {
  switch (step.kind) {
    case 'denyAssignment':
      return step.outcome === 'denies' ? 'deny' : 'info';
    case 'roleAssignment':
      if (step.propagation === 'pendingCreate') return 'pending';
      if (step.outcome === 'grants' && step.propagation !== 'removed') return 'allow';
      return step.outcome === 'excludedByNotActions' || step.outcome === 'actionsNeverGrantData' ? 'deny' : 'info';
    case 'condition':
      return step.outcome === 'met' ? 'allow' : 'deny';
    case 'decision':
      return step.allowed ? 'allow' : 'deny';
    default:
      return 'info';
  }
}

/** Replaces the first occurrence of each principal id with "name (id)". */
function withNames(world: World, text: string, ids: readonly string[]): string {
  let out = text;
  for (const id of ids) {
    const name = principalName(world, id);
    if (name.endsWith(`(${id})`)) continue;
    out = out.replace(id, `${name} (${id})`);
  }
  return out;
}

export function explainAuthorization(world: World, record: AuthorizationRecord): WhyExplanation {
  const { decision } = record;
  const request = decision.trace.find((s): s is Extract<TraceStep, { kind: 'request' }> => s.kind === 'request');
  const principal = request?.principal ?? '';
  const ids = principal ? [principal, ...(request?.groups ?? [])] : [];
  const line = (s: TraceStep): WhyLine => ({ text: withNames(world, describeStep(s), ids), tone: toneOf(s) });

  const scopes = decision.trace.find((s): s is Extract<TraceStep, { kind: 'scopes' }> => s.kind === 'scopes');
  const denies = decision.trace.filter((s) => s.kind === 'denyAssignment');
  const considered = decision.trace.filter((s) => s.kind === 'assignmentsAt' || s.kind === 'roleAssignment');
  const conditions = decision.trace.filter((s) => s.kind === 'condition');
  const verdict = decision.trace.filter((s) => s.kind === 'decision');

  const sections: WhySection[] = [];
  if (request) sections.push({ title: 'The question', lines: [line(request)] });
  if (scopes) {
    sections.push({
      title: 'Scopes walked (top down)',
      lines: scopes.scopes.map((s) => ({ text: `${s.scope} — ${s.level === 'root' ? 'root' : scopeLabel(world, s.scope).phrase} (${s.level})`, tone: 'info' as const })),
    });
  }
  sections.push({
    title: 'Deny assignments',
    lines: denies.length ? denies.map(line) : [{ text: 'None at these scopes. Deny assignments are checked first; none applies here.', tone: 'info' }],
  });
  if (decision.reason !== 'deniedByDenyAssignment') {
    const held = considered.some((s) => s.kind === 'roleAssignment');
    sections.push({
      title: 'Role assignments considered',
      lines: held
        ? considered.filter((s) => s.kind === 'roleAssignment' || (s.kind === 'assignmentsAt' && s.forCaller > 0)).map(line)
        : [{ text: `The caller and its groups hold no role assignment at any of these scopes.`, tone: 'deny' }],
    });
  }
  if (conditions.length) sections.push({ title: 'Conditions', lines: conditions.map(line) });
  sections.push({ title: 'Decision', lines: verdict.map(line) });

  return {
    allowed: decision.allowed,
    reason: decision.reason,
    purpose: record.purpose,
    action: record.action,
    isDataAction: record.isDataAction,
    scope: record.scope,
    // A name that does not exist comes first: the learner's fix is the name, not a role.
    headline: scopeExists(world, record.scope)
      ? HEADLINE[decision.reason](principal ? principalName(world, principal) : 'the caller', record.action, scopeLabel(world, record.scope).phrase)
      : `${record.scope} does not exist. ${HEADLINE[decision.reason](principal ? principalName(world, principal) : 'the caller', record.action, 'it')}`,
    sections,
    fix: smallestFix(world, record),
  };
}

/** The check that decided a request: the first denial that failed it, else the last check made. */
export function decidingCheck(entry: RequestLogEntry): number {
  const denied = entry.authorizations.findIndex((a) => !a.allowed && a.purpose !== 'listFilter');
  if (denied !== -1) return denied;
  const lastDeciding = entry.authorizations.map((a) => a.purpose).lastIndexOf('request');
  return lastDeciding !== -1 ? lastDeciding : entry.authorizations.length - 1;
}

/** Entries the "Why?" panel can explain: any exchange with at least one RBAC check, newest first. */
export function explainableEntries(entries: readonly RequestLogEntry[]): RequestLogEntry[] {
  return entries.filter((e) => e.authorizations.length > 0).reverse();
}
