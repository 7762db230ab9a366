/**
 * `--query`: JMESPath through the reference JavaScript implementation (the jmespath package, as
 * azure-cli uses Python's jmespath). Compiled while parsing (bad syntax is an argument error, exit 2);
 * applied to the result before formatting (an evaluation error is exit 1). Sources: knack/query.py,
 * azure-cli-core util.py (`Invalid jmespath query supplied for `--query`: …`).
 */
import * as jmespathModule from 'jmespath';

/** jmespath.js exports `compile` too; @types/jmespath only declares `search`. */
const jmespath = jmespathModule as typeof jmespathModule & { compile(expression: string): unknown };
import { AzCliError, parseError, QUERY_REFERENCE } from './errors';

export interface CompiledQuery {
  text: string;
  search(data: unknown): unknown;
}

export function compileQuery(text: string): CompiledQuery {
  try {
    jmespath.compile(text);
  } catch {
    throw parseError(`argument --query: invalid jmespath_type value: '${text}'`);
  }
  return {
    text,
    search(data) {
      try {
        return jmespath.search(nullPrototype(data) as never, text);
      } catch (error) {
        throw new AzCliError(`Invalid jmespath query supplied for \`--query\`: ${pythonMessage(error)}`, 1, [QUERY_REFERENCE]);
      }
    },
  };
}

/** Copies the result with null-prototype objects, so objects the query builds stand out (output.ts). */
function nullPrototype(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nullPrototype);
  if (value && typeof value === 'object') {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) out[k] = nullPrototype(v);
    return out;
  }
  return value;
}

const TYPE_NAMES = ['number', 'any', 'string', 'array', 'object', 'boolean', 'expref', 'null', 'array-number', 'array-string'];

/**
 * jmespath.js words its type errors as "TypeError: length() expected argument 1 to be type 2,3,4 but
 * received type 7 instead."; Python's jmespath as "In function length(), invalid type for value: None,
 * expected one of: ['string', 'array', 'object'], received: \"null\"". The Python form is what az prints.
 */
function pythonMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const m = /^TypeError: (\w+)\(\) expected argument \d+ to be type ([\d,]+) but received type (\d+) instead\.?$/.exec(text);
  if (m) {
    const expected = m[2]!.split(',').map((n) => `'${TYPE_NAMES[Number(n)] ?? n}'`);
    const received = TYPE_NAMES[Number(m[3])] ?? m[3];
    return `In function ${m[1]}(), invalid type for value: ${received === 'null' ? 'None' : '…'}, expected one of: [${expected.join(', ')}], received: "${received}"`;
  }
  return text.replace(/^\w*Error: /, '');
}
