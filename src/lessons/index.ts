/**
 * The lesson engine's public API: compiled lesson types, the compiler (build time), checks over
 * (world, request log), the lesson-progress machine, progress persistence, and the helpers a host
 * needs to set up worlds and perform solutions. No DOM.
 */
export type * from './types';
export { isPortalAction } from './types';
export { compileLessons, type ContentFile, type CompileOptions } from './compile';
export { LessonContentError, formatProblem, type ContentProblem } from './content-error';
export { renderLessonMarkdown, FENCE_ACTIONS, type FenceAction } from './code-fences';
export { PLACEHOLDERS, placeholderValues, fillText, fillHtml, type PlaceholderValues } from './placeholders';
export { evaluateCheck, evaluateChecks, type CheckContext, type CheckResult } from './checks/index';
export { hintFor } from './hint-rules';
export { showSolution, describePortalAction, type ShownSolution } from './solution';
export { lineDiff, type DiffLine } from './line-diff';
export { buildStartWorld } from './start-world';
export { buildStepStartWorld, performSolution, type PerformAction } from './step-world';
export { applyPortalAction } from './portal/apply-to-world';
export { performPortalAction, type ArmFetch } from './portal/perform-via-arm';
export {
  lessonProgressMachine,
  lessonProgressOf,
  UNDO_LIMIT,
  type LessonProgressContext,
  type LessonProgressEvent,
  type LessonProgressInput,
  type RestoreRequest,
  type SolveInput,
  type SolveOutput,
  type EditorFill,
} from './lesson-progress.machine';
export { HELP_LEVELS, type HelpLevel, type StepStatus, type StepProgress, type LessonProgress } from './progress-model';
export {
  createProgressStore,
  parseProgress,
  PROGRESS_KEY,
  PROGRESS_VERSION,
  type ProgressStore,
  type ProgressStoreOptions,
  type StorageLike,
  type ProgressDocument,
} from './progress-store';
