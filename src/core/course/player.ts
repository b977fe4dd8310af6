/**
 * The course engine: the learner's progress through the lessons, the question on screen and
 * what has been done with it, grading, review sessions, and the lesson's own sandbox (a
 * story to step through, a counterfactual run, or a sandbox to "make it happen" in).
 *
 * It takes plain commands (`open`, `answer`, `help`, `next`, ...) and exposes its state read
 * only; turning that state into what a screen shows, in a language, is the host's course
 * presenter's job. Pure: no UI types, no `vscode`, no wall clock (every command that needs
 * the time takes `now`, epoch milliseconds). The course is passed in.
 */
import { parseScenarioValue } from '../tcp';
import { PresetLibrary } from '../sandbox/library';
import { SandboxController } from '../sandbox/controller';
import { SandboxSession } from '../sandbox/session';
import type { SandboxCommand } from '../sandbox/vocabulary';
import { dueIds, type ReviewPace } from './due';
import { goalMet } from './goals';
import { ENGINE_TEXT, feedbackForAttempt, grade, hashId, helpAfter, optionOrder, shuffleOrder } from './grading';
import { completeLesson, continueTarget, lessonStatus, recordAnswer, recordReview, resetCourse, resetLesson, setStep, withSeed, type Progress } from './progress';
import { TraceGoalView } from './sandbox';
import type { Answer, Course, Feedback, Lesson, Question, QuestionStatus, Scenario, ScenarioStep, Text } from './types';

export interface PlayerResult {
  /** The progress record changed: the host saves it (globalState). */
  readonly progressChanged: boolean;
  /** The course model changed: the host sends `model()` to every webview. */
  readonly courseChanged: boolean;
  /** The lesson sandbox changed: the host sends `sandboxModel()` to every webview. */
  readonly sandboxChanged: boolean;
  /** An intent that could not be carried out (English, one line, for the log / sandbox problem line). */
  readonly problem: string | null;
}

/** An attempt at the open question on screen (answers given, hints seen), kept across a reload. */
export interface AttemptSnapshot {
  readonly question: string;
  readonly wrong: number;
  readonly hintsShown: number;
  readonly helpAsked: number;
  readonly last: Answer | null;
  readonly order: readonly string[];
  readonly predicted: boolean;
}

/** The screen a reload returns to (see CoursePlayer.screenSnapshot). Plain JSON. */
export type ScreenSnapshot =
  | { readonly version: 1; readonly lesson: string; readonly step: number; readonly attempt: AttemptSnapshot | null }
  /** A review session: its cards in order, and the one on screen (a card already answered counts as done). */
  | { readonly version: 1; readonly review: { readonly queue: readonly string[]; readonly index: number }; readonly attempt: AttemptSnapshot | null };

/** What the learner has done with one question while it is on screen. */
export interface QuestionState {
  /** Unique per state: a fresh state gets a fresh sandbox. */
  readonly serial: number;
  readonly q: Question;
  readonly lesson: Lesson;
  /** In a lesson (recorded with its lesson) or in review (a review of its card). */
  readonly context: 'lesson' | 'review';
  status: QuestionStatus;
  /** Readable wrong answers. */
  wrong: number;
  /** Hints shown so far (after wrong answers or on request). */
  hintsShown: number;
  /** Hints the learner asked for. */
  helpAsked: number;
  feedback: Feedback | null;
  last: Answer | null;
  /** Ordering questions: the items in the order shown. */
  order: readonly string[];
  /**
   * Choice and why questions: the option ids in the order this learner sees them, drawn from
   * the learner's seed and the question id (so a review card keeps its order). Which one is
   * right stays in the engine until the question is finished.
   */
  readonly options: readonly string[];
  /** Why questions: a readable prediction has been graded. */
  predicted: boolean;
  showing: 'run' | 'contrast' | null;
  runNonce: number;
  /** The counterfactual run has been stepped to its end at least once. */
  runEnded: boolean;
  /** Make it happen: bumped to reload the question's sandbox. */
  resetNonce: number;
  /** Make it happen: the goal has been reached in the sandbox (also after the solution was shown). */
  goalReached: boolean;
}

