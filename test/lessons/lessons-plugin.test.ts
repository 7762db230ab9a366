import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lessonsPlugin, loadLessons } from '../../build/lessons-plugin.ts';
import { LessonContentError } from '../../src/lessons/content-error.ts';
import { LESSON_MD, STEP_MD, withLine } from './fixtures.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function contentDir(step = STEP_MD): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'mi-lessons-'));
  dirs.push(root);
  await mkdir(path.join(root, 'lessons', '01-sample'), { recursive: true });
  await writeFile(path.join(root, 'lessons', 'welcome.md'), '# Welcome\n');
  await writeFile(path.join(root, 'lessons', '01-sample', 'lesson.md'), LESSON_MD);
  await writeFile(path.join(root, 'lessons', '01-sample', '01-turn-it-on.md'), step);
  return root;
}

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const hook = (h: unknown): Hook => (typeof h === 'function' ? h : (h as { handler: Hook }).handler) as Hook;

async function loadVirtual(root: string, virtualId = 'virtual:lessons') {
  const plugin = lessonsPlugin();
  hook(plugin.configResolved).call({}, { root });
  const id = hook(plugin.resolveId).call({}, virtualId) as string;
  const watched: string[] = [];
  const ctx = {
    addWatchFile: (f: string) => watched.push(f),
    error: (e: { message: string; id: string; loc: { line: number } }) => {
      throw Object.assign(new Error(e.message), { id: e.id, loc: e.loc });
    },
  };
  const code = (await hook(plugin.load).call(ctx, id)) as string;
  return { id, code, watched };
}

