/**
 * The data model of the course: lessons, their steps, the six question kinds, the learner's
 * answers and the feedback the host sends back. Lesson files (src/core/course/content/*.json)
 * have exactly this shape; schemas/lesson.schema.json checks it at build time and
 * `validateCourse` checks what a schema cannot (unique ids, answers that exist, scenarios).
 *
 * Pure data: no `vscode` import, no wall clock.
 */
import type { Flag, StateId } from '../tcp/states';
import type { Answer, Locale } from './vocabulary';

export { LOCALES as COURSE_LOCALES } from './vocabulary';
export type { Answer, LessonMark, QuestionKindId, QuestionStatus } from './vocabulary';
export type CourseLocale = Locale;

/** Every learner-facing string of the course, in both languages. */
export interface Text {
  readonly en: string;
  readonly 'zh-cn': string;
}

export type Endpoint = 'A' | 'B';

// ---------------------------------------------------------------------------------------
// Scenarios (the public step format of issue 3, embedded in lessons)

export type CallName = 'listen' | 'connect' | 'send' | 'close' | 'abort' | 'shutdown' | 'read' | 'accept' | 'keepalive' | 'crash' | 'reboot' | 'kill';

export type ScenarioStep =
  | { readonly A: CallName; readonly bytes?: number }
  | { readonly B: CallName; readonly bytes?: number }
  | { readonly deliver: Endpoint; readonly nth?: number }
  | { readonly drop: Endpoint; readonly nth?: number }
  | { readonly duplicate: Endpoint }
  | {
      readonly inject: {
        readonly to: Endpoint;
        readonly flags: readonly Flag[];
        readonly seq: number;
        readonly ack: number | null;
        readonly len?: number;
      };
    }
  | { readonly advance: number }
  | { readonly flush: true };

export type Profile = 'linux' | 'linux-classic' | 'rfc9293';
export type Variant = 'standard' | 'two-way-handshake' | 'no-time-wait';

/** A scenario as issue 3 defines it; `title` is optional inside a lesson. */
export interface Scenario {
  readonly title?: string;
  readonly profile?: Profile;
  readonly variant?: Variant;
  /** Per host: the ISN of every connection, or connection by connection (the last repeating). */
  readonly isn?: { readonly A: number | readonly number[]; readonly B: number | readonly number[] };
  readonly delayedAck?: boolean;
  /** The sockets model's settings, as in the scenario format (docs/scenario-format.md). */
  readonly autoRead?: boolean | { readonly A?: boolean; readonly B?: boolean };
  readonly autoAccept?: boolean | { readonly A?: boolean; readonly B?: boolean };
  readonly rcvBuf?: number | { readonly A?: number; readonly B?: number };
  readonly somaxconn?: number;
  readonly synBacklog?: number;
  readonly syncookies?: boolean;
  readonly abortOnOverflow?: boolean;
  readonly steps: readonly ScenarioStep[];
}

// ---------------------------------------------------------------------------------------
// Goals for "make it happen" and for checking counterfactual runs

export type ResultKind = 'refused' | 'reset' | 'timeout';

/**
 * A predicate over a `GoalView`. Small and declarative so that content can hold it as data.
 * - `state`: an endpoint is in a state (or one of several).
 * - `sent`: some segment sent so far matches (flags: all listed are set; `only`: and no others).
 * - `result`: an application-visible result happened (optionally at one endpoint).
 * - `stepsAtMost`: the learner used at most this many steps.
 */
export type Goal =
  | { readonly state: { readonly endpoint: Endpoint; readonly is: StateId | readonly StateId[] } }
  | {
      readonly sent: {
        readonly from?: Endpoint;
        readonly flags?: readonly Flag[];
        readonly only?: boolean;
        readonly seq?: number;
        readonly ack?: number | null;
        readonly minLen?: number;
      };
    }
  | { readonly result: { readonly kind: ResultKind; readonly endpoint?: Endpoint } }
  | { readonly stepsAtMost: number }
  | { readonly all: readonly Goal[] }
  | { readonly any: readonly Goal[] }
  | { readonly not: Goal };

