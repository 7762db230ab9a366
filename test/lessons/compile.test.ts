import { describe, expect, it } from 'vitest';
import { LessonContentError, type ContentProblem } from '../../src/lessons/content-error.ts';
import type { ContentFile } from '../../src/lessons/compile.ts';
import { LESSON_MD, STEP_MD, compile, validFiles, withLine } from './fixtures.ts';

const LESSON = 'lessons/01-sample/lesson.md';
const STEP = 'lessons/01-sample/01-turn-it-on.md';

function problemsOf(files: ContentFile[]): ContentProblem[] {
  try {
    compile(files);
  } catch (e) {
    if (e instanceof LessonContentError) return [...e.problems];
    throw e;
  }
  throw new Error('expected the content to be rejected');
}

const replaceStep = (text: string) => validFiles().map((f) => (f.path === STEP ? { ...f, text } : f));
const replaceLesson = (text: string) => validFiles().map((f) => (f.path === LESSON ? { ...f, text } : f));
/** The step with its one check (lines 4–5) replaced by these lines. */
const replaceCheck = (...lines: string[]) => replaceStep(STEP_MD.replace('  - type: systemAssignedEnabled\n    vm: myLinuxVM', lines.join('\n')));
const tokenFor = ['  - type: imdsToken', '    vm: myLinuxVM', '    resource: https://management.azure.com/', '    identity: identity:myUserAssignedIdentity'];
const blobRead = ['  - type: dataRead', '    service: storage', '    account: mysandboxstorage', '    path: /mycontainer/hello.txt', '    identity: vm:myLinuxVM'];

describe('compileLessons: valid content', () => {
  it('compiles a lesson: slugs without numbers, frontmatter, rendered HTML', () => {
    const [lesson] = compile(validFiles());
    expect(lesson).toMatchObject({ slug: 'sample', order: 1, title: 'A lesson', os: 'linux', shell: 'bash', vm: 'myLinuxVM', estimatedMinutes: 5 });
    expect(lesson!.start).toEqual({ preset: 'quickstart', setup: [] });
    expect(lesson!.html).toContain('<p>Intro for {{vmName}}.</p>');
    expect(lesson!.steps.map((s) => s.slug)).toEqual(['turn-it-on']);
    expect(lesson!.steps[0]).toMatchObject({
      file: STEP,
      checks: [{ type: 'systemAssignedEnabled', vm: 'myLinuxVM' }],
      hints: { nudge: 'Look at the VM.', hint: 'Security, Identity.' },
      solution: [{ portal: 'enableSystemAssigned', vm: 'myLinuxVM' }],
      hintRules: [],
    });
  });

  it('orders lessons by folder number and steps by file number; ignores files at the top of lessons/', () => {
    const files = [
      ...validFiles('02-second'),
      ...validFiles('01-first'),
      { path: 'lessons/01-first/02-again.md', text: STEP_MD },
      { path: 'lessons/welcome.md', text: '# not a lesson' },
    ];
    const lessons = compile(files);
    expect(lessons.map((l) => l.slug)).toEqual(['first', 'second']);
    expect(lessons[0]!.steps.map((s) => s.slug)).toEqual(['turn-it-on', 'again']);
  });

  it('reads files with Windows line endings, and reports lines the same way', () => {
    const crlf = (t: string) => t.replace(/\n/g, '\r\n');
    expect(compile(validFiles().map((f) => ({ ...f, text: crlf(f.text) })))[0]!.steps[0]!.html).toContain('Switch it on.');
    const bad = replaceStep(crlf(withLine(STEP_MD, 2, 'titel: x')));
    expect(() => compile(bad)).toThrow(/01-turn-it-on\.md:2: unknown field 'titel'/);
  });

  it('takes a start world from a JSON file next to the lesson, with setup actions', async () => {
    const { quickstartWorld, serializeWorld } = await import('../../src/sim/index.ts');
    const files = replaceLesson(withLine(LESSON_MD, 7, 'start: { from: world.json, setup: [{ portal: enableSystemAssigned, vm: myLinuxVM }] }'));
    files.push({ path: 'lessons/01-sample/world.json', text: serializeWorld(quickstartWorld().world) });
    const [lesson] = compile(files);
    expect(lesson!.start).toMatchObject({ file: 'lessons/01-sample/world.json', setup: [{ portal: 'enableSystemAssigned', vm: 'myLinuxVM' }] });
  });
});

