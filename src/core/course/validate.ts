/**
 * Content validation. Three layers, each error naming the file and the field:
 *   1. the JSON Schema (schemas/lesson.schema.json): shape, both languages non-empty;
 *   2. checks a schema cannot make: ids unique across the course, every question with a
 *      checkable correct answer, every misconception known, every step well-formed;
 *   3. the simulator: every embedded scenario runs, every "make it happen" solution reaches
 *      its goal (which is not already reached before it), every counterfactual run shows
 *      what it claims.
 * Messages look like `src/core/course/content/03-why-three.json: questions[2].options[1].explain.zh-cn is empty`.
 */
import Ajv, { type ErrorObject } from 'ajv';
import lessonSchema from '../../../schemas/lesson.schema.json';
import { checkStep, isStepProblem } from '../tcp';
import { goalLeaves, goalMet } from './goals';
import { parseLinear, sameLinear } from './parse';
import { runSandbox } from './sandbox';
import { COURSE_LOCALES, type ChoiceOption, type CourseLocale, type Goal, type Lesson, type Misconception, type Question, type Scenario, type Text } from './types';
import { LOCALES } from './vocabulary';

export interface ContentFile {
  /** Path as shown in messages, e.g. "src/core/course/content/01-states.json". */
  readonly file: string;
  readonly data: unknown;
}

export interface ValidateOptions {
  /** Run scenarios in the simulator (default true). */
  readonly runScenarios?: boolean;
}

let compiled: ReturnType<Ajv['compile']> | null = null;
function schemaValidator(): ReturnType<Ajv['compile']> {
  if (!compiled) compiled = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(lessonSchema);
  return compiled;
}

/** "/questions/2/options/1/explain/zh-cn" → "questions[2].options[1].explain.zh-cn". */
export function jsonPath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out;
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

function formatAjvError(e: ErrorObject): string | null {
  const path = jsonPath(e.instancePath);
  const at = path === '' ? '(top level)' : path;
  switch (e.keyword) {
    case 'if':
    case 'anyOf':
      return null; // the branch errors say more
    case 'required':
      return `${join(path, (e.params as { missingProperty: string }).missingProperty)} is missing`;
    case 'additionalProperties':
      return `${join(path, (e.params as { additionalProperty: string }).additionalProperty)} is not allowed here`;
    case 'minLength':
    case 'pattern':
      if (e.schemaPath.includes('nonEmpty')) return `${at} is empty`;
      return `${at} ${e.message ?? 'is malformed'}`;
    case 'enum':
      return `${at} must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${at} ${e.message ?? 'is invalid'}`;
  }
}

/** Layer 1 for one lesson value: schema errors as "path message" strings (deduplicated). */
export function schemaErrors(data: unknown): string[] {
  const v = schemaValidator();
  if (v(data)) return [];
  const out: string[] = [];
  for (const e of v.errors ?? []) {
    const m = formatAjvError(e);
    if (m && !out.includes(m)) out.push(m);
  }
  return out;
}

function textEmpty(t: Text | undefined): boolean {
  return !t || typeof t.en !== 'string' || typeof t['zh-cn'] !== 'string' || t.en.trim() === '' || t['zh-cn'].trim() === '';
}

function checkScenarioSteps(scenario: Scenario, path: string, err: (path: string, msg: string) => void): void {
  scenario.steps.forEach((s, i) => {
    const r = checkStep(s);
    if (isStepProblem(r)) err(`${path}.steps[${i}]${r.path ? '.' + r.path : ''}`, r.message);
  });
}

function checkGoal(goal: Goal, path: string, err: (path: string, msg: string) => void): void {
  for (const leaf of goalLeaves(goal)) {
    if ('sent' in leaf && leaf.sent.only && !leaf.sent.flags) err(path, '"only" needs "flags"');
  }
}

/** Words an option id must not contain (as a dash-separated part). */
const TELLING_ID = /(^|-)(right|correct|incorrect|wrong|answer|key|keyed|true|false)(-|$)/;

/** Layer 2 for one lesson that passed the schema. */
function lessonErrors(lesson: Lesson, misconceptionIds: ReadonlySet<string>, err: (path: string, msg: string) => void): void {
  const questionIds = new Map(lesson.questions.map((q, i) => [q.id, i]));
  const used = new Map<string, number>();
  lesson.steps.forEach((s, i) => {
    if (s.kind === 'question') {
      if (!questionIds.has(s.question)) err(`steps[${i}].question`, `names unknown question "${s.question}"`);
      else if (used.has(s.question)) err(`steps[${i}].question`, `"${s.question}" is already asked at steps[${used.get(s.question)}]`);
      else used.set(s.question, i);
    }
    if (s.kind === 'scenario') checkScenarioSteps(s.scenario, `steps[${i}].scenario`, err);
  });
  lesson.questions.forEach((q, i) => {
    if (!used.has(q.id)) err(`questions[${i}]`, `question "${q.id}" is never asked by a step`);
    questionErrors(q, `questions[${i}]`, misconceptionIds, err);
  });
}

