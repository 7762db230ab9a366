/**
 * Hint texts are written in lesson frontmatter as plain sentences with Markdown code spans
 * (`<NAME`, `Metadata: true`). They are shown as text, never as HTML, so the spans are split out
 * here and drawn as <code> by the page. CommonMark's rule: a run of backticks opens a span that
 * the next run of the same length closes; an unclosed run is literal text.
 */
export interface TextPart {
  code: boolean;
  text: string;
}

export function inlineCodeParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const push = (code: boolean, piece: string) => {
    if (!piece) return;
    const last = parts.at(-1);
    if (last && !last.code && !code) last.text += piece;
    else parts.push({ code, text: piece });
  };
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('`', i);
    if (open < 0) break;
    let run = 1;
    while (text[open + run] === '`') run++;
    const fence = '`'.repeat(run);
    // The closing run must be exactly as long (not part of a longer run).
    let close = text.indexOf(fence, open + run);
    while (close >= 0 && (text[close + run] === '`' || text[close - 1] === '`')) close = text.indexOf(fence, close + 1);
    if (close < 0) {
      push(false, text.slice(i, open + run));
      i = open + run;
      continue;
    }
    push(false, text.slice(i, open));
    let inner = text.slice(open + run, close).replace(/\n/g, ' ');
    // One leading and trailing space are stripped when both are there (so `` `x` `` shows `x`).
    if (inner.length > 2 && inner.startsWith(' ') && inner.endsWith(' ') && inner.trim()) inner = inner.slice(1, -1);
    push(true, inner);
    i = close + run;
  }
  push(false, text.slice(i));
  return parts;
}
