/**
 * Compiled lessons: what the loader produces from `lessons/` and what the engine, the UI and the
 * replay test read. Plain JSON (the Vite plugin inlines it into `virtual:lessons`), so nothing
 * here holds a World or a function.
 */
import type { WorldData } from '../sim/index';

/** How the learner reaches the VM; decides which shell session runs the step's commands. */
export type ShellKind = 'bash' | 'powershell';
export type OsKind = 'linux' | 'windows';

/**
 * Who a role is for, written `vm:<name>` (the VM's system-assigned identity) or
 * `identity:<name>` (a user-assigned identity resource).
 */
export type PrincipalRef = { kind: 'vm'; name: string } | { kind: 'identity'; name: string };

/**
 * A scope named the way a learner thinks of it: `subscription`, `resourceGroup:<name>`,
 * `vm:<name>` or `identity:<name>`.
 */
export type ScopeRef =
  | { kind: 'subscription' }
  | { kind: 'resourceGroup'; name: string }
  | { kind: 'vm'; name: string }
  | { kind: 'identity'; name: string }
  | { kind: 'storageAccount'; name: string }
  | { kind: 'keyVault'; name: string };

/** Portal actions as data: what a solve performs (as ARM calls) and what setup applies. */
export type PortalAction =
  | { portal: 'createUserAssignedIdentity'; identity: string; resourceGroup: string }
  | { portal: 'enableSystemAssigned'; vm: string }
  | { portal: 'disableSystemAssigned'; vm: string }
  | { portal: 'attachUserAssigned'; vm: string; identity: string }
  | { portal: 'detachUserAssigned'; vm: string; identity: string }
  | { portal: 'assignRole'; role: string; scope: string; principal: string }
  | { portal: 'removeRoleAssignment'; role: string; scope: string; principal: string }
  /** Removes the assignments of a role at a scope whose principal no longer exists ("Identity not found"). */
  | { portal: 'removeOrphanedAssignments'; role: string; scope: string }
  | { portal: 'deleteUserAssignedIdentity'; identity: string }
  | { portal: 'deleteVm'; vm: string };

/**
 * Sandbox controls a start world may apply (not Azure: the Time and faults panel's settings), so a
 * step can begin with IMDS failing or role changes taking a while.
 */
export type SandboxAction =
  /** A fault window of `seconds`, starting `after` seconds from the start world's time (default at once). */
  | { sandbox: 'imdsFault'; fault: 'updating' | 'gone' | 'serverError' | 'throttled'; seconds: number; after?: number; vm?: string }
  | { sandbox: 'propagationDelay'; seconds: number }
  | { sandbox: 'groupMember'; group: string; principal: string }
  | { sandbox: 'groupRole'; group: string; role: string; scope: string };

/** What a start world's `setup` may list: portal actions and sandbox controls. */
export type SetupAction = PortalAction | SandboxAction;

export const isSandboxAction = (a: SetupAction): a is SandboxAction => 'sandbox' in a;

/** Commands typed into the VM's shell (bash or PowerShell, per the lesson). */
export interface ShellAction {
  shell: string;
}

export type SolutionAction = PortalAction | ShellAction;

export const isPortalAction = (a: SolutionAction): a is PortalAction => 'portal' in a;

/**
 * Where a world comes from: a named preset, optionally with setup actions applied through the sim
 * (sandbox control, not logged), or a serialized world file next to the lesson.
 */
export type WorldSource =
  | { preset: string; setup: SetupAction[] }
  | { file: string; data: WorldData; setup: SetupAction[] };

/** A service as checks and hint rules name it. */
export type ServiceName = 'imds' | 'arm' | 'storage' | 'keyVault';

/**
 * A data plane by the resource that serves it: a storage account's blob endpoint
 * (`<account>.blob.core.windows.net`) or a key vault (`<vault>.vault.azure.net`).
 */
export type DataPlaneTarget = { service: 'storage'; account: string } | { service: 'keyVault'; vault: string };

/**
 * Log checks name the identity a call was made with. `formerIdentity` widens that to the
 * identities the name had before and that have since been deleted (a disabled system-assigned
 * identity, a deleted user-assigned one): their tokens keep working until they expire.
 */
export interface IdentityFilter {
  identity?: string;
  formerIdentity?: boolean;
}

