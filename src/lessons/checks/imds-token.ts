/**
 * An IMDS token for resource R obtained from VM X with the Metadata header (request log). The
 * resource compares without its trailing slash: IMDS accepts both spellings for ARM and echoes
 * whichever was sent (imds.md §1.3).
 */
import { findVmByName } from '../refs';
import { IMDS_TOKEN_PATH, headerOf, isFromVm, isImds, newest, outcomeOf, pathOf } from './log-entry';
import { result, type CheckOf } from './types';

const canonical = (r: string) => r.trim().replace(/\/+$/, '').toLowerCase();

export const imdsToken: CheckOf<'imdsToken'> = (spec, { world, log }) => {
  const label = `${spec.vm} got a token for ${spec.resource} from IMDS`;
  const waiting = `Waiting for a token for ${spec.resource} from IMDS (169.254.169.254) on ${spec.vm}, sent with the Metadata: true header`;
  const vm = findVmByName(world, spec.vm);
  if (!vm) return result(false, label, `Waiting for a VM named ${spec.vm} (there is none in this world)`);
  const tokenCalls = (e: (typeof log)[number]) => isImds(e) && isFromVm(e, vm) && pathOf(e).toLowerCase() === IMDS_TOKEN_PATH;
  const hit = newest(
    log,
    (e) =>
      tokenCalls(e) &&
      e.response?.status === 200 &&
      headerOf(e, 'metadata') === 'true' &&
      canonical(e.imdsToken?.resource ?? '') === canonical(spec.resource),
  );
  if (hit) return result(true, label, '');
  const last = newest(log, tokenCalls);
  return result(false, label, last ? `${waiting} (last try: ${outcomeOf(last)})` : waiting);
};
