/**
 * A lesson step's goal, as the identity view shows it over the graph: the step's identity and role
 * checks (not its IMDS/ARM call checks, which the timeline shows), each met or still missing.
 */
import type { CheckResult } from './checks/index';
import type { CheckSpec } from './types';

export interface StepGoal {
  label: string;
  met: boolean;
  /** What is still missing, in plain words; empty when met. */
  missing: string;
}

const IDENTITY_CHECKS = new Set<CheckSpec['type']>(['systemAssignedEnabled', 'userAssignedAttached', 'roleAssigned']);

/** Pairs a step's checks with their latest results (same order, as the progress machine keeps them). */
export function identityGoals(checks: readonly CheckSpec[], results: readonly CheckResult[]): StepGoal[] {
  const goals: StepGoal[] = [];
  checks.forEach((check, i) => {
    const result = results[i];
    if (!IDENTITY_CHECKS.has(check.type) || !result) return;
    goals.push({ label: result.label, met: result.passed, missing: result.passed ? '' : result.waitingFor });
  });
  return goals;
}

/** Where a page offers its current step's goals to the inspector (Svelte context key). */
export const STEP_GOALS_CONTEXT = Symbol('mi-step-goals');

export interface StepGoalsSource {
  readonly current: StepGoal[];
}