function uniqueIds(ids: readonly string[], path: (i: number) => string, what: string, err: (path: string, msg: string) => void): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) err(path(i), `${what} id "${id}" is used twice`);
    seen.add(id);
  });
}

function questionErrors(q: Question, p: string, misconceptionIds: ReadonlySet<string>, err: (path: string, msg: string) => void): void {
  const known = (id: string | undefined, path: string): void => {
    if (id !== undefined && !misconceptionIds.has(id)) err(path, `names unknown misconception "${id}"`);
  };
  switch (q.kind) {
    case 'choice':
    case 'why': {
      uniqueIds(q.options.map((o) => o.id), (i) => `${p}.options[${i}].id`, 'option', err);
      const right = q.options.filter((o) => o.correct).length;
      if (right === 0) err(`${p}.options`, 'no option is marked correct');
      if (right > 1 && !(q.kind === 'choice' && q.multiple)) err(`${p}.options`, `${right} options are marked correct but "multiple" is not set`);
      if (right === q.options.length) err(`${p}.options`, 'every option is correct: nothing to choose');
      q.options.forEach((o, i) => {
        // Option ids reach the webview while the question is open: they must not say which is right.
        if (TELLING_ID.test(o.id)) err(`${p}.options[${i}].id`, `"${o.id}" tells whether the option is right: name it after its content`);
        known(o.misconception, `${p}.options[${i}].misconception`);
        if (o.correct && o.misconception) err(`${p}.options[${i}].misconception`, 'a correct option cannot carry a misconception');
      });
      if (q.kind === 'why') {
        checkScenarioSteps(q.run, `${p}.run`, err);
        if (q.contrast) checkScenarioSteps(q.contrast, `${p}.contrast`, err);
        if (!q.run.variant || q.run.variant === 'standard') err(`${p}.run.variant`, 'a counterfactual run needs a "what if" variant');
        checkGoal(q.expect, `${p}.expect`, err);
      }
      break;
    }
    case 'next-state': {
      checkScenarioSteps(q.scenario, `${p}.scenario`, err);
      q.next.forEach((s, i) => {
        const r = checkStep(s);
        if (isStepProblem(r)) err(`${p}.next[${i}]${r.path ? '.' + r.path : ''}`, r.message);
      });
      (q.wrong ?? []).forEach((w, i) => {
        if (w.state === q.answer) err(`${p}.wrong[${i}].state`, 'is the right answer');
        known(w.misconception, `${p}.wrong[${i}].misconception`);
      });
      break;
    }
    case 'numbers': {
      uniqueIds(q.fields.map((f) => f.id), (i) => `${p}.fields[${i}].id`, 'field', err);
      q.fields.forEach((f, i) => {
        if (!parseLinear(f.answer, q.symbols)) err(`${p}.fields[${i}].answer`, `"${f.answer}" is not a number or an expression over [${q.symbols.join(', ')}]`);
      });
      (q.mistakes ?? []).forEach((m, i) => {
        const field = q.fields.find((f) => f.id === m.field);
        const mv = parseLinear(m.value, q.symbols);
        if (!field) err(`${p}.mistakes[${i}].field`, `names unknown field "${m.field}"`);
        else if (!mv) err(`${p}.mistakes[${i}].value`, `"${m.value}" cannot be read`);
        else {
          const want = parseLinear(field.answer, q.symbols);
          if (want && sameLinear(want, mv)) err(`${p}.mistakes[${i}].value`, 'is the right answer');
        }
        known(m.misconception, `${p}.mistakes[${i}].misconception`);
      });
      if (q.scenario) checkScenarioSteps(q.scenario, `${p}.scenario`, err);
      break;
    }
    case 'order': {
      const ids = q.items.map((i) => i.id);
      uniqueIds(ids, (i) => `${p}.items[${i}].id`, 'item', err);
      (q.alsoAccept ?? []).forEach((o, i) => {
        if (o.length !== ids.length || !ids.every((id) => o.includes(id))) err(`${p}.alsoAccept[${i}]`, 'is not an order of all the items');
      });
      break;
    }
    case 'make-it-happen': {
      checkScenarioSteps(q.scenario, `${p}.scenario`, err);
      q.solution.forEach((s, i) => {
        const r = checkStep(s);
        if (isStepProblem(r)) err(`${p}.solution[${i}]${r.path ? '.' + r.path : ''}`, r.message);
      });
      checkGoal(q.goal, `${p}.goal`, err);
      if (!q.target.A && !q.target.B) err(`${p}.target`, 'shows neither endpoint');
      break;
    }
  }
  if (q.hints.some(textEmpty)) err(`${p}.hints`, 'has an empty hint');
}

