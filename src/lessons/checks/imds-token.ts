/**
 * An IMDS token for resource R obtained from VM X with the Metadata header (request log),
 * optionally for one identity of the VM's: with several, which one IMDS issued for is the point.
 * Optionally how IMDS served it: from its cache (the same token again, `expires_in` counting
 * down) or freshly minted (the first request, or `bypass_cache=true`).
 * The resource compares without its trailing slash: IMDS accepts both spellings for ARM and
 * echoes whichever was sent (imds.md §1.3).
 */
import type { World } from '../../sim/index';
import { findVmByName, identityPhrase, parsePrincipalRef, resolvePrincipal } from '../refs';
import { IMDS_TOKEN_PATH, headerOf, isFromVm, isImds, newest, outcomeOf, pathOf } from './log-entry';
import { result, type CheckOf, type RequestLogEntry } from './types';

const canonical = (r: string) => r.trim().replace(/\/+$/, '').toLowerCase();

export const imdsToken: CheckOf<'imdsToken'> = (spec, { world, log }) => {
  const ref = spec.identity === undefined ? undefined : parsePrincipalRef(spec.identity);
  if (ref && 'error' in ref) return result(false, `${spec.vm} got a token from IMDS`, 'This check is misconfigured (bad identity reference).');
  const forWho = ref ? ` for ${identityPhrase(ref)}` : '';
  const how = spec.served === 'cache' ? ' served from its cache' : spec.served === 'fresh' ? ' freshly minted (not from its cache)' : '';
  const label = `${spec.vm} got a token for ${spec.resource} from IMDS${forWho}${how}`;
  const waiting = `Waiting for a token for ${spec.resource}${how} from IMDS (169.254.169.254) on ${spec.vm}${forWho}, sent with the Metadata: true header`;
  const vm = findVmByName(world, spec.vm);
  if (!vm) return result(false, label, `Waiting for a VM named ${spec.vm} (there is none in this world)`);
  let issuedTo = (_: RequestLogEntry) => true;
  if (ref) {
    const principal = resolvePrincipal(world, ref);
    if ('missing' in principal) return result(false, label, `${waiting}; ${principal.missing}`);
    const principalId = principal.principalId.toLowerCase();
    issuedTo = (e) => e.identity?.principalId?.toLowerCase() === principalId;
  }
  const servedAsWanted = (e: RequestLogEntry) => spec.served === undefined || (e.imdsToken?.fromCache === true) === (spec.served === 'cache');
  const tokenCalls = (e: RequestLogEntry) => isImds(e) && isFromVm(e, vm) && pathOf(e).toLowerCase() === IMDS_TOKEN_PATH;
  const hit = newest(
    log,
    (e) =>
      tokenCalls(e) &&
      e.response?.status === 200 &&
      headerOf(e, 'metadata') === 'true' &&
      canonical(e.imdsToken?.resource ?? '') === canonical(spec.resource) &&
      issuedTo(e) &&
      servedAsWanted(e),
  );
  if (hit) return result(true, label, '');
  const last = newest(log, tokenCalls);
  if (!last) return result(false, label, waiting);
  // A 200 for another of the VM's identities would read "last try: 200", which looks like success.
  const outcome =
    last.response?.status === 200 && !issuedTo(last)
      ? `200, but a token for ${tokenOwner(world, last)}`
      : last.response?.status === 200 && !servedAsWanted(last)
        ? `200, but ${last.imdsToken?.fromCache ? 'from its cache' : 'a fresh token'}`
        : outcomeOf(last);
  return result(false, label, `${waiting} (last try: ${outcome})`);
};

/** Whose token IMDS issued, by name where the world knows it. */
function tokenOwner(world: World, e: RequestLogEntry): string {
  const used = e.identity;
  if (!used) return 'another identity';
  if (used.kind === 'SystemAssigned') return "the VM's system-assigned identity";
  const uai = Object.values(world.data.userAssignedIdentities).find((i) => i.properties.principalId.toLowerCase() === used.principalId?.toLowerCase());
  return uai ? `the user-assigned identity ${uai.name}` : 'another identity';
}
