import assert from 'node:assert/strict';
import { dueCount, dueQuestions, newCard, nextDue, parseStoredCard, ratingFor, recordOutcome, reviewCard, type Cards } from '../../../../src/core/course/scheduler';

const T0 = 1_750_000_000_000; // a fixed "now" (epoch ms)
const MIN = 60_000;
const DAY = 86_400_000;

describe('lessons: FSRS review scheduling (ts-fsrs)', () => {
  it('rates an attempt from how it went', () => {
    assert.equal(ratingFor({ correct: true, wrongAttempts: 0 }), 'good');
    assert.equal(ratingFor({ correct: true, wrongAttempts: 2 }), 'hard');
    assert.equal(ratingFor({ correct: true, wrongAttempts: 0, revealed: true }), 'again');
    assert.equal(ratingFor({ correct: false, wrongAttempts: 3 }), 'again');
  });

  it('a new card is due at once; reviews push it into the future, deterministically', () => {
    const c = newCard(T0);
    assert.equal(c.due, T0);
    assert.equal(c.reps, 0);
    const a = reviewCard(undefined, 'good', T0);
    const b = reviewCard(undefined, 'good', T0);
    assert.deepEqual(a, b, 'same input, same schedule (fuzz off)');
    assert.ok(a.due > T0);
    assert.equal(a.reps, 1);
    assert.equal(a.last_review, T0);
    const again = reviewCard(undefined, 'again', T0);
    assert.ok(again.due < a.due, 'again comes back sooner than good');
    assert.ok(again.due - T0 <= 10 * MIN);
  });

  it('a card answered well several times is due days later, and a lapse brings it back', () => {
    let c = reviewCard(undefined, 'good', T0);
    let t = T0;
    for (let i = 0; i < 4; i++) {
      t = c.due;
      c = reviewCard(c, 'good', t);
    }
    assert.ok(c.due - t >= DAY, `interval grows to at least a day (got ${(c.due - t) / DAY} d)`);
    const lapsed = reviewCard(c, 'again', c.due);
    assert.equal(lapsed.lapses, 1);
    assert.ok(lapsed.due - c.due < DAY);
  });

  it('lists due questions across lessons, most overdue first, skipping unknown ids', () => {
    let cards: Cards = {};
    cards = recordOutcome(cards, 'q-late', { correct: false, wrongAttempts: 1 }, T0);
    cards = recordOutcome(cards, 'q-good', { correct: true, wrongAttempts: 0 }, T0 + 1000);
    cards = recordOutcome(cards, 'q-gone', { correct: false, wrongAttempts: 0 }, T0 - 1000);
    assert.deepEqual(dueQuestions(cards, T0), []);
    const later = T0 + 30 * DAY;
    assert.deepEqual(dueQuestions(cards, later), ['q-gone', 'q-late', 'q-good']);
    assert.deepEqual(dueQuestions(cards, later, new Set(['q-late', 'q-good'])), ['q-late', 'q-good']);
    assert.equal(dueCount(cards, later), 3);
    assert.equal(nextDue(cards), Object.values(cards).reduce((min, c) => Math.min(min, c.due), Infinity));
    assert.equal(nextDue({}), null);
  });

  it('cards survive JSON and reject garbage', () => {
    const c = reviewCard(undefined, 'hard', T0);
    assert.deepEqual(parseStoredCard(JSON.parse(JSON.stringify(c))), c);
    assert.equal(parseStoredCard({ ...c, due: 'soon' }), null);
    assert.equal(parseStoredCard({ ...c, state: 9 }), null);
    assert.equal(parseStoredCard(null), null);
    assert.deepEqual(parseStoredCard({ ...c, last_review: undefined }), { ...c, last_review: null });
  });
});
