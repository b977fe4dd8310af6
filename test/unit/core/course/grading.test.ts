import assert from 'node:assert/strict';
import { COURSE, findQuestion } from '../../../../src/core/course';
import { answerText, feedbackForAttempt, grade, helpAfter, missedText, shuffleOrder, acceptedOrders, withoutVerdict } from '../../../../src/core/course/grading';
import { parseLinear, parseStateName, splitValues, normalizeInput, formatLinear } from '../../../../src/core/course/parse';
import type { ChoiceQuestion, GoalView, MakeItHappenQuestion, NextStateQuestion, NumbersQuestion, OrderQuestion, Question, WhyQuestion } from '../../../../src/core/course/types';
import type { StateId } from '../../../../src/core/tcp/states';

function q<T extends Question>(id: string): T {
  const found = findQuestion(id);
  assert.ok(found, `question ${id} exists`);
  return found.question as T;
}

describe('lessons: forgiving parsing', () => {
  it('reads numbers and x+1 expressions in many spellings', () => {
    const xy = ['x', 'y'];
    for (const s of ['x+1', 'x + 1', 'X+1', ' x +1 ', '1+x', 'ｘ＋１', 'x＋1', 'x+0+1']) {
      assert.deepEqual(parseLinear(s, xy), { terms: { x: 1 }, constant: 1 }, s);
    }
    assert.deepEqual(parseLinear('３０１', []), { terms: {}, constant: 301 });
    assert.deepEqual(parseLinear('y−1', xy), { terms: { y: 1 }, constant: -1 });
    assert.equal(parseLinear('x+1', []), null, 'unknown symbol');
    assert.equal(parseLinear('z+1', xy), null);
    assert.equal(parseLinear('', xy), null);
    assert.equal(parseLinear('x++1', xy), null);
    assert.equal(parseLinear('abc', xy), null);
    assert.equal(parseLinear('1 2', []), null);
    assert.equal(formatLinear({ terms: { x: 1 }, constant: 1 }), 'x+1');
    assert.equal(formatLinear({ terms: {}, constant: 0 }), '0');
  });

  it('splits one line into labelled or positional values', () => {
    assert.deepEqual(splitValues('seq=x+1, ack=y+1'), [
      { label: 'seq', value: 'x+1' },
      { label: 'ack', value: 'y+1' },
    ]);
    assert.deepEqual(splitValues('x+1，y+1'), [
      { label: null, value: 'x+1' },
      { label: null, value: 'y+1' },
    ]);
    assert.deepEqual(splitValues('x+1、y+1'), [
      { label: null, value: 'x+1' },
      { label: null, value: 'y+1' },
    ]);
    assert.deepEqual(splitValues('SEQ＝x＋1 ACK＝y＋1'), [
      { label: 'seq', value: 'x+1' },
      { label: 'ack', value: 'y+1' },
    ]);
    assert.deepEqual(splitValues('x + 1  y + 1'), [
      { label: null, value: 'x+1' },
      { label: null, value: 'y+1' },
    ]);
    assert.equal(normalizeInput('  ＡＢ '), 'ab');
  });

  it('reads state names in RFC, netstat and ss spellings', () => {
    const cases: [string, StateId][] = [
      ['SYN_RECV', 'SYN-RECEIVED'],
      ['syn-recv', 'SYN-RECEIVED'],
      ['SYN_RCVD', 'SYN-RECEIVED'],
      ['FIN_WAIT1', 'FIN-WAIT-1'],
      ['fin-wait-2', 'FIN-WAIT-2'],
      ['TIME_WAIT', 'TIME-WAIT'],
      ['Time Wait', 'TIME-WAIT'],
      ['ESTAB', 'ESTABLISHED'],
      ['established', 'ESTABLISHED'],
      ['CLOSE', 'CLOSED'],
      ['LAST_ACK', 'LAST-ACK'],
      ['CLOSE_WAIT', 'CLOSE-WAIT'],
      ['ＳＹＮ＿ＳＥＮＴ', 'SYN-SENT'],
    ];
    for (const [s, id] of cases) assert.equal(parseStateName(s), id, s);
    assert.equal(parseStateName('HALF-OPEN'), null);
    assert.equal(parseStateName(''), null);
  });
});