/** Layer 3: runs the lesson's scenarios in the simulator. */
function simulationErrors(lesson: Lesson, err: (path: string, msg: string) => void): void {
  const runs = (scenario: Scenario, path: string): void => {
    const r = runSandbox(scenario);
    if (!r.ok) err(path, `does not run: ${r.error}`);
    else for (const c of r.callErrors) err(path, `makes an illegal call at ${c}`);
  };
  lesson.steps.forEach((s, i) => {
    if (s.kind === 'scenario') runs(s.scenario, `steps[${i}].scenario`);
  });
  lesson.questions.forEach((q, i) => {
    const p = `questions[${i}]`;
    if (q.kind === 'next-state') {
      const r = runSandbox(q.scenario, q.next);
      if (!r.ok) err(`${p}.next`, `does not run: ${r.error}`);
      else {
        for (const c of r.callErrors) err(`${p}.scenario`, `makes an illegal call at ${c}`);
        if (r.view.state(q.endpoint) !== q.answer) err(`${p}.answer`, `is ${q.answer}, but the simulator puts ${q.endpoint} in ${r.view.state(q.endpoint)}`);
      }
    }
    if (q.kind === 'numbers' && q.scenario) runs(q.scenario, `${p}.scenario`);
    if (q.kind === 'make-it-happen') {
      const r = runSandbox(q.scenario, q.solution);
      if (!r.ok) err(`${p}.solution`, `does not run: ${r.error}`);
      else {
        if (goalMet(q.goal, r.viewAfterSetup)) err(`${p}.goal`, 'is already reached before the learner does anything');
        if (!goalMet(q.goal, r.view)) err(`${p}.solution`, 'does not reach the goal');
        if (q.target.A && r.view.state('A') !== q.target.A) err(`${p}.target.A`, `the solution leaves A in ${r.view.state('A')}, not ${q.target.A}`);
        if (q.target.B && r.view.state('B') !== q.target.B) err(`${p}.target.B`, `the solution leaves B in ${r.view.state('B')}, not ${q.target.B}`);
      }
    }
    if (q.kind === 'why') {
      const r = runSandbox(q.run);
      if (!r.ok) err(`${p}.run`, `does not run: ${r.error}`);
      else if (!goalMet(q.expect, r.view)) err(`${p}.expect`, 'is not what the run shows');
      if (q.contrast) {
        const c = runSandbox(q.contrast);
        if (!c.ok) err(`${p}.contrast`, `does not run: ${c.error}`);
        else if (goalMet(q.expect, c.view)) err(`${p}.contrast`, 'shows the same failure as the counterfactual run');
      }
    }
  });
}

/**
 * At most this share of choice-like questions may have a keyed option that is the longest, and
 * at most this share one that is the shortest: trimming keyed options must not turn "pick the
 * longest" into "pick the shortest".
 */
export const KEYED_LONGEST_LIMIT = 0.4;

export interface LengthBias {
  /** Choice and why questions in the course. */
  readonly questions: number;
  /** Of those, the ids whose keyed option is the longest (ties included) in either language. */
  readonly keyedLongest: readonly string[];
  /** Of those, the ids whose keyed option is the shortest (ties included) in either language. */
  readonly keyedShortest: readonly string[];
}

/**
 * How often "pick the longest option" would find a right answer. A question counts when, in
 * English or in Chinese, some correct option is at least as long as every wrong one: a learner
 * reading either language could exploit it.
 */
export function lengthBias(lessons: readonly Lesson[]): LengthBias {
  let questions = 0;
  const keyedLongest: string[] = [];
  const keyedShortest: string[] = [];
  for (const lesson of lessons) {
    for (const q of lesson.questions) {
      if (q.kind !== 'choice' && q.kind !== 'why') continue;
      questions++;
      const length = (o: ChoiceOption, loc: CourseLocale): number => [...o.text[loc]].length;
      const wrong = q.options.filter((o) => !o.correct);
      const right = q.options.filter((o) => o.correct);
      if (wrong.length === 0 || right.length === 0) continue;
      const longest = COURSE_LOCALES.some((loc) => {
        const most = wrong.reduce((m, o) => Math.max(m, length(o, loc)), -Infinity);
        return right.some((o) => length(o, loc) >= most);
      });
      const shortest = COURSE_LOCALES.some((loc) => {
        const least = wrong.reduce((m, o) => Math.min(m, length(o, loc)), Infinity);
        return right.some((o) => length(o, loc) <= least);
      });
      if (longest) keyedLongest.push(q.id);
      if (shortest) keyedShortest.push(q.id);
    }
  }
  return { questions, keyedLongest, keyedShortest };
}

