/**
 * The one message protocol between the extension host and the webview. Both sides import
 * these types; the host validates every message it receives with `parseWebviewMessage`.
 *
 * The webview renders what the host sends and reports the learner's intents. It never
 * decides TCP behaviour and never grades answers.
 */
import type { Flag, Role, StateId, TransitionOrigin, UserCall } from '../core/tcp/states';
import type { CallErrorCode, ConnectionError, EndpointId, ProfileId, ResolvedOptions, VariantId } from '../core/tcp/types';
import type { TcbView, TimerView } from '../core/tcp/simulator';
import type { LadderRow } from './ladder';
import { isStateId, transitionById } from '../core/tcp/states';
import { MAX_SEND_OCTETS } from '../core/tcp/limits';
import { ZOOM_STEPS } from './viewConstants';
import type { StateText, TransitionText, Locale } from '../i18n/types';
import type { UiStrings } from '../i18n/ui';

export const PROTOCOL_VERSION = 1;

/** The language setting as the learner chose it. */
export type LanguageSetting = 'auto' | Locale;
export const LANGUAGE_SETTINGS: readonly LanguageSetting[] = ['auto', 'en', 'zh-cn'];

// ---------------------------------------------------------------------------------------
// What the host sends to draw the state diagram (issue 2; later issues animate it).

export interface DiagramStateModel {
  readonly id: StateId;
  readonly x: number;
  readonly y: number;
  readonly netstat: string;
  readonly ss: string;
  readonly roles: readonly Role[];
  readonly text: StateText;
}

export interface DiagramEdgeModel {
  readonly id: string;
  readonly from: StateId;
  readonly to: StateId;
  readonly sends: readonly Flag[] | null;
  readonly origin: TransitionOrigin;
  /** Empty for edges described in words rather than drawn. */
  readonly points: readonly (readonly [number, number])[];
  readonly label: { readonly x: number; readonly y: number; readonly anchor: 'start' | 'middle' | 'end' } | null;
  readonly text: TransitionText;
}

export interface DiagramModel {
  readonly width: number;
  readonly height: number;
  readonly boxWidth: number;
  readonly boxHeight: number;
  readonly states: readonly DiagramStateModel[];
  readonly edges: readonly DiagramEdgeModel[];
  readonly roleNames: Readonly<Record<Role, string>>;
}

// ---------------------------------------------------------------------------------------
// Host -> webview

/** What the webview asks the host to keep for it (webview views lose getState on reload). */
export type TabId = 'course' | 'diagram' | 'sandbox';
/** In the order the tabs are shown; the course is the home. */
export const TAB_IDS: readonly TabId[] = ['course', 'diagram', 'sandbox'];

export interface SavedViewState {
  readonly selection: Selection | null;
  readonly zoom: 'fit' | number;
  readonly tab: TabId;
}

export interface InitMessage {
  readonly type: 'init';
  readonly protocol: number;
  readonly locale: Locale;
  readonly language: LanguageSetting;
  /** Where this webview lives: the narrow side panel or a wide editor tab. */
  readonly host: 'view' | 'panel';
  readonly strings: UiStrings;
  readonly diagram: DiagramModel;
  /** The preset stories of the sandbox, in order, in the learner's language. */
  readonly presets: readonly SandboxPreset[];
  /** The view state the host kept, used when the webview has none of its own. */
  readonly saved: SavedViewState | null;
}

// ---------------------------------------------------------------------------------------
// The sandbox (issue 4): the host runs the simulator; the webview draws what it sends.

export interface SandboxEndpointModel {
  readonly id: EndpointId;
  readonly state: StateId;
  readonly tcb: TcbView;
  readonly appClosed: boolean;
  readonly error: ConnectionError | null;
  readonly pendingSend: number;
  readonly delivered: number;
  /** The drawn edge this endpoint took last (up to the current position), for the diagram. */
  readonly lastTransition: string | null;
  /** Which application calls are legal now; the reason code when not. */
  readonly calls: Readonly<Record<UserCall, { readonly legal: boolean; readonly code?: CallErrorCode }>>;
}

export interface SandboxPreset {
  readonly id: string;
  readonly title: string;
  readonly watch: string;
}

