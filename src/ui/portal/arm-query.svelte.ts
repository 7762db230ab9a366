/**
 * A blade's ARM read: loads when the blade opens, again whenever the world changes or the
 * inputs the loader reads (props) change, and ignores answers that arrive after a newer load began.
 */
import { toArmErrorInfo, type ArmErrorInfo } from '../../cloud/portal-client/arm-error';
import { portal } from './portal-session.svelte';

export interface ArmQuery<T> {
  readonly data: T | undefined;
  readonly error: ArmErrorInfo | undefined;
  readonly loading: boolean;
}

export function armQuery<T>(load: () => Promise<T>): ArmQuery<T> {
  const session = portal();
  let data = $state.raw<T | undefined>(undefined);
  let error = $state.raw<ArmErrorInfo | undefined>(undefined);
  let loading = $state(true);
  $effect(() => {
    void session.worldVersion;
    let live = true;
    loading = true;
    load().then(
      (value) => {
        if (!live) return;
        data = value;
        error = undefined;
        loading = false;
      },
      (e: unknown) => {
        if (!live) return;
        error = toArmErrorInfo(e);
        loading = false;
      },
    );
    return () => {
      live = false;
    };
  });
  return {
    get data() {
      return data;
    },
    get error() {
      return error;
    },
    get loading() {
      return loading;
    },
  };
}
