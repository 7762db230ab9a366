import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROGRESS_KEY, PROGRESS_VERSION, createProgressStore, parseProgress, type StorageLike } from '../../src/lessons/progress-store.ts';
import type { LessonProgress } from '../../src/lessons/progress-model.ts';

function mapStorage(initial: Record<string, string> = {}): StorageLike & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

/**
 * Web Storage with a browser's quota: every key and value counted in characters (Chrome and
 * Firefox allow about 5 M per site), a write past it refused with QuotaExceededError and no change.
 */
function quotaStorage(quota: number, initial: Record<string, string> = {}): StorageLike & { data: Map<string, string> } {
  const storage = mapStorage(initial);
  const used = () => [...storage.data].reduce((n, [k, v]) => n + k.length + v.length, 0);
  storage.setItem = (k, v) => {
    const replaced = storage.data.has(k) ? k.length + storage.data.get(k)!.length : 0;
    if (used() - replaced + k.length + v.length > quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    storage.data.set(k, v);
  };
  return storage;
}

const throwing: StorageLike = {
  getItem: () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
  removeItem: () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
};

const progress: LessonProgress = {
  current: 'grant-reader',
  steps: {
    'enable-identity': { status: 'done', help: 'hint', completedWith: 'hint' },
    'grant-reader': { status: 'active', help: 'none', completedWith: null },
  },
};

const fixedNow = () => new Date('2026-01-15T09:00:00Z');

describe('progress store', () => {
  it('saves, reloads from storage, and remembers where the learner left off', () => {
    const storage = mapStorage();
    const store = createProgressStore({ storage, now: fixedNow });
    expect(store.last()).toBeNull();
    store.saveLesson('linux-vm-arm', progress);
    const again = createProgressStore({ storage });
    expect(again.lesson('linux-vm-arm')).toEqual(progress);
    expect(again.last()).toEqual({ lesson: 'linux-vm-arm', step: 'grant-reader' });
    expect(again.notice).toBeNull();
    expect(JSON.parse(storage.data.get(PROGRESS_KEY)!)).toMatchObject({ version: PROGRESS_VERSION, lessons: { 'linux-vm-arm': { updatedAt: '2026-01-15T09:00:00.000Z' } } });
  });

  it('exports to text and imports it into another store', () => {
    const a = createProgressStore({ storage: mapStorage() });
    a.saveLesson('windows-vm-arm', progress);
    const b = createProgressStore({ storage: mapStorage() });
    expect(b.importText(a.exportText())).toEqual({ ok: true });
    expect(b.lesson('windows-vm-arm')).toEqual(progress);
    expect(b.last()).toEqual({ lesson: 'windows-vm-arm', step: 'grant-reader' });
  });

  it.each([
    { name: 'not JSON', text: '{"version":1,', reason: /not readable \(corrupted JSON\)/ },
    { name: 'not an object', text: '[1,2]', reason: /not a progress file/ },
    { name: 'no version', text: '{"lessons":{}}', reason: /no valid format version/ },
    { name: 'a newer format', text: '{"version":99,"lessons":{},"last":null}', reason: /newer version of the sandbox \(format 99\)/ },
    { name: 'a bad step status', text: '{"version":1,"lessons":{"x":{"current":"a","steps":{"a":{"status":"won","help":"none","completedWith":null}},"updatedAt":"t"}},"last":null}', reason: /damaged at 'lessons\.x\.steps\.a\.status'/ },
  ])('corrupted saved data ($name) is set aside with a notice and progress starts fresh', ({ text, reason }) => {
    const storage = mapStorage({ [PROGRESS_KEY]: text });
    const store = createProgressStore({ storage });
    expect(store.notice).toMatch(reason);
    expect(store.notice).toMatch(/set aside and progress starts fresh/);
    expect(store.last()).toBeNull();
    expect(storage.data.get(`${PROGRESS_KEY}.unreadable`)).toBe(text);
    expect(storage.data.has(PROGRESS_KEY)).toBe(false);
  });

  describe('corrupted saved data too big to set aside (over half the quota)', () => {
    const QUOTA = 5_000_000;
    const huge = '{"version":1,"lessons":' + 'x'.repeat(2_700_000);

    it('is offered as a download and storage keeps working: progress is saved again at once', () => {
      const storage = quotaStorage(QUOTA, { [PROGRESS_KEY]: huge });
      const store = createProgressStore({ storage, now: fixedNow });
      expect(store.persistent).toBe(true);
      expect(store.notice).toMatch(/^The saved progress is not readable \(corrupted JSON\), and it is too big to set aside in this browser \(2,700,023 characters\), so progress starts fresh\. Download it/);
      expect(store.unreadable).toEqual({ text: huge, fileName: 'mi-sandbox-progress-unreadable.txt' });
      // Not destroyed before the learner had the chance to take it.
      expect(storage.data.get(PROGRESS_KEY)).toBe(huge);
      store.saveLesson('linux-vm-arm', progress);
      expect(store.persistent).toBe(true);
      expect(createProgressStore({ storage }).lesson('linux-vm-arm')).toEqual(progress);
      // The copy in memory can still be downloaded on this page.
      expect(store.unreadable?.text).toBe(huge);
    });

    it('once downloaded it is removed, and the next visit starts clean', () => {
      const storage = quotaStorage(QUOTA, { [PROGRESS_KEY]: huge });
      const store = createProgressStore({ storage });
      store.releaseUnreadable();
      expect(store.unreadable).toBeNull();
      expect(store.notice).toBeNull();
      expect(storage.data.has(PROGRESS_KEY)).toBe(false);
      const next = createProgressStore({ storage });
      expect(next.notice).toBeNull();
      expect(next.persistent).toBe(true);
    });

    it('downloading after new progress was saved keeps that progress', () => {
      const storage = quotaStorage(QUOTA, { [PROGRESS_KEY]: huge });
      const store = createProgressStore({ storage });
      store.saveLesson('linux-vm-arm', progress);
      store.releaseUnreadable();
      expect(createProgressStore({ storage }).lesson('linux-vm-arm')).toEqual(progress);
    });

    it('a value that fits beside itself is still set aside under the side key, as before', () => {
      const storage = quotaStorage(QUOTA, { [PROGRESS_KEY]: huge.slice(0, 2_000_000) });
      const store = createProgressStore({ storage });
      expect(store.unreadable).toBeNull();
      expect(store.notice).toMatch(/set aside and progress starts fresh/);
      expect(storage.data.get(`${PROGRESS_KEY}.unreadable`)).toHaveLength(2_000_000);
    });
  });

  it('property: whatever is stored and however full storage is, loading never throws and progress can be saved or is kept in memory with a notice', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.json(), fc.integer({ min: 0, max: 3000 }).map((n) => '{"version":1,'.padEnd(n, 'x'))),
        fc.integer({ min: 0, max: 6000 }),
        fc.string({ maxLength: 3000 }),
        (text, quota, sideCopy) => {
          const storage = quotaStorage(quota);
          storage.data.set(PROGRESS_KEY, text);
          storage.data.set(`${PROGRESS_KEY}.unreadable`, sideCopy);
          const store = createProgressStore({ storage });
          if (store.unreadable) {
            expect(store.unreadable.text).toBe(text);
            expect(store.persistent).toBe(true);
          }
          store.saveLesson('linux-vm-arm', progress);
          expect(store.lesson('linux-vm-arm')).toEqual(progress);
          if (store.persistent) expect(createProgressStore({ storage }).lesson('linux-vm-arm')).toEqual(progress);
          else expect(store.notice).toMatch(/Progress cannot be saved in this browser/);
          store.releaseUnreadable();
          expect(store.unreadable).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a bad import changes nothing and says why', () => {
    const store = createProgressStore({ storage: mapStorage() });
    store.saveLesson('linux-vm-arm', progress);
    expect(store.importText('not json')).toEqual({ ok: false, message: 'That file is not readable (corrupted JSON). Nothing was changed.' });
    expect(store.lesson('linux-vm-arm')).toEqual(progress);
  });

  it('runs the migration table from the saved format up to the current one', () => {
    // No older format has shipped; a made-up format 2 (renamed steps) exercises the runner.
    const v1 = JSON.stringify({ version: 1, lessons: { l: { current: 'old', steps: { old: { status: 'done', help: 'none', completedWith: 'none' } }, updatedAt: 't' } }, last: null });
    const migrations = {
      1: (doc: Record<string, unknown>) => ({ ...doc, lessons: { l: { current: 'new', steps: { new: { status: 'done', help: 'none', completedWith: 'none' } }, updatedAt: 't' } } }),
    };
    const loaded = parseProgress(v1, migrations, 2);
    expect(loaded).toMatchObject({ ok: true, notice: 'Your saved progress was upgraded from format 1.' });
    expect(loaded.ok && loaded.doc.lessons.l?.current).toBe('new');
    expect(parseProgress(v1, {}, 2)).toEqual({ ok: false, reason: 'is in format 1, which cannot be upgraded' });
    const throwing = { 1: () => { throw new Error('bad'); } };
    expect(parseProgress(v1, throwing, 2)).toEqual({ ok: false, reason: 'is in format 1 and could not be upgraded' });
  });

  it('falls back to memory when storage throws, and says progress will not survive the page', () => {
    const store = createProgressStore({ storage: throwing });
    expect(store.persistent).toBe(false);
    expect(store.notice).toMatch(/cannot be saved in this browser \(The operation is insecure\.\)/);
    store.saveLesson('linux-vm-arm', progress);
    expect(store.lesson('linux-vm-arm')).toEqual(progress);
  });

  it('falls back to memory when a write fails (quota)', () => {
    const storage = mapStorage();
    storage.setItem = () => {
      throw new DOMException('quota exceeded', 'QuotaExceededError');
    };
    const store = createProgressStore({ storage });
    store.saveLesson('linux-vm-arm', progress);
    expect(store.persistent).toBe(false);
    expect(store.lesson('linux-vm-arm')).toEqual(progress);
  });

  it('property: any stored text loads without throwing, and any import leaves a usable store', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
        const store = createProgressStore({ storage: mapStorage({ [PROGRESS_KEY]: text }) });
        const imported = store.importText(text);
        expect(typeof imported.ok).toBe('boolean');
        store.saveLesson('linux-vm-arm', progress);
        expect(store.lesson('linux-vm-arm')).toEqual(progress);
      }),
      { numRuns: 300 },
    );
  });

  it('property: lesson slugs like __proto__ or constructor are stored as data', () => {
    fc.assert(
      fc.property(fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'), (slug) => {
        const storage = mapStorage();
        const store = createProgressStore({ storage });
        expect(store.lesson(slug)).toBeUndefined();
        store.saveLesson(slug, progress);
        expect(createProgressStore({ storage }).lesson(slug)).toEqual(progress);
      }),
    );
  });
});
