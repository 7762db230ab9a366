/**
 * `1..100000000` at the head of a pipeline: 5.1 enumerates a range lazily there (RangeEnumerator), so
 * `1..1e8 | % { $_ }` starts at once and runs until stopped. This sequence yields its numbers one by one
 * to the commands that stream their input (ForEach-Object, Where-Object); any other consumer gets an array,
 * which must fit the sandbox's memory limit.
 */
import { checkCollectionLength } from '../runtime/size-limit';

export class LazyRange implements Iterable<number> {
  constructor(
    readonly from: number,
    readonly to: number,
  ) {}

  get length(): number {
    return Math.abs(this.to - this.from) + 1;
  }

  *[Symbol.iterator](): Iterator<number> {
    if (this.from <= this.to) for (let i = this.from; i <= this.to; i++) yield i;
    else for (let i = this.from; i >= this.to; i--) yield i;
  }

  toArray(): number[] {
    checkCollectionLength(this.length);
    return [...this];
  }
}

/** What flows between two pipeline stages. */
export type PipelineInput = unknown[] | LazyRange;

/** Pipeline input as an array (a lazy range is expanded, within the memory limit). */
export function materialize(input: unknown[] | LazyRange): unknown[];
export function materialize(input: unknown[] | LazyRange | null): unknown[] | null;
export function materialize(input: unknown[] | LazyRange | null): unknown[] | null {
  return input instanceof LazyRange ? input.toArray() : input;
}
