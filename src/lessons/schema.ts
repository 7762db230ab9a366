/**
 * Frontmatter schemas for `lesson.md` and step files. Objects are strict, so a misspelt key is an
 * error instead of a silently ignored setting; references (roles, scopes, principals) are checked
 * here too, so an unknown role fails the build rather than a learner's step.
 */
import * as v from 'valibot';
import { PRESET_NAMES } from '../sim/index';
import { parsePrincipalRef, parseScopeRef, roleExists } from './refs';
import type { ServiceName } from './types';

const text = v.pipe(v.string('must be text'), v.trim(), v.minLength(1, 'must not be empty'));
const vmName = v.pipe(v.string('must be a VM name'), v.regex(/^[\w.-]{1,64}$/, 'must be a VM name (letters, digits, . _ -)'));
const identityName = v.pipe(v.string('must be an identity name'), v.regex(/^[\w.-]{1,128}$/, 'must be an identity name'));
const groupName = v.pipe(v.string('must be a resource group name'), v.regex(/^[\w.()-]{1,90}$/, 'must be a resource group name (letters, digits, . _ - ( ))'));
const status = v.pipe(v.number('must be an HTTP status number'), v.integer('must be a whole number'), v.minValue(100), v.maxValue(599));

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
  ],
  (issue) =>
    `unknown portal action ${String(issue.received)} (known: createUserAssignedIdentity, enableSystemAssigned, disableSystemAssigned, attachUserAssigned, detachUserAssigned, assignRole, removeRoleAssignment)`,
);

const ShellActionSchema = v.strictObject({ shell: text });

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A solution step is either `shell: <commands>` or a portal action; the key decides which schema speaks. */
export const SolutionActionSchema = v.lazy((input) => {
  if (isObject(input) && 'shell' in input) return ShellActionSchema;
  if (isObject(input) && 'portal' in input) return PortalActionSchema;
  return v.custom<never>(() => false, "a solution step needs 'shell: <commands>' or 'portal: <action>'");
});

const path = v.pipe(v.string('must be a path'), v.regex(/^\//, "must start with '/', e.g. /subscriptions/{{subscriptionId}}/resourceGroups/{{resourceGroup}}"));

export const CHECK_TYPES = ['systemAssignedEnabled', 'userAssignedCreated', 'userAssignedAttached', 'roleAssigned', 'imdsToken', 'imdsResponse', 'armGet', 'armError', 'dataRead', 'dataError'] as const;

const storageAccount = v.pipe(v.string('must be a storage account name'), v.regex(/^[a-z0-9]{3,24}$/, 'must be a storage account name (3 to 24 lower-case letters and digits)'));
const vaultName = v.pipe(
  v.string('must be a key vault name'),
  v.regex(/^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/, 'must be a key vault name (3 to 24 letters, digits and single dashes, starting with a letter)'),
);

/**
 * A data-plane check: its own fields plus which data plane, named by the resource that serves it.
 * A nested variant reports a bad `service` through the outer one's message (see CheckSchema).
 */
function dataPlaneCheck<const E extends v.ObjectEntries>(entries: E) {
  return v.variant('service', [
    v.strictObject({ ...entries, service: v.literal('storage'), account: storageAccount }),
    v.strictObject({ ...entries, service: v.literal('keyVault'), vault: vaultName }),
  ]);
}

export const CheckSchema = v.variant(
  'type',
  [
    v.strictObject({ type: v.literal('systemAssignedEnabled'), vm: vmName }),
    v.strictObject({ type: v.literal('userAssignedCreated'), identity: identityName, resourceGroup: groupName }),
    v.strictObject({ type: v.literal('userAssignedAttached'), vm: vmName, identity: identityName }),
    v.strictObject({ type: v.literal('roleAssigned'), role, scope, principal }),
    v.strictObject({
      type: v.literal('imdsToken'),
      vm: vmName,
      resource: v.pipe(v.string(), v.url('must be a resource URI such as https://management.azure.com/')),
      identity: v.optional(principal),
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
    v.strictObject({ type: v.literal('armGet'), path, notPath: v.optional(path), identity: principal }),
    v.strictObject({
      type: v.literal('armError'),
      status,
      code: text,
      path: v.optional(path),
      notPath: v.optional(path),
      identity: v.optional(principal),
      method: v.optional(v.picklist(['GET', 'PUT', 'PATCH', 'POST', 'DELETE'], 'must be an HTTP method in capitals')),
    }),
    dataPlaneCheck({ type: v.literal('dataRead'), path, notPath: v.optional(path), identity: principal }),
    dataPlaneCheck({ type: v.literal('dataError'), status, code: text, path: v.optional(path), notPath: v.optional(path), identity: v.optional(principal) }),
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
    ? v.strictObject({ from: presetOrFile, setup: v.optional(v.array(PortalActionSchema), []) })
    : presetOrFile,
);

export const LessonFrontmatterSchema = v.strictObject({
  title: text,
  slug: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by dashes'))),
  summary: text,
  os: v.picklist(['linux', 'windows'], "must be 'linux' or 'windows'"),
  shell: v.picklist(['bash', 'powershell'], "must be 'bash' or 'powershell'"),
  vm: vmName,
  start: StartSchema,
  estimatedMinutes: v.pipe(v.number('must be a number of minutes'), v.integer('must be a whole number'), v.minValue(1), v.maxValue(240)),
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
