/**
 * Expressions: literals, expandable strings and here-strings, `$( )` / `@( )` / `( )`, hashtables,
 * script blocks as values, type literals and casts, unary and binary operators (with -and/-or
 * short-circuit), `++`/`--`, and the commands tree-sitter parses inside expressions.
 */
import type { SyntaxNode as Node } from '../parse/syntax-tree';
import { parseNumber, toBool, toNumber, toPsString } from '../runtime/conversions';
import { binaryOp, OperatorError, rangeOp } from '../runtime/operators';
import { checkStringLength } from '../runtime/size-limit';
import { castTo, resolveTypeName } from '../runtime/types';
import { PSHashtable, PSType, ScriptBlock } from '../runtime/values';
import type { Engine } from './engine';
import { materialize } from './lazy-range';
import { evalElementAccess, evalInvocation, evalMemberAccess } from './member-access';
import { scriptParams } from './script-blocks';
import { collapse, type Ctx } from './signals';
import { innermost, named, unescapeBackticks, unwrap, WRAPPERS } from './syntax';

export async function evalExpr(e: Engine, node: Node, ctx: Ctx): Promise<unknown> {
  e.limits.step();
  node = unwrap(node);
  const kids = named(node);
  if (WRAPPERS.has(node.type)) {
    if (kids.length === 1) return evalExpr(e, kids[0] as Node, ctx);
    return evalBinaryChain(e, node, ctx);
  }
  switch (node.type) {
    case 'pipeline':
    case 'pipeline_chain':
      return collapse(await e.evalPipeline(node, ctx));
    case 'variable':
      return e.getVariable(node.text, ctx);
    case 'integer_literal':
    case 'real_literal':
    case 'decimal_integer_literal':
    case 'hexadecimal_integer_literal':
      return numberLiteral(node.text);
    case 'string_literal':
      return evalExpr(e, kids[0] as Node, ctx);
    case 'verbatim_string_characters':
      // 5.1 treats ' ‘ ’ ‚ ‛ alike: two of them in a row stand for one (the second).
      return node.text.slice(1, -1).replace(/['\u2018\u2019\u201A\u201B](['\u2018\u2019\u201A\u201B])/g, '$1');
    case 'verbatim_here_string_characters':
      return node.text.replace(/^@'\r?\n/, '').replace(/\r?\n'@$/, '');
    case 'expandable_string_literal':
    case 'expandable_here_string_literal':
      return expandString(e, node, ctx);
    case 'sub_expression': {
      const out: unknown[] = [];
      await e.execBlock(node.childForFieldName('statements'), ctx, (v) => out.push(v));
      return collapse(out);
    }
    case 'array_expression': {
      const out: unknown[] = [];
      await e.execBlock(node.childForFieldName('statements'), ctx, (v) => out.push(v));
      return out;
    }
    case 'parenthesized_expression': {
      const inner = kids[0];
      if (!inner) return null;
      return collapse(await e.evalPipeline(inner, ctx));
    }
    case 'hash_literal_expression':
      return evalHash(e, node, ctx, false);
    case 'script_block_expression': {
      const body = node.children.find((c) => c?.type === 'script_block') ?? null;
      const text = node.text.slice(1, -1);
      return new ScriptBlock(body, text, scriptParams(node), ctx.src, ctx.tree);
    }
    case 'type_literal':
      return evalTypeLiteral(e, node, ctx);
    case 'member_access':
      return evalMemberAccess(e, node, ctx);
    case 'invokation_expression':
      return evalInvocation(e, node, ctx);
    case 'element_access':
      return evalElementAccess(e, node, ctx);
    case 'expression_with_unary_operator':
      return evalUnary(e, node, ctx);
    case 'cast_expression':
      return evalCast(e, node, ctx);
    case 'post_increment_expression':
    case 'post_decrement_expression':
    case 'pre_increment_expression':
    case 'pre_decrement_expression': {
      const target = kids[0] as Node;
      const before = toNumber(await evalExpr(e, target, ctx));
      const after = node.type.includes('increment') ? before + 1 : before - 1;
      await e.assignTo(target, after, ctx);
      // As a statement, `$i++` outputs nothing; inside an expression it yields the value.
      if (isStatementLevel(node)) return undefined;
      return node.type.startsWith('post') ? before : after;
    }
    case 'command':
      return collapse(materialize(await e.runCommand(node, ctx, null)));
    case 'assignment_expression':
      await e.assign(node, ctx);
      return undefined;
    case 'generic_token':
    case 'simple_name':
      return node.text;
    default:
      return e.notSimulated(ctx, node, e.describe(node));
  }
}