export interface SandboxModel {
  readonly settings: ResolvedOptions;
  readonly preset: string | null;
  /** Title of the story (a preset's or a scenario file's), in the learner's language where known. */
  readonly title: string | null;
  readonly watch: string | null;
  /** The preset story now runs under other settings than it was written for. */
  readonly presetChanged: boolean;
  readonly endpoints: { readonly A: SandboxEndpointModel; readonly B: SandboxEndpointModel };
  /**
   * The event log, sent incrementally: the webview keeps its first `rowsFrom` rows and
   * appends `rows`. `rowCount` is the total after that.
   */
  readonly rowsFrom: number;
  readonly rows: readonly LadderRow[];
  readonly rowCount: number;
  /** Rows produced by the step just taken (for animation and the spoken announcement). */
  readonly lastStepRows: readonly [number, number] | null;
  /** Segment ids in flight, per sender, oldest first (the order `nth` counts). */
  readonly inFlight: { readonly A: readonly number[]; readonly B: readonly number[] };
  readonly clock: number;
  readonly nextTimer: TimerView | null;
  readonly timeline: { readonly position: number; readonly length: number; readonly branch: number; readonly branches: number };
  /** A step the learner asked for that could not be carried out (nothing changed). */
  readonly problem: string | null;
}

export interface SandboxMessage {
  readonly type: 'sandbox';
  readonly model: SandboxModel;
  /** Show the sandbox tab (after "Play Scenario File", for example). */
  readonly reveal: boolean;
}

// ---------------------------------------------------------------------------------------
// The course (issue 5): the host runs the lesson engine and grades; the webview draws what
// it sends. Nothing in these models gives an answer away before the learner has answered
// or asked for it.

export type LessonMark = 'not-started' | 'in-progress' | 'done';

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
      /** The solution's steps in words, once asked for (shown, never run). */
      readonly solution: readonly string[] | null;
      readonly solutionText: string | null;
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

/** The learner's answer as the webview sends it (make-it-happen is checked from the sandbox). */
export type LearnerAnswer =
  | { readonly kind: 'choice'; readonly selected: readonly string[] }
  | { readonly kind: 'why'; readonly selected: readonly string[] }
  | { readonly kind: 'next-state'; readonly state: string }
  | { readonly kind: 'numbers'; readonly values: Readonly<Record<string, string>> }
  | { readonly kind: 'order'; readonly order: readonly string[] };

export type QuestionStatus = 'open' | 'correct' | 'revealed';

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
  readonly last: LearnerAnswer | null;
}

export type QuestionKindId = 'choice' | 'next-state' | 'numbers' | 'order' | 'make-it-happen' | 'why';

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
  | { readonly kind: 'scenario'; readonly caption: string }
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

export interface CourseMessage {
  readonly type: 'course';
  readonly model: CourseModel;
  /** Show the course tab (after "Review Now", "Continue", a reset...). */
  readonly reveal: boolean;
}

export interface LessonSandboxMessage {
  readonly type: 'lessonSandbox';
  readonly model: SandboxModel;
}

export type HostMessage = InitMessage | SandboxMessage | CourseMessage | LessonSandboxMessage;

// ---------------------------------------------------------------------------------------
// Webview -> host

export type Selection = { readonly kind: 'state'; readonly id: StateId } | { readonly kind: 'transition'; readonly id: string };

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'setLanguage'; readonly language: LanguageSetting }
  | { readonly type: 'openInEditor' }
  | { readonly type: 'selected'; readonly selection: Selection | null }
  | { readonly type: 'saveViewState'; readonly state: SavedViewState }
  | { readonly type: 'log'; readonly level: 'info' | 'error'; readonly message: string }
  | SandboxIntent
  | CourseIntent;

