/**
 * Host-side grading of the six question kinds, the feedback tied to misconceptions, hints
 * before answers, and seeded shuffling of ordering questions and of choice options. Pure functions.
 */
import { stateInfo } from '../tcp/states';
import { goalMet } from './goals';
import { fieldAliases, formatLinear, parseLinear, parseStateName, sameLinear, splitValues, stripLabel, type Linear } from './parse';
import type {
  Gradable,
  ChoiceOption,
  ChoiceQuestion,
  Feedback,
  GoalView,
  Help,
  NumbersQuestion,
  OrderQuestion,
  Question,
  Text,
  WhyQuestion,
} from './types';

/** The engine's own sentences (everything else comes from content). */
export const ENGINE_TEXT = {
  unreadableChoice: { en: 'Pick one of the options.', 'zh-cn': '请从选项中选择。' },
  pickOne: { en: 'This question has exactly one right option: pick one.', 'zh-cn': '这道题只有一个正确选项，请只选一个。' },
  unknownState: {
    en: 'That is not a state name I know. Click a state on the diagram, or type its name (e.g. SYN-RECEIVED or SYN_RECV).',
    'zh-cn': '无法识别这个状态名。请在状态图上点选，或输入状态名（如 SYN-RECEIVED 或 SYN_RECV）。',
  },
  unreadableNumber: {
    en: 'I could not read that value. Type a number, or an expression such as x+1 when the question uses letters.',
    'zh-cn': '无法读取这个值。请输入数字；题目用字母表示时，请输入 x+1 这样的表达式。',
  },
  useSymbols: {
    en: 'This question uses letters for the initial sequence numbers: answer in the same letters, e.g. x+1.',
    'zh-cn': '这道题用字母表示初始序号，请用同样的字母作答，例如 x+1。',
  },
  missingField: { en: 'Fill in every field.', 'zh-cn': '请填写每一项。' },
  notAPermutation: { en: 'Use every segment exactly once.', 'zh-cn': '每个报文段都要用到，且只用一次。' },
  orderPlaces: {
    en: 'Some are in the right place, but not all. Look at what each segment acknowledges.',
    'zh-cn': '有一部分位置对了，但不是全部。看看每个报文段确认的是什么。',
  },
  orderStates: {
    en: 'Some states are in the right place, but not all. Walk the connection from the first: which event (a call, a segment arriving, a timer) moves it into each next state?',
    'zh-cn': '有一部分状态的位置对了，但不是全部。从第一个状态走起：是哪个事件（一次调用、一个报文段到达、一个定时器到期）让连接进入下一个状态？',
  },
  orderSteps: {
    en: 'Some are in the right place, but not all. For each one, ask what must already have happened before it can happen.',
    'zh-cn': '有一部分位置对了，但不是全部。逐个想一想：它发生之前，必须先发生什么？',
  },
  numbersFirstWrong: {
    en: 'Not yet: the fields marked ✗ are wrong. Read the hint and try again.',
    'zh-cn': '还不对：标着 ✗ 的几项有误。先看看提示，再试一次。',
  },
  goalNotYet: { en: 'Not there yet: compare the sandbox with the target picture.', 'zh-cn': '还没达到目标：对照一下目标图。' },
  goalMet: { en: 'Goal reached.', 'zh-cn': '目标达成。' },
  wrongKind: { en: 'This answer does not fit this question.', 'zh-cn': '答案类型与题目不符。' },
} as const satisfies Record<string, Text>;

/** "You left out 2 true options." in both languages, with the count. */
export function missedText(n: number): Text {
  return {
    en: n === 1 ? 'One more option is true as well: you left it out.' : `${n} more options are true as well: you left them out.`,
    'zh-cn': `还有 ${n} 个正确选项没有选上。`,
  };
}

/**
 * An option's explanation without its leading verdict ("Right. …", "正确。…"): the feedback's
 * heading already says it, and a right answer should hear it once.
 */