describe('compileLessons: bad content names file and line', () => {
  const cases: { name: string; files: () => ContentFile[]; file: string; line: number; message: RegExp }[] = [
    { name: 'missing frontmatter', files: () => replaceStep('# Just markdown\n'), file: STEP, line: 1, message: /missing frontmatter/ },
    { name: 'unterminated frontmatter', files: () => replaceStep('---\ntitle: x\n'), file: STEP, line: 1, message: /unterminated frontmatter/ },
    { name: 'bad YAML', files: () => replaceStep(withLine(STEP_MD, 4, '  - type: systemAssignedEnabled: yes')), file: STEP, line: 4, message: /bad YAML/ },
    { name: 'duplicate key', files: () => replaceStep(withLine(STEP_MD, 6, 'title: again\nhints:')), file: STEP, line: 6, message: /bad YAML: Map keys must be unique/ },
    { name: 'missing field (step title)', files: () => replaceStep(withLine(STEP_MD, 2, '')), file: STEP, line: 3, message: /missing required field 'title'/ },
    { name: 'missing field (lesson summary)', files: () => replaceLesson(withLine(LESSON_MD, 3, '')), file: LESSON, line: 2, message: /missing required field 'summary'/ },
    { name: 'missing field inside a check', files: () => replaceStep(withLine(STEP_MD, 5, '')), file: STEP, line: 4, message: /missing required field 'checks\.0\.vm'/ },
    { name: 'unknown check type', files: () => replaceStep(withLine(STEP_MD, 4, '  - type: vmIsHappy')), file: STEP, line: 4, message: /unknown check type "vmIsHappy" \(known: systemAssignedEnabled, /s },
    {
      name: 'unknown role',
      files: () => replaceStep(STEP_MD.replace('  - type: systemAssignedEnabled\n    vm: myLinuxVM', '  - type: roleAssigned\n    role: Readr\n    scope: resourceGroup:myResourceGroup\n    principal: vm:myLinuxVM')),
      file: STEP,
      line: 5,
      message: /unknown role 'Readr'/,
    },
    {
      name: 'bad scope reference',
      files: () => replaceStep(STEP_MD.replace('  - type: systemAssignedEnabled\n    vm: myLinuxVM', '  - type: roleAssigned\n    role: Reader\n    scope: rg/myResourceGroup\n    principal: vm:myLinuxVM')),
      file: STEP,
      line: 6,
      message: /'rg\/myResourceGroup' is not a scope/,
    },
    { name: 'imdsToken: bad identity reference', files: () => replaceCheck(...tokenFor.with(3, '    identity: myUserAssignedIdentity')), file: STEP, line: 7, message: /'myUserAssignedIdentity' is not a principal: write 'vm:<name>'/ },
    { name: 'imdsToken: identity must be text', files: () => replaceCheck(...tokenFor.with(3, '    identity: [a, b]')), file: STEP, line: 7, message: /'checks\.0\.identity': must be a principal/ },
    { name: 'imdsToken: misspelt identity field', files: () => replaceCheck(...tokenFor.with(3, '    identiy: identity:myUserAssignedIdentity')), file: STEP, line: 7, message: /unknown field 'identiy'/ },
    {
      name: 'createUserAssignedIdentity without its group',
      files: () => replaceStep(withLine(STEP_MD, 10, '  - portal: createUserAssignedIdentity\n    identity: myUserAssignedIdentity')),
      file: STEP,
      line: 10,
      message: /missing required field 'solution\.0\.resourceGroup'/,
    },
    {
      name: 'setup: identity in a group that does not exist',
      files: () => replaceLesson(withLine(LESSON_MD, 7, 'start: { from: quickstart, setup: [{ portal: createUserAssignedIdentity, identity: myId, resourceGroup: noGroup }] }')),
      file: LESSON,
      line: 7,
      message: /setup action 1 \(createUserAssignedIdentity\) failed: there is no resource group named noGroup/,
    },
    { name: 'identity placeholder without a name', files: () => replaceStep(`${STEP_MD}\nUse {{clientId}} here.\n`), file: STEP, line: 16, message: /unknown placeholder '\{\{clientId\}\}'.*clientId:<identity name>/ },
    { name: 'data check: unknown data plane', files: () => replaceCheck(...blobRead.with(1, '    service: blob')), file: STEP, line: 5, message: /'checks\.0\.service': unknown data plane "blob": write 'service: storage'/ },
    { name: 'data check: no data plane', files: () => replaceCheck(...blobRead.toSpliced(1, 1)), file: STEP, line: 4, message: /missing required field 'checks\.0\.service'/ },
    { name: 'data check: storage without its account', files: () => replaceCheck(...blobRead.toSpliced(2, 1)), file: STEP, line: 4, message: /missing required field 'checks\.0\.account'/ },
    { name: 'data check: bad storage account name', files: () => replaceCheck(...blobRead.with(2, '    account: My_Storage')), file: STEP, line: 6, message: /'checks\.0\.account': must be a storage account name/ },
    { name: 'data check: a key vault is named by vault, not account', files: () => replaceCheck(...blobRead.with(1, '    service: keyVault')), file: STEP, line: 6, message: /unknown field 'account'/ },
    { name: 'data check: bad key vault name', files: () => replaceCheck(...blobRead.with(1, '    service: keyVault').with(2, '    vault: my--vault')), file: STEP, line: 6, message: /'checks\.0\.vault': must be a key vault name/ },
    { name: 'data check: bad path', files: () => replaceCheck(...blobRead.with(3, '    path: mycontainer/hello.txt')), file: STEP, line: 7, message: /'checks\.0\.path': must start with '\/'/ },
    {
      name: 'data check: dataError status',
      files: () => replaceCheck('  - type: dataError', '    service: storage', '    account: mysandboxstorage', '    status: forbidden', '    code: AuthorizationPermissionMismatch'),
      file: STEP,
      line: 7,
      message: /'checks\.0\.status': must be an HTTP status number/,
    },
    { name: 'step with no checks', files: () => replaceStep(STEP_MD.replace('checks:\n  - type: systemAssignedEnabled\n    vm: myLinuxVM', 'checks: []')), file: STEP, line: 3, message: /at least one check/ },
    { name: 'step with no solution', files: () => replaceStep(STEP_MD.replace(/solution:\n(.*\n){2}/, 'solution: []\n')), file: STEP, line: 9, message: /needs a solution/ },
    { name: 'unknown field (typo)', files: () => replaceStep(withLine(STEP_MD, 2, 'titel: Turn it on')), file: STEP, line: 2, message: /unknown field 'titel'/ },
    { name: 'unknown portal action', files: () => replaceStep(withLine(STEP_MD, 10, '  - portal: rebootVm')), file: STEP, line: 10, message: /unknown portal action "rebootVm"/ },
    { name: 'bad os', files: () => replaceLesson(withLine(LESSON_MD, 4, 'os: macos')), file: LESSON, line: 4, message: /'os'.*'linux' or 'windows'/ },
    { name: 'unknown preset', files: () => replaceLesson(withLine(LESSON_MD, 7, 'start: bigworld')), file: LESSON, line: 7, message: /'bigworld' is neither a preset/ },
    { name: 'missing world file', files: () => replaceLesson(withLine(LESSON_MD, 7, 'start: nowhere.json')), file: LESSON, line: 7, message: /'nowhere\.json' is not in lessons\/01-sample\// },
    { name: 'VM not in the start world', files: () => replaceLesson(withLine(LESSON_MD, 6, 'vm: myMacVM')), file: LESSON, line: 6, message: /vm 'myMacVM' is not in the start world/ },
    {
      name: 'setup action that cannot apply',
      files: () => replaceLesson(withLine(LESSON_MD, 7, 'start: { from: quickstart, setup: [{ portal: enableSystemAssigned, vm: ghostVM }] }')),
      file: LESSON,
      line: 7,
      message: /setup action 1 \(enableSystemAssigned\) failed: there is no VM named ghostVM/,
    },
    {
      name: 'tutorial address off Microsoft Learn',
      files: () => replaceLesson(LESSON_MD.replace(/url: .*/, 'url: https://example.com/tutorial')),
      file: LESSON,
      line: 11,
      message: /'tutorial\.url'.*Microsoft Learn address/,
    },
    { name: 'missing tutorial', files: () => replaceLesson(LESSON_MD.replace(/tutorial:\n.*\n.*\n/, '')), file: LESSON, line: 2, message: /missing required field 'tutorial'/ },
    { name: 'unknown group', files: () => replaceLesson(LESSON_MD.replace('group: start', 'group: advanced')), file: LESSON, line: 12, message: /'group'.*start, service, lifecycle, production/ },
    {
      name: 'requires a lesson that does not exist',
      files: () => replaceLesson(LESSON_MD.replace('group: start', 'group: start\nrequires: [linux-vm-arms]')),
      file: LESSON,
      line: 1,
      message: /'requires' names 'linux-vm-arms', which is no lesson's slug \(known: sample\)/,
    },
    { name: 'requires itself', files: () => replaceLesson(LESSON_MD.replace('group: start', 'group: start\nrequires: [sample]')), file: LESSON, line: 1, message: /'requires' lists the lesson itself/ },
    {
      name: 'unknown sandbox setup action',
      files: () => replaceLesson(withLine(LESSON_MD, 7, 'start: { from: quickstart, setup: [{ sandbox: rebootImds }] }')),
      file: LESSON,
      line: 7,
      message: /unknown sandbox action "rebootImds" \(known: imdsFault, propagationDelay, groupMember, groupRole\)/,
    },
    {
      name: 'a 410 window longer than IMDS keeps one',
      files: () => replaceLesson(withLine(LESSON_MD, 7, 'start: { from: quickstart, setup: [{ sandbox: imdsFault, fault: gone, seconds: 90 }] }')),
      file: LESSON,
      line: 7,
      message: /setup action 1 \(imdsFault\) failed: InvalidFaultPlan: IMDS answers 410 for at most 70 seconds/,
    },
    {
      name: 'unknown check option (served)',
      files: () => replaceStep(STEP_MD.replace('  - type: systemAssignedEnabled\n    vm: myLinuxVM', '  - type: imdsToken\n    vm: myLinuxVM\n    resource: https://management.azure.com/\n    served: stale')),
      file: STEP,
      line: 7,
      message: /'checks\.0\.served'.*'cache'.*'fresh'/,
    },
    {
      name: 'a retry check after a status IMDS says not to retry',
      files: () => replaceStep(STEP_MD.replace('  - type: systemAssignedEnabled\n    vm: myLinuxVM', '  - type: imdsRetried\n    vm: myLinuxVM\n    after: [400]')),
      file: STEP,
      line: 6,
      message: /'checks\.0\.after\.0'.*404, 410, 429 or 5xx/,
    },
    {
      name: 'a dataCall that names both a token identity and a SAS',
      files: () => replaceCheck('  - type: dataCall', '    method: GET', '    service: storage', '    account: mysandboxstorage', '    path: /mycontainer/hello.txt', '    identity: vm:myLinuxVM', '    sas: true'),
      file: STEP,
      line: 4,
      message: /a dataCall names who made the call: 'identity' or 'sas: true', one of them/,
    },
    {
      name: 'a dataError that names both an identity and a SAS',
      files: () => replaceCheck('  - type: dataError', '    service: storage', '    account: mysandboxstorage', '    status: 403', '    code: AuthenticationFailed', '    identity: vm:myLinuxVM', '    sas: true'),
      file: STEP,
      line: 4,
      message: /a dataError names 'identity' or 'sas: true', not both/,
    },
    { name: 'unknown placeholder in the body', files: () => replaceStep(`${STEP_MD}\nUse {{subscriptionID}} here.\n`), file: STEP, line: 16, message: /unknown placeholder '\{\{subscriptionID\}\}'/ },
    { name: 'unknown placeholder in frontmatter', files: () => replaceStep(withLine(STEP_MD, 7, '  nudge: Look at {{vm}}.')), file: STEP, line: 7, message: /unknown placeholder '\{\{vm\}\}'/ },
    { name: 'unknown code-fence action', files: () => replaceStep(`${STEP_MD}\n\`\`\`bash execute\nls\n\`\`\`\n`), file: STEP, line: 16, message: /unknown code-fence action 'execute'/ },
    { name: 'badly named step file', files: () => [...validFiles(), { path: 'lessons/01-sample/extra.md', text: STEP_MD }], file: 'lessons/01-sample/extra.md', line: 1, message: /must be named NN-<slug>\.md/ },
    { name: 'duplicate step slug', files: () => [...validFiles(), { path: 'lessons/01-sample/02-turn-it-on.md', text: STEP_MD }], file: 'lessons/01-sample/02-turn-it-on.md', line: 1, message: /duplicate step slug 'turn-it-on'/ },
    { name: 'a step slug the app keeps for itself', files: () => [...validFiles(), { path: 'lessons/01-sample/02-cheat-sheet.md', text: STEP_MD }], file: 'lessons/01-sample/02-cheat-sheet.md', line: 1, message: /step slug 'cheat-sheet' is reserved/ },
    { name: 'duplicate step number', files: () => [...validFiles(), { path: 'lessons/01-sample/01-other.md', text: STEP_MD }], file: 'lessons/01-sample/01-turn-it-on.md', line: 1, message: /step number 01 is already used/ },
    { name: 'missing lesson.md', files: () => validFiles().filter((f) => f.path !== LESSON), file: LESSON, line: 1, message: /missing lesson\.md/ },
    { name: 'badly named lesson folder', files: () => validFiles('Sample'), file: 'lessons/Sample/lesson.md', line: 1, message: /must be named NN-<slug>/ },
    {
      name: 'duplicate lesson slug',
      files: () => [...validFiles('01-one'), ...validFiles('02-two').map((f) => (f.path.endsWith('lesson.md') ? { ...f, text: withLine(LESSON_MD, 2, 'title: A lesson\nslug: one') } : f))],
      file: 'lessons/02-two/lesson.md',
      line: 1,
      message: /duplicate lesson slug 'one' \(also used by lessons\/01-one\/lesson\.md\)/,
    },
  ];

  it.each(cases)('$name', ({ files, file, line, message }) => {
    const problems = problemsOf(files());
    const hit = problems.find((p) => message.test(p.message));
    expect(hit, `problems were: ${JSON.stringify(problems)}`).toBeDefined();
    expect({ file: hit!.file, line: hit!.line }).toEqual({ file, line });
  });

  it('collects every problem of a build and formats each as file:line: message', () => {
    const files = [
      ...replaceStep(withLine(STEP_MD, 2, 'titel: x')),
      { path: 'lessons/02-other/lesson.md', text: withLine(LESSON_MD, 4, 'os: beos') },
      { path: 'lessons/02-other/01-turn-it-on.md', text: STEP_MD },
    ];
    try {
      compile(files);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LessonContentError);
      const err = e as LessonContentError;
      expect(err.problems.length).toBeGreaterThanOrEqual(2);
      expect(err.message).toMatch(/lessons\/01-sample\/01-turn-it-on\.md:2: unknown field 'titel'/);
      expect(err.message).toMatch(/lessons\/02-other\/lesson\.md:4: 'os'/);
    }
  });
});

describe('compileLessons: any input', () => {
  it('property: arbitrary step text or frontmatter values give a LessonContentError with file and line, never another throw', async () => {
    const fc = (await import('fast-check')).default;
    const yamlish = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => `---\n${JSON.stringify({ title: 'x', checks: v, hints: { nudge: 'a', hint: 'b' }, solution: v })}\n---\nbody`),
      fc.jsonValue().map((v) => `---\nchecks:\n  - ${JSON.stringify(v)}\n---\n`),
      fc.string().map((s) => `---\n${s}\n---\n${s}`),
    );
    fc.assert(
      fc.property(yamlish, (text) => {
        try {
          compile(replaceStep(text));
        } catch (e) {
          expect(e).toBeInstanceOf(LessonContentError);
          for (const p of (e as LessonContentError).problems) {
            expect(p.file).toMatch(/^lessons\//);
            expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
