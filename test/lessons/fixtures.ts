/** Small valid lesson files for loader tests; each case changes one thing. */
import { nodeSanitizer } from '../../build/node-sanitizer.ts';
import { compileLessons, type ContentFile } from '../../src/lessons/compile.ts';

export const LESSON_MD = `---
title: A lesson
summary: What it is about
os: linux
shell: bash
vm: myLinuxVM
start: quickstart
estimatedMinutes: 5
tutorial:
  title: A tutorial
  url: https://learn.microsoft.com/en-us/entra/identity/managed-identities-azure-resources/overview
group: start
---

Intro for {{vmName}}.
`;

export const STEP_MD = `---
title: Turn it on
checks:
  - type: systemAssignedEnabled
    vm: myLinuxVM
hints:
  nudge: Look at the VM.
  hint: Security, Identity.
solution:
  - portal: enableSystemAssigned
    vm: myLinuxVM
---

Switch it on.
`;

export const validFiles = (folder = '01-sample'): ContentFile[] => [
  { path: `lessons/${folder}/lesson.md`, text: LESSON_MD },
  { path: `lessons/${folder}/01-turn-it-on.md`, text: STEP_MD },
];

export const compile = (files: ContentFile[]) => compileLessons(files, { sanitizer: nodeSanitizer() });

/** Replaces a whole line (1-based) of a text. */
export function withLine(text: string, line: number, replacement: string): string {
  const lines = text.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}
