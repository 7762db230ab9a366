/**
 * `date` on the world's simulated clock. A learner checks a token with `date +%s` against its
 * `expires_on`, so the VM must tell the same time the token service does. just-bash's date does
 * the formatting: without an explicit date (`-d`, `-r`, `-s`), it is handed `-d @<simulated now>`.
 * A relative `-d` (`'+2 hours'`, `'30 minutes ago'`, `tomorrow`), which just-bash's date cannot
 * read, is worked out here from the simulated now, as GNU date works it out from the real one: the
 * SAS lesson sets an expiry with `date -u -d '+2 hours' +%Y-%m-%dT%H:%M:%SZ`.
 */
import { type Command, defineCommand } from 'just-bash';

const EXPLICIT_DATE = /^(-d|--date(=.*)?|-r|--reference(=.*)?|-s|--set(=.*)?|-[a-zA-Z]*[drs])$/;

const SECOND = 1000;
const FIXED_MS: Record<string, number> = { sec: SECOND, second: SECOND, min: 60 * SECOND, minute: 60 * SECOND, hour: 3600 * SECOND, day: 86_400 * SECOND, week: 7 * 86_400 * SECOND, fortnight: 14 * 86_400 * SECOND };
const WORDS: Record<string, number> = { now: 0, today: 0, tomorrow: 86_400 * SECOND, yesterday: -86_400 * SECOND };

/**
 * The time a GNU relative date string names, from `now`: items such as `+2 hours`, `-1 day`,
 * `3 weeks ago`, `next hour`, `now`, `tomorrow`, in any number; null when the text is anything
 * else (an absolute date, left to just-bash's date).
 */
export function relativeDate(text: string, now: number): number | null {
  const items = text.trim().toLowerCase();
  if (items === '') return null;
  const item = /\s*(?:(now|today|tomorrow|yesterday)|([+-]?\s*\d+|next|last|this)?\s*(sec|second|min|minute|hour|day|week|fortnight|month|year)s?(\s+ago)?)(?=\s|$|[+-])/y;
  let at = now;
  let pos = 0;
  while (pos < items.length) {
    item.lastIndex = pos;
    const m = item.exec(items);
    if (!m) return null;
    pos = item.lastIndex;
    if (m[1]) {
      at += WORDS[m[1]]!;
      continue;
    }
    const count = m[2] === undefined || m[2] === 'next' ? 1 : m[2] === 'last' ? -1 : m[2] === 'this' ? 0 : Number(m[2].replace(/\s+/g, ''));
    const n = m[4] ? -count : count;
    const unit = m[3]!;
    if (unit === 'month' || unit === 'year') {
      const d = new Date(at);
      d.setUTCMonth(d.getUTCMonth() + (unit === 'year' ? 12 * n : n));
      at = d.getTime();
    } else at += n * FIXED_MS[unit]!;
    while (items[pos] === ' ') pos++;
  }
  return at;
}

/** The `-d` value among the arguments (`-d V`, `-dV`, `--date V`, `--date=V`) and where it sits. */
function dateOption(args: string[]): { value: string; start: number; count: number } | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return null;
    if ((a === '-d' || a === '--date') && i + 1 < args.length) return { value: args[i + 1]!, start: i, count: 2 };
    if (a.startsWith('--date=')) return { value: a.slice('--date='.length), start: i, count: 1 };
    if (/^-d./.test(a)) return { value: a.slice(2), start: i, count: 1 };
  }
  return null;
}

export function dateCommand(simulatedNow: () => number): Command {
  return defineCommand('date', async (args, ctx) => {
    if (!ctx.origCommand) return { stdout: '', stderr: 'date: unavailable\n', exitCode: 1 };
    const option = dateOption(args);
    const relative = option ? relativeDate(option.value, simulatedNow()) : null;
    if (option && relative !== null) {
      const rest = [...args.slice(0, option.start), ...args.slice(option.start + option.count)];
      return ctx.origCommand(['-d', `@${Math.floor(relative / 1000)}`, ...rest]);
    }
    if (args.some((a) => EXPLICIT_DATE.test(a))) return ctx.origCommand(args);
    const seconds = Math.floor(simulatedNow() / 1000);
    return ctx.origCommand(['-d', `@${seconds}`, ...args]);
  });
}
