/**
 * Variables and assignment: `$x = …`, compound (`+=`) and multiple assignment, casts on the left
 * (`[int]$x = …`), properties and elements as targets, scope qualifiers (`$global:`), `$env:`, and
 * reading a variable (then the automatic variables, then $null).
 */
import type { SyntaxNode as Node } from '../parse/syntax-tree';
import { toNumber, toPsString } from '../runtime/conversions';
import { MemberError, setMember } from '../runtime/members';
import { binaryOp } from '../runtime/operators';
import { castTo } from '../runtime/types';
import { PSHashtable, PSObject } from '../runtime/values';
import { automaticVariable } from './automatic-variables';
import type { Engine } from './engine';
import { READ_ONLY } from './scope';
import { collapse, type Ctx } from './signals';
import { named, WRAPPERS } from './syntax';

export async function assign(e: Engine, node: Node, ctx: Ctx): Promise<void> {
  const left = node.children.find((c) => c?.type === 'left_assignment_expression');
  const op = node.children.find((c) => c?.type === 'assignement_operator')?.text ?? '=';
  const valueNode = node.childForFieldName('value');
  if (!left || !valueNode) return e.notSimulated(ctx, node, 'This assignment');
  let value: unknown;
  if (valueNode.type === 'pipeline' || WRAPPERS.has(valueNode.type)) value = collapse(await e.evalPipeline(valueNode, ctx));
  else {
    const collected: unknown[] = [];
    await e.execStatement(valueNode, ctx, (v) => collected.push(v));
    value = collapse(collected);
  }
  let target = left;
  while (WRAPPERS.has(target.type) && named(target).length === 1) target = named(target)[0] as Node;
  if (target.type === 'array_literal_expression') {
    const targets = named(target);
    const values = Array.isArray(value) ? value : [value];
    for (const [i, t] of targets.entries()) {
      const v = i === targets.length - 1 ? collapse(values.slice(i)) : values[i];
      await assignTo(e, t, v ?? null, ctx);
    }
    return;
  }
  if (op !== '=') {
    const current = await e.evalExpr(target, ctx);
    value = await e.guard(ctx, node, () => binaryOp(op.slice(0, -1), current ?? null, value, null));
  }
  await assignTo(e, target, value, ctx);
}

export async function assignTo(e: Engine, target: Node, value: unknown, ctx: Ctx): Promise<void> {
  while (WRAPPERS.has(target.type) && named(target).length === 1) target = named(target)[0] as Node;
  switch (target.type) {
    case 'variable':
      return setVariable(e, target.text, value, ctx, target);
    case 'expression_with_unary_operator': {
      const cast = named(target)[0];
      if (cast?.type === 'cast_expression') {
        const type = cast.children.find((c) => c?.type === 'type_literal');
        const inner = named(cast).find((c) => c.type !== 'type_literal');
        if (type && inner) {
          const t = await e.evalTypeLiteral(type, ctx);
          return assignTo(e, inner, await e.guard(ctx, target, () => castTo(t.fullName, value)), ctx);
        }
      }
      break;
    }
    case 'member_access': {
      const objNode = named(target)[0] as Node;
      const member = target.children.find((c) => c?.type === 'member_name');
      const obj = await e.evalExpr(objNode, ctx);
      const name = member ? await e.memberName(member, ctx) : '';
      return e.guard(ctx, target, () => setMember(obj, name, value));
    }
    case 'element_access': {
      const objNode = named(target)[0] as Node;
      const idxNode = named(target)[1];
      const obj = await e.evalExpr(objNode, ctx);
      const idx = idxNode ? await e.evalExpr(idxNode, ctx) : null;
      return e.guard(ctx, target, () => {
        if (obj instanceof PSHashtable) obj.set(idx, value);
        else if (Array.isArray(obj)) {
          const i = toNumber(idx);
          const at = i < 0 ? obj.length + i : i;
          if (at < 0 || at >= obj.length) throw new MemberError('Index was outside the bounds of the array.', 'IndexOutOfRange');
          obj[at] = value;
        } else if (obj instanceof PSObject) obj.set(toPsString(idx), value);
        else if (obj === null || obj === undefined) throw new MemberError('Cannot index into a null array.', 'NullArray');
        else throw new MemberError(`Unable to index into an object of type ${typeof obj}.`, 'CannotIndex');
      });
    }
    default:
      break;
  }
  e.fail(ctx, {
    exceptionTypes: ['System.Management.Automation.ParseException'],
    message: 'The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.',
    category: 'ParserError',
    fullyQualifiedErrorId: 'InvalidLeftHandSide',
    extent: { start: target.startIndex, end: target.endIndex },
  });
}

export function variableName(raw: string): string {
  let name = raw.replace(/^[$@]/, '');
  if (name.startsWith('{') && name.endsWith('}')) name = name.slice(1, -1);
  return name;
}

export function setVariable(e: Engine, raw: string, value: unknown, ctx: Ctx, node: Node): void {
  const name = variableName(raw);
  const lower = name.toLowerCase();
  if (lower.startsWith('env:')) {
    e.session.setEnv(name.slice(4), value === null ? null : toPsString(value));
    return;
  }
  // Assigning to $null discards the value.
  if (lower === 'null') return;
  const scoped = /^(global|script|local|private):(.+)$/i.exec(name);
  if (READ_ONLY.has(lower)) {
    e.fail(ctx, {
      exceptionTypes: ['System.Management.Automation.SessionStateUnauthorizedAccessException'],
      message: `Cannot overwrite variable ${name} because it is read-only or constant.`,
      category: 'WriteError',
      targetName: name,
      targetType: '',
      fullyQualifiedErrorId: 'VariableNotWritable',
      extent: { start: node.startIndex, end: node.endIndex },
    });
  }
  if (scoped) {
    const scope = /^(global|script)$/i.test(scoped[1] as string) ? ctx.scope.global : ctx.scope;
    scope.set(scoped[2] as string, value);
    return;
  }
  ctx.scope.set(name, value);
}

export function getVariable(e: Engine, raw: string, ctx: Ctx): unknown {
  const name = variableName(raw);
  const lower = name.toLowerCase();
  if (lower.startsWith('env:')) return e.session.getEnv(name.slice(4));
  const scoped = /^(global|script|local|private|variable):(.+)$/i.exec(name);
  const bare = scoped ? (scoped[2] as string) : name;
  const v = ctx.scope.lookup(bare);
  if (v) return v.value;
  const auto = automaticVariable(e, bare.toLowerCase());
  return auto === undefined ? null : auto;
}
