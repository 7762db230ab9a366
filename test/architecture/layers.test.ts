/**
 * The layer rule of docs/ARCHITECTURE.md, checked on every run: src/sim ← src/cloud ← src/shells ←
 * src/lessons ← src/ui, arrows pointing down only (type-only imports count: they tie a lower layer
 * to a higher one's shapes just the same), and no import cycles inside src/sim.
 */
import { describe, expect, it } from 'vitest';
import { importCycles, importEdges, relativeTo, sourceFiles } from './import-graph';

const LAYERS = ['sim', 'cloud', 'shells', 'lessons', 'ui'] as const;
const rel = relativeTo(process.cwd());
const edges = importEdges(sourceFiles('src')).map((e) => ({ ...e, from: rel(e.from), to: rel(e.to) }));
const layerOf = (file: string) => LAYERS.indexOf(file.split('/')[1] as (typeof LAYERS)[number]);

describe('architecture', () => {
  it('reads the imports (the check itself works)', () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges).toContainEqual({ from: 'src/cloud/router.ts', to: 'src/cloud/request-log.ts' });
  });

  it('layers import only from the layers below them', () => {
    const upward = edges
      .filter((e) => layerOf(e.from) >= 0 && layerOf(e.to) > layerOf(e.from))
      .map((e) => `${e.from} → ${e.to}`);
    expect(upward).toEqual([]);
  });

  it('src/ imports nothing from build/, test/, bench/ or scripts/ (they may import src/, never the reverse)', () => {
    const outside = edges.filter((e) => /^(build|test|bench|scripts)\//.test(e.to)).map((e) => `${e.from} → ${e.to}`);
    expect(outside).toEqual([]);
  });

  it('src/sim has no import cycles', () => {
    const sim = edges.filter((e) => e.from.startsWith('src/sim/') && e.to.startsWith('src/sim/'));
    expect(importCycles(sim)).toEqual([]);
  });

  it('finds a cycle and an upward import when there is one (the check can fail)', () => {
    expect(importCycles([
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'a' },
      { from: 'c', to: 'd' },
    ])).toEqual([['a', 'b', 'c']]);
    expect(layerOf('src/cloud/x.ts') < layerOf('src/lessons/y.ts')).toBe(true);
  });
});
