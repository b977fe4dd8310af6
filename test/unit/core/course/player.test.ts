import fc from 'fast-check';
import { strict as assert } from 'node:assert';
import { COURSE } from '../../../../src/core/course/content';
import { dueIds, earliestDue } from '../../../../src/core/course/due';
import type { PlayerResult } from '../../../../src/core/course/player';
import { CourseDriver } from '../../../support/courseDriver';
import { dueInWords, stepInWords } from '../../../../src/host/course/text';
import { ENGINE_TEXT, optionOrder, withoutVerdict } from '../../../../src/core/course/grading';
import { emptyProgress, recordAnswer, setStep, withSeed, type Progress } from '../../../../src/core/course/progress';
import type {
  ChoiceQuestion,
  CourseLocale,
  Lesson,
  MakeItHappenQuestion,
  NumbersQuestion,
  OrderQuestion,
  Question,
  ScenarioStep,
  WhyQuestion,
} from '../../../../src/core/course/types';
import type { CourseIntent, CourseMapModel, LessonScreenModel, QuestionView, ReviewScreenModel, SandboxIntent, SandboxModel } from '../../../../src/shared/protocol';
import { lessonCapture } from '../../../../src/core/course/captures';

const T0 = 1_750_000_000_000;
const MIN = 60_000;
const DAY = 86_400_000;

function lessonOf(qid: string): { lesson: Lesson; index: number; question: Question } {
  for (const lesson of COURSE.lessons) {
    const index = lesson.steps.findIndex((s) => s.kind === 'question' && s.question === qid);
    const question = lesson.questions.find((q) => q.id === qid);
    if (index >= 0 && question) return { lesson, index, question };
  }
  throw new Error(`no question ${qid}`);
}

function questionsOf<K extends Question['kind']>(kind: K): Extract<Question, { kind: K }>[] {
  return COURSE.lessons.flatMap((l) => l.questions.filter((q): q is Extract<Question, { kind: K }> => q.kind === kind));
}

/** A player whose learner has reached question `qid` in its lesson, with that question shown. */
function playerAt(qid: string, progress: Progress = emptyProgress()): CourseDriver {
  const { lesson, index } = lessonOf(qid);
  const player = new CourseDriver(COURSE, setStep(progress, lesson.id, index));
  ok(player.handle({ type: 'course/open', lesson: lesson.id }, T0));
  assert.equal(lessonModel(player).step, index);
  return player;
}

function ok(r: PlayerResult): PlayerResult {
  assert.equal(r.problem, null, `unexpected problem: ${r.problem}`);
  return r;
}

function lessonModel(p: CourseDriver, locale: CourseLocale = 'en', now = T0): LessonScreenModel {
  const m = p.model(locale, now);
  assert.equal(m.screen, 'lesson');
  return m as LessonScreenModel;
}

function mapModel(p: CourseDriver, locale: CourseLocale = 'en', now = T0): CourseMapModel {
  const m = p.model(locale, now);
  assert.equal(m.screen, 'map');
  return m as CourseMapModel;
}

function reviewModel(p: CourseDriver, now = T0, locale: CourseLocale = 'en'): ReviewScreenModel {
  const m = p.model(locale, now);
  assert.equal(m.screen, 'review');
  return m as ReviewScreenModel;
}

function shownQuestion(p: CourseDriver, locale: CourseLocale = 'en', now = T0): QuestionView {
  const m = p.model(locale, now);
  if (m.screen === 'review') {
    assert.ok(m.question, 'a review card is shown');
    return m.question;
  }
  assert.equal(m.screen, 'lesson');
  const v = (m as LessonScreenModel).view;
  assert.equal(v.kind, 'question');
  return (v as Extract<typeof v, { kind: 'question' }>).question;
}

function sb(p: CourseDriver, intent: SandboxIntent, now = T0): PlayerResult {
  return p.handle({ type: 'course/sandbox', intent }, now);
}

function sandbox(p: CourseDriver): SandboxModel {
  return p.sandboxModel('en', null, null);
}

/** A solution step as the intents a learner would send in the sandbox. */
function intentFor(p: CourseDriver, step: ScenarioStep): SandboxIntent {
  // The learner's sandbox offers the five basic calls; a solution using another would fail here.
  type Call = Extract<SandboxIntent, { type: 'sandbox/call' }>['call'];
  if ('A' in step) return step.A === 'send' ? { type: 'sandbox/call', endpoint: 'A', call: 'send', bytes: step.bytes ?? 1 } : { type: 'sandbox/call', endpoint: 'A', call: step.A as Call };
  if ('B' in step) return step.B === 'send' ? { type: 'sandbox/call', endpoint: 'B', call: 'send', bytes: step.bytes ?? 1 } : { type: 'sandbox/call', endpoint: 'B', call: step.B as Call };
  const flight = sandbox(p).inFlight;
  if ('deliver' in step) return { type: 'sandbox/network', action: 'deliver', segment: flight[step.deliver][(step.nth ?? 1) - 1] };
  if ('drop' in step) return { type: 'sandbox/network', action: 'drop', segment: flight[step.drop][(step.nth ?? 1) - 1] };
  if ('duplicate' in step) return { type: 'sandbox/network', action: 'duplicate', segment: flight[step.duplicate][0] };
  if ('flush' in step) return { type: 'sandbox/deliverAll' };
  if ('inject' in step) return { type: 'sandbox/inject', to: step.inject.to, flags: step.inject.flags, seq: step.inject.seq, ack: step.inject.ack, len: step.inject.len ?? 0 };
  throw new Error(`no intent for ${JSON.stringify(step)}`);
}

const wrongOption = (q: ChoiceQuestion | WhyQuestion) => q.options.find((o) => !o.correct)!;
const rightOptions = (q: ChoiceQuestion | WhyQuestion) => q.options.filter((o) => o.correct).map((o) => o.id);

