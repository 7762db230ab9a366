/**
 * `import html from './x.md?html'` gives the file as sanitized HTML, rendered at build time.
 */
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';
import { renderMarkdown } from '../src/lessons/render-markdown.ts';
import { nodeSanitizer } from './node-sanitizer.ts';

export function lessonMarkdown(): Plugin {
  return {
    name: 'mi-lesson-markdown',
    enforce: 'pre',
    async load(id) {
      const [file, query] = id.split('?', 2);
      if (!file?.endsWith('.md') || query !== 'html') return null;
      this.addWatchFile(file);
      const html = renderMarkdown(await readFile(file, 'utf8'), nodeSanitizer());
      return `export default ${JSON.stringify(html)};`;
    },
  };
}
