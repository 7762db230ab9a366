/**
 * 5.1's list view: `Name : value` with names padded to the longest, multi-line values continued under
 * the value column, and long values wrapped at the console width (at a space when there is one).
 */
export interface ListEntry {
  name: string;
  text: string;
}

function wrap(text: string, width: number): string[] {
  if (width <= 0 || text.length <= width) return [text];
  const out: string[] = [];
  let rest = text;
  while (rest.length > width) {
    let at = rest.lastIndexOf(' ', width);
    if (at <= 0) at = width;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^ /, '');
  }
  out.push(rest);
  return out;
}

export function renderList(entries: ListEntry[], consoleWidth: number): string[] {
  const labelWidth = Math.max(0, ...entries.map((e) => e.name.length));
  const indent = ' '.repeat(labelWidth + 3);
  const valueWidth = consoleWidth - 1 - (labelWidth + 3);
  const out: string[] = [];
  for (const e of entries) {
    const lines = e.text.split(/\r?\n/).flatMap((l) => wrap(l, valueWidth));
    lines.forEach((l, i) => out.push(((i === 0 ? e.name.padEnd(labelWidth) + ' : ' : indent) + l).replace(/\s+$/, '')));
  }
  return out;
}