/** What the learner asks of the course. The host grades and decides. */
export type CourseIntent =
  | { readonly type: 'course/map' }
  | { readonly type: 'course/open'; readonly lesson: string }
  | { readonly type: 'course/continue' }
  | { readonly type: 'course/goto'; readonly step: number }
  | { readonly type: 'course/next' }
  | { readonly type: 'course/back' }
  | { readonly type: 'course/answer'; readonly question: string; readonly answer: LearnerAnswer }
  /** The next hint, or the answer once the hints are used up. */
  | { readonly type: 'course/help'; readonly question: string }
  /** Show the answer now. */
  | { readonly type: 'course/reveal'; readonly question: string }
  /** A why question: play the counterfactual (or the real protocol, for contrast) in the lesson sandbox. */
  | { readonly type: 'course/run'; readonly question: string; readonly which: 'run' | 'contrast' }
  | { readonly type: 'course/review' }
  | { readonly type: 'course/reviewNext' }
  /** Asks the host to reset (it confirms with the learner first). */
  | { readonly type: 'course/reset'; readonly scope: 'lesson' | 'course'; readonly lesson?: string }
  /** An intent for the lesson's own sandbox. */
  | { readonly type: 'course/sandbox'; readonly intent: SandboxIntent };

/** What the learner asks of the sandbox. The host decides what happens. */
export type SandboxIntent =
  | { readonly type: 'sandbox/call'; readonly endpoint: EndpointId; readonly call: UserCall; readonly bytes?: number }
  | { readonly type: 'sandbox/network'; readonly action: 'deliver' | 'drop' | 'duplicate'; readonly segment: number }
  /** Forge a segment and hand it to an endpoint (an attacker, or an old duplicate from a past connection). */
  | { readonly type: 'sandbox/inject'; readonly to: EndpointId; readonly flags: readonly Flag[]; readonly seq: number; readonly ack: number | null; readonly len: number }
  | { readonly type: 'sandbox/deliverAll' }
  | { readonly type: 'sandbox/advance' }
  | { readonly type: 'sandbox/seek'; readonly position: number }
  | { readonly type: 'sandbox/branch'; readonly branch: number }
  | { readonly type: 'sandbox/reset' }
  | { readonly type: 'sandbox/settings'; readonly profile?: ProfileId; readonly variant?: VariantId; readonly delayedAck?: boolean }
  | { readonly type: 'sandbox/preset'; readonly id: string }
  | { readonly type: 'sandbox/export'; readonly format: 'mermaid' | 'scenario' | 'svg' };

export type ParseResult = { readonly ok: true; readonly message: WebviewMessage } | { readonly ok: false; readonly error: string };

const MAX_LOG_LENGTH = 2000;
/** Octets of one send from the sandbox: the scenario format's limit. */
export const MAX_SANDBOX_BYTES = MAX_SEND_OCTETS;
const SANDBOX_CALLS: readonly UserCall[] = ['listen', 'connect', 'send', 'close', 'abort'];

const INJECT_FLAGS: readonly Flag[] = ['SYN', 'ACK', 'FIN', 'RST', 'PSH'];

function isUint32(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1_000_000_000;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}

/**
 * Checks a message that arrived from the webview. Never throws: anything unexpected comes
 * back as `{ ok: false, error }` with a one-line reason, for the output channel.
 */