export type Screen =
  | { readonly kind: 'map' }
  | { readonly kind: 'lesson'; readonly lesson: Lesson; step: number }
  | { readonly kind: 'review'; readonly queue: readonly string[]; index: number };

/** What the lesson sandbox should hold for the screen shown. */
export interface SandboxPlan {
  readonly key: string;
  readonly mode: 'play' | 'act';
  readonly caption: Text | null;
  readonly title: Text;
  readonly scenario: Scenario;
  /** Steps played after the scenario (a next-state question's `next`, once answered). */
  readonly extra: readonly ScenarioStep[];
  readonly at: 'start' | 'end';
}

interface LoadedSandbox {
  readonly plan: SandboxPlan;
  /** Steps that belong to the setup (not counted as the learner's). */
  readonly setup: number;
}

interface Changes {
  progress: boolean;
  course: boolean;
  sandbox: boolean;
}


export class CoursePlayer {
  private progressValue: Progress;
  private screen: Screen = { kind: 'map' };
  private readonly states = new Map<string, QuestionState>();
  private serial = 0;
  /** Bumped whenever the lesson step shown changes, so that a scenario step starts afresh. */
  private visit = 0;
  private notice: string | null = null;
  private readonly sandbox = new SandboxController(SandboxSession.create(), new PresetLibrary([]));
  private loaded: LoadedSandbox | null = null;
  private readonly lessonsById = new Map<string, Lesson>();
  private readonly questionsById = new Map<string, { readonly lesson: Lesson; readonly question: Question }>();
  private readonly known: ReadonlySet<string>;

  constructor(
    readonly course: Course,
    progress: Progress,
  ) {
    this.progressValue = progress;
    for (const lesson of course.lessons) {
      this.lessonsById.set(lesson.id, lesson);
      for (const question of lesson.questions) this.questionsById.set(question.id, { lesson, question });
    }
    this.known = new Set(this.questionsById.keys());
  }

  get progress(): Progress {
    return this.progressValue;
  }

  /** The lesson's own sandbox (read it; change it only through `sandboxCommand`). */
  get lessonSandbox(): SandboxController {
    return this.sandbox;
  }

  /** What the lesson sandbox holds now (mode, caption, title), or null when the screen shows none. */
  get lessonSandboxPlan(): SandboxPlan | null {
    return this.loaded ? this.loaded.plan : null;
  }

  /** The screen shown. */
  get view(): Readonly<Screen> {
    return this.screen;
  }

  /** The notice for the course map, or null. */
  get noticeText(): string | null {
    return this.notice;
  }

  /** Every question id of the course. */
  get questionIds(): ReadonlySet<string> {
    return this.known;
  }

  /** The question on screen and what the learner has done with it, or null. */
  shownQuestion(): Readonly<QuestionState> | null {
    return this.shownState();
  }

  /** The furthest step reached in a lesson (every step once it is done). */
  furthest(lesson: Lesson): number {
    const rec = this.progressValue.lessons[lesson.id];
    const last = lesson.steps.length - 1;
    if (!rec) return 0;
    if (rec.done) return last;
    return Math.min(Math.max(rec.step, 0), last);
  }

  lessonById(id: string): Lesson | undefined {
    return this.lessonsById.get(id);
  }

  questionById(id: string): { readonly lesson: Lesson; readonly question: Question } | undefined {
    return this.questionsById.get(id);
  }

  /** Something the learner should know, shown on the course map until the next intent. */
  setNotice(text: string | null): void {
    this.notice = text;
  }

  // -------------------------------------------------------------------------------------
  // Intents

