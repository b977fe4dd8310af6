import { strict as assert } from 'node:assert';
import { parseSavedViewState, parseWebviewMessage } from '../../../src/shared/protocol';

describe('webview message validation', () => {
  it('accepts every well-formed message', () => {
    const good: unknown[] = [
      { type: 'ready' },
      { type: 'openInEditor' },
      { type: 'setLanguage', language: 'zh-cn' },
      { type: 'setLanguage', language: 'auto' },
      { type: 'diagram/selected', selection: null },
      { type: 'diagram/selected', selection: { kind: 'state', id: 'TIME-WAIT' } },
      { type: 'diagram/selected', selection: { kind: 'transition', id: 'syn-sent-established' } },
      { type: 'log', level: 'error', message: 'boom' },
      { type: 'saveViewState', state: { selection: null, zoom: 'fit' } },
      { type: 'saveViewState', state: { selection: { kind: 'transition', id: 'time-wait-closed' }, zoom: 1.5 } },
    ];
    for (const m of good) {
      const r = parseWebviewMessage(m);
      assert.ok(r.ok, `${JSON.stringify(m)}: ${r.ok ? '' : r.error}`);
    }
  });

  it('rejects malformed messages with a readable reason and never throws', () => {
    const bad: [unknown, RegExp][] = [
      [undefined, /expected an object, got undefined/],
      [null, /got null/],
      ['ready', /got "ready"/],
      [[{ type: 'ready' }], /got an array/],
      [{}, /unknown message type undefined/],
      [{ type: 'drop table' }, /unknown message type "drop table"/],
      [{ type: 'setLanguage', language: 'fr' }, /language must be one of auto, en, zh-cn, got "fr"/],
      [{ type: 'setLanguage' }, /got undefined/],
      [{ type: 'diagram/selected' }, /selection must be an object or null/],
      [{ type: 'diagram/selected', selection: { kind: 'state', id: 'SYN_SEND' } }, /unknown state "SYN_SEND"/],
      [{ type: 'diagram/selected', selection: { kind: 'transition', id: 'listen-established' } }, /unknown transition/],
      [{ type: 'diagram/selected', selection: { kind: 'edge', id: 'x' } }, /kind must be "state" or "transition"/],
      [{ type: 'log', level: 'warn', message: 'x' }, /level must be/],
      [{ type: 'log', level: 'info', message: 42 }, /message must be a string, got number/],
      [{ type: 'saveViewState' }, /state must be an object, got undefined/],
      [{ type: 'saveViewState', state: { selection: null, zoom: 7 } }, /zoom must be "fit" or one of/],
      [{ type: 'saveViewState', state: { selection: { kind: 'state', id: 'NOPE' }, zoom: 'fit' } }, /unknown state "NOPE"/],
    ];
    for (const [m, pattern] of bad) {
      const r = parseWebviewMessage(m);
      assert.equal(r.ok, false, JSON.stringify(m));
      if (!r.ok) assert.match(r.error, pattern);
    }
  });

  it('copies only the known fields and bounds log messages', () => {
    const r = parseWebviewMessage({ type: 'log', level: 'info', message: 'x'.repeat(10_000), extra: { evil: true } });
    assert.ok(r.ok);
    if (r.ok && r.message.type === 'log') {
      assert.equal(r.message.message.length, 2000);
      assert.deepEqual(Object.keys(r.message).sort(), ['level', 'message', 'type']);
    }
  });
});