// ---------------------------------------------------------------------------------------
// Questions

export type QuestionKind = 'choice' | 'next-state' | 'numbers' | 'order' | 'make-it-happen' | 'why';

export const QUESTION_KINDS: readonly QuestionKind[] = ['choice', 'next-state', 'numbers', 'order', 'make-it-happen', 'why'];

interface QuestionBase {
  /** Unique across the whole course (it is also the review card's id). */
  readonly id: string;
  readonly kind: QuestionKind;
  /** Curriculum topic numbers (1..12) this question practises. */
  readonly topics: readonly number[];
  readonly prompt: Text;
  /** Given one at a time after wrong answers, before the answer is revealed. At least one. */
  readonly hints: readonly Text[];
  /** Shown once the question is answered correctly or the answer is revealed. */
  readonly explanation: Text;
}

export interface ChoiceOption {
  readonly id: string;
  readonly text: Text;
  readonly correct: boolean;
  /** Why this option is right, or gently why it is wrong. */
  readonly explain: Text;
  /** The misconception a learner who picks this (wrong) option probably holds. */
  readonly misconception?: string;
}

/** Kind 1. With `multiple`, the learner selects every correct option. */
export interface ChoiceQuestion extends QuestionBase {
  readonly kind: 'choice';
  readonly multiple?: boolean;
  readonly options: readonly ChoiceOption[];
}

export interface StateFeedback {
  readonly state: StateId;
  readonly explain: Text;
  readonly misconception?: string;
}

/**
 * Kind 2. The situation is played from `scenario`; the learner clicks the state `endpoint`
 * will be in once the `next` steps have happened (validation runs them to check `answer`).
 */
export interface NextStateQuestion extends QuestionBase {
  readonly kind: 'next-state';
  readonly scenario: Scenario;
  /** What happens next (played after the answer); empty when the question is about "now". */
  readonly next: readonly ScenarioStep[];
  readonly endpoint: Endpoint;
  readonly answer: StateId;
  /** Feedback for likely wrong states. */
  readonly wrong?: readonly StateFeedback[];
}

export interface NumberField {
  /** e.g. "seq", "ack". The learner may type "seq=x+1". */
  readonly id: string;
  readonly label: Text;
  /** A number ("301") or a linear expression over the question's symbols ("x+1"). */
  readonly answer: string;
}

export interface NumberMistake {
  readonly field: string;
  /** A wrong value in the same notation as the answer, e.g. "x". */
  readonly value: string;
  readonly explain: Text;
  readonly misconception?: string;
}

/** Kind 3. */
export interface NumbersQuestion extends QuestionBase {
  readonly kind: 'numbers';
  /** Symbols the question uses (e.g. ["x", "y"]); empty when it uses plain numbers. */
  readonly symbols: readonly string[];
  readonly scenario?: Scenario;
  readonly fields: readonly NumberField[];
  readonly mistakes?: readonly NumberMistake[];
}

export interface OrderItem {
  readonly id: string;
  readonly text: Text;
}

/** Kind 4. `items` are listed in the correct order; the UI shuffles them with `shuffleOrder`. */
export interface OrderQuestion extends QuestionBase {
  readonly kind: 'order';
  readonly items: readonly OrderItem[];
  /** Further orders that are equally right (by item id), if any. */
  readonly alsoAccept?: readonly (readonly string[])[];
}

/** Kind 5. */
export interface MakeItHappenQuestion extends QuestionBase {
  readonly kind: 'make-it-happen';
  /** The sandbox's starting point: its settings and the steps already played. */
  readonly scenario: Scenario;
  readonly goal: Goal;
  /** The target picture: what each endpoint should show, and a sentence. */
  readonly target: { readonly A?: StateId; readonly B?: StateId; readonly text: Text };
  /** Steps that reach the goal from the scenario's end. Shown, never run, for the learner. */
  readonly solution: readonly ScenarioStep[];
  readonly solutionText: Text;
}

