/**
 * Frontmatter schemas for `lesson.md` and step files. Objects are strict, so a misspelt key is an
 * error instead of a silently ignored setting; references (roles, scopes, principals) are checked
 * here too, so an unknown role fails the build rather than a learner's step.
 */
import * as v from 'valibot';
import { PRESET_NAMES } from '../sim/index';
import { parsePrincipalRef, parseScopeRef, roleExists } from './refs';
import { LESSON_GROUPS, type ServiceName } from './types';

const text = v.pipe(v.string('must be text'), v.trim(), v.minLength(1, 'must not be empty'));
const vmName = v.pipe(v.string('must be a VM name'), v.regex(/^[\w.-]{1,64}$/, 'must be a VM name (letters, digits, . _ -)'));
const identityName = v.pipe(v.string('must be an identity name'), v.regex(/^[\w.-]{1,128}$/, 'must be an identity name'));
const groupName = v.pipe(v.string('must be a resource group name'), v.regex(/^[\w.()-]{1,90}$/, 'must be a resource group name (letters, digits, . _ - ( ))'));
const status = v.pipe(v.number('must be an HTTP status number'), v.integer('must be a whole number'), v.minValue(100), v.maxValue(599));

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

const refMessage = (parse: (s: string) => unknown) => (issue: v.BaseIssue<unknown>) => {
  const r = parse(String(issue.input)) as { error?: string };
  return r.error ?? 'is not valid';
};
const scope = v.pipe(
  v.string('must be a scope'),
  v.check((s) => !('error' in parseScopeRef(s)), refMessage(parseScopeRef)),
);
const principal = v.pipe(
  v.string('must be a principal'),
  v.check((s) => !('error' in parsePrincipalRef(s)), refMessage(parsePrincipalRef)),
);
const role = v.pipe(
  v.string('must be a role name'),
  v.check(roleExists, (issue) => `unknown role '${String(issue.input)}': use a built-in role name such as Reader, Contributor or Owner`),
);

export const PORTAL_ACTIONS = [
  'createUserAssignedIdentity',
  'enableSystemAssigned',
  'disableSystemAssigned',
  'attachUserAssigned',
  'detachUserAssigned',
  'assignRole',
  'removeRoleAssignment',
  'removeOrphanedAssignments',
  'deleteUserAssignedIdentity',
  'deleteVm',
] as const;

export const PortalActionSchema = v.variant(
  'portal',
  [
    v.strictObject({ portal: v.literal('createUserAssignedIdentity'), identity: identityName, resourceGroup: groupName }),
    v.strictObject({ portal: v.literal('enableSystemAssigned'), vm: vmName }),
    v.strictObject({ portal: v.literal('disableSystemAssigned'), vm: vmName }),
    v.strictObject({ portal: v.literal('attachUserAssigned'), vm: vmName, identity: identityName }),
    v.strictObject({ portal: v.literal('detachUserAssigned'), vm: vmName, identity: identityName }),
    v.strictObject({ portal: v.literal('assignRole'), role, scope, principal }),
    v.strictObject({ portal: v.literal('removeRoleAssignment'), role, scope, principal }),
    v.strictObject({ portal: v.literal('removeOrphanedAssignments'), role, scope }),
    v.strictObject({ portal: v.literal('deleteUserAssignedIdentity'), identity: identityName }),
    v.strictObject({ portal: v.literal('deleteVm'), vm: vmName }),
  ],
  (issue) => `unknown portal action ${String(issue.received)} (known: ${PORTAL_ACTIONS.join(', ')})`,
);

const seconds = (max: number) =>
  v.pipe(v.number('must be a number of seconds'), v.minValue(0, 'must not be negative'), v.maxValue(max, `must be at most ${max} seconds`));
const directoryGroupName = v.pipe(v.string('must be a group name'), v.regex(/^[\w .-]{1,120}$/, 'must be a group name (letters, digits, spaces, . _ -)'));

export const SANDBOX_ACTIONS = ['imdsFault', 'propagationDelay', 'groupMember', 'groupRole'] as const;

