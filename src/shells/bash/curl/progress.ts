/**
 * curl's progress meter (lib/progress.c in 7.81), which curl writes to stderr whenever the body is
 * not going to a terminal: piped into jq, written with -o, or captured by `$(...)`. Learners see it
 * as two header lines and a `100  1234  100  1234 ...` line when they forget -s.
 */

const HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

const KB = 1024;
const MB = 1024 * KB;

/** curl's max5data: a size or speed in at most five characters. */
export function max5(bytes: number): string {
  const n = Math.max(0, Math.floor(bytes));
  if (n < 100000) return String(n).padStart(5);
  if (n < 10000 * KB) return `${String(Math.floor(n / KB)).padStart(4)}k`;
  if (n < 100 * MB) return `${String(Math.floor(n / MB)).padStart(2)}.${Math.floor((n % MB) / (MB / 10))}M`;
  if (n < 10000 * MB) return `${String(Math.floor(n / MB)).padStart(4)}M`;
  return `${String(Math.floor(n / (1024 * MB))).padStart(4)}G`;
}

/** curl's time2str: `--:--:--` until a whole second has passed. */
export function time2str(seconds: number): string {
  const s = Math.floor(seconds);
  if (s <= 0) return '--:--:--';
  const h = Math.floor(s / 3600);
  if (h <= 99) {
    const m = Math.floor((s - h * 3600) / 60);
    const sec = s - h * 3600 - m * 60;
    return `${String(h).padStart(2)}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
  }
  const d = Math.floor(h / 24);
  return d <= 999 ? `${String(d).padStart(3)}d ${String(h - d * 24).padStart(2, '0')}h` : `${String(d).padStart(7)}d`;
}

export interface ProgressState {
  downloaded: number;
  /** Content-Length of the response, when the server sent one. */
  downloadSize?: number;
  uploaded: number;
  uploadSize?: number;
  elapsedMs: number;
}

function percent(done: number, size: number | undefined): number {
  return size !== undefined && size > 0 ? Math.floor((done * 100) / size) : 0;
}

/** One `\r`-prefixed meter line, as curl redraws it. */
export function progressLine(p: ProgressState): string {
  // curl divides by the elapsed time in seconds, or by 1 when no time has passed at all.
  const secs = p.elapsedMs > 0 ? p.elapsedMs / 1000 : 1;
  const dlSpeed = Math.floor(p.downloaded / secs);
  const ulSpeed = Math.floor(p.uploaded / secs);
  const dlKnown = p.downloadSize !== undefined;
  const ulKnown = p.uploadSize !== undefined;
  const dlEstimate = dlKnown && dlSpeed > 0 ? Math.floor((p.downloadSize as number) / dlSpeed) : 0;
  const ulEstimate = ulKnown && ulSpeed > 0 ? Math.floor((p.uploadSize as number) / ulSpeed) : 0;
  const total = Math.max(dlEstimate, ulEstimate);
  const spent = Math.floor(p.elapsedMs / 1000);
  const left = total > spent ? total - spent : 0;
  const expected = (ulKnown ? (p.uploadSize as number) : p.uploaded) + (dlKnown ? (p.downloadSize as number) : p.downloaded);
  const transferred = p.uploaded + p.downloaded;
  const totalPercent = expected > 0 ? Math.floor((transferred * 100) / expected) : 0;
  return (
    '\r' +
    `${String(totalPercent).padStart(3)} ${max5(expected)}  ` +
    `${String(percent(p.downloaded, p.downloadSize)).padStart(3)} ${max5(p.downloaded)}  ` +
    `${String(percent(p.uploaded, p.uploadSize)).padStart(3)} ${max5(p.uploaded)}  ` +
    `${max5(dlSpeed)}  ${max5(ulSpeed)} ${time2str(total)} ${time2str(spent)} ${time2str(left)} ` +
    max5(dlSpeed + ulSpeed)
  );
}

/** The meter's opening: the two header lines and the all-zero line curl draws before connecting. */
export function progressStart(): string {
  return HEADER + progressLine({ downloaded: 0, uploaded: 0, elapsedMs: 0 });
}

/** The final redraw curl makes when a transfer completes, ending the meter's line. */
export function progressDone(p: ProgressState): string {
  return progressLine(p) + '\n';
}
