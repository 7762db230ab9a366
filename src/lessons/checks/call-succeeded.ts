/**
 * A service answered a call with success (request log): ARM in the quickstarts (`armGet`: 200 to a
 * GET), a blob or a secret in the data tutorials (`dataRead`), and any method with `armCall` /
 * `dataCall` (a POST to listServiceSas, a PUT of a blob). The call was made with a token of identity
 * X, or — data planes only — with a shared access signature in its query (`sas: true`).
 */
import { identityPhrase, parsePrincipalRef } from '../refs';
import { identityMatcher } from './identity-match';
import { newest, outcomeOf, pathOf, signedWithSas } from './log-entry';
import { displayPath, pathMatcher } from './path-pattern';
import { ARM, dataPlane, type AnsweringService } from './services';
import { result, type CheckContext, type CheckOf, type CheckResult, type RequestLogEntry } from './types';

interface CallSpec {
  path: string;
  notPath?: string;
  identity?: string;
  formerIdentity?: boolean;
  sas?: boolean;
}

function callSucceeded(spec: CallSpec, { world, log, values }: CheckContext, service: AnsweringService, method: string): CheckResult {
  const ref = spec.identity === undefined ? null : parsePrincipalRef(spec.identity);
  const former = spec.formerIdentity === true;
  const who = spec.sas ? 'a shared access signature' : ref === null || 'error' in ref ? (spec.identity ?? '?') : identityPhrase(ref, former);
  const shown = displayPath(spec.path, values);
  const ok = method === 'GET' ? '200' : 'success';
  const label = `${service.name} answered ${ok} for ${method} ${shown} using ${who}`;
  const waiting = `Waiting for ${ok === '200' ? 'a 200' : 'a success'} from ${service.name} for ${method} ${shown} using ${who}`;
  let byCaller: (e: RequestLogEntry) => boolean = signedWithSas;
  if (!spec.sas) {
    if (ref === null || 'error' in ref) return result(false, label, 'This check is misconfigured (bad identity reference).');
    const matcher = identityMatcher(world, ref, former);
    if ('missing' in matcher) return result(false, label, `${waiting}; ${matcher.missing}`);
    byCaller = matcher.matches;
  }
  const caseSensitive = service.caseSensitivePaths;
  const matches = pathMatcher(spec.path, values, { caseSensitive });
  const excluded = spec.notPath ? pathMatcher(spec.notPath, values, { caseSensitive }) : () => false;
  const call = (e: RequestLogEntry) => service.answers(e) && e.request.method.toUpperCase() === method && matches(pathOf(e)) && !excluded(pathOf(e));
  const succeeded = (e: RequestLogEntry) => (method === 'GET' ? e.response?.status === 200 : (e.response?.status ?? 0) >= 200 && (e.response?.status ?? 0) < 300);
  if (newest(log, (e) => call(e) && byCaller(e) && succeeded(e))) return result(true, label, '');
  // A refused token (wrong audience, missing header) names nobody; it is still the learner's try,
  // and its error is what they need to see.
  const last = newest(log, (e) => call(e) && (byCaller(e) || e.identity === null));
  return result(false, label, last ? `${waiting} (last try: ${outcomeOf(last)})` : waiting);
}

export const armGet: CheckOf<'armGet'> = (spec, ctx) => callSucceeded(spec, ctx, ARM, 'GET');
export const dataRead: CheckOf<'dataRead'> = (spec, ctx) => callSucceeded(spec, ctx, dataPlane(spec), 'GET');
export const armCall: CheckOf<'armCall'> = (spec, ctx) => callSucceeded(spec, ctx, ARM, spec.method);
export const dataCall: CheckOf<'dataCall'> = (spec, ctx) => callSucceeded(spec, ctx, dataPlane(spec), spec.method);
