/**
 * Saved progress: every lesson's step statuses and help used, plus where the learner was (for
 * "continue where you left off"). JSON with a schema version in an injected storage
 * (localStorage in the browser, a Map in tests). Corrupt, foreign or newer data never crashes:
 * it is migrated when a migration exists, otherwise set aside with a notice and progress starts
 * fresh. When storage itself throws (private mode, blocked third-party storage in an embed), the
 * store keeps working in memory and says so.
 */
import * as v from 'valibot';
import { HELP_LEVELS, type LessonProgress } from './progress-model';

export const PROGRESS_VERSION = 1;
export const PROGRESS_KEY = 'mi-sandbox.progress';

/** The part of the Web Storage API the store uses. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ProgressDocument {
  version: typeof PROGRESS_VERSION;
  lessons: Record<string, LessonProgress & { updatedAt: string }>;
  /** The lesson and step last worked on. */
  last: { lesson: string; step: string } | null;
}

/** One migration: a document at version n → version n + 1. */
export type ProgressMigrations = Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>;

/** No older format has shipped yet; the runner is here so the first change is a table entry. */
export const progressMigrations: ProgressMigrations = {};

const STATUS = v.picklist(['locked', 'active', 'done']);
const HELP = v.picklist(HELP_LEVELS);
const StepSchema = v.object({ status: STATUS, help: HELP, completedWith: v.nullable(HELP) });
const LastSchema = v.nullable(v.object({ lesson: v.string(), step: v.string() }));

/**
 * Records keyed by slugs are checked entry by entry into prototype-less objects: a slug may be
 * `constructor` or `__proto__`, which generic record parsing drops or turns into a prototype.
 */
function recordOf<T>(value: unknown, path: string, entry: (v: unknown, path: string) => T | string): Record<string, T> | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return path;
  const out = Object.create(null) as Record<string, T>;
  for (const key of Object.keys(value)) {
    const parsed = entry((value as Record<string, unknown>)[key], `${path}.${key}`);
    if (typeof parsed === 'string') return parsed;
    Object.defineProperty(out, key, { value: parsed, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function parseStep(value: unknown, path: string) {
  const r = v.safeParse(StepSchema, value);
  return r.success ? r.output : `${path}.${v.getDotPath(r.issues[0]) ?? ''}`.replace(/\.$/, '');
}

function parseLesson(value: unknown, path: string): (LessonProgress & { updatedAt: string }) | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return path;
  const { current, updatedAt, steps } = value as Record<string, unknown>;
  if (typeof current !== 'string') return `${path}.current`;
  if (typeof updatedAt !== 'string') return `${path}.updatedAt`;
  const parsedSteps = recordOf(steps, `${path}.steps`, parseStep);
  return typeof parsedSteps === 'string' ? parsedSteps : { current, steps: parsedSteps, updatedAt };
}

/** `reason` completes "The saved progress …" / "That file …". */
export type Loaded = { ok: true; doc: ProgressDocument; notice: string | null } | { ok: false; reason: string };

const empty = (): ProgressDocument => ({ version: PROGRESS_VERSION, lessons: Object.create(null) as ProgressDocument['lessons'], last: null });

/** Parses saved text (storage or an imported file): migrated if older, refused with a reason if not usable. */
export function parseProgress(text: string, migrations: ProgressMigrations = progressMigrations, target: number = PROGRESS_VERSION): Loaded {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'is not readable (corrupted JSON)' };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, reason: 'is not a progress file' };
  }
  let doc = raw as Record<string, unknown>;
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, reason: 'has no valid format version' };
  }
  if (version > target) {
    return { ok: false, reason: `comes from a newer version of the sandbox (format ${version})` };
  }
  let migrated = false;
  for (let at = version; at < target; at++) {
    const step = migrations[at];
    if (!step) return { ok: false, reason: `is in format ${at}, which cannot be upgraded` };
    try {
      doc = { ...step(structuredClone(doc)), version: at + 1 };
    } catch {
      return { ok: false, reason: `is in format ${at} and could not be upgraded` };
    }
    migrated = true;
  }
  const lessons = recordOf(doc.lessons, 'lessons', parseLesson);
  if (typeof lessons === 'string') return { ok: false, reason: `is damaged at '${lessons}'` };
  const last = v.safeParse(LastSchema, doc.last ?? null);
  if (!last.success) return { ok: false, reason: "is damaged at 'last'" };
  return {
    ok: true,
    doc: { version: PROGRESS_VERSION, lessons, last: last.output },
    notice: migrated ? `Your saved progress was upgraded from format ${version}.` : null,
  };
}

