/**
 * Generic layout checks that hold on every screen (shared/style.md, "Layouts that hold on every
 * screen"; issue 17): the document never scrolls, nothing overflows sideways, no word is broken
 * inside, controls are at least 24×24 px (WCAG 2.5.8) and text at least 12 px. They run in the page
 * and return the problems found, each naming the element, so one failing sweep says everything.
 */
import type { Page } from 'playwright-core';

export interface LayoutOptions {
  /** Also check that no word is broken inside (the slowest check: a range per word). */
  words?: boolean;
}

export async function layoutProblems(page: Page, options: LayoutOptions = {}): Promise<string[]> {
  return page.evaluate(({ words }) => {
    const problems: string[] = [];
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : '';
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      return `<${el.tagName.toLowerCase()}${id}${cls}> "${name}"`;
    };
    // Third-party widgets draw their own internals (xterm's measuring spans, Monaco's hidden inputs).
    const foreign = (el: Element) => !!el.closest('.xterm, .monaco-editor, .monaco-aria-container');
    const shown = (el: Element) => {
      if (foreign(el)) return false;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      // Visually hidden (clipped to nothing) is for screen readers only.
      for (let a: Element | null = el; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.clipPath === 'inset(50%)' || (s.position === 'absolute' && a.getBoundingClientRect().width <= 1)) return false;
      }
      return true;
    };

    const doc = document.documentElement;
    if (doc.scrollHeight > innerHeight + 1) problems.push(`the document scrolls: ${doc.scrollHeight}px tall in a ${innerHeight}px window`);
    if (doc.scrollWidth > innerWidth + 1) problems.push(`the document overflows sideways: ${doc.scrollWidth}px wide in a ${innerWidth}px window`);
    for (const scroller of document.querySelectorAll('.app-shell, main, .lesson-side, .lesson-work, .pane')) {
      if (scroller.scrollWidth > scroller.clientWidth + 1 && getComputedStyle(scroller).overflowX !== 'hidden') {
        problems.push(`${describe(scroller)} scrolls sideways: ${scroller.scrollWidth}px of content in ${scroller.clientWidth}px`);
      }
    }

    // Controls: at least 24×24 px. Links inside a sentence are exempt (WCAG 2.5.8's inline exception).
    const controls = document.querySelectorAll<HTMLElement>('button, select, input:not([type=hidden]), textarea, a[href], [role=tab], [role=radio], summary');
    for (const el of controls) {
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      if (el.tagName === 'A' && el.closest('p, li, td, dd, figcaption, .lesson-title')) continue;
      let { width, height } = r;
      // A radio or checkbox is measured with its label, which is what a finger aims at.
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
        const label = el.closest('label') ?? (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null);
        if (label) ({ width, height } = label.getBoundingClientRect());
      }
      if (width < 23.5 || height < 23.5) problems.push(`${describe(el)} is ${Math.round(width)}×${Math.round(height)}px (under 24×24)`);
    }

    // Text: at least 12 px wherever a text node is drawn.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const small = new Set<Element>();
    const textNodes: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n as Text;
      const parent = text.parentElement;
      if (!parent || !text.data.trim() || !shown(parent)) continue;
      if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'OPTION'].includes(parent.tagName)) continue;
      textNodes.push(text);
      const size = parseFloat(getComputedStyle(parent).fontSize);
      if (size < 11.95 && !small.has(parent)) {
        small.add(parent);
        problems.push(`${describe(parent)} has ${size}px text (under 12px)`);
      }
    }

    // Words: a word drawn on two lines was broken inside. Ids, tokens and code may break (they have
    // no spaces to break at); a break after a hyphen or slash is a line break between parts.
    if (words) {
      const range = document.createRange();
      const broken = new Set<string>();
      for (const text of textNodes) {
        const parent = text.parentElement!;
        if (parent.closest('code, pre, kbd, samp, .mono, .id, [data-breakable]')) continue;
        const re = /[^\s\-/–—]+/g;
        for (let m = re.exec(text.data); m; m = re.exec(text.data)) {
          if (m[0].length < 2) continue;
          range.setStart(text, m.index);
          range.setEnd(text, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) {
            const key = `"${m[0]}" in ${describe(parent)}`;
            if (!broken.has(key)) {
              broken.add(key);
              problems.push(`word broken inside: ${key}`);
            }
          }
        }
      }
    }
    return problems;
  }, { words: options.words ?? true });
}

/** The theme attributes app.css reads (src/ui/theme/page-theme.ts), set directly so one page serves all three. */
export type ThemeName = 'light' | 'dark' | 'high-contrast';
export async function applyTheme(page: Page, theme: ThemeName): Promise<void> {
  await page.evaluate((t) => {
    const root = document.documentElement;
    root.dataset.theme = t === 'dark' ? 'dark' : 'light';
    if (t === 'high-contrast') root.dataset.contrast = 'more';
    else delete root.dataset.contrast;
  }, theme);
}
