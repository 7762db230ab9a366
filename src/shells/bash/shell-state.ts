/**
 * The shell state a terminal keeps between commands. just-bash starts every exec() from the state
 * it was constructed with, so the session carries the state itself:
 *  - before a run: variables go in as the exec environment (exact values, no quoting round trip);
 *    a prelude, spliced into the run's syntax tree, re-marks exports, re-defines functions and
 *    re-applies `set -o`/`shopt` options;
 *  - after a run: a trailer statement calls a hidden command that reads the live variables, the
 *    exported set, the working directory and `declare -F` back out.
 * just-bash cannot print a function's body (`declare -f` shows a placeholder), so functions are
 * carried as their syntax trees, taken from the script that defined them.
 */
import type { ScriptNode } from 'just-bash';
import { parse } from './just-bash-compat';
import { type ArrayValue, arrayAssignments, mayChangeArrays } from './array-state';
import { STDOUT_TTY_MARK } from './module';

// A dot name keeps the command's stub (just-bash needs one in PATH) out of a plain `ls /usr/bin`.
export const CAPTURE_COMMAND = '.mi-capture-shell-state';

type Node = { type?: string; [key: string]: unknown };

export interface ShellState {
  cwd: string;
  /** `$?` as the previous run left it. */
  lastExitCode: number;
  variables: Map<string, string>;
  exported: Set<string>;
  functions: Map<string, Node>;
  arrays: Record<string, ArrayValue>;
  setOptions: { on: string[]; off: string[] };
  shoptOptions: { on: string[]; off: string[] };
}

/** just-bash's defaults for `$SHELLOPTS` / `$BASHOPTS`. */
const DEFAULT_SET = ['braceexpand', 'hashall', 'interactive-comments'];
const DEFAULT_SHOPT = ['globskipdots'];
/** An interactive bash expands aliases; just-bash's non-interactive default does not. */
const INTERACTIVE_SHOPT = ['expand_aliases'];

/** Variables bash derives itself; carrying them would fight the shell. */
const DERIVED = new Set(['?', '_', 'SHELLOPTS', 'BASHOPTS', 'PIPESTATUS', 'RANDOM', 'SECONDS', 'LINENO', 'BASHPID', 'PPID', 'UID', 'EUID', STDOUT_TTY_MARK]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function carriedVariables(env: Iterable<[string, string]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of env) if (!DERIVED.has(k)) out.set(k, v);
  return out;
}

function optionDelta(current: string | undefined, defaults: string[]): { on: string[]; off: string[] } {
  const now = new Set((current ?? defaults.join(':')).split(':').filter(Boolean));
  return { on: [...now].filter((o) => !defaults.includes(o)), off: defaults.filter((o) => !now.has(o)) };
}

/** Function definitions in a syntax tree, last definition of a name winning. */
export function functionDefinitions(ast: unknown, into = new Map<string, Node>()): Map<string, Node> {
  if (Array.isArray(ast)) {
    for (const a of ast) functionDefinitions(a, into);
  } else if (ast && typeof ast === 'object') {
    const node = ast as Node;
    if (node.type === 'FunctionDef' && typeof node.name === 'string') into.set(node.name, node);
    for (const [k, v] of Object.entries(node)) if (k !== 'type' && v && typeof v === 'object') functionDefinitions(v, into);
  }
  return into;
}

/** What the hidden capture command saw at the end of a run. */
export interface Capture {
  cwd: string;
  exitCode: number;
  env: Map<string, string>;
  exported: Record<string, string>;
  /** Undefined when the run could not have changed functions (see mayChangeFunctions). */
  functionNames?: string[];
  /** Undefined when the run could not have changed arrays (see mayChangeArrays). */
  arrays?: Record<string, ArrayValue>;
}

export function stateAfterRun(before: ShellState, capture: Capture, definedThisRun: Map<string, Node>): ShellState {
  const functions = new Map<string, Node>();
  for (const name of capture.functionNames ?? before.functions.keys()) {
    const def = definedThisRun.get(name) ?? before.functions.get(name);
    if (def) functions.set(name, structuredClone(def));
  }
  // `shopt -u expand_aliases` is honoured within a run but an interactive shell turns it back on
  const shopt = optionDelta(capture.env.get('BASHOPTS'), DEFAULT_SHOPT);
  return {
    cwd: capture.cwd,
    lastExitCode: capture.exitCode,
    variables: carriedVariables(capture.env),
    exported: new Set(Object.keys(capture.exported).filter((k) => !DERIVED.has(k))),
    functions,
    arrays: capture.arrays ?? before.arrays,
    setOptions: optionDelta(capture.env.get('SHELLOPTS'), DEFAULT_SET),
    shoptOptions: { on: shopt.on.filter((o) => !INTERACTIVE_SHOPT.includes(o)), off: shopt.off },
  };
}

/** `declare -F` prints `declare -f name` per function. */
export function parseDeclareF(text: string): string[] {
  return text
    .split('\n')
    .map((l) => /^declare -f\S* (\S+)$/.exec(l.trim())?.[1])
    .filter((n): n is string => n !== undefined);
}

