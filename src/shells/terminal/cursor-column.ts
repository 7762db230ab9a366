/**
 * Where a VT100/xterm-style terminal leaves the cursor's column after it shows some output, so the
 * next prompt is drawn (and later redrawn) where the terminal really put it. Output is shown as it
 * is — colours, cursor moves, device-status queries — the way a real terminal shows it; this only
 * follows the control characters and escape sequences that move the cursor sideways (ECMA-48 and
 * xterm's ctlseqs) and steps over the rest, whatever their length.
 */

const ESC = '\x1b';
/** xterm's default tab stops: every 8 columns. */
const TAB = 8;

/** What a control string (OSC, DCS, APC, PM, SOS) ends with: BEL (OSC only, but xterm accepts it anywhere) or ST. */
function endOfControlString(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\x07' || c === '\x9c') return i + 1;
    if (c === ESC && text[i + 1] === '\\') return i + 2;
  }
  return text.length;
}

/** A CSI sequence's parameters, final byte and length, starting after its introducer. */
function readCsi(text: string, from: number): { params: string; final: string; end: number } {
  let i = from;
  while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x3f) i++;
  const params = text.slice(from, i);
  while (i < text.length && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x2f) i++;
  const final = text[i] ?? '';
  return { params, final, end: Math.min(i + 1, text.length) };
}

/**
 * The column (0-based) the cursor is at after `text` is written from column `startCol` of a
 * terminal `cols` wide. A row filled to the last column leaves the next character for the next
 * row, which is column 0 here. Newlines are taken as CR LF (the terminal controller sends them so).
 */
export function columnAfter(text: string, cols: number, startCol = 0): number {
  const width = Math.max(1, cols);
  const last = width - 1;
  let col = Math.min(Math.max(0, startCol), last);
  /** The last column was written: the next printable character goes to the next row. */
  let pendingWrap = false;
  // DECSC/DECRC slots: the normal and the alternate screen each keep their own.
  // A restored cursor is never at a pending wrap: xterm clamps it into the row.
  const saved = { normal: 0, alt: 0 };
  let screen: 'normal' | 'alt' = 'normal';
  const save = (slot: 'normal' | 'alt' = screen) => (saved[slot] = col);
  const restore = (slot: 'normal' | 'alt' = screen) => moveTo(saved[slot]);
  const clamp = (n: number) => Math.min(Math.max(0, n), last);
  const moveTo = (n: number) => {
    col = clamp(n);
    pendingWrap = false;
  };
  const num = (value: string | undefined, fallback: number) => {
    const n = Number.parseInt(value ?? '', 10);
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  const nextTab = (from: number) => Math.min(last, (Math.floor(from / TAB) + 1) * TAB);
  const prevTab = (from: number) => Math.max(0, (Math.ceil(from / TAB) - 1) * TAB);

  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    const code = c.charCodeAt(0);
    let csiAt = -1;
    if (c === ESC) {
      const next = text[i + 1];
      if (next === '[') csiAt = i + 2;
      else if (next === ']' || next === 'P' || next === '_' || next === '^' || next === 'X') {
        i = endOfControlString(text, i + 2);
        continue;
      } else {
        // Two-byte escapes, after any intermediates (ESC ( B picks a character set, ESC # 8 …).
        let j = i + 1;
        while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
        const final = text[j];
        if (j === i + 1) {
          if (final === '7') save();
          else if (final === '8') restore();
          else if (final === 'E' || final === 'c') moveTo(0);
          else if (final === 'D' || final === 'M') pendingWrap = false; // IND, RI: a row down or up
        }
        i = Math.min(j + 1, text.length);
        continue;
      }
    } else if (code === 0x9b) {
      csiAt = i + 1;
    } else if (code === 0x9d || code === 0x90 || code === 0x9f || code === 0x9e || code === 0x98) {
      i = endOfControlString(text, i + 1);
      continue;
    }
    if (csiAt >= 0) {
      const { params, final, end } = readCsi(text, csiAt);
      i = end;
      if (params.startsWith('?')) {
        // 1048 saves or restores the cursor; 1049 saves it and enters the alternate screen, and
        // restores it on the way back; 47/1047 switch screens (the cursor carries over); origin
        // mode (6) homes it. Other private modes leave it where it is.
        if (final === 'h' || final === 'l') {
          for (const mode of params.slice(1).split(';')) {
            if (mode === '1048') final === 'h' ? save() : restore();
            else if (mode === '1049') {
              if (final === 'h') save('normal');
              screen = final === 'h' ? 'alt' : 'normal';
              if (final === 'l') restore('normal');
            } else if (mode === '47' || mode === '1047') screen = final === 'h' ? 'alt' : 'normal';
            else if (mode === '6') moveTo(0);
          }
        }
        continue;
      }
      if (params.startsWith('>') || params.startsWith('=')) continue; // queries (device attributes …)
      const args = params.split(';');
      const n = num(args[0], 1);
      switch (final) {
        case 'C': // CUF
        case 'a': // HPR
          moveTo(col + n);
          break;
        case 'D': // CUB
          moveTo(col - n);
          break;
        case 'G': // CHA
        case '`': // HPA
          moveTo(n - 1);
          break;
        case 'H': // CUP
        case 'f': // HVP
          moveTo(num(args[1], 1) - 1);
          break;
        case 'E': // CNL
        case 'F': // CPL
        case 'r': // DECSTBM homes the cursor
          moveTo(0);
          break;
        case 'I': // CHT (xterm leaves a pending wrap alone)
          if (pendingWrap) break;
          for (let k = 0; k < n; k++) moveTo(nextTab(col));
          break;
        case 'Z': // CBT
          if (pendingWrap) break;
          for (let k = 0; k < n; k++) moveTo(prevTab(col));
          break;
        case 'A': // CUU, CUD: same column, but no longer at a pending wrap
        case 'B':
        case 'e':
        case 'd':
          pendingWrap = false;
          break;
        case 's':
          if (params === '') save();
          break;
        case 'u':
          restore();
          break;
        default: // SGR colours, erase, device status reports …: the cursor stays
          break;
      }
      continue;
    }
    // A character outside the BMP is one cell here, as the line editor counts it.
    i += code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
    if (c === '\r' || c === '\n') moveTo(0);
    else if (c === '\b') moveTo(col - 1); // from a pending wrap too (xterm clamps to the last column first)
    else if (c === '\t') {
      if (!pendingWrap) moveTo(nextTab(col)); // xterm leaves a pending wrap alone
    } else if (c === '\x0b' || c === '\x0c') pendingWrap = false; // VT and FF are line feeds
    else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) continue; // other controls move nothing
    else if (pendingWrap) {
      col = Math.min(1, last);
      pendingWrap = width === 1;
    } else if (col === last) pendingWrap = true;
    else col++;
  }
  return pendingWrap ? 0 : col;
}
