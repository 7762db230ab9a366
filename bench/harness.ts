/**
 * A tiny benchmark harness: measures a function many times and records named metrics that
 * scripts/bench.mjs collects into bench/results.json. Metric names follow
 * `<area>.<what>[.<size>].<stat>_<unit>`, e.g. `rbac.decision.10k.median_us`.
 */
import { appendFileSync } from 'node:fs';

export interface Measured {
  median: number;
  p95: number;
  mean: number;
  samples: number;
}

/** Runs `fn` `warmup` times, then `iterations` times, timing each call (ms). */
export async function measure(
  fn: () => unknown | Promise<unknown>,
  { iterations = 1000, warmup = 100 }: { iterations?: number; warmup?: number } = {},
): Promise<Measured> {
  for (let i = 0; i < warmup; i++) await fn();
  const times = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    const r = fn();
    if (r instanceof Promise) await r;
    times[i] = performance.now() - t0;
  }
  times.sort();
  const sum = times.reduce((a, b) => a + b, 0);
  return {
    median: times[Math.floor(iterations / 2)] ?? NaN,
    p95: times[Math.floor(iterations * 0.95)] ?? NaN,
    mean: sum / iterations,
    samples: iterations,
  };
}

/** Records one metric; the bench runner merges every recorded line into bench/results.json. */
export function record(metric: string, value: number): void {
  const file = process.env.MI_BENCH_OUT;
  if (!file) throw new Error('record() must run under `npm run bench` (MI_BENCH_OUT is not set)');
  appendFileSync(file, JSON.stringify({ metric, value }) + '\n');
}

/**
 * The median CPU time (ms) of `fn` over `iterations` runs: on a busy shared machine the wall-clock
 * median mostly measures waiting for a core; this does not.
 */
export async function cpuMedian(fn: () => Promise<unknown>, iterations: number): Promise<number> {
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const before = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  return cpu[Math.floor(iterations / 2)] ?? NaN;
}
