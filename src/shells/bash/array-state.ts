/**
 * Arrays across runs. just-bash keeps arrays apart from the environment, so they reach the
 * session only as `declare -p` text, and its parser cannot read that text back
 * (`declare -a x=([0]="a")` mis-parses). So the session parses `declare -p` itself and restores
 * arrays with forms just-bash does parse: `x=([0]='a' [5]='b')` and `declare -A m; m['k']='v'`.
 */

export interface ArrayValue {
  kind: 'indexed' | 'associative';
  /** [subscript, value] in declare -p order. */
  entries: Array<[string, string]>;
}

/** Bash's own arrays, which it maintains itself. */
const SPECIAL = new Set(['PIPESTATUS', 'FUNCNAME', 'BASH_LINENO', 'BASH_SOURCE', 'BASH_ARGC', 'BASH_ARGV', 'GROUPS', 'DIRSTACK', 'BASH_VERSINFO']);

const ANSI_C: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** Reads one word of declare -p output starting at `i`: "…", $'…', '…' or bare. */
function readWord(s: string, i: number): [string, number] {
  let out = '';
  while (i < s.length && !/[\s)\]]/.test(s[i] as string)) {
    const c = s[i] as string;
    if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && /["\\$`]/.test(s[i + 1] ?? '')) i++;
        out += s[i++];
      }
      i++;
    } else if (c === '$' && s[i + 1] === "'") {
      i += 2;
      while (i < s.length && s[i] !== "'") {
        if (s[i] === '\\') {
          const e = s[i + 1] ?? '';
          const hex = /^x([0-9a-fA-F]{1,2})/.exec(s.slice(i + 1));
          const oct = /^([0-7]{1,3})/.exec(s.slice(i + 1));
          if (hex) {
            out += String.fromCharCode(parseInt(hex[1] as string, 16));
            i += 1 + hex[0].length;
          } else if (oct) {
            out += String.fromCharCode(parseInt(oct[1] as string, 8));
            i += 1 + oct[0].length;
          } else {
            out += ANSI_C[e] ?? `\\${e}`;
            i += 2;
          }
        } else out += s[i++];
      }
      i++;
    } else if (c === "'") {
      const end = s.indexOf("'", i + 1);
      out += s.slice(i + 1, end < 0 ? s.length : end);
      i = end < 0 ? s.length : end + 1;
    } else if (c === '\\') {
      out += s[i + 1] ?? '';
      i += 2;
    } else out += s[i++];
  }
  return [out, i];
}

/** The arrays in `declare -p` output (scalars and bash's own arrays are skipped). */
export function parseDeclaredArrays(text: string): Record<string, ArrayValue> {
  const arrays: Record<string, ArrayValue> = {};
  for (const line of text.split('\n')) {
    const head = /^declare -([a-zA-Z]*) ([A-Za-z_][A-Za-z0-9_]*)=\(/.exec(line);
    if (!head) continue;
    const flags = head[1] as string;
    const name = head[2] as string;
    if (SPECIAL.has(name) || !/[aA]/.test(flags)) continue;
    const entries: Array<[string, string]> = [];
    let i = head[0].length;
    while (i < line.length) {
      while (line[i] === ' ') i++;
      if (line[i] !== '[') break;
      const [key, afterKey] = readWord(line, i + 1);
      if (line[afterKey] !== ']' || line[afterKey + 1] !== '=') break;
      const [value, afterValue] = readWord(line, afterKey + 2);
      entries.push([key, value]);
      i = afterValue;
    }
    arrays[name] = { kind: flags.includes('A') ? 'associative' : 'indexed', entries };
  }
  return arrays;
}

const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/** Bash statements that recreate the arrays. */
export function arrayAssignments(arrays: Record<string, ArrayValue>): string[] {
  const lines: string[] = [];
  for (const [name, a] of Object.entries(arrays)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    if (a.kind === 'indexed') {
      const items = a.entries.filter(([k]) => /^\d+$/.test(k)).map(([k, v]) => `[${k}]=${quote(v)}`);
      lines.push(`${name}=(${items.join(' ')})`);
    } else {
      lines.push(`declare -A ${name}`, ...a.entries.map(([k, v]) => `${name}[${quote(k)}]=${quote(v)}`));
    }
  }
  return lines;
}

type Node = { type?: string; [key: string]: unknown };

/** Commands through which a script can create, change or drop arrays without an array assignment in sight. */
const ARRAY_CHANGERS = new Set(['declare', 'typeset', 'local', 'read', 'mapfile', 'readarray', 'unset', 'eval', 'source', '.']);

/** Whether a run may leave the arrays changed (listing them costs a subshell, so most runs skip it). */
export function mayChangeArrays(ast: unknown): boolean {
  if (Array.isArray(ast)) return ast.some(mayChangeArrays);
  if (!ast || typeof ast !== 'object') return false;
  const node = ast as Node;
  if (node.type === 'Assignment' && (node.array !== null || String(node.name).includes('['))) return true;
  if (node.type === 'SimpleCommand' && node.name) {
    const parts = (node.name as Node).parts as Node[] | undefined;
    const literal = parts?.length === 1 && parts[0]?.type === 'Literal' ? (parts[0].value as string) : undefined;
    if (literal === undefined || ARRAY_CHANGERS.has(literal)) return true;
  }
  return Object.entries(node).some(([k, v]) => k !== 'type' && v !== null && typeof v === 'object' && mayChangeArrays(v));
}
