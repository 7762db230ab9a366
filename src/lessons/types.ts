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
  | { kind: 'identity'; name: string };

/** Portal actions as data: what a solve performs (as ARM calls) and what setup applies. */
export type PortalAction =
  | { portal: 'createUserAssignedIdentity'; identity: string; resourceGroup: string }
  | { portal: 'enableSystemAssigned'; vm: string }
  | { portal: 'disableSystemAssigned'; vm: string }
  | { portal: 'attachUserAssigned'; vm: string; identity: string }
  | { portal: 'detachUserAssigned'; vm: string; identity: string }
  | { portal: 'assignRole'; role: string; scope: string; principal: string }
  | { portal: 'removeRoleAssignment'; role: string; scope: string; principal: string };

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
  | { preset: string; setup: PortalAction[] }
  | { file: string; data: WorldData; setup: PortalAction[] };

/** A service as checks and hint rules name it. */
export type ServiceName = 'imds' | 'arm' | 'storage' | 'keyVault';

/**
 * A data plane by the resource that serves it: a storage account's blob endpoint
 * (`<account>.blob.core.windows.net`) or a key vault (`<vault>.vault.azure.net`).
 */
export type DataPlaneTarget = { service: 'storage'; account: string } | { service: 'keyVault'; vault: string };

export type CheckSpec =
  | { type: 'systemAssignedEnabled'; vm: string }
  | { type: 'userAssignedCreated'; identity: string; resourceGroup: string }
  | { type: 'userAssignedAttached'; vm: string; identity: string }
  | { type: 'roleAssigned'; role: string; scope: string; principal: string }
  | { type: 'imdsToken'; vm: string; resource: string; identity?: string }
  | { type: 'imdsResponse'; vm: string; status: number; path?: string; error?: string; errorDescription?: string; metadataHeader?: 'absent' | 'present' }
  | { type: 'armGet'; path: string; notPath?: string; identity: string }
  | { type: 'armError'; status: number; code: string; path?: string; notPath?: string; identity?: string; method?: string }
  | ({ type: 'dataRead'; path: string; notPath?: string; identity: string } & DataPlaneTarget)
  | ({ type: 'dataError'; status: number; code: string; path?: string; notPath?: string; identity?: string } & DataPlaneTarget);

export type CheckType = CheckSpec['type'];

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

export interface CompiledLesson {
  slug: string;
  /** Folder number, for ordering. */
  order: number;
  file: string;
  title: string;
  summary: string;
  os: OsKind;
  shell: ShellKind;
  /** The VM the learner connects to; placeholders like `{{vmName}}` resolve against it. */
  vm: string;
  start: WorldSource;
  estimatedMinutes: number;
  /** The lesson.md body as sanitized HTML. */
  html: string;
  /** Rules that apply to every step, after the step's own. */
  hintRules: HintRule[];
  steps: CompiledStep[];
}
