/**
 * A small line diff between the learner's own attempt and the solution, shown after a solve so
 * nothing they wrote is lost. Uses the `diff` package (jsdiff).
 */
import { diffLines } from 'diff';

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Lines of `before` (the attempt) vs `after` (the solution); `added` lines are the solution's. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const out: DiffLine[] = [];
  for (const part of diffLines(normalize(before), normalize(after))) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    for (const text of part.value.replace(/\n$/, '').split('\n')) out.push({ kind, text });
  }
  return out;
}

// Line endings and a missing final newline are not differences a learner cares about.
const normalize = (s: string) => {
  const t = s.replace(/\r\n?/g, '\n');
  return t === '' || t.endsWith('\n') ? t : `${t}\n`;
};
