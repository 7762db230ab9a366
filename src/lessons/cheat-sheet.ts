/**
 * A finished lesson as a reference: every step with what it achieves and what its solution does —
 * portal clicks in words, shell commands exactly as typed — so a learner can repeat the lesson on a
 * real VM. The page is /lessons/<lesson>/cheat-sheet (src/ui/cheatsheet).
 *
 * Filled the way the embed's preview fills a step (preview-text.ts), not with the learner's own
 * world: the names a step's start world fixes (myLinuxVM, myResourceGroup) are the ones the lesson
 * and Microsoft's tutorial use, while the sandbox's ids (its made-up subscription id, client ids)
 * are useless on a real subscription — they stay `<subscriptionId>`, and each step lists where to
 * find the real value.
 */
import { evaluateCheck } from './checks/index';
import { placeholderValues } from './placeholders';
import { placeholderByName, previewTextOf } from './preview-text';
import { describePortalAction } from './solution';
import { buildStartWorld } from './start-world';
import { nearestStart } from './step-world';
import { isPortalAction, type CheckSpec, type CompiledLesson, type ShellKind } from './types';

export type CheatSheetAction = { kind: 'portal'; text: string } | { kind: 'shell'; command: string };

/** A value the reader must put in before running a step's commands. */
export interface FillIn {
  /** As the commands show it: `<subscriptionId>`, `<clientId of myUserAssignedIdentity>`. */
  placeholder: string;
  /** Where a real subscription shows it. */
  where: string;
}

export interface CheatSheetStep {
  /** 1-based, as the lesson page numbers its steps. */
  number: number;
  slug: string;
  title: string;
  /** One sentence: what is true once the step is done (its checks), "Done when …". */
  outcome: string;
  /** The step's solution in order. */
  actions: CheatSheetAction[];
  fillIn: FillIn[];
}

export interface CheatSheet {
  lesson: string;
  title: string;
  shell: ShellKind;
  /** How the shell is named to the reader: "bash", "PowerShell". */
  shellName: string;
  vm: string;
  steps: CheatSheetStep[];
}

export function cheatSheet(lesson: CompiledLesson): CheatSheet {
  return {
    lesson: lesson.slug,
    title: lesson.title,
    shell: lesson.shell,
    shellName: lesson.shell === 'powershell' ? 'PowerShell' : 'bash',
    vm: lesson.vm,
    steps: lesson.steps.map((step, index) => {
      const fill = previewTextOf(lesson, index);
      const fillIn = new Map<string, FillIn>();
      const note = (name: string, arg?: string) => {
        const placeholder = placeholderByName(name, arg);
        if (!fillIn.has(placeholder)) fillIn.set(placeholder, { placeholder, where: whereToFind(name, arg, lesson.vm) });
      };
      const actions = step.solution.map((action): CheatSheetAction =>
        isPortalAction(action) ? { kind: 'portal', text: describePortalAction(action) } : { kind: 'shell', command: fill(action.shell.replace(/\s+$/, ''), note) },
      );
      return { number: index + 1, slug: step.slug, title: step.title, outcome: outcomeOf(lesson, index, step.checks, fill), actions, fillIn: [...fillIn.values()] };
    }),
  };
}

/**
 * Every command of the lesson as one script for "Copy all commands": a comment per step (portal
 * steps say what to click), then its commands. `#` starts a comment in bash and in PowerShell.
 * Empty when the lesson types no commands at all (nothing to copy).
 */
export function cheatSheetScript(sheet: CheatSheet): string {
  if (!sheet.steps.some((s) => s.actions.some((a) => a.kind === 'shell'))) return '';
  const fillIn = [...new Set(sheet.steps.flatMap((s) => s.fillIn.map((f) => f.placeholder)))];
  const lines = [`# ${sheet.title}`, `# What each step typed on ${sheet.vm} (${sheet.shellName}), with its portal steps as comments.`];
  if (fillIn.length) lines.push(`# Replace ${joinWords(fillIn)} with your own ${fillIn.length === 1 ? 'value' : 'values'} before running.`);
  for (const step of sheet.steps) {
    lines.push('', `# ${step.number}. ${step.title}`);
    for (const action of step.actions) lines.push(action.kind === 'portal' ? `# ${action.text}` : action.command);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The checks' own labels ("myLinuxVM's system-assigned identity is on"): the words the lesson page
 * shows under "To finish this step". A label needs a world to be evaluated in, not a log, so each
 * check is evaluated over the step's start world with an empty log; its paths are filled first, so
 * the label names the resource group and leaves the subscription out ("…/resourceGroups/…").
 */
function outcomeOf(lesson: CompiledLesson, index: number, checks: readonly CheckSpec[], fill: (text: string) => string): string {
  const built = buildStartWorld(nearestStart(lesson, index).source);
  if (!built.ok || checks.length === 0) return '';
  const values = placeholderValues(built.world, lesson.vm);
  const labels = checks.map((spec) => {
    const filled = Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, typeof v === 'string' ? fill(v) : v])) as CheckSpec;
    const { label } = evaluateCheck(filled, { world: built.world, log: [], values });
    // Mid-sentence: "The user-assigned identity …" → "the …"; names (ARM, IMDS, myLinuxVM) stay.
    return label.replace(/^[A-Z](?=[a-z]+\b)/, (c) => c.toLowerCase());
  });
  return `Done when ${joinWords(labels, labels.some((l) => l.includes(',')) ? '; ' : ', ')}.`;
}

/** "a", "a and b", "a, b, and c" (or with ";" when the parts have commas of their own). */
function joinWords(parts: readonly string[], separator = ', '): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(separator)}${parts.length > 2 ? separator.trimEnd() : ''} and ${parts.at(-1)}`;
}

/** Where the Azure portal shows a value the sandbox cannot know for a real subscription. */
function whereToFind(name: string, arg: string | undefined, vm: string): string {
  switch (arg === undefined ? name : `${name}:`) {
    case 'subscriptionId':
      return 'your subscription ID (portal: Subscriptions)';
    case 'tenantId':
      return 'your tenant ID (portal: Microsoft Entra ID → Overview)';
    case 'principalId':
      return `the Object (principal) ID of ${vm}'s identity (portal: ${vm} → Security → Identity)`;
    case 'resourceGroup':
      return `the resource group of ${vm} (portal: ${vm} → Overview)`;
    case 'location':
      return `the region of ${vm} (portal: ${vm} → Overview)`;
    case 'vmName':
      return 'the name of your VM';
    case 'clientId:':
      return `the Client ID of ${arg} (portal: Managed Identities → ${arg} → Overview)`;
    case 'objectId:':
      return `the Object (principal) ID of ${arg} (portal: Managed Identities → ${arg} → Overview)`;
    case 'resourceId:':
      return `the Resource ID of ${arg} (portal: Managed Identities → ${arg} → Properties)`;
    default:
      return 'your own value';
  }
}
