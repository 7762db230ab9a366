import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import type { Sanitizer } from '../src/lessons/render-markdown.ts';

let purify: Sanitizer | null = null;

/** DOMPurify over a jsdom window, for rendering lesson markdown in Node (build and tests). */
export function nodeSanitizer(): Sanitizer {
  purify ??= createDOMPurify(new JSDOM('').window as unknown as Window & typeof globalThis) as unknown as Sanitizer;
  return purify;
}