describe('lessonsPlugin', () => {
  it('serves each compiled lesson as virtual:lessons/<slug> and watches every content file', async () => {
    const root = await contentDir();
    const { id, code, watched } = await loadVirtual(root, 'virtual:lessons/sample');
    expect(id).toBe('\0virtual:lessons/sample');
    const lesson = JSON.parse(code.replace(/^export default /, '').replace(/;$/, ''));
    expect(lesson.slug).toBe('sample');
    expect(lesson.steps[0].html).toContain('<p>Switch it on.</p>');
    expect(watched).toContain(path.join(root, 'lessons', '01-sample', '01-turn-it-on.md'));
  });

  it('builds virtual:lessons from the per-lesson modules, so the app and the embed share chunks', async () => {
    const { id, code } = await loadVirtual(await contentDir());
    expect(id).toBe('\0virtual:lessons');
    expect(code).toBe('import lesson0 from "virtual:lessons/sample";\nexport default [lesson0];');
  });

  it('lists slugs and titles in virtual:lesson-index, with a loader per lesson and an error for others', async () => {
    const { code } = await loadVirtual(await contentDir(), 'virtual:lesson-index');
    const index = JSON.parse(code.match(/^export const lessonIndex = (.*);$/m)![1]!);
    expect(index).toEqual([{ slug: 'sample', title: expect.any(String), steps: [{ slug: 'turn-it-on', title: expect.any(String) }] }]);
    expect(code).toContain('"sample": () => import("virtual:lessons/sample")');
    expect(code).not.toContain('Switch it on');
    // The loader, run as written, refuses a slug it does not have (and a prototype key).
    const body = code.replace(/^export /gm, '');
    const loadLesson = new Function(`${body}\nreturn loadLesson;`)() as (slug: string) => Promise<unknown>;
    await expect(loadLesson('nope')).rejects.toThrow('There is no lesson "nope".');
    await expect(loadLesson('constructor')).rejects.toThrow('There is no lesson "constructor".');
  });

  it('lists what the start page shows of every lesson in virtual:lesson-catalog, and nothing of its steps but their slugs', async () => {
    const { code } = await loadVirtual(await contentDir(), 'virtual:lesson-catalog');
    const catalog = JSON.parse(code.replace(/^export default /, '').replace(/;$/, ''));
    expect(catalog).toEqual([
      {
        slug: 'sample',
        title: expect.any(String),
        shortTitle: expect.any(String),
        summary: expect.any(String),
        estimatedMinutes: expect.any(Number),
        os: expect.stringMatching(/^(linux|windows)$/),
        shell: expect.stringMatching(/^(bash|powershell)$/),
        group: expect.any(String),
        requires: [],
        steps: [{ slug: 'turn-it-on' }],
      },
    ]);
    expect(code).not.toMatch(/Switch it on|"checks":|"hints":|"solution":|"start":/);
  });

  it("serves one step's HTML alone as virtual:lesson-text/<lesson>--<step>, loaded through the index", async () => {
    const root = await contentDir();
    const { code } = await loadVirtual(root, 'virtual:lesson-text/sample--turn-it-on');
    const module = new Function(`${code.replace(/^export default /m, 'const html = ').replace(/^export const /m, 'const ')}\nreturn { html, about };`)() as {
      html: string;
      about: { html: string; tutorial: { title: string; url: string } };
    };
    expect(module.html).toContain('<p>Switch it on.</p>');
    // A first step also carries "About this lesson" (the lesson page opens it on step 1), names filled.
    expect(module.about.html).toContain('Intro for myLinuxVM.');
    expect(module.about.tutorial).toEqual({ title: 'A tutorial', url: 'https://learn.microsoft.com/en-us/entra/identity/managed-identities-azure-resources/overview' });
    // Nothing but the text: no checks, hints or worlds.
    expect(code).not.toMatch(/"checks"|"hints"|"start"/);
    await expect(loadVirtual(root, 'virtual:lesson-text/sample--nope')).rejects.toThrow(/There is no step "sample--nope" in lessons\//);

    const index = (await loadVirtual(root, 'virtual:lesson-index')).code;
    expect(index).toContain('"sample/turn-it-on": () => import("virtual:lesson-text/sample--turn-it-on")');
    const loadStepText = new Function(`${index.replace(/^export /gm, '')}\nreturn loadStepText;`)() as (l: string, s: string) => Promise<unknown>;
    await expect(loadStepText('sample', 'nope')).rejects.toThrow('There is no step "nope" in lesson "sample".');
    await expect(loadStepText('constructor', '')).rejects.toThrow('There is no step "" in lesson "constructor".');
    const loadStepPreview = new Function(`${index.replace(/^export /gm, '')}\nreturn loadStepPreview;`)() as (l: string, s: string) => Promise<unknown>;
    await expect(loadStepPreview('sample', 'nope')).rejects.toThrow('There is no step "nope" in lesson "sample".');
  });

  it('refuses a lesson module for a slug that does not exist', async () => {
    await expect(loadVirtual(await contentDir(), 'virtual:lessons/nope')).rejects.toThrow(/There is no lesson "nope" in lessons\//);
  });

  it('fails the build on bad content, pointing at the file and line', async () => {
    const root = await contentDir(withLine(STEP_MD, 4, '  - type: vmIsHappy'));
    const failure = await loadVirtual(root).then(
      () => null,
      (e: Error & { id: string; loc: { line: number } }) => e,
    );
    expect(failure?.message).toMatch(/lessons\/01-sample\/01-turn-it-on\.md:4: 'checks\.0\.type': unknown check type "vmIsHappy"/);
    expect(failure?.id).toBe(path.join(root, 'lessons', '01-sample', '01-turn-it-on.md'));
    expect(failure?.loc.line).toBe(4);
  });

  it('ignores other module ids', async () => {
    const plugin = lessonsPlugin();
    expect(hook(plugin.resolveId).call({}, './App.svelte')).toBeNull();
    expect(await hook(plugin.load).call({}, '/src/main.ts')).toBeNull();
  });
});

describe('loadLessons', () => {
  it('throws LessonContentError for bad content', async () => {
    const root = await contentDir(withLine(STEP_MD, 2, 'titel: x'));
    await expect(loadLessons(path.join(root, 'lessons'))).rejects.toBeInstanceOf(LessonContentError);
  });

  it('loads the repository lessons: the VM tutorials in the docs\' order, signing the Azure CLI in as the VM, then the lifecycle and production lessons', async () => {
    const lessons = await loadLessons('lessons');
    expect(lessons.map((l) => l.slug)).toEqual([
      'linux-vm-arm',
      'windows-vm-arm',
      'linux-vm-storage',
      'linux-vm-user-assigned',
      'windows-vm-storage',
      'linux-vm-key-vault',
      'windows-vm-key-vault',
      'windows-vm-user-assigned',
      'linux-vm-storage-sas',
      'sign-in-as-the-vm',
      'turn-it-off',
      'system-or-user-assigned',
      'tokens-and-caching',
      'imds-retries',
      'imds-retries-powershell',
      'sign-in-as-the-vm-windows',
      'windows-vm-storage-sas',
    ]);
    expect(lessons.slice(0, 6).map((l) => [l.slug, l.shell, l.vm, l.start])).toEqual([
      ['linux-vm-arm', 'bash', 'myLinuxVM', { preset: 'quickstart', setup: [] }],
      ['windows-vm-arm', 'powershell', 'myWindowsVM', { preset: 'quickstart', setup: [] }],
      ['linux-vm-storage', 'bash', 'myLinuxVM', { preset: 'data', setup: [] }],
      ['linux-vm-user-assigned', 'bash', 'myLinuxVM', { preset: 'quickstart', setup: [] }],
      ['windows-vm-storage', 'powershell', 'myWindowsVM', { preset: 'data', setup: [] }],
      ['linux-vm-key-vault', 'bash', 'myLinuxVM', { preset: 'data', setup: [] }],
    ]);
    // Every lesson names the Microsoft Learn article it follows and where the start page lists it.
    for (const lesson of lessons) {
      expect(lesson.tutorial.url, lesson.slug).toMatch(/^https:\/\/learn\.microsoft\.com\/en-us\/entra\/identity\/managed-identities-azure-resources\//);
      expect(['start', 'service', 'lifecycle', 'production'], lesson.slug).toContain(lesson.group);
    }
    const signIn = lessons.find((l) => l.slug === 'sign-in-as-the-vm')!;
    expect([signIn.shell, signIn.vm, signIn.start]).toEqual(['bash', 'myLinuxVM', { preset: 'quickstart', setup: [{ portal: 'enableSystemAssigned', vm: 'myLinuxVM' }] }]);
    expect(signIn.steps.map((s) => s.slug)).toEqual(['sign-in', 'grant-reader', 'read-the-group', 'see-the-token']);
    const signInWindows = lessons.find((l) => l.slug === 'sign-in-as-the-vm-windows')!;
    expect([signInWindows.shell, signInWindows.vm, signInWindows.start]).toEqual(['powershell', 'myWindowsVM', { preset: 'quickstart', setup: [{ portal: 'enableSystemAssigned', vm: 'myWindowsVM' }] }]);
    expect(signInWindows.steps.map((s) => s.slug)).toEqual(['sign-in', 'grant-reader', 'read-the-group']);
    expect(lessons[0]!.steps.map((s) => s.slug)).toEqual(['enable-identity', 'grant-reader', 'connect', 'get-a-token', 'call-arm', 'what-goes-wrong']);
    // The Windows quickstart goes on past these with its tutorial's Disable.
    expect(lessons[1]!.steps.map((s) => s.slug).slice(0, 6)).toEqual(['enable-identity', 'grant-reader', 'connect', 'get-a-token', 'call-arm', 'what-goes-wrong']);
    for (const lesson of [lessons[2]!, lessons[4]!]) {
      expect(lesson.steps.map((s) => s.slug)).toEqual(['enable-identity', 'grant-blob-reader', 'get-a-storage-token', 'read-the-blob', 'what-goes-wrong']);
    }
    expect(lessons[3]!.steps.map((s) => s.slug)).toEqual(['create-identity', 'attach-identity', 'grant-reader', 'get-a-token', 'call-arm', 'what-goes-wrong']);
    // The last step starts from a composed world: two identities on the VM, only one with a role.
    expect(lessons[3]!.steps[5]!.start).toMatchObject({ preset: 'quickstart', setup: { length: 5 } });
    expect(lessons[5]!.steps.map((s) => s.slug)).toEqual(['enable-identity', 'grant-secrets-user', 'get-a-vault-token', 'read-the-secret', 'what-goes-wrong']);
    // The mistakes start from the identity with Reader only: no Key Vault role yet.
    expect(lessons[5]!.steps[4]!.start).toMatchObject({ preset: 'data', setup: { length: 2 } });
  });
});
