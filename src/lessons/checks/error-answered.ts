/**
 * A service answered status N with error code C, optionally for a path, method and identity: the
 * "what goes wrong" steps ask a learner to meet these errors on purpose. ARM (`armError`) or a
 * data plane (`dataError`), where `sas: true` counts only calls signed with a shared access
 * signature (a SAS names no identity).
 */
import { identityPhrase, parsePrincipalRef } from '../refs';
import { identityMatcher } from './identity-match';
import { errorCodeOf, newest, pathOf, signedWithSas } from './log-entry';
import { displayPath, pathMatcher } from './path-pattern';
import { ARM, dataPlane, type AnsweringService } from './services';
import { result, type CheckContext, type CheckOf, type CheckResult, type RequestLogEntry } from './types';

interface ErrorSpec {
  status: number;
  code: string;
  path?: string;
  notPath?: string;
  identity?: string;
  formerIdentity?: boolean;
  method?: string;
  /** Only calls signed with a shared access signature (data planes). */
  sas?: boolean;
}

function errorAnswered(spec: ErrorSpec, { world, log, values }: CheckContext, service: AnsweringService): CheckResult {
  const ref = spec.identity ? parsePrincipalRef(spec.identity) : null;
  if (ref && 'error' in ref) return result(false, `${spec.status} ${spec.code}`, 'This check is misconfigured (bad identity reference).');
  const former = spec.formerIdentity === true;
  const who = ref ? ` using ${identityPhrase(ref, former)}` : spec.sas ? ' using a shared access signature' : '';
  const where = spec.path ? ` for ${spec.method ?? 'a call to'} ${displayPath(spec.path, values)}` : spec.method ? ` for a ${spec.method}` : '';
  const besides = spec.notPath ? ` (other than ${displayPath(spec.notPath, values)})` : '';
  const label = `${service.name} answered ${spec.status} ${spec.code}${where}${besides}${who}`;
  const waiting = `Waiting for ${service.name} to answer ${spec.status} ${spec.code}${where}${besides}${who}`;
  let byIdentity: (e: RequestLogEntry) => boolean = spec.sas ? signedWithSas : () => true;
  if (ref) {
    const matcher = identityMatcher(world, ref, former);
    if ('missing' in matcher) return result(false, label, `${waiting}; ${matcher.missing}`);
    byIdentity = matcher.matches;
  }
  const caseSensitive = service.caseSensitivePaths;
  const matches = spec.path ? pathMatcher(spec.path, values, { caseSensitive }) : () => true;
  const excluded = spec.notPath ? pathMatcher(spec.notPath, values, { caseSensitive }) : () => false;
  const hit = newest(
    log,
    (e) =>
      service.answers(e) &&
      e.response?.status === spec.status &&
      errorCodeOf(e)?.toLowerCase() === spec.code.toLowerCase() &&
      (spec.method === undefined || e.request.method.toUpperCase() === spec.method) &&
      byIdentity(e) &&
      matches(pathOf(e)) &&
      !excluded(pathOf(e)),
  );
  return result(hit !== undefined, label, waiting);
}

export const armError: CheckOf<'armError'> = (spec, ctx) => errorAnswered(spec, ctx, ARM);
export const dataError: CheckOf<'dataError'> = (spec, ctx) => errorAnswered(spec, ctx, dataPlane(spec));
