/** `base64 -d` behaves like GNU coreutils 8.32 on Ubuntu, which is what learners decoding a JWT hit. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gnuBase64Decode } from '../../../src/shells/bash/commands/base64-decode';
import { ACCESS_TOKEN, TOKEN_PAYLOAD, TOKEN_URL } from './fake-cloud';
import { newSession } from './session-helpers';

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

describe('gnuBase64Decode', () => {
  test.each([
    { input: 'eyJhIjoxfQ==', bytes: '{"a":1}', ok: true },
    { input: 'eyJhIjoxfQ', bytes: '{"a":1}', ok: false }, // padding missing: all bytes, then failure
    { input: 'eyJhIjoxfQ=', bytes: '{"a":1}', ok: false },
    { input: 'YWI', bytes: 'ab', ok: false },
    { input: 'YQ', bytes: 'a', ok: false },
    { input: 'Y', bytes: '', ok: false },
    { input: '', bytes: '', ok: true },
    { input: 'YQ==\n', bytes: 'a', ok: true }, // newlines are ignored
    { input: 'YW\nJj\n', bytes: 'abc', ok: true },
    { input: 'YQ==YWI=', bytes: 'aab', ok: true }, // concatenated padded blocks
    { input: 'YW Jj', bytes: 'a', ok: false }, // a blank is invalid input
    { input: 'YWJj-_8', bytes: 'abc', ok: false }, // base64url characters stop decoding
    { input: 'YWJjZG-8', bytes: 'abcd', ok: false }, // ...after the bytes of the quantum before them
  ])('$input', ({ input, bytes, ok }) => {
    expect(gnuBase64Decode(input)).toEqual({ bytes, ok });
  });

  test('--ignore-garbage skips characters outside the alphabet', () => {
    expect(gnuBase64Decode('Y W-J_j', true)).toEqual({ bytes: 'abc', ok: true });
  });

  test('decoding standard base64 gives back the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(gnuBase64Decode(Buffer.from(bytes).toString('base64'))).toEqual({ bytes: latin1(bytes), ok: true });
      }),
    );
  });

  test('without padding every byte still comes out, and it fails exactly when padding was needed', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const unpadded = Buffer.from(bytes).toString('base64').replace(/=+$/, '');
        expect(gnuBase64Decode(unpadded)).toEqual({ bytes: latin1(bytes), ok: bytes.length % 3 === 0 });
      }),
    );
  });
});

describe('decoding a token payload in the terminal', () => {
  const payloadJson = JSON.stringify(TOKEN_PAYLOAD);

  test('the fixture token needs padding, as most real ones do', () => {
    expect((ACCESS_TOKEN.split('.')[1] ?? '').length % 4).not.toBe(0);
  });

  test('echo $token | cut -d. -f2 | base64 -d: the JSON, then "base64: invalid input", exit 1', async () => {
    const { session } = newSession();
    await session.run(`token=$(curl -s '${TOKEN_URL}' -H Metadata:true | jq -r .access_token)`);
    expect(await session.run('echo $token | cut -d. -f2 | base64 -d')).toEqual({
      stdout: payloadJson,
      stderr: 'base64: invalid input\n',
      exitCode: 1,
    });
  });

  test('2>/dev/null shows just the JSON (base64 still exits 1), which jq then reads', async () => {
    const { session } = newSession();
    await session.run(`token=$(curl -s '${TOKEN_URL}' -H Metadata:true | jq -r .access_token)`);
    expect(await session.run('echo $token | cut -d. -f2 | base64 -d 2>/dev/null')).toEqual({ stdout: payloadJson, stderr: '', exitCode: 1 });
    expect((await session.run('echo $token | cut -d. -f2 | base64 -d 2>/dev/null | jq -r .aud')).stdout).toBe('https://management.azure.com/\n');
  });

  test('base64url characters cut the JSON short, as on Ubuntu; tr fixes it', async () => {
    const { session } = newSession();
    // the payload segment of {"q":"??>"} is eyJxIjoiPz8-In0: a '-' in its third quantum
    await session.run('t=eyJ0eXAiOiJKV1QifQ.eyJxIjoiPz8-In0.c2ln');
    expect(await session.run('echo $t | cut -d. -f2 | base64 -d')).toEqual({ stdout: '{"q":"??', stderr: 'base64: invalid input\n', exitCode: 1 });
    expect(await session.run("echo $t | cut -d. -f2 | tr '_-' '/+' | base64 -d")).toEqual({
      stdout: '{"q":"??>"}',
      stderr: 'base64: invalid input\n',
      exitCode: 1,
    });
  });

  test('base64 -d reads a file argument and encoding still works', async () => {
    const { session } = newSession();
    expect((await session.run("printf 'hello' | base64")).stdout).toBe('aGVsbG8=\n');
    await session.run("printf 'aGVsbG8=' > b.txt");
    expect(await session.run('base64 -d b.txt')).toEqual({ stdout: 'hello', stderr: '', exitCode: 0 });
    expect((await session.run('base64 -d missing.txt')).stderr).toBe('base64: missing.txt: No such file or directory\n');
  });
});