export interface ProgressStore {
  /** A message for the learner about what happened to their saved data, if anything did. */
  readonly notice: string | null;
  /** False when storage is unavailable and progress lives only in this page. */
  readonly persistent: boolean;
  lesson(slug: string): LessonProgress | undefined;
  saveLesson(slug: string, progress: LessonProgress): void;
  /** "Continue where you left off". */
  last(): { lesson: string; step: string } | null;
  /** The whole document as a file's text. */
  exportText(): string;
  /** Replaces progress with a file's; on failure nothing changes and the reason is returned. */
  importText(text: string): { ok: true } | { ok: false; message: string };
  clear(): void;
  /**
   * Saved data that could not be read and was too big to set aside in storage (its quota holds
   * about 5 M characters in all): offered as a download instead. Null when there is none, or once
   * it was taken.
   */
  readonly unreadable: UnreadableProgress | null;
  /** The learner downloaded the unreadable data: it is removed from storage and no longer offered. */
  releaseUnreadable(): void;
}

export interface UnreadableProgress {
  text: string;
  fileName: string;
}

export interface ProgressStoreOptions {
  storage?: StorageLike | null;
  key?: string;
  now?: () => Date;
  migrations?: ProgressMigrations;
}

export function createProgressStore(opts: ProgressStoreOptions = {}): ProgressStore {
  const key = opts.key ?? PROGRESS_KEY;
  const now = opts.now ?? (() => new Date());
  let storage: StorageLike | null = opts.storage ?? null;
  let notice: string | null = null;
  let doc = empty();
  let unreadable: UnreadableProgress | null = null;
  /** The unreadable value is still under `key` (nothing was saved over it yet). */
  let unreadableStored = false;

  const fallBack = (why: string) => {
    storage = null;
    notice = `Progress cannot be saved in this browser (${why}); it is kept only until you close the page. Use Export to keep a copy.`;
  };

  if (storage) {
    try {
      const text = storage.getItem(key);
      if (text !== null) {
        const loaded = parseProgress(text, opts.migrations);
        if (loaded.ok) {
          doc = loaded.doc;
          notice = loaded.notice;
        } else {
          // Keep the unreadable data under a side key so nothing is destroyed outright.
          try {
            storage.setItem(`${key}.unreadable`, text);
            storage.removeItem(key);
            notice = `The saved progress ${loaded.reason}, so it was set aside and progress starts fresh.`;
          } catch {
            // No room for a second copy (the quota is per site, about 5 M characters in all). Offer
            // it as a download instead; it stays in storage until it is downloaded or new progress
            // is saved over it, so storage keeps working instead of the page falling back to memory.
            unreadable = { text, fileName: 'mi-sandbox-progress-unreadable.txt' };
            unreadableStored = true;
            notice = `The saved progress ${loaded.reason}, and it is too big to set aside in this browser (${text.length.toLocaleString('en-US')} characters), so progress starts fresh. Download it to keep a copy: it is removed from this browser once you do, or once new progress is saved.`;
          }
        }
      }
    } catch (e) {
      fallBack(e instanceof Error ? e.message : 'storage is blocked');
    }
  }

  const persist = () => {
    if (!storage) return;
    try {
      storage.setItem(key, JSON.stringify(doc));
      unreadableStored = false;
    } catch (e) {
      fallBack(e instanceof Error ? e.message : 'storage is full or blocked');
    }
  };

  return {
    get notice() {
      return notice;
    },
    get persistent() {
      return storage !== null;
    },
    lesson: (slug) => {
      const saved = Object.hasOwn(doc.lessons, slug) ? doc.lessons[slug] : undefined;
      return saved ? { current: saved.current, steps: JSON.parse(JSON.stringify(saved.steps)) as LessonProgress['steps'] } : undefined;
    },
    saveLesson(slug, progress) {
      const saved = { current: progress.current, steps: structuredClone(progress.steps), updatedAt: now().toISOString() };
      Object.defineProperty(doc.lessons, slug, { value: saved, enumerable: true, writable: true, configurable: true });
      doc.last = { lesson: slug, step: progress.current };
      persist();
    },
    last: () => (doc.last ? { ...doc.last } : null),
    exportText: () => JSON.stringify(doc, null, 2),
    importText(text) {
      const loaded = parseProgress(text, opts.migrations);
      if (!loaded.ok) return { ok: false, message: `That file ${loaded.reason}. Nothing was changed.` };
      doc = loaded.doc;
      persist();
      return { ok: true };
    },
    get unreadable() {
      return unreadable;
    },
    releaseUnreadable() {
      if (!unreadable) return;
      unreadable = null;
      notice = null;
      if (!storage) return;
      try {
        if (unreadableStored) storage.removeItem(key);
        unreadableStored = false;
      } catch (e) {
        fallBack(e instanceof Error ? e.message : 'storage is blocked');
      }
    },
    clear() {
      doc = empty();
      if (!storage) return;
      try {
        storage.removeItem(key);
        unreadableStored = false;
      } catch (e) {
        fallBack(e instanceof Error ? e.message : 'storage is blocked');
      }
    },
  };
}