/** Checks the misconceptions file. */
export function misconceptionErrors(file: ContentFile): string[] {
  const out: string[] = [];
  const data = file.data;
  if (!Array.isArray(data)) return [`${file.file}: (top level) must be an array`];
  const seen = new Set<string>();
  data.forEach((m: unknown, i) => {
    const o = m as Partial<Misconception> | null;
    if (typeof o !== 'object' || o === null) return out.push(`${file.file}: [${i}] must be an object`);
    if (typeof o.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(o.id)) out.push(`${file.file}: [${i}].id is missing or malformed`);
    else if (seen.has(o.id)) out.push(`${file.file}: [${i}].id "${o.id}" is used twice`);
    else seen.add(o.id);
    for (const key of ['claim', 'correction'] as const) {
      const t = o[key];
      if (typeof t !== 'object' || t === null) out.push(`${file.file}: [${i}].${key} is missing`);
      else for (const loc of LOCALES) if (typeof t[loc] !== 'string' || t[loc].trim() === '') out.push(`${file.file}: [${i}].${key}.${loc} is empty`);
    }
    return undefined;
  });
  return out;
}

/**
 * Validates the whole course: lesson files in order and the misconceptions file. Returns
 * every problem found, each prefixed by its file; empty when the content is good.
 */
export function validateCourseFiles(files: readonly ContentFile[], misconceptions: ContentFile, options: ValidateOptions = {}): string[] {
  const errors: string[] = misconceptionErrors(misconceptions);
  const misconceptionIds = new Set(Array.isArray(misconceptions.data) ? (misconceptions.data as Misconception[]).map((m) => m?.id) : []);
  const referenced = new Set<string>();
  const globalIds = new Map<string, string>(); // id → where
  let schemaFailed = false;
  for (const f of files) {
    const err = (path: string, msg: string): void => {
      errors.push(`${f.file}: ${path === '' ? '(top level)' : path} ${msg}`);
    };
    const schema = schemaErrors(f.data);
    if (schema.length > 0) {
      for (const e of schema) errors.push(`${f.file}: ${e}`);
      schemaFailed = true;
      continue;
    }
    const lesson = f.data as Lesson;
    const claim = (id: string, path: string): void => {
      const before = globalIds.get(id);
      if (before) err(path, `id "${id}" is already used at ${before}`);
      else globalIds.set(id, `${f.file}: ${path}`);
    };
    claim(lesson.id, 'id');
    lesson.steps.forEach((s, i) => claim(s.id, `steps[${i}].id`));
    lesson.questions.forEach((q, i) => claim(q.id, `questions[${i}].id`));
    lessonErrors(lesson, misconceptionIds, err);
    for (const q of lesson.questions) {
      if (q.kind === 'choice' || q.kind === 'why') q.options.forEach((o) => o.misconception && referenced.add(o.misconception));
      if (q.kind === 'next-state') (q.wrong ?? []).forEach((w) => w.misconception && referenced.add(w.misconception));
      if (q.kind === 'numbers') (q.mistakes ?? []).forEach((m) => m.misconception && referenced.add(m.misconception));
    }
    if (options.runScenarios !== false) simulationErrors(lesson, err);
  }
  if (!schemaFailed) {
    const bias = lengthBias(files.map((f) => f.data as Lesson));
    for (const [which, ids] of [
      ['longest', bias.keyedLongest],
      ['shortest', bias.keyedShortest],
    ] as const) {
      if (bias.questions > 0 && ids.length > KEYED_LONGEST_LIMIT * bias.questions) {
        errors.push(
          `course: the keyed option is the ${which} in ${ids.length} of ${bias.questions} choice questions ` +
            `(more than ${Math.round(KEYED_LONGEST_LIMIT * 100)} %), so length gives answers away: vary the lengths of keyed options and distractors ` +
            `(${ids.join(', ')})`,
        );
      }
    }
  }
  // A file that failed the schema was not read, so its references are unknown: don't guess.
  if (!schemaFailed) for (const id of misconceptionIds) {
    if (typeof id === 'string' && !referenced.has(id)) errors.push(`${misconceptions.file}: misconception "${id}" is never answered by any question`);
  }
  return errors;
}
