/**
 * azure-cli's error classes as the sandbox needs them: a message, an exit code and the lines printed
 * after it. Exit codes (src/azure-cli-core/azure/cli/core/util.py `handle_exception`; parser.py):
 * 1 for every error, 2 for argument parsing, 3 for a service 404 (`ResourceNotFoundError`).
 */

/** Printed after a parse error's message (azclierror.py `print_error` with the recommender offline). */
const KNOWLEDGE_BASE_OFFLINE = ['', 'Examples from AI knowledge base:'];
const CLI_REFERENCE = ['https://aka.ms/cli_ref', 'Read more about the command in reference docs'];

/** util.py QUERY_REFERENCE. */
export const QUERY_REFERENCE = "To learn more about --query, please visit: 'https://docs.microsoft.com/cli/azure/query-azure-cli'";

export class AzCliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    /** Plain stderr lines after the message (never prefixed or coloured). */
    readonly recommendations: readonly string[] = [],
  ) {
    super(message);
  }
}

/**
 * An argparse error (exit 2). Without the network the recommender falls back to the command's own
 * help examples and the reference link — what azure-cli 2.x prints offline (checked against a local
 * azure-cli: `az foo` → the two reference lines only).
 */
export function parseError(message: string, examples: readonly { summary: string; command: string }[] = [], extra: readonly string[] = []): AzCliError {
  if (message.includes('--query')) return new AzCliError(message, 2, [QUERY_REFERENCE]);
  const exampleLines = examples.slice(0, 1).flatMap((e) => [e.command, e.summary, '']);
  return new AzCliError(message, 2, [...extra, ...KNOWLEDGE_BASE_OFFLINE, ...exampleLines, ...CLI_REFERENCE]);
}

/** Not signed in (azure-cli-core `_profile.py` `_AZ_LOGIN_MESSAGE`). */
export const AZ_LOGIN_MESSAGE = "Please run 'az login' to setup account.";

/**
 * An HTTP error from a service, printed as azure-core's `HttpResponseError` message
 * (`({code}) {message}\nCode: {code}\nMessage: {message}` then Target / Exception Details / Inner
 * error; azure-core exceptions.py ODataV4Format). 404 → exit 3.
 */
export function serviceError(status: number, body: unknown, reason: string): AzCliError {
  const error = (body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined) as
    | { code?: unknown; message?: unknown; target?: unknown; details?: unknown; innererror?: unknown }
    | undefined;
  const exit = status === 404 ? 3 : 1;
  if (!error || typeof error !== 'object' || typeof error.code !== 'string') {
    // No OData error body: azure-core prints "Operation returned an invalid status '<reason>'".
    return new AzCliError(`Operation returned an invalid status '${reason}'`, exit);
  }
  const message = typeof error.message === 'string' ? error.message : '';
  let text = `(${error.code}) ${message}\nCode: ${error.code}\nMessage: ${message}`;
  if (typeof error.target === 'string') text += `\nTarget: ${error.target}`;
  if (Array.isArray(error.details) && error.details.length > 0) {
    text += '\nException Details:';
    for (const d of error.details as { code?: string; message?: string }[]) {
      text += `\t(${d.code ?? ''}) ${d.message ?? ''}\n\tCode: ${d.code ?? ''}\n\tMessage: ${d.message ?? ''}`;
    }
  }
  if (error.innererror !== undefined) text += `\nInner error: ${JSON.stringify(error.innererror, null, 4)}`;
  return new AzCliError(text, exit);
}