describe('course and inject messages', () => {
  it('accepts every course intent and answer shape', () => {
    const good: unknown[] = [
      { type: 'course/map' },
      { type: 'course/open', lesson: 'handshake' },
      { type: 'course/continue' },
      { type: 'course/goto', step: 3 },
      { type: 'course/openCapture', capture: 'halfclose' },
      { type: 'course/next' },
      { type: 'course/back' },
      { type: 'course/answer', question: 'q1', answer: { kind: 'choice', selected: ['a', 'b'] } },
      { type: 'course/answer', question: 'q1', answer: { kind: 'why', selected: ['a'] } },
      { type: 'course/answer', question: 'q1', answer: { kind: 'next-state', state: ' syn_recv ' } },
      { type: 'course/answer', question: 'q1', answer: { kind: 'numbers', values: { seq: 'x + 1', ack: '４００１' } } },
      { type: 'course/answer', question: 'q1', answer: { kind: 'order', order: ['syn', 'synack', 'ack'] } },
      { type: 'course/help', question: 'q1' },
      { type: 'course/reveal', question: 'q1' },
      { type: 'course/run', question: 'q1', which: 'contrast' },
      { type: 'course/review' },
      { type: 'course/reviewNext' },
      { type: 'course/reset', scope: 'course' },
      { type: 'course/reset', scope: 'lesson', lesson: 'handshake' },
      { type: 'course/sandbox', intent: { type: 'sandbox/seek', position: 2 } },
      { type: 'sandbox/inject', to: 'B', flags: ['RST'], seq: 4294967295, ack: null, len: 0 },
      { type: 'sandbox/inject', to: 'A', flags: ['SYN', 'ACK'], seq: 1, ack: 0, len: 10 },
      { type: 'course/sandbox', intent: { type: 'sandbox/inject', to: 'A', flags: ['SYN'], seq: 50, ack: null, len: 0 } },
    ];
    for (const m of good) {
      const r = parseWebviewMessage(m);
      assert.ok(r.ok, `${JSON.stringify(m)}: ${r.ok ? '' : r.error}`);
    }
    // Well-formed but odd text is kept for the grader, which is forgiving.
    const r = parseWebviewMessage({ type: 'course/answer', question: 'q1', answer: { kind: 'numbers', values: { seq: 'x + 1' } } });
    assert.ok(r.ok && r.message.type === 'course/answer' && r.message.answer.kind === 'numbers' && r.message.answer.values.seq === 'x + 1');
  });

  it('rejects malformed course intents with a readable reason', () => {
    const bad: [unknown, RegExp][] = [
      [{ type: 'course/open' }, /lesson must be a lesson id, got undefined/],
      [{ type: 'course/open', lesson: '../../etc' }, /lesson must be a lesson id/],
      [{ type: 'course/goto', step: -1 }, /step must be a step index/],
      [{ type: 'course/openCapture', capture: 'lossy' }, /capture must be one of normal, halfclose, abort, simclose, got/],
      [{ type: 'course/openCapture', capture: '../../etc/passwd' }, /capture must be one of/],
      [{ type: 'course/openCapture' }, /capture must be one of .*got undefined/],
      [{ type: 'course/goto', step: 1.5 }, /step must be a step index/],
      [{ type: 'course/answer', question: 'q1' }, /answer must be an object, got undefined/],
      [{ type: 'course/answer', question: 'q1', answer: { kind: 'essay', text: 'x' } }, /answer.kind must be one of/],
      [{ type: 'course/answer', question: 'q1', answer: { kind: 'choice', selected: 'a' } }, /answer.selected must be a list/],
      [{ type: 'course/answer', question: 'q1', answer: { kind: 'choice', selected: [1] } }, /not an id/],
      [{ type: 'course/answer', question: 'q1', answer: { kind: 'order', order: Array.from({ length: 31 }, (_x, i) => `i${i}`) } }, /at most 30/],
      [{ type: 'course/answer', question: 'q1', answer: { kind: 'next-state', state: 'x'.repeat(201) } }, /at most 200 characters/],
      [{ type: 'course/answer', question: 'q1', answer: { kind: 'numbers', values: { seq: 5 } } }, /answer.values.seq must be text/],
      [{ type: 'course/answer', question: 'q1', answer: { kind: 'numbers', values: ['1'] } }, /answer.values must be an object/],
      [{ type: 'course/run', question: 'q1', which: 'both' }, /which must be "run" or "contrast"/],
      [{ type: 'course/reset', scope: 'everything' }, /scope must be "lesson" or "course"/],
      [{ type: 'course/sandbox', intent: { type: 'openInEditor' } }, /intent must be a sandbox intent/],
      [{ type: 'course/sandbox', intent: { type: 'sandbox/seek', position: 'end' } }, /position must be a whole number/],
      [{ type: 'sandbox/inject', to: 'C', flags: ['RST'], seq: 1, ack: null, len: 0 }, /to must be "A" or "B"/],
      [{ type: 'sandbox/inject', to: 'A', flags: ['RST', 'RST'], seq: 1, ack: null, len: 0 }, /listed twice/],
      [{ type: 'sandbox/inject', to: 'A', flags: ['URG'], seq: 1, ack: null, len: 0 }, /not a flag/],
      [{ type: 'sandbox/inject', to: 'A', flags: [], seq: 1, ack: null, len: 0 }, /flags must be a list/],
      [{ type: 'sandbox/inject', to: 'A', flags: ['RST'], seq: 2 ** 32, ack: null, len: 0 }, /seq must be a whole number/],
      [{ type: 'sandbox/inject', to: 'A', flags: ['ACK'], seq: 1, ack: null, len: 0 }, /ack must be a whole number .* with ACK/],
      [{ type: 'sandbox/inject', to: 'A', flags: ['SYN'], seq: 1, ack: 5, len: 0 }, /null without it/],
      [{ type: 'sandbox/inject', to: 'A', flags: ['SYN'], seq: 1, ack: null, len: 70000 }, /len must be/],
    ];
    for (const [m, pattern] of bad) {
      const r = parseWebviewMessage(m);
      assert.equal(r.ok, false, JSON.stringify(m));
      if (!r.ok) assert.match(r.error, pattern);
    }
  });
});

describe('saved view state', () => {
  it('reads back what was saved and rejects corrupt or outdated records', () => {
    assert.deepEqual(parseSavedViewState({ selection: { kind: 'state', id: 'LISTEN' }, zoom: 1, tab: 'sandbox' }), { selection: { kind: 'state', id: 'LISTEN' }, zoom: 1, tab: 'sandbox' });
    // Records from before the sandbox existed have no tab and open on the diagram.
    assert.deepEqual(parseSavedViewState({ selection: null, zoom: 'fit' }), { selection: null, zoom: 'fit', tab: 'diagram' });
    assert.equal(typeof parseSavedViewState({ selection: null, zoom: 'fit', tab: 'lessons' }), 'string');
    for (const bad of [null, 'x', [], { zoom: 'fit' }, { selection: { kind: 'state', id: 'SYN_SEND' }, zoom: 'fit' }, { selection: null, zoom: '100%' }]) {
      assert.equal(typeof parseSavedViewState(bad), 'string', JSON.stringify(bad));
    }
  });
});
