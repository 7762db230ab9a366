/**
 * A script retried a token request after IMDS said "not now" and then got its token (request log):
 * a request from the VM answered with one of the retryable statuses (404, 410, 429, 5xx — how-to-
 * use-vm-token.md, "Retry guidance"), then a later 200 for the same resource. With
 * `minWaitSeconds`, every retry in that run waited at least that long in simulated time first:
 * the documented backoff starts at about 2 s, and a loop that retries at once only earns a 429.
 */
import { findVmByName } from '../refs';
import { IMDS_TOKEN_PATH, isFromVm, isImds, pathOf } from './log-entry';
import { result, type CheckOf, type RequestLogEntry } from './types';

const canonical = (r: string) => r.trim().replace(/\/+$/, '').toLowerCase();

function resourceOf(e: RequestLogEntry): string {
  try {
    return canonical(new URL(e.request.url).searchParams.get('resource') ?? '');
  } catch {
    return '';
  }
}

export const imdsRetried: CheckOf<'imdsRetried'> = (spec, { world, log }) => {
  const statuses = spec.after.join(', ');
  const wait = spec.minWaitSeconds ? `, waiting at least ${spec.minWaitSeconds} s before each retry` : '';
  const forWhat = spec.resource ? ` for ${spec.resource}` : '';
  const label = `A script on ${spec.vm} retried after IMDS answered ${statuses} and then got its token${forWhat}${wait}`;
  const vm = findVmByName(world, spec.vm);
  if (!vm) return result(false, label, `Waiting for a VM named ${spec.vm} (there is none in this world)`);
  const calls = log.filter(
    (e) => isImds(e) && isFromVm(e, vm) && pathOf(e).toLowerCase() === IMDS_TOKEN_PATH && (!spec.resource || resourceOf(e) === canonical(spec.resource)),
  );
  const minGap = (spec.minWaitSeconds ?? 0) * 1000;
  let faultSeen = false;
  let sawFaultOfKind = false;
  let tooFast = false;
  // One run of attempts: faults in a row, then a success. A run with a retry sent too soon does not
  // count, but a later, better-behaved run still can.
  let runOk = true;
  for (let i = 0; i < calls.length; i++) {
    const e = calls[i]!;
    const status = e.response?.status;
    const prev = calls[i - 1];
    const retry = prev !== undefined && prev.response !== null && prev.response.status !== 200;
    if (retry && e.timing.simulatedAt - prev.timing.simulatedAt < minGap) {
      runOk = false;
      tooFast = true;
    }
    if (status !== undefined && spec.after.includes(status)) {
      faultSeen = true;
      sawFaultOfKind = true;
    } else if (status === 200) {
      if (faultSeen && runOk) return result(true, label, '');
      faultSeen = false;
      runOk = true;
    } else if (status !== undefined && status < 500 && ![404, 410, 429].includes(status)) {
      // A 4xx is a design-time error, not something to retry through: the run ends here.
      faultSeen = false;
      runOk = true;
    }
  }
  if (tooFast) return result(false, label, `Waiting for a retry that waits at least ${spec.minWaitSeconds} s of simulated time first (a retry came sooner: add sleep between attempts)`);
  if (sawFaultOfKind) return result(false, label, `Waiting for a retry that gets a 200 after IMDS answered ${statuses}`);
  return result(false, label, `Waiting for a token request from ${spec.vm} that IMDS answers with ${statuses}, retried until it succeeds`);
};
