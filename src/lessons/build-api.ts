/** What build/lessons-plugin.ts loads from src/ (through Vite's module runner): one entry, one load. */
export { compileLessons } from './compile';
export { previewHtml, previewIntroHtml } from './preview-text';
