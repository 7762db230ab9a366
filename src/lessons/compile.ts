/**
 * lessons/ (files as text) → compiled lessons. Collects every problem it can find, each with
 * file and line, and throws them together: an author fixes a batch per build, not one per build.
 *
 * Layout: `lessons/NN-<slug>/lesson.md` plus `NN-<step>.md` per step; optional `*.json` worlds
 * next to them. The number orders, the slug names (`01-linux-vm-arm/03-get-a-token.md` →
 * `/lessons/linux-vm-arm/get-a-token`).
 */
import * as v from 'valibot';
import { loadWorldData, type WorldData } from '../sim/index';
import { renderLessonMarkdown } from './code-fences';
import { LessonContentError, type ContentProblem } from './content-error';
import { parseFrontmatter, type Frontmatter } from './frontmatter';
import { unknownPlaceholderMessage, unknownPlaceholders } from './placeholders';
import { findVmByName } from './refs';
import type { Sanitizer } from './render-markdown';
import { RESERVED_STEP_SLUGS } from './reserved-slugs';
import { LessonFrontmatterSchema, StepFrontmatterSchema, describeIssue, type LessonFrontmatter } from './schema';
import { buildStartWorld } from './start-world';
import type { CompiledLesson, CompiledStep, SetupAction, WorldSource } from './types';

export interface ContentFile {
  /** Path relative to the repository, with `/` separators: `lessons/01-linux-vm-arm/lesson.md`. */
  path: string;
  text: string;
}

export interface CompileOptions {
  sanitizer: Sanitizer;
  /** The content folder's path prefix; default `lessons`. */
  root?: string;
}

const FOLDER = /^(\d{2,})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const STEP_FILE = /^(\d{2,})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

type StartInput = LessonFrontmatter['start'];

interface Folder {
  name: string;
  files: Map<string, ContentFile>;
}

