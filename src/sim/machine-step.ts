/**
 * Runs one lifecycle transition against world data. Machines are never kept alive: an operation
 * derives the machine snapshot from the data, asks the machine whether the event is legal, takes
 * the pure transition, and performs the named actions the machine chose with effects the
 * operation supplies (so the machine stays the single definition of what happens when).
 */
import { transition, type AnyMachineSnapshot, type AnyStateMachine, type EventFromLogic, type SnapshotFrom } from 'xstate';

export type Effects = Record<string, (params: unknown) => void>;

/** The next snapshot, or null when the machine does not accept the event in this state. */
export function step<M extends AnyStateMachine>(
  machine: M,
  snapshot: SnapshotFrom<M>,
  event: EventFromLogic<M>,
  effects: Effects,
): SnapshotFrom<M> | null {
  if (!(snapshot as AnyMachineSnapshot).can(event)) return null;
  const [next, actions] = transition(machine, snapshot, event);
  for (const action of actions) {
    // xstate.assign and friends are already reflected in `next`; only named effects touch data.
    if (action.type.startsWith('xstate.')) continue;
    const effect = effects[action.type];
    if (!effect) throw new Error(`No effect supplied for machine action '${action.type}'`);
    effect(action.params);
  }
  return next;
}
