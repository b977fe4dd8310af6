/**
 * Fuzz: webview messages. Whatever arrives, the validator answers without throwing, never
 * touches Object.prototype, and what it accepts is a fixed point (validating it again gives
 * it back). Accepted sandbox intents, in any order, keep the host within its limits, and the
 * session they leave always reloads.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseWebviewMessage, sandboxCommand } from '../../../src/shared/protocol';
import type { SandboxIntent } from '../../../src/shared/protocol';
import { SandboxSession } from '../../../src/core/sandbox/session';
import { SandboxController } from '../../../src/core/sandbox/controller';
import { PresetLibrary } from '../../../src/core/sandbox/library';
import { MAX_IN_FLIGHT_OCTETS, MAX_IN_FLIGHT_SEGMENTS } from '../../../src/core/tcp/limits';
import { deep, hostile, key, oddNumber, oddString, params, prototypeIntact } from './common';

const TYPES = [
  'ready', 'setLanguage', 'openInEditor', 'selected', 'saveViewState', 'log',
  'sandbox/call', 'sandbox/network', 'sandbox/inject', 'sandbox/deliverAll', 'sandbox/advance', 'sandbox/seek', 'sandbox/branch', 'sandbox/reset', 'sandbox/settings', 'sandbox/preset', 'sandbox/export',
  'course/map', 'course/open', 'course/continue', 'course/goto', 'course/next', 'course/back', 'course/answer', 'course/help', 'course/reveal', 'course/run', 'course/review', 'course/reviewNext', 'course/reset', 'course/sandbox',
];

/** A message of a known type with fields drawn from hostile values and plausible ones. */
const message = fc
  .tuple(
    fc.constantFrom(...TYPES),
    fc.dictionary(
      fc.constantFrom('endpoint', 'call', 'bytes', 'action', 'segment', 'to', 'flags', 'seq', 'ack', 'len', 'position', 'branch', 'profile', 'variant', 'delayedAck', 'id', 'format', 'lesson', 'step', 'question', 'which', 'answer', 'scope', 'intent', 'language', 'selection', 'state', 'level', 'message', '__proto__', 'constructor'),
      fc.oneof(hostile, fc.constantFrom('A', 'B', 'send', 'connect', 'deliver', 'SYN', 'linux', 'svg', 'q1', 'lesson', 'run'), oddNumber, oddString, fc.constant({ kind: 'numbers', values: JSON.parse('{"__proto__": "1", "seq": "x"}') })),
      { maxKeys: 6 },
    ),
  )
  .map(([type, fields]) => ({ ...fields, type }));

describe('fuzz: webview messages', function () {
  this.timeout(60_000);

  it('never throws, never pollutes Object.prototype, and accepts only fixed points', () => {
    fc.assert(
      fc.property(fc.oneof(message, hostile, fc.constant(deep(10_000))), (raw) => {
        const r = parseWebviewMessage(raw);
        assert.ok(prototypeIntact());
        if (!r.ok) {
          assert.equal(typeof r.error, 'string');
          assert.ok(r.error.length < 500, 'a one-line reason');
          return;
        }
        const again = parseWebviewMessage(JSON.parse(JSON.stringify(r.message)));
        assert.ok(again.ok);
        assert.deepEqual(JSON.parse(JSON.stringify(again.message)), JSON.parse(JSON.stringify(r.message)));
      }),
      params(1010, 3000),
    );
  });

  it('keeps every accepted numbers field, whatever its name', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.string({ maxLength: 10 })), { maxLength: 8 }), (entries) => {
        const text = `{"type":"course/answer","question":"q1","answer":{"kind":"numbers","values":{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}}}`;
        const raw = JSON.parse(text) as { answer: { values: object } };
        const r = parseWebviewMessage(raw);
        if (!r.ok) return;
        const values = (r.message as { answer: { values: Record<string, string> } }).answer.values;
        assert.deepEqual(Object.keys(values), Object.keys(raw.answer.values));
        assert.ok(prototypeIntact());
      }),
      params(1011, 1000),
    );
  });

  const library = new PresetLibrary(readdirSync(join(__dirname, '..', '..', '..', 'scenarios')).map((name) => ({ name, text: readFileSync(join(__dirname, '..', '..', '..', 'scenarios', name), 'utf8') })));

  const intent = fc.oneof(
    { weight: 6, arbitrary: fc.record({ type: fc.constant('sandbox/call'), endpoint: fc.constantFrom('A', 'B'), call: fc.constantFrom('listen', 'connect', 'send', 'close', 'abort'), bytes: fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.constant(1_000_000)) }) },
    { weight: 6, arbitrary: fc.record({ type: fc.constantFrom('sandbox/deliverAll', 'sandbox/advance') }) },
    { weight: 6, arbitrary: fc.record({ type: fc.constant('sandbox/network'), action: fc.constantFrom('deliver', 'drop', 'duplicate'), segment: fc.nat(60) }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('sandbox/inject'), to: fc.constantFrom('A', 'B'), flags: fc.constantFrom(['SYN'], ['RST'], ['ACK'], ['FIN', 'ACK']), seq: fc.nat(), ack: fc.nat(), len: fc.nat(2000) }).map((i) => ({ ...i, ack: (i.flags as readonly string[]).includes('ACK') ? i.ack : null })) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('sandbox/seek'), position: fc.nat(40) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('sandbox/branch'), branch: fc.nat(4) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('sandbox/settings'), variant: fc.constantFrom('standard', 'two-way-handshake', 'no-time-wait') }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('sandbox/preset'), id: fc.constantFrom(...library.ids(), 'nope') }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('sandbox/export'), format: fc.constantFrom('mermaid', 'scenario', 'svg') }) },
  );

  it('a burst of sandbox intents keeps what is in flight within its limit, and the session always reloads', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(intent, { minLength: 1, maxLength: 60, size: 'max' }), (opened, intents) => {
        const c = new SandboxController(SandboxSession.create(), library);
        const handshake = [
          { type: 'sandbox/call', endpoint: 'B', call: 'listen' },
          { type: 'sandbox/call', endpoint: 'A', call: 'connect' },
          { type: 'sandbox/deliverAll' },
        ];
        for (const raw of [...(opened ? handshake : []), ...intents]) {
          const parsed = parseWebviewMessage(raw);
          assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
          const command = sandboxCommand(parsed.message as SandboxIntent);
          if (command) c.handle(command);
          const sim = c.session.simulator;
          for (const e of ['A', 'B'] as const) {
            const v = sim.endpoint(e);
            assert.ok(v.unacknowledged + v.pendingSend <= MAX_IN_FLIGHT_OCTETS + 2, `${e}: ${v.unacknowledged} + ${v.pendingSend} octets outstanding`);
            assert.ok(sim.inFlight(e).length <= MAX_IN_FLIGHT_SEGMENTS);
          }
        }
        const restored = SandboxSession.restoreOrCreate(JSON.parse(JSON.stringify(c.session.toRecord())));
        assert.equal(restored.problem, null);
        assert.equal(restored.session.position, c.session.position);
        assert.equal(restored.session.length, c.session.length);
        assert.equal(restored.session.branchCount, c.session.branchCount);
      }),
      params(1012, 150),
    );
  });
});
