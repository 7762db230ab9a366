/**
 * The intrinsic `.ForEach()` and `.Where()` methods PowerShell 4+ gives every value (EnumerableOps in
 * System.Management.Automation): a scalar is a one-item collection, $null an empty one, and the result
 * is always a collection (an array here), even with zero or one item. Every item counts against the
 * run limits, so a runaway `.ForEach` stops like a runaway loop.
 */
import type { SyntaxNode as Node } from '../parse/syntax-tree';
import type { Engine as Interpreter } from './engine';
import { collapse, type Ctx } from './signals';
import { ConversionError, toBool, toNumber, toPsString, typeNameOf } from '../runtime/conversions';
import { callMethod, getMember, MemberError, setMember } from '../runtime/members';
import { castTo, DotNetException } from '../runtime/types';
import { PSEnum, PSHashtable, PSType, ScriptBlock } from '../runtime/values';

const WHERE_MODES = ['Default', 'First', 'Last', 'SkipUntil', 'Until', 'Split'] as const;
type WhereMode = (typeof WHERE_MODES)[number];

function itemsOf(target: unknown): unknown[] {
  if (Array.isArray(target)) return target;
  if (target instanceof Uint8Array) return Array.from(target);
  return target === null || target === undefined ? [] : [target];
}

function overloadError(interp: Interpreter, ctx: Ctx, node: Node, signature: string, count: number): never {
  return interp.fail(ctx, {
    exceptionTypes: ['System.Management.Automation.MethodException', 'System.Management.Automation.RuntimeException'],
    message: `Cannot find an overload for "${signature}" and the argument count: "${count}".`,
    category: 'NotSpecified',
    fullyQualifiedErrorId: 'MethodCountCouldNotFindBest',
    extent: { start: node.startIndex, end: node.endIndex },
  });
}

/** `target.ForEach(…)` / `target.Where(…)`; `name` is lower-case. */
export async function invokeArrayMethod(interp: Interpreter, ctx: Ctx, node: Node, target: unknown, name: 'foreach' | 'where', args: unknown[]): Promise<unknown[]> {
  const items = itemsOf(target);
  if (name === 'foreach') {
    if (args.length === 0) return overloadError(interp, ctx, node, '.ForEach(expression [, arguments...])', 0);
    return forEach(interp, ctx, node, items, args[0], args.slice(1));
  }
  if (args.length === 0 || args.length > 3) return overloadError(interp, ctx, node, '.Where({ expression } [, mode [, numberToReturn]])', args.length);
  const [expression, mode, count] = args;
  if (!(expression instanceof ScriptBlock)) {
    return interp.fail(ctx, {
      exceptionTypes: ['System.Management.Automation.PSInvalidCastException', 'System.InvalidCastException'],
      message:
        expression === null || expression === undefined
          ? 'Cannot convert null to type "System.Management.Automation.ScriptBlock".'
          : `Cannot convert the "${toPsString(expression)}" value of type "${typeNameOf(expression)}" to type "System.Management.Automation.ScriptBlock".`,
      category: 'InvalidArgument',
      fullyQualifiedErrorId: 'ConvertToFinalInvalidCastException',
      extent: { start: node.startIndex, end: node.endIndex },
    });
  }
  return interp.guard(
    ctx,
    node,
    async () => {
      const n = count === undefined ? 0 : Math.trunc(toNumber(count));
      if (n < 0) {
        throw new DotNetException(
          `The 'numberToReturn' value provided to the third argument of the Where() operator must be greater than zero. Please correct the argument's value and try running your script again.\r\nParameter name: numberToReturn\r\nActual value was ${n}.`,
          'System.ArgumentOutOfRangeException',
        );
      }
      const test = async (item: unknown) => {
        await interp.tick();
        return toBool(collapse(await interp.invokeScriptBlock(expression, ctx, { dollarUnder: item })));
      };
      return selectWhere(items, test, whereMode(mode), n);
    },
    'Where',
    args.length,
  );
}