export function parseWebviewMessage(raw: unknown): ParseResult {
  if (!isRecord(raw)) return { ok: false, error: `expected an object, got ${describe(raw)}` };
  const type = raw.type;
  const fail = (error: string): ParseResult => ({ ok: false, error: `${String(type)}: ${error}` });
  switch (type) {
    case 'ready':
      return { ok: true, message: { type: 'ready' } };
    case 'openInEditor':
      return { ok: true, message: { type: 'openInEditor' } };
    case 'setLanguage': {
      const language = raw.language;
      if (typeof language !== 'string' || !(LANGUAGE_SETTINGS as readonly string[]).includes(language)) {
        return fail(`language must be one of ${LANGUAGE_SETTINGS.join(', ')}, got ${describe(language)}`);
      }
      return { ok: true, message: { type: 'setLanguage', language: language as LanguageSetting } };
    }
    case 'selected': {
      const selection = parseSelection(raw.selection);
      if (typeof selection === 'string') return fail(selection);
      return { ok: true, message: { type: 'selected', selection } };
    }
    case 'saveViewState': {
      const state = parseSavedViewState(raw.state);
      if (typeof state === 'string') return fail(state);
      return { ok: true, message: { type: 'saveViewState', state } };
    }
    case 'log': {
      const level = raw.level;
      if (level !== 'info' && level !== 'error') return fail(`level must be "info" or "error", got ${describe(level)}`);
      if (typeof raw.message !== 'string') return fail(`message must be a string, got ${describe(raw.message)}`);
      return { ok: true, message: { type: 'log', level, message: raw.message.slice(0, MAX_LOG_LENGTH) } };
    }
    case 'sandbox/call': {
      if (raw.endpoint !== 'A' && raw.endpoint !== 'B') return fail(`endpoint must be "A" or "B", got ${describe(raw.endpoint)}`);
      if (typeof raw.call !== 'string' || !(SANDBOX_CALLS as readonly string[]).includes(raw.call)) return fail(`call must be one of ${SANDBOX_CALLS.join(', ')}, got ${describe(raw.call)}`);
      const call = raw.call as UserCall;
      if (call === 'send') {
        const bytes = raw.bytes;
        if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 1 || bytes > MAX_SANDBOX_BYTES) return fail(`bytes must be a whole number from 1 to ${MAX_SANDBOX_BYTES}, got ${describe(bytes)}`);
        return { ok: true, message: { type: 'sandbox/call', endpoint: raw.endpoint, call, bytes } };
      }
      return { ok: true, message: { type: 'sandbox/call', endpoint: raw.endpoint, call } };
    }
    case 'sandbox/network': {
      if (raw.action !== 'deliver' && raw.action !== 'drop' && raw.action !== 'duplicate') return fail(`action must be deliver, drop or duplicate, got ${describe(raw.action)}`);
      if (!isIndex(raw.segment)) return fail(`segment must be a segment id, got ${describe(raw.segment)}`);
      return { ok: true, message: { type: 'sandbox/network', action: raw.action, segment: raw.segment } };
    }
    case 'sandbox/inject': {
      if (raw.to !== 'A' && raw.to !== 'B') return fail(`to must be "A" or "B", got ${describe(raw.to)}`);
      if (!Array.isArray(raw.flags) || raw.flags.length === 0 || raw.flags.length > INJECT_FLAGS.length) return fail(`flags must be a list of ${INJECT_FLAGS.join(', ')}, got ${describe(raw.flags)}`);
      const flags: Flag[] = [];
      for (const f of raw.flags as unknown[]) {
        if (typeof f !== 'string' || !(INJECT_FLAGS as readonly string[]).includes(f) || flags.includes(f as Flag)) return fail(`flags holds ${describe(f)}, which is not a flag or is listed twice`);
        flags.push(f as Flag);
      }
      if (!isUint32(raw.seq)) return fail(`seq must be a whole number from 0 to 4294967295, got ${describe(raw.seq)}`);
      if (flags.includes('ACK') ? !isUint32(raw.ack) : raw.ack !== null) return fail(`ack must be a whole number from 0 to 4294967295 with ACK, and null without it, got ${describe(raw.ack)}`);
      if (!isIndex(raw.len) || raw.len > 65535) return fail(`len must be a whole number from 0 to 65535, got ${describe(raw.len)}`);
      return { ok: true, message: { type, to: raw.to, flags, seq: raw.seq, ack: raw.ack as number | null, len: raw.len } };
    }
    case 'sandbox/deliverAll':
    case 'sandbox/advance':
    case 'sandbox/reset':
      return { ok: true, message: { type } };
    case 'sandbox/seek':
      if (!isIndex(raw.position)) return fail(`position must be a whole number, got ${describe(raw.position)}`);
      return { ok: true, message: { type, position: raw.position } };
    case 'sandbox/branch':
      if (!isIndex(raw.branch)) return fail(`branch must be a whole number, got ${describe(raw.branch)}`);
      return { ok: true, message: { type, branch: raw.branch } };
    case 'sandbox/settings': {
      const out: { profile?: ProfileId; variant?: VariantId; delayedAck?: boolean } = {};
      if (raw.profile !== undefined) {
        if (raw.profile !== 'linux' && raw.profile !== 'rfc9293') return fail(`profile must be linux or rfc9293, got ${describe(raw.profile)}`);
        out.profile = raw.profile;
      }
      if (raw.variant !== undefined) {
        if (raw.variant !== 'standard' && raw.variant !== 'two-way-handshake' && raw.variant !== 'no-time-wait') {
          return fail(`variant must be standard, two-way-handshake or no-time-wait, got ${describe(raw.variant)}`);
        }
        out.variant = raw.variant;
      }
      if (raw.delayedAck !== undefined) {
        if (typeof raw.delayedAck !== 'boolean') return fail(`delayedAck must be true or false, got ${describe(raw.delayedAck)}`);
        out.delayedAck = raw.delayedAck;
      }
      if (Object.keys(out).length === 0) return fail('nothing to change');
      return { ok: true, message: { type, ...out } };
    }
    case 'sandbox/preset':
      if (typeof raw.id !== 'string' || !/^[a-z0-9-]{1,80}$/.test(raw.id)) return fail(`id must be a preset id, got ${describe(raw.id)}`);
      return { ok: true, message: { type, id: raw.id } };
    case 'sandbox/export':
      if (raw.format !== 'mermaid' && raw.format !== 'scenario' && raw.format !== 'svg') return fail(`format must be mermaid, scenario or svg, got ${describe(raw.format)}`);
      return { ok: true, message: { type, format: raw.format } };
    case 'course/map':
    case 'course/continue':
    case 'course/next':
    case 'course/back':
    case 'course/review':
    case 'course/reviewNext':
      return { ok: true, message: { type } };
    case 'course/open':
      if (!isId(raw.lesson)) return fail(`lesson must be a lesson id, got ${describe(raw.lesson)}`);
      return { ok: true, message: { type, lesson: raw.lesson } };
    case 'course/goto':
      if (!isIndex(raw.step) || raw.step > 1000) return fail(`step must be a step index, got ${describe(raw.step)}`);
      return { ok: true, message: { type, step: raw.step } };
    case 'course/help':
    case 'course/reveal':
      if (!isId(raw.question)) return fail(`question must be a question id, got ${describe(raw.question)}`);
      return { ok: true, message: { type, question: raw.question } };
    case 'course/run':
      if (!isId(raw.question)) return fail(`question must be a question id, got ${describe(raw.question)}`);
      if (raw.which !== 'run' && raw.which !== 'contrast') return fail(`which must be "run" or "contrast", got ${describe(raw.which)}`);
      return { ok: true, message: { type, question: raw.question, which: raw.which } };
    case 'course/answer': {
      if (!isId(raw.question)) return fail(`question must be a question id, got ${describe(raw.question)}`);
      const answer = parseLearnerAnswer(raw.answer);
      if (typeof answer === 'string') return fail(answer);
      return { ok: true, message: { type, question: raw.question, answer } };
    }
    case 'course/reset':
      if (raw.scope === 'course') return { ok: true, message: { type, scope: 'course' } };
      if (raw.scope !== 'lesson') return fail(`scope must be "lesson" or "course", got ${describe(raw.scope)}`);
      if (raw.lesson !== undefined && !isId(raw.lesson)) return fail(`lesson must be a lesson id, got ${describe(raw.lesson)}`);
      return { ok: true, message: raw.lesson === undefined ? { type, scope: 'lesson' } : { type, scope: 'lesson', lesson: raw.lesson } };
    case 'course/sandbox': {
      if (!isRecord(raw.intent) || typeof raw.intent.type !== 'string' || !raw.intent.type.startsWith('sandbox/')) {
        return fail(`intent must be a sandbox intent, got ${describe(raw.intent)}`);
      }
      const inner = parseWebviewMessage(raw.intent);
      if (!inner.ok) return fail(inner.error);
      return { ok: true, message: { type, intent: inner.message as SandboxIntent } };
    }
    default:
      return { ok: false, error: `unknown message type ${describe(type)}` };
  }
}

