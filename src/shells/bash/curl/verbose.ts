/**
 * The -v trace curl 7.81 (OpenSSL 3.0.2, nghttp2) writes to stderr: `*` info lines, `>` request
 * header lines and `<` response header lines (header lines keep their CRLF, as in a real capture),
 * and `{ [N bytes data]` markers when the body is not going to a terminal.
 */
import type { CurlError } from './errors';
import { addressFor, portOf, responseHeaderLines } from './http-wire';
import type { PlannedRequest } from './request';

export function connectLines(url: URL): string {
  const ip = addressFor(url.hostname);
  const port = portOf(url);
  let out = `*   Trying ${ip}:${port}...\n* Connected to ${url.hostname} (${ip}) port ${port} (#0)\n`;
  if (url.protocol === 'https:') out += tlsLines(url.hostname);
  return out;
}

/** A TLS 1.3 handshake as Ubuntu 22.04's curl shows it. The certificate details are invented. */
function tlsLines(host: string): string {
  return [
    '* ALPN, offering h2',
    '* ALPN, offering http/1.1',
    '*  CAfile: /etc/ssl/certs/ca-certificates.crt',
    '*  CApath: /etc/ssl/certs',
    '* TLSv1.0 (OUT), TLS header, Certificate Status (22):',
    '* TLSv1.3 (OUT), TLS handshake, Client hello (1):',
    '* TLSv1.2 (IN), TLS header, Certificate Status (22):',
    '* TLSv1.3 (IN), TLS handshake, Server hello (2):',
    '* TLSv1.2 (IN), TLS header, Finished (20):',
    '* TLSv1.2 (IN), TLS header, Supplemental data (23):',
    '* TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):',
    '* TLSv1.3 (IN), TLS handshake, Certificate (11):',
    '* TLSv1.3 (IN), TLS handshake, CERT verify (15):',
    '* TLSv1.3 (IN), TLS handshake, Finished (20):',
    '* TLSv1.2 (OUT), TLS header, Finished (20):',
    '* TLSv1.3 (OUT), TLS change cipher, Change cipher spec (1):',
    '* TLSv1.2 (OUT), TLS header, Supplemental data (23):',
    '* TLSv1.3 (OUT), TLS handshake, Finished (20):',
    '* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384',
    '* ALPN, server accepted to use h2',
    '* Server certificate:',
    `*  subject: C=US; ST=WA; L=Redmond; O=Microsoft Corporation; CN=${host}`,
    '*  start date: Mar  2 08:14:27 2026 GMT',
    '*  expire date: Aug 29 08:14:27 2026 GMT',
    `*  subjectAltName: host "${host}" matched cert's "${host}"`,
    '*  issuer: C=US; O=Microsoft Corporation; CN=Microsoft Azure RSA TLS Issuing CA 04',
    '*  SSL certificate verify ok.',
    '* Using HTTP2, server supports multiplexing',
    '* Connection state changed (HTTP/2 confirmed)',
    '* Copying HTTP/2 data in stream buffer to connection buffer after upgrade: len=0',
    '* TLSv1.2 (OUT), TLS header, Supplemental data (23):',
    '* Using Stream ID: 1 (easy handle 0x55c2a1b3e9f0)',
    '* TLSv1.2 (OUT), TLS header, Supplemental data (23):',
  ]
    .map((l) => `${l}\n`)
    .join('');
}

export function requestHeaderText(req: PlannedRequest): string {
  const version = req.version === '2' ? 'HTTP/2' : 'HTTP/1.1';
  return [`${req.method} ${req.target} ${version}`, ...req.headerLines, ''].map((l) => `${l}\r\n`).join('');
}

export function requestLines(req: PlannedRequest, stdoutIsTerminal: boolean): string {
  let out = requestHeaderText(req)
    .split('\r\n')
    .slice(0, -1)
    .map((l) => `> ${l}\r\n`)
    .join('');
  if (req.body !== undefined) {
    if (!stdoutIsTerminal) out += `} [${new TextEncoder().encode(req.body).byteLength} bytes data]\n`;
    out += '* We are completely uploaded and fine\n';
  }
  if (req.version === '1.1') out += '* Mark bundle as not supporting multiuse\n';
  else out += '* TLSv1.2 (IN), TLS header, Supplemental data (23):\n';
  return out;
}

export function responseHeaderText(version: '1.1' | '2', res: Response): string {
  return [...responseHeaderLines(version, res), ''].map((l) => `${l}\r\n`).join('');
}

export function responseLines(version: '1.1' | '2', res: Response, bodyBytes: number, stdoutIsTerminal: boolean): string {
  let out = responseHeaderText(version, res)
    .split('\r\n')
    .slice(0, -1)
    .map((l) => `< ${l}\r\n`)
    .join('');
  if (bodyBytes > 0 && !stdoutIsTerminal) out += `{ [${bodyBytes} bytes data]\n`;
  return out;
}

/** The trace of a failed transfer: a name that did not resolve is never tried; a refused connect names the address. */
export function failureLines(error: CurlError, url: URL, connected: boolean): string {
  if (connected || error.exitCode === 6) return `* ${error.message}\n`;
  const ip = addressFor(url.hostname);
  const port = portOf(url);
  let out = `*   Trying ${ip}:${port}...\n`;
  if (error.trace.length) out += error.trace.map((line) => `* ${line}\n`).join('');
  else if (error.exitCode === 7) out += `* connect to ${ip} port ${port} failed: ${error.message.split(': ').pop()}\n`;
  return `${out}* ${error.message}\n`;
}