describe('lessons: the course player', () => {
  describe('the course map', () => {
    it('starts on the map: every lesson not started, the first one current, nothing due', () => {
      const p = new CourseDriver(COURSE, emptyProgress());
      const m = mapModel(p);
      assert.equal(m.lessons.length, COURSE.lessons.length);
      assert.deepEqual(
        m.lessons.map((l) => l.number),
        COURSE.lessons.map((_, i) => i + 1),
      );
      assert.ok(m.lessons.every((l) => l.status === 'not-started' && l.answered === 0));
      assert.deepEqual(
        m.lessons.filter((l) => l.current).map((l) => l.id),
        [COURSE.lessons[0].id],
      );
      assert.equal(m.lessons[0].questions, COURSE.lessons[0].questions.length);
      assert.deepEqual(m.continueTo, { lessonId: COURSE.lessons[0].id, title: COURSE.lessons[0].title.en, step: 0, steps: COURSE.lessons[0].steps.length });
      assert.equal(m.due, 0);
      assert.equal(m.nextDue, null, 'no cards, no next review');
      assert.equal(m.notice, null);
      assert.equal(p.currentLessonId(), null);
    });

    it('opening a lesson makes it current and in progress; continue returns to it at the furthest step', () => {
      const second = COURSE.lessons[1];
      const p = new CourseDriver(COURSE, emptyProgress());
      const r = ok(p.handle({ type: 'course/open', lesson: second.id }, T0));
      assert.ok(r.progressChanged && r.courseChanged);
      assert.equal(p.progress.currentLesson, second.id);
      assert.equal(lessonModel(p).step, 0);
      // Step through the opening steps that are not questions.
      let steps = 0;
      while (second.steps[lessonModel(p).step].kind !== 'question') {
        ok(p.handle({ type: 'course/next' }, T0));
        steps++;
      }
      assert.equal(p.progress.lessons[second.id].step, steps, 'the furthest step is saved');
      ok(p.handle({ type: 'course/back' }, T0));
      assert.equal(p.progress.lessons[second.id].step, steps, 'going back keeps the furthest step');
      ok(p.handle({ type: 'course/map' }, T0));
      const m = mapModel(p);
      assert.equal(m.lessons[1].status, 'in-progress');
      assert.equal(m.lessons[0].status, 'not-started');
      assert.deepEqual(
        m.lessons.filter((l) => l.current).map((l) => l.id),
        [second.id],
      );
      assert.equal(m.continueTo?.lessonId, second.id);
      assert.equal(m.continueTo?.step, steps);
      assert.equal(p.currentLessonId(), second.id);
      ok(p.handle({ type: 'course/continue' }, T0));
      const l = lessonModel(p);
      assert.equal(l.lessonId, second.id);
      assert.equal(l.step, steps);
      assert.equal(l.furthest, steps);
      assert.equal(p.currentLessonId(), second.id);
    });

    it('a notice shows on the map until the next intent', () => {
      const p = new CourseDriver(COURSE, emptyProgress());
      p.setNotice('Saved progress could not be read.');
      assert.equal(mapModel(p).notice, 'Saved progress could not be read.');
      const r = ok(p.handle({ type: 'course/map' }, T0));
      assert.ok(r.courseChanged);
      assert.equal(mapModel(p).notice, null);
    });

    it('never throws: unknown lessons and questions, and intents out of place, come back as problems', () => {
      const p = new CourseDriver(COURSE, emptyProgress());
      const bad: CourseIntent[] = [
        { type: 'course/open', lesson: 'no-such-lesson' },
        { type: 'course/next' },
        { type: 'course/goto', step: 3 },
        { type: 'course/answer', question: 'nope', answer: { kind: 'choice', selected: ['a'] } },
        { type: 'course/help', question: 'nope' },
        { type: 'course/reveal', question: 'nope' },
        { type: 'course/run', question: 'nope', which: 'run' },
        { type: 'course/reviewNext' },
        { type: 'course/reset', scope: 'course' },
        { type: 'course/sandbox', intent: { type: 'sandbox/advance' } },
      ];
      for (const intent of bad) {
        const r = p.handle(intent, T0);
        assert.equal(typeof r.problem, 'string', `${intent.type} is refused`);
        assert.equal(r.progressChanged, false, `${intent.type} changes no progress`);
      }
      assert.deepEqual(p.progress, emptyProgress());
    });
  });

  describe('moving through a lesson', () => {
    it('refuses "next" while the question shown is unfinished, and "goto" beyond the furthest step', () => {
      const q = questionsOf('choice')[0];
      const p = playerAt(q.id);
      const m = lessonModel(p);
      assert.equal(m.canNext, false);
      const r = p.handle({ type: 'course/next' }, T0);
      assert.match(r.problem ?? '', /answer the question first/);
      assert.equal(lessonModel(p).step, m.step, 'still on the question');
      assert.ok(p.handle({ type: 'course/goto', step: m.step + 1 }, T0).problem, 'cannot jump ahead');
      ok(p.handle({ type: 'course/goto', step: 0 }, T0));
      assert.equal(lessonModel(p).step, 0);
      ok(p.handle({ type: 'course/goto', step: m.step }, T0));
      assert.equal(lessonModel(p).canNext, false);
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'choice', selected: rightOptions(q) } }, T0));
      assert.equal(lessonModel(p).canNext, true);
      ok(p.handle({ type: 'course/next' }, T0));
      assert.equal(lessonModel(p).step, m.step + 1);
      assert.equal(p.progress.lessons[lessonOf(q.id).lesson.id].step, m.step + 1);
    });

    it('marks steps done: reached explanations and finished questions', () => {
      const lesson = COURSE.lessons[0];
      const qi = lesson.steps.findIndex((s) => s.kind === 'question');
      const p = playerAt((lesson.steps[qi] as { question: string }).question);
      const m = lessonModel(p);
      m.steps.forEach((s, i) => {
        assert.equal(s.kind, lesson.steps[i].kind);
        assert.equal(s.done, i < qi, `step ${i}`);
      });
    });

    it('shows a scenario step in the lesson sandbox at its start, to step through; other sandbox intents are refused', () => {
      const lesson = COURSE.lessons.find((l) => l.steps[0].kind === 'scenario')!;
      const step = lesson.steps[0] as Extract<Lesson['steps'][number], { kind: 'scenario' }>;
      const p = new CourseDriver(COURSE, emptyProgress());
      const r = ok(p.handle({ type: 'course/open', lesson: lesson.id }, T0));
      assert.ok(r.sandboxChanged);
      const m = lessonModel(p);
      assert.deepEqual(m.view, { kind: 'scenario', caption: step.caption.en, capture: lessonCapture(lesson.id, 0) });
      assert.deepEqual(m.sandbox, { mode: 'play', caption: step.caption.en });
      const s = sandbox(p);
      assert.equal(s.timeline.position, 0);
      assert.equal(s.timeline.length, step.scenario.steps.length);
      assert.equal(s.title, lesson.title.en);
      assert.equal(p.sandboxModel('zh-cn', null, null).title, lesson.title['zh-cn']);
      assert.ok(ok(sb(p, { type: 'sandbox/seek', position: 1 })).sandboxChanged);
      assert.equal(sandbox(p).timeline.position, 1);
      for (const intent of [{ type: 'sandbox/call', endpoint: 'A', call: 'connect' }, { type: 'sandbox/reset' }, { type: 'sandbox/advance' }] as SandboxIntent[]) {
        const refused = sb(p, intent);
        assert.ok(refused.problem, `${intent.type} is refused while playing a story`);
        assert.equal(refused.sandboxChanged, false);
      }
      assert.equal(sandbox(p).timeline.position, 1);
      // An explanation step has no sandbox.
      const explain = lesson.steps.findIndex((x) => x.kind === 'explain');
      ok(p.handle({ type: 'course/next' }, T0));
      while (lessonModel(p).step < explain) ok(p.handle({ type: 'course/next' }, T0));
      assert.equal(lessonModel(p).sandbox, null);
      assert.ok(sb(p, { type: 'sandbox/seek', position: 0 }).problem);
    });

    it('completing the last step finishes the lesson and offers the next one', () => {
      const lesson = COURSE.lessons[0];
      const last = lesson.steps[lesson.steps.length - 1];
      assert.equal(last.kind, 'question');
      const q = lesson.questions.find((x) => x.id === (last as { question: string }).question) as ChoiceQuestion;
      const p = playerAt(q.id);
      let m = lessonModel(p);
      assert.equal(m.isLast, true);
      assert.equal(m.completed, false);
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'choice', selected: rightOptions(q) } }, T0));
      const r = ok(p.handle({ type: 'course/next' }, T0 + 5));
      assert.ok(r.progressChanged && r.courseChanged);
      m = lessonModel(p);
      assert.equal(m.completed, true);
      assert.equal(m.step, lesson.steps.length - 1, 'stays on the last step');
      assert.deepEqual(m.nextLesson, { id: COURSE.lessons[1].id, title: COURSE.lessons[1].title.en });
      assert.equal(p.progress.lessons[lesson.id].done, true);
      assert.equal(p.progress.lessons[lesson.id].completedAt, T0 + 5);
      assert.ok(m.steps.at(-1)?.done);
      ok(p.handle({ type: 'course/map' }, T0));
      const map = mapModel(p);
      assert.equal(map.lessons[0].status, 'done');
      assert.equal(map.continueTo?.lessonId, COURSE.lessons[1].id);
      assert.ok(map.lessons[1].current);
      ok(p.handle({ type: 'course/continue' }, T0));
      assert.equal(lessonModel(p).lessonId, COURSE.lessons[1].id);
      // The last lesson has no next one.
      const final = COURSE.lessons[COURSE.lessons.length - 1];
      ok(p.handle({ type: 'course/open', lesson: final.id }, T0));
      assert.equal(lessonModel(p).nextLesson, null);
    });

    it('continue goes to the map when every lesson is done', () => {
      let progress = emptyProgress();
      for (const l of COURSE.lessons) progress = { ...progress, lessons: { ...progress.lessons, [l.id]: { step: l.steps.length - 1, done: true, completedAt: T0, questions: {} } } };
      const p = new CourseDriver(COURSE, progress);
      ok(p.handle({ type: 'course/open', lesson: COURSE.lessons[2].id }, T0));
      ok(p.handle({ type: 'course/continue' }, T0));
      const m = mapModel(p);
      assert.equal(m.continueTo, null);
      assert.ok(m.lessons.every((l) => l.status === 'done' && !l.current));
    });
  });

  describe('choice questions', () => {
    const withMisconception = questionsOf('choice').find((q) =>
      q.options.some((o) => !o.correct && o.misconception && COURSE.misconceptions.some((m) => m.id === o.misconception)),
    )!;

    it('gives nothing away while open: no right/wrong flags, explanations or answer', () => {
      const q = withMisconception;
      const p = playerAt(q.id);
      const json = JSON.stringify(p.model('en', T0));
      assert.ok(!json.includes('"correct"'), 'no correct flags');
      assert.ok(!json.includes(q.explanation.en), 'no explanation');
      for (const o of q.options) assert.ok(!json.includes(o.explain.en), `no explanation of option ${o.id}`);
      const v = shownQuestion(p);
      assert.equal(v.status, 'open');
      assert.equal(v.answer, null);
      assert.equal(v.explanation, null);
      assert.equal(v.optionNotes, null);
      assert.equal(v.hintsLeft, q.hints.length);
      const shown = optionOrder(q, 0).map((id) => q.options.find((o) => o.id === id)!);
      assert.deepEqual(v.body, { kind: 'choice', multiple: q.multiple === true, options: shown.map((o) => ({ id: o.id, text: o.text.en })) });
    });

    it('right at once: correct, with the explanation and a note on every option, recorded as good', () => {
      const q = withMisconception;
      const p = playerAt(q.id);
      const r = ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'choice', selected: rightOptions(q) } }, T0));
      assert.ok(r.progressChanged && r.courseChanged);
      const v = shownQuestion(p);
      assert.equal(v.status, 'correct');
      assert.equal(v.explanation, q.explanation.en);
      assert.equal(v.answer, null);
      assert.deepEqual(
        v.optionNotes,
        optionOrder(q, 0)
          .map((id) => q.options.find((o) => o.id === id)!)
          .map((o) => ({ id: o.id, text: o.text.en, correct: o.correct, explain: (o.correct ? withoutVerdict(o.explain) : o.explain).en })),
      );
      const lesson = lessonOf(q.id).lesson;
      assert.deepEqual(p.progress.lessons[lesson.id].questions[q.id], { correct: true, attempts: 1, revealed: false, at: T0 });
      assert.ok(p.progress.cards[q.id]);
      assert.ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'choice', selected: rightOptions(q) } }, T0).problem, 'cannot answer twice');
    });

    it('wrong: feedback tied to the misconception, then a hint; hints used up reveal the answer', () => {
      const q = withMisconception;
      const wrong = q.options.find((o) => !o.correct && o.misconception && COURSE.misconceptions.some((m) => m.id === o.misconception))!;
      const misconception = COURSE.misconceptions.find((m) => m.id === wrong.misconception)!;
      const p = playerAt(q.id);
      const answer = { kind: 'choice' as const, selected: [wrong.id] };
      const r = ok(p.handle({ type: 'course/answer', question: q.id, answer }, T0));
      assert.equal(r.progressChanged, q.hints.length === 0);
      let v = shownQuestion(p);
      assert.equal(v.status, 'open');
      assert.equal(v.wrongAttempts, 1);
      assert.deepEqual(v.hints, [q.hints[0].en]);
      assert.equal(v.hintsLeft, q.hints.length - 1);
      assert.ok(v.feedback);
      assert.equal(v.feedback.correct, false);
      assert.ok(v.feedback.messages.includes(wrong.explain.en));
      assert.deepEqual(v.feedback.misconceptions, [{ id: misconception.id, claim: misconception.claim.en, correction: misconception.correction.en }]);
      assert.deepEqual(v.last, answer);
      assert.equal(v.explanation, null);
      for (let i = 1; i <= q.hints.length; i++) ok(p.handle({ type: 'course/answer', question: q.id, answer }, T0));
      v = shownQuestion(p);
      assert.equal(v.status, 'revealed');
      assert.equal(v.wrongAttempts, q.hints.length + 1);
      assert.deepEqual(
        v.hints,
        q.hints.map((h) => h.en),
      );
      assert.equal(v.answer, q.options.filter((o) => o.correct).map((o) => o.text.en).join('; '));
      assert.equal(v.explanation, q.explanation.en);
      assert.ok(v.optionNotes);
      const rec = p.progress.lessons[lessonOf(q.id).lesson.id].questions[q.id];
      assert.equal(rec.revealed, true);
      assert.equal(rec.correct, false);
      assert.equal(lessonModel(p).canNext, true);
    });

    it('in Chinese, feedback and misconceptions come in Chinese', () => {
      const q = withMisconception;
      const wrong = q.options.find((o) => !o.correct && o.misconception && COURSE.misconceptions.some((m) => m.id === o.misconception))!;
      const p = playerAt(q.id);
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'choice', selected: [wrong.id] } }, T0));
      const v = shownQuestion(p, 'zh-cn');
      assert.equal(v.prompt, q.prompt['zh-cn']);
      assert.ok(v.feedback?.messages.includes(wrong.explain['zh-cn']));
      assert.equal(v.feedback?.misconceptions[0].claim, COURSE.misconceptions.find((m) => m.id === wrong.misconception)!.claim['zh-cn']);
      assert.equal(v.hints[0], q.hints[0]['zh-cn']);
    });

    it('an unreadable answer gets feedback but is not counted', () => {
      const q = questionsOf('choice')[0];
      const p = playerAt(q.id);
      const r = ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'choice', selected: ['no-such-option'] } }, T0));
      assert.equal(r.progressChanged, false);
      const v = shownQuestion(p);
      assert.equal(v.status, 'open');
      assert.equal(v.wrongAttempts, 0);
      assert.deepEqual(v.hints, []);
      assert.equal(v.feedback?.unreadable, true);
      assert.ok((v.feedback?.messages.length ?? 0) > 0);
      assert.ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'order', order: [] } }, T0).problem, 'an answer of another kind is refused');
    });

    it('help gives the hints in turn (counted), then the answer; reveal shows it at once', () => {
      const q = questionsOf('choice').find((x) => x.hints.length >= 1)!;
      const p = playerAt(q.id);
      for (let i = 0; i < q.hints.length; i++) {
        ok(p.handle({ type: 'course/help', question: q.id }, T0));
        assert.equal(shownQuestion(p).hints.length, i + 1);
        assert.equal(shownQuestion(p).status, 'open');
      }
      assert.equal(shownQuestion(p).hintsLeft, 0);
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'choice', selected: rightOptions(q) } }, T0));
      const rec = p.progress.lessons[lessonOf(q.id).lesson.id].questions[q.id];
      assert.deepEqual(rec, { correct: true, attempts: q.hints.length + 1, revealed: false, at: T0 }, 'hints asked count against the attempt');

      const other = questionsOf('choice')[1];
      const p2 = playerAt(other.id);
      ok(p2.handle({ type: 'course/reveal', question: other.id }, T0));
      const v = shownQuestion(p2);
      assert.equal(v.status, 'revealed');
      assert.ok(v.answer);
      assert.equal(p2.progress.lessons[lessonOf(other.id).lesson.id].questions[other.id].revealed, true);
      assert.ok(p2.handle({ type: 'course/help', question: other.id }, T0).problem, 'no help on a finished question');
    });

    it('a question finished earlier shows finished when revisited, without grading again', () => {
      const q = questionsOf('choice')[0];
      const { lesson } = lessonOf(q.id);
      const progress = recordAnswer(emptyProgress(), lesson.id, q.id, { correct: false, wrongAttempts: 2, revealed: true }, T0);
      const p = playerAt(q.id, progress);
      const v = shownQuestion(p);
      assert.equal(v.status, 'revealed');
      assert.equal(v.explanation, q.explanation.en);
      assert.ok(v.optionNotes);
      assert.ok(v.answer);
      assert.equal(lessonModel(p).canNext, true);
      assert.ok(lessonModel(p).steps[lessonOf(q.id).index].done);
    });
  });

  describe('next-state questions', () => {
    const q = questionsOf('next-state').find((x) => x.next.length > 0 && (x.wrong?.length ?? 0) > 0)!;

    it('shows the situation at its end, plays what happens next once answered', () => {
      const p = playerAt(q.id);
      const m = lessonModel(p);
      assert.deepEqual(m.sandbox, { mode: 'play', caption: null });
      assert.deepEqual(shownQuestion(p).body, { kind: 'next-state', endpoint: q.endpoint });
      const before = sandbox(p);
      assert.equal(before.timeline.position, before.timeline.length);
      assert.equal(before.timeline.length, q.scenario.steps.length);
      const epoch = p.sandboxEpoch;
      const r = ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'next-state', state: q.answer } }, T0));
      assert.ok(r.sandboxChanged, 'the next steps are played');
      assert.ok(p.sandboxEpoch > epoch);
      const after = sandbox(p);
      assert.equal(after.timeline.length, q.scenario.steps.length + q.next.length);
      assert.equal(after.timeline.position, after.timeline.length);
      assert.equal(after.endpoints[q.endpoint].state, q.answer, 'the sandbox shows the state the learner predicted');
      assert.equal(shownQuestion(p).status, 'correct');
      // Play mode: the learner may rewind.
      ok(sb(p, { type: 'sandbox/seek', position: 0 }));
      assert.equal(sandbox(p).timeline.position, 0);
    });

    it('a wrong state gets its feedback and a hint; state names are read forgivingly; nonsense is not counted', () => {
      const wrong = q.wrong![0];
      const p = playerAt(q.id);
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'next-state', state: 'banana' } }, T0));
      assert.equal(shownQuestion(p).wrongAttempts, 0);
      assert.equal(shownQuestion(p).feedback?.unreadable, true);
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'next-state', state: wrong.state } }, T0));
      const v = shownQuestion(p);
      assert.equal(v.wrongAttempts, 1);
      assert.ok(v.feedback?.messages.includes(wrong.explain.en));
      assert.equal(v.hints.length, 1);
      assert.equal(sandbox(p).timeline.length, q.scenario.steps.length, 'nothing played yet');
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'next-state', state: ` ${q.answer.toLowerCase()} ` } }, T0));
      assert.equal(shownQuestion(p).status, 'correct');
      assert.equal(p.progress.lessons[lessonOf(q.id).lesson.id].questions[q.id].attempts, 2);
    });
  });

  describe('numbers questions', () => {
    const q = questionsOf('numbers').find((x) => x.symbols.length > 0 && (x.mistakes ?? []).some((m) => m.misconception))!;
    const right = (n: NumbersQuestion) => Object.fromEntries(n.fields.map((f) => [f.id, f.answer]));

    it('unreadable values are not counted; a known mistake gets its note and misconception; right finishes', () => {
      const mistake = q.mistakes!.find((m) => m.misconception)!;
      const p = playerAt(q.id);
      assert.deepEqual(shownQuestion(p).body, { kind: 'numbers', fields: q.fields.map((f) => ({ id: f.id, label: f.label.en })), symbols: q.symbols });
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'numbers', values: Object.fromEntries(q.fields.map((f) => [f.id, 'abc'])) } }, T0));
      let v = shownQuestion(p);
      assert.equal(v.feedback?.unreadable, true);
      assert.equal(v.wrongAttempts, 0);
      assert.deepEqual(v.hints, []);
      const values = { ...right(q), [mistake.field]: mistake.value };
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'numbers', values } }, T0));
      v = shownQuestion(p);
      assert.equal(v.wrongAttempts, 1);
      // The first wrong answer: the fields marked and the hint, not the note that names the value.
      assert.deepEqual(v.feedback?.messages, [ENGINE_TEXT.numbersFirstWrong.en]);
      assert.deepEqual(v.feedback?.misconceptions, [], 'the correction would name the value too');
      assert.equal(v.feedback?.parts?.[mistake.field], false);
      assert.deepEqual(v.last, { kind: 'numbers', values });
      assert.equal(v.hints.length, 1);
      const spaced = Object.fromEntries(q.fields.map((f) => [f.id, ` ${f.id} = ${f.answer} `]));
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'numbers', values: spaced } }, T0));
      v = shownQuestion(p);
      assert.equal(v.status, 'correct');
      assert.equal(v.explanation, q.explanation.en);
    });

    it('a numbers question with a scenario shows it at its end; one without shows no sandbox', () => {
      const withScenario = questionsOf('numbers').find((x) => x.scenario)!;
      const p = playerAt(withScenario.id);
      assert.deepEqual(lessonModel(p).sandbox, { mode: 'play', caption: null });
      const s = sandbox(p);
      assert.equal(s.timeline.position, s.timeline.length);
      assert.ok(s.timeline.length > 0);
      const without = questionsOf('numbers').find((x) => !x.scenario)!;
      assert.equal(lessonModel(playerAt(without.id)).sandbox, null);
    });

    it('wrong until the hints run out reveals the answer in words', () => {
      const p = playerAt(q.id);
      const wrong = Object.fromEntries(q.fields.map((f) => [f.id, `${f.answer}+7`]));
      for (let i = 0; i <= q.hints.length; i++) ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'numbers', values: wrong } }, T0));
      const v = shownQuestion(p);
      assert.equal(v.status, 'revealed');
      for (const f of q.fields) assert.ok(v.answer?.includes(f.label.en), `the answer names ${f.id}`);
    });
  });

  describe('order questions', () => {
    const q = questionsOf('order')[0];
    const rightOrder = (o: OrderQuestion) => o.items.map((i) => i.id);

    it('offers the items shuffled (the same way each time), then in the learner\'s last order', () => {
      const p = playerAt(q.id);
      const body = shownQuestion(p).body as Extract<QuestionView['body'], { kind: 'order' }>;
      const offered = body.items.map((i) => i.id);
      assert.deepEqual([...offered].sort(), [...rightOrder(q)].sort());
      assert.notDeepEqual(offered, rightOrder(q), 'not offered in the right order');
      assert.deepEqual(((shownQuestion(playerAt(q.id)).body as typeof body).items).map((i) => i.id), offered, 'stable');
      for (const item of body.items) assert.equal(item.text, q.items.find((i) => i.id === item.id)!.text.en);
      const attempt = [...offered].reverse();
      const isRight = attempt.every((id, i) => id === rightOrder(q)[i]);
      const tried = isRight ? offered : attempt;
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'order', order: tried } }, T0));
      const v = shownQuestion(p);
      assert.equal(v.wrongAttempts, 1);
      assert.deepEqual(
        (v.body as typeof body).items.map((i) => i.id),
        tried,
      );
      assert.ok(v.feedback?.parts);
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'order', order: rightOrder(q) } }, T0));
      assert.equal(shownQuestion(p).status, 'correct');
    });

    it('a list that is not a permutation is unreadable and not counted', () => {
      const p = playerAt(q.id);
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'order', order: [q.items[0].id, q.items[0].id] } }, T0));
      const v = shownQuestion(p);
      assert.equal(v.feedback?.unreadable, true);
      assert.equal(v.wrongAttempts, 0);
    });
  });

  describe('make-it-happen questions', () => {
    // A goal a learner can reach with the sandbox's own controls (calls and the network).
    const q = questionsOf('make-it-happen').find((x) => x.id === 'sim-make-closing') as MakeItHappenQuestion;

    it('is solved in the sandbox: each step counted, the goal checked after every change', () => {
      assert.ok(q, 'the course has sim-make-closing');
      const p = playerAt(q.id);
      assert.deepEqual(lessonModel(p).sandbox, { mode: 'act', caption: null });
      const v0 = shownQuestion(p);
      assert.deepEqual(v0.body, {
        kind: 'make-it-happen',
        target: { A: q.target.A ?? null, B: q.target.B ?? null, text: q.target.text.en },
        steps: 0,
        solution: null,
        solutionText: null,
        solutionFrom: 'start',
        goalReached: false,
      });
      const setup = sandbox(p).timeline.position;
      assert.equal(setup, q.scenario.steps.length);
      assert.ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'choice', selected: ['x'] } }, T0).problem, 'answered in the sandbox, not by an answer');
      q.solution.forEach((step, i) => {
        const r = ok(sb(p, intentFor(p, step), T0));
        assert.ok(r.sandboxChanged);
        const v = shownQuestion(p);
        assert.equal((v.body as { steps: number }).steps, i + 1);
        assert.equal(v.status, i === q.solution.length - 1 ? 'correct' : 'open');
        assert.equal(r.progressChanged, i === q.solution.length - 1);
      });
      assert.equal(sandbox(p).endpoints.B.state, 'CLOSING');
      const v = shownQuestion(p);
      assert.equal(v.explanation, q.explanation.en);
      assert.equal(v.feedback?.correct, true);
      assert.deepEqual(p.progress.lessons[lessonOf(q.id).lesson.id].questions[q.id], { correct: true, attempts: 1, revealed: false, at: T0 });
    });

    it('rewinding stops at the setup; reset reloads the question\'s story; settings, presets and export are refused', () => {
      const p = playerAt(q.id);
      const setup = sandbox(p).timeline.position;
      ok(sb(p, intentFor(p, q.solution[0])));
      assert.equal((shownQuestion(p).body as { steps: number }).steps, 1);
      ok(sb(p, { type: 'sandbox/seek', position: 0 }));
      assert.equal(sandbox(p).timeline.position, setup, 'seek is clamped to the end of the setup');
      assert.equal((shownQuestion(p).body as { steps: number }).steps, 0);
      ok(sb(p, { type: 'sandbox/seek', position: setup + 1 }));
      assert.equal((shownQuestion(p).body as { steps: number }).steps, 1);
      const r = ok(sb(p, { type: 'sandbox/reset' }));
      assert.ok(r.sandboxChanged);
      const s = sandbox(p);
      assert.equal(s.timeline.position, setup);
      assert.equal(s.timeline.length, setup, 'the question\'s story, not an empty sandbox');
      assert.equal(s.rowsFrom, 0);
      for (const intent of [
        { type: 'sandbox/settings', variant: 'two-way-handshake' },
        { type: 'sandbox/preset', id: 'normal-open' },
        { type: 'sandbox/export', format: 'mermaid' },
      ] as SandboxIntent[]) {
        const refused = sb(p, intent);
        assert.ok(refused.problem, intent.type);
        assert.equal(refused.sandboxChanged, false);
      }
      assert.equal(sandbox(p).settings.variant, 'standard');
      const bad = sb(p, { type: 'sandbox/network', action: 'deliver', segment: 9999 });
      assert.ok(bad.problem, 'a segment not in flight');
    });

    it('help gives the hints, then the solution in words: shown, never run', () => {
      const p = playerAt(q.id);
      const before = sandbox(p);
      const epoch = p.sandboxEpoch;
      for (let i = 0; i < q.hints.length; i++) ok(p.handle({ type: 'course/help', question: q.id }, T0));
      assert.equal(shownQuestion(p).hints.length, q.hints.length);
      const r = ok(p.handle({ type: 'course/help', question: q.id }, T0));
      assert.equal(r.sandboxChanged, false);
      const v = shownQuestion(p);
      assert.equal(v.status, 'revealed');
      const body = v.body as Extract<QuestionView['body'], { kind: 'make-it-happen' }>;
      assert.deepEqual(body.solution, ['A: close()', 'B: close()', 'deliver the oldest segment in flight from A']);
      assert.equal(body.solutionText, q.solutionText.en);
      assert.equal(v.answer, q.solutionText.en);
      assert.deepEqual(sandbox(p), before, 'the sandbox is unchanged');
      assert.equal(p.sandboxEpoch, epoch);
      const zh = (shownQuestion(p, 'zh-cn').body as typeof body).solution;
      assert.deepEqual(zh, ['A 调用 close()', 'B 调用 close()', '投递 A 发出的最早一个在途报文段']);
      assert.equal(p.progress.lessons[lessonOf(q.id).lesson.id].questions[q.id].revealed, true);
      // Following the solution shown: the rest of it from each step on, and the goal reached
      // is said, while the record stays "revealed".
      q.solution.forEach((step, i) => {
        ok(sb(p, intentFor(p, step), T0));
        const b = shownQuestion(p).body as typeof body;
        const last = i === q.solution.length - 1;
        assert.deepEqual(b.solution, last ? body.solution : body.solution?.slice(i + 1), `after step ${i + 1}`);
        assert.equal(b.solutionFrom, last ? 'start' : 'here');
      });
      const done = shownQuestion(p);
      assert.equal((done.body as typeof body).goalReached, true);
      assert.equal(done.feedback?.correct, true);
      assert.equal(done.status, 'revealed');
      assert.equal(p.progress.lessons[lessonOf(q.id).lesson.id].questions[q.id].revealed, true);
    });
    it('every goal is reached by playing its solution as the sandbox\'s intents (forged segments included)', () => {
      let solved = 0;
      for (const m of questionsOf('make-it-happen')) {
        const p = playerAt(m.id);
        for (const step of m.solution) ok(sb(p, 'advance' in step ? { type: 'sandbox/advance' } : intentFor(p, step)));
        const v = shownQuestion(p);
        assert.equal(v.status, 'correct', m.id);
        assert.equal((v.body as { steps: number }).steps, m.solution.length, m.id);
        solved++;
      }
      assert.equal(solved, questionsOf('make-it-happen').length);
    });
  });

  describe('why questions', () => {
    const q = questionsOf('why').find((x) => x.contrast)!;

    it('the run stays locked until a prediction is graded; run, outcome once played to the end, contrast', () => {
      const p = playerAt(q.id);
      const body = () => shownQuestion(p).body as Extract<QuestionView['body'], { kind: 'why' }>;
      assert.deepEqual(body(), {
        kind: 'why',
        options: optionOrder(q, 0).map((id) => ({ id, text: q.options.find((o) => o.id === id)!.text.en })),
        variant: q.run.variant,
        run: 'locked',
        showing: null,
        outcome: null,
        hasContrast: true,
      });
      assert.equal(lessonModel(p).sandbox, null);
      assert.ok(p.handle({ type: 'course/run', question: q.id, which: 'run' }, T0).problem, 'locked');
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'why', selected: ['nope'] } }, T0));
      assert.equal(body().run, 'locked', 'an unreadable prediction does not unlock the run');
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'why', selected: [wrongOption(q).id] } }, T0));
      let v = shownQuestion(p);
      assert.equal(v.wrongAttempts, 1);
      assert.equal(v.hints.length, 1);
      assert.ok(v.feedback?.messages.includes(wrongOption(q).explain.en));
      assert.equal(body().run, 'ready');
      const r = ok(p.handle({ type: 'course/run', question: q.id, which: 'run' }, T0));
      assert.ok(r.sandboxChanged && r.courseChanged);
      assert.equal(body().run, 'shown');
      assert.equal(body().showing, 'run');
      assert.deepEqual(lessonModel(p).sandbox, { mode: 'play', caption: null });
      let s = sandbox(p);
      assert.equal(s.timeline.position, 0);
      assert.equal(s.settings.variant, q.run.variant);
      assert.ok(s.timeline.length > 1);
      assert.equal(body().outcome, null);
      ok(sb(p, { type: 'sandbox/seek', position: s.timeline.length - 1 }));
      assert.equal(body().outcome, null, 'not yet at the end');
      const end = ok(sb(p, { type: 'sandbox/seek', position: s.timeline.length }));
      assert.ok(end.courseChanged);
      assert.equal(body().outcome, q.outcome.en);
      ok(sb(p, { type: 'sandbox/seek', position: 0 }));
      assert.equal(body().outcome, q.outcome.en, 'the outcome stays once seen');
      ok(p.handle({ type: 'course/run', question: q.id, which: 'contrast' }, T0));
      assert.equal(body().showing, 'contrast');
      s = sandbox(p);
      assert.equal(s.settings.variant, q.contrast!.variant ?? 'standard');
      assert.equal(s.timeline.position, 0);
      assert.equal(shownQuestion(p).status, 'open', 'running does not finish the question');
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'why', selected: rightOptions(q) } }, T0));
      v = shownQuestion(p);
      assert.equal(v.status, 'correct');
      assert.ok(v.optionNotes);
      assert.equal(p.progress.lessons[lessonOf(q.id).lesson.id].questions[q.id].attempts, 2);
    });

    it('a why question without a contrast refuses to run one', () => {
      const plain = questionsOf('why').find((x) => !x.contrast);
      if (!plain) return;
      const p = playerAt(plain.id);
      ok(p.handle({ type: 'course/reveal', question: plain.id }, T0));
      assert.equal((shownQuestion(p).body as { run: string }).run, 'ready');
      assert.ok(p.handle({ type: 'course/run', question: plain.id, which: 'contrast' }, T0).problem);
    });
  });

  describe('option order', () => {
    const choices = [...questionsOf('choice'), ...questionsOf('why')];
    const shownIds = (p: CourseDriver): string[] => (shownQuestion(p).body as Extract<QuestionView['body'], { kind: 'choice' }>).options.map((o) => o.id);

    it('shows options in the order drawn from the learner\'s seed and the question id', () => {
      for (const seed of [1, 0xdeadbeef]) {
        for (const q of choices.slice(0, 6)) {
          const p = playerAt(q.id, withSeed(emptyProgress(), seed));
          assert.deepEqual(shownIds(p), optionOrder(q, seed), q.id);
        }
      }
    });

    it('two learners see different orders; the keyed option is first for about one question in options-count', () => {
      const a = choices.map((q) => optionOrder(q, 11).join());
      const b = choices.map((q) => optionOrder(q, 12).join());
      assert.ok(a.filter((x, i) => x !== b[i]).length > choices.length / 2, 'most questions differ between two seeds');
      for (const seed of [11, 12, 13]) {
        const first = choices.filter((q) => q.options.find((o) => o.id === optionOrder(q, seed)[0])!.correct).length;
        assert.ok(first < choices.length * 0.6, `seed ${seed}: keyed first in ${first} of ${choices.length}`);
      }
    });

    it('a review card keeps the order the learner saw in the lesson, and the seed survives a course reset', () => {
      const q = choices[0];
      const p = playerAt(q.id, withSeed(emptyProgress(), 77));
      const inLesson = shownIds(p);
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'choice', selected: rightOptions(q as ChoiceQuestion) } }, T0));
      const later = T0 + 60 * DAY;
      const p2 = new CourseDriver(COURSE, p.progress);
      ok(p2.handle({ type: 'course/review' }, later));
      const m = reviewModel(p2, later);
      assert.equal(m.question?.id, q.id);
      assert.deepEqual((m.question?.body as Extract<QuestionView['body'], { kind: 'choice' }>).options.map((o) => o.id), inLesson);
      p2.resetCourse();
      assert.equal(p2.progress.seed, 77);
    });

    it('a stored record without a seed keeps this window\'s seed', () => {
      const p = new CourseDriver(COURSE, withSeed(emptyProgress(), 5));
      p.replaceProgress(emptyProgress());
      assert.equal(p.progress.seed, 5);
    });
  });

  describe('review', () => {
    it('answered questions become cards that fall due; review presents them, records the review, and ends', () => {
      const [a, b] = questionsOf('choice');
      const p = playerAt(a.id);
      ok(p.handle({ type: 'course/answer', question: a.id, answer: { kind: 'choice', selected: rightOptions(a) } }, T0));
      assert.equal(p.dueCount(T0), 0);
      const map0 = (ok(p.handle({ type: 'course/map' }, T0)), mapModel(p));
      assert.equal(map0.due, 0);
      assert.match(map0.nextDue ?? '', /^in \d+ (minutes?|hours?|days?)$/);
      // Reach b in its lesson and reveal it: it comes back soon.
      const { lesson: lb, index: ib } = lessonOf(b.id);
      const p2 = new CourseDriver(COURSE, setStep(p.progress, lb.id, ib));
      ok(p2.handle({ type: 'course/open', lesson: lb.id }, T0));
      ok(p2.handle({ type: 'course/reveal', question: b.id }, T0 + 1));
      const later = T0 + 60 * DAY;
      assert.equal(p2.dueCount(later), 2);
      assert.equal(mapModel(new CourseDriver(COURSE, p2.progress), 'en', later).due, 2);

      ok(p2.handle({ type: 'course/review' }, later));
      let m = reviewModel(p2, later);
      assert.equal(m.total, 2);
      assert.equal(m.position, 1);
      assert.equal(m.due, 0, 'the cards in this session are not counted as still due');
      // The revealed card came due sooner ("again"), so it is the more overdue one.
      assert.ok(p2.progress.cards[b.id].due < p2.progress.cards[a.id].due);
      const [first, second] = [b, a];
      assert.equal(m.question?.id, first.id, 'most overdue first');
      assert.equal(m.question?.status, 'open', 'shown fresh');
      assert.equal(m.lessonTitle, lessonOf(first.id).lesson.title.en);
      assert.ok(p2.handle({ type: 'course/reviewNext' }, later).problem, 'finish the card first');
      const cardBefore = p2.progress.cards[first.id];
      const lessonRecordBefore = p2.progress.lessons[lessonOf(first.id).lesson.id];
      const r = ok(p2.handle({ type: 'course/answer', question: first.id, answer: { kind: 'choice', selected: rightOptions(first) } }, later));
      assert.ok(r.progressChanged);
      assert.equal(p2.progress.cards[first.id].reps, cardBefore.reps + 1, 'the review is recorded on the card');
      assert.ok(p2.progress.cards[first.id].due > later, 'answered, it is no longer due');
      assert.deepEqual(p2.progress.lessons[lessonOf(first.id).lesson.id], lessonRecordBefore, 'the lesson record is untouched');
      ok(p2.handle({ type: 'course/reviewNext' }, later));
      m = reviewModel(p2, later);
      assert.equal(m.position, 2);
      assert.equal(m.question?.id, second.id);
      assert.equal(m.question?.status, 'open', 'shown fresh, although it was finished in its lesson');
      ok(p2.handle({ type: 'course/answer', question: second.id, answer: { kind: 'choice', selected: [wrongOption(second).id] } }, later));
      assert.equal(reviewModel(p2, later).question?.wrongAttempts, 1);
      ok(p2.handle({ type: 'course/reveal', question: second.id }, later));
      ok(p2.handle({ type: 'course/reviewNext' }, later));
      m = reviewModel(p2, later);
      assert.equal(m.question, null, 'the session is over');
      assert.equal(m.lessonTitle, null);
      assert.equal(m.due, 0);
      assert.match(m.nextDue ?? '', /^in \d+ minutes?$/, 'a card answered "again" comes back within minutes');
      assert.match(reviewModel(p2, later, 'zh-cn').nextDue ?? '', /^\d+ 分钟后$/);
      assert.ok(p2.handle({ type: 'course/reviewNext' }, later).problem);
      assert.equal(p2.dueCount(later + 60 * DAY), 2);
    });

    it('with nothing due, review shows no card at once', () => {
      const p = new CourseDriver(COURSE, emptyProgress());
      ok(p.handle({ type: 'course/review' }, T0));
      const m = reviewModel(p);
      assert.equal(m.question, null);
      assert.equal(m.total, 0);
      assert.equal(m.position, 0);
      assert.equal(m.due, 0);
      assert.equal(m.nextDue, null);
    });

    it('a make-it-happen card is reviewed in its own sandbox and recorded as a review', () => {
      const q = questionsOf('make-it-happen').find((x) => x.id === 'sim-make-closing')!;
      const { lesson } = lessonOf(q.id);
      const progress = recordAnswer(emptyProgress(), lesson.id, q.id, { correct: true, wrongAttempts: 0 }, T0);
      const p = new CourseDriver(COURSE, progress);
      const later = T0 + 60 * DAY;
      ok(p.handle({ type: 'course/review' }, later));
      assert.deepEqual(reviewModel(p, later).sandbox, { mode: 'act', caption: null });
      assert.equal(p.sandboxModel('en', null, null).title, lesson.title.en);
      for (const step of q.solution) ok(sb(p, intentFor(p, step), later));
      assert.equal(reviewModel(p, later).question?.status, 'correct');
      assert.equal(p.progress.cards[q.id].reps, 2);
      ok(p.handle({ type: 'course/reviewNext' }, later));
      assert.equal(reviewModel(p, later).sandbox, null);
    });
  });

  describe('resets, sync and the status bar', () => {
    it('resetLesson forgets a lesson\'s steps, answers and cards; resetCourse forgets everything', () => {
      const q = questionsOf('choice')[0];
      const { lesson } = lessonOf(q.id);
      const p = playerAt(q.id);
      ok(p.handle({ type: 'course/answer', question: q.id, answer: { kind: 'choice', selected: rightOptions(q) } }, T0));
      assert.ok(p.dueCount(T0 + 60 * DAY) > 0);
      assert.equal(p.currentLessonId(), lesson.id);
      assert.equal(p.resetLesson('no-such-lesson'), false);
      assert.equal(p.resetLesson(lesson.id), true);
      assert.equal(p.progress.cards[q.id], undefined);
      assert.equal(p.dueCount(T0 + 60 * DAY), 0);
      const m = lessonModel(p);
      assert.equal(m.step, 0, 'the lesson shown starts again');
      assert.equal(m.furthest, 0);
      assert.ok(m.steps.every((s) => !s.done));
      ok(p.handle({ type: 'course/open', lesson: COURSE.lessons[3].id }, T0));
      p.resetCourse();
      assert.deepEqual(p.progress, emptyProgress());
      assert.equal(p.model('en', T0).screen, 'map');
      assert.equal(p.currentLessonId(), null);
    });

    it('replaceProgress keeps the lesson shown and shows what the new record finished', () => {
      const q = questionsOf('choice')[0];
      const { lesson, index } = lessonOf(q.id);
      const p = playerAt(q.id);
      assert.equal(shownQuestion(p).status, 'open');
      const synced = recordAnswer(setStep(emptyProgress(), lesson.id, index + 2), lesson.id, q.id, { correct: true, wrongAttempts: 0 }, T0);
      p.replaceProgress(synced);
      assert.equal(lessonModel(p).step, index);
      assert.equal(lessonModel(p).furthest, index + 2);
      assert.equal(shownQuestion(p).status, 'correct');
      p.replaceProgress(emptyProgress());
      assert.equal(lessonModel(p).step, 0, 'a step the record no longer reaches is not kept');
    });
  });

  describe('due cards and words for when', () => {
    it('dueIds lists due cards most overdue first, ties by id, and skips unknown ids', () => {
      const cards = { b: { due: 5 }, a: { due: 5 }, c: { due: 1 }, d: { due: 50 }, gone: { due: 0 } };
      assert.deepEqual(dueIds(cards, 10), ['gone', 'c', 'a', 'b']);
      assert.deepEqual(dueIds(cards, 10, new Set(['a', 'b', 'c', 'd'])), ['c', 'a', 'b']);
      assert.deepEqual(dueIds({}, 10), []);
      assert.equal(earliestDue(cards), 0);
      assert.equal(earliestDue(cards, new Set(['d'])), 50);
      assert.equal(earliestDue({}), null);
    });

    it('says when in both languages', () => {
      assert.equal(dueInWords(0, 'en'), 'now');
      assert.equal(dueInWords(-5, 'zh-cn'), '现在');
      assert.equal(dueInWords(30_000, 'en'), 'in 1 minute');
      assert.equal(dueInWords(5 * MIN, 'en'), 'in 5 minutes');
      assert.equal(dueInWords(5 * MIN, 'zh-cn'), '5 分钟后');
      assert.equal(dueInWords(3 * 3_600_000, 'en'), 'in 3 hours');
      assert.equal(dueInWords(3 * 3_600_000, 'zh-cn'), '3 小时后');
      assert.equal(dueInWords(2 * DAY, 'en'), 'in 2 days');
      assert.equal(dueInWords(2 * DAY, 'zh-cn'), '2 天后');
      assert.equal(dueInWords(DAY, 'en'), 'in 1 day');
    });

    it('puts solution steps into words', () => {
      assert.equal(stepInWords({ A: 'connect' }, 'en'), 'A: connect()');
      assert.equal(stepInWords({ B: 'send', bytes: 100 }, 'en'), 'B: send(100 bytes)');
      assert.equal(stepInWords({ deliver: 'B', nth: 2 }, 'en'), 'deliver the 2nd-oldest segment in flight from B');
      assert.equal(stepInWords({ drop: 'A' }, 'zh-cn'), '丢弃 A 发出的最早一个在途报文段');
      assert.equal(stepInWords({ advance: 0.2 }, 'en'), 'wait 200 ms');
      assert.equal(stepInWords({ advance: 2 }, 'zh-cn'), '等待 2 秒');
      assert.equal(stepInWords({ inject: { to: 'B', flags: ['SYN'], seq: 50, ack: null } }, 'en'), 'inject a segment to B: SYN seq=50');
      assert.equal(stepInWords({ flush: true }, 'en'), 'deliver everything in flight');
    });
  });

  describe('a window reload', () => {
    it('returns to the open step and the question attempt (answers given, hints seen), as plain JSON', () => {
      const id = 'hs-third';
      const q = lessonOf(id).lesson.questions.find((x) => x.id === id) as NumbersQuestion;
      const p = playerAt(id);
      const wrong = Object.fromEntries(q.fields.map((f) => [f.id, q.symbols.length > 0 ? `${q.symbols[0]}+7` : '7']));
      ok(p.handle({ type: 'course/answer', question: id, answer: { kind: 'numbers', values: wrong } }, T0));
      const before = shownQuestion(p);
      assert.equal(before.wrongAttempts, 1);
      const kept = JSON.parse(JSON.stringify(p.engine.screenSnapshot()));
      const after = new CourseDriver(COURSE, p.progress);
      assert.equal(after.model('en', T0).screen, 'map', 'a new window starts on the map');
      assert.equal(after.engine.restoreScreen(kept), true);
      assert.equal(lessonModel(after).step, lessonModel(p).step);
      const v = shownQuestion(after);
      assert.equal(v.wrongAttempts, 1);
      assert.deepEqual(v.hints, before.hints);
      assert.equal(v.hintsLeft, before.hintsLeft);
      assert.deepEqual(v.last, before.last);
      assert.equal(v.feedback?.correct, false);
      assert.deepEqual(v.feedback?.parts, before.feedback?.parts);
      // The restored attempt goes on: the next wrong answer reveals, as it would have.
      ok(after.handle({ type: 'course/answer', question: id, answer: { kind: 'numbers', values: wrong } }, T0));
      assert.equal(shownQuestion(after).status, before.hintsLeft === 0 ? 'revealed' : 'open');
    });

    it('returns to a review session at its card, with the attempt, and never reviews an answered card twice', () => {
      const [a, b] = questionsOf('choice');
      const p = playerAt(a.id);
      ok(p.handle({ type: 'course/answer', question: a.id, answer: { kind: 'choice', selected: rightOptions(a) } }, T0));
      const { lesson: lb, index: ib } = lessonOf(b.id);
      const p2 = new CourseDriver(COURSE, setStep(p.progress, lb.id, ib));
      ok(p2.handle({ type: 'course/open', lesson: lb.id }, T0));
      ok(p2.handle({ type: 'course/reveal', question: b.id }, T0 + 1));
      const later = T0 + 60 * DAY;
      ok(p2.handle({ type: 'course/review' }, later));
      const first = reviewModel(p2, later).question;
      assert.ok(first);
      const q1 = first.id === a.id ? a : b;
      // A wrong answer on the first card, then a reload: the same card, the same attempt.
      ok(p2.handle({ type: 'course/answer', question: q1.id, answer: { kind: 'choice', selected: [wrongOption(q1).id] } }, later));
      const kept = JSON.parse(JSON.stringify(p2.engine.screenSnapshot()));
      assert.deepEqual(kept.review, { queue: [first.id, first.id === a.id ? b.id : a.id], index: 0 });
      const after = new CourseDriver(COURSE, p2.progress);
      assert.equal(after.engine.restoreScreen(kept), true);
      let m = reviewModel(after, later);
      assert.equal(m.position, 1);
      assert.equal(m.total, 2);
      assert.equal(m.question?.id, first.id);
      assert.equal(m.question?.wrongAttempts, 1);
      // Answered rightly, then a reload before "Next": the next card, not this one again.
      ok(after.handle({ type: 'course/answer', question: q1.id, answer: { kind: 'choice', selected: rightOptions(q1) } }, later));
      const reps = after.progress.cards[q1.id].reps;
      const again = new CourseDriver(COURSE, after.progress);
      assert.equal(again.engine.restoreScreen(JSON.parse(JSON.stringify(after.engine.screenSnapshot()))), true);
      m = reviewModel(again, later);
      assert.equal(m.position, 2);
      assert.notEqual(m.question?.id, q1.id);
      assert.equal(again.progress.cards[q1.id].reps, reps, 'the card was reviewed once');
      // Cards of questions the course no longer has are left out, and the index follows.
      const gone = new CourseDriver(COURSE, after.progress);
      assert.equal(gone.engine.restoreScreen({ version: 1, review: { queue: ['removed-question', first.id, b.id === first.id ? a.id : b.id], index: 2 }, attempt: null }), true);
      assert.equal(reviewModel(gone, later).position, 2);
      assert.equal(new CourseDriver(COURSE, after.progress).engine.restoreScreen({ version: 1, review: { queue: ['removed-question'], index: 0 }, attempt: null }), false);
    });

    it('drops what no longer fits and never throws (property)', () => {
      const p = new CourseDriver(COURSE, emptyProgress());
      for (const raw of [null, 1, 'x', [], {}, { version: 2, lesson: 'states' }, { version: 1, lesson: 'nope', step: 0 }, { version: 1, lesson: 'states', step: 99, attempt: { question: 'zz', wrong: -5 } }]) {
        assert.doesNotThrow(() => p.engine.restoreScreen(raw));
      }
      assert.equal(p.engine.restoreScreen({ version: 1, lesson: 'states', step: 99, attempt: null }), true);
      assert.equal(lessonModel(p).step, 0, 'a step not reached yet is not opened');
      fc.assert(
        fc.property(fc.anything(), (raw) => {
          const d = new CourseDriver(COURSE, emptyProgress());
          d.engine.restoreScreen({ version: 1, lesson: 'states', step: 4, attempt: raw });
          d.engine.restoreScreen({ version: 1, review: { queue: raw, index: raw }, attempt: raw });
          d.engine.restoreScreen(raw);
          d.model('en', T0);
        }),
        { numRuns: 200 },
      );
    });
  });
});
