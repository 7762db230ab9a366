import { describe, expect, it } from 'vitest';
import { parseInterval } from '../../../src/shells/bash/commands/sleep';
import { newSession } from './session-helpers';

describe('sleep NUMBER[SUFFIX] (GNU coreutils 8.32)', () => {
  it.each([
    ['5', 5000],
    ['0.5', 500],
    ['.25s', 250],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['+3', 3000],
    ['inf', Infinity],
    ['infinity', Infinity],
    ['x', null],
    ['5x', null],
    ['-1', null],
    ['', null],
    ['1e3', null],
  ])('%j → %j ms', (arg, ms) => {
    expect(parseInterval(arg)).toBe(ms);
  });

  it('waits through the session\'s sleep, a day in one go, several arguments added up', async () => {
    const waited: number[] = [];
    const { session } = newSession({}, { sleep: async (ms) => void waited.push(ms) });
    expect(await session.run('sleep 86400 && echo awake')).toMatchObject({ stdout: 'awake\n', exitCode: 0 });
    expect(await session.run('sleep 1m 30 0.5')).toMatchObject({ exitCode: 0 });
    expect(waited).toEqual([86_400_000, 90_500]);
  });

  it('refuses what GNU refuses, naming the argument', async () => {
    const waited: number[] = [];
    const { session } = newSession({}, { sleep: async (ms) => void waited.push(ms) });
    expect(await session.run('sleep')).toMatchObject({ stderr: "sleep: missing operand\nTry 'sleep --help' for more information.\n", exitCode: 1 });
    expect(await session.run('sleep 2 soon')).toMatchObject({ stderr: "sleep: invalid time interval 'soon'\nTry 'sleep --help' for more information.\n", exitCode: 1 });
    expect(await session.run('sleep -5')).toMatchObject({ stderr: "sleep: invalid time interval '-5'\nTry 'sleep --help' for more information.\n", exitCode: 1 });
    expect(waited).toEqual([]);
    expect((await session.run('sleep --help')).stdout).toMatch(/^Usage: sleep NUMBER\[SUFFIX\]\.\.\./);
  });
});
