/** The compiled lessons, provided by build/lessons-plugin.ts. */
declare module 'virtual:lessons' {
  const lessons: import('./types').CompiledLesson[];
  export default lessons;
}

/** One compiled lesson, its own chunk (build/lessons-plugin.ts). */
declare module 'virtual:lessons/*' {
  const lesson: import('./types').CompiledLesson;
  export default lesson;
}

/** Every lesson's slug, title and step titles, and a loader for the whole lesson (build/lessons-plugin.ts). */
declare module 'virtual:lesson-index' {
  export interface LessonIndexEntry {
    slug: string;
    title: string;
    steps: { slug: string; title: string }[];
  }
  export const lessonIndex: LessonIndexEntry[];
  /** Rejects with "There is no lesson …" for an unknown slug. */
  export function loadLesson(slug: string): Promise<import('./types').CompiledLesson>;
}
