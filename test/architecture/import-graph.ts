/**
 * The import graph of source files, read with TypeScript's own pre-processor: which file imports
 * which. Used by the architecture tests (test/architecture/layers.test.ts: layer arrows point down,
 * no cycles in src/sim; test/shells/powershell/architecture.test.ts: the engine stays closed).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** `from` imports `to` (type-only imports included: they tie two files together just the same). */
export interface ImportEdge {
  from: string;
  to: string;
}

const SOURCE = /\.(ts|svelte)$/;

export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(full);
    }
  };
  walk(resolve(root));
  return out.sort();
}

/** The script of a Svelte component (instance and module scripts), where its imports are. */
function scriptOf(file: string, text: string): string {
  if (!file.endsWith('.svelte')) return text;
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

function resolveSpecifier(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.svelte.ts`, `${base}.js`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/**
 * Every relative import of each file — static, type-only, re-exports and dynamic `import()` — as
 * TypeScript's pre-processor lists them (no parse into a full tree, so the whole of src/ takes well
 * under a second). A specifier that resolves to no file is an error: the graph must be complete.
 */
export function importEdges(files: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const info = ts.preProcessFile(scriptOf(file, readFileSync(file, 'utf8')), true, true);
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) continue;
      // Vite's query suffixes (`?html`, `?raw`, `?url`) name the same file.
      const to = resolveSpecifier(file, fileName.replace(/\?.*$/, ''));
      if (!to) throw new Error(`${file} imports '${fileName}', which does not resolve`);
      edges.push({ from: file, to });
    }
  }
  return edges;
}

/** Every cycle's files, one list per strongly connected component of two or more files (or a self-import). */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  // Tarjan's algorithm, iterative so a deep graph cannot overflow the stack.
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  const nodes = new Set([...edges.map((e) => e.from), ...edges.map((e) => e.to)]);
  for (const root of nodes) {
    if (indices.has(root)) continue;
    const work: { node: string; i: number }[] = [{ node: root, i: 0 }];
    indices.set(root, index);
    low.set(root, index++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const targets = next.get(frame.node) ?? [];
      if (frame.i < targets.length) {
        const to = targets[frame.i++]!;
        if (!indices.has(to)) {
          indices.set(to, index);
          low.set(to, index++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, i: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, indices.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === indices.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfImport = component.length === 1 && targets.includes(frame.node);
        if (component.length > 1 || selfImport) components.push(component.sort());
      }
    }
  }
  return components;
}

export const relativeTo = (root: string) => (file: string) => relative(root, file).split('\\').join('/');
