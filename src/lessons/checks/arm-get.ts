/** An ARM GET of a path returned 200 with a token of identity X (request log). */
import { parsePrincipalRef, principalPhrase, resolvePrincipal } from '../refs';
import { isArm, newest, outcomeOf, pathOf } from './log-entry';
import { displayPath, pathMatcher } from './path-pattern';
import { result, type CheckOf } from './types';

export const armGet: CheckOf<'armGet'> = (spec, { world, log, values }) => {
  const ref = parsePrincipalRef(spec.identity);
  const who = 'error' in ref ? spec.identity : principalPhrase(ref).replace(/'s system-assigned identity$/, "'s identity");
  const shown = displayPath(spec.path, values);
  const label = `ARM answered 200 for GET ${shown} using ${who}`;
  const waiting = `Waiting for a 200 from ARM for GET ${shown} using ${who}`;
  if ('error' in ref) return result(false, label, 'This check is misconfigured (bad identity reference).');
  const principal = resolvePrincipal(world, ref);
  if ('missing' in principal) return result(false, label, `${waiting}; ${principal.missing}`);
  const matches = pathMatcher(spec.path, values);
  const excluded = spec.notPath ? pathMatcher(spec.notPath, values) : () => false;
  const attempt = (e: (typeof log)[number]) =>
    isArm(e) &&
    e.request.method.toUpperCase() === 'GET' &&
    e.identity?.principalId?.toLowerCase() === principal.principalId.toLowerCase() &&
    matches(pathOf(e)) &&
    !excluded(pathOf(e));
  if (newest(log, (e) => attempt(e) && e.response?.status === 200)) return result(true, label, '');
  const last = newest(log, attempt);
  return result(false, label, last ? `${waiting} (last try: ${outcomeOf(last)})` : waiting);
};
