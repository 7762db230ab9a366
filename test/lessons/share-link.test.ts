import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync } from 'node:zlib';
import { loadLessons } from '../../build/lessons-plugin.ts';
import { buildStartWorld } from '../../src/lessons/start-world';
import { applyJsonDiff, captureStep, decodeShareLink, diffJson, encodeShareLink, rebuildWorld, SHARE_LIMIT, type SharedStep } from '../../src/lessons/share-link';
import { enableSystemAssigned, snapshotWorld } from '../../src/sim/index';

const jsonObject = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }).map((o) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>);
const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const link = (doc: unknown) => '#state=' + b64url(deflateSync(JSON.stringify(doc)));
const state: SharedStep = { lesson: 'linux-vm-arm', step: 'get-a-token', editor: "curl -H Metadata:true 'http://169.254.169.254/…'", diff: [{ p: ['clock', 'now'], v: 5 }, { p: ['gone'] }] };

describe('world differences', () => {
  it('applying the difference of a and b to a gives b', () => {
    fc.assert(
      fc.property(jsonObject, jsonObject, (a, b) => {
        const applied = applyJsonDiff(a, diffJson(a, b));
        expect(applied).toEqual({ ok: true, value: b });
      }),
    );
  });
  it('an unchanged world has no difference', () => {
    fc.assert(
      fc.property(jsonObject, (a) => {
        expect(diffJson(a, structuredClone(a))).toEqual([]);
      }),
    );
  });
  it.each([
    [[{ p: ['__proto__', 'polluted'], v: true }], /forbidden key/],
    [[{ p: ['constructor', 'prototype', 'x'], v: 1 }], /forbidden key/],
    [[{ p: ['missing', 'deep'], v: 1 }], /does not fit this step's world/],
    [[{ p: [] }], /deletes the whole world/],
  ])('refuses %j', (ops, message) => {
    const result = applyJsonDiff({ a: 1 }, ops);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('share links', () => {
  it('round-trips a step', async () => {
    const encoded = await encodeShareLink(state);
    expect(encoded.ok).toBe(true);
    if (encoded.ok) {
      expect(encoded.value).toMatch(/^#state=[A-Za-z0-9_-]+$/);
      expect(await decodeShareLink(encoded.value)).toEqual({ ok: true, value: state });
    }
  });

  it('refuses to make a link past the cap, with the size and the way out', async () => {
    // Random text barely compresses, so this is well past the cap.
    let seed = 42;
    const noise = Array.from({ length: 12_000 }, () => String.fromCharCode(33 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 89))).join('');
    const encoded = await encodeShareLink({ ...state, editor: noise });
    expect(encoded.ok).toBe(false);
    if (!encoded.ok) expect(encoded.error).toMatch(new RegExp(`too big for a link \\(\\d+ characters; links are capped at ${SHARE_LIMIT}\\)`));
  });

  it.each([
    ['#other=abc', /does not start with #state=/],
    ['#state=', /not base64url/],
    ['#state=<script>alert(1)</script>', /not base64url/],
    ['#state=' + 'A'.repeat(SHARE_LIMIT), /longer than 8000 characters/],
    ['#state=aGVsbG8', /not a compressed share link/],
    [link({ ...state, version: 1 }).slice(0, 30), /not a compressed share link|not JSON/],
    ['#state=' + b64url(deflateSync('not json')), /not JSON/],
    [link({ ...state, version: 7 }), /another version of the sandbox \(format 7\)/],
    [link({ version: 1, ...state, lesson: '../../etc' }), /lesson is not valid/],
    [link({ version: 1, ...state, extra: '<img src=x onerror=alert(1)>' }), /not valid/],
    [link({ version: 1, ...state, diff: [{ p: ['__proto__', 'x'], v: 1 }] }), /forbidden key/],
    [link({ version: 1, ...state, editor: 5 }), /editor is not valid/],
    ['#state=' + b64url(deflateSync(' '.repeat(2_000_000))), /unpacks to more than a share link can hold/],
  ])('garbled or hostile link %# → a clear refusal', async (hash, message) => {
    const decoded = await decodeShareLink(hash);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.error).toMatch(/^This share link cannot be opened: /);
      expect(decoded.error).toMatch(message);
    }
  });

  const nested = (depth: number, leaf = '1') => '['.repeat(depth) + leaf + ']'.repeat(depth);
  const rawLink = (json: string) => '#state=' + b64url(deflateSync(json));
  const withDiffValue = (valueJson: string) => rawLink(`{"version":1,"lesson":"linux-vm-arm","step":"get-a-token","editor":"","diff":[{"p":["x"],"v":${valueJson}}]}`);

  it.each([
    ['100,000 levels deep', withDiffValue(nested(100_000)), /nests deeper than 64 levels/],
    ['65 levels deep', withDiffValue(nested(62)), /nests deeper than 64 levels/],
    ['deep objects', withDiffValue('{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000)), /nests deeper than 64 levels/],
    ['200,000 values', withDiffValue(`[${'0,'.repeat(200_000)}0]`), /holds more than 100000 values/],
  ])('a link shaped to overflow the stack or eat time is refused before anything recursive sees it: %s', async (_name, hash, message) => {
    expect(hash.length).toBeLessThanOrEqual(SHARE_LIMIT);
    const decoded = await decodeShareLink(hash);
    expect(decoded).toEqual({ ok: false, error: expect.stringMatching(/^This share link cannot be opened: /) });
    if (!decoded.ok) expect(decoded.error).toMatch(message);
  });

  it('a diff nested just within the cap still opens', async () => {
    const decoded = await decodeShareLink(withDiffValue(nested(61)));
    expect(decoded.ok).toBe(true);
  });

  it('never throws on hostile shapes: any nesting of arrays and objects, any depth up to 100,000', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('[', '{"k":'), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 100_000 }), async (openers, depth) => {
        let open = '';
        let close = '';
        for (let i = 0; i < depth; i++) {
          const o = openers[i % openers.length]!;
          open += o;
          close = (o === '[' ? ']' : '}') + close;
        }
        const hash = withDiffValue(open + '0' + close);
        fc.pre(hash.length <= SHARE_LIMIT);
        const decoded = await decodeShareLink(hash);
        // Refused for its depth, or (for the widest shapes) for its unpacked size; never a throw.
        if (depth + 2 > 64) expect(decoded).toMatchObject({ ok: false, error: expect.stringMatching(/nests deeper than 64 levels|unpacks to more than/) });
      }),
      { numRuns: 40 },
    );
  });

  it('never throws on garbled links: any string, and any corruption of a real link', async () => {
    const real = await encodeShareLink(state);
    if (!real.ok) throw new Error(real.error);
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (s) => {
        const decoded = await decodeShareLink('#state=' + s);
        if (!decoded.ok) expect(decoded.error).toMatch(/^This share link cannot be opened: /);
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(real.value.length - 8), fc.constantFrom(...'AZaz09-_'), async (at, c) => {
        const garbled = real.value.slice(0, 7 + at) + c + real.value.slice(8 + at);
        const decoded = await decodeShareLink(garbled);
        // A flipped character either still decodes to a valid document or is refused with a reason.
        if (decoded.ok) expect(decoded.value.lesson).toMatch(/^[a-z0-9-]+$/);
        else expect(decoded.error).toMatch(/^This share link cannot be opened: /);
      }),
      { numRuns: 200 },
    );
  });
});

