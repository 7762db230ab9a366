/**
 * Which commands write to the terminal. Some commands (curl, jq, az) change their output by it (curl's progress
 * meter appears on stderr as soon as the body goes into a pipe, a file or `$(...)`; jq colours
 * only at a terminal), but a just-bash command cannot ask whether its stdout is a tty. So before a
 * run, walk the syntax tree and tag each such command whose stdout reaches the terminal with a
 * prefix assignment the command reads back. A command inside a function is judged where the
 * function is written, not where it is called.
 */
import type { ScriptNode } from 'just-bash';
import { STDOUT_TTY_MARK } from './module';

type Node = { type?: string; [key: string]: unknown };

const stdoutOperators = new Set(['>', '>>', '>|', '&>', '&>>']);

function redirectsStdout(node: Node): boolean {
  const redirections = node.redirections;
  if (!Array.isArray(redirections)) return false;
  return redirections.some((r: Node) => {
    const op = r.operator as string;
    const fd = (r.fd as number | null) ?? (op.startsWith('<') ? 0 : 1);
    if (op === '>&') {
      // `>&2` still reaches the terminal (stderr is the terminal too)
      const target = r.target as Node;
      const literal = (target.parts as Node[] | undefined)?.map((p) => p.value ?? '').join('');
      return fd === 1 && literal !== '2';
    }
    return (stdoutOperators.has(op) && fd === 1) || op === '&>' || op === '&>>';
  });
}

function isTtyAware(node: Node, aware: ReadonlySet<string>): boolean {
  const word = node.name as Node | null;
  const parts = word?.parts as Node[] | undefined;
  return parts?.length === 1 && parts[0]?.type === 'Literal' && aware.has(parts[0].value as string);
}

function markAsTerminal(command: Node): void {
  const assignments = command.assignments as Node[];
  if (assignments.some((a) => a.name === STDOUT_TTY_MARK)) return;
  assignments.unshift({
    type: 'Assignment',
    name: STDOUT_TTY_MARK,
    value: { type: 'Word', parts: [{ type: 'Literal', value: '1' }] },
    append: false,
    array: null,
  });
}

function visit(value: unknown, tty: boolean, aware: ReadonlySet<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) visit(v, tty, aware);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const node = value as Node;
  let here = tty && !redirectsStdout(node);
  if (node.type === 'CommandSubstitution' || node.type === 'ProcessSubstitution') here = false;
  if (node.type === 'SimpleCommand' && here && isTtyAware(node, aware)) markAsTerminal(node);
  if (node.type === 'Pipeline' && Array.isArray(node.commands)) {
    const commands = node.commands as unknown[];
    commands.forEach((c, i) => visit(c, here && i === commands.length - 1, aware));
    return;
  }
  for (const [key, child] of Object.entries(node)) {
    if (key !== 'type' && child && typeof child === 'object') visit(child, here, aware);
  }
}

/** Tags, in place, every command named in `aware` whose stdout is the terminal. */
export function markTerminalCommands(ast: ScriptNode, aware: ReadonlySet<string>): ScriptNode {
  visit(ast, true, aware);
  return ast;
}
