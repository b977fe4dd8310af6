/**
 * Records from storage and from the webview: a large progress record cannot stop
 * activation, ids such as `__proto__` are kept, a backup keeps the exact stored text, and a
 * time that is not a finite number is not accepted.
 */
import { strict as assert } from 'node:assert';
import { emptyProgress, loadProgress, serializeProgress } from '../../../src/core/course/progress';
import { nextDue } from '../../../src/core/course/scheduler';
import { PROGRESS_BACKUP_KEY, PROGRESS_KEY, readBackups, readProgress, storedDueCount, storedNextDue } from '../../../src/host/course/progressStore';
import type { MementoLike } from '../../../src/host/course/progressStore';
import { parseWebviewMessage } from '../../../src/shared/protocol';

class Memento implements MementoLike {
  readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  update(key: string, value: unknown): Thenable<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

const NOW = new Date('2026-11-23T12:00:00Z');
const card = (due: number) => ({ due, stability: 1, difficulty: 5, elapsed_days: 0, scheduled_days: 1, learning_steps: 0, reps: 1, lapses: 0, state: 2, last_review: due - 86_400_000 });
const KEYS = ['__proto__', 'constructor', 'prototype'];

describe('records: size, odd keys, backups, numbers', () => {
  it('reads a record of 150,000 cards: next due and due count, no stack overflow', function () {
    this.timeout(120_000);
    const cards: Record<string, ReturnType<typeof card>> = {};
    const t = NOW.getTime();
    for (let i = 0; i < 150_000; i++) cards[`q${i}`] = card(t + 1000 + i);
    const raw: unknown = { version: 2, currentLesson: null, lessons: {}, cards };
    assert.equal(storedNextDue(raw, t), t + 1000);
    assert.equal(storedDueCount(raw, t, null), 0);
    assert.equal(nextDue(cards), t + 1000);
  });

  it('keeps lessons, questions and cards keyed "__proto__", "constructor" or "prototype", through a save and a load', () => {
    const lessons: Record<string, unknown> = {};
    const cards: Record<string, unknown> = {};
    for (const k of KEYS) {
      Object.defineProperty(lessons, k, { value: { step: 1, done: false, completedAt: null, questions: JSON.parse(`{"${k}": {"correct": true, "attempts": 1, "revealed": false, "at": 5}}`) }, enumerable: true });
      Object.defineProperty(cards, k, { value: card(7), enumerable: true });
    }
    // As VS Code hands it back: parsed JSON, where "__proto__" is an own key.
    const text = JSON.stringify({ version: 2, currentLesson: '__proto__', lessons, cards });
    for (const raw of [text, JSON.parse(text) as unknown]) {
      const r = loadProgress(raw);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.deepEqual(r.warnings, []);
      assert.deepEqual(Object.keys(r.progress.lessons), KEYS);
      assert.deepEqual(Object.keys(r.progress.cards), KEYS);
      for (const k of KEYS) assert.deepEqual(Object.keys(r.progress.lessons[k].questions), [k]);
      assert.equal(serializeProgress(r.progress), text, 'saved again as it was read');
      assert.equal(Object.getPrototypeOf({}), Object.prototype);
      assert.equal(({} as Record<string, unknown>).step, undefined, 'Object.prototype untouched');
    }
    assert.equal(storedNextDue(JSON.parse(text), 0), 7);
    assert.equal(storedDueCount(JSON.parse(text), 10, new Set(['__proto__'])), 1);
  });

  it('keeps a numbers answer field named "__proto__" as a field', () => {
    const raw = JSON.parse('{"type": "course/answer", "question": "q1", "answer": {"kind": "numbers", "values": {"__proto__": "x + 1", "seq": "101"}}}') as unknown;
    const r = parseWebviewMessage(raw);
    assert.ok(r.ok, r.ok ? '' : r.error);
    const answer = (r.message as { answer: { values: Record<string, string> } }).answer;
    assert.deepEqual(Object.keys(answer.values), ['__proto__', 'seq']);
    assert.equal(Object.getOwnPropertyDescriptor(answer.values, '__proto__')?.value, 'x + 1');
  });

  it('backs up a very deep record as the exact text that was stored, and a cyclic one with the cycle named', async () => {
    const deepText = `{"version": 2, "lessons": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const deep = JSON.parse(deepText) as unknown;
    const m = new Memento();
    m.values.set(PROGRESS_KEY, deep);
    const r = readProgress(m, loadProgress, emptyProgress, NOW);
    await r.saved;
    assert.ok(r.problem);
    const [backup] = readBackups(m);
    assert.equal(backup.raw, deepText.replace(/ /g, ''));

    const cyclic: Record<string, unknown> = { version: 2, currentLesson: null, lessons: {}, cards: {} };
    (cyclic.lessons as Record<string, unknown>).self = cyclic;
    const m2 = new Memento();
    m2.values.set(PROGRESS_KEY, cyclic);
    const r2 = readProgress(m2, loadProgress, emptyProgress, NOW);
    await r2.saved;
    assert.ok(r2.problem);
    const raw = (m2.get(PROGRESS_BACKUP_KEY) as { raw: string }[])[0].raw;
    assert.notEqual(raw, '[object Object]');
    assert.deepEqual(JSON.parse(raw), { version: 2, currentLesson: null, lessons: { self: '[circular: $]' }, cards: {} });
  });

  it('does not accept a question time or completion time that is not a finite number', () => {
    const record = (at: unknown, completedAt: unknown) => ({ version: 2, currentLesson: null, lessons: { l1: { step: 0, done: false, completedAt, questions: { q1: { correct: true, attempts: 1, revealed: false, at } } } }, cards: {} });
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -Infinity]) {
      const r = loadProgress(record(bad, null));
      assert.ok(r.ok);
      assert.deepEqual(Object.keys(r.progress.lessons.l1.questions), []);
      assert.match(r.warnings[0], /lessons\.l1\.questions\.q1 was unreadable/);
      const c = loadProgress(record(1, bad));
      assert.ok(!c.ok);
      assert.match(c.error, /lessons\.l1\.completedAt is malformed/);
    }
    // What is accepted survives a save and a load unchanged.
    const ok = loadProgress(record(5, 6));
    assert.ok(ok.ok);
    assert.deepEqual(loadProgress(serializeProgress(ok.progress)), ok);
  });
});