/** Sandbox controls a start world may apply (setup only: a learner finds them in the Time and faults panel). */
export const SandboxActionSchema = v.variant(
  'sandbox',
  [
    v.strictObject({
      sandbox: v.literal('imdsFault'),
      fault: v.picklist(['updating', 'gone', 'serverError', 'throttled'], "must be 'updating' (404), 'gone' (410), 'serverError' (500) or 'throttled' (429)"),
      // A day is the panel's "until switched off"; the sim refuses a 410 window over 70 s itself.
      seconds: seconds(86_400),
      after: v.optional(seconds(86_400)),
      vm: v.optional(vmName),
    }),
    v.strictObject({ sandbox: v.literal('propagationDelay'), seconds: seconds(600) }),
    v.strictObject({ sandbox: v.literal('groupMember'), group: directoryGroupName, principal }),
    v.strictObject({ sandbox: v.literal('groupRole'), group: directoryGroupName, role, scope }),
  ],
  (issue) => `unknown sandbox action ${String(issue.received)} (known: ${SANDBOX_ACTIONS.join(', ')})`,
);

/** A setup entry is a portal action or a sandbox control; the key decides which schema speaks. */
const SetupActionSchema = v.lazy((input) => {
  if (isObject(input) && 'sandbox' in input) return SandboxActionSchema;
  return PortalActionSchema;
});

const ShellActionSchema = v.strictObject({ shell: text });

/** A solution step is either `shell: <commands>` or a portal action; the key decides which schema speaks. */
export const SolutionActionSchema = v.lazy((input) => {
  if (isObject(input) && 'shell' in input) return ShellActionSchema;
  if (isObject(input) && 'portal' in input) return PortalActionSchema;
  return v.custom<never>(() => false, "a solution step needs 'shell: <commands>' or 'portal: <action>'");
});

