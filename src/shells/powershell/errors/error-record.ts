/**
 * ErrorRecord and the exceptions inside it, shaped like 5.1's so scripts can read `$_.Exception.Message`,
 * `$_.ErrorDetails.Message`, `$_.Exception.Response.StatusCode`, `$_.CategoryInfo`, `$_.FullyQualifiedErrorId`.
 * `PSThrow` carries a record through the JS stack: statement-terminating errors (the kind Invoke-WebRequest,
 * unknown commands and .NET method failures raise) unwind to the enclosing statement or `try`.
 */
import { PSObject } from '../runtime/values';
import type { Extent } from './position-message';

export interface ErrorSpec {
  /** Exception type chain, most derived first, e.g. ['System.Net.WebException', 'System.InvalidOperationException', …]. */
  exceptionTypes: string[];
  message: string;
  /** `ErrorDetails.Message`: for web errors, the response body. */
  details?: string;
  category: string;
  /** Target shown in CategoryInfo as `(name:type)`. */
  targetName?: string;
  targetType?: string;
  /** The command in square brackets of CategoryInfo, e.g. `Invoke-WebRequest`. */
  activity?: string;
  fullyQualifiedErrorId: string;
  /** The command name printed before ` : ` in the error view (5.1's InvocationName). */
  invocationName?: string;
  extent?: Extent;
  targetObject?: unknown;
  /** Extra exception properties, e.g. Response for WebException. */
  exceptionProps?: Record<string, unknown>;
  /** Parser errors carry their position inside the message itself. */
  isParseError?: boolean;
}

const OBJECT_CHAIN = ['System.Exception', 'System.Object'];

export function makeException(types: string[], message: string, props: Record<string, unknown> = {}): PSObject {
  const chain = [...types, ...OBJECT_CHAIN.filter((t) => !types.includes(t))];
  const ex = new PSObject(chain);
  ex.set('Message', message);
  for (const [k, v] of Object.entries(props)) ex.set(k, v);
  if (!ex.has('InnerException')) ex.set('InnerException', null);
  ex.stringify = () => `${chain[0]}: ${message}`;
  ex.method('ToString', () => `${chain[0]}: ${message}`);
  ex.method('GetType', () => chain[0]);
  return ex;
}

export class ErrorRecord extends PSObject {
  constructor(
    readonly spec: ErrorSpec,
    /** The text of the script the error happened in, for the position message. */
    readonly scriptText: string,
  ) {
    super(['System.Management.Automation.ErrorRecord', 'System.Object']);
    const reason = spec.exceptionTypes[0]?.split('.').pop() ?? 'Exception';
    this.set('Exception', makeException(spec.exceptionTypes, spec.message, spec.exceptionProps));
    this.set('ErrorDetails', spec.details === undefined ? null : PSObject.from([['Message', spec.details], ['RecommendedAction', null]], ['System.Management.Automation.ErrorDetails', 'System.Object']));
    const ci = PSObject.from(
      [
        ['Category', spec.category],
        ['Activity', spec.activity ?? ''],
        ['Reason', reason],
        ['TargetName', spec.targetName ?? ''],
        ['TargetType', spec.targetType ?? ''],
      ],
      ['System.Management.Automation.ErrorCategoryInfo', 'System.Object'],
    );
    ci.stringify = () => this.categoryInfoText;
    this.set('CategoryInfo', ci);
    this.set('FullyQualifiedErrorId', spec.fullyQualifiedErrorId);
    this.set('TargetObject', spec.targetObject ?? null);
    this.set('InvocationInfo', null);
    this.set('ScriptStackTrace', 'at <ScriptBlock>, <No file>: line 1');
    this.stringify = () => spec.details ?? spec.message;
  }

  get categoryInfoText(): string {
    const s = this.spec;
    const reason = s.exceptionTypes[0]?.split('.').pop() ?? 'Exception';
    return `${s.category}: (${s.targetName ?? ''}:${s.targetType ?? ''}) [${s.activity ?? ''}], ${reason}`;
  }
}

/** A statement-terminating error on its way to the enclosing statement or catch block. */
export class PSThrow extends Error {
  /** Set for errors that end the whole script rather than their statement (5.1's call-depth overflow). */
  readonly scriptTerminating: boolean;
  constructor(
    readonly record: ErrorRecord,
    options: { scriptTerminating?: boolean } = {},
  ) {
    super(record.spec.message);
    this.scriptTerminating = options.scriptTerminating ?? false;
  }
}
