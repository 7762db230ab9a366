/**
 * Bad lesson content fails the build, never the learner, and the message must lead an author
 * straight to the spot: every problem names a file and a 1-based line.
 */

export interface ContentProblem {
  file: string;
  line: number;
  message: string;
}

export const formatProblem = (p: ContentProblem): string => `${p.file}:${p.line}: ${p.message}`;

export class LessonContentError extends Error {
  readonly problems: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[]) {
    super(
      problems.length === 1
        ? `Invalid lesson content: ${formatProblem(problems[0]!)}`
        : `Invalid lesson content (${problems.length} problems):\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    );
    this.name = 'LessonContentError';
    this.problems = problems;
  }
}
