/**
 * "Report a problem": what a learner (or a workshop attendee) hands to whoever helps them, as
 * Markdown to paste into an issue, a chat or an e-mail. It carries what a helper asks first — which
 * step, what the checks still wait for, what was typed and clicked, what the simulated services
 * answered — and a share link that reopens the step as it was. Nothing is sent anywhere: the page
 * only builds the text.
 *
 * Tokens never go in: anything shaped like a JWT in a command or a URL is replaced, so a real token
 * pasted by mistake does not travel with the report either.
 */
import type { World } from '../sim/index';
import type { RequestLogEntry } from '../cloud/request-log';
import { timelineRows } from '../cloud/inspect/timeline';
import type { CheckResult } from './checks/types';
import { errorCodeOf } from './checks/log-entry';
import type { StepStatus } from './progress-model';

export interface ProblemReportInput {
  /** The learner's own words; may be empty. */
  description: string;
  lesson: { slug: string; title: string };
  step: { index: number; slug: string; title: string; status: StepStatus };
  /** The step's checks as last evaluated. */
  checks: readonly CheckResult[];
  /** What the learner did in the step, oldest first (commands' first lines, portal changes). */
  actions: readonly string[];
  world: World;
  /** The step's request log entries, oldest first. */
  entries: readonly RequestLogEntry[];
  /** A link that reopens the step as it is, or why there is none. */
  share: { ok: true; link: string } | { ok: false; error: string };
  app: { name: string; version: string };
  userAgent: string;
  /** Real time of the report. */
  now: Date;
}

/** Requests listed at most; the report says how many were left out. */
export const MAX_REQUESTS = 30;
/** Characters of the learner's description kept. */
export const MAX_DESCRIPTION = 4000;

const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

/** Removes anything shaped like a JWT (the sandbox's or, pasted by mistake, a real one). */
export const withoutTokens = (text: string): string => text.replace(JWT, '<token removed>');

/** One line of Markdown, whatever the text holds: no line breaks, no stray backticks breaking the code span. */
function code(text: string): string {
  const flat = withoutTokens(text).replace(/\s*\n\s*/g, ' ⏎ ');
  return flat.includes('`') ? `\`\` ${flat} \`\`` : `\`${flat}\``;
}

const STATUS_WORDS: Record<StepStatus, string> = { locked: 'not open yet', active: 'in progress', done: 'complete' };

export function problemReport(input: ProblemReportInput): string {
  const { lesson, step } = input;
  const lines: string[] = [`## Problem report: ${lesson.title}`, ''];

  const words = input.description.trim().slice(0, MAX_DESCRIPTION);
  lines.push('**What happened**', '');
  lines.push(...(words ? withoutTokens(words).split('\n').map((l) => `> ${l}`) : ['> (no description given)']), '');

  lines.push(
    '| | |',
    '|---|---|',
    `| Lesson | ${cell(lesson.title)} (\`${lesson.slug}\`) |`,
    `| Step | ${step.index + 1}. ${cell(step.title)} (\`${step.slug}\`), ${STATUS_WORDS[step.status]} |`,
    `| App | ${cell(input.app.name)} ${cell(input.app.version)} |`,
    `| Browser | ${cell(input.userAgent)} |`,
    `| Reported | ${input.now.toISOString()} |`,
    '',
  );

  lines.push('### Step checks', '');
  if (input.checks.length === 0) lines.push('(this step has no checks)');
  for (const c of input.checks) lines.push(`- [${c.passed ? 'x' : ' '}] ${c.label}${c.passed ? '' : ` — waiting for: ${c.waitingFor}`}`);
  lines.push('');

  lines.push('### What was done in this step', '');
  if (input.actions.length === 0) lines.push('(nothing yet)');
  input.actions.forEach((a, i) => lines.push(`${i + 1}. ${code(a)}`));
  lines.push('');

  const rows = timelineRows(input.world, input.entries);
  const shown = rows.slice(-MAX_REQUESTS);
  lines.push(`### Requests in this step${rows.length > shown.length ? ` (the last ${shown.length} of ${rows.length})` : ''}`, '');
  if (shown.length === 0) lines.push('(none)');
  const bySeq = new Map(input.entries.map((e) => [e.seq, e]));
  for (const r of shown) {
    const entry = bySeq.get(r.seq);
    const errorCode = entry ? errorCodeOf(entry) : undefined;
    lines.push(`- #${r.seq} ${r.callerName} → ${r.serviceLabel}: ${code(`${r.method} ${r.target}`)} → ${r.statusLabel}${errorCode ? ` (${errorCode})` : ''}`);
  }
  lines.push('');

  lines.push('### The step as it was', '');
  lines.push(input.share.ok ? `Open this link to see the same world and editor text: ${input.share.link}` : `No link could be made: ${input.share.error}`);
  lines.push('');
  return lines.join('\n');
}

/** Text for a Markdown table cell. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
