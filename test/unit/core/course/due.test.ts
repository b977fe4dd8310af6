import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { dayStart, dueIds } from '../../../../src/core/course/due';

const HOUR = 3_600_000;
// 2025-06-15 14:00 in UTC+8 (06:00 UTC).
const NOW = Date.UTC(2025, 5, 15, 6, 0, 0);
const PACE = { newPerDay: 3, utcOffsetMinutes: 480 };

describe('review pacing: new cards a day', () => {
  it('starts the learner\'s day at their own midnight', () => {
    assert.equal(dayStart(NOW, 480), Date.UTC(2025, 5, 14, 16, 0, 0));
    assert.equal(dayStart(NOW, 0), Date.UTC(2025, 5, 15, 0, 0, 0));
    assert.equal(dayStart(NOW, -300), Date.UTC(2025, 5, 15, 5, 0, 0));
  });

  it('lets at most newPerDay new cards come up, most overdue first, and never holds back cards already in review', () => {
    const fresh = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`q${String(i).padStart(2, '0')}`, { due: NOW - (11 - i) * 60_000, reps: 1, last_review: NOW - 2 * HOUR }]));
    const old = { r1: { due: NOW - 10 * HOUR, reps: 4, last_review: NOW - 48 * HOUR } };
    const ids = dueIds({ ...fresh, ...old }, NOW, undefined, PACE);
    assert.deepEqual(ids, ['r1', 'q00', 'q01', 'q02']);
    assert.equal(dueIds({ ...fresh, ...old }, NOW).length, 12, 'without a pace, everything due');
  });

  it('counts new cards first reviewed today against the allowance, not those of yesterday', () => {
    const cards = {
      a: { due: NOW - 1000, reps: 1, last_review: NOW - HOUR },
      b: { due: NOW - 2000, reps: 1, last_review: NOW - HOUR },
      today: { due: NOW + HOUR, reps: 2, last_review: NOW - 30 * 60_000 },
      yesterday: { due: NOW + HOUR, reps: 2, last_review: dayStart(NOW, 480) - 1000 },
    };
    assert.deepEqual(dueIds(cards, NOW, undefined, { newPerDay: 2, utcOffsetMinutes: 480 }), ['b']);
    assert.deepEqual(dueIds(cards, NOW, undefined, { newPerDay: 0, utcOffsetMinutes: 480 }), []);
  });

  it('paced is always a subset of unpaced, in the same order, with at most newPerDay new cards (property)', () => {
    const card = fc.record({ due: fc.integer({ min: NOW - 100 * HOUR, max: NOW + 10 * HOUR }), reps: fc.integer({ min: 1, max: 5 }), last_review: fc.integer({ min: NOW - 100 * HOUR, max: NOW }) });
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), card, { maxKeys: 30 }), fc.integer({ min: 0, max: 10 }), (cards, n) => {
        const all = dueIds(cards, NOW);
        const paced = dueIds(cards, NOW, undefined, { newPerDay: n, utcOffsetMinutes: 0 });
        assert.deepEqual(paced, all.filter((id) => paced.includes(id)));
        assert.ok(paced.filter((id) => cards[id].reps <= 1).length <= n);
        assert.deepEqual(paced.filter((id) => cards[id].reps > 1), all.filter((id) => cards[id].reps > 1));
      }),
    );
  });
});
