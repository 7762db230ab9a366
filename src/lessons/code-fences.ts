/**
 * Lesson markdown with action flags on code fences: ```bash run``` or ```powershell insert```
 * renders as `<pre data-lang="bash" data-actions="run">`, which the UI turns into "run this" and
 * "insert into editor" buttons.
 *
 * render-markdown.ts keeps only the fence's first word (as `data-lang`) and the sanitizer drops
 * unknown data attributes, so the flags travel through as a suffix of that word and are unpacked
 * after sanitizing. The values we add afterwards come from a fixed list, never from the content.
 */
import { renderMarkdown, type Sanitizer } from './render-markdown';

export const FENCE_ACTIONS = ['run', 'insert'] as const;
export type FenceAction = (typeof FENCE_ACTIONS)[number];

const MARK = '-mi-';
const OPENER = /^( {0,3})(`{3,}|~{3,})(.*)$/;

export interface FenceProblem {
  /** 1-based line within the markdown text. */
  line: number;
  message: string;
}

/** Moves fence flags into the language word; reports unknown flags. */
export function encodeFenceActions(markdown: string): { markdown: string; problems: FenceProblem[] } {
  const lines = markdown.split('\n');
  const problems: FenceProblem[] = [];
  let open: { char: string; length: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const m = OPENER.exec(lines[i]!);
    if (open) {
      const closing = m && m[2]![0] === open.char && m[2]!.length >= open.length && m[3]!.trim() === '';
      if (closing) open = null;
      continue;
    }
    if (!m) continue;
    const [, indent, fence, info] = m as unknown as [string, string, string, string];
    open = { char: fence[0]!, length: fence.length };
    // Backtick fences cannot have backticks in the info string (CommonMark); leave such lines alone.
    if (fence[0] === '`' && info.includes('`')) {
      open = null;
      continue;
    }
    const [lang = '', ...flags] = info.trim().split(/\s+/).filter(Boolean);
    if (flags.length === 0) continue;
    const unknown = flags.filter((f) => !(FENCE_ACTIONS as readonly string[]).includes(f));
    if (unknown.length) {
      problems.push({ line: i + 1, message: `unknown code-fence action '${unknown[0]}' (known: ${FENCE_ACTIONS.join(', ')})` });
      continue;
    }
    if (!/^[\w-]+$/.test(lang) || (FENCE_ACTIONS as readonly string[]).includes(lang)) {
      problems.push({ line: i + 1, message: `a code fence with actions needs a language first, e.g. \`\`\`bash ${flags.join(' ')}` });
      continue;
    }
    lines[i] = `${indent}${fence}${lang}${MARK}${[...new Set(flags)].join('-')}`;
  }
  return { markdown: lines.join('\n'), problems };
}

const ENCODED_LANG = new RegExp(`data-lang="([\\w-]+?)${MARK}((?:${FENCE_ACTIONS.join('|')})(?:-(?:${FENCE_ACTIONS.join('|')}))*)"`, 'g');
const ENCODED_CLASS = new RegExp(`class="language-([\\w-]+?)${MARK}(?:${FENCE_ACTIONS.join('|')})(?:-(?:${FENCE_ACTIONS.join('|')}))*"`, 'g');

/** Turns the encoded language words back into `data-lang` plus `data-actions`. */
export function decodeFenceActions(html: string): string {
  return html
    .replace(ENCODED_LANG, (_, lang: string, flags: string) => `data-lang="${lang}" data-actions="${flags.split('-').join(' ')}"`)
    .replace(ENCODED_CLASS, (_, lang: string) => `class="language-${lang}"`);
}

/** Markdown → sanitized HTML with fence actions kept as data attributes. */
export function renderLessonMarkdown(markdown: string, sanitizer: Sanitizer): { html: string; problems: FenceProblem[] } {
  const encoded = encodeFenceActions(markdown);
  return { html: decodeFenceActions(renderMarkdown(encoded.markdown, sanitizer)), problems: encoded.problems };
}
