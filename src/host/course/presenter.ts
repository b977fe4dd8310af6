/**
 * The course presenter: turns the course engine's state into the screens the webview draws
 * (the map, a lesson step, a question, a review card), in the learner's language. Reads the
 * engine only; never changes it. No `vscode` import.
 */
import type { CoursePlayer, QuestionState } from '../../core/course/player';
import type { Feedback, Lesson } from '../../core/course/types';
import { dueIds, earliestDue } from '../../core/course/due';
import { answerText, withoutVerdict } from '../../core/course/grading';
import { continueTarget, lessonStatus } from '../../core/course/progress';
import type {
  CourseMapModel,
  CourseModel,
  EmbeddedSandboxView,
  FeedbackView,
  LessonScreenModel,
  LessonStepView,
  QuestionBody,
  QuestionView,
  ReviewScreenModel,
  SandboxModel,
} from '../../shared/protocol';
import type { Locale } from '../../i18n/types';
import type { PresetTextSource, RowsKnown } from '../sandbox/presenter';
import { presentSandbox } from '../sandbox/presenter';
import { dueInWords, stepInWords } from './text';
import { lessonCapture } from '../../core/course/captures';
import { isShippedCapture } from '../../shared/lessonCaptures';

export class CoursePresenter {
  constructor(private readonly engine: CoursePlayer) {}

  /** The course screen shown, in `locale`. */
  model(locale: Locale, now: number): CourseModel {
    const s = this.engine.view;
    if (s.kind === 'lesson') return this.lessonModel(s.lesson, s.step, locale);
    if (s.kind === 'review') return this.reviewModel(s.queue, s.index, locale, now);
    return this.mapModel(locale, now);
  }

  private mapModel(locale: Locale, now: number): CourseMapModel {
    const p = this.engine.progress;
    const target = continueTarget(p, this.engine.course);
    const targetLesson = target ? this.engine.lessonById(target.lessonId) : undefined;
    const due = dueIds(p.cards, now, this.engine.questionIds, this.engine.reviewPace).length;
    return {
      screen: 'map',
      lessons: this.engine.course.lessons.map((l, i) => {
        const answered = p.lessons[l.id]?.questions ?? {};
        return {
          id: l.id,
          number: i + 1,
          title: l.title[locale],
          summary: l.summary[locale],
          rfc: l.rfc,
          status: lessonStatus(p, l.id),
          current: target?.lessonId === l.id,
          questions: l.questions.length,
          answered: l.questions.filter((q) => answered[q.id] !== undefined).length,
        };
      }),
      continueTo: target && targetLesson ? { lessonId: targetLesson.id, title: targetLesson.title[locale], step: Math.max(0, target.step), steps: targetLesson.steps.length } : null,
      due,
      nextDue: due > 0 ? null : this.nextDueText(this.engine.questionIds, locale, now),
      notice: this.engine.noticeText,
    };
  }

  private nextDueText(among: ReadonlySet<string>, locale: Locale, now: number): string | null {
    const at = earliestDue(this.engine.progress.cards, among);
    return at === null ? null : dueInWords(at - now, locale);
  }

  private lessonModel(lesson: Lesson, step: number, locale: Locale): LessonScreenModel {
    const p = this.engine.progress;
    const rec = p.lessons[lesson.id];
    const done = rec?.done === true;
    const furthest = this.engine.furthest(lesson);
    const index = this.engine.course.lessons.indexOf(lesson);
    const following = this.engine.course.lessons[index + 1];
    const current = lesson.steps[step];
    const st = this.engine.shownQuestion();
    let view: LessonStepView;
    if (current.kind === 'explain') view = { kind: 'explain', text: current.text[locale] };
    else if (current.kind === 'scenario') {
      const capture = lessonCapture(lesson.id, step);
      view = { kind: 'scenario', caption: current.caption[locale], capture: isShippedCapture(capture) ? capture : null };
    }
    else view = st ? { kind: 'question', question: this.questionView(st, locale) } : { kind: 'explain', text: '' };
    return {
      screen: 'lesson',
      lessonId: lesson.id,
      number: index + 1,
      title: lesson.title[locale],
      rfc: lesson.rfc,
      step,
      steps: lesson.steps.map((s, i) => ({
        kind: s.kind,
        done: s.kind === 'question' ? rec?.questions[s.question] !== undefined : done || i < furthest,
      })),
      furthest,
      view,
      sandbox: this.sandboxView(locale),
      canNext: !(st && st.status === 'open'),
      isLast: step === lesson.steps.length - 1,
      completed: done && step === lesson.steps.length - 1,
      nextLesson: following ? { id: following.id, title: following.title[locale] } : null,
    };
  }

