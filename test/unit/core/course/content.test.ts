import assert from 'node:assert/strict';
import { COURSE, LESSON_FILES, MISCONCEPTIONS_FILE } from '../../../../src/core/course/content';
import { QUESTION_KINDS, type Question } from '../../../../src/core/course/types';
import { KEYED_LONGEST_LIMIT, jsonPath, lengthBias, validateCourseFiles } from '../../../../src/core/course/validate';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Validates the course with one lesson file replaced by a broken copy. */
function withBroken(index: number, breakIt: (lesson: Json) => void, runScenarios = true): string[] {
  const files = LESSON_FILES.map((f) => ({ file: f.file, data: clone(f.data) }));
  breakIt(files[index].data as Json);
  return validateCourseFiles(files, MISCONCEPTIONS_FILE, { runScenarios });
}

describe('lessons: the course content', () => {
  it('passes validation: schema, ids, answers, both languages, scenarios run, goals reachable', () => {
    assert.deepEqual(validateCourseFiles(LESSON_FILES, MISCONCEPTIONS_FILE), []);
  });

  it('has at least 18 lessons and 170 questions, every kind several times, every topic, every lesson citing RFC 9293', () => {
    assert.ok(COURSE.lessons.length >= 18);
    const questions: Question[] = COURSE.lessons.flatMap((l) => [...l.questions]);
    assert.ok(questions.length >= 170, `${questions.length} questions`);
    for (const kind of QUESTION_KINDS) assert.ok(questions.filter((q) => q.kind === kind).length >= 3, kind);
    for (let topic = 1; topic <= 12; topic++) {
      assert.ok(COURSE.lessons.some((l) => l.topics.includes(topic)), `a lesson on topic ${topic}`);
      assert.ok(questions.filter((q) => q.topics.includes(topic)).length >= 3, `questions on topic ${topic}`);
    }
    for (const l of COURSE.lessons) assert.match(l.rfc, /^RFC 9293 §\d/);
  });

  it('answers every misconception somewhere', () => {
    const used = new Set<string>();
    for (const l of COURSE.lessons)
      for (const q of l.questions) {
        if (q.kind === 'choice' || q.kind === 'why') q.options.forEach((o) => o.misconception && used.add(o.misconception));
        if (q.kind === 'next-state') q.wrong?.forEach((w) => w.misconception && used.add(w.misconception));
        if (q.kind === 'numbers') q.mistakes?.forEach((m) => m.misconception && used.add(m.misconception));
      }
    for (const m of COURSE.misconceptions) assert.ok(used.has(m.id), m.id);
  });

  it('turns JSON pointers into readable paths', () => {
    assert.equal(jsonPath('/questions/2/options/1/explain/zh-cn'), 'questions[2].options[1].explain.zh-cn');
    assert.equal(jsonPath(''), '');
  });
});

