import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../build/lessons-plugin.ts';
import { cheatSheet, cheatSheetScript, type CheatSheet } from '../../src/lessons/cheat-sheet';
import { previewTextOf } from '../../src/lessons/preview-text';
import { fillTextPartly } from '../../src/lessons/placeholders';
import { isPortalAction, type CompiledLesson, type PortalAction } from '../../src/lessons/types';
import { compile, validFiles } from './fixtures';

const lessons = await loadLessons('lessons');
const byName = (slug: string) => lessons.find((l) => l.slug === slug)!;
const sheetStep = (lesson: string, step: string) => cheatSheet(byName(lesson)).steps.find((s) => s.slug === step)!;
const commandsOf = (sheet: CheatSheet) => sheet.steps.flatMap((s) => s.actions.flatMap((a) => (a.kind === 'shell' ? [a.command] : [])));

/** The solution's text as a pattern: its placeholders may be filled by a name or shown as `<name>`, the rest is verbatim. */
const solutionPattern = (shell: string) =>
  new RegExp(`^${shell.replace(/\s+$/, '').split(/\{\{[^}]+\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(<[A-Za-z]+(?: of [\\w.-]+)?>|[\\w.-]+)')}$`);

/** The names in a portal action the reader must see in its description. */
const namesIn = (a: PortalAction) =>
  Object.entries(a)
    .filter(([k]) => k !== 'portal')
    .map(([, v]) => String(v).replace(/^(vm|identity|resourceGroup|storageAccount|keyVault):/, ''))
    .filter((v) => v !== 'subscription');

describe('cheatSheet over every real lesson', () => {
  it.each(lessons.map((l) => [l.slug, l] as [string, CompiledLesson]))('%s: every step, its outcome and its solution', (_, lesson) => {
    const sheet = cheatSheet(lesson);
    expect(sheet.title).toBe(lesson.title);
    expect(sheet.shellName).toBe(lesson.shell === 'powershell' ? 'PowerShell' : 'bash');
    expect(sheet.steps.map((s) => [s.number, s.slug, s.title])).toEqual(lesson.steps.map((s, i) => [i + 1, s.slug, s.title]));
    lesson.steps.forEach((step, i) => {
      const shown = sheet.steps[i]!;
      const where = `${lesson.slug} step ${i + 1}`;
      expect(shown.outcome, where).toMatch(/^Done when [a-zA-Z].+\.$/);
      expect(shown.actions, where).toHaveLength(step.solution.length);
      step.solution.forEach((action, j) => {
        const got = shown.actions[j]!;
        if (isPortalAction(action)) {
          expect(got.kind, where).toBe('portal');
          const text = got.kind === 'portal' ? got.text : '';
          expect(text, where).toMatch(/^Portal: /);
          for (const name of namesIn(action)) expect(text, where).toContain(name);
        } else {
          expect(got.kind, where).toBe('shell');
          expect(got.kind === 'shell' ? got.command : '', where).toMatch(solutionPattern(action.shell));
        }
      });
    });
    const everything = JSON.stringify(sheet) + cheatSheetScript(sheet);
    expect(everything).not.toMatch(/\{\{|\}\}/);
    // No id of the sandbox's world: they mean nothing on a real subscription.
    expect(everything).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });

  it.each([
    // [lesson, step, in a command, to replace]
    ['linux-vm-arm', 'get-a-token', "curl 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' -H Metadata:true", []],
    ['linux-vm-arm', 'call-arm', '/subscriptions/<subscriptionId>/resourceGroups/myResourceGroup?', ['<subscriptionId>']],
    ['windows-vm-arm', 'call-arm', '/subscriptions/<subscriptionId>/resourceGroups/myResourceGroup?api-version=2016-06-01', ['<subscriptionId>']],
    ['linux-vm-user-assigned', 'get-a-token', 'client_id=<clientId of myUserAssignedIdentity>', ['<clientId of myUserAssignedIdentity>']],
    ['linux-vm-storage', 'read-the-blob', 'https://mysandboxstorage.blob.core.windows.net/mycontainer/hello.txt', []],
  ])('%s / %s fills the names and shows ids by name', (lesson, step, command, fillIn) => {
    const shown = sheetStep(lesson, step);
    expect(shown.actions.some((a) => a.kind === 'shell' && a.command.includes(command))).toBe(true);
    expect(shown.fillIn.map((f) => f.placeholder)).toEqual(fillIn);
    for (const f of shown.fillIn) expect(f.where).toMatch(/portal: /);
  });

  it.each([
    ['linux-vm-arm', 'enable-identity', "Done when myLinuxVM's system-assigned identity is on.", 'Portal: open myLinuxVM → Security → Identity → System assigned, set Status to On'],
    ['linux-vm-arm', 'grant-reader', "Done when myLinuxVM's system-assigned identity has Reader on resource group myResourceGroup.", 'Role: Reader'],
    ['linux-vm-user-assigned', 'create-identity', 'Done when the user-assigned identity myUserAssignedIdentity exists in myResourceGroup.', 'Managed Identities → + Create'],
  ])('%s / %s: a portal step says what it achieves and what to click', (lesson, step, outcome, click) => {
    const shown = sheetStep(lesson, step);
    expect(shown.outcome).toBe(outcome);
    expect(shown.actions).toEqual([{ kind: 'portal', text: expect.stringContaining(click) }]);
  });

  it('names the subscription by "…" in outcomes, as the lesson page does', () => {
    expect(sheetStep('linux-vm-arm', 'call-arm').outcome).toBe("Done when ARM answered 200 for GET …/resourceGroups/myResourceGroup using myLinuxVM's identity.");
    expect(sheetStep('linux-vm-arm', 'what-goes-wrong').outcome).toMatch(/^Done when IMDS answered 400 .*, ARM answered 403 .*, and ARM answered 403 .*\.$/);
  });
});

