/**
 * Share links: a step's state in the URL hash (`#state=…`), so a learner can show a helper exactly
 * where they are. Only the difference from the step's start world goes in, plus the editor's text,
 * deflated and base64url-encoded (svelte.dev's playground does the same), and the link is capped
 * so it survives chat apps. Opening a link is treated as hostile input: size-capped before and
 * after inflating, schema-checked, no prototype keys, and the rebuilt world must pass the world's
 * own snapshot validation before anything changes.
 */
import * as v from 'valibot';
import { restoreWorld, snapshotWorld, type World } from '../sim/index';
import { exceedsJsonBounds, type JsonBounds } from './json-bounds';
import { buildStartWorld } from './start-world';
import type { CompiledLesson } from './types';

import { SHARE_PREFIX } from './share-prefix';

export { SHARE_PREFIX };
/** Characters of the whole hash; longer links break in chat apps and some browsers' address bars. */
export const SHARE_LIMIT = 8000;
/** Inflated JSON size cap, so a tiny link cannot inflate into a huge document. */
const INFLATED_LIMIT = 512 * 1024;
/**
 * Shape caps for the parsed document. A world snapshot nests about ten levels and a difference op
 * adds its path (at most 32 keys), so 64 is far above any real link and far below what recursive
 * code (structuredClone, the schema checks) can take.
 */
const SHAPE_LIMIT: JsonBounds = { maxDepth: 64, maxNodes: 100_000 };
const VERSION = 1;

/** Set `path` to `value`, or delete it when `value` is absent. Arrays are replaced whole. */
export interface DiffOp {
  p: string[];
  v?: unknown;
}

export interface SharedStep {
  lesson: string;
  step: string;
  diff: DiffOp[];
  editor: string;
}

export type ShareResult<T> = { ok: true; value: T } | { ok: false; error: string };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

export function diffJson(from: unknown, to: unknown, path: string[] = []): DiffOp[] {
  if (same(from, to)) return [];
  if (!isPlainObject(from) || !isPlainObject(to)) return [{ p: path, v: to }];
  const ops: DiffOp[] = [];
  for (const key of Object.keys(to)) {
    ops.push(...(Object.hasOwn(from, key) ? diffJson(from[key], to[key], [...path, key]) : [{ p: [...path, key], v: to[key] }]));
  }
  for (const key of Object.keys(from)) if (!Object.hasOwn(to, key)) ops.push({ p: [...path, key] });
  return ops;
}

export function applyJsonDiff(base: unknown, ops: readonly DiffOp[]): ShareResult<unknown> {
  let root: unknown = structuredClone(base);
  for (const op of ops) {
    const where = `/${op.p.join('/')}`;
    if (op.p.some((k) => FORBIDDEN_KEYS.has(k))) return { ok: false, error: `the change at ${where} names a forbidden key` };
    if (op.p.length === 0) {
      if (!('v' in op)) return { ok: false, error: 'a change deletes the whole world' };
      root = structuredClone(op.v);
      continue;
    }
    let node: unknown = root;
    for (const key of op.p.slice(0, -1)) {
      if (!isPlainObject(node) || !Object.hasOwn(node, key)) return { ok: false, error: `the change at ${where} does not fit this step's world` };
      node = node[key];
    }
    const last = op.p.at(-1)!;
    if (!isPlainObject(node)) return { ok: false, error: `the change at ${where} does not fit this step's world` };
    if ('v' in op) Object.defineProperty(node, last, { value: structuredClone(op.v), enumerable: true, writable: true, configurable: true });
    else delete node[last];
  }
  return { ok: true, value: root };
}

const SLUG = v.pipe(v.string(), v.maxLength(100), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug'));
const SharedSchema = v.strictObject({
  version: v.literal(VERSION),
  lesson: SLUG,
  step: SLUG,
  editor: v.pipe(v.string(), v.maxLength(20_000)),
  diff: v.pipe(
    v.array(v.strictObject({ p: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(32)), v: v.optional(v.unknown()) })),
    v.maxLength(5_000),
  ),
});

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function deflate(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Inflates, giving up past `limit` bytes instead of inflating a bomb to the end. */
async function inflate(bytes: Uint8Array, limit: number): Promise<ShareResult<string>> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return { ok: false, error: 'it unpacks to more than a share link can hold' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, error: 'it is not a compressed share link (it may have been cut off when copied)' };
  }
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(await new Blob(chunks as BlobPart[]).arrayBuffer()) };
  } catch {
    return { ok: false, error: 'its content is not text' };
  }
}

