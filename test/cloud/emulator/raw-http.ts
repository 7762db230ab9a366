/**
 * Raw HTTP/1.1 over a loopback socket, for request lines fetch cannot send (TRACE, `OPTIONS *`,
 * absolute-form targets, CONNECT, forged Host headers). Bounded: each call times out after 10 s.
 */
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

export function parseRaw(text: string): RawResponse {
  // Interim 1xx answers (100 Continue) come before the final one.
  while (/^HTTP\/1\.1 1\d\d /.test(text)) text = text.slice(text.indexOf('\r\n\r\n') + 4);
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const m = /^HTTP\/1\.1 (\d{3}) ?(.*)$/.exec(statusLine);
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
  }
  return { status: m ? Number(m[1]) : 0, statusText: m?.[2] ?? '', headers, body: rest.join('\r\n\r\n') };
}

/** Sends `head` (request line and headers, without the blank line) and reads until the server closes. */
export function request(origin: string, head: string, body = ''): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${head.split('\r\n')[0]} within 10 s`));
    }, 10_000);
    socket.on('connect', () => socket.write(`${head}\r\nConnection: close\r\n\r\n${body}`));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseRaw(Buffer.concat(chunks).toString('utf8')));
    });
  });
}
