/**
 * Checking what operations receive. Their input comes from URLs and request bodies, so anything
 * can arrive; an operation checks the shape first and answers `InvalidParameter` naming the field,
 * before it looks anything up or writes anything.
 */
import * as v from 'valibot';
import { errors, ok, type Result } from './errors';

/** A printable form of any value for error messages; never throws (unlike String(Object.create(null))). */
export function show(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json.length > 200 ? `${json.slice(0, 200)}…` : json;
  } catch {
    // fall through: cyclic or exotic values
  }
  return Object.prototype.toString.call(value);
}

/** Validates an input object; on failure names the first bad field. */
export function parseInput<S extends v.GenericSchema>(schema: S, value: unknown, what: string): Result<v.InferOutput<S>> {
  const parsed = v.safeParse(schema, value);
  if (parsed.success) return ok(parsed.output);
  const issue = parsed.issues[0];
  const path = v.getDotPath(issue);
  return errors.invalidParameter(`Invalid ${what}${path ? ` at '${path}'` : ''}: ${issue.message}.`);
}

/** Checks that each named argument is a string. */
export function requireStrings(args: Record<string, unknown>): Result<true> {
  for (const [name, value] of Object.entries(args)) {
    if (typeof value !== 'string') return errors.invalidParameter(`'${name}' must be a string; got ${show(value)}.`);
  }
  return ok(true);
}

export const optionalTags = v.optional(v.record(v.string(), v.string()));
