import assert from 'node:assert/strict';
import { COURSE } from '../../../../src/core/course';
import {
  PROGRESS_VERSION,
  completeLesson,
  continueTarget,
  emptyProgress,
  lessonStatus,
  loadProgress,
  recordAnswer,
  recordReview,
  resetCourse,
  resetLesson,
  serializeProgress,
  setStep,
  withSeed,
} from '../../../../src/core/course/progress';
import { dueQuestions } from '../../../../src/core/course/scheduler';

const T0 = 1_750_000_000_000;

/** Loaded records have no prototype (see progress.ts); compare them as JSON values. */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('lessons: progress records', () => {
  it('nothing stored yet gives a fresh record', () => {
    for (const raw of [undefined, null, '']) {
      const r = loadProgress(raw);
      assert.ok(r.ok);
      assert.deepEqual(plain(r.progress), emptyProgress());
    }
  });

  it('records steps, answers (with review cards) and completion, and round-trips through JSON', () => {
    let p = setStep(emptyProgress(), 'states', 3);
    p = recordAnswer(p, 'states', 'st-syn-sent-meaning', { correct: true, wrongAttempts: 1 }, T0);
    p = completeLesson(p, 'states', T0 + 5);
    assert.equal(lessonStatus(p, 'states'), 'done');
    assert.equal(lessonStatus(p, 'handshake'), 'not-started');
    assert.deepEqual(p.lessons.states.questions['st-syn-sent-meaning'], { correct: true, attempts: 2, revealed: false, at: T0 });
    assert.ok(p.cards['st-syn-sent-meaning']);
    const again = loadProgress(serializeProgress(p));
    assert.ok(again.ok);
    assert.deepEqual(plain(again.progress), plain(p));
    assert.deepEqual(again.warnings, []);
    // The value VS Code global state returns (already parsed) loads too.
    const parsed = loadProgress(JSON.parse(serializeProgress(p)));
    assert.ok(parsed.ok);
    assert.deepEqual(plain(parsed.progress), plain(p));
  });

  it('keeps the learner\'s shuffle seed: set once, round-trips, an unreadable one is left out with a warning', () => {
    const p = withSeed(emptyProgress(), 0xfeedbeef);
    assert.equal(p.seed, 0xfeedbeef);
    assert.equal(withSeed(p, 1).seed, 0xfeedbeef, 'a record keeps its seed');
    const again = loadProgress(serializeProgress(p));
    assert.ok(again.ok);
    assert.equal(again.progress.seed, 0xfeedbeef);
    for (const bad of [-1, 1.5, 2 ** 32, 'x']) {
      const r = loadProgress(JSON.stringify({ ...emptyProgress(), seed: bad }));
      assert.ok(r.ok);
      assert.equal(r.progress.seed, undefined);
      assert.equal(r.warnings.length, 1);
    }
  });

  it('review outcomes update cards; due cards come back later', () => {
    let p = recordAnswer(emptyProgress(), 'states', 'st-closing-when', { correct: false, wrongAttempts: 2, revealed: true }, T0);
    assert.deepEqual(dueQuestions(p.cards, T0), []);
    const due = p.cards['st-closing-when'].due;
    assert.deepEqual(dueQuestions(p.cards, due), ['st-closing-when']);
    p = recordReview(p, 'st-closing-when', { correct: true, wrongAttempts: 0 }, due);
    assert.ok(p.cards['st-closing-when'].due > due);
  });

  it('continue where I left off; reset one lesson or the course', () => {
    let p = setStep(emptyProgress(), 'handshake', 4);
    assert.deepEqual(continueTarget(p, COURSE), { lessonId: 'handshake', step: 4 });
    p = completeLesson(p, 'handshake', T0);
    assert.deepEqual(continueTarget(p, COURSE), { lessonId: 'states', step: 0 });
    p = recordAnswer(p, 'handshake', 'hs-synack', { correct: true, wrongAttempts: 0 }, T0);
    p = recordAnswer(p, 'states', 'st-closing-when', { correct: true, wrongAttempts: 0 }, T0);
    const handshake = COURSE.lessons.find((l) => l.id === 'handshake');
    assert.ok(handshake);
    const r = resetLesson(p, handshake);
    assert.equal(r.lessons.handshake, undefined);
    assert.equal(r.cards['hs-synack'], undefined);
    assert.ok(r.cards['st-closing-when'], 'other lessons keep their cards');
    assert.equal(r.currentLesson, null);
    assert.deepEqual(resetCourse(), emptyProgress());
  });

  it('migrates a version 1 record without losing anything it held', () => {
    const v1 = {
      version: 1,
      current: 'handshake',
      lessons: { states: { step: 9, done: true }, handshake: { step: 2, done: false } },
      answered: { 'st-syn-sent-meaning': { lesson: 'states', correct: true }, 'hs-synack': { lesson: 'handshake', correct: false } },
    };
    const r = loadProgress(JSON.stringify(v1));
    assert.ok(r.ok);
    assert.equal(r.migratedFrom, 1);
    assert.equal(r.progress.version, PROGRESS_VERSION);
    assert.equal(r.progress.currentLesson, 'handshake');
    assert.equal(r.progress.lessons.states.done, true);
    assert.equal(r.progress.lessons.handshake.step, 2);
    assert.equal(r.progress.lessons.handshake.questions['hs-synack'].correct, false);
    assert.deepEqual(Object.keys(r.progress.cards), [], 'no invented review history');
  });

  it('corrupt records are reported with the raw text as backup, never thrown, never wiped', () => {
    const bad: unknown[] = [
      '{"version": 2, "lessons": ',
      'not json at all',
      '[1,2,3]',
      '42',
      JSON.stringify({ version: 2, currentLesson: null, lessons: 'x', cards: {} }),
      JSON.stringify({ version: 2, currentLesson: 5, lessons: {}, cards: {} }),
      JSON.stringify({ version: 2, currentLesson: null, lessons: { a: { step: -1, done: false, completedAt: null, questions: {} } }, cards: {} }),
      JSON.stringify({ version: 1, lessons: { a: { step: 1 } }, answered: {} }),
      JSON.stringify({ version: 99, currentLesson: null, lessons: {}, cards: {} }),
      JSON.stringify({ version: 'two' }),
      JSON.stringify({ hello: 'world' }),
    ];
    for (const raw of bad) {
      const r = loadProgress(raw);
      assert.equal(r.ok, false, String(raw));
      if (!r.ok) {
        assert.equal(r.backup, raw, 'the backup is the raw text, unchanged');
        assert.ok(r.error.length > 0 && !r.error.includes('\n'));
      }
    }
    const newer = loadProgress(JSON.stringify({ version: 99 }));
    assert.ok(!newer.ok && /newer/.test(newer.error));
    // A parsed object is backed up as JSON text.
    const obj = { version: 2, lessons: 7 };
    const r = loadProgress(obj);
    assert.ok(!r.ok && r.backup === JSON.stringify(obj));
  });

  it('an unreadable entry inside a good record is left out and listed, the rest kept', () => {
    const p = recordAnswer(emptyProgress(), 'states', 'st-closing-when', { correct: true, wrongAttempts: 0 }, T0);
    const raw = JSON.parse(serializeProgress(p));
    raw.cards.broken = { due: 'tomorrow' };
    raw.lessons.states.questions.broken = { correct: 'yes' };
    const r = loadProgress(JSON.stringify(raw));
    assert.ok(r.ok);
    assert.equal(r.warnings.length, 2);
    assert.ok(r.progress.cards['st-closing-when']);
    assert.equal(r.progress.cards.broken, undefined);
  });
});