export type CheckSpec =
  | { type: 'systemAssignedEnabled'; vm: string }
  | { type: 'systemAssignedDisabled'; vm: string }
  | { type: 'userAssignedDeleted'; identity: string; resourceGroup: string }
  | { type: 'vmDeleted'; vm: string }
  | { type: 'roleAssignmentOrphaned'; role: string; scope: string }
  | { type: 'roleAssignmentRemoved'; role: string; scope: string; principal?: string; orphaned?: boolean }
  | { type: 'imdsRetried'; vm: string; after: number[]; resource?: string; minWaitSeconds?: number }
  | { type: 'userAssignedCreated'; identity: string; resourceGroup: string }
  | { type: 'userAssignedAttached'; vm: string; identity: string }
  | { type: 'roleAssigned'; role: string; scope: string; principal: string }
  | { type: 'imdsToken'; vm: string; resource: string; identity?: string; served?: 'cache' | 'fresh' }
  | { type: 'imdsResponse'; vm: string; status: number; path?: string; error?: string; errorDescription?: string; metadataHeader?: 'absent' | 'present' }
  | { type: 'armGet'; path: string; notPath?: string; identity: string; formerIdentity?: boolean }
  | { type: 'armCall'; method: HttpMethod; path: string; notPath?: string; identity: string; formerIdentity?: boolean }
  | ({ type: 'dataCall'; method: HttpMethod; path: string; notPath?: string; identity?: string; formerIdentity?: boolean; sas?: boolean } & DataPlaneTarget)
  | ({ type: 'armError'; status: number; code: string; path?: string; notPath?: string; method?: HttpMethod } & IdentityFilter)
  | ({ type: 'dataRead'; path: string; notPath?: string; identity: string; formerIdentity?: boolean } & DataPlaneTarget)
  | ({ type: 'dataError'; status: number; code: string; path?: string; notPath?: string; sas?: boolean } & IdentityFilter & DataPlaneTarget);

export type CheckType = CheckSpec['type'];

export type HttpMethod = 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE';

/**
 * A hint shown when the learner's own work matches: request-log entries (service, URL, status,
 * error code) or, with `outputContains`, the text and output of their last shell run — for
 * mistakes that never reach the network (the shell reads `<SUBSCRIPTION-ID>` as a redirection).
 */
export interface HintRule {
  service?: ServiceName;
  /** Any of these (case-insensitive) in the request URL, raw or percent-decoded. */
  urlContains?: string[];
  status?: number;
  /** ARM's and Key Vault's `error.code`, IMDS's `error`, Storage's `x-ms-error-code`. */
  code?: string;
  /** Any of these (case-insensitive) in the last shell run's commands or output; such a rule ignores the log. */
  outputContains?: string[];
  say: string;
}

/** The help ladder before "show command" and "solve". */
export interface HintLadder {
  nudge: string;
  hint: string;
}

export interface CompiledStep {
  /** Slug from the file name with its number dropped: `03-get-a-token.md` → `get-a-token`. */
  slug: string;
  /** Repository-relative path, for messages. */
  file: string;
  title: string;
  /** Sanitized HTML; may contain `{{placeholders}}` (see placeholders.ts). */
  html: string;
  checks: CheckSpec[];
  hints: HintLadder;
  solution: SolutionAction[];
  /** Only when the step sets its own; otherwise it starts where the previous step ended. */
  start?: WorldSource;
  hintRules: HintRule[];
}

/** The Microsoft Learn article a lesson follows, shown as a link in its introduction. */
export interface TutorialRef {
  title: string;
  url: string;
}

/** Where the start page lists a lesson. */
export const LESSON_GROUPS = ['start', 'service', 'lifecycle', 'production'] as const;
export type LessonGroup = (typeof LESSON_GROUPS)[number];

export interface CompiledLesson {
  slug: string;
  /** Folder number, for ordering. */
  order: number;
  file: string;
  title: string;
  /** What the start page's list calls it ("Linux VM → Key Vault"); the title when not set. */
  shortTitle: string;
  summary: string;
  os: OsKind;
  shell: ShellKind;
  /** The VM the learner connects to; placeholders like `{{vmName}}` resolve against it. */
  vm: string;
  start: WorldSource;
  estimatedMinutes: number;
  tutorial: TutorialRef;
  group: LessonGroup;
  /** Slugs of lessons to take first (advice shown on the start page; nothing is locked). */
  requires: string[];
  /** The lesson.md body as sanitized HTML. */
  html: string;
  /** Rules that apply to every step, after the step's own. */
  hintRules: HintRule[];
  steps: CompiledStep[];
}