/** True when the expression is the whole statement (so its value is discarded rather than printed). */
function isStatementLevel(node: Node): boolean {
  let n: Node | null = node;
  while (n && n.type !== 'pipeline') {
    const p: Node | null = n.parent;
    if (!p) return false;
    if (named(p).length !== 1 && p.type !== 'pipeline') return false;
    n = p;
  }
  return n?.parent?.type === 'statement_list';
}

export function numberLiteral(raw: string): number {
  const text = raw.replace(/[ld]$/i, '');
  const n = parseNumber(text);
  return n ?? Number.NaN;
}

async function expandString(e: Engine, node: Node, ctx: Ctx): Promise<string> {
  const here = node.type === 'expandable_here_string_literal';
  const text = node.text;
  let innerStart: number;
  let innerEnd: number;
  if (here) {
    const nl = text.indexOf('\n');
    innerStart = nl + 1;
    innerEnd = text.lastIndexOf('\n');
    if (innerEnd > 0 && text[innerEnd - 1] === '\r') innerEnd--;
    if (innerEnd < innerStart) innerEnd = innerStart;
  } else {
    innerStart = 1;
    innerEnd = text.length - 1;
  }
  const base = node.startIndex;
  let out = '';
  let pos = innerStart;
  const literal = (s: string) => unescapeBackticks(here ? s : s.replace(/""/g, '"').replace(/“”|””/g, '"'));
  for (const child of named(node)) {
    // tree-sitter sometimes starts a `$(` token at the whitespace before it.
    const cs = child.startIndex - base + (child.type === 'sub_expression' ? Math.max(0, child.text.indexOf('$(')) : 0);
    const ce = child.endIndex - base;
    if (cs < pos || child.type === 'comment') continue;
    if (child.type !== 'variable' && child.type !== 'sub_expression') continue;
    out += literal(text.slice(pos, cs));
    const value = child.type === 'variable' ? e.getVariable(child.text, ctx) : await evalExpr(e, child, ctx);
    out += toPsString(value);
    pos = ce;
  }
  out += literal(text.slice(pos, Math.max(pos, innerEnd)));
  return out;
}

export async function evalHash(e: Engine, node: Node, ctx: Ctx, ordered: boolean): Promise<PSHashtable> {
  const h = new PSHashtable(ordered);
  const body = node.children.find((c) => c?.type === 'hash_literal_body');
  for (const entry of body ? named(body) : []) {
    if (entry.type !== 'hash_entry') continue;
    const keyNode = entry.children.find((c) => c?.type === 'key_expression');
    const valueNode = named(entry).find((c) => c.type !== 'key_expression');
    const key = keyNode ? await hashKey(e, keyNode, ctx) : '';
    let value: unknown = null;
    if (valueNode) {
      if (valueNode.type === 'pipeline') value = collapse(await e.evalPipeline(valueNode, ctx));
      else {
        const collected: unknown[] = [];
        await e.execStatement(valueNode, ctx, (v) => collected.push(v));
        value = collapse(collected);
      }
    }
    if (h.has(key)) {
      e.fail(ctx, {
        exceptionTypes: ['System.Management.Automation.ParseException'],
        message: `Duplicate keys '${toPsString(key)}' are not allowed in hash literals.`,
        category: 'ParserError',
        fullyQualifiedErrorId: 'DuplicateKeyInHashLiteral',
        extent: { start: entry.startIndex, end: entry.endIndex },
      });
    }
    h.set(key, value);
  }
  return h;
}

