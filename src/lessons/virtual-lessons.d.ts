/** The compiled lessons, provided by build/lessons-plugin.ts. */
declare module 'virtual:lessons' {
  const lessons: import('./types').CompiledLesson[];
  export default lessons;
}

/** What the start page lists of every lesson, in one small module (build/lessons-plugin.ts). */
declare module 'virtual:lesson-catalog' {
  export type CatalogEntry = Pick<import('./types').CompiledLesson, 'slug' | 'title' | 'shortTitle' | 'summary' | 'estimatedMinutes' | 'os' | 'shell' | 'group' | 'requires'> & {
    steps: { slug: string }[];
  };
  const catalog: CatalogEntry[];
  export default catalog;
}

/** One compiled lesson, its own chunk (build/lessons-plugin.ts). */
declare module 'virtual:lessons/*' {
  const lesson: import('./types').CompiledLesson;
  export default lesson;
}

/** Every lesson's slug, title and step titles, with loaders for a whole lesson and for one step's text (build/lessons-plugin.ts). */
declare module 'virtual:lesson-index' {
  export interface LessonIndexEntry {
    slug: string;
    title: string;
    steps: { slug: string; title: string }[];
  }
  export const lessonIndex: LessonIndexEntry[];
  /** Rejects with "There is no lesson …" for an unknown slug. */
  export function loadLesson(slug: string): Promise<import('./types').CompiledLesson>;
  /** One step's sanitized HTML, its own small chunk; rejects with "There is no step …" for an unknown one. */
  export function loadStepText(slug: string, step: string): Promise<string>;
  /** The same, with "About this lesson" (introduction and tutorial) when it is the lesson's first step. */
  export function loadStepPreview(slug: string, step: string): Promise<StepPreviewText>;
  export interface StepPreviewText {
    html: string;
    about: { html: string; tutorial: import('./types').TutorialRef } | null;
  }
}

/** One step's sanitized HTML alone, `virtual:lesson-text/<lesson>--<step>` (build/lessons-plugin.ts). */
declare module 'virtual:lesson-text/*' {
  const html: string;
  export default html;
  /** Only in a lesson's first step. */
  export const about: { html: string; tutorial: import('./types').TutorialRef } | undefined;
}
