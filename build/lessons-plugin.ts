/**
 * `import lessons from 'virtual:lessons'` gives the compiled lessons (metadata, sanitized step
 * HTML, checks, hints, solutions, start worlds) as JSON, built from `lessons/` at build time.
 * Bad content fails `vite build`, the dev server and Vitest with file:line for every problem.
 *
 * Each lesson is also its own module, `virtual:lessons/<slug>`, and `virtual:lesson-index` lists
 * the lessons' slugs and titles with a loader for each: the embed loads one lesson, so its first
 * load does not grow with the number of lessons. `virtual:lessons` is built from the per-lesson
 * modules, so the app and the embed share their chunks.
 *
 * `virtual:lesson-catalog` is what the start page's list shows of every lesson (titles, summary, group,
 * prerequisites, step slugs) in one small module: the list used to load all the lessons (17 chunks,
 * about 85 KB, checks, solutions and worlds included) for a few lines each.
 *
 * `virtual:lesson-text/<slug>--<step>` is one step's sanitized HTML alone, ready to show before its
 * world exists (src/lessons/preview-text.ts; named so its chunk says which lesson it belongs to): the embed's preview
 * (before Start) shows only that, so its first load carries one step's text, not a whole lesson's
 * checks, hints, solutions and worlds. Step 1's module also exports `about` (the introduction and
 * the tutorial it follows) for the lesson page's preview. The index has loaders for both.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport, type Plugin, type ViteDevServer } from 'vite';
import type { ContentFile } from '../src/lessons/compile.ts';
import type { ContentProblem } from '../src/lessons/content-error.ts';
import type { CompiledLesson } from '../src/lessons/types.ts';
import { nodeSanitizer } from './node-sanitizer.ts';

type Compiler = typeof import('../src/lessons/build-api.ts');
const COMPILER = fileURLToPath(new URL('../src/lessons/build-api.ts', import.meta.url));

/**
 * The compiler is not imported statically: Vite bundles this file into the config, and src/'s
 * extensionless imports would make it warn (and break its coming native config loader). Inside
 * Vite's own pipeline (tests, anything Vite transforms) a plain dynamic import works; from the
 * config, Vite's module runner loads it (once, about a second).
 */
let runnerCompiler: Promise<Compiler> | undefined;
const compilerForPlugin = () =>
  (runnerCompiler ??= runnerImport<Compiler>(COMPILER, { configFile: false, logLevel: 'error' }).then((r) => r.module));
const compilerInVite = () => import(/* @vite-ignore */ COMPILER) as Promise<Compiler>;

const isContentError = (e: unknown): e is Error & { problems: readonly ContentProblem[] } =>
  e instanceof Error && e.name === 'LessonContentError' && Array.isArray((e as { problems?: unknown }).problems);

const VIRTUAL_ID = 'virtual:lessons';
const INDEX_ID = 'virtual:lesson-index';
const CATALOG_ID = 'virtual:lesson-catalog';
const ONE_PREFIX = 'virtual:lessons/';
const TEXT_PREFIX = 'virtual:lesson-text/';
// Slugs are lower-case words joined by single dashes (compile.ts refuses others), so `--` is unambiguous.
const textKey = (lesson: string, step: string) => `${lesson}--${step}`;
const isOurs = (id: string) => id === VIRTUAL_ID || id === INDEX_ID || id === CATALOG_ID || id.startsWith(ONE_PREFIX) || id.startsWith(TEXT_PREFIX);

/** Every `.md` and `.json` file in `dir` and its lesson folders, as content files under `dir`'s name. */
async function readContent(dir: string): Promise<ContentFile[]> {
  const root = path.basename(path.resolve(dir));
  const files: ContentFile[] = [];
  const read = async (rel: string) => files.push({ path: `${root}/${rel}`, text: await readFile(path.join(dir, rel), 'utf8') });
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile() && /\.(md|json)$/.test(entry.name)) await read(entry.name);
    if (!entry.isDirectory()) continue;
    for (const inner of await readdir(path.join(dir, entry.name), { withFileTypes: true })) {
      if (inner.isFile() && /\.(md|json)$/.test(inner.name)) await read(`${entry.name}/${inner.name}`);
    }
  }
  return files;
}

/**
 * Reads and compiles `dir` (default `lessons`); throws LessonContentError on bad content. For code
 * that Vite or Vitest runs (tests, scripts under Vite's runner).
 */
export async function loadLessons(dir = 'lessons'): Promise<CompiledLesson[]> {
  const { compileLessons } = await compilerInVite();
  return compileLessons(await readContent(dir), { sanitizer: nodeSanitizer(), root: path.basename(path.resolve(dir)) });
}