/** The `#state=…` hash for a step, or why it cannot be shared. */
export async function encodeShareLink(state: SharedStep): Promise<ShareResult<string>> {
  const json = JSON.stringify({ version: VERSION, ...state });
  const hash = SHARE_PREFIX + toBase64Url(await deflate(json));
  if (hash.length > SHARE_LIMIT) {
    return { ok: false, error: `This step's changes are too big for a link (${hash.length} characters; links are capped at ${SHARE_LIMIT}). Reset the step or shorten the editor's text, then try again.` };
  }
  return { ok: true, value: hash };
}

/** Reads a `#state=…` hash. Never throws; every refusal says why. */
export async function decodeShareLink(hash: string): Promise<ShareResult<SharedStep>> {
  const refuse = (why: string): ShareResult<SharedStep> => ({ ok: false, error: `This share link cannot be opened: ${why}.` });
  if (!hash.startsWith(SHARE_PREFIX)) return refuse('it does not start with #state=');
  if (hash.length > SHARE_LIMIT) return refuse(`it is longer than ${SHARE_LIMIT} characters`);
  const bytes = fromBase64Url(hash.slice(SHARE_PREFIX.length));
  if (!bytes || bytes.length === 0) return refuse('it is not base64url text (it may have been changed or cut off)');
  const text = await inflate(bytes, INFLATED_LIMIT);
  if (!text.ok) return refuse(text.error);
  let doc: unknown;
  try {
    doc = JSON.parse(text.value);
  } catch {
    return refuse('its content is not JSON');
  }
  const tooBig = exceedsJsonBounds(doc, SHAPE_LIMIT);
  if (tooBig) return refuse(tooBig);
  if (isPlainObject(doc) && doc.version !== VERSION && typeof doc.version === 'number') return refuse(`it was made by another version of the sandbox (format ${doc.version})`);
  const parsed = v.safeParse(SharedSchema, doc);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return refuse(`its ${v.getDotPath(issue) ?? 'content'} is not valid (${issue.message})`);
  }
  const { lesson, step, editor, diff } = parsed.output;
  const ops: DiffOp[] = diff.map((op) => ('v' in op && op.v !== undefined ? { p: op.p, v: op.v } : { p: op.p }));
  if (ops.some((op) => op.p.some((k) => FORBIDDEN_KEYS.has(k)))) return refuse('it tries to change a forbidden key');
  return { ok: true, value: { lesson, step, editor, diff: ops } };
}

/**
 * The world a shared step's difference is taken from: the step's declared start (its own `start:`,
 * else the lesson's). Built from presets and setup actions only, so it comes out identical for the
 * sender and the recipient, and the difference carries the sender's earlier steps too.
 */
export function shareBaseWorld(lesson: CompiledLesson, stepIndex: number): ShareResult<unknown> {
  const step = lesson.steps[stepIndex];
  if (!step) return { ok: false, error: `the lesson has no step ${stepIndex + 1}` };
  const built = buildStartWorld(step.start ?? lesson.start);
  if (!built.ok) return { ok: false, error: built.message };
  return { ok: true, value: snapshotWorld(built.world) };
}

/** What to put in a link for this step, the world as it is now and the editor's text. */
export function captureStep(lesson: CompiledLesson, stepIndex: number, world: World, editor: string): ShareResult<SharedStep> {
  const base = shareBaseWorld(lesson, stepIndex);
  if (!base.ok) return base;
  return { ok: true, value: { lesson: lesson.slug, step: lesson.steps[stepIndex]!.slug, diff: diffJson(base.value, snapshotWorld(world)), editor } };
}

/** The sender's world for a decoded link, or why it cannot be rebuilt; the world's own validation has the last word. */
export function rebuildWorld(lesson: CompiledLesson, shared: SharedStep): ShareResult<World> {
  if (shared.lesson !== lesson.slug) return { ok: false, error: `This share link is for the lesson "${shared.lesson}", not this one.` };
  const stepIndex = lesson.steps.findIndex((s) => s.slug === shared.step);
  if (stepIndex < 0) return { ok: false, error: `This share link is for a step "${shared.step}" that this lesson does not have.` };
  const base = shareBaseWorld(lesson, stepIndex);
  if (!base.ok) return { ok: false, error: `This share link cannot be opened: ${base.error}.` };
  const applied = applyJsonDiff(base.value, shared.diff);
  if (!applied.ok) return { ok: false, error: `This share link cannot be opened: ${applied.error}.` };
  const world = restoreWorld(applied.value);
  if (!world.ok) return { ok: false, error: `This share link cannot be opened: the world it describes is not valid (${world.error.message}).` };
  return { ok: true, value: world.value };
}