export function withoutVerdict(t: Text): Text {
  return { en: t.en.replace(/^(Right|Correct|Yes)[.:!]\s+/, ''), 'zh-cn': t['zh-cn'].replace(/^(正确|对|没错)[。：！]\s*/, '') };
}

/** What an ordering question orders: states (every item is a state name), segments, or steps. */
function orderKind(q: OrderQuestion): 'states' | 'segments' | 'steps' {
  if (q.items.every((i) => parseStateName(i.text.en) !== null)) return 'states';
  if (q.items.every((i) => /^[AB] → [AB]:|^(SYN|ACK|FIN|RST|PSH)\b/.test(i.text.en))) return 'segments';
  return 'steps';
}

/**
 * The feedback to show after the learner's `wrongAttempts`-th readable wrong answer. A numbers
 * question's notes on a likely mistake (and the corrections of the beliefs behind them) name the
 * right value, so the first wrong answer gets the parts marked and a pointer to the hint instead;
 * the notes come with later attempts.
 */
export function feedbackForAttempt(q: Question, feedback: Feedback, wrongAttempts: number): Feedback {
  if (feedback.correct || feedback.unreadable || q.kind !== 'numbers' || wrongAttempts > 1 || q.hints.length === 0) return feedback;
  // The belief behind the slip is named with its correction, which gives the value too: later.
  return { ...feedback, messages: [ENGINE_TEXT.numbersFirstWrong], misconceptions: [] };
}

const unreadable = (message: Text): Feedback => ({ correct: false, unreadable: true, messages: [message], misconceptions: [] });

function gradeOptions(options: readonly ChoiceOption[], selected: readonly string[], multiple: boolean): Feedback {
  const ids = new Set(options.map((o) => o.id));
  const chosen = [...new Set(selected)];
  if (chosen.length === 0 || chosen.some((id) => !ids.has(id))) return unreadable(ENGINE_TEXT.unreadableChoice);
  if (!multiple && chosen.length !== 1) return unreadable(ENGINE_TEXT.pickOne);
  const correctIds = options.filter((o) => o.correct).map((o) => o.id);
  const correct = correctIds.length === chosen.length && correctIds.every((id) => chosen.includes(id));
  const picked = options.filter((o) => chosen.includes(o.id));
  // Wrong picks first: their explanation is what the learner needs to read.
  const ordered = [...picked.filter((o) => !o.correct), ...picked.filter((o) => o.correct)];
  const parts: Record<string, boolean> = {};
  for (const o of picked) parts[o.id] = o.correct;
  // Select-all: say that something true was left out, and how much, without naming it.
  const missed = multiple ? correctIds.filter((id) => !chosen.includes(id)).length : 0;
  const messages = correct ? ordered.map((o) => withoutVerdict(o.explain)) : ordered.map((o) => o.explain);
  if (!correct && missed > 0) messages.push(missedText(missed));
  return {
    correct,
    messages,
    misconceptions: correct ? [] : ordered.flatMap((o) => (!o.correct && o.misconception ? [o.misconception] : [])),
    parts,
  };
}

function parseField(q: NumbersQuestion, raw: string): Linear | null {
  return parseLinear(stripLabel(raw), q.symbols);
}

/** Maps a numbers answer (per-field record or one line) to field id → raw value. */
export function assignNumberValues(q: NumbersQuestion, values: Readonly<Record<string, string>> | string): Record<string, string> | null {
  // No prototype: field ids are looked up as own keys only, and a "__proto__" field is a field.
  if (typeof values !== 'string') return Object.assign(Object.create(null) as Record<string, string>, values);
  const out = Object.create(null) as Record<string, string>;
  const parts = splitValues(values);
  const free = q.fields.map((f) => f.id);
  const positional: string[] = [];
  for (const p of parts) {
    if (p.label !== null) {
      const field = q.fields.find((f) => fieldAliases(f.id).includes(p.label as string));
      if (!field || out[field.id] !== undefined) return null;
      out[field.id] = p.value;
      free.splice(free.indexOf(field.id), 1);
    } else {
      positional.push(p.value);
    }
  }
  if (positional.length > free.length) return null;
  positional.forEach((v, i) => (out[free[i]] = v));
  return out;
}

