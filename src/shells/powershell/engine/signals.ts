/**
 * What every part of the evaluator shares: flow-control signals (break, continue, return, exit), the
 * context a statement runs in, and how pipeline output collapses into one value.
 */
import type { SyntaxTree as Tree } from '../parse/syntax-tree';
import type { SourceText } from '../source-text';
import type { Scope } from './scope';

export class BreakSignal {}
export class ContinueSignal {}
export class ReturnSignal {
  constructor(readonly values: unknown[]) {}
}
export class ExitSignal {
  constructor(readonly code: number) {}
}

export function isFlowSignal(error: unknown): boolean {
  return error instanceof BreakSignal || error instanceof ContinueSignal || error instanceof ReturnSignal || error instanceof ExitSignal;
}

/** Where a statement runs: its script text and tree, its variable scope, and whether a try encloses it. */
export interface Ctx {
  src: SourceText;
  tree: Tree;
  scope: Scope;
  tryDepth: number;
}

export type Sink = (value: unknown) => void;

/** A single value from pipeline output: nothing → $null, one → itself, many → array. */
export function collapse(values: unknown[]): unknown {
  if (values.length === 0) return null;
  if (values.length === 1) return values[0];
  return values;
}
