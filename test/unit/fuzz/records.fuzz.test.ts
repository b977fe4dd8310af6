/**
 * Fuzz: progress records as Settings Sync or a damaged disk may hand them over. Loading
 * never throws; what loads saves and loads again unchanged, keeping every id however it is
 * spelled; what does not load is backed up as the exact text that was stored.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { loadProgress, serializeProgress } from '../../../src/core/course/progress';
import { rawText } from '../../../src/core/json/rawText';
import { storedDueCount, storedNextDue } from '../../../src/host/course/progressStore';
import { deep, hostile, key, oddNumber, params, prototypeIntact } from './common';

const question = fc.record({ correct: fc.oneof(fc.boolean(), hostile), attempts: fc.oneof(fc.nat(5), oddNumber), revealed: fc.boolean(), at: fc.oneof(fc.nat(), oddNumber) });
const card = fc.record({
  due: fc.oneof(fc.nat(), oddNumber),
  stability: fc.double({ min: 0, max: 100, noNaN: true }),
  difficulty: fc.double({ min: 1, max: 10, noNaN: true }),
  elapsed_days: fc.nat(30),
  scheduled_days: fc.nat(30),
  learning_steps: fc.nat(3),
  reps: fc.nat(10),
  lapses: fc.nat(3),
  state: fc.oneof(fc.constantFrom(0, 1, 2, 3), oddNumber),
  last_review: fc.oneof(fc.constant(null), fc.nat(), oddNumber),
});
/** Objects with own keys as JSON.parse makes them (so "__proto__" is a key). */
const table = <T>(value: fc.Arbitrary<T>) =>
  fc.array(fc.tuple(key, value), { maxLength: 6 }).map((entries) => {
    const o: Record<string, T> = {};
    for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
    return o;
  });
const lesson = fc.record({ step: fc.oneof(fc.nat(9), oddNumber), done: fc.boolean(), completedAt: fc.oneof(fc.constant(null), fc.nat(), oddNumber), questions: table(question) });
const record = fc.oneof(
  { weight: 4, arbitrary: fc.record({ version: fc.constant(2), currentLesson: fc.oneof(fc.constant(null), key), lessons: table(lesson), cards: table(card) }) },
  { weight: 1, arbitrary: fc.record({ version: fc.constant(1), current: fc.oneof(fc.constant(null), key), lessons: table(fc.record({ step: fc.nat(9), done: fc.boolean() })), answered: table(fc.record({ lesson: key, correct: fc.boolean() })) }) },
  { weight: 2, arbitrary: hostile },
  // Deeper than JSON.stringify can write (it throws RangeError past some thousands of levels).
  { weight: 1, arbitrary: fc.constantFrom<unknown>(deep(12_000), { version: 2, currentLesson: null, lessons: deep(12_000), cards: {} }) },
);

describe('fuzz: progress records', function () {
  this.timeout(60_000);

  it('load never throws; what loads round-trips with every id; what does not is backed up exactly', () => {
    fc.assert(
      fc.property(record, fc.boolean(), (value, asText) => {
        const stored = asText ? rawText(value) : value;
        const r = loadProgress(stored);
        assert.ok(prototypeIntact());
        if (!r.ok) {
          assert.equal(typeof r.backup, 'string');
          assert.equal(r.backup, typeof stored === 'string' ? stored : rawText(value));
          assert.notEqual(r.backup, '[object Object]');
          return;
        }
        const saved = serializeProgress(r.progress);
        const again = loadProgress(saved);
        assert.ok(again.ok);
        assert.equal(serializeProgress(again.progress), saved, 'a loaded record saves and loads unchanged');
        assert.deepEqual(again.warnings, []);
        const src = (asText ? JSON.parse(stored as string) : value) as { lessons: object; cards: object } | null;
        if (r.migratedFrom === null && typeof src === 'object' && src !== null) {
          assert.deepEqual(Object.keys(r.progress.lessons), Object.keys(src.lessons).filter((k) => !r.warnings.some((w) => w.startsWith(`lessons.${k} `))));
          for (const k of Object.keys(r.progress.cards)) assert.ok(Object.prototype.hasOwnProperty.call(src.cards, k));
        }
        for (const c of Object.values(r.progress.cards)) assert.ok(Number.isFinite(c.due));
        for (const l of Object.values(r.progress.lessons)) for (const q of Object.values(l.questions)) assert.ok(Number.isFinite(q.at));
      }),
      params(2020, 1000),
    );
  });

  it('the status bar reads any stored value without throwing', () => {
    fc.assert(
      fc.property(record, fc.nat(), (value, now) => {
        const next = storedNextDue(value, now);
        assert.ok(next === null || (Number.isFinite(next) && next > now));
        assert.ok(Number.isInteger(storedDueCount(value, now, null)));
      }),
      params(2021, 1000),
    );
  });

  it('rawText is JSON.stringify wherever JSON.stringify has an answer', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.jsonValue()), (value) => {
        let expected: string | undefined;
        try {
          expected = JSON.stringify(value);
        } catch {
          return;
        }
        assert.equal(rawText(value), expected ?? 'null');
      }),
      params(2022, 2000),
    );
  });
});
