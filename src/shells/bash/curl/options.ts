/**
 * curl's command line, parsed the way curl 7.81 parses it: short options cluster (`-sSL`), a short
 * option's value may be glued on (`-XPOST`, `-HMetadata:true`), long options take their value from
 * the next word (curl has no `--opt=value` form), boolean long options can be negated with `--no-`,
 * and `--` ends option parsing. Anything not starting with `-` is a URL.
 */
import { usageErrors } from './errors';

export type DataKind = 'data' | 'raw' | 'binary' | 'urlencode';

export interface DataPart {
  kind: DataKind;
  value: string;
}

export interface CurlOptions {
  urls: string[];
  headers: string[];
  data: DataPart[];
  method?: string;
  get: boolean;
  head: boolean;
  include: boolean;
  verbose: boolean;
  silent: boolean;
  showError: boolean;
  noProgressMeter: boolean;
  fail: boolean;
  failWithBody: boolean;
  location: boolean;
  maxRedirs: number;
  insecure: boolean;
  noproxy?: string;
  maxTimeMs?: number;
  connectTimeoutMs?: number;
  writeOut?: string;
  output?: string;
  remoteName: boolean;
  userAgent?: string;
  referer?: string;
  user?: string;
  cookie?: string;
  help: boolean;
  version: boolean;
  manual: boolean;
}

export function defaultOptions(): CurlOptions {
  return {
    urls: [],
    headers: [],
    data: [],
    get: false,
    head: false,
    include: false,
    verbose: false,
    silent: false,
    showError: false,
    noProgressMeter: false,
    fail: false,
    failWithBody: false,
    location: false,
    maxRedirs: 50,
    insecure: false,
    remoteName: false,
    help: false,
    version: false,
    manual: false,
  };
}

type Flag = keyof {
  [K in keyof CurlOptions as CurlOptions[K] extends boolean ? K : never]: true;
};

interface Spec {
  long: string;
  short?: string;
  /** A boolean switch (`--no-<long>` turns it off) or an option that consumes the next word. */
  flag?: Flag;
  /** A switch curl knows that has no effect in the simulation. */
  noop?: true;
  apply?: (o: CurlOptions, value: string, shown: string) => void;
}

function seconds(shown: string, value: string): number {
  // curl accepts decimal seconds ("0.5") and rejects anything else with a usage error.
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(value.trim())) throw usageErrors.badNumber(shown);
  return Math.round(Number(value) * 1000);
}

function integer(shown: string, value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw usageErrors.badNumber(shown);
  return Number(value);
}

const ignoredWithValue = (long: string, short?: string): Spec => ({ long, short, apply: () => {} });
const ignoredSwitch = (long: string, short?: string): Spec => ({ long, short, noop: true });