  private reviewModel(queue: readonly string[], index: number, locale: Locale, now: number): ReviewScreenModel {
    const st = this.engine.shownQuestion();
    // Cards still to come in this session are not counted as "still due after it".
    const remaining = new Set(queue.slice(index + (st && st.status !== 'open' ? 1 : 0)));
    const others = new Set([...this.engine.questionIds].filter((id) => !remaining.has(id)));
    const due = dueIds(this.engine.progress.cards, now, others, this.engine.reviewPace).length;
    return {
      screen: 'review',
      position: queue.length === 0 ? 0 : Math.min(index + 1, queue.length),
      total: queue.length,
      lessonTitle: st ? st.lesson.title[locale] : null,
      question: st ? this.questionView(st, locale) : null,
      sandbox: this.sandboxView(locale),
      due,
      nextDue: due > 0 ? null : this.nextDueText(others, locale, now),
    };
  }

  private sandboxView(locale: Locale): EmbeddedSandboxView | null {
    const plan = this.engine.lessonSandboxPlan;
    return plan ? { mode: plan.mode, caption: plan.caption ? plan.caption[locale] : null } : null;
  }

  private feedbackView(fb: Feedback, locale: Locale): FeedbackView {
    return {
      correct: fb.correct,
      unreadable: fb.unreadable === true,
      messages: fb.messages.map((m) => m[locale]),
      misconceptions: fb.misconceptions.flatMap((id) => {
        const m = this.engine.course.misconceptions.find((x) => x.id === id);
        return m ? [{ id, claim: m.claim[locale], correction: m.correction[locale] }] : [];
      }),
      parts: fb.parts ?? null,
    };
  }

  private questionView(st: Readonly<QuestionState>, locale: Locale): QuestionView {
    const q = st.q;
    const finished = st.status !== 'open';
    const revealed = st.status === 'revealed';
    // Options in the order the engine drew for this learner; right/wrong only once finished.
    const shown = q.kind === 'choice' || q.kind === 'why' ? st.options.flatMap((id) => q.options.filter((o) => o.id === id)) : [];
    let body: QuestionBody;
    switch (q.kind) {
      case 'choice':
        body = { kind: 'choice', multiple: q.multiple === true, options: shown.map((o) => ({ id: o.id, text: o.text[locale] })) };
        break;
      case 'why':
        body = {
          kind: 'why',
          options: shown.map((o) => ({ id: o.id, text: o.text[locale] })),
          variant: q.run.variant ?? 'standard',
          run: st.showing !== null ? 'shown' : st.predicted || finished ? 'ready' : 'locked',
          showing: st.showing,
          outcome: st.runEnded ? q.outcome[locale] : null,
          hasContrast: q.contrast !== undefined,
        };
        break;
      case 'next-state':
        body = { kind: 'next-state', endpoint: q.endpoint };
        break;
      case 'numbers':
        body = { kind: 'numbers', fields: q.fields.map((f) => ({ id: f.id, label: f.label[locale] })), symbols: [...q.symbols] };
        break;
      case 'order':
        body = {
          kind: 'order',
          items: st.order.map((id) => ({ id, text: q.items.find((i) => i.id === id)?.text[locale] ?? id })),
        };
        break;
      case 'make-it-happen': {
        // Once every step of it is done, the whole solution is shown again, as written.
        const rest = revealed ? this.engine.solutionFromHere(st) : q.solution;
        const fromHere = rest !== null && rest.length === 0 ? q.solution : rest;
        body = {
          kind: 'make-it-happen',
          target: { A: q.target.A ?? null, B: q.target.B ?? null, text: q.target.text[locale] },
          steps: this.engine.learnerSteps(st),
          solution: revealed ? (fromHere ?? q.solution).map((s) => stepInWords(s, locale)) : null,
          solutionText: revealed ? q.solutionText[locale] : null,
          solutionFrom: fromHere === null ? 'restart' : fromHere.length < q.solution.length ? 'here' : 'start',
          goalReached: st.goalReached,
        };
        break;
      }
    }
    return {
      id: q.id,
      kind: q.kind,
      prompt: q.prompt[locale],
      body,
      status: st.status,
      wrongAttempts: st.wrong,
      feedback: st.feedback ? this.feedbackView(st.feedback, locale) : null,
      hints: q.hints.slice(0, st.hintsShown).map((h) => h[locale]),
      hintsLeft: Math.max(0, q.hints.length - st.hintsShown),
      answer: revealed ? answerText(q)[locale] : null,
      explanation: finished ? q.explanation[locale] : null,
      optionNotes:
        finished && (q.kind === 'choice' || q.kind === 'why')
          ? shown.map((o) => ({ id: o.id, text: o.text[locale], correct: o.correct, explain: (o.correct ? withoutVerdict(o.explain) : o.explain)[locale] }))
          : null,
      last: st.last,
    };
  }

  /** The lesson sandbox's picture (the same SandboxModel as the free sandbox), sending only rows the webview lacks. */
  lessonSandbox(locale: Locale, known: RowsKnown | null, problem: string | null): SandboxModel {
    const plan = this.engine.lessonSandboxPlan;
    return presentSandbox(this.engine.lessonSandbox, NO_PRESETS, locale, known, problem, plan ? plan.title[locale] : null);
  }
}

const NO_PRESETS: PresetTextSource = () => undefined;