/** Ids of lessons, questions, options, fields and items: short, plain. */
function isId(v: unknown): v is string {
  return typeof v === 'string' && /^[A-Za-z0-9_.-]{1,80}$/.test(v);
}

/** Longest text a learner can type into one answer field. */
export const MAX_ANSWER_LENGTH = 200;
const MAX_ANSWER_ITEMS = 30;

function parseIdList(v: unknown, what: string): readonly string[] | string {
  if (!Array.isArray(v)) return `${what} must be a list, got ${describe(v)}`;
  if (v.length > MAX_ANSWER_ITEMS) return `${what} has ${v.length} entries (at most ${MAX_ANSWER_ITEMS})`;
  for (const id of v) if (!isId(id)) return `${what} holds ${describe(id)}, which is not an id`;
  return v as string[];
}

/** An answer from the webview, or a one-line reason why it is not one. Odd but well-formed text is left for the grader. */
export function parseLearnerAnswer(v: unknown): LearnerAnswer | string {
  if (!isRecord(v)) return `answer must be an object, got ${describe(v)}`;
  switch (v.kind) {
    case 'choice':
    case 'why': {
      const selected = parseIdList(v.selected, 'answer.selected');
      return typeof selected === 'string' ? selected : { kind: v.kind, selected };
    }
    case 'order': {
      const order = parseIdList(v.order, 'answer.order');
      return typeof order === 'string' ? order : { kind: 'order', order };
    }
    case 'next-state':
      if (typeof v.state !== 'string' || v.state.length > MAX_ANSWER_LENGTH) return `answer.state must be text of at most ${MAX_ANSWER_LENGTH} characters, got ${describe(v.state)}`;
      return { kind: 'next-state', state: v.state };
    case 'numbers': {
      if (!isRecord(v.values)) return `answer.values must be an object, got ${describe(v.values)}`;
      const entries = Object.entries(v.values);
      if (entries.length > MAX_ANSWER_ITEMS) return `answer.values has ${entries.length} fields (at most ${MAX_ANSWER_ITEMS})`;
      // No prototype: a field named "__proto__" is kept as a field, not taken as the prototype.
      const values = Object.create(null) as Record<string, string>;
      for (const [k, x] of entries) {
        if (!isId(k)) return `answer.values has a field named ${describe(k)}`;
        if (typeof x !== 'string' || x.length > MAX_ANSWER_LENGTH) return `answer.values.${k} must be text of at most ${MAX_ANSWER_LENGTH} characters, got ${describe(x)}`;
        values[k] = x;
      }
      return { kind: 'numbers', values };
    }
    default:
      return `answer.kind must be one of choice, why, order, next-state, numbers, got ${describe(v.kind)}`;
  }
}

