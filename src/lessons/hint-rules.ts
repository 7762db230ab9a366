/**
 * Hints keyed on the request log: when a learner's call matches a rule (the docs' placeholder
 * still in the URL, say), the step shows that rule's text next to the real error they got.
 */
import { errorCodeOf, isService, urlOf } from './checks/log-entry';
import type { RequestLogEntry } from './checks/types';
import { fillText, type PlaceholderValues } from './placeholders';
import type { HintRule } from './types';

function urlForms(entry: RequestLogEntry): string[] {
  const raw = entry.request.url;
  const forms = [raw, urlOf(entry)?.href ?? raw];
  try {
    forms.push(decodeURIComponent(raw));
  } catch {
    // Malformed escapes: the raw form is all there is.
  }
  return forms.map((f) => f.toLowerCase());
}

/** `values` fill placeholders in `urlContains`: a rule may look for this world's ids in the URL. */
export function ruleMatches(rule: HintRule, entry: RequestLogEntry, values: PlaceholderValues): boolean {
  if (rule.outputContains) return false;
  if (rule.service !== undefined && !isService(entry, rule.service)) return false;
  if (rule.status !== undefined && entry.response?.status !== rule.status) return false;
  if (rule.code !== undefined && errorCodeOf(entry)?.toLowerCase() !== rule.code.toLowerCase()) return false;
  if (rule.urlContains) {
    const forms = urlForms(entry);
    const needles = rule.urlContains.map((n) => fillText(n, values).toLowerCase());
    if (!needles.some((needle) => forms.some((f) => f.includes(needle)))) return false;
  }
  return true;
}

/** The hint for the newest entry that matches any rule (rules in order), with placeholders filled. */
export function hintFor(rules: readonly HintRule[], entries: readonly RequestLogEntry[], values: PlaceholderValues): string | null {
  for (let i = entries.length - 1; i >= 0; i--) {
    const rule = rules.find((r) => ruleMatches(r, entries[i]!, values));
    if (rule) return fillText(rule.say, values);
  }
  return null;
}

/** A shell run as a hint rule sees it: what was run and what it printed. */
export interface ShellRun {
  script: string;
  stdout: string;
  stderr: string;
}

/** The first output rule that matches the run, with placeholders filled. */
export function hintForRun(rules: readonly HintRule[], run: ShellRun, values: PlaceholderValues): string | null {
  const haystack = `${run.script}\n${run.stdout}\n${run.stderr}`.toLowerCase();
  const rule = rules.find((r) => r.outputContains?.some((needle) => haystack.includes(needle.toLowerCase())));
  return rule ? fillText(rule.say, values) : null;
}
