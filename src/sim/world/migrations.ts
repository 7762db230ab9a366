/**
 * Snapshot migrations: `migrations[n]` turns a version-n document into version n+1. Version 1 is
 * the first published schema, so the table is empty; the runner in snapshot.ts is exercised by
 * tests with their own tables, and the next schema change adds its step here.
 */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;
export type Migrations = Readonly<Record<number, Migration>>;

export const migrations: Migrations = {};
