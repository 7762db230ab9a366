/**
 * ARM failures as the portal shows them: `{ code, message, status }` read from ARM's error envelope
 * (`{"error":{"code","message",…}}`, rbac-arm.md §3.7). A body that is not that envelope still gives
 * a readable error, so a notification never says "undefined".
 */
export class ArmRequestError extends Error {
  override readonly name = 'ArmRequestError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface ArmErrorInfo {
  code: string;
  message: string;
  status: number;
}

/** Reads ARM's error envelope from a failed response's body text. */
export function armErrorFromBody(status: number, bodyText: string): ArmRequestError {
  let parsed: unknown;
  try {
    parsed = bodyText ? JSON.parse(bodyText) : undefined;
  } catch {
    parsed = undefined;
  }
  const error = typeof parsed === 'object' && parsed !== null ? (parsed as { error?: unknown }).error : undefined;
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && typeof message === 'string') return new ArmRequestError(code, message, status);
  }
  // Invented code: ARM always sends an envelope; this only appears if a handler is broken.
  const snippet = bodyText.length > 200 ? `${bodyText.slice(0, 200)}…` : bodyText;
  return new ArmRequestError('UnexpectedResponse', `The server answered ${status} without an ARM error body${snippet ? `: ${snippet}` : '.'}`, status);
}

/** Any thrown value as `{ code, message, status }` (status 0: the request never got an HTTP answer). */
export function toArmErrorInfo(e: unknown): ArmErrorInfo {
  if (e instanceof ArmRequestError) return { code: e.code, message: e.message, status: e.status };
  const message = e instanceof Error ? e.message : String(e);
  // Other failures may still carry a code worth showing (a network error's ENOTFOUND, say).
  const code = typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'RequestFailed';
  return { code, message, status: 0 };
}
