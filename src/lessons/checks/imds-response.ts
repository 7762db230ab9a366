/**
 * IMDS answered a call from VM X with status N: the missing-Metadata 400 in "what goes wrong",
 * or a 200 from `/metadata/instance/**` when a learner first looks around on the VM. Optional
 * filters: path pattern, `error` in the body, words of its `error_description` (IMDS answers
 * `invalid_request` for most mistakes; only the description tells "Identity not found" from
 * "Multiple user assigned identities exist"), whether the Metadata header was sent.
 */
import { findVmByName } from '../refs';
import { errorCodeOf, errorDescriptionOf, headerOf, isFromVm, isImds, newest, pathOf } from './log-entry';
import { pathMatcher } from './path-pattern';
import { result, type CheckOf } from './types';

export const imdsResponse: CheckOf<'imdsResponse'> = (spec, { world, log, values }) => {
  const header = spec.metadataHeader === 'absent' ? ' to a call without the Metadata header' : spec.metadataHeader === 'present' ? ' to a call with the Metadata header' : '';
  const where = spec.path ? ` for ${spec.path.replace(/\/\*\*$/, '/…')}` : '';
  const saying = spec.errorDescription ? ` ("${spec.errorDescription}")` : '';
  const what = `IMDS answered ${spec.status}${spec.error ? ` ${spec.error}` : ''}${saying}${where} on ${spec.vm}${header}`;
  const vm = findVmByName(world, spec.vm);
  if (!vm) return result(false, what, `Waiting for a VM named ${spec.vm} (there is none in this world)`);
  const matches = spec.path ? pathMatcher(spec.path, values) : () => true;
  const hit = newest(log, (e) => {
    if (!isImds(e) || !isFromVm(e, vm) || e.response?.status !== spec.status || !matches(pathOf(e))) return false;
    if (spec.error !== undefined && errorCodeOf(e) !== spec.error) return false;
    if (spec.errorDescription !== undefined && !errorDescriptionOf(e)?.toLowerCase().includes(spec.errorDescription.toLowerCase())) return false;
    const sent = headerOf(e, 'metadata');
    if (spec.metadataHeader === 'absent' && sent !== undefined) return false;
    if (spec.metadataHeader === 'present' && sent === undefined) return false;
    return true;
  });
  return result(hit !== undefined, what, `Waiting until ${what}`);
};
