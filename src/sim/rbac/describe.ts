/**
 * Plain-language lines for decision trace steps — what the "why was I denied?" panel shows, one
 * line per step, e.g. "Reader at /subscriptions/…/resourceGroups/myResourceGroup grants the read-everything pattern,
 * which covers Microsoft.Resources/subscriptions/resourceGroups/read."
 */
import type { Decision, Propagation, TraceStep } from './types';

const PROPAGATION: Record<Propagation, string> = {
  effective: '',
  pendingCreate: ' — created, but not propagated yet, so it does not count',
  pendingRemoval: ' — removed, but the removal has not propagated yet, so it still counts',
  removed: ' — removed, so it no longer counts',
};

export function describeStep(step: TraceStep): string {
  switch (step.kind) {
    case 'request': {
      const groups = step.groups.length
        ? ` and its ${step.groups.length} group(s) (from the ${step.groupsFrom === 'token' ? 'token' : 'directory'})`
        : '';
      const plane = step.isDataAction ? 'data action' : 'action';
      return `Can ${step.principal}${groups} perform the ${plane} ${step.action} on ${step.scope}?`;
    }
    case 'scopes':
      return `Scopes checked, from the top: ${step.scopes.map((s) => `${s.scope} (${s.level})`).join(' › ')}.`;
    case 'denyAssignment': {
      const d = `Deny assignment '${step.denyAssignmentName}' at ${step.scope}`;
      switch (step.outcome) {
        case 'notInherited':
          return `${d} does not apply: it is set not to apply to child scopes.`;
        case 'principalNotCovered':
          return `${d} does not apply to this caller.`;
        case 'principalExcluded':
          return `${d} excludes ${step.principal}, so it does not apply.`;
        case 'actionNotCovered':
          return step.notPattern
            ? `${d} covers '${step.pattern}' but exempts '${step.notPattern}', so it does not block this action.`
            : `${d} does not cover this action.`;
        case 'denies':
          return `${d} blocks '${step.pattern}' for ${step.principal === '00000000-0000-0000-0000-000000000000' ? 'all principals' : step.principal}.`;
      }
      break;
    }
    case 'assignmentsAt':
      return `At ${step.scope}: ${step.forCaller} role assignment(s) for the caller or its groups${step.forOthers ? `, ${step.forOthers} for others (not relevant)` : ''}.`;
    case 'roleAssignment': {
      const role = step.roleName ?? `role ${step.roleDefinitionId}`;
      const holder = step.via === 'principal' ? '' : ` (through group ${step.principalId})`;
      const head = `${role} at ${step.scope}${holder}`;
      const tail = PROPAGATION[step.propagation];
      switch (step.outcome) {
        case 'grants':
          return `${head} grants '${step.pattern}', which covers the ${step.plane === 'data' ? 'data action' : 'action'}${tail}.`;
        case 'excludedByNotActions':
          return `${head} grants '${step.pattern}' but its own ${step.plane === 'data' ? 'NotDataActions' : 'NotActions'} '${step.notPattern}' subtract it (this is not a deny: another role could still grant it)${tail}.`;
        case 'actionsNeverGrantData':
          return `${head} has the action '${step.pattern}', but Actions never grant data actions; only DataActions do${tail}.`;
        case 'noPatternMatches':
          return `${head} does not include this ${step.plane === 'data' ? 'data action' : 'action'}${tail}.`;
        case 'roleNotFound':
          return `${head}: the role definition was not found, so it grants nothing${tail}.`;
      }
      break;
    }
    case 'condition': {
      const where = step.source === 'roleDefinition' ? "The role definition's condition" : "The assignment's condition";
      return `${where} on ${step.assignmentName}: ${step.detail}.`;
    }
    case 'decision':
      return step.summary;
  }
  return '';
}

/** Every step of a decision as plain-language lines. */
export function describeDecision(decision: Decision): string[] {
  return decision.trace.map(describeStep);
}
