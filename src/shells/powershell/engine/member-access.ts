/**
 * Members: `.Name` and `::Name` access, instance and static method calls (with `.ForEach()` / `.Where()`,
 * PowerShell's own methods on every value), and indexing (`$a[0]`, `$a[-1]`, `$h['k']`, slices).
 */
import type { SyntaxNode as Node } from '../parse/syntax-tree';
import { scriptBlockCall } from '../parse/recovery';
import { toNumber, toPsString } from '../runtime/conversions';
import { callMethod, getMember, MemberError } from '../runtime/members';
import { getStaticProperty, staticMethod } from '../runtime/types';
import { PSHashtable, PSObject, PSType } from '../runtime/values';
import { invokeArrayMethod } from './array-methods';
import type { Engine } from './engine';
import type { Ctx } from './signals';
import { named } from './syntax';

export async function memberName(e: Engine, member: Node, ctx: Ctx): Promise<string> {
  const inner = named(member)[0];
  if (!inner || inner.type === 'simple_name') return member.text.trim();
  return toPsString(await e.evalExpr(inner, ctx));
}

export async function evalMemberAccess(e: Engine, node: Node, ctx: Ctx): Promise<unknown> {
  const objNode = named(node)[0] as Node;
  const isStatic = node.children.some((c) => c?.type === '::');
  const braced = scriptBlockCall(node);
  if (braced) {
    const target = await e.evalExpr(objNode, ctx);
    return invokeMethod(e, ctx, node, target, braced.name, [await e.evalExpr(braced.block, ctx)]);
  }
  const member = node.children.find((c) => c?.type === 'member_name');
  const name = member ? await memberName(e, member, ctx) : '';
  const obj = await e.evalExpr(objNode, ctx);
  if (isStatic) {
    if (!(obj instanceof PSType)) return null;
    return getStaticProperty(e.staticContext, obj, name);
  }
  const v = getMember(obj, name);
  return v === undefined ? null : v;
}

async function evalArguments(e: Engine, node: Node, ctx: Ctx): Promise<unknown[]> {
  const list = node.children.find((c) => c?.type === 'argument_list');
  const exprs = list?.childForFieldName('argument_expression_list');
  const args: unknown[] = [];
  for (const a of exprs ? named(exprs) : []) args.push(await e.evalExpr(a, ctx));
  return args;
}

export async function evalInvocation(e: Engine, node: Node, ctx: Ctx): Promise<unknown> {
  const objNode = named(node)[0] as Node;
  const isStatic = node.children.some((c) => c?.type === '::');
  const member = node.children.find((c) => c?.type === 'member_name');
  const name = member ? await memberName(e, member, ctx) : '';
  const obj = await e.evalExpr(objNode, ctx);
  const args = await evalArguments(e, node, ctx);
  if (isStatic) {
    if (!(obj instanceof PSType)) return e.guard(ctx, node, () => callMethod(null, name, args));
    const fn = staticMethod(obj, name);
    if (!fn) {
      return e.fail(ctx, {
        exceptionTypes: ['System.Management.Automation.RuntimeException'],
        message: `Method invocation failed because [${obj.fullName}] does not contain a method named '${name}', or the method is not simulated here.`,
        category: 'InvalidOperation',
        fullyQualifiedErrorId: 'MethodNotFound',
        extent: { start: node.startIndex, end: node.endIndex },
      });
    }
    return e.guard(ctx, node, () => fn(e.staticContext, args), name, args.length);
  }
  return invokeMethod(e, ctx, node, obj, name, args);
}

/** Calls an instance method; `.ForEach()` / `.Where()` are PowerShell's own, on every value. */
function invokeMethod(e: Engine, ctx: Ctx, node: Node, obj: unknown, name: string, args: unknown[]): Promise<unknown> {
  const lower = name.toLowerCase();
  if (lower === 'foreach' || lower === 'where') return invokeArrayMethod(e, ctx, node, obj, lower, args);
  return e.guard(ctx, node, () => callMethod(obj, name, args), name, args.length);
}

export async function evalElementAccess(e: Engine, node: Node, ctx: Ctx): Promise<unknown> {
  const [objNode, idxNode] = named(node);
  const obj = await e.evalExpr(objNode as Node, ctx);
  const idx = idxNode ? await e.evalExpr(idxNode, ctx) : null;
  return e.guard(ctx, node, () => indexInto(obj, idx));
}
/** An index that selects by position: a number, or a string that reads as one (`$o['0']` is `$o[0]`). */
function isPositional(idx: unknown): boolean {
  if (Array.isArray(idx)) return idx.every(isPositional);
  if (typeof idx === 'number') return true;
  return typeof idx === 'string' && idx.trim() !== '' && Number.isFinite(Number(idx));
}

export function indexInto(obj: unknown, idx: unknown): unknown {
  if (obj === null || obj === undefined) throw new MemberError('Cannot index into a null array.', 'NullArray');
  if (obj instanceof PSHashtable) {
    if (Array.isArray(idx)) return idx.map((k) => obj.get(k) ?? null);
    return obj.get(idx) ?? null;
  }
  if (obj instanceof PSObject && !isPositional(idx)) {
    // 5.1 has no indexer on a PSCustomObject (`$o['Name']` is CannotIndex, PowerShell/PowerShell#3671 era);
    // our other PSObjects stand in for .NET types whose string indexer reads the named entry.
    if (obj.isCustom) throw new MemberError('Unable to index into an object of type System.Management.Automation.PSObject.', 'CannotIndex');
    return obj.get(toPsString(idx)) ?? null;
  }
  // Everything else that is not a list is a scalar: since PowerShell 3.0 `$x[0]` / `$x[-1]` is the object
  // itself and any other position is $null, so `(Get-AzStorageBlob ...)[0]` works with one result.
  const seq: ArrayLike<unknown> | null = Array.isArray(obj) || obj instanceof Uint8Array ? (obj as ArrayLike<unknown>) : typeof obj === 'string' ? obj : null;
  const at = (i: unknown): unknown => {
    const n = Math.trunc(toNumber(i));
    const list = seq ?? [obj];
    const k = n < 0 ? list.length + n : n;
    return k >= 0 && k < list.length ? list[k] : null;
  };
  if (Array.isArray(idx)) return idx.map(at);
  return at(idx);
}
