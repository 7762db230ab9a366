/**
 * The PowerShell engine stays closed: modules (core, web, Az) import the engine, never the reverse, and no
 * import cycle exists anywhere under src/shells/powershell (type-only imports count: a cycle of types is
 * still two files that cannot be understood apart). Only index.ts, the composition root, names modules.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../../src/shells/powershell');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next form
    }
  }
  throw new Error(`${relative(ROOT, from)} imports '${spec}', which does not resolve`);
}

/** Every relative import (static, type-only, re-export and dynamic import()) of each file. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(ROOT)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles.map((f) => resolveImport(file, f.fileName)).filter((t): t is string => t !== null && t.startsWith(ROOT));
    graph.set(file, targets);
  }
  return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'visiting') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const found = visit(node);
      if (found) return found.map((f) => relative(ROOT, f));
    }
  }
  return null;
}

describe('PowerShell architecture', () => {
  const graph = importGraph();
  const isModule = (f: string) => relative(ROOT, f).startsWith('modules/');

  it('the engine never imports a module (cmdlets plug in through session.use)', () => {
    const offenders = [...graph]
      .filter(([file]) => !isModule(file) && relative(ROOT, file) !== 'index.ts')
      .flatMap(([file, targets]) => targets.filter(isModule).map((t) => `${relative(ROOT, file)} -> ${relative(ROOT, t)}`));
    expect(offenders).toEqual([]);
  });

  it('modules do not import one another', () => {
    const family = (f: string) => relative(ROOT, f).split('/')[1];
    const offenders = [...graph]
      .filter(([file]) => isModule(file))
      .flatMap(([file, targets]) => targets.filter((t) => isModule(t) && family(t) !== family(file)).map((t) => `${relative(ROOT, file)} -> ${relative(ROOT, t)}`));
    expect(offenders).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(findCycle(graph)).toBeNull();
  });

  it('the checker sees a cycle and an upward import when there is one', () => {
    const a = join(ROOT, 'engine/a.ts');
    const b = join(ROOT, 'engine/b.ts');
    expect(findCycle(new Map([[a, [b]], [b, [a]]]))).toEqual(['engine/a.ts', 'engine/b.ts', 'engine/a.ts']);
    expect(isModule(join(ROOT, 'modules/core/objects.ts'))).toBe(true);
  });
});
