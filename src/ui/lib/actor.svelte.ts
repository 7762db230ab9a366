import { createSubscriber } from 'svelte/reactivity';

/** Reads an actor's immutable snapshot reactively; subscribes only while something renders it. */
export function fromActor<T>(actor: {
  getSnapshot(): T;
  subscribe(fn: () => void): { unsubscribe(): void };
}): { readonly current: T } {
  const subscribe = createSubscriber((update) => {
    const sub = actor.subscribe(update);
    return () => sub.unsubscribe();
  });
  return {
    get current() {
      subscribe();
      return actor.getSnapshot();
    },
  };
}
