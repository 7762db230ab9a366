/**
 * A lazily split module, loaded once. A load that fails (offline, a dropped connection) is not
 * remembered, so the next caller tries again instead of getting the old failure forever; and once
 * the module is here, `loaded()` hands it over at once, without waiting for a promise to settle.
 */
export interface LazyModule<T> {
  load(): Promise<T>;
  /** The module when it has loaded already. */
  loaded(): T | undefined;
}

export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let loading: Promise<T> | undefined;
  let value: T | undefined;
  return {
    load() {
      loading ??= importer().then(
        (m) => (value = m),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
    loaded: () => value,
  };
}
