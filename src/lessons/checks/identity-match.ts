/**
 * Which log entries were made with "that identity": a token of the principal a reference names
 * now or, with `former`, a token of a principal it had before, used after that principal was
 * deleted (the token outliving its identity, imds.md §3.3).
 */
import type { World } from '../../sim/index';
import { acceptedPrincipals } from '../refs';
import type { PrincipalRef } from '../types';
import type { RequestLogEntry } from './types';

export function identityMatcher(world: World, ref: PrincipalRef, former: boolean): { matches: (e: RequestLogEntry) => boolean } | { missing: string } {
  const accepted = acceptedPrincipals(world, ref, former);
  if ('missing' in accepted) return accepted;
  const ids = accepted.ids;
  return {
    matches: (e) => ids.has(e.identity?.principalId?.toLowerCase() ?? '') && (!former || e.identity?.deleted === true),
  };
}
