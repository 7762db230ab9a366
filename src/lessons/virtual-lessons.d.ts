/** The compiled lessons, provided by build/lessons-plugin.ts. */
declare module 'virtual:lessons' {
  const lessons: import('./types').CompiledLesson[];
  export default lessons;
}