/** A selection, or a one-line reason why the value is not one. */
function parseSelection(selection: unknown): Selection | null | string {
  if (selection === null) return null;
  if (!isRecord(selection)) return `selection must be an object or null, got ${describe(selection)}`;
  if (selection.kind === 'state') {
    if (!isStateId(selection.id)) return `unknown state ${describe(selection.id)}`;
    return { kind: 'state', id: selection.id };
  }
  if (selection.kind === 'transition') {
    if (typeof selection.id !== 'string' || !transitionById(selection.id)) return `unknown transition ${describe(selection.id)}`;
    return { kind: 'transition', id: selection.id };
  }
  return `selection.kind must be "state" or "transition", got ${describe(selection.kind)}`;
}

/**
 * Checks a saved view state (from the webview, or read back from storage, which may be
 * corrupt or from an older version). Returns a one-line reason when it is not usable.
 */
export function parseSavedViewState(value: unknown): SavedViewState | string {
  if (!isRecord(value)) return `state must be an object, got ${describe(value)}`;
  const selection = parseSelection(value.selection);
  if (typeof selection === 'string') return selection;
  const zoom = value.zoom;
  if (zoom !== 'fit' && !(typeof zoom === 'number' && ZOOM_STEPS.includes(zoom))) return `zoom must be "fit" or one of ${ZOOM_STEPS.join(', ')}, got ${describe(zoom)}`;
  // Records saved before the sandbox existed have no tab: they showed the diagram.
  const tab = value.tab === undefined ? 'diagram' : value.tab;
  if (!(TAB_IDS as readonly unknown[]).includes(tab)) return `tab must be one of ${TAB_IDS.join(', ')}, got ${describe(tab)}`;
  return { selection, zoom, tab: tab as TabId };
}