const path = v.pipe(v.string('must be a path'), v.regex(/^\//, "must start with '/', e.g. /subscriptions/{{subscriptionId}}/resourceGroups/{{resourceGroup}}"));

export const CHECK_TYPES = [
  'systemAssignedEnabled',
  'systemAssignedDisabled',
  'userAssignedCreated',
  'userAssignedAttached',
  'userAssignedDeleted',
  'vmDeleted',
  'roleAssigned',
  'roleAssignmentOrphaned',
  'roleAssignmentRemoved',
  'imdsToken',
  'imdsResponse',
  'imdsRetried',
  'armGet',
  'armCall',
  'armError',
  'dataRead',
  'dataCall',
  'dataError',
] as const;

const httpMethod = v.picklist(['GET', 'PUT', 'PATCH', 'POST', 'DELETE'], 'must be an HTTP method in capitals');

const formerIdentity = v.optional(v.literal(true, "must be 'true' (or left out)"));
const sas = v.optional(v.literal(true, "must be 'true' (or left out)"));
const retryStatus = v.pipe(
  v.number('must be an HTTP status number'),
  v.check((n) => n === 404 || n === 410 || n === 429 || (n >= 500 && n <= 599), 'must be a status IMDS says to retry: 404, 410, 429 or 5xx'),
);

const storageAccount = v.pipe(v.string('must be a storage account name'), v.regex(/^[a-z0-9]{3,24}$/, 'must be a storage account name (3 to 24 lower-case letters and digits)'));
const vaultName = v.pipe(
  v.string('must be a key vault name'),
  v.regex(/^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/, 'must be a key vault name (3 to 24 letters, digits and single dashes, starting with a letter)'),
);

/**
 * A data-plane check: its own fields plus which data plane, named by the resource that serves it.
 * A nested variant reports a bad `service` through the outer one's message (see CheckSchema).
 * A rule across fields goes on each inner object: valibot's variant walks a nested variant's
 * options directly, so a pipe around the nested variant would never run.
 */
function dataPlaneCheck<const E extends v.ObjectEntries>(entries: E, rule?: { test: (check: v.InferOutput<v.StrictObjectSchema<E, undefined>>) => boolean; message: string }) {
  const withRule = <S extends v.StrictObjectSchema<v.ObjectEntries, undefined>>(schema: S) =>
    rule ? v.pipe(schema, v.check((c) => rule.test(c as never), rule.message)) : schema;
  return v.variant('service', [
    withRule(v.strictObject({ ...entries, service: v.literal('storage'), account: storageAccount })),
    withRule(v.strictObject({ ...entries, service: v.literal('keyVault'), vault: vaultName })),
  ]);
}

/** Who made a data-plane call, and which paths to leave out: a token's identity, or a SAS. */
const callerOf = { notPath: v.optional(path), identity: v.optional(principal), formerIdentity, sas };

export const CheckSchema = v.variant(
  'type',
  [
    v.strictObject({ type: v.literal('systemAssignedEnabled'), vm: vmName }),
    v.strictObject({ type: v.literal('systemAssignedDisabled'), vm: vmName }),
    v.strictObject({ type: v.literal('userAssignedCreated'), identity: identityName, resourceGroup: groupName }),
    v.strictObject({ type: v.literal('userAssignedAttached'), vm: vmName, identity: identityName }),
    v.strictObject({ type: v.literal('userAssignedDeleted'), identity: identityName, resourceGroup: groupName }),
    v.strictObject({ type: v.literal('vmDeleted'), vm: vmName }),
    v.strictObject({ type: v.literal('roleAssigned'), role, scope, principal }),
    v.strictObject({ type: v.literal('roleAssignmentOrphaned'), role, scope }),
    v.strictObject({
      type: v.literal('roleAssignmentRemoved'),
      role,
      scope,
      principal: v.optional(principal),
      orphaned: v.optional(v.literal(true, "must be 'true' (or left out)")),
    }),
    v.strictObject({
      type: v.literal('imdsToken'),
      vm: vmName,
      resource: v.pipe(v.string(), v.url('must be a resource URI such as https://management.azure.com/')),
      identity: v.optional(principal),
      served: v.optional(v.picklist(['cache', 'fresh'], "must be 'cache' (IMDS answered from its cache) or 'fresh' (a newly minted token)")),
    }),
    v.strictObject({
      type: v.literal('imdsRetried'),
      vm: vmName,
      after: v.pipe(v.array(retryStatus, 'must be a list of statuses'), v.minLength(1, 'name at least one status the script retried after')),
      resource: v.optional(v.pipe(v.string(), v.url('must be a resource URI such as https://management.azure.com/'))),
      minWaitSeconds: v.optional(v.pipe(v.number('must be a number of seconds'), v.minValue(0), v.maxValue(3600))),
    }),
    v.strictObject({
      type: v.literal('imdsResponse'),
      vm: vmName,
      status,
      path: v.optional(path),
      error: v.optional(text),
      errorDescription: v.optional(text),
      metadataHeader: v.optional(v.picklist(['absent', 'present'], "must be 'absent' or 'present'")),
    }),
    v.strictObject({ type: v.literal('armGet'), path, notPath: v.optional(path), identity: principal, formerIdentity }),
    v.strictObject({ type: v.literal('armCall'), method: httpMethod, path, notPath: v.optional(path), identity: principal, formerIdentity }),
    v.strictObject({
      type: v.literal('armError'),
      status,
      code: text,
      path: v.optional(path),
      notPath: v.optional(path),
      identity: v.optional(principal),
      formerIdentity,
      method: v.optional(httpMethod),
    }),
    dataPlaneCheck({ type: v.literal('dataRead'), path, notPath: v.optional(path), identity: principal, formerIdentity }),
    dataPlaneCheck(
      { type: v.literal('dataCall'), method: httpMethod, path, ...callerOf },
      { test: (c) => (c.identity === undefined) !== (c.sas === undefined), message: "a dataCall names who made the call: 'identity' or 'sas: true', one of them" },
    ),
    dataPlaneCheck(
      { type: v.literal('dataError'), status, code: text, path: v.optional(path), ...callerOf },
      { test: (c) => c.identity === undefined || c.sas === undefined, message: "a dataError names 'identity' or 'sas: true', not both: a SAS call carries no identity" },
    ),
  ],
  (issue) =>
    issue.path?.[0]?.key === 'service'
      ? `unknown data plane ${String(issue.received)}: write 'service: storage' (with 'account') or 'service: keyVault' (with 'vault')`
      : `unknown check type ${String(issue.received)} (known: ${CHECK_TYPES.join(', ')})`,
);

const SERVICE_NAMES = ['imds', 'arm', 'storage', 'keyVault'] as const satisfies readonly ServiceName[];

export const HintRuleSchema = v.pipe(
  v.strictObject({
    service: v.optional(v.picklist(SERVICE_NAMES, `must be one of ${SERVICE_NAMES.join(', ')}`)),
    urlContains: v.optional(v.pipe(v.array(text), v.minLength(1))),
    status: v.optional(status),
    code: v.optional(text),
    outputContains: v.optional(v.pipe(v.array(text), v.minLength(1))),
    say: text,
  }),
  v.check(
    (r) => r.outputContains === undefined || (r.service === undefined && r.urlContains === undefined && r.status === undefined && r.code === undefined),
    'a hint rule matches either shell output (outputContains) or request-log entries (service, urlContains, status, code), not both',
  ),
  v.check(
    (r) => [r.service, r.urlContains, r.status, r.code, r.outputContains].some((x) => x !== undefined),
    'a hint rule needs something to match: service, urlContains, status, code or outputContains',
  ),
);

const presetOrFile = v.pipe(
  v.string(),
  v.check(
    (s) => (PRESET_NAMES as readonly string[]).includes(s) || /^[\w.-]+\.json$/.test(s),
    (issue) => `'${String(issue.input)}' is neither a preset (${PRESET_NAMES.join(', ')}) nor a .json world file next to the lesson`,
  ),
);

/** `start: quickstart`, `start: world.json`, or `start: { from: quickstart, setup: [portal actions] }`. */
export const StartSchema = v.lazy((input) =>
  isObject(input)
    ? v.strictObject({ from: presetOrFile, setup: v.optional(v.array(SetupActionSchema), []) })
    : presetOrFile,
);

/** Only Microsoft's documentation: the link is to the tutorial a lesson follows, nothing else. */
const tutorialUrl = v.pipe(
  v.string('must be the tutorial\'s address'),
  v.url('must be an address such as https://learn.microsoft.com/…'),
  v.check((u) => /^https:\/\/learn\.microsoft\.com\//.test(u), 'must be a Microsoft Learn address (https://learn.microsoft.com/…)'),
);

export const LessonFrontmatterSchema = v.strictObject({
  title: text,
  slug: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by dashes'))),
  shortTitle: v.optional(v.pipe(text, v.maxLength(48, 'must be at most 48 characters: it names the lesson in the start page\'s list'))),
  summary: text,
  os: v.picklist(['linux', 'windows'], "must be 'linux' or 'windows'"),
  shell: v.picklist(['bash', 'powershell'], "must be 'bash' or 'powershell'"),
  vm: vmName,
  start: StartSchema,
  estimatedMinutes: v.pipe(v.number('must be a number of minutes'), v.integer('must be a whole number'), v.minValue(1), v.maxValue(240)),
  tutorial: v.strictObject({ title: text, url: tutorialUrl }),
  group: v.picklist(LESSON_GROUPS, `must be one of ${LESSON_GROUPS.join(', ')}`),
  requires: v.optional(v.array(v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lesson slug'))), []),
  hintRules: v.optional(v.array(HintRuleSchema), []),
});

export const StepFrontmatterSchema = v.strictObject({
  title: text,
  checks: v.pipe(v.array(CheckSchema, 'must be a list of checks'), v.minLength(1, 'a step needs at least one check, or it could never be completed')),
  hints: v.strictObject({ nudge: text, hint: text }),
  solution: v.pipe(v.array(SolutionActionSchema, 'must be a list of actions'), v.minLength(1, 'a step needs a solution (its replay proves the step can be done)')),
  start: v.optional(StartSchema),
  hintRules: v.optional(v.array(HintRuleSchema), []),
});

export type LessonFrontmatter = v.InferOutput<typeof LessonFrontmatterSchema>;
export type StepFrontmatter = v.InferOutput<typeof StepFrontmatterSchema>;

/** A valibot issue as an author-facing sentence, with the path it points at. */
export function describeIssue(issue: v.BaseIssue<unknown>): { path: (string | number)[]; message: string } {
  const path = (issue.path ?? []).map((p) => p.key as string | number);
  const where = path.length ? `'${path.join('.')}'` : 'frontmatter';
  const last = path[path.length - 1];
  if (issue.kind === 'schema' && issue.type === 'strict_object' && issue.expected === 'never') {
    return { path, message: `unknown field '${String(last)}'` };
  }
  if (issue.kind === 'schema' && issue.received === 'undefined' && typeof last === 'string') {
    return { path: path.slice(0, -1), message: `missing required field '${path.join('.')}'` };
  }
  const text = issue.message.replace(/^Invalid /, 'invalid ');
  return { path, message: path.length ? `${where}: ${text}` : text };
}
