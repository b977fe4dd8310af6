/**
 * The course as data for teachers and tools (`npm run course -- --json`), and as Markdown
 * (for the extension's export command). Pure functions over `Course`.
 */
import { stateInfo } from '../tcp/states';
import { describeGoal } from './goals';
import { answerText } from './grading';
import { QUESTION_KINDS, type Course, type CourseLocale, type Lesson, type Question, type Scenario, type ScenarioStep, type Text } from './types';

export const COURSE_EXPORT_VERSION = 1;

function isText(v: unknown): v is Text {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 2 && keys.includes('en') && keys.includes('zh-cn');
}

/** Replaces every `{en, zh-cn}` in a value by the string of one locale (deep, pure). */
export function localize<T>(value: T, locale: CourseLocale): unknown {
  if (isText(value)) return value[locale];
  if (Array.isArray(value)) return value.map((v) => localize(v, locale));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== '$schema') out[k] = localize(v, locale);
    return out;
  }
  return value;
}

/** A question with its correct answer spelled out (`answer`), for the export. */
function exportQuestion(q: Question): Question & { readonly answer: Text } {
  return { ...q, answer: answerText(q) } as Question & { readonly answer: Text };
}

/**
 * The whole course (or one lesson) as plain data: lessons with steps, questions with their
 * answers and explanations, and the misconceptions. Without a locale both languages stay.
 */
export function courseExport(course: Course, locale?: CourseLocale, lessonId?: string): unknown {
  const lessons = course.lessons
    .filter((l) => lessonId === undefined || l.id === lessonId)
    .map((l) => {
      const { questions, ...rest } = l as Lesson & { $schema?: string };
      delete (rest as { $schema?: string }).$schema;
      return { ...rest, questions: questions.map(exportQuestion) };
    });
  const data = {
    version: COURSE_EXPORT_VERSION,
    locale: locale ?? 'all',
    lessonCount: lessons.length,
    questionCount: lessons.reduce((n, l) => n + l.questions.length, 0),
    questionsByKind: Object.fromEntries(QUESTION_KINDS.map((k) => [k, lessons.reduce((n, l) => n + l.questions.filter((q) => q.kind === k).length, 0)])),
    lessons,
    misconceptions: course.misconceptions,
  };
  return locale ? localize(data, locale) : data;
}

// ---------------------------------------------------------------------------------------
// Markdown

const WORDS = {
  en: {
    rfc: 'Rests on',
    scenario: 'Scenario',
    question: 'Question',
    hints: 'Hints',
    answer: 'Answer',
    why: 'Why',
    misconception: 'Common wrong idea',
    kinds: {
      choice: 'multiple choice',
      'next-state': 'predict the next state',
      numbers: 'fill in the numbers',
      order: 'put in order',
      'make-it-happen': 'make it happen',
      why: 'why (with a what-if run)',
    },
    endpoint: 'Endpoint',
    goal: 'Goal',
    start: 'Starting point',
    solution: 'Solution',
    run: 'What-if run',
    outcome: 'What the run shows',
    next: 'Then',
    settings: 'Settings',
    course: 'TCP Tutor: how TCP connections open and close',
    contents: 'Contents',
  },
  'zh-cn': {
    rfc: '依据',
    scenario: '场景',
    question: '题目',
    hints: '提示',
    answer: '答案',
    why: '解析',
    misconception: '常见误解',
    kinds: {
      choice: '选择题',
      'next-state': '预测下一个状态',
      numbers: '填写序号',
      order: '排序题',
      'make-it-happen': '动手实现',
      why: '为什么（含假设运行）',
    },
    endpoint: '端点',
    goal: '目标',
    start: '起始场景',
    solution: '参考解法',
    run: '假设运行',
    outcome: '运行结果',
    next: '接下来',
    settings: '设置',
    course: 'TCP Tutor：TCP 连接的建立与关闭',
    contents: '目录',
  },
} as const;

const colon = (locale: CourseLocale): string => (locale === 'zh-cn' ? '：' : ': ');
const paren = (locale: CourseLocale, x: string): string => (locale === 'zh-cn' ? `（${x}）` : ` (${x})`);

function stepText(s: ScenarioStep): string {
  return JSON.stringify(s);
}

function scenarioBlock(s: Scenario, label: string, locale: CourseLocale): string {
  const w = WORDS[locale];
  const settings = [`profile ${s.profile ?? 'linux'}`, `variant ${s.variant ?? 'standard'}`, `ISN A=${s.isn?.A ?? 100} B=${s.isn?.B ?? 300}`];
  if (s.delayedAck) settings.push('delayedAck');
  const lines = s.steps.length ? s.steps.map(stepText).join('\n') : '(no steps)';
  return `${label} (${w.settings}: ${settings.join(', ')}):\n\n\`\`\`json\n${lines}\n\`\`\`\n`;
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
}

