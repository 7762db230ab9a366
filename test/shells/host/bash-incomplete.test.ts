import { describe, expect, it } from 'vitest';
import { Bash } from 'just-bash';
import { bashIsIncomplete } from '../../../src/shells/host/bash-incomplete';

const bash = new Bash();

describe('bashIsIncomplete', () => {
  it.each([
    ['echo hi', false],
    ['', false],
    ['echo "a', true],
    ["echo 'a", true],
    ['if true; then', true],
    ['if true; then\necho x', true],
    ['if true; then\necho x\nfi', false],
    ['for i in 1 2; do', true],
    ['f() {', true],
    ['cat <<EOF\nx', true],
    ['cat <<EOF\nx\nEOF', false],
    ['echo $(ls', true],
    ['echo a \\', true],
    ['echo a \\\\', false],
    ['curl -s \\\n  -H Metadata:true \\', true],
    ['fi', false],
    ['done; echo x', false],
    // A block opened on an indented line after the first (a function typed line by line).
    ['f() {\n  if true; then', true],
    ['get_token() {\n  x=1\n  if [ $((x - 1)) -le 300 ]; then', true],
    ['while true; do\n  for i in 1 2; do', true],
    ['f() {\n  if true; then\n    echo x\n  fi', true],
    ['f() {\n  echo x; fi', false],
    ['{\n  echo x; }', false],
  ])('%j → %s', (source, incomplete) => {
    expect(bashIsIncomplete(bash, source)).toBe(incomplete);
  });
});
