/**
 * Turns the bytes a terminal emulator sends for keystrokes and pastes into editing keys.
 * xterm.js sends what a VT100-style terminal would: control characters and CSI/SS3 sequences.
 */

export type Key =
  | { type: 'text'; text: string }
  | { type: 'enter' }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'wordLeft' }
  | { type: 'wordRight' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'interrupt' }
  | { type: 'eof' }
  | { type: 'clearScreen' }
  | { type: 'killLine' }
  | { type: 'killToEnd' }
  | { type: 'killWord' }
  | { type: 'tab' };

const SEQUENCES: Record<string, Key> = {
  '\x1b[A': { type: 'up' },
  '\x1bOA': { type: 'up' },
  '\x1b[B': { type: 'down' },
  '\x1bOB': { type: 'down' },
  '\x1b[C': { type: 'right' },
  '\x1bOC': { type: 'right' },
  '\x1b[D': { type: 'left' },
  '\x1bOD': { type: 'left' },
  '\x1b[H': { type: 'home' },
  '\x1bOH': { type: 'home' },
  '\x1b[1~': { type: 'home' },
  '\x1b[F': { type: 'end' },
  '\x1bOF': { type: 'end' },
  '\x1b[4~': { type: 'end' },
  '\x1b[3~': { type: 'delete' },
  '\x1b[1;5C': { type: 'wordRight' },
  '\x1b[1;5D': { type: 'wordLeft' },
  '\x1bf': { type: 'wordRight' },
  '\x1bb': { type: 'wordLeft' },
};

const CONTROLS: Record<string, Key> = {
  '\r': { type: 'enter' },
  '\n': { type: 'enter' },
  '\x7f': { type: 'backspace' },
  '\b': { type: 'backspace' },
  '\x03': { type: 'interrupt' },
  '\x04': { type: 'eof' },
  '\x0c': { type: 'clearScreen' },
  '\x01': { type: 'home' },
  '\x05': { type: 'end' },
  '\x02': { type: 'left' },
  '\x06': { type: 'right' },
  '\x10': { type: 'up' },
  '\x0e': { type: 'down' },
  '\x15': { type: 'killLine' },
  '\x0b': { type: 'killToEnd' },
  '\x17': { type: 'killWord' },
  '\t': { type: 'tab' },
};

/** Splits terminal input into keys. Unknown escape sequences are dropped rather than typed. */
export function parseKeys(data: string): Key[] {
  const keys: Key[] = [];
  let text = '';
  const flush = () => {
    if (text) keys.push({ type: 'text', text });
    text = '';
  };
  // Bracketed paste markers, if a terminal sends them, carry no keys of their own.
  const input = data.replace(/\x1b\[20[01]~/g, '');
  for (let i = 0; i < input.length; ) {
    const ch = input[i]!;
    if (ch === '\x1b') {
      flush();
      const seq = matchSequence(input, i);
      if (seq) keys.push(SEQUENCES[seq]!);
      i += seq ? seq.length : skipUnknownEscape(input, i);
      continue;
    }
    if (ch === '\r' && input[i + 1] === '\n') {
      flush();
      keys.push({ type: 'enter' });
      i += 2;
      continue;
    }
    const control = CONTROLS[ch];
    if (control) {
      flush();
      keys.push(control);
    } else if (ch >= ' ' || ch > '\x7f') {
      text += ch;
    }
    i += 1;
  }
  flush();
  return keys;
}

function matchSequence(input: string, at: number): string | undefined {
  for (const seq of Object.keys(SEQUENCES)) {
    if (input.startsWith(seq, at)) return seq;
  }
  return undefined;
}

/**
 * Length of an unrecognised escape sequence, read by ECMA-48's shapes so none of it is typed as
 * text: CSI (parameters 0x30–0x3F, intermediates 0x20–0x2F, a final byte), SS3 and one character,
 * control strings (OSC, DCS, APC, PM, SOS) up to BEL or ST, or ESC, intermediates and a final byte.
 * Besides unknown keys, this drops what a terminal sends back when output asks it something — a
 * cursor position report (`ESC [ row ; col R`), device attributes (`ESC [ ? 1 ; 2 c`, `ESC [ > 0 ; 276 ; 0 c`),
 * colour answers (`ESC ] 11 ; rgb:… ESC \\`) — which would otherwise land on the command line.
 */
function skipUnknownEscape(input: string, at: number): number {
  const next = input[at + 1];
  if (next === undefined) return 1;
  if (next === '[') {
    let j = at + 2;
    while (j < input.length && input.charCodeAt(j) >= 0x30 && input.charCodeAt(j) <= 0x3f) j++;
    while (j < input.length && input.charCodeAt(j) >= 0x20 && input.charCodeAt(j) <= 0x2f) j++;
    return Math.min(j + 1, input.length) - at;
  }
  if (next === 'O') return Math.min(3, input.length - at);
  if (next === ']' || next === 'P' || next === '_' || next === '^' || next === 'X') {
    for (let j = at + 2; j < input.length; j++) {
      if (input[j] === '\x07') return j + 1 - at;
      if (input[j] === '\x1b' && input[j + 1] === '\\') return j + 2 - at;
    }
    return input.length - at;
  }
  let j = at + 1;
  while (j < input.length && input.charCodeAt(j) >= 0x20 && input.charCodeAt(j) <= 0x2f) j++;
  return Math.min(j + 1, input.length) - at;
}