function questionMarkdown(q: Question, n: number, course: Course | undefined, locale: CourseLocale): string {
  const w = WORDS[locale];
  const t = (x: Text): string => x[locale];
  const out: string[] = [`### ${w.question} ${n}${paren(locale, w.kinds[q.kind])}`, '', t(q.prompt), ''];
  const misconceptions: string[] = [];
  switch (q.kind) {
    case 'choice':
    case 'why':
      if (q.kind === 'why') out.push(scenarioBlock(q.run, w.run, locale));
      for (const o of q.options) {
        out.push(`- [${o.correct ? 'x' : ' '}] ${t(o.text)}  \n  ${t(o.explain)}`);
        if (o.misconception) misconceptions.push(o.misconception);
      }
      out.push('');
      if (q.kind === 'why') out.push(`${w.outcome}${colon(locale)}${t(q.outcome)}`, '');
      break;
    case 'next-state':
      out.push(scenarioBlock(q.scenario, w.start, locale));
      if (q.next.length) out.push(`${w.next}${colon(locale)}\`${q.next.map(stepText).join(' ')}\``, '');
      out.push(`${w.endpoint}${colon(locale)}${q.endpoint}`, '');
      for (const f of q.wrong ?? []) {
        out.push(`- ${f.state}: ${t(f.explain)}`);
        if (f.misconception) misconceptions.push(f.misconception);
      }
      if (q.wrong?.length) out.push('');
      break;
    case 'numbers':
      if (q.scenario) out.push(scenarioBlock(q.scenario, w.scenario, locale));
      for (const m of q.mistakes ?? []) {
        out.push(`- ${m.field} = ${m.value}: ${t(m.explain)}`);
        if (m.misconception) misconceptions.push(m.misconception);
      }
      if (q.mistakes?.length) out.push('');
      break;
    case 'order':
      break;
    case 'make-it-happen':
      out.push(scenarioBlock(q.scenario, w.start, locale));
      out.push(`${w.goal}${colon(locale)}${t(q.target.text)}${paren(locale, describeGoal(q.goal))}`, '');
      out.push(`${w.solution}${colon(locale)}\`${q.solution.map(stepText).join(' ')}\``, '');
      break;
  }
  out.push(`**${w.hints}**${colon(locale).trim()}`, '');
  q.hints.forEach((h, i) => out.push(`${i + 1}. ${t(h)}`));
  out.push('');
  let answer = t(answerText(q));
  if (q.kind === 'next-state') {
    const info = stateInfo(q.answer);
    answer = info.netstat === q.answer ? q.answer : `${q.answer} (netstat ${info.netstat}, ss ${info.ss})`;
  }
  out.push(`**${w.answer}**${colon(locale).trim()}`, '', answer.includes('\n') ? answer : quote(answer), '');
  out.push(`**${w.why}**${colon(locale)}${t(q.explanation)}`, '');
  for (const id of [...new Set(misconceptions)]) {
    const m = course?.misconceptions.find((x) => x.id === id);
    if (m) out.push(`*${w.misconception}*${colon(locale)}“${t(m.claim)}” ${t(m.correction)}`, '');
  }
  return out.join('\n');
}

/** One lesson as Markdown in one language. Pass the course to include misconception notes. */
export function lessonMarkdown(lesson: Lesson, locale: CourseLocale, course?: Course): string {
  const w = WORDS[locale];
  const out: string[] = [`## ${lesson.title[locale]}`, '', `*${lesson.summary[locale]}*`, '', `${w.rfc}${colon(locale)}${lesson.rfc}`, ''];
  let n = 0;
  for (const step of lesson.steps) {
    if (step.kind === 'explain') out.push(step.text[locale], '');
    else if (step.kind === 'scenario') out.push(scenarioBlock(step.scenario, `**${w.scenario}**${colon(locale)}${step.caption[locale]}`, locale));
    else {
      const q = lesson.questions.find((x) => x.id === step.question);
      if (q) out.push(questionMarkdown(q, ++n, course, locale));
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** The whole course as one Markdown document in one language. */
export function courseMarkdown(course: Course, locale: CourseLocale): string {
  const w = WORDS[locale];
  const toc = course.lessons.map((l, i) => `${i + 1}. ${l.title[locale]}`).join('\n');
  return [`# ${w.course}`, '', `## ${w.contents}`, '', toc, '', ...course.lessons.map((l) => lessonMarkdown(l, locale, course))].join('\n');
}
