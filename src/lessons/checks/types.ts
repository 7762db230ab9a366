/**
 * Checks are predicates over (world, request log), never over what was typed: any spelling of a
 * command that produces the right state or the right exchange passes, and harmless extra
 * commands never block a step.
 */
import type { RequestLogEntry } from '../../cloud/request-log';
import type { World } from '../../sim/index';
import type { PlaceholderValues } from '../placeholders';
import type { CheckSpec } from '../types';

export type { RequestLogEntry };

export interface CheckContext {
  world: World;
  /** The entries that count for this step (the engine passes those since the step began). */
  log: readonly RequestLogEntry[];
  /** Placeholder values for the lesson's VM in this world. */
  values: PlaceholderValues;
}

export interface CheckResult {
  passed: boolean;
  /** What the check looks for, as a to-do line ("myLinuxVM's system-assigned identity is on"). */
  label: string;
  /** Empty when passed; otherwise what is still missing, in plain language. */
  waitingFor: string;
}

export type CheckOf<T extends CheckSpec['type']> = (spec: Extract<CheckSpec, { type: T }>, ctx: CheckContext) => CheckResult;

export const result = (passed: boolean, label: string, waitingFor: string): CheckResult => ({
  passed,
  label,
  waitingFor: passed ? '' : waitingFor,
});