/** Parsed prelude/trailer texts: they repeat run after run, so parse each once. */
const parsed = new Map<string, Node[]>();

function statementsOf(source: string): Node[] {
  let statements = parsed.get(source);
  if (!statements) {
    statements = (parse(source) as unknown as { statements: Node[] }).statements;
    // Without source text, `set -v` does not echo the session's own statements.
    for (const s of statements) delete s.sourceText;
    if (parsed.size >= 64) parsed.delete(parsed.keys().next().value as string);
    parsed.set(source, statements);
  }
  // a fresh copy per run: the interpreter gets trees nobody else holds
  return structuredClone(statements);
}

function functionStatement(def: Node): Node {
  const [statement] = statementsOf('__mi_placeholder() { :; }');
  const pipeline = (statement?.pipelines as Node[])[0] as Node;
  pipeline.commands = [structuredClone(def)];
  return statement as Node;
}

/** Statements that put the carried state back at the start of a run. */
export function prelude(state: ShellState): Node[] {
  const lines: string[] = [];
  const exported = [...state.exported].filter((n) => IDENTIFIER.test(n) && state.variables.has(n));
  if (exported.length) lines.push(`export ${exported.join(' ')}`);
  lines.push(...arrayAssignments(state.arrays));
  const shoptOn = [...INTERACTIVE_SHOPT, ...state.shoptOptions.on].filter((o) => IDENTIFIER.test(o));
  lines.push(`shopt -s ${shoptOn.join(' ')}`);
  const shoptOff = state.shoptOptions.off.filter((o) => IDENTIFIER.test(o));
  if (shoptOff.length) lines.push(`shopt -u ${shoptOff.join(' ')}`);
  const valid = (o: string) => /^[a-z-]+$/.test(o);
  for (const o of state.setOptions.off.filter(valid)) lines.push(`set +o ${o}`);
  // xtrace last, so restoring it does not trace the rest of the prelude
  const on = state.setOptions.on.filter(valid).sort((a, b) => Number(a === 'xtrace') - Number(b === 'xtrace'));
  for (const o of on) lines.push(`set -o ${o}`);
  // `$?` carries over too; `( exit N )` is the only way to set it. Under errexit it would end the
  // run, so it is skipped there.
  if (state.lastExitCode !== 0 && !state.setOptions.on.includes('errexit')) {
    lines.push(`{ ( exit ${state.lastExitCode & 255} ); } 2>/dev/null`);
  }
  return [...[...state.functions.values()].map(functionStatement), ...statementsOf(lines.join('\n'))];
}

/** Commands through which a script can define or remove functions without a definition in sight. */
const FUNCTION_CHANGERS = new Set(['unset', 'eval', 'source', '.']);

/**
 * Whether a run may leave the function table changed. Listing functions costs a subshell per run,
 * so runs that cannot change them (most: `curl ... | jq`) skip it. A command whose name is not a
 * plain word (`$cmd`) might be any of the above, so it counts.
 */
export function mayChangeFunctions(ast: unknown): boolean {
  if (Array.isArray(ast)) return ast.some(mayChangeFunctions);
  if (!ast || typeof ast !== 'object') return false;
  const node = ast as Node;
  if (node.type === 'FunctionDef') return true;
  if (node.type === 'SimpleCommand' && node.name) {
    const parts = (node.name as Node).parts as Node[] | undefined;
    const literal = parts?.length === 1 && parts[0]?.type === 'Literal' ? (parts[0].value as string) : undefined;
    if (literal === undefined || FUNCTION_CHANGERS.has(literal)) return true;
  }
  return Object.entries(node).some(([k, v]) => k !== 'type' && v !== null && typeof v === 'object' && mayChangeFunctions(v));
}

/** The statement that reports the shell state back, keeping the run's exit status. */
export function trailer(listFunctions: boolean, listArrays: boolean): Node[] {
  const functions = listFunctions ? ' --functions "$(declare -F)"' : '';
  const arrays = listArrays ? ' --arrays "$(declare -p)"' : '';
  return statementsOf(`{ ${CAPTURE_COMMAND} "$?"${functions}${arrays}; } 2>/dev/null`);
}

/** The capture command's arguments: the exit status, then optional `--functions`/`--arrays` texts. */
export function captureArgs(args: readonly string[]): { exitCode: number; functions?: string; arrays?: string } {
  const out: { exitCode: number; functions?: string; arrays?: string } = { exitCode: Number(args[0]) || 0 };
  for (let i = 1; i < args.length - 1; i += 2) {
    if (args[i] === '--functions') out.functions = args[i + 1];
    if (args[i] === '--arrays') out.arrays = args[i + 1];
  }
  return out;
}

/** Splices prelude and trailer around a run's statements. */
export function wrapScript(ast: ScriptNode, state: ShellState): ScriptNode {
  const script = ast as unknown as { statements: Node[] };
  const listFunctions = mayChangeFunctions(script.statements);
  const listArrays = mayChangeArrays(script.statements);
  script.statements = [...prelude(state), ...script.statements, ...trailer(listFunctions, listArrays)];
  return ast;
}