describe('lessons: broken content is caught, naming the file and the field', () => {
  const file = LESSON_FILES[2].file;
  const choiceIndex = (LESSON_FILES[2].data as Json).questions.findIndex((q: Json) => q.kind === 'choice');

  it('an empty Chinese string', () => {
    const errs = withBroken(2, (l) => (l.questions[choiceIndex].options[1].explain['zh-cn'] = '  '), false);
    assert.deepEqual(errs, [`${file}: questions[${choiceIndex}].options[1].explain.zh-cn is empty`]);
  });

  it('a missing English string', () => {
    const errs = withBroken(0, (l) => delete l.title.en, false);
    assert.deepEqual(errs, [`${LESSON_FILES[0].file}: title.en is missing`]);
  });

  it('a question without a correct option', () => {
    const errs = withBroken(2, (l) => l.questions[choiceIndex].options.forEach((o: Json) => (o.correct = false)), false);
    assert.ok(errs.includes(`${file}: questions[${choiceIndex}].options no option is marked correct`), errs.join('\n'));
  });

  it('a duplicate id across lessons', () => {
    const other = (LESSON_FILES[0].data as Json).questions[0].id;
    const errs = withBroken(3, (l) => (l.questions[0].id = other), false);
    assert.ok(errs.some((e) => e.startsWith(`${LESSON_FILES[3].file}: questions[0].id id "${other}" is already used at ${LESSON_FILES[0].file}`)), errs.join('\n'));
  });

  it('an unknown misconception and an unknown question step', () => {
    const errs = withBroken(
      1,
      (l) => {
        const q = l.questions.find((x: Json) => x.kind === 'choice');
        q.options.find((o: Json) => !o.correct).misconception = 'no-such-thing';
        l.steps.find((s: Json) => s.kind === 'question').question = 'no-such-question';
      },
      false,
    );
    assert.ok(errs.some((e) => e.includes('names unknown misconception "no-such-thing"')), errs.join('\n'));
    assert.ok(errs.some((e) => e.includes('names unknown question "no-such-question"')), errs.join('\n'));
  });

  it('a malformed scenario step, named by its path', () => {
    const errs = withBroken(0, (l) => (l.steps.find((s: Json) => s.kind === 'scenario').scenario.steps[1] = { delivr: 'A' }), false);
    const i = (LESSON_FILES[0].data as Json).steps.findIndex((s: Json) => s.kind === 'scenario');
    assert.ok(errs.some((e) => e.startsWith(`${LESSON_FILES[0].file}: steps[${i}].scenario.steps[1].delivr unknown step kind "delivr"`)), errs.join('\n'));
  });

  it('a numbers answer that cannot be read, and a wrong field in the schema', () => {
    const errs = withBroken(
      1,
      (l) => {
        const q = l.questions.find((x: Json) => x.kind === 'numbers');
        q.fields[0].answer = 'z+1';
      },
      false,
    );
    assert.ok(errs.some((e) => /fields\[0\]\.answer "z\+1" is not a number/.test(e)), errs.join('\n'));
    const schema = withBroken(1, (l) => (l.questions[0].kind = 'essay'), false);
    assert.ok(schema.some((e) => e.startsWith(`${LESSON_FILES[1].file}: questions[0].kind must be one of`)), schema.join('\n'));
  });

  it('a scenario that cannot run in the simulator', () => {
    const errs = withBroken(0, (l) => l.steps.find((s: Json) => s.kind === 'scenario').scenario.steps.unshift({ deliver: 'B' }));
    assert.ok(errs.some((e) => e.includes('does not run: steps[0]: deliver: nothing in flight from B')), errs.join('\n'));
  });

  it('a next-state answer the simulator contradicts', () => {
    const errs = withBroken(0, (l) => (l.questions.find((q: Json) => q.id === 'st-next-server-syn').answer = 'ESTABLISHED'));
    assert.ok(errs.some((e) => e.includes('is ESTABLISHED, but the simulator puts B in SYN-RECEIVED')), errs.join('\n'));
  });

  it('a make-it-happen solution that does not reach its goal', () => {
    const i = LESSON_FILES.findIndex((f) => (f.data as Json).id === 'why-three');
    const errs = withBroken(i, (l) => (l.questions.find((q: Json) => q.id === 'w3-make-phantom').solution = [{ A: 'listen' }]));
    const qi = (LESSON_FILES[i].data as Json).questions.findIndex((q: Json) => q.id === 'w3-make-phantom');
    assert.ok(errs.includes(`${LESSON_FILES[i].file}: questions[${qi}].solution does not reach the goal`), errs.join('\n'));
  });

  it('a counterfactual whose run does not show what it claims', () => {
    const i = LESSON_FILES.findIndex((f) => (f.data as Json).id === 'time-wait');
    const errs = withBroken(i, (l) => (l.questions.find((q: Json) => q.id === 'tw-no-time-wait').run.variant = 'two-way-handshake'));
    assert.ok(errs.some((e) => e.endsWith('.expect is not what the run shows')), errs.join('\n'));
  });

  it('an unused misconception in the catalogue', () => {
    const m = clone(MISCONCEPTIONS_FILE.data) as Json[];
    m.push({ id: 'orphan-claim', claim: { en: 'x', 'zh-cn': 'x' }, correction: { en: 'y', 'zh-cn': 'y' } });
    const errs = validateCourseFiles(LESSON_FILES, { file: MISCONCEPTIONS_FILE.file, data: m }, { runScenarios: false });
    assert.deepEqual(errs, [`${MISCONCEPTIONS_FILE.file}: misconception "orphan-claim" is never answered by any question`]);
  });
  it('fails the build when the keyed option is the longest in too many choice questions', () => {
    const files = LESSON_FILES.map((f) => ({ file: f.file, data: clone(f.data) }));
    // Pad every keyed option so that "pick the longest" answers every question.
    for (const f of files)
      for (const q of (f.data as Json).questions)
        if (q.kind === 'choice' || q.kind === 'why')
          for (const o of q.options) if (o.correct) for (const loc of ['en', 'zh-cn']) o.text[loc] += ' '.repeat(400) + '.';
    const errs = validateCourseFiles(files, MISCONCEPTIONS_FILE, { runScenarios: false });
    assert.equal(errs.length, 1, errs.join('\n'));
    assert.match(errs[0], /^course: the keyed option is the longest in \d+ of \d+ choice questions/);
  });

  it('fails the build when the keyed option is the shortest in too many choice questions', () => {
    const files = LESSON_FILES.map((f) => ({ file: f.file, data: clone(f.data) }));
    for (const f of files)
      for (const q of (f.data as Json).questions)
        if (q.kind === 'choice' || q.kind === 'why') for (const o of q.options) if (o.correct) o.text = { en: 'x', 'zh-cn': 'x' };
    const errs = validateCourseFiles(files, MISCONCEPTIONS_FILE, { runScenarios: false });
    assert.ok(errs.some((e) => /keyed option is the shortest/.test(e)), errs.join('\n'));
  });

  it('gives no answer away by length: keyed option longest, or shortest, in at most 40 % of choice questions', () => {
    const bias = lengthBias(COURSE.lessons);
    assert.ok(bias.questions >= 40, `${bias.questions} choice questions`);
    assert.ok(bias.keyedLongest.length <= KEYED_LONGEST_LIMIT * bias.questions, `longest: ${bias.keyedLongest.join(', ')}`);
    assert.ok(bias.keyedShortest.length <= KEYED_LONGEST_LIMIT * bias.questions, `shortest: ${bias.keyedShortest.join(', ')}`);
  });
  it('an option id that says whether it is right', () => {
    const errs = withBroken(0, (l) => {
      const q = l.questions.find((x: Json) => x.kind === 'choice');
      q.options.find((o: Json) => o.correct).id = 'the-right-one';
    }, false);
    assert.ok(errs.some((e) => /"the-right-one" tells whether the option is right/.test(e)), errs.join('\n'));
  });
});
