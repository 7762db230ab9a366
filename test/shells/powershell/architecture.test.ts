/**
 * The PowerShell engine stays closed: modules (core, web, Az) import the engine, never the reverse, and no
 * import cycle exists anywhere under src/shells/powershell (type-only imports count: a cycle of types is
 * still two files that cannot be understood apart). Only index.ts, the composition root, names modules.
 */
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importEdges, sourceFiles } from '../../architecture/import-graph';

const ROOT = resolve(__dirname, '../../../src/shells/powershell');

/** Each file's imports within src/shells/powershell (the shared reader: test/architecture/import-graph.ts). */
function importGraph(): Map<string, string[]> {
  const files = sourceFiles(ROOT);
  const graph = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const { from, to } of importEdges(files)) if (to.startsWith(ROOT)) graph.get(from)!.push(to);
  return graph;
}

/** The files of each import cycle, relative to ROOT. */
function cycles(graph: Map<string, string[]>): string[][] {
  const edges = [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));
  return importCycles(edges).map((c) => c.map((f) => relative(ROOT, f)));
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
    expect(cycles(graph)).toEqual([]);
  });

  it('the checker sees a cycle and an upward import when there is one', () => {
    const a = join(ROOT, 'engine/a.ts');
    const b = join(ROOT, 'engine/b.ts');
    expect(cycles(new Map([[a, [b]], [b, [a]]]))).toEqual([['engine/a.ts', 'engine/b.ts']]);
    expect(isModule(join(ROOT, 'modules/core/objects.ts'))).toBe(true);
  });
});