function gradeNumbers(q: NumbersQuestion, values: Readonly<Record<string, string>> | string): Feedback {
  const assigned = assignNumberValues(q, values);
  if (!assigned) return unreadable(ENGINE_TEXT.unreadableNumber);
  const parts: Record<string, boolean> = {};
  const messages: Text[] = [];
  const misconceptions: string[] = [];
  for (const field of q.fields) {
    const raw = assigned[field.id];
    if (raw === undefined || raw.trim() === '') return unreadable(ENGINE_TEXT.missingField);
    const got = parseField(q, raw);
    if (!got) return unreadable(ENGINE_TEXT.unreadableNumber);
    const want = parseLinear(field.answer, q.symbols);
    // A plain number where the question speaks in letters: ask for letters, don't mark wrong.
    if (want && Object.keys(want.terms).length > 0 && Object.keys(got.terms).length === 0) return unreadable(ENGINE_TEXT.useSymbols);
    const ok = want !== null && sameLinear(got, want);
    parts[field.id] = ok;
    if (!ok) {
      for (const m of q.mistakes ?? []) {
        const mv = parseLinear(m.value, q.symbols);
        if (m.field === field.id && mv && sameLinear(mv, got)) {
          messages.push(m.explain);
          if (m.misconception) misconceptions.push(m.misconception);
        }
      }
    }
  }
  return { correct: Object.values(parts).every(Boolean), messages, misconceptions, parts };
}

/** Orders accepted as right for an ordering question. */
export function acceptedOrders(q: OrderQuestion): string[][] {
  return [q.items.map((i) => i.id), ...(q.alsoAccept ?? []).map((o) => [...o])];
}

function gradeOrder(q: OrderQuestion, order: readonly string[]): Feedback {
  const ids = q.items.map((i) => i.id);
  if (order.length !== ids.length || new Set(order).size !== ids.length || order.some((id) => !ids.includes(id))) {
    return unreadable(ENGINE_TEXT.notAPermutation);
  }
  const accepted = acceptedOrders(q);
  const correct = accepted.some((a) => a.every((id, i) => order[i] === id));
  const parts: Record<string, boolean> = {};
  order.forEach((id, i) => (parts[id] = accepted.some((a) => a[i] === id)));
  const somePlaced = Object.values(parts).some(Boolean);
  const kind = orderKind(q);
  const message = kind === 'states' ? ENGINE_TEXT.orderStates : kind === 'segments' ? ENGINE_TEXT.orderPlaces : ENGINE_TEXT.orderSteps;
  return { correct, messages: correct || !somePlaced ? [] : [message], misconceptions: [], parts };
}

function gradeGoal(goal: Parameters<typeof goalMet>[0], view: GoalView): Feedback {
  const correct = goalMet(goal, view);
  return { correct, messages: [correct ? ENGINE_TEXT.goalMet : ENGINE_TEXT.goalNotYet], misconceptions: [] };
}

/**
 * Grades an answer. Unreadable input (an unknown option, "abc" for a number) comes back with
 * `unreadable: true` and should not count as a wrong attempt.
 */
export function grade(q: Question, answer: Gradable): Feedback {
  if (answer.kind !== q.kind) return unreadable(ENGINE_TEXT.wrongKind);
  switch (q.kind) {
    case 'choice':
      return gradeOptions(q.options, (answer as Extract<Gradable, { kind: 'choice' }>).selected, q.multiple === true);
    case 'why':
      return gradeOptions(q.options, (answer as Extract<Gradable, { kind: 'why' }>).selected, false);
    case 'next-state': {
      const state = parseStateName((answer as Extract<Gradable, { kind: 'next-state' }>).state);
      if (!state) return unreadable(ENGINE_TEXT.unknownState);
      if (state === q.answer) return { correct: true, messages: [], misconceptions: [] };
      const fb = q.wrong?.find((w) => w.state === state);
      return { correct: false, messages: fb ? [fb.explain] : [], misconceptions: fb?.misconception ? [fb.misconception] : [] };
    }
    case 'numbers':
      return gradeNumbers(q, (answer as Extract<Gradable, { kind: 'numbers' }>).values);
    case 'order':
      return gradeOrder(q, (answer as Extract<Gradable, { kind: 'order' }>).order);
    case 'make-it-happen':
      return gradeGoal(q.goal, (answer as Extract<Gradable, { kind: 'make-it-happen' }>).view);
  }
}

