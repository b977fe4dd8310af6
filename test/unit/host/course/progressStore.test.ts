import { strict as assert } from 'node:assert';
import { emptyProgress, loadProgress, recordAnswer } from '../../../../src/core/course/progress';
import type { Progress } from '../../../../src/core/course/progress';
import {
  MAX_BACKUPS,
  PROGRESS_BACKUP_KEY,
  PROGRESS_KEY,
  PROGRESS_PREVIOUS_KEY,
  keepPrevious,
  readBackups,
  readProgress,
  storedDueCount,
  storedNextDue,
  writeProgress,
} from '../../../../src/host/course/progressStore';
import type { MementoLike } from '../../../../src/host/course/progressStore';

/** A Memento that keeps values as VS Code does (JSON round trip) and logs the order of writes. */
class FakeMemento implements MementoLike {
  readonly values = new Map<string, unknown>();
  readonly writes: string[] = [];
  get(key: string): unknown {
    return this.values.get(key);
  }
  update(key: string, value: unknown): Thenable<void> {
    this.writes.push(key);
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}

const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

const NOW = new Date('2026-11-23T12:00:00Z');
const DAY = 24 * 3600 * 1000;

describe('progress store (global state)', () => {
  it('starts a learner with nothing stored afresh, writing nothing', async () => {
    const m = new FakeMemento();
    const r = readProgress(m, loadProgress, emptyProgress, NOW);
    await r.saved;
    assert.equal(r.problem, null);
    assert.deepEqual(r.progress, emptyProgress());
    assert.deepEqual(m.writes, []);
  });

  it('reads back what it wrote', async () => {
    const m = new FakeMemento();
    const p: Progress = recordAnswer(emptyProgress(), 'handshake', 'hs-synack', { correct: true, wrongAttempts: 0 }, NOW.getTime());
    await writeProgress(m, p);
    const r = readProgress(m, loadProgress, emptyProgress, NOW);
    assert.equal(r.problem, null);
    // Loaded records have no prototype (see progress.ts); compare them as JSON values.
    assert.deepEqual(plain(r.progress), plain(p));
  });

  for (const [what, raw] of [
    ['text that is not JSON', '{"version": 2, "lessons": '],
    ['a record of an unknown version', { version: 99, lessons: {} }],
    ['a record with a malformed lesson', { version: 2, currentLesson: null, lessons: { x: { step: -1 } }, cards: {} }],
    ['a number', 42],
  ] as const) {
    it(`backs up ${what}, reports it, and never overwrites the backup first`, async () => {
      const m = new FakeMemento();
      m.values.set(PROGRESS_KEY, raw);
      const r = readProgress(m, loadProgress, emptyProgress, NOW);
      await r.saved;
      assert.ok(r.problem && r.problem.length > 5, 'a problem is reported');
      assert.deepEqual(r.progress, emptyProgress());
      assert.deepEqual(m.writes, [PROGRESS_BACKUP_KEY], 'only the backup is written while reading');
      const [backup] = readBackups(m);
      assert.equal(backup.at, NOW.toISOString());
      assert.equal(backup.error, r.problem);
      assert.equal(backup.raw, typeof raw === 'string' ? raw : JSON.stringify(raw));
      // The unreadable record itself is still there until the learner's next change replaces it.
      assert.deepEqual(m.values.get(PROGRESS_KEY), raw);
    });
  }

  it('keeps at most MAX_BACKUPS backups, newest last, and survives a corrupt backup list', async () => {
    const m = new FakeMemento();
    m.values.set(PROGRESS_BACKUP_KEY, 'not a list');
    for (let i = 0; i < MAX_BACKUPS + 3; i++) {
      m.values.set(PROGRESS_KEY, `broken ${i}`);
      await readProgress(m, loadProgress, emptyProgress, new Date(NOW.getTime() + i)).saved;
    }
    const backups = readBackups(m);
    assert.equal(backups.length, MAX_BACKUPS);
    assert.equal(backups[backups.length - 1].raw, `broken ${MAX_BACKUPS + 2}`);
    assert.equal(backups[0].raw, 'broken 3');
  });

  it('migrates a version 1 record, saves it, and keeps the original', async () => {
    const m = new FakeMemento();
    const v1 = { version: 1, current: 'handshake', lessons: { handshake: { step: 3, done: false } }, answered: { 'hs-synack': { lesson: 'handshake', correct: true } } };
    m.values.set(PROGRESS_KEY, v1);
    const r = readProgress(m, loadProgress, emptyProgress, NOW);
    await r.saved;
    assert.equal(r.migratedFrom, 1);
    assert.equal(r.progress.currentLesson, 'handshake');
    assert.equal(r.progress.lessons.handshake.step, 3);
    assert.deepEqual(m.values.get(PROGRESS_KEY), plain(r.progress));
    const previous = m.values.get(PROGRESS_PREVIOUS_KEY) as { raw: string; reason: string };
    assert.deepEqual(JSON.parse(previous.raw), v1);
    assert.match(previous.reason, /version 1/);
  });

  it('keeps the record before a reset', async () => {
    const m = new FakeMemento();
    assert.equal(keepPrevious(m, 'reset', NOW), undefined, 'nothing to keep');
    await writeProgress(m, emptyProgress());
    await keepPrevious(m, 'before resetting the course', NOW);
    assert.equal((m.values.get(PROGRESS_PREVIOUS_KEY) as { reason: string }).reason, 'before resetting the course');
  });

  it('counts due cards straight from the stored record, for the status bar', () => {
    const t = NOW.getTime();
    const record = { version: 2, currentLesson: null, lessons: {}, cards: { a: { due: t - DAY }, b: { due: t - 1 }, c: { due: t + DAY }, gone: { due: t - DAY }, bad: { due: 'soon' } } };
    assert.equal(storedDueCount(record, t, null), 3);
    assert.equal(storedDueCount(record, t, new Set(['a', 'b', 'c'])), 2, 'cards of questions the course no longer has are not counted');
    assert.equal(storedDueCount(JSON.stringify(record), t, null), 3);
    assert.equal(storedNextDue(record, t), t + DAY);
    for (const junk of [undefined, null, 'nope', 7, { cards: [] }, { cards: null }]) {
      assert.equal(storedDueCount(junk, t, null), 0);
      assert.equal(storedNextDue(junk, t), null);
    }
  });
});