describe('cheatSheetScript', () => {
  it.each(lessons.map((l) => [l.slug, l] as [string, CompiledLesson]))('%s: every command in order, each step as a comment', (_, lesson) => {
    const sheet = cheatSheet(lesson);
    const script = cheatSheetScript(sheet);
    let at = 0;
    for (const step of sheet.steps) {
      const heading = script.indexOf(`\n# ${step.number}. ${step.title}\n`, at);
      expect(heading, step.slug).toBeGreaterThanOrEqual(at);
      at = heading;
      for (const action of step.actions) {
        const line = action.kind === 'portal' ? `# ${action.text}` : action.command;
        const found = script.indexOf(line, at);
        expect(found, `${step.slug}: ${line}`).toBeGreaterThan(at);
        at = found;
      }
    }
    // Nothing but comments and the commands themselves: pasted into the shell, it runs just them.
    const commandLines = new Set(commandsOf(sheet).flatMap((c) => c.split('\n')));
    for (const line of script.split('\n')) if (line && !line.startsWith('#')) expect(commandLines.has(line), line).toBe(true);
  });

  it('says which values to replace, once each', () => {
    const script = cheatSheetScript(cheatSheet(byName('linux-vm-arm')));
    expect(script).toContain('# Replace <subscriptionId> with your own value before running.');
    expect(script.split('\n').filter((l) => l.startsWith('# Replace'))).toHaveLength(1);
    expect(cheatSheetScript(cheatSheet(byName('linux-vm-storage')))).not.toContain('# Replace');
  });

  it('is empty for a lesson done in the portal alone', () => {
    const sheet = cheatSheet(compile(validFiles())[0]!);
    expect(sheet.steps).toHaveLength(1);
    expect(sheet.steps.every((s) => s.actions.every((a) => a.kind === 'portal'))).toBe(true);
    expect(cheatSheetScript(sheet)).toBe('');
  });
});

describe('previewTextOf and fillTextPartly: plain text filled as the preview fills HTML', () => {
  it('fills the names of the step\'s start world, shows ids by name and reports them in order', () => {
    const lesson = byName('linux-vm-user-assigned');
    const fill = previewTextOf(lesson, 0);
    const seen: string[] = [];
    const text = fill('{{vmName}} in {{resourceGroup}} ({{location}}): {{subscriptionId}} {{clientId:myUserAssignedIdentity}} <b>', (n, a) => seen.push(a ? `${n}/${a}` : n));
    expect(text).toMatch(/^myLinuxVM in myResourceGroup \([a-z0-9]+\): <subscriptionId> <clientId of myUserAssignedIdentity> <b>$/);
    expect(seen).toEqual(['subscriptionId', 'clientId/myUserAssignedIdentity']);
  });

  it('leaves values unescaped in text', () => {
    expect(fillTextPartly('{{vmName}} {{tenantId}}', { vmName: '<a&b>' }, (n) => `[${n}]`)).toBe('<a&b> [tenantId]');
  });

  it('refuses a step the lesson does not have', () => {
    expect(() => previewTextOf(lessons[0]!, 99)).toThrow(RangeError);
  });
});