/** The correct answer in words, for "show me the answer" and for the export. */
export function answerText(q: Question): Text {
  const join = (parts: Text[], sep: string, sepZh: string): Text => ({
    en: parts.map((p) => p.en).join(sep),
    'zh-cn': parts.map((p) => p['zh-cn']).join(sepZh),
  });
  switch (q.kind) {
    case 'choice':
    case 'why':
      return join(
        q.options.filter((o) => o.correct).map((o) => o.text),
        '; ',
        '；',
      );
    case 'next-state': {
      const info = stateInfo(q.answer);
      // A connection that has ended is absent from netstat/ss (CLOSE/UNCONN is a socket still
      // held by its application), so CLOSED gets no tool name.
      if (info.netstat === q.answer || q.answer === 'CLOSED') return { en: q.answer, 'zh-cn': q.answer };
      return { en: `${q.answer} (netstat: ${info.netstat})`, 'zh-cn': `${q.answer}（netstat 显示为 ${info.netstat}）` };
    }
    case 'numbers': {
      const en = q.fields.map((f) => `${f.label.en} = ${formatLinear(parseLinear(f.answer, q.symbols) ?? { terms: {}, constant: 0 })}`);
      const zh = q.fields.map((f) => `${f.label['zh-cn']} = ${formatLinear(parseLinear(f.answer, q.symbols) ?? { terms: {}, constant: 0 })}`);
      return { en: en.join(', '), 'zh-cn': zh.join('，') };
    }
    case 'order':
      return {
        en: q.items.map((i, n) => `${n + 1}. ${i.text.en}`).join('\n'),
        'zh-cn': q.items.map((i, n) => `${n + 1}. ${i.text['zh-cn']}`).join('\n'),
      };
    case 'make-it-happen':
      return q.solutionText;
  }
}

/**
 * What to show after the learner's `wrongAttempts`-th wrong answer (1-based): the hints in
 * turn, then the answer.
 */
export function helpAfter(q: Question, wrongAttempts: number): Help | null {
  if (wrongAttempts < 1) return null;
  if (wrongAttempts <= q.hints.length) return { kind: 'hint', index: wrongAttempts - 1, text: q.hints[wrongAttempts - 1] };
  return { kind: 'reveal', answer: answerText(q), explanation: q.explanation };
}

/** A small seeded PRNG (mulberry32); the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The item ids of an ordering question shuffled by `seed`, never already in a right order. */
export function shuffleOrder(q: OrderQuestion, seed: number): string[] {
  const rand = seededRandom(seed);
  const ids = q.items.map((i) => i.id);
  const accepted = acceptedOrders(q);
  const isRight = (o: string[]): boolean => accepted.some((a) => a.every((id, i) => o[i] === id));
  for (let tries = 0; tries < 20; tries++) {
    const out = [...ids];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    if (!isRight(out) || ids.length < 2) return out;
  }
  return [...ids.slice(1), ids[0]];
}

/** A stable 32-bit hash of a string (FNV-1a). */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The option ids of a choice or why question in the order one learner sees them: a shuffle
 * drawn from the learner's seed and the question id, so that two learners see different
 * orders, the same learner always sees the same one (in the lesson and on every review of the
 * card), and the content's order (where the keyed option used to come first) says nothing.
 */
export function optionOrder(q: ChoiceQuestion | WhyQuestion, learnerSeed: number): string[] {
  const rand = seededRandom((hashId(q.id) ^ Math.imul(learnerSeed >>> 0, 0x9e3779b1)) >>> 0);
  const out = q.options.map((o) => o.id);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