  /**
   * Runs one command: clears the notice, carries the command out, then loads what the
   * screen needs into the lesson sandbox. Never throws; a command that cannot be carried
   * out comes back as `problem`.
   */
  private perform(label: string, command: (changes: Changes) => string | null): PlayerResult {
    const changes: Changes = { progress: false, course: false, sandbox: false };
    if (this.notice !== null) {
      this.notice = null;
      if (this.screen.kind === 'map') changes.course = true;
    }
    let problem: string | null;
    try {
      problem = command(changes);
    } catch (error) {
      problem = `${label}: ${error instanceof Error ? error.message : String(error)}`;
    }
    try {
      if (this.sync()) changes.sandbox = true;
    } catch (error) {
      problem ??= `the lesson sandbox could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
    }
    return { progressChanged: changes.progress, courseChanged: changes.course, sandboxChanged: changes.sandbox, problem };
  }

  /** The course map. */
  showMap(): PlayerResult {
    return this.perform('course/map', (changes) => {
      this.toMap(changes);
      return null;
    });
  }

  /** Opens a lesson at the furthest step reached. */
  open(lessonId: string): PlayerResult {
    return this.perform('course/open', (changes) => {
      const lesson = this.lessonsById.get(lessonId);
      if (!lesson) return `there is no lesson "${lessonId}"`;
      this.openLesson(lesson, this.furthest(lesson), changes);
      return null;
    });
  }

  /** Where the learner left off, or the map when every lesson is done. */
  continueCourse(): PlayerResult {
    return this.perform('course/continue', (changes) => {
      const target = continueTarget(this.progressValue, this.course);
      const lesson = target ? this.lessonsById.get(target.lessonId) : undefined;
      if (!target || !lesson) {
        this.toMap(changes);
        return null;
      }
      this.openLesson(lesson, Math.max(0, target.step), changes);
      return null;
    });
  }

  goto(step: number): PlayerResult {
    return this.perform('course/goto', (changes) => {
      const s = this.screen;
      if (s.kind !== 'lesson') return 'course/goto: no lesson is shown';
      const furthest = this.furthest(s.lesson);
      if (step > furthest) return `course/goto: step ${step + 1} has not been reached yet (the furthest is step ${furthest + 1})`;
      if (step !== s.step) this.showStep(step, changes);
      return null;
    });
  }

  next(now: number): PlayerResult {
    return this.perform('course/next', (changes) => this.forward(now, changes));
  }

  back(): PlayerResult {
    return this.perform('course/back', (changes) => {
      const s = this.screen;
      if (s.kind !== 'lesson') return 'course/back: no lesson is shown';
      if (s.step > 0) this.showStep(s.step - 1, changes);
      return null;
    });
  }

  answer(questionId: string, answer: Answer, now: number): PlayerResult {
    return this.perform('course/answer', (changes) => this.grade(questionId, answer, now, changes));
  }

  /** The next hint, or the answer once the hints are used up. */
  help(questionId: string, now: number): PlayerResult {
    return this.perform('course/help', (changes) => {
      const st = this.openQuestion(questionId);
      if (typeof st === 'string') return `course/help: ${st}`;
      this.nextHelp(st, true, now, changes);
      return null;
    });
  }

  /** Shows the answer now. */
  reveal(questionId: string, now: number): PlayerResult {
    return this.perform('course/reveal', (changes) => {
      const st = this.openQuestion(questionId);
      if (typeof st === 'string') return `course/reveal: ${st}`;
      this.finish(st, 'revealed', now, changes);
      return null;
    });
  }

  /** A why question: plays the counterfactual (or the real protocol, for contrast) in the lesson sandbox. */
  run(questionId: string, which: 'run' | 'contrast'): PlayerResult {
    return this.perform('course/run', (changes) => this.play(questionId, which, changes));
  }

  /** Starts a review session of the cards due now. */
  review(now: number): PlayerResult {
    return this.perform('course/review', (changes) => {
      this.states.clear();
      this.screen = { kind: 'review', queue: dueIds(this.progressValue.cards, now, this.known, this.pace), index: 0 };
      changes.course = true;
      return null;
    });
  }

  reviewNext(): PlayerResult {
    return this.perform('course/reviewNext', (changes) => {
      const s = this.screen;
      if (s.kind !== 'review') return 'course/reviewNext: no review is running';
      if (s.index >= s.queue.length) return 'course/reviewNext: the review session is over';
      const st = this.shownState();
      if (st && st.status === 'open') return 'course/reviewNext: finish this card first (answer it, or show the answer)';
      s.index++;
      changes.course = true;
      return null;
    });
  }

  /** A command for the lesson's own sandbox. */
  sandboxCommand(command: SandboxCommand, now: number): PlayerResult {
    return this.perform(`sandbox/${command.type}`, (changes) => this.inLessonSandbox(command, now, changes));
  }

  private toMap(changes: Changes): void {
    this.states.clear();
    this.screen = { kind: 'map' };
    changes.course = true;
  }

  private openLesson(lesson: Lesson, step: number, changes: Changes): void {
    const s = this.screen;
    const same = s.kind === 'lesson' && s.lesson.id === lesson.id;
    if (!same) this.states.clear();
    this.screen = { kind: 'lesson', lesson, step: Math.min(Math.max(step, 0), lesson.steps.length - 1) };
    this.visit++;
    const p = this.progressValue;
    if (p.currentLesson !== lesson.id || !p.lessons[lesson.id]) {
      const rec = p.lessons[lesson.id];
      this.progressValue = setStep(p, lesson.id, rec ? rec.step : 0);
      changes.progress = true;
    }
    changes.course = true;
  }

  private showStep(step: number, changes: Changes): void {
    const s = this.screen;
    if (s.kind !== 'lesson') return;
    s.step = step;
    this.visit++;
    changes.course = true;
  }

  private forward(now: number, changes: Changes): string | null {
    const s = this.screen;
    if (s.kind !== 'lesson') return 'course/next: no lesson is shown';
    const st = this.shownState();
    if (st && st.status === 'open') return 'course/next: answer the question first (or ask for the answer)';
    const last = s.lesson.steps.length - 1;
    if (s.step < last) {
      const step = s.step + 1;
      const rec = this.progressValue.lessons[s.lesson.id];
      if (!rec || step > rec.step) {
        this.progressValue = setStep(this.progressValue, s.lesson.id, step);
        changes.progress = true;
      }
      this.showStep(step, changes);
      return null;
    }
    if (lessonStatus(this.progressValue, s.lesson.id) !== 'done') {
      this.progressValue = completeLesson(this.progressValue, s.lesson.id, now);
      changes.progress = true;
      changes.course = true;
    }
    return null;
  }

  // -------------------------------------------------------------------------------------
  // Questions

  /** The question on screen, with its lesson and where it is asked. */
  private shown(): { readonly q: Question; readonly lesson: Lesson; readonly context: 'lesson' | 'review' } | null {
    const s = this.screen;
    if (s.kind === 'lesson') {
      const step = s.lesson.steps[s.step];
      if (!step || step.kind !== 'question') return null;
      const q = s.lesson.questions.find((x) => x.id === step.question);
      return q ? { q, lesson: s.lesson, context: 'lesson' } : null;
    }
    if (s.kind === 'review') {
      const id = s.queue[s.index];
      const found = id === undefined ? undefined : this.questionsById.get(id);
      return found ? { q: found.question, lesson: found.lesson, context: 'review' } : null;
    }
    return null;
  }

  private shownState(): QuestionState | null {
    const shown = this.shown();
    return shown ? this.stateFor(shown.q, shown.lesson, shown.context) : null;
  }

  private stateFor(q: Question, lesson: Lesson, context: 'lesson' | 'review'): QuestionState {
    const existing = this.states.get(q.id);
    if (existing && existing.context === context) return existing;
    const record = context === 'lesson' ? this.progressValue.lessons[lesson.id]?.questions[q.id] : undefined;
    const status: QuestionStatus = record ? (record.correct && !record.revealed ? 'correct' : 'revealed') : 'open';
    const st: QuestionState = {
      serial: ++this.serial,
      q,
      lesson,
      context,
      status,
      wrong: 0,
      hintsShown: 0,
      helpAsked: 0,
      feedback: null,
      last: null,
      order: q.kind === 'order' ? (record ? q.items.map((i) => i.id) : shuffleOrder(q, hashId(q.id))) : [],
      options: q.kind === 'choice' || q.kind === 'why' ? optionOrder(q, this.progressValue.seed ?? 0) : [],
      predicted: false,
      showing: null,
      runNonce: 0,
      runEnded: false,
      resetNonce: 0,
      goalReached: false,
    };
    this.states.set(q.id, st);
    return st;
  }

  /** The state of the question shown, if it is `id` and still open; else why not. */
  private openQuestion(id: string): QuestionState | string {
    const st = this.shownState();
    if (!st || st.q.id !== id) return `question "${id}" is not the one shown`;
    if (st.status !== 'open') return `question "${id}" is already finished`;
    return st;
  }

  private grade(id: string, answer: Answer, now: number, changes: Changes): string | null {
    const st = this.openQuestion(id);
    if (typeof st === 'string') return `course/answer: ${st}`;
    const q = st.q;
    if (q.kind === 'make-it-happen') return `course/answer: question "${id}" is answered in the sandbox, not with an answer`;
    if (answer.kind !== q.kind) return `course/answer: a ${answer.kind} answer does not fit ${q.kind} question "${id}"`;
    const feedback = grade(q, answer);
    st.last = answer;
    st.feedback = feedback;
    changes.course = true;
    if (q.kind === 'order' && answer.kind === 'order') {
      const ids = q.items.map((i) => i.id);
      const permutation = answer.order.length === ids.length && new Set(answer.order).size === ids.length && answer.order.every((x) => ids.includes(x));
      if (permutation) st.order = [...answer.order];
    }
    if (feedback.unreadable) return null;
    st.predicted = true;
    if (feedback.correct) {
      this.finish(st, 'correct', now, changes);
    } else {
      st.wrong++;
      st.feedback = feedbackForAttempt(q, feedback, st.wrong);
      this.nextHelp(st, false, now, changes);
    }
    return null;
  }

  /** The next hint, or (hints used up) the answer. `asked`: the learner asked for it. */
  private nextHelp(st: QuestionState, asked: boolean, now: number, changes: Changes): void {
    const h = helpAfter(st.q, st.hintsShown + 1);
    changes.course = true;
    if (h && h.kind === 'hint') {
      st.hintsShown++;
      if (asked) st.helpAsked++;
      return;
    }
    this.finish(st, 'revealed', now, changes);
  }

  private finish(st: QuestionState, status: 'correct' | 'revealed', now: number, changes: Changes): void {
    st.status = status;
    const outcome = { correct: status === 'correct', wrongAttempts: st.wrong + st.helpAsked, revealed: status === 'revealed' };
    this.progressValue =
      st.context === 'lesson' ? recordAnswer(this.progressValue, st.lesson.id, st.q.id, outcome, now) : recordReview(this.progressValue, st.q.id, outcome, now);
    changes.progress = true;
    changes.course = true;
  }

  private play(id: string, which: 'run' | 'contrast', changes: Changes): string | null {
    const st = this.shownState();
    if (!st || st.q.id !== id) return `course/run: question "${id}" is not the one shown`;
    const q = st.q;
    if (q.kind !== 'why') return `course/run: question "${id}" has no run to play`;
    if (st.status === 'open' && !st.predicted) return 'course/run: make a prediction first';
    if (which === 'contrast' && !q.contrast) return `course/run: question "${id}" has no contrast story`;
    st.showing = which;
    st.runNonce++;
    changes.course = true;
    return null;
  }

  // -------------------------------------------------------------------------------------
  // The lesson sandbox

  private inLessonSandbox(command: SandboxCommand, now: number, changes: Changes): string | null {
    const name = `sandbox/${command.type}`;
    const loaded = this.loaded;
    if (!loaded) return `${name}: no lesson sandbox is shown`;
    let inner = command;
    if (loaded.plan.mode === 'play') {
      if (command.type !== 'seek' && command.type !== 'branch') return `${name}: the lesson sandbox plays a story here; only stepping through it is possible`;
    } else {
      switch (command.type) {
        case 'settings':
        case 'preset':
          return `${name}: not available in a lesson's sandbox`;
        case 'reset': {
          const st = this.shownState();
          if (st) st.resetNonce++;
          changes.course = true;
          return null;
        }
        case 'seek':
          if (command.position < loaded.setup) inner = { type: 'seek', position: loaded.setup };
          break;
        default:
          break;
      }
    }
    const result = this.sandbox.handle(inner);
    if (result.problem) return `${name}: ${result.problem}`;
    if (result.changed) {
      changes.sandbox = true;
      this.afterSandboxChange(now, changes);
    }
    return null;
  }

  /** Checks a make-it-happen goal and notes the end of a counterfactual run. */
  private afterSandboxChange(now: number, changes: Changes): void {
    const loaded = this.loaded;
    const st = this.shownState();
    if (!loaded || !st) return;
    if (loaded.plan.mode === 'act') {
      changes.course = true;
      if (st.q.kind === 'make-it-happen' && !st.goalReached && loaded.plan.key === this.planFor(st)?.key) {
        const view = this.goalView(loaded);
        if (view.steps > 0 && goalMet(st.q.goal, view)) {
          // Reached: by the learner (recorded as right), or by following the solution shown
          // (already recorded as revealed); either way the learner is told.
          st.goalReached = true;
          st.feedback = { correct: true, messages: [ENGINE_TEXT.goalMet], misconceptions: [] };
          if (st.status === 'open') this.finish(st, 'correct', now, changes);
        }
      }
    }
    if (this.noteRunEnd(st)) changes.course = true;
  }

  /** True when the run has just been seen to its end for the first time. */
  private noteRunEnd(st: QuestionState): boolean {
    const s = this.sandbox.session;
    if (st.q.kind !== 'why' || st.showing !== 'run' || st.runEnded || !this.loaded) return false;
    if (this.loaded.plan.key !== this.planFor(st)?.key || s.position !== s.length) return false;
    st.runEnded = true;
    return true;
  }

  private goalView(loaded: LoadedSandbox): TraceGoalView {
    const session = this.sandbox.session;
    const view = new TraceGoalView((e) => session.simulator.state(e));
    session.history.forEach((r, i) => view.add(r.events, i >= loaded.setup));
    return view;
  }

  /** Learner steps taken in a make-it-happen sandbox. */
  /**
   * The part of a make-it-happen solution still to do from where the learner stands: all of
   * it before any step, the rest when the learner's steps so far are its beginning, and null
   * when they went another way (the solution then starts from "Start again").
   */
  solutionFromHere(st: Readonly<QuestionState>): readonly ScenarioStep[] | null {
    const q = st.q;
    if (q.kind !== 'make-it-happen') return null;
    const loaded = this.loaded;
    if (!loaded || loaded.plan.key !== this.planFor(st)?.key) return q.solution;
    const taken = this.sandbox.session.stepsSoFar().slice(loaded.setup);
    if (taken.length === 0) return q.solution;
    const parsed = parseScenarioValue({ ...q.scenario, steps: [...q.scenario.steps, ...q.solution] });
    if (!parsed.ok) return null;
    const solution = parsed.scenario.steps.slice(parsed.scenario.steps.length - q.solution.length);
    if (taken.length > solution.length) return null;
    const same = taken.every((step, i) => JSON.stringify(step) === JSON.stringify(solution[i]));
    return same ? q.solution.slice(taken.length) : null;
  }

  learnerSteps(st: Readonly<QuestionState>): number {
    const loaded = this.loaded;
    if (!loaded || loaded.plan.key !== this.planFor(st)?.key) return 0;
    return Math.max(0, this.sandbox.session.position - loaded.setup);
  }

  private planFor(st: Readonly<QuestionState>): SandboxPlan | null {
    const q = st.q;
    const title = st.lesson.title;
    const base = { caption: null, title, extra: [] as readonly ScenarioStep[] };
    switch (q.kind) {
      case 'choice':
      case 'order':
        return null;
      case 'numbers':
        return q.scenario ? { ...base, key: `q${st.serial}:numbers`, mode: 'play', scenario: q.scenario, at: 'end' } : null;
      case 'next-state':
        return st.status === 'open'
          ? { ...base, key: `q${st.serial}:before`, mode: 'play', scenario: q.scenario, at: 'end' }
          : { ...base, key: `q${st.serial}:after`, mode: 'play', scenario: q.scenario, extra: q.next, at: 'end' };
      case 'make-it-happen':
        return { ...base, key: `q${st.serial}:act:${st.resetNonce}`, mode: 'act', scenario: q.scenario, at: 'end' };
      case 'why': {
        if (st.showing === null) return null;
        const scenario = st.showing === 'run' ? q.run : q.contrast;
        if (!scenario) return null;
        return { ...base, key: `q${st.serial}:${st.showing}:${st.runNonce}`, mode: 'play', scenario, at: 'start' };
      }
    }
  }

  private plan(): SandboxPlan | null {
    const s = this.screen;
    if (s.kind === 'lesson') {
      const step = s.lesson.steps[s.step];
      if (step && step.kind === 'scenario') {
        return { key: `scenario:${s.lesson.id}:${s.step}:${this.visit}`, mode: 'play', caption: step.caption, title: s.lesson.title, scenario: step.scenario, extra: [], at: 'start' };
      }
    }
    const st = this.shownState();
    return st ? this.planFor(st) : null;
  }

  /** Loads what the screen needs into the lesson sandbox; true when it changed. */
  private sync(): boolean {
    const plan = this.plan();
    if (!plan) {
      if (!this.loaded) return false;
      this.loaded = null;
      this.sandbox.load(SandboxSession.create());
      return true;
    }
    if (this.loaded && this.loaded.plan.key === plan.key) return false;
    const parsed = parseScenarioValue({ ...plan.scenario, steps: [...plan.scenario.steps, ...plan.extra] });
    if (!parsed.ok) {
      this.loaded = null;
      this.sandbox.load(SandboxSession.create());
      throw new Error(parsed.errors.map((e) => e.message).join('; '));
    }
    const session = SandboxSession.fromScenario(parsed.scenario, null, null);
    if (plan.at === 'end') session.seek(session.length);
    this.sandbox.load(session);
    this.loaded = { plan, setup: plan.mode === 'act' ? session.length : 0 };
    const st = this.shownState();
    if (st) this.noteRunEnd(st);
    return true;
  }

  // -------------------------------------------------------------------------------------
  // Resets, sync and the status bar

  resetLesson(lessonId: string): boolean {
    const lesson = this.lessonsById.get(lessonId);
    if (!lesson) return false;
    this.progressValue = resetLesson(this.progressValue, lesson);
    for (const q of lesson.questions) this.states.delete(q.id);
    const s = this.screen;
    if (s.kind === 'lesson' && s.lesson.id === lesson.id) {
      // The learner reset the lesson in front of them: start it again.
      this.progressValue = setStep(this.progressValue, lesson.id, 0);
      s.step = 0;
      this.visit++;
    } else if (s.kind === 'review' && s.queue.slice(s.index).some((id) => lesson.questions.some((q) => q.id === id))) {
      this.screen = { kind: 'map' };
      this.states.clear();
    }
    this.syncQuietly();
    return true;
  }

  resetCourse(): void {
    // The learner's shuffle seed is not course progress: it survives the reset.
    const seed = this.progressValue.seed;
    this.progressValue = seed === undefined ? resetCourse() : withSeed(resetCourse(), seed);
    this.states.clear();
    this.screen = { kind: 'map' };
    this.syncQuietly();
  }

  /** The lesson shown or current (for "Reset Lesson" defaulting to it), or null. */
  currentLessonId(): string | null {
    const s = this.screen;
    if (s.kind === 'lesson') return s.lesson.id;
    const current = this.progressValue.currentLesson;
    return current !== null && this.lessonsById.has(current) ? current : null;
  }

  dueCount(now: number): number {
    return dueIds(this.progressValue.cards, now, this.known, this.pace).length;
  }

  /** How many new cards a day may come up for review (the host reads it from the settings). */
  private pace: ReviewPace | null = null;

  get reviewPace(): ReviewPace | null {
    return this.pace;
  }

  setReviewPace(pace: ReviewPace | null): void {
    this.pace = pace;
  }

  /**
   * Where the learner is, as plain JSON for the host to keep across a window reload: the lesson
   * and step on screen, or the review session and its card, and the attempt at an open
   * question there (answers given, hints seen). Null on the course map.
   */
  screenSnapshot(): ScreenSnapshot | null {
    const s = this.screen;
    if (s.kind === 'map') return null;
    const st = this.shownState();
    const attempt: AttemptSnapshot | null =
      st && st.status === 'open' && (st.wrong > 0 || st.hintsShown > 0 || st.last !== null || st.predicted)
        ? { question: st.q.id, wrong: st.wrong, hintsShown: st.hintsShown, helpAsked: st.helpAsked, last: st.last, order: [...st.order], predicted: st.predicted }
        : null;
    if (s.kind === 'review') {
      // A card answered (or shown) is done: a reload goes on to the next, never reviews it twice.
      const index = st && st.status !== 'open' ? s.index + 1 : s.index;
      return { version: 1, review: { queue: [...s.queue], index: Math.min(index, s.queue.length) }, attempt };
    }
    return { version: 1, lesson: s.lesson.id, step: s.step, attempt };
  }

  /**
   * Returns to a screen kept by `screenSnapshot` (after a reload). Anything that no longer fits
   * (a lesson or question gone, a step not reached, an answer of another kind) is dropped, never
   * thrown; false when nothing could be restored. Progress is not changed.
   */
  restoreScreen(raw: unknown): boolean {
    if (typeof raw !== 'object' || raw === null) return false;
    const r = raw as Record<string, unknown>;
    if (r.version !== 1) return false;
    if (typeof r.review === 'object' && r.review !== null) {
      const review = r.review as Record<string, unknown>;
      if (!Array.isArray(review.queue)) return false;
      const at = typeof review.index === 'number' && Number.isInteger(review.index) ? review.index : 0;
      // Cards of questions the course no longer has are left out; the index follows the cards kept.
      const queue: string[] = [];
      const taken = new Set<string>();
      let index = 0;
      for (let i = 0; i < review.queue.length && queue.length < this.known.size; i++) {
        const id: unknown = review.queue[i];
        if (typeof id !== 'string' || !this.known.has(id) || taken.has(id)) continue;
        if (i < at) index++;
        taken.add(id);
        queue.push(id);
      }
      if (queue.length === 0) return false;
      this.states.clear();
      this.screen = { kind: 'review', queue, index: Math.min(Math.max(index, 0), queue.length) };
      this.visit++;
      this.restoreAttempt(r.attempt);
      this.syncQuietly();
      return true;
    }
    const lesson = typeof r.lesson === 'string' ? this.lessonsById.get(r.lesson) : undefined;
    if (!lesson) return false;
    const step = typeof r.step === 'number' && Number.isInteger(r.step) ? Math.min(Math.max(r.step, 0), this.furthest(lesson)) : this.furthest(lesson);
    this.states.clear();
    this.screen = { kind: 'lesson', lesson, step };
    this.visit++;
    this.restoreAttempt(r.attempt);
    this.syncQuietly();
    return true;
  }

  /** Puts a kept attempt back on the open question on screen, if it is still that question. */
  private restoreAttempt(raw: unknown): void {
    const a = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : null;
    const st = this.shownState();
    if (!a || !st || st.status !== 'open' || a.question !== st.q.id) return;
    const count = (v: unknown, max: number) => (typeof v === 'number' && Number.isInteger(v) ? Math.min(Math.max(v, 0), max) : 0);
    st.hintsShown = count(a.hintsShown, st.q.hints.length);
    st.wrong = count(a.wrong, 1000);
    st.helpAsked = count(a.helpAsked, st.hintsShown);
    st.predicted = a.predicted === true;
    const ids = st.q.kind === 'order' ? st.q.items.map((i) => i.id) : [];
    if (Array.isArray(a.order) && a.order.length === ids.length && ids.every((id) => (a.order as unknown[]).includes(id))) st.order = a.order as string[];
    const last = a.last as Answer | null;
    if (last && typeof last === 'object' && last.kind === st.q.kind) {
      try {
        const feedback = grade(st.q, last);
        st.last = last;
        st.feedback = feedback.correct ? null : feedbackForAttempt(st.q, feedback, st.wrong);
      } catch {
        // An answer that no longer reads is left out; the hints stay.
      }
    }
  }

  /** Replace progress (e.g. Settings Sync brought a newer record); keep the screen when it still makes sense. */
  replaceProgress(p: Progress): void {
    // A record written before seeds existed keeps this window's seed, so orders do not change.
    this.progressValue = p.seed === undefined && this.progressValue.seed !== undefined ? withSeed(p, this.progressValue.seed) : p;
    for (const [id, st] of [...this.states]) {
      const recorded = p.lessons[st.lesson.id]?.questions[id] !== undefined;
      if (st.context === 'lesson' && st.status === 'open' && recorded) this.states.delete(id);
    }
    const s = this.screen;
    if (s.kind === 'lesson') {
      const furthest = this.furthest(s.lesson);
      if (s.step > furthest) {
        s.step = furthest;
        this.visit++;
      }
    }
    this.syncQuietly();
  }

  private syncQuietly(): void {
    try {
      this.sync();
    } catch {
      // Content is validated at build time; a story that does not load leaves the sandbox empty.
    }
  }
}
