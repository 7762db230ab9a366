/** jq at a terminal prints like Ubuntu 22.04's jq 1.6: coloured, unless piped or -M. */
import { expect, test } from 'vitest';
import { newSession } from './session-helpers';

const E = '\x1b[';
const [OBJ, KEY, STR, NUM, NUL, R] = [`${E}1;39m`, `${E}34;1m`, `${E}0;32m`, `${E}0;39m`, `${E}1;30m`, `${E}0m`];

test.each([
  {
    cmd: `echo '{"a":[1,null],"b":"x"}' | jq .`,
    out:
      `${OBJ}{\n  ${R}${KEY}"a"${R}${OBJ}: ${R}${OBJ}[\n    ${NUM}1${R}${OBJ},\n    ${NUL}null${R}${OBJ}\n  ${OBJ}]${R}${OBJ},\n  ` +
      `${R}${KEY}"b"${R}${OBJ}: ${R}${STR}"x"${R}${OBJ}\n${OBJ}}${R}\n`,
  },
  {
    cmd: `echo '{"a":[1,true],"b":{}}' | jq -c .`,
    out:
      `${OBJ}{${R}${KEY}"a"${R}${OBJ}:${R}${OBJ}[${NUM}1${R}${OBJ},${NUM}true${R}${OBJ}${OBJ}]${R}${OBJ},` +
      `${R}${KEY}"b"${R}${OBJ}:${R}${OBJ}{}${R}${OBJ}${OBJ}}${R}\n`,
  },
  { cmd: 'echo null | jq .', out: `${NUL}null${R}\n` },
  { cmd: `echo '[]' | jq .`, out: `${OBJ}[]${R}\n` },
  { cmd: `echo '{"b":"x"}' | jq -r .b`, out: 'x\n' },
  { cmd: `echo '{"b":"x","n":2}' | jq -j '.b, .n'`, out: `x${NUM}2${R}` },
  { cmd: `echo '{"a":1}' | jq -M .`, out: '{\n  "a": 1\n}\n' },
  { cmd: `echo '{"a":1}' | jq . | cat`, out: '{\n  "a": 1\n}\n' },
  { cmd: `echo '{"a":1}' | jq -C . | cat`, out: `${OBJ}{\n  ${R}${KEY}"a"${R}${OBJ}: ${R}${NUM}1${R}${OBJ}\n${OBJ}}${R}\n` },
  { cmd: `echo '{"a":[1]}' | jq --tab . | cat`, out: '{\n\t"a": [\n\t\t1\n\t]\n}\n' },
  { cmd: `echo '{"a":1}' | jq --indent 4 . | cat`, out: '{\n    "a": 1\n}\n' },
  { cmd: `echo '{"z":1,"a":2}' | jq -S -c . | cat`, out: '{"a":2,"z":1}\n' },
  { cmd: `echo '{"a":"x"}' | jq --arg v y -c '.a = $v' | cat`, out: '{"a":"y"}\n' },
])('$cmd', async ({ cmd, out }) => {
  const { session } = newSession();
  expect(await session.run(cmd)).toMatchObject({ stdout: out, exitCode: 0 });
});

test('jq errors pass through', async () => {
  const { session } = newSession();
  const r = await session.run(`echo 'not json' | jq .`);
  expect(r.stdout).toBe('');
  expect(r.exitCode).not.toBe(0);
  expect(r.stderr).toMatch(/^jq: /);
});
