/**
 * ARM's error envelope `{"error":{"code","message"}}` (rbac-arm.md §3.7, C1) and every text ARM
 * prints that the fact sheet records, each next to its source. Sim errors keep their own codes
 * and texts; `statusForSimError` maps them to the status ARM answers with.
 */
import { jsonReply } from '../http/respond';
import type { CallContext } from '../call-context';
import { armHeaders } from './respond';

export interface ArmErrorBody {
  error: { code: string; message: string; target?: string; details?: unknown[] };
}

export function armError(ctx: CallContext, code: string, message: string, status: number, headers: Record<string, string> = {}): Response {
  const body: ArmErrorBody = { error: { code, message } };
  // ARM's gateway, not the resource provider, answers authentication and authorization failures.
  const gateway: Record<string, string> = status === 401 || status === 403 ? { 'x-ms-failure-cause': 'gateway' } : {};
  return jsonReply(body, { status, at: ctx.world.now(), headers: { ...armHeaders(ctx), ...gateway, ...headers } });
}

/** US-style "6/15/2026 8:22:51 AM" as ARM prints token times (rbac-arm.md §3.7 401 table). */
export function armUtcTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const h = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

export const ARM_TEXT = {
  // rbac-arm.md §3.7 401 table [observed].
  headerMissing: "Authentication failed. The 'Authorization' header is missing.",
  headerInvalid: "Authentication failed. The 'Authorization' header is provided in an invalid format.",
  tokenInvalid: 'The access token is invalid.',
  noSubjectClaim:
    "The received access token is not valid: at least one of the claims 'puid' or 'altsecid' or 'oid' should be present. If you are accessing as application please make sure service principal is properly created in the tenant.",
  wrongAudience: (aud: string) =>
    `The access token has been obtained for wrong audience or resource '${aud}'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.`,
  expired: (exp: number, now: number) =>
    `The access token expiry UTC time '${armUtcTime(exp)}' is earlier than current UTC time '${armUtcTime(now)}'.`,
  // ARM's wrong-tenant text, from public captures (not in the fact sheet).
  wrongIssuer: (issuer: string, expected: string, tenantId: string) =>
    `The access token is from the wrong issuer '${issuer}'. It must match the tenant '${expected}' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${tenantId}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`,

  // rbac-arm.md §3.7 403s [observed]; `abac` is the S6 variant.
  authorizationFailed: (client: string, objectId: string, action: string, scope: string, abac: boolean) =>
    `The client '${client}' with object id '${objectId}' does not have authorization${abac ? ' or an ABAC condition not fulfilled' : ''} to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  linkedAuthorizationFailed: (client: string, objectId: string, action: string, scope: string, linkedAction: string, linkedScopes: string[]) =>
    `The client '${client}' with object id '${objectId}' has permission to perform action '${action}' on scope '${scope}'; however, it does not have permission to perform action '${linkedAction}' on the linked scope(s) '${linkedScopes.join(',')}' or the linked scope(s) are invalid.`,

  // rbac-arm.md §3.7 api-version errors [observed].
  missingApiVersion: 'The api-version query parameter (?api-version=) is required for all requests.',
  invalidApiVersion: (version: string, supported: readonly string[]) =>
    `The api-version '${version}' is invalid. The supported versions are '${supported.join(',')}'.`,

  // ARM's text for a body that is not JSON (Newtonsoft's parse error follows in real ARM; ours is the JS one).
  invalidContent: (detail: string) => `The request content was invalid and could not be deserialized: '${detail}'.`,
  // ARM's real text for a known resource type with an unknown route.
  invalidResourceType: (type: string, ns: string, version: string) =>
    `The resource type '${type}' could not be found in the namespace '${ns}' for api version '${version}'.`,
  // Invented: ARM's wording for paths that name no resource type varies.
  unknownPath: (path: string) => `The requested path '${path}' does not name an Azure Resource Manager resource or operation.`,
  methodNotAllowed: (method: string) => `The requested resource does not support http method '${method}'.`,
  // Invented wording; ARM refuses oversized bodies with 413.
  tooLarge: 'The request content size exceeds the maximum of 1048576 bytes.',
  // ARM's real 500 text shape.
  internal: (id: string) =>
    `Encountered internal server error. Diagnostic information: timestamp '${new Date().toISOString()}', subscription id '', tracking id '${id}', request correlation id '${id}'.`,
} as const;

/** The status ARM answers a sim error with (400 unless the code says otherwise). */
export function statusForSimError(code: string): number {
  if (/NotFound$/.test(code) && code !== 'PrincipalNotFound') return 404;
  switch (code) {
    case 'RoleAssignmentExists':
    case 'ResourceAlreadyExists':
    case 'StorageAccountAlreadyTaken':
    case 'VaultAlreadyExists':
    case 'RoleDefinitionHasAssignments':
    case 'RoleDefinitionWithSameNameExists':
    case 'InvalidResourceGroupLocation':
    case 'ContainerAlreadyExists':
      return 409;
    default:
      return 400;
  }
}