async function hashKey(e: Engine, keyNode: Node, ctx: Ctx): Promise<unknown> {
  const inner = named(keyNode)[0];
  if (!inner || inner.type === 'simple_name') return keyNode.text.trim();
  return evalExpr(e, inner, ctx);
}

export async function evalTypeLiteral(e: Engine, node: Node, ctx: Ctx): Promise<PSType> {
  const spec = node.children.find((c) => c?.type === 'type_spec');
  const raw = (spec ?? node).text.replace(/^\[|\]$/g, '');
  return e.guard(ctx, node, () => new PSType(resolveTypeName(raw)));
}

async function evalUnary(e: Engine, node: Node, ctx: Ctx): Promise<unknown> {
  const first = node.child(0);
  const operand = named(node).find((c) => c !== first) ?? named(node)[0];
  if (first?.type === 'cast_expression') return evalCast(e, first, ctx);
  if (!first || !operand) return null;
  const op = first.type.toLowerCase();
  const v = await evalExpr(e, operand, ctx);
  return e.guard(ctx, node, () => {
    switch (op) {
      case '-not':
      case '!':
        return !toBool(v);
      case '-':
        return -toNumber(v);
      case '+':
        return toNumber(v);
      case ',':
        return [v];
      case '-bnot':
        return ~toNumber(v);
      case '-split':
        return toPsString(v).trim().split(/\s+/);
      case '-join':
        return (Array.isArray(v) ? v : [v]).map(toPsString).join('');
      case '++':
      case '--':
        return v;
      default:
        throw new OperatorError(`The unary operator '${first.text}' is not simulated here.`, 'OperatorNotSimulated');
    }
  });
}

async function evalCast(e: Engine, node: Node, ctx: Ctx): Promise<unknown> {
  const typeNode = node.children.find((c) => c?.type === 'type_literal');
  const operand = named(node).find((c) => c.type !== 'type_literal');
  if (!typeNode || !operand) return null;
  const type = await evalTypeLiteral(e, typeNode, ctx);
  let inner = operand;
  inner = innermost(inner);
  if (inner.type === 'hash_literal_expression' && type.fullName === 'System.Collections.Specialized.OrderedDictionary') return evalHash(e, inner, ctx, true);
  const v = await evalExpr(e, operand, ctx);
  return e.guard(ctx, node, () => castTo(type.fullName, v));
}

async function evalBinaryChain(e: Engine, node: Node, ctx: Ctx): Promise<unknown> {
  const parts = node.children.filter((c): c is Node => c !== null && c.type !== 'comment');
  let acc = await evalExpr(e, parts[0] as Node, ctx);
  if (node.type === 'array_literal_expression') {
    const items = [acc];
    for (const p of parts.slice(1)) if (p.isNamed) items.push(await evalExpr(e, p, ctx));
    return items;
  }
  for (let i = 1; i < parts.length; i += 2) {
    const opNode = parts[i] as Node;
    const rightNode = parts[i + 1];
    if (!rightNode) break;
    const op = (opNode.isNamed ? opNode.text : opNode.type).trim();
    const lower = op.toLowerCase();
    if (lower === '-and') {
      acc = toBool(acc) ? toBool(await evalExpr(e, rightNode, ctx)) : false;
      continue;
    }
    if (lower === '-or') {
      acc = toBool(acc) ? true : toBool(await evalExpr(e, rightNode, ctx));
      continue;
    }
    const right = await evalExpr(e, rightNode, ctx);
    const left = acc;
    acc = await e.guard(ctx, node, () => {
      if (op === '..') return rangeOp(left, right);
      if (lower === '-f') return binaryOp('-f', left, right, null);
      return binaryOp(op, left ?? null, right ?? null, { setMatches: (m) => (e.session.matches = m) });
    });
  }
  return acc;
}
