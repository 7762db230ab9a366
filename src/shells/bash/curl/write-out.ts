/**
 * curl's -w/--write-out (src/tool_writeout.c in 7.81): `%{variable}` expansion, the `\n` `\r` `\t`
 * escapes, `%%`, and `%{stderr}`/`%{stdout}` to switch streams. Variables added after 7.81
 * (e.g. `%{header_json}`, `%header{name}`) are unknown here, as they are on Ubuntu 22.04.
 */

export interface WriteOutFacts {
  httpCode: number; // 0 when no response arrived
  contentType?: string;
  urlEffective: string;
  method: string;
  numRedirects: number;
  redirectUrl?: string;
  remoteIp?: string;
  remotePort?: number;
  localIp?: string;
  localPort?: number;
  scheme: string;
  httpVersion?: string;
  sizeDownload: number;
  sizeUpload: number;
  sizeHeader: number;
  sizeRequest: number;
  timeTotalMs: number;
  timeNamelookupMs: number;
  timeConnectMs: number;
  timeAppconnectMs: number;
  timePretransferMs: number;
  timeStarttransferMs: number;
  timeRedirectMs: number;
  exitCode: number;
  errorMessage?: string;
  filenameEffective?: string;
}

const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(6);
const speed = (bytes: number, ms: number) => String(Math.floor(ms > 0 ? bytes / (ms / 1000) : bytes));

type Value = string | number | null;

function variables(f: WriteOutFacts): Record<string, Value> {
  return {
    content_type: f.contentType ?? null,
    errormsg: f.errorMessage ?? null,
    exitcode: f.exitCode,
    filename_effective: f.filenameEffective ?? null,
    ftp_entry_path: null,
    http_code: String(f.httpCode).padStart(3, '0'),
    http_connect: '000',
    http_version: f.httpVersion ?? '0',
    local_ip: f.localIp ?? null,
    local_port: f.localPort ?? 0,
    method: f.method,
    num_connects: f.httpCode ? 1 : 0,
    num_headers: 0,
    num_redirects: f.numRedirects,
    proxy_ssl_verify_result: 0,
    redirect_url: f.redirectUrl ?? null,
    remote_ip: f.remoteIp ?? null,
    remote_port: f.remotePort ?? 0,
    response_code: String(f.httpCode).padStart(3, '0'),
    scheme: f.scheme,
    size_download: f.sizeDownload,
    size_header: f.sizeHeader,
    size_request: f.sizeRequest,
    size_upload: f.sizeUpload,
    speed_download: speed(f.sizeDownload, f.timeTotalMs),
    speed_upload: speed(f.sizeUpload, f.timeTotalMs),
    ssl_verify_result: 0,
    time_appconnect: seconds(f.timeAppconnectMs),
    time_connect: seconds(f.timeConnectMs),
    time_namelookup: seconds(f.timeNamelookupMs),
    time_pretransfer: seconds(f.timePretransferMs),
    time_redirect: seconds(f.timeRedirectMs),
    time_starttransfer: seconds(f.timeStarttransferMs),
    time_total: seconds(f.timeTotalMs),
    url_effective: f.urlEffective,
  };
}

function jsonOf(vars: Record<string, Value>): string {
  const entries = Object.entries(vars).map(([k, v]) => {
    // curl writes numbers and times as JSON numbers, strings quoted, unset strings as null.
    const isNumeric = typeof v === 'number' || (typeof v === 'string' && /^time_|^speed_/.test(k));
    const json = v === null ? 'null' : isNumeric ? String(v) : JSON.stringify(v);
    return `"${k}":${json}`;
  });
  return `{${entries.join(',')},"curl_version":"libcurl/7.81.0 OpenSSL/3.0.2 zlib/1.2.11 brotli/1.0.9 zstd/1.4.8 libidn2/2.3.2 libpsl/0.21.0 (+libidn2/2.3.2) libssh/0.9.6/openssl/zlib nghttp2/1.43.0 librtmp/2.3 OpenLDAP/2.5.13"}`;
}

export interface WriteOutText {
  stdout: string;
  stderr: string;
}

/** Expands a -w template. Unknown variables are reported on stderr and print nothing, as in curl. */
export function expandWriteOut(template: string, facts: WriteOutFacts): WriteOutText {
  const vars = variables(facts);
  const out = { stdout: '', stderr: '' };
  let stream: 'stdout' | 'stderr' = 'stdout';
  const warnings: string[] = [];
  for (let i = 0; i < template.length; i++) {
    const c = template[i] as string;
    if (c === '%' && template[i + 1] === '%') {
      out[stream] += '%';
      i++;
    } else if (c === '%' && template[i + 1] === '{') {
      const end = template.indexOf('}', i + 2);
      if (end < 0) {
        out[stream] += template.slice(i);
        break;
      }
      const name = template.slice(i + 2, end);
      i = end;
      if (name === 'stderr' || name === 'stdout') stream = name;
      else if (name === 'json') out[stream] += jsonOf(vars);
      else if (name in vars) out[stream] += String(vars[name] ?? '');
      else warnings.push(`curl: unknown --write-out variable: '${name}'\n`);
    } else if (c === '\\' && i + 1 < template.length) {
      const next = template[i + 1] as string;
      const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\' };
      out[stream] += escapes[next] ?? `\\${next}`;
      i++;
    } else {
      out[stream] += c;
    }
  }
  out.stderr = warnings.join('') + out.stderr;
  return out;
}
