/** The `/_sandbox/` control API over Node http, behind its CSRF / DNS-rebinding guard (Node only). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { controlRefusal } from '../control/guard';
import { handleControl, type SandboxHost } from '../control/sandbox-api';
import { collectBody, sendJson } from './node-bridge';

/** Control bodies are small JSON documents. */
const CONTROL_BODY_LIMIT = 1024 * 1024;

export const isControlPath = (pathAndQuery: string) => /^\/_sandbox(\/|$|\?)/.test(pathAndQuery);

export async function serveControl(host: SandboxHost, req: IncomingMessage, res: ServerResponse, pathAndQuery: string): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const refused = controlRefusal(method, { get: (name) => headerValue(req, name) });
  if (refused) {
    req.resume();
    sendJson(res, refused.status, { error: { code: refused.code, message: refused.message } });
    return;
  }
  const body = method === 'GET' || method === 'HEAD' ? new Uint8Array() : await collectBody(req, CONTROL_BODY_LIMIT + 1);
  if (body.length > CONTROL_BODY_LIMIT) {
    sendJson(res, 413, { error: { code: 'RequestTooLarge', message: `Control bodies are at most ${CONTROL_BODY_LIMIT} bytes.` } });
    return;
  }
  const reply = await handleControl(host, method, new URL(pathAndQuery, 'http://127.0.0.1'), Buffer.from(body).toString('utf8'));
  sendJson(res, reply.status, reply.body);
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name.toLowerCase()];
  if (v === undefined) return null;
  return Array.isArray(v) ? v.join(', ') : v;
}