export function lessonsPlugin(opts: { dir?: string } = {}): Plugin {
  let dir = opts.dir ?? 'lessons';
  let server: ViteDevServer | undefined;
  // Read and compiled once per content version: the index, the whole list and each lesson share it.
  let content: Promise<{ files: ContentFile[]; lessons: CompiledLesson[]; preview: Compiler['previewHtml']; intro: Compiler['previewIntroHtml'] }> | undefined;
  const readAndCompile = async () => {
    const files = await readContent(dir);
    const { compileLessons, previewHtml, previewIntroHtml } = await compilerForPlugin();
    return { files, lessons: compileLessons(files, { sanitizer: nodeSanitizer(), root: path.basename(dir) }), preview: previewHtml, intro: previewIntroHtml };
  };
  return {
    name: 'mi-lessons',
    configResolved(config) {
      dir = path.resolve(config.root, opts.dir ?? 'lessons');
    },
    configureServer(s) {
      server = s;
      // New and deleted files are not in any module's watch list; reload the lessons for them too.
      const refresh = (file: string) => {
        if (!path.resolve(file).startsWith(dir + path.sep)) return;
        content = undefined;
        for (const mod of server?.moduleGraph.idToModuleMap.values() ?? []) {
          if (mod.id?.startsWith('\0') && isOurs(mod.id.slice(1))) server?.moduleGraph.invalidateModule(mod);
        }
        server?.ws.send({ type: 'full-reload' });
      };
      s.watcher.on('add', refresh);
      s.watcher.on('unlink', refresh);
      s.watcher.on('change', refresh);
    },
    // `vite build --watch` has no dev server: forget the compiled lessons when their files change.
    watchChange(id) {
      if (path.resolve(id).startsWith(dir + path.sep)) content = undefined;
    },
    resolveId(id) {
      return isOurs(id) ? `\0${id}` : null;
    },
    async load(id) {
      if (!id.startsWith('\0') || !isOurs(id.slice(1))) return null;
      const virtual = id.slice(1);
      let lessons: CompiledLesson[];
      let preview: Compiler['previewHtml'];
      let intro: Compiler['previewIntroHtml'];
      try {
        const loaded = await (content ??= readAndCompile());
        for (const f of loaded.files) this.addWatchFile(path.join(path.dirname(dir), f.path));
        ({ lessons, preview, intro } = loaded);
      } catch (e) {
        // Bad content is not cached: the next load (after the author's fix) reads again.
        content = undefined;
        if (!isContentError(e)) throw e;
        // Still watch every file, so saving the fix rebuilds.
        for (const f of await readContent(dir)) this.addWatchFile(path.join(path.dirname(dir), f.path));
        const first = e.problems[0]!;
        return this.error({ message: e.message, id: path.join(path.dirname(dir), first.file), loc: { line: first.line, column: 0 } });
      }
      const json = (value: unknown) => JSON.stringify(value);
      if (virtual === VIRTUAL_ID) {
        const names = lessons.map((_, i) => `lesson${i}`);
        return `${lessons.map((l, i) => `import ${names[i]} from ${json(ONE_PREFIX + l.slug)};`).join('\n')}\nexport default [${names.join(', ')}];`;
      }
      if (virtual === CATALOG_ID) {
        const catalog = lessons.map((l) => ({
          slug: l.slug,
          title: l.title,
          shortTitle: l.shortTitle,
          summary: l.summary,
          estimatedMinutes: l.estimatedMinutes,
          os: l.os,
          shell: l.shell,
          group: l.group,
          requires: l.requires,
          steps: l.steps.map((st) => ({ slug: st.slug })),
        }));
        return `export default ${json(catalog)};`;
      }
      if (virtual === INDEX_ID) {
        const index = lessons.map((l) => ({ slug: l.slug, title: l.title, steps: l.steps.map((st) => ({ slug: st.slug, title: st.title })) }));
        const loaders = lessons.map((l) => `  ${json(l.slug)}: () => import(${json(ONE_PREFIX + l.slug)}),`).join('\n');
        const texts = lessons.flatMap((l) => l.steps.map((st) => ({ key: `${l.slug}/${st.slug}`, module: TEXT_PREFIX + textKey(l.slug, st.slug) })));
        const textLoaders = texts.map((t) => `  ${json(t.key)}: () => import(${json(t.module)}),`).join('\n');
        return `export const lessonIndex = ${json(index)};
const loaders = {
${loaders}
};
const textLoaders = {
${textLoaders}
};
export function loadLesson(slug) {
  const load = Object.hasOwn(loaders, slug) ? loaders[slug] : undefined;
  return load ? load().then((m) => m.default) : Promise.reject(new Error(\`There is no lesson "\${slug}".\`));
}
function loadTextModule(slug, step) {
  const key = \`\${slug}/\${step}\`;
  const load = Object.hasOwn(textLoaders, key) ? textLoaders[key] : undefined;
  return load ? load() : Promise.reject(new Error(\`There is no step "\${step}" in lesson "\${slug}".\`));
}
export function loadStepText(slug, step) {
  return loadTextModule(slug, step).then((m) => m.default);
}
export function loadStepPreview(slug, step) {
  return loadTextModule(slug, step).then((m) => ({ html: m.default, about: m.about ?? null }));
}`;
      }
      if (virtual.startsWith(TEXT_PREFIX)) {
        const key = virtual.slice(TEXT_PREFIX.length);
        for (const l of lessons) {
          const index = l.steps.findIndex((st) => textKey(l.slug, st.slug) === key);
          if (index < 0) continue;
          // Step 1's module also carries "About this lesson", which the lesson page shows open on step 1.
          const about = index === 0 ? `\nexport const about = ${json({ html: intro(l), tutorial: l.tutorial })};` : '';
          return `export default ${json(preview(l, index))};${about}`;
        }
        return this.error({ message: `There is no step "${key}" in ${path.basename(dir)}/.` });
      }
      const lesson = lessons.find((l) => l.slug === virtual.slice(ONE_PREFIX.length));
      if (!lesson) return this.error({ message: `There is no lesson "${virtual.slice(ONE_PREFIX.length)}" in ${path.basename(dir)}/.` });
      return `export default ${json(lesson)};`;
    },
  };
}