export function compileLessons(files: readonly ContentFile[], opts: CompileOptions): CompiledLesson[] {
  const root = (opts.root ?? 'lessons').replace(/\/+$/, '');
  const problems: ContentProblem[] = [];
  const folders = new Map<string, Folder>();
  for (const file of files) {
    const rel = file.path.startsWith(`${root}/`) ? file.path.slice(root.length + 1) : null;
    const parts = rel?.split('/') ?? [];
    // Files directly in lessons/ (welcome.md) are not lessons; deeper nesting is not a layout we read.
    if (parts.length !== 2) continue;
    const [folder, name] = parts as [string, string];
    if (!folders.has(folder)) folders.set(folder, { name: folder, files: new Map() });
    folders.get(folder)!.files.set(name, file);
  }

  const lessons: CompiledLesson[] = [];
  const slugOwners = new Map<string, string>();
  for (const folder of [...folders.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const lesson = compileFolder(folder, root, opts.sanitizer, problems);
    if (!lesson) continue;
    const owner = slugOwners.get(lesson.slug);
    if (owner) problems.push({ file: lesson.file, line: 1, message: `duplicate lesson slug '${lesson.slug}' (also used by ${owner})` });
    else slugOwners.set(lesson.slug, lesson.file);
    lessons.push(lesson);
  }
  for (const lesson of lessons) {
    for (const wanted of lesson.requires) {
      if (wanted === lesson.slug) problems.push({ file: lesson.file, line: 1, message: `'requires' lists the lesson itself ('${wanted}')` });
      else if (!slugOwners.has(wanted)) {
        problems.push({ file: lesson.file, line: 1, message: `'requires' names '${wanted}', which is no lesson's slug (known: ${[...slugOwners.keys()].join(', ')})` });
      }
    }
  }
  if (problems.length) throw new LessonContentError(problems);
  return lessons.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}

function compileFolder(folder: Folder, root: string, sanitizer: Sanitizer, problems: ContentProblem[]): CompiledLesson | null {
  const base = `${root}/${folder.name}`;
  const m = FOLDER.exec(folder.name);
  if (!m) {
    problems.push({ file: `${base}/lesson.md`, line: 1, message: `lesson folder '${folder.name}' must be named NN-<slug> (two digits, a dash, lower-case words joined by dashes)` });
    return null;
  }
  const lessonFile = folder.files.get('lesson.md');
  if (!lessonFile) {
    problems.push({ file: `${base}/lesson.md`, line: 1, message: 'missing lesson.md (title, summary, os, shell, vm, start, estimatedMinutes)' });
    return null;
  }
  const before = problems.length;
  const fm = parseFrontmatter(lessonFile.path, lessonFile.text);
  if (!fm.ok) {
    problems.push(fm.problem);
    return null;
  }
  const parsed = v.safeParse(LessonFrontmatterSchema, fm.value.data);
  if (!parsed.success) {
    for (const issue of parsed.issues) problems.push(problemAt(lessonFile.path, fm.value, issue));
    return null;
  }
  const meta = parsed.output;
  const slug = meta.slug ?? m[2]!;
  const start = resolveStart(meta.start, folder, lessonFile.path, fm.value, problems);
  const html = renderBody(lessonFile.path, fm.value, sanitizer, problems);
  placeholderProblems(lessonFile.path, fm.value, problems);
  if (start) {
    const built = buildStartWorld(start);
    if (!built.ok) problems.push({ file: lessonFile.path, line: fm.value.lineOf(['start']), message: `start world: ${built.message}` });
    else if (!findVmByName(built.world, meta.vm)) {
      problems.push({ file: lessonFile.path, line: fm.value.lineOf(['vm']), message: `vm '${meta.vm}' is not in the start world` });
    }
  }

  const steps: CompiledStep[] = [];
  const numbers = new Map<string, string>();
  const stepSlugs = new Map<string, string>();
  for (const [name, file] of [...folder.files].sort(([a], [b]) => a.localeCompare(b))) {
    if (name === 'lesson.md' || !name.endsWith('.md')) continue;
    const sm = STEP_FILE.exec(name);
    if (!sm) {
      problems.push({ file: file.path, line: 1, message: `step file '${name}' must be named NN-<slug>.md (two digits, a dash, lower-case words joined by dashes)` });
      continue;
    }
    const [, number, stepSlug] = sm as unknown as [string, string, string];
    if (numbers.has(number)) problems.push({ file: file.path, line: 1, message: `step number ${number} is already used by ${numbers.get(number)}` });
    else numbers.set(number, file.path);
    if (RESERVED_STEP_SLUGS.includes(stepSlug)) {
      problems.push({ file: file.path, line: 1, message: `step slug '${stepSlug}' is reserved: /lessons/<lesson>/${stepSlug} is the app's own page; rename the file` });
    }
    if (stepSlugs.has(stepSlug)) problems.push({ file: file.path, line: 1, message: `duplicate step slug '${stepSlug}' (also used by ${stepSlugs.get(stepSlug)})` });
    else stepSlugs.set(stepSlug, file.path);
    const step = compileStep(file, stepSlug, folder, sanitizer, problems);
    if (step) steps.push(step);
  }
  if (folder.files.size > 0 && steps.length === 0 && problems.length === before) {
    problems.push({ file: lessonFile.path, line: 1, message: 'a lesson needs at least one step file (NN-<slug>.md)' });
  }
  if (!start || problems.length > before) return null;
  return {
    slug,
    order: Number(m[1]),
    file: lessonFile.path,
    title: meta.title,
    shortTitle: meta.shortTitle ?? meta.title,
    summary: meta.summary,
    os: meta.os,
    shell: meta.shell,
    vm: meta.vm,
    start,
    estimatedMinutes: meta.estimatedMinutes,
    tutorial: meta.tutorial,
    group: meta.group,
    requires: meta.requires,
    html,
    hintRules: meta.hintRules,
    steps,
  };
}

function compileStep(file: ContentFile, slug: string, folder: Folder, sanitizer: Sanitizer, problems: ContentProblem[]): CompiledStep | null {
  const fm = parseFrontmatter(file.path, file.text);
  if (!fm.ok) {
    problems.push(fm.problem);
    return null;
  }
  const parsed = v.safeParse(StepFrontmatterSchema, fm.value.data);
  if (!parsed.success) {
    for (const issue of parsed.issues) problems.push(problemAt(file.path, fm.value, issue));
    return null;
  }
  const meta = parsed.output;
  const html = renderBody(file.path, fm.value, sanitizer, problems);
  placeholderProblems(file.path, fm.value, problems);
  let start: WorldSource | undefined;
  if (meta.start !== undefined) {
    const resolved = resolveStart(meta.start, folder, file.path, fm.value, problems);
    if (!resolved) return null;
    const built = buildStartWorld(resolved);
    if (!built.ok) problems.push({ file: file.path, line: fm.value.lineOf(['start']), message: `start world: ${built.message}` });
    start = resolved;
  }
  return {
    slug,
    file: file.path,
    title: meta.title,
    html,
    checks: meta.checks,
    hints: meta.hints,
    solution: meta.solution as CompiledStep['solution'],
    ...(start ? { start } : {}),
    hintRules: meta.hintRules,
  };
}

function problemAt(file: string, fm: Frontmatter, issue: v.BaseIssue<unknown>): ContentProblem {
  const { path, message } = describeIssue(issue);
  return { file, line: fm.lineOf(path), message };
}

function renderBody(file: string, fm: Frontmatter, sanitizer: Sanitizer, problems: ContentProblem[]): string {
  const { html, problems: fence } = renderLessonMarkdown(fm.body, sanitizer);
  for (const p of fence) problems.push({ file, line: fm.bodyLine + p.line - 1, message: p.message });
  return html;
}

/** Unknown `{{names}}` anywhere in the file: the body by its line, frontmatter by its field. */
function placeholderProblems(file: string, fm: Frontmatter, problems: ContentProblem[]): void {
  fm.body.split('\n').forEach((line, i) => {
    for (const name of unknownPlaceholders(line)) problems.push({ file, line: fm.bodyLine + i, message: unknownPlaceholderMessage(name) });
  });
  const walk = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') {
      for (const name of unknownPlaceholders(value)) problems.push({ file, line: fm.lineOf(path), message: unknownPlaceholderMessage(name) });
    } else if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, item] of Object.entries(value)) walk(item, [...path, k]);
  };
  walk(fm.data, []);
}

function resolveStart(input: StartInput, folder: Folder, file: string, fm: Frontmatter, problems: ContentProblem[]): WorldSource | null {
  const from = typeof input === 'string' ? input : input.from;
  const setup: SetupAction[] = typeof input === 'string' ? [] : (input.setup as SetupAction[]);
  if (!from.endsWith('.json')) return { preset: from, setup };
  const line = fm.lineOf(typeof input === 'string' ? ['start'] : ['start', 'from']);
  const worldFile = folder.files.get(from);
  if (!worldFile) {
    problems.push({ file, line, message: `start world file '${from}' is not in ${file.replace(/\/[^/]+$/, '/')}` });
    return null;
  }
  const loaded = loadWorldData(worldFile.text);
  if (!loaded.ok) {
    problems.push({ file, line, message: `start world file '${from}' is not a valid world: ${loaded.error.message}` });
    return null;
  }
  return { file: worldFile.path, data: loaded.value as WorldData, setup };
}
