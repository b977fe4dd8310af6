import { strict as assert } from 'node:assert';
import { parseSavedViewState, parseWebviewMessage } from '../../src/protocol';

describe('webview message validation', () => {
  it('accepts every well-formed message', () => {
    const good: unknown[] = [
      { type: 'ready' },
      { type: 'openInEditor' },
      { type: 'setLanguage', language: 'zh-cn' },
      { type: 'setLanguage', language: 'auto' },
      { type: 'selected', selection: null },
      { type: 'selected', selection: { kind: 'state', id: 'TIME-WAIT' } },
      { type: 'selected', selection: { kind: 'transition', id: 'syn-sent-established' } },
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
      [{ type: 'selected' }, /selection must be an object or null/],
      [{ type: 'selected', selection: { kind: 'state', id: 'SYN_SEND' } }, /unknown state "SYN_SEND"/],
      [{ type: 'selected', selection: { kind: 'transition', id: 'listen-established' } }, /unknown transition/],
      [{ type: 'selected', selection: { kind: 'edge', id: 'x' } }, /kind must be "state" or "transition"/],
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