describe('lessons: grading the six kinds', () => {
  it('kind 1, multiple choice: by option id, with the explanation and misconception of a wrong pick', () => {
    const c = q<ChoiceQuestion>('st-syn-sent-meaning');
    assert.equal(grade(c, { kind: 'choice', selected: ['sent'] }).correct, true);
    const wrong = grade(c, { kind: 'choice', selected: ['waiting'] });
    assert.equal(wrong.correct, false);
    assert.deepEqual(wrong.misconceptions, ['syn-send-waiting']);
    assert.equal(wrong.messages[0], c.options.find((o) => o.id === 'waiting')?.explain);
    assert.equal(grade(c, { kind: 'choice', selected: ['nope'] }).unreadable, true);
    assert.equal(grade(c, { kind: 'choice', selected: [] }).unreadable, true);
    assert.equal(grade(c, { kind: 'choice', selected: ['sent', 'waiting'] }).unreadable, true, 'two picks for a one-answer question');
    assert.equal(grade(c, { kind: 'choice', selected: ['sent', 'sent'] }).correct, true, 'duplicates collapse');
  });

  it('kind 1, several right options: all and only those', () => {
    const m = q<ChoiceQuestion>('st-active-closer-states');
    assert.equal(grade(m, { kind: 'choice', selected: ['tw', 'fw1', 'fw2'] }).correct, true);
    const partial = grade(m, { kind: 'choice', selected: ['fw1', 'fw2'] });
    assert.equal(partial.correct, false);
    assert.equal(partial.unreadable, undefined);
    const extra = grade(m, { kind: 'choice', selected: ['fw1', 'fw2', 'tw', 'cw'] });
    assert.equal(extra.correct, false);
    assert.equal(extra.parts?.cw, false);
  });

  it('kind 2, next state: by state id, netstat spellings accepted, feedback for likely wrong states', () => {
    const n = q<NextStateQuestion>('st-next-server-syn');
    for (const s of ['SYN-RECEIVED', 'SYN_RECV', 'syn_rcvd', 'SYN-RECV']) assert.equal(grade(n, { kind: 'next-state', state: s }).correct, true, s);
    const w = grade(n, { kind: 'next-state', state: 'ESTABLISHED' });
    assert.equal(w.correct, false);
    assert.deepEqual(w.misconceptions, ['server-established-after-synack']);
    assert.equal(w.messages.length, 1);
    const plain = grade(n, { kind: 'next-state', state: 'TIME_WAIT' });
    assert.deepEqual(plain, { correct: false, messages: [], misconceptions: [] });
    assert.equal(grade(n, { kind: 'next-state', state: 'WAITING' }).unreadable, true);
    const fw = q<NextStateQuestion>('w4-fw1-to-tw');
    assert.equal(grade(fw, { kind: 'next-state', state: 'TIME_WAIT' }).correct, true);
    assert.equal(grade(fw, { kind: 'next-state', state: 'FIN_WAIT2' }).correct, false);
  });

  it('kind 3, numbers: symbols, spaces, full width, labels, one line or per field', () => {
    const n = q<NumbersQuestion>('hs-synack');
    const ok = (values: Record<string, string> | string): boolean => grade(n, { kind: 'numbers', values }).correct;
    assert.ok(ok({ seq: 'y', ack: 'x+1' }));
    assert.ok(ok({ seq: ' Y ', ack: 'x + 1' }));
    assert.ok(ok({ seq: 'seq=y', ack: 'ack = 1+x' }));
    assert.ok(ok({ seq: 'ｙ', ack: 'ｘ＋１' }));
    assert.ok(ok('seq=y, ack=x+1'));
    assert.ok(ok('ack=x+1，seq=y'), 'labels in any order');
    assert.ok(ok('y，x+1'), 'positional with a Chinese comma');
    assert.ok(ok('序号=y，确认号=x+1'));
    assert.ok(ok('SEQ＝Y　ACK＝X＋1'));
    const mistake = grade(n, { kind: 'numbers', values: { seq: 'y', ack: 'x' } });
    assert.equal(mistake.correct, false);
    assert.deepEqual(mistake.parts, { seq: true, ack: false });
    assert.deepEqual(mistake.misconceptions, ['syn-takes-no-seq']);
    assert.equal(mistake.messages.length, 1);
    assert.equal(grade(n, { kind: 'numbers', values: { seq: 'y', ack: '101' } }).unreadable, true, 'number where letters are expected');
    assert.equal(grade(n, { kind: 'numbers', values: { seq: 'y', ack: 'banana' } }).unreadable, true);
    assert.equal(grade(n, { kind: 'numbers', values: { seq: 'y' } }).unreadable, true, 'missing field');
    assert.equal(grade(n, { kind: 'numbers', values: 'y, x+1, 7' }).unreadable, true, 'too many values');
    assert.equal(grade(n, { kind: 'numbers', values: 'seq=y, seq=x' }).unreadable, true, 'label twice');
    const plain = q<NumbersQuestion>('hs-concrete');
    assert.equal(grade(plain, { kind: 'numbers', values: '9000, 4001' }).correct, true);
    assert.equal(grade(plain, { kind: 'numbers', values: '９０００，４００１' }).correct, true);
    assert.equal(grade(plain, { kind: 'numbers', values: { seq: '9000', ack: 'x+1' } }).unreadable, true);
  });

  it('kind 4, order: exact order of ids; positions reported; not a permutation is unreadable', () => {
    const o = q<OrderQuestion>('hs-order');
    const right = o.items.map((i) => i.id);
    assert.equal(grade(o, { kind: 'order', order: right }).correct, true);
    const swapped = [right[0], right[2], right[1], right[3]];
    const fb = grade(o, { kind: 'order', order: swapped });
    assert.equal(fb.correct, false);
    assert.deepEqual(fb.parts, { [right[0]]: true, [right[2]]: false, [right[1]]: false, [right[3]]: true });
    assert.equal(grade(o, { kind: 'order', order: right.slice(1) }).unreadable, true);
    assert.equal(grade(o, { kind: 'order', order: [right[0], right[0], right[1], right[2]] }).unreadable, true);
    assert.equal(grade(o, { kind: 'order', order: [...right.slice(0, 3), 'zzz'] }).unreadable, true);
  });

  it('kind 4, shuffling is seeded and never hands out a right order', () => {
    const o = q<OrderQuestion>('st-client-order');
    assert.deepEqual(shuffleOrder(o, 42), shuffleOrder(o, 42));
    for (let seed = 0; seed < 200; seed++) {
      const s = shuffleOrder(o, seed);
      assert.deepEqual([...s].sort(), o.items.map((i) => i.id).sort());
      assert.ok(!acceptedOrders(o).some((a) => a.join() === s.join()), `seed ${seed}`);
    }
    const two: OrderQuestion = { ...o, items: o.items.slice(0, 2) };
    for (let seed = 0; seed < 20; seed++) assert.deepEqual(shuffleOrder(two, seed), [two.items[1].id, two.items[0].id]);
  });

  it('kind 5, make it happen: the goal is checked against a GoalView', () => {
    const m = q<MakeItHappenQuestion>('w3-make-phantom');
    const view = (a: StateId, b: StateId, steps = 1): GoalView => ({ state: (e) => (e === 'A' ? a : b), segments: [], results: [], steps });
    assert.equal(grade(m, { kind: 'make-it-happen', view: view('CLOSED', 'ESTABLISHED') }).correct, true);
    assert.equal(grade(m, { kind: 'make-it-happen', view: view('CLOSED', 'LISTEN') }).correct, false);
    const r = q<MakeItHappenQuestion>('ht-make-rescue');
    assert.equal(grade(r, { kind: 'make-it-happen', view: view('ESTABLISHED', 'ESTABLISHED', 2) }).correct, true);
    assert.equal(grade(r, { kind: 'make-it-happen', view: view('ESTABLISHED', 'ESTABLISHED', 3) }).correct, false, 'too many steps');
    const rst = q<MakeItHappenQuestion>('rs-make-rst');
    const withRst: GoalView = { ...view('CLOSED', 'ESTABLISHED'), segments: [{ from: 'A', flags: ['RST'], seq: 101, ack: null, len: 0 }] };
    assert.equal(grade(rst, { kind: 'make-it-happen', view: withRst }).correct, true);
    const refused = q<MakeItHappenQuestion>('ht-make-refused');
    const res: GoalView = { ...view('CLOSED', 'CLOSED'), results: [{ endpoint: 'A', kind: 'refused' }] };
    assert.equal(grade(refused, { kind: 'make-it-happen', view: res }).correct, true);
    assert.equal(grade(refused, { kind: 'make-it-happen', view: { ...res, results: [{ endpoint: 'B', kind: 'refused' }] } }).correct, false);
  });

  it('kind 6, why: the prediction is graded like a choice, misconceptions included', () => {
    const w = q<WhyQuestion>('w3-two-way-stale');
    assert.equal(grade(w, { kind: 'why', selected: ['phantom'] }).correct, true);
    const f = grade(w, { kind: 'why', selected: ['flood'] });
    assert.equal(f.correct, false);
    assert.deepEqual(f.misconceptions, ['handshake-prevents-syn-flood']);
    assert.equal(grade(w, { kind: 'why', selected: ['phantom', 'flood'] }).unreadable, true);
  });

  it('an answer of another kind is unreadable, not wrong', () => {
    const c = q<ChoiceQuestion>('st-syn-sent-meaning');
    assert.equal(grade(c, { kind: 'order', order: ['sent'] }).unreadable, true);
  });

  it('hints come before the answer, one per wrong attempt', () => {
    const n = q<NumbersQuestion>('hs-synack');
    assert.equal(n.hints.length, 2);
    assert.equal(helpAfter(n, 0), null);
    assert.deepEqual(helpAfter(n, 1), { kind: 'hint', index: 0, text: n.hints[0] });
    assert.deepEqual(helpAfter(n, 2), { kind: 'hint', index: 1, text: n.hints[1] });
    const reveal = helpAfter(n, 3);
    assert.equal(reveal?.kind, 'reveal');
    assert.deepEqual(reveal?.kind === 'reveal' && reveal.answer, { en: 'seq = y, ack = x+1', 'zh-cn': '序号 seq = y，确认号 ack = x+1' });
  });

  it('feedback fits the question: states ordered get state feedback, segments segment feedback', () => {
    const states = findQuestion('st-client-order')?.question as OrderQuestion;
    const segments = findQuestion('hs-order')?.question as OrderQuestion;
    const swapTail = (q: OrderQuestion) => {
      const ids = q.items.map((i) => i.id);
      return [...ids.slice(0, -2), ids[ids.length - 1], ids[ids.length - 2]];
    };
    const fs = grade(states, { kind: 'order', order: swapTail(states) });
    assert.equal(fs.correct, false);
    assert.match(fs.messages[0].en, /states/);
    assert.doesNotMatch(fs.messages[0].en, /acknowledges/);
    const fg = grade(segments, { kind: 'order', order: swapTail(segments) });
    assert.match(fg.messages[0].en, /acknowledges/);
  });

  it('select-all says that a true option was left out, and how many, in both languages', () => {
    const q: ChoiceQuestion = {
      id: 'm',
      kind: 'choice',
      multiple: true,
      topics: [1],
      prompt: { en: 'p', 'zh-cn': 'p' },
      hints: [{ en: 'h', 'zh-cn': 'h' }],
      explanation: { en: 'e', 'zh-cn': 'e' },
      options: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: { en: id, 'zh-cn': id }, correct: id !== 'd', explain: { en: `Right. ${id}`, 'zh-cn': `正确。${id}` } })),
    };
    const f = grade(q, { kind: 'choice', selected: ['a'] });
    assert.equal(f.correct, false);
    assert.deepEqual(f.messages[f.messages.length - 1], missedText(2));
    assert.match(missedText(1).en, /^One more option is true/);
    assert.match(missedText(2)['zh-cn'], /还有 2 个/);
    const right = grade(q, { kind: 'choice', selected: ['a', 'b', 'c'] });
    assert.ok(right.correct);
    assert.ok(right.messages.every((m) => !/^Right/.test(m.en) && !/^正确/.test(m['zh-cn'])), 'the heading says Right once; the notes do not repeat it');
    assert.deepEqual(withoutVerdict({ en: 'Right. Because.', 'zh-cn': '正确。因为。' }), { en: 'Because.', 'zh-cn': '因为。' });
  });

  it('the first wrong numbers answer marks the fields and points to the hint, without the value', () => {
    const q = findQuestion('hs-synack')?.question as NumbersQuestion;
    const f = grade(q, { kind: 'numbers', values: { seq: 'y', ack: 'x' } });
    assert.equal(f.correct, false);
    assert.match(f.messages[0].en, /x\+1/, 'the mistake note names the value');
    const first = feedbackForAttempt(q, f, 1);
    assert.ok(first.messages.every((m) => !/x\+1/.test(m.en)), 'the first wrong answer does not give the answer away');
    assert.deepEqual(first.parts, f.parts);
    assert.deepEqual(feedbackForAttempt(q, f, 2), f);
  });

  it('every question of the course has an answer text and grades its own answer as right', () => {
    for (const lesson of COURSE.lessons) {
      for (const question of lesson.questions) {
        const a = answerText(question);
        assert.ok(a.en.length > 0 && a['zh-cn'].length > 0, question.id);
        let answer;
        switch (question.kind) {
          case 'choice':
            answer = { kind: 'choice' as const, selected: question.options.filter((o) => o.correct).map((o) => o.id) };
            break;
          case 'why':
            answer = { kind: 'why' as const, selected: question.options.filter((o) => o.correct).map((o) => o.id) };
            break;
          case 'next-state':
            answer = { kind: 'next-state' as const, state: question.answer };
            break;
          case 'numbers':
            answer = { kind: 'numbers' as const, values: Object.fromEntries(question.fields.map((f) => [f.id, f.answer])) };
            break;
          case 'order':
            answer = { kind: 'order' as const, order: question.items.map((i) => i.id) };
            break;
          case 'make-it-happen':
            continue; // checked against the simulator by content validation
        }
        assert.equal(grade(question, answer).correct, true, question.id);
      }
    }
  });
});
