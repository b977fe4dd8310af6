/**
 * The course as the webview draws it: the map, a lesson's steps, a question, a review
 * session. The host runs the lesson engine and grades; nothing in these models gives an
 * answer away before the learner has answered or asked for it.
 */
import type { Answer, EndpointId, LessonMark, QuestionKindId, QuestionStatus, StateId, VariantId } from '../vocabulary';
import type { ShippedCapture } from '../lessonCaptures';

export type { Answer, LessonMark, QuestionKindId, QuestionStatus };
/** The learner's answer as the webview sends it: the engine's own `Answer`. */
export type LearnerAnswer = Answer;

export interface CourseLessonEntry {
  readonly id: string;
  /** 1-based position in the course. */
  readonly number: number;
  readonly title: string;
  readonly summary: string;
  readonly rfc: string;
  readonly status: LessonMark;
  /** The lesson "continue" would open. */
  readonly current: boolean;
  readonly questions: number;
  /** Questions of this lesson the learner has finished (right, or with the answer shown). */
  readonly answered: number;
}

export interface CourseMapModel {
  readonly screen: 'map';
  readonly lessons: readonly CourseLessonEntry[];
  /** "Continue where I left off": null when every lesson is done. */
  readonly continueTo: { readonly lessonId: string; readonly title: string; readonly step: number; readonly steps: number } | null;
  /** Review cards due now. */
  readonly due: number;
  /** When the next card falls due, in words ("in 3 hours"), when none is due now. */
  readonly nextDue: string | null;
  /** Something the learner should know (e.g. saved progress could not be read and was kept aside). */
  readonly notice: string | null;
}

export interface OptionView {
  readonly id: string;
  readonly text: string;
}

/** What each question kind needs on screen. Never includes the answer. */
export type QuestionBody =
  | { readonly kind: 'choice'; readonly multiple: boolean; readonly options: readonly OptionView[] }
  | {
      readonly kind: 'why';
      readonly options: readonly OptionView[];
      /** The variant the counterfactual runs under. */
      readonly variant: VariantId;
      /** 'locked' until the learner has predicted; 'ready' to run; 'shown' once loaded in the sandbox. */
      readonly run: 'locked' | 'ready' | 'shown';
      /** Which story the sandbox shows now. */
      readonly showing: 'run' | 'contrast' | null;
      /** What the run shows, in words; sent once the run has been played to its end. */
      readonly outcome: string | null;
      readonly hasContrast: boolean;
    }
  | { readonly kind: 'next-state'; readonly endpoint: EndpointId }
  | { readonly kind: 'numbers'; readonly fields: readonly { readonly id: string; readonly label: string }[]; readonly symbols: readonly string[] }
  /** Items in the order they are offered (shuffled; the learner's last order after an attempt). */
  | { readonly kind: 'order'; readonly items: readonly OptionView[] }
  | {
      readonly kind: 'make-it-happen';
      readonly target: { readonly A: StateId | null; readonly B: StateId | null; readonly text: string };
      /** Steps the learner has taken in the sandbox since the start. */
      readonly steps: number;
      /** The solution's steps in words, once asked for (shown, never run), from where the learner stands. */
      readonly solution: readonly string[] | null;
      readonly solutionText: string | null;
      /**
       * Where `solution` starts: the sandbox's start (no step taken yet), here (the learner's
       * steps so far are its beginning; the rest is shown), or after Start again (they went
       * another way).
       */
      readonly solutionFrom: 'start' | 'here' | 'restart';
      /** The goal has been reached in the sandbox (also after the solution was shown). */
      readonly goalReached: boolean;
    };

export interface MisconceptionView {
  readonly id: string;
  readonly claim: string;
  readonly correction: string;
}

export interface FeedbackView {
  readonly correct: boolean;
  /** The input could not be read (not counted as a wrong attempt). */
  readonly unreadable: boolean;
  readonly messages: readonly string[];
  readonly misconceptions: readonly MisconceptionView[];
  /** Numbers and order: which fields / items were right. */
  readonly parts: Readonly<Record<string, boolean>> | null;
}


export interface QuestionView {
  readonly id: string;
  readonly kind: QuestionKindId;
  readonly prompt: string;
  readonly body: QuestionBody;
  readonly status: QuestionStatus;
  /** Readable wrong answers so far. */
  readonly wrongAttempts: number;
  /** Feedback on the last answer. */
  readonly feedback: FeedbackView | null;
  /** Hints shown so far, in order. */
  readonly hints: readonly string[];
  /** Hints not yet shown (the next "help" shows a hint while > 0, else the answer). */
  readonly hintsLeft: number;
  /** The answer in words, once revealed. */
  readonly answer: string | null;
  /** The explanation, once the question is finished. */
  readonly explanation: string | null;
  /** Every option with why it is right or wrong, once a choice or why question is finished. */
  readonly optionNotes: readonly { readonly id: string; readonly text: string; readonly correct: boolean; readonly explain: string }[] | null;
  /** The learner's last answer, to put back in the form. */
  readonly last: Answer | null;
}

/**
 * The lesson's own sandbox, when the step shows it: 'play' steps through a story (forward,
 * back; no calls); 'act' lets the learner make calls and handle segments (make it happen).
 * Its picture comes separately, as a `lessonSandbox` message.
 */
export interface EmbeddedSandboxView {
  readonly mode: 'play' | 'act';
  readonly caption: string | null;
}

export type LessonStepView =
  | { readonly kind: 'explain'; readonly text: string }
  /** `capture`: a shipped capture of the same story to open in the capture editor, or null. */
  | { readonly kind: 'scenario'; readonly caption: string; readonly capture: ShippedCapture | null }
  | { readonly kind: 'question'; readonly question: QuestionView };

export interface LessonScreenModel {
  readonly screen: 'lesson';
  readonly lessonId: string;
  readonly number: number;
  readonly title: string;
  readonly rfc: string;
  /** 0-based index of the step shown. */
  readonly step: number;
  readonly steps: readonly { readonly kind: 'explain' | 'scenario' | 'question'; readonly done: boolean }[];
  /** The learner may jump to any step up to this one. */
  readonly furthest: number;
  readonly view: LessonStepView;
  readonly sandbox: EmbeddedSandboxView | null;
  /** False while the step's question is unfinished. */
  readonly canNext: boolean;
  readonly isLast: boolean;
  /** The lesson is done (shown with "next lesson" and "course map" once its last step is finished). */
  readonly completed: boolean;
  readonly nextLesson: { readonly id: string; readonly title: string } | null;
}

export interface ReviewScreenModel {
  readonly screen: 'review';
  /** 1-based position of the card shown, and the cards in this session. */
  readonly position: number;
  readonly total: number;
  /** The lesson the card comes from. */
  readonly lessonTitle: string | null;
  /** Null once the session is over. */
  readonly question: QuestionView | null;
  readonly sandbox: EmbeddedSandboxView | null;
  /** Cards still due after this session (answered-again cards can fall due within minutes). */
  readonly due: number;
  readonly nextDue: string | null;
}

export type CourseModel = CourseMapModel | LessonScreenModel | ReviewScreenModel;