const specs: Spec[] = [
  { long: 'header', short: 'H', apply: (o, v) => o.headers.push(v) },
  { long: 'silent', short: 's', flag: 'silent' },
  { long: 'show-error', short: 'S', flag: 'showError' },
  { long: 'include', short: 'i', flag: 'include' },
  { long: 'head', short: 'I', flag: 'head' },
  { long: 'verbose', short: 'v', flag: 'verbose' },
  { long: 'request', short: 'X', apply: (o, v) => (o.method = v) },
  { long: 'data', short: 'd', apply: (o, v) => o.data.push({ kind: 'data', value: v }) },
  { long: 'data-ascii', apply: (o, v) => o.data.push({ kind: 'data', value: v }) },
  { long: 'data-raw', apply: (o, v) => o.data.push({ kind: 'raw', value: v }) },
  { long: 'data-binary', apply: (o, v) => o.data.push({ kind: 'binary', value: v }) },
  { long: 'data-urlencode', apply: (o, v) => o.data.push({ kind: 'urlencode', value: v }) },
  { long: 'get', short: 'G', flag: 'get' },
  { long: 'write-out', short: 'w', apply: (o, v) => (o.writeOut = v) },
  { long: 'output', short: 'o', apply: (o, v) => (o.output = v) },
  { long: 'remote-name', short: 'O', flag: 'remoteName' },
  { long: 'fail', short: 'f', flag: 'fail' },
  { long: 'fail-with-body', flag: 'failWithBody' },
  { long: 'location', short: 'L', flag: 'location' },
  { long: 'max-redirs', apply: (o, v, s) => (o.maxRedirs = integer(s, v)) },
  { long: 'insecure', short: 'k', flag: 'insecure' },
  { long: 'noproxy', apply: (o, v) => (o.noproxy = v) },
  { long: 'max-time', short: 'm', apply: (o, v, s) => (o.maxTimeMs = seconds(s, v)) },
  { long: 'connect-timeout', apply: (o, v, s) => (o.connectTimeoutMs = seconds(s, v)) },
  { long: 'user-agent', short: 'A', apply: (o, v) => (o.userAgent = v) },
  { long: 'referer', short: 'e', apply: (o, v) => (o.referer = v) },
  { long: 'user', short: 'u', apply: (o, v) => (o.user = v) },
  { long: 'cookie', short: 'b', apply: (o, v) => (o.cookie = v) },
  { long: 'url', apply: (o, v) => o.urls.push(v) },
  { long: 'no-progress-meter', flag: 'noProgressMeter' },
  { long: 'help', short: 'h', flag: 'help' },
  { long: 'version', short: 'V', flag: 'version' },
  { long: 'manual', short: 'M', flag: 'manual' },
  // Real curl options that change nothing in a simulated network (no proxy, no TLS store,
  // no compression negotiation, one address family). Accepted so copied commands still run.
  ignoredSwitch('compressed'),
  ignoredSwitch('http1.1'),
  ignoredSwitch('http2'),
  ignoredSwitch('ipv4', '4'),
  ignoredSwitch('ipv6', '6'),
  ignoredSwitch('no-buffer', 'N'),
  ignoredSwitch('globoff', 'g'),
  ignoredSwitch('path-as-is'),
  ignoredSwitch('no-keepalive'),
  ignoredSwitch('tcp-nodelay'),
  ignoredSwitch('retry-connrefused'),
  ignoredSwitch('progress-bar', '#'),
  ignoredWithValue('retry'),
  ignoredWithValue('retry-delay'),
  ignoredWithValue('retry-max-time'),
  ignoredWithValue('cacert'),
  ignoredWithValue('capath'),
  ignoredWithValue('resolve'),
  ignoredWithValue('connect-to'),
  ignoredWithValue('interface'),
  ignoredWithValue('limit-rate'),
  ignoredWithValue('proxy', 'x'),
];

const byLong = new Map(specs.map((s) => [s.long, s]));
const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));

function takesValue(spec: Spec): boolean {
  return spec.flag === undefined && !spec.noop;
}

function applyFlag(o: CurlOptions, spec: Spec, on: boolean): void {
  if (spec.flag) o[spec.flag] = on;
}

/** Parses curl's argv (without the leading `curl`). Throws CurlUsageError on bad input. */
export function parseCurlArgs(args: readonly string[]): CurlOptions {
  const o = defaultOptions();
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      o.urls.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    if (arg.startsWith('--')) {
      const name = arg.slice(2);
      let spec = byLong.get(name);
      let on = true;
      if (!spec && name.startsWith('no-')) {
        const negated = byLong.get(name.slice(3));
        if (negated && !takesValue(negated)) {
          spec = negated;
          on = false;
        }
      }
      if (!spec) throw usageErrors.unknownOption(arg);
      if (takesValue(spec)) {
        const value = args[i + 1];
        if (value === undefined) throw usageErrors.requiresParameter(arg);
        i++;
        spec.apply?.(o, value, arg);
      } else {
        applyFlag(o, spec, on);
      }
      continue;
    }
    // A cluster of short options: each letter is a switch until one takes a value, which is
    // the rest of the word or, if nothing is left, the next word.
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j] as string;
      const spec = byShort.get(letter);
      const shown = `-${letter}`;
      if (!spec) throw usageErrors.unknownOption(shown);
      if (!takesValue(spec)) {
        applyFlag(o, spec, true);
        continue;
      }
      let value = arg.slice(j + 1);
      if (value === '') {
        const next = args[i + 1];
        if (next === undefined) throw usageErrors.requiresParameter(shown);
        value = next;
        i++;
      }
      spec.apply?.(o, value, shown);
      break;
    }
  }
  return o;
}