const lessons = await loadLessons('lessons');

describe("a shared step carries the sender's world", () => {
  const lesson = lessons.find((l) => l.slug === 'linux-vm-arm')!;
  const built = buildStartWorld(lesson.start);
  if (!built.ok) throw new Error(built.message);
  const world = built.world;
  const vm = Object.values(world.data.virtualMachines).find((v) => v.name === 'myLinuxVM')!;
  expect(enableSystemAssigned(world, vm.id).ok).toBe(true);
  const stepIndex = lesson.steps.findIndex((s) => s.slug === 'grant-reader');

  it('through a link and back, the recipient gets the same world and editor text', async () => {
    const captured = captureStep(lesson, stepIndex, world, 'echo hi');
    if (!captured.ok) throw new Error(captured.error);
    const link = await encodeShareLink(captured.value);
    if (!link.ok) throw new Error(link.error);
    expect(link.value.length).toBeLessThan(2000);
    const decoded = await decodeShareLink(link.value);
    if (!decoded.ok) throw new Error(decoded.error);
    const rebuilt = rebuildWorld(lesson, decoded.value);
    if (!rebuilt.ok) throw new Error(rebuilt.error);
    expect(snapshotWorld(rebuilt.value).virtualMachines).toEqual(snapshotWorld(world).virtualMachines);
    expect(decoded.value.editor).toBe('echo hi');
  });

  it.each([
    [{ lesson: 'windows-vm-arm' }, /for the lesson "windows-vm-arm", not this one/],
    [{ step: 'no-such-step' }, /does not have/],
    [{ diff: [{ p: ['virtualMachines'], v: 'gone' }] }, /the world it describes is not valid/],
    [{ diff: [{ p: ['nothing', 'here'], v: 1 }] }, /does not fit this step's world/],
  ])('a link that does not fit the lesson is refused: %#', (change, message) => {
    const result = rebuildWorld(lesson, { lesson: lesson.slug, step: 'grant-reader', editor: '', diff: [], ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});
