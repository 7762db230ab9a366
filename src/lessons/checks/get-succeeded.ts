/**
 * A service answered 200 to a GET of a path made with a token of identity X (request log): ARM in
 * the quickstarts (`armGet`), a blob or a secret in the data tutorials (`dataRead`).
 */
import { identityPhrase, parsePrincipalRef } from '../refs';
import { identityMatcher } from './identity-match';
import { newest, outcomeOf, pathOf } from './log-entry';
import { displayPath, pathMatcher } from './path-pattern';
import { ARM, dataPlane, type AnsweringService } from './services';
import { result, type CheckContext, type CheckOf, type CheckResult, type RequestLogEntry } from './types';

interface GetSpec {
  path: string;
  notPath?: string;
  identity: string;
  formerIdentity?: boolean;
}

function getSucceeded(spec: GetSpec, { world, log, values }: CheckContext, service: AnsweringService): CheckResult {
  const ref = parsePrincipalRef(spec.identity);
  const former = spec.formerIdentity === true;
  const who = 'error' in ref ? spec.identity : identityPhrase(ref, former);
  const shown = displayPath(spec.path, values);
  const label = `${service.name} answered 200 for GET ${shown} using ${who}`;
  const waiting = `Waiting for a 200 from ${service.name} for GET ${shown} using ${who}`;
  if ('error' in ref) return result(false, label, 'This check is misconfigured (bad identity reference).');
  const matcher = identityMatcher(world, ref, former);
  if ('missing' in matcher) return result(false, label, `${waiting}; ${matcher.missing}`);
  const caseSensitive = service.caseSensitivePaths;
  const matches = pathMatcher(spec.path, values, { caseSensitive });
  const excluded = spec.notPath ? pathMatcher(spec.notPath, values, { caseSensitive }) : () => false;
  const get = (e: RequestLogEntry) => service.answers(e) && e.request.method.toUpperCase() === 'GET' && matches(pathOf(e)) && !excluded(pathOf(e));
  const byIdentity = matcher.matches;
  if (newest(log, (e) => get(e) && byIdentity(e) && e.response?.status === 200)) return result(true, label, '');
  // A refused token (wrong audience, missing header) names nobody; it is still the learner's try,
  // and its error is what they need to see.
  const last = newest(log, (e) => get(e) && (byIdentity(e) || e.identity === null));
  return result(false, label, last ? `${waiting} (last try: ${outcomeOf(last)})` : waiting);
}

export const armGet: CheckOf<'armGet'> = (spec, ctx) => getSucceeded(spec, ctx, ARM);
export const dataRead: CheckOf<'dataRead'> = (spec, ctx) => getSucceeded(spec, ctx, dataPlane(spec));
