/**
 * The limits of the scenario format (src/core/tcp/limits.ts): each is checked with a message
 * naming it, the parser never throws however the text is shaped, and whatever plays in the
 * sandbox also saves and reloads.
 */
import { strict as assert } from 'node:assert';
import { parseScenario, runScenario } from '../../../../src/core/tcp/scenario';
import { Simulator, StepError } from '../../../../src/core/tcp/simulator';
import { SandboxSession } from '../../../../src/core/sandbox/session';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as limits from '../../../../src/core/tcp/limits';

const open = ['{"B": "listen"}', '{"A": "connect"}', '{"flush": true}'];
const scenarioText = (steps: readonly string[], extra = '') => `{${extra}"steps": [\n${steps.join(',\n')}\n]}\n`;

describe('scenario limits', () => {
  it('a send that would make a connection hold more than 1,000,000 octets is refused, naming the limit (a 4 KB file no longer queues 150 MB)', () => {
    const steps = [...open];
    while (steps.length < 150) steps.push('{"A": "send", "bytes": 1000000}');
    steps.push('{"flush": true}');
    const parsed = parseScenario(scenarioText(steps));
    assert.ok(parsed.ok);
    assert.throws(
      () => runScenario(parsed.scenario),
      (e: Error) => /steps\[4\]: send: A's connection already holds 1,000,000 octets unsent or unacknowledged, and 1,000,000 more would pass the limit of 1,000,000 octets a connection holds to send/.test(e.message),
    );
  });

  it('counts octets unsent and unacknowledged; the peer\'s window bounds what is on the wire', () => {
    const sim = new Simulator();
    sim.apply({ B: 'listen' });
    sim.apply({ A: 'connect' });
    sim.apply({ A: 'send', bytes: 600_000 });
    assert.throws(() => sim.apply({ A: 'send', bytes: 500_000 }), (e: Error) => e instanceof StepError && /A's connection already holds 600,000 octets unsent or unacknowledged/.test(e.message));
    sim.apply({ A: 'send', bytes: 400_000 });
    sim.flush();
    // Delivered and acknowledged: room again, and no more than a window on the wire.
    sim.apply({ A: 'send', bytes: 1_000_000 });
    const inFlight = sim.inFlight('A').reduce((n, s) => n + s.len, 0);
    assert.ok(inFlight <= 65535, `${inFlight} octets on the wire`);
  });

  it('the network holds at most 10,000 segments in flight per direction', () => {
    const sim = new Simulator();
    for (const s of [{ B: 'listen' }, { A: 'connect' }, { flush: true }, { A: 'send', bytes: 10 }] as const) sim.apply(s);
    for (let i = 1; i < 10_000; i++) sim.apply({ duplicate: 'A' });
    assert.throws(() => sim.apply({ duplicate: 'A' }), (e: Error) => e instanceof StepError && /10,001 segments would be in flight from A; the network holds at most 10,000 per direction/.test(e.message));
  });

  it('one flush delivers at most 10,000 segments, and says so', () => {
    const sim = new Simulator();
    for (const s of [{ B: 'listen' }, { A: 'connect' }, { flush: true }, { A: 'send', bytes: 10 }] as const) sim.apply(s);
    const snap = sim.snapshot();
    // 12,000 copies of the data segment in flight (as many duplicate steps would make).
    const seg = snap.flight.A[0];
    const flood = Array.from({ length: 12000 }, (_, i) => ({ ...seg, id: snap.nextId + i }));
    const big = Simulator.restore({ ...snap, nextId: snap.nextId + flood.length, flight: { A: flood, B: [] } });
    assert.throws(() => big.flush(), (e: Error) => e instanceof StepError && /after 10,000 segments, the limit of one flush/.test(e.message));
  });

  it('a scenario holds at most 5,000 steps, and whatever parses also saves and reloads in the sandbox', () => {
    for (const n of [4999, 5000, 5001, 20000]) {
      const steps = [...open];
      while (steps.length < n) steps.push('{"advance": 0.001}');
      const parsed = parseScenario(scenarioText(steps));
      if (n > 5000) {
        assert.ok(!parsed.ok, `${n} steps must be refused`);
        assert.match(parsed.errors[0].message, new RegExp(`the scenario has ${n.toLocaleString('en-US')} steps; the limit is 5,000 steps`));
        continue;
      }
      assert.ok(parsed.ok, `${n} steps parse`);
      const session = SandboxSession.fromScenario(parsed.scenario, null, 'long');
      session.seek(n);
      const record = JSON.parse(JSON.stringify(session.toRecord())) as unknown;
      const restored = SandboxSession.restoreOrCreate(record);
      assert.equal(restored.problem, null, `a played scenario of ${n} steps reloads`);
      assert.equal(restored.session.length, n);
      assert.equal(restored.session.position, n);
    }
  });

  it('reports 20,000 bad steps on one line as the step limit and a bounded list of problems', () => {
    const line = `{"steps": [${Array.from({ length: 20000 }, () => '{"A": "fly"}').join(', ')}]}`;
    const parsed = parseScenario(line);
    assert.ok(!parsed.ok);
    assert.ok(parsed.errors.length <= 5001, `${parsed.errors.length} errors`);
    assert.ok(parsed.errors.some((e) => /the limit is 5,000 steps/.test(e.message)));
  });

  it('never throws on very deep JSON: 100,000 nested arrays or objects give one message naming the depth limit', () => {
    for (const text of ['['.repeat(100000), `{"steps": ${'['.repeat(100000)}${']'.repeat(100000)}}`, `${'{"a":'.repeat(100000)}1${'}'.repeat(100000)}`]) {
      const r = parseScenario(text);
      assert.ok(!r.ok);
      assert.equal(r.errors.length, 1);
      assert.match(r.errors[0].message, /nests deeper than 32 levels, the limit/);
    }
  });

  it('refuses a 10 MB description at once, naming the file size limit, and a long title or description naming theirs', () => {
    const huge = `{"description": "${'x'.repeat(10 * 1024 * 1024)}", "steps": []}`;
    const r = parseScenario(huge);
    assert.ok(!r.ok);
    assert.match(r.errors[0].message, /the file has 10,485,7\d\d characters; a scenario file holds at most 1,000,000/);
    const long = parseScenario(`{"description": "${'x'.repeat(10001)}", "title": "${'t'.repeat(201)}", "steps": []}`);
    assert.ok(!long.ok);
    assert.deepEqual(
      long.errors.map((e) => e.message),
      ['"title" has 201 characters; the limit is 200', '"description" has 10,001 characters; the limit is 10,000'],
    );
  });

  it('keeps "__proto__", "constructor" and "prototype" keys as the text has them (reported as unknown properties)', () => {
    const r = parseScenario('{"steps": [], "__proto__": {"steps": 1}, "constructor": 1, "prototype": 2}');
    assert.ok(!r.ok);
    assert.deepEqual(
      r.errors.map((e) => e.message.slice(0, 30)),
      ['unknown property "__proto__" (', 'unknown property "constructor"', 'unknown property "prototype" ('],
    );
    const step = parseScenario('{"steps": [{"A": "connect", "__proto__": 1}]}');
    assert.ok(!step.ok);
    assert.match(step.errors[0].message, /unknown property "__proto__" in a "connect" step/);
  });

  it('publishes the same limits in the JSON schema and in docs/scenario-format.md', () => {
    const root = join(__dirname, '..', '..', '..', '..');
    const schema = JSON.parse(readFileSync(join(root, 'schemas', 'scenario.schema.json'), 'utf8'));
    assert.equal(schema.properties.title.maxLength, limits.MAX_TITLE_CHARS);
    assert.equal(schema.properties.description.maxLength, limits.MAX_DESCRIPTION_CHARS);
    assert.equal(schema.properties.steps.maxItems, limits.MAX_STEPS);
    assert.ok(JSON.stringify(schema).includes(`"minimum":1,"maximum":${limits.MAX_SEND_OCTETS}`), 'bytes of a send');
    const docs = readFileSync(join(root, 'docs', 'scenario-format.md'), 'utf8');
    for (const n of [limits.MAX_SCENARIO_CHARS, limits.MAX_JSON_DEPTH, limits.MAX_STEPS, limits.MAX_TITLE_CHARS, limits.MAX_DESCRIPTION_CHARS, limits.MAX_SEND_OCTETS, limits.MAX_IN_FLIGHT_OCTETS, limits.MAX_IN_FLIGHT_SEGMENTS, limits.MAX_FLUSH_SEGMENTS, limits.MAX_EVENTS, limits.MAX_REPORTED_PROBLEMS]) {
      assert.ok(docs.includes(limits.formatCount(n)), `docs/scenario-format.md states ${limits.formatCount(n)}`);
    }
  });

  it('a story holds at most 100,000 events: the run stops, the check says so, the sandbox refuses the step and reloads', () => {
    const steps = [...open];
    while (steps.length + 2 <= 5000) steps.push('{"A": "send", "bytes": 1000000}', '{"flush": true}');
    const text = scenarioText(steps);
    assert.ok(text.length < 200_000, 'a small file');
    const parsed = parseScenario(text);
    assert.ok(parsed.ok);
    let stopped = -1;
    assert.throws(
      () => runScenario(parsed.scenario),
      (e: Error) => {
        stopped = (e as unknown as { step: number }).step;
        return /this step makes the story \d{3},\d{3} events long; a story holds at most 100,000 events/.test(e.message);
      },
    );
    assert.ok(stopped > 3 && stopped < 200, `stopped at step ${stopped}`);
    const session = SandboxSession.fromScenario(parsed.scenario, null, null);
    assert.equal(session.length, stopped, 'the sandbox keeps the steps within the limit');
    session.seek(session.length);
    assert.throws(() => session.apply({ kind: 'flush' }), /a story holds at most 100,000 events; reset the sandbox/);
    assert.throws(() => session.apply({ kind: 'flush' }), /a story holds at most 100,000 events/, 'refused again: the count survives a refusal');
    const restored = SandboxSession.restoreOrCreate(JSON.parse(JSON.stringify(session.toRecord())));
    assert.equal(restored.problem, null);
    assert.equal(restored.session.length, stopped);
  });

  it('every preset story, played in the sandbox and forked at any step, saves and reloads', () => {
    const dir = join(__dirname, '..', '..', '..', '..', 'scenarios');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.tcp.json'))) {
      const parsed = parseScenario(readFileSync(join(dir, name), 'utf8'));
      assert.ok(parsed.ok, name);
      const session = SandboxSession.fromScenario(parsed.scenario, name, null);
      const record = JSON.parse(JSON.stringify(session.toRecord())) as unknown;
      const restored = SandboxSession.restoreOrCreate(record);
      assert.equal(restored.problem, null, `${name}: ${restored.problem}`);
      assert.equal(restored.session.length, session.length, name);
      // And it reloads as the same story: the same world at its end (settings and all).
      session.seek(session.length);
      restored.session.seek(restored.session.length);
      assert.deepEqual(restored.session.simulator.snapshot(), session.simulator.snapshot(), name);
    }
  });
});
