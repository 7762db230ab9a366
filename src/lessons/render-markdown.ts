/**
 * Lesson markdown → sanitized HTML. Runs at build time (and in tests), so the page ships finished
 * HTML and neither a markdown parser nor a sanitizer weighs on the first load.
 *
 * The sanitizer is injected: in Node it is DOMPurify over a jsdom window; nothing here touches a DOM.
 */
import { Marked } from 'marked';

export interface Sanitizer {
  sanitize(html: string, config: Record<string, unknown>): string;
}

/** What lesson HTML may contain: prose, lists, tables, code, links, images. No script, forms or styles. */
const SANITIZE_CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math'],
  FORBID_ATTR: ['style'],
  ALLOW_DATA_ATTR: false,
  ADD_ATTR: ['data-lang'],
};

const marked = new Marked({
  gfm: true,
  renderer: {
    // Keep the fence's language as data so the UI can offer "insert into editor" per code block.
    code({ text, lang }) {
      const language = (lang ?? '').split(/\s+/)[0]?.replace(/[^\w-]/g, '') ?? '';
      const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const attr = language ? ` data-lang="${language}"` : '';
      return `<pre${attr}><code${language ? ` class="language-${language}"` : ''}>${escaped}</code></pre>\n`;
    },
  },
});

export function renderMarkdown(source: string, sanitizer: Sanitizer): string {
  const html = marked.parse(source, { async: false });
  return sanitizer.sanitize(html, SANITIZE_CONFIG);
}
