/**
 * Key Vault's error bodies (rbac-arm.md §5.1, all [observed] unless marked): `{"error":{"code",
 * "message","innererror"?}}`, the 401 challenge, and the RBAC and access-policy 403 texts with
 * their CRLF line breaks and lower-cased resource path.
 */
import type { CallContext } from '../call-context';
import { jsonReply } from '../http/respond';

export function kvHeaders(ctx: CallContext, location: string): Record<string, string> {
  return {
    'Cache-Control': 'no-cache',
    Pragma: 'no-cache',
    Expires: '-1',
    'x-ms-request-id': ctx.requestId,
    'x-ms-keyvault-service-version': '1.9.2222.1',
    'x-ms-keyvault-region': location,
    'x-ms-keyvault-network-info': 'conn_type=Ipv4;addr=203.0.113.10;act_addr_fam=InterNetwork;',
    'X-Content-Type-Options': 'nosniff',
    'Strict-Transport-Security': 'max-age=31536000;includeSubDomains',
  };
}

export function kvJson(ctx: CallContext, location: string, status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return jsonReply(body, { status, at: ctx.world.now(), headers: { ...kvHeaders(ctx, location), ...headers } });
}

export function kvError(
  ctx: CallContext,
  location: string,
  status: number,
  error: { code: string; message: string; innererror?: { code: string } },
  headers: Record<string, string> = {},
): Response {
  return kvJson(ctx, location, status, { error }, headers);
}

/** `appid=…;oid=…;iss=…` as Key Vault prints the caller. */
export const kvCaller = (appId: string, objectId: string, tenantId: string) =>
  `appid=${appId};oid=${objectId};iss=https://sts.windows.net/${tenantId}/`;

export const KV_TEXT = {
  noToken: 'AKV10000: Request is missing a Bearer or PoP token.',
  wrongAudience: (found: string) => `AKV10022: Invalid audience. Expected https://vault.azure.net, found: ${found}.`,
  badSignature:
    'AKV10046: Unable to resolve the key used for signature validation. Please verify the token is issued by the expected tenant.',
  // Invented wording in Key Vault's AKV100xx style (no capture in the fact sheet).
  expired: (exp: number) => `AKV10020: Token is expired. Expiry: ${new Date(exp * 1000).toISOString()}.`,
  invalidToken: 'AKV10001: The token is invalid or malformed.',
  wrongIssuer: (iss: string) => `AKV10032: Invalid issuer. Expected one of https://sts.windows.net/{tenantId}/, found: ${iss}.`,
  forbiddenByRbac: (caller: string, action: string, resource: string, vault: string, location: string, denyAssignmentId: string | null) =>
    `Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: ${caller}\r\nAction: '${action}'\r\nResource: '${resource}'\r\nAssignment: (not found)\r\nDenyAssignmentId: ${denyAssignmentId ?? 'null'}\r\nDecisionReason: '${denyAssignmentId ? 'DeniedWithDenyAssignment' : 'DeniedWithNoValidRBAC'}' \r\nVault: ${vault};location=${location}\r\n`,
  accessDenied: (caller: string, permission: string, vault: string, location: string) =>
    `The user, group or application '${caller}' does not have secrets ${permission} permission on key vault '${vault};location=${location}'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287`,
  // Invented wording: Key Vault rejects unknown versions with BadParameter.
  apiVersionMissing: "The 'api-version' query parameter is missing. Consider using the latest supported version (2025-07-01).",
  apiVersionInvalid: (v: string) => `The specified version (${v}) is not recognized. Consider using the latest supported version (2025-07-01).`,
  valueMissing: "The request body must be a JSON object with a string 'value'.",
} as const;
