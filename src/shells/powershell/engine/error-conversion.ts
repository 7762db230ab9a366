/**
 * Turns a JS-level failure from the runtime helpers (a .NET exception, a member, conversion, operator or
 * type error) into the ErrorRecord 5.1 would show for it, attributed to the expression that failed.
 */
import { ErrorRecord, PSThrow, type ErrorSpec } from '../errors/error-record';
import type { Extent } from '../errors/position-message';
import { ConversionError } from '../runtime/conversions';
import { MemberError } from '../runtime/members';
import { OperatorError } from '../runtime/operators';
import { SizeLimitExceeded } from '../runtime/size-limit';
import { DotNetException, TypeNotFoundError } from '../runtime/types';
import { LimitExceeded } from './run-limits';
import { isFlowSignal, type Ctx } from './signals';

export function recordAt(ctx: Ctx, spec: ErrorSpec): ErrorRecord {
  return new ErrorRecord(spec, ctx.src.text);
}

export function toThrow(ctx: Ctx, error: unknown, extent: Extent, methodName?: string, argCount?: number): unknown {
  if (error instanceof PSThrow || error instanceof LimitExceeded || isFlowSignal(error)) return error;
  if (error instanceof SizeLimitExceeded) return new LimitExceeded('memory');
  const base = { extent, exceptionTypes: ['System.Management.Automation.RuntimeException'] };
  const thrown = (spec: ErrorSpec) => new PSThrow(recordAt(ctx, spec));
  if (error instanceof DotNetException && methodName !== undefined) {
    const inner = error.typeName.split('.').pop() as string;
    return thrown({
      ...base,
      exceptionTypes: ['System.Management.Automation.MethodInvocationException', 'System.Management.Automation.MethodException', 'System.Management.Automation.RuntimeException'],
      message: `Exception calling "${methodName}" with "${argCount ?? 0}" argument(s): "${error.message}"`,
      category: 'NotSpecified',
      fullyQualifiedErrorId: inner,
      exceptionProps: { InnerException: null },
    });
  }
  if (error instanceof DotNetException) {
    return thrown({ ...base, message: error.message, category: 'NotSpecified', fullyQualifiedErrorId: error.typeName.split('.').pop() as string });
  }
  if (error instanceof MemberError) {
    return thrown({ ...base, message: error.message, category: 'InvalidOperation', fullyQualifiedErrorId: error.errorId });
  }
  if (error instanceof ConversionError) {
    return thrown({
      ...base,
      message: error.message,
      category: 'InvalidArgument',
      fullyQualifiedErrorId: typeof error.value === 'string' && /Int|Double|Decimal/.test(error.targetType) ? 'InvalidCastFromStringToInteger' : 'InvalidCastConstructorException',
    });
  }
  if (error instanceof OperatorError) {
    return thrown({ ...base, message: error.message, category: error.errorId === 'MethodNotFound' ? 'InvalidOperation' : 'NotSpecified', fullyQualifiedErrorId: error.errorId });
  }
  if (error instanceof TypeNotFoundError) {
    return thrown({ ...base, message: error.message, category: 'InvalidOperation', targetName: error.typeName, targetType: 'TypeName', fullyQualifiedErrorId: 'TypeNotFound' });
  }
  return error;
}
