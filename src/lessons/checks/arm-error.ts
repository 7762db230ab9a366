/**
 * ARM answered status N with error code C, optionally for a path, method and identity: the
 * "what goes wrong" steps ask a learner to meet these errors on purpose.
 */
import { parsePrincipalRef, principalPhrase, resolvePrincipal } from '../refs';
import { errorCodeOf, isArm, newest, pathOf } from './log-entry';
import { displayPath, pathMatcher } from './path-pattern';
import { result, type CheckOf } from './types';

export const armError: CheckOf<'armError'> = (spec, { world, log, values }) => {
  const ref = spec.identity ? parsePrincipalRef(spec.identity) : null;
  if (ref && 'error' in ref) return result(false, `${spec.status} ${spec.code}`, 'This check is misconfigured (bad identity reference).');
  const who = ref ? ` using ${principalPhrase(ref).replace(/'s system-assigned identity$/, "'s identity")}` : '';
  const where = spec.path ? ` for ${spec.method ?? 'a call to'} ${displayPath(spec.path, values)}` : spec.method ? ` for a ${spec.method}` : '';
  const besides = spec.notPath ? ` (other than ${displayPath(spec.notPath, values)})` : '';
  const label = `ARM answered ${spec.status} ${spec.code}${where}${besides}${who}`;
  const waiting = `Waiting for ARM to answer ${spec.status} ${spec.code}${where}${besides}${who}`;
  let principalId: string | undefined;
  if (ref) {
    const principal = resolvePrincipal(world, ref);
    if ('missing' in principal) return result(false, label, `${waiting}; ${principal.missing}`);
    principalId = principal.principalId.toLowerCase();
  }
  const matches = spec.path ? pathMatcher(spec.path, values) : () => true;
  const excluded = spec.notPath ? pathMatcher(spec.notPath, values) : () => false;
  const hit = newest(
    log,
    (e) =>
      isArm(e) &&
      e.response?.status === spec.status &&
      errorCodeOf(e)?.toLowerCase() === spec.code.toLowerCase() &&
      (spec.method === undefined || e.request.method.toUpperCase() === spec.method) &&
      (principalId === undefined || e.identity?.principalId?.toLowerCase() === principalId) &&
      matches(pathOf(e)) &&
      !excluded(pathOf(e)),
  );
  return result(hit !== undefined, label, waiting);
};
