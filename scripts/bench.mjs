#!/usr/bin/env node
// Runs every bench/*.bench.ts (each calls record(metric, value)), then writes bench/results.json
// ({ "<metric>": number }) and bench/results.md, and prints the table. Budgets, where an issue sets
// one, are checked here so a regression is visible in one place.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const budgets = {
  'rbac.decision.10k.median_us': 20,
  'imds.token.median_ms': 1,
  'arm.rg_get.10k.median_ms': 1,
  'bash.quickstart.median_ms': 20,
  'az.login_group_show.median_ms': 30,
  'pwsh.quickstart.median_ms': 30,
  'pwsh.connect_get_rg.median_ms': 30,
};

const out = join(mkdtempSync(join(tmpdir(), 'mi-bench-')), 'lines.jsonl');
writeFileSync(out, '');
const run = spawnSync('npx', ['vitest', 'run', '--config', 'bench/vitest.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, MI_BENCH_OUT: out },
});
const results = {};
if (existsSync(out)) {
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const { metric, value } = JSON.parse(line);
    results[metric] = Number(value.toPrecision(4));
  }
}
const names = Object.keys(results).sort();
writeFileSync('bench/results.json', JSON.stringify(Object.fromEntries(names.map((n) => [n, results[n]])), null, 2) + '\n');
const rows = names.map((n) => {
  const b = budgets[n];
  const status = b === undefined ? '' : results[n] <= b ? `ok (≤ ${b})` : `OVER (> ${b})`;
  return [n, String(results[n]), status];
});
const table = ['| metric | value | budget |', '| --- | ---: | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
writeFileSync('bench/results.md', table + '\n');
console.log('\n' + table);
const over = rows.filter((r) => r[2].startsWith('OVER'));
if (run.status !== 0) process.exit(run.status ?? 1);
if (names.length === 0) {
  console.error('bench: no metrics were recorded');
  process.exit(1);
}
if (over.length) {
  console.error(`bench: ${over.length} metric(s) over budget`);
  process.exit(1);
}