function whereMode(mode: unknown): WhereMode {
  if (mode === undefined || mode === null) return 'Default';
  if (typeof mode === 'number' || mode instanceof PSEnum) {
    const found = WHERE_MODES[typeof mode === 'number' ? mode : mode.value];
    if (found) return found;
  }
  const text = toPsString(mode).trim();
  const found = WHERE_MODES.find((m) => m.toLowerCase() === text.toLowerCase());
  if (found) return found;
  throw new ConversionError(
    mode,
    'System.Management.Automation.WhereOperatorSelectionMode',
    `Unable to match the identifier name ${text} to a valid enumerator name. Specify one of the following enumerator names and try again:\r\n${WHERE_MODES.join(', ')}`,
  );
}

/** EnumerableOps.Where with a predicate: which items each selection mode keeps (n = 0 means no limit). */
export async function selectWhere(items: unknown[], test: (item: unknown) => Promise<boolean>, mode: WhereMode, n: number): Promise<unknown[]> {
  const kept: unknown[] = [];
  const rest: unknown[] = [];
  let i = 0;
  for (; i < items.length; i++) {
    const item = items[i];
    if (!(await test(item))) {
      if (mode === 'Until') {
        kept.push(item);
        if (n > 0 && kept.length >= n) break;
      } else if (mode === 'Split') rest.push(item);
      continue;
    }
    if (mode === 'Until') break;
    if (mode === 'Last') {
      kept.push(item);
      if (kept.length > Math.max(n, 1)) kept.shift();
      continue;
    }
    kept.push(item);
    if (mode === 'SkipUntil') {
      // Everything after the first match comes along untested.
      for (i++; i < items.length && !(n > 0 && kept.length >= n); i++) kept.push(items[i]);
      break;
    }
    if ((mode === 'First' && n === 0) || (n > 0 && kept.length === n)) {
      i++;
      break;
    }
  }
  if (mode === 'Split') return [kept, [...rest, ...items.slice(i)]];
  return kept;
}

async function forEach(interp: Interpreter, ctx: Ctx, node: Node, items: unknown[], expression: unknown, values: unknown[]): Promise<unknown[]> {
  const out: unknown[] = [];
  if (expression instanceof ScriptBlock) {
    for (const item of items) {
      await interp.tick();
      out.push(...(await interp.invokeScriptBlock(expression, ctx, { dollarUnder: item })));
    }
    return out;
  }
  const argCount = values.length + 1;
  if (expression === null || expression === undefined) {
    return interp.guard(ctx, node, () => Promise.reject(new DotNetException('Value cannot be null.\r\nParameter name: expression', 'System.ArgumentNullException')), 'ForEach', argCount);
  }
  if (expression instanceof PSType) {
    for (const item of items) {
      await interp.tick();
      out.push(await interp.guard(ctx, node, () => castTo(expression.fullName, item)));
    }
    return out;
  }
  const member = toPsString(expression);
  for (const item of items) {
    await interp.tick();
    const result = await interp.guard(ctx, node, () => forEachMember(item, member, values), member, values.length);
    if (result !== NOTHING) out.push(result);
  }
  return out;
}

const NOTHING = Symbol('nothing');

/** `.ForEach('Name')` reads a property or hashtable key, `.ForEach('Name', v)` sets it, `.ForEach('Method', args…)` calls it. */
function forEachMember(item: unknown, name: string, values: unknown[]): unknown {
  const newValue = values.length === 1 ? values[0] : values;
  if (item instanceof PSHashtable) {
    if (values.length === 0) return item.get(name) ?? null;
    item.set(name, newValue);
    return NOTHING;
  }
  if (item === null || item === undefined) {
    if (values.length) throw new DotNetException('Object reference not set to an instance of an object.', 'System.NullReferenceException');
    return null;
  }
  const property = getMember(item, name);
  if (property !== undefined) {
    if (values.length === 0) return property;
    setMember(item, name, newValue);
    return NOTHING;
  }
  try {
    return callMethod(item, name, values);
  } catch (error) {
    if (!(error instanceof MemberError) || error.errorId !== 'MethodNotFound') throw error;
    if (values.length) {
      throw new MemberError(`The ForEach() operator could not find a member '${name}' on the target object. Please verify that the named member exists and then try running your script again.`, 'ForEachNonexistentMemberReference');
    }
    return null;
  }
}
