/**
 * The lesson engine's runtime API: compiled lesson types, checks over (world, request log), the
 * lesson-progress machine, progress persistence, and the helpers a host needs to set up worlds
 * and perform solutions. No DOM. The compiler (YAML, markdown, sanitizer) is build-time only and
 * is imported from ./compile by build/lessons-plugin.ts, so none of it reaches the page.
 */
export type * from './types';
export { isPortalAction } from './types';
export { LessonContentError, formatProblem, type ContentProblem } from './content-error';
export { PLACEHOLDERS, placeholderValues, fillText, fillHtml, type PlaceholderValues } from './placeholders';
export { evaluateCheck, evaluateChecks, type CheckContext, type CheckResult } from './checks/index';
export { hintFor } from './hint-rules';
export { showSolution, describePortalAction, type ShownSolution } from './solution';
export { lineDiff, type DiffLine } from './line-diff';
export { buildStartWorld } from './start-world';
export { buildStepStartWorld, performSolution, type PerformAction } from './step-world';
export { applyPortalAction } from './portal/apply-to-world';
export { performPortalAction, type ArmFetch } from './portal/perform-via-arm';
export { lessonHostActors, type LessonHost } from './host-actors';
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
export { HELP_LEVELS, restoreSteps, type HelpLevel, type StepStatus, type StepProgress, type LessonProgress } from './progress-model';
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
