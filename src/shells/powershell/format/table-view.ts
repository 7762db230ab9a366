/**
 * 5.1's table view: a header, a dash line as long as each header (not the column), one row per object,
 * numbers right-aligned, columns separated by one space, the last column unpadded. Columns are sized to
 * their content (5.1 buffers the first objects for this); when the table is wider than the console,
 * the widest columns shrink and cut their text with "...", and columns that still do not fit are dropped.
 */
import { cellText, isNumericCell } from './display';

export interface Column {
  header: string;
  get(item: unknown): unknown;
  /** Fixed width from a registered view; 0 means "the rest of the line". */
  width?: number;
  /** Alignment from a registered view; otherwise numbers align right. */
  align?: 'left' | 'right';
}

function cut(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width <= 3) return text.slice(0, width);
  return text.slice(0, width - 3) + '...';
}

export function renderTable(items: unknown[], columns: Column[], consoleWidth: number, autoSize = false): string[] {
  const available = consoleWidth - 1;
  const rows = items.map((item) =>
    columns.map((c) => {
      const v = c.get(item);
      return { text: cellText(v).replace(/\r?\n/g, ' '), right: c.align ? c.align === 'right' : isNumericCell(v) };
    }),
  );
  const right = columns.map((c, i) => (c.align ? c.align === 'right' : rows.length > 0 && (rows[0]?.[i]?.right ?? false)));
  let widths = columns.map((c, i) => {
    if (c.width !== undefined && c.width > 0 && !autoSize) return c.width;
    return Math.max(c.header.length, ...rows.map((r) => r[i]?.text.length ?? 0));
  });
  const fixedRest = columns.findIndex((c) => c.width === 0);
  if (fixedRest >= 0 && !autoSize) {
    const others = widths.reduce((a, w, i) => (i === fixedRest ? a : a + w), 0) + (columns.length - 1);
    widths[fixedRest] = Math.max(columns[fixedRest]?.header.length ?? 1, available - others);
  }
  let shown = columns.length;
  const total = () => widths.slice(0, shown).reduce((a, b) => a + b, 0) + (shown - 1);
  while (total() > available) {
    let widest = -1;
    for (let i = 0; i < shown; i++) {
      const min = Math.max(columns[i]?.header.length ?? 1, 4);
      if ((widths[i] ?? 0) > min && (widest < 0 || (widths[i] ?? 0) > (widths[widest] ?? 0))) widest = i;
    }
    if (widest >= 0) widths[widest] = (widths[widest] ?? 0) - 1;
    else if (shown > 1) shown--;
    else break;
  }
  widths = widths.slice(0, shown);
  const line = (cells: string[], rightAlign: boolean[]) =>
    cells
      .slice(0, shown)
      .map((t, i) => {
        const w = widths[i] ?? 0;
        const s = cut(t, w);
        return rightAlign[i] ? s.padStart(w) : s.padEnd(w);
      })
      .join(' ')
      .replace(/\s+$/, '');
  const out = [
    line(columns.map((c) => c.header), right),
    line(
      columns.map((c) => '-'.repeat(c.header.length)),
      right,
    ),
  ];
  for (const r of rows) out.push(line(r.map((c) => c.text), right));
  return out;
}