/** Kind 6: predict what goes wrong under a variant, then run it and see. */
export interface WhyQuestion extends QuestionBase {
  readonly kind: 'why';
  readonly options: readonly ChoiceOption[];
  /** The counterfactual run (with a `variant`), played after the prediction. */
  readonly run: Scenario;
  /** What the run must show (checked by validation when the simulator is available). */
  readonly expect: Goal;
  /** What the learner sees in the run, in words. */
  readonly outcome: Text;
  /** Optionally, the same story under the real protocol, for comparison. */
  readonly contrast?: Scenario;
}

export type Question = ChoiceQuestion | NextStateQuestion | NumbersQuestion | OrderQuestion | MakeItHappenQuestion | WhyQuestion;

// ---------------------------------------------------------------------------------------
// Lessons

export type LessonStep =
  | { readonly id: string; readonly kind: 'explain'; readonly text: Text }
  | { readonly id: string; readonly kind: 'scenario'; readonly caption: Text; readonly scenario: Scenario }
  | { readonly id: string; readonly kind: 'question'; readonly question: string };

export interface Lesson {
  readonly id: string;
  readonly title: Text;
  readonly summary: Text;
  /** Curriculum topic numbers (1..12). */
  readonly topics: readonly number[];
  /** The RFC 9293 section(s) the lesson rests on, e.g. "RFC 9293 §3.5". */
  readonly rfc: string;
  readonly steps: readonly LessonStep[];
  readonly questions: readonly Question[];
}

/** A wrong or dated claim learners bring, and the gentle correction. */
export interface Misconception {
  readonly id: string;
  readonly claim: Text;
  readonly correction: Text;
}

export interface Course {
  readonly lessons: readonly Lesson[];
  readonly misconceptions: readonly Misconception[];
}

// ---------------------------------------------------------------------------------------
// Answers and feedback

/**
 * What the grader reads: the learner's answer, the same numbers written on one line
 * ("seq=x+1, ack=y+1", as the command line takes them), or a make-it-happen sandbox's trace.
 */
export type Gradable =
  | Exclude<Answer, { readonly kind: 'numbers' }>
  | { readonly kind: 'numbers'; readonly values: Readonly<Record<string, string>> | string }
  | { readonly kind: 'make-it-happen'; readonly view: GoalView };

export interface SegmentRecord {
  readonly from: Endpoint;
  readonly flags: readonly Flag[];
  readonly seq: number;
  readonly ack: number | null;
  readonly len: number;
}

export interface ResultRecord {
  readonly endpoint: Endpoint;
  readonly kind: ResultKind;
}

/**
 * The read-only view of a sandbox that goals are checked against. An adapter from the
 * simulator's world to this view lives with the UI (issue 5); tests build it by hand.
 */
export interface GoalView {
  state(endpoint: Endpoint): StateId;
  /** Every segment sent so far, in send order (injected segments included). */
  readonly segments: readonly SegmentRecord[];
  /** Application-visible results so far. */
  readonly results: readonly ResultRecord[];
  /** Steps the learner has used. */
  readonly steps: number;
}

export interface Feedback {
  readonly correct: boolean;
  /** The input could not be understood (e.g. "abc" for a number); not counted as wrong. */
  readonly unreadable?: boolean;
  /** Explanations to show, most specific first (option explanations, mistake notes). */
  readonly messages: readonly Text[];
  /** Misconceptions behind the wrong answer, by id (see Course.misconceptions). */
  readonly misconceptions: readonly string[];
  /** For numbers and order: which fields / positions were right. */
  readonly parts?: Readonly<Record<string, boolean>>;
}

/** What to show after a wrong answer: the next hint, or (hints used up) the answer. */
export type Help = { readonly kind: 'hint'; readonly index: number; readonly text: Text } | { readonly kind: 'reveal'; readonly answer: Text; readonly explanation: Text };
