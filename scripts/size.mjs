#!/usr/bin/env node
// Builds the app and prints every emitted script and stylesheet (raw and gzip), then enforces the
// first-load budget: the HTML entry's JavaScript plus everything it imports statically. Lazy chunks
// (Monaco, the shells, MSW, tree-sitter) are listed but not counted against it.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGETS = [
  { name: 'first-load JS (index.html)', entry: 'index.html', limitKb: 60 },
  // The embed's preview needs its step's text, a chunk of its own fetched right after the entry, so
  // the largest step text counts too: the budget holds for any step, whatever the number or length
  // of the lessons.
  { name: 'embed first-load JS (embed.html + its step text, before Start)', entry: 'embed.html', limitKb: 30, plusLargestStepText: true },
];

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const dist = 'dist';
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1);

function staticClosure(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const css of chunk.css ?? []) seen.add(css);
  for (const dep of chunk.imports ?? []) staticClosure(dep, seen);
  return seen;
}

const files = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(js|css|wasm)$/.test(name)) files.push(path.slice(dist.length + 1));
  }
}
walk(join(dist, 'assets'));

const firstLoad = new Set(BUDGETS.flatMap((b) => [...staticClosure(b.entry)]));
const rows = files
  .map((file) => ({ file, raw: statSync(join(dist, file)).size, gzip: gz(file), first: firstLoad.has(file) }))
  .sort((a, b) => b.gzip - a.gzip);

const pad = (s, n) => String(s).padEnd(n);
const padL = (s, n) => String(s).padStart(n);
console.log(`\n${pad('chunk', 60)} ${padL('raw KB', 10)} ${padL('gzip KB', 10)}  load`);
for (const r of rows) {
  console.log(`${pad(r.file, 60)} ${padL(kb(r.raw), 10)} ${padL(kb(r.gzip), 10)}  ${r.first ? 'first' : 'lazy'}`);
}

// Each step's text is a dynamic entry of its own (build/lessons-plugin.ts: virtual:lesson-text/<lesson>--<step>).
const stepTextChunks = Object.keys(manifest).filter((k) => k.startsWith('virtual:lesson-text/'));

let failed = false;
console.log('');
for (const budget of BUDGETS) {
  const js = [...staticClosure(budget.entry)].filter((f) => f.endsWith('.js'));
  if (budget.plusLargestStepText) {
    if (!stepTextChunks.length) throw new Error('no step-text chunks found in the manifest: did build/lessons-plugin.ts change?');
    const extra = (key) => [...staticClosure(key)].filter((f) => f.endsWith('.js') && !js.includes(f));
    const cost = (key) => extra(key).reduce((sum, f) => sum + gz(f), 0);
    const largest = stepTextChunks.reduce((a, b) => (cost(b) > cost(a) ? b : a));
    js.push(...extra(largest));
  }
  const total = js.reduce((sum, f) => sum + gz(f), 0);
  const ok = total <= budget.limitKb * 1024;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${budget.name}: ${kb(total)} KB gzip (budget ${budget.limitKb} KB) — ${js.join(', ')}`);
}

// The offline worker loads after the page, never on the first load; what it saves is listed so a
// jump in the offline download (everything under dist/, see build/pwa.ts) is seen.
const worker = readdirSync(dist).filter((f) => /^(sw|workbox-[\w-]+)\.js$/.test(f));
const precached = (readFileSync(join(dist, 'sw.js'), 'utf8').match(/url:"[^"]+"/g) ?? []).map((m) => m.slice(5, -1));
const precachedBytes = precached.reduce((sum, f) => sum + statSync(join(dist, f)).size, 0);
console.log(`info offline worker: ${worker.join(', ')} ${kb(worker.reduce((sum, f) => sum + gz(f), 0))} KB gzip, after load; saves ${precached.length} files, ${(precachedBytes / 1048576).toFixed(1)} MB raw`);
process.exit(failed ? 1 : 0);
