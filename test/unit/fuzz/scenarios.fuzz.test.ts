/**
 * Fuzz: scenario texts. Parsing and the editor check never throw, whatever the text; every
 * problem has a range inside the text; the sliced check agrees with the one-go check; what
 * parses stays within the limits, runs to its end or stops with a ScenarioRunError, and
 * plays in the sandbox in a session that saves and reloads, and exports to a file that
 * parses again.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioTexts } from '../../../src/core/scenarioFiles/check';
import { checkScenarioText, normalizeText, scenarioCheckJob, splitLines } from '../../../src/core/scenarioFiles/check';
import { ScenarioRunError, parseScenario, runScenario } from '../../../src/core/tcp/scenario';
import { MAX_STEPS } from '../../../src/core/tcp/limits';
import { SandboxSession } from '../../../src/core/sandbox/session';
import { toScenarioJson, toSvg } from '../../../src/host/sandbox/export';
import { SandboxController } from '../../../src/core/sandbox/controller';
import { PresetLibrary } from '../../../src/core/sandbox/library';
import { sandboxTitle } from '../../../src/host/sandbox/presenter';
import { hostile, oddString, params, prototypeIntact } from './common';

const ROOT = join(__dirname, '..', '..', '..');
const LIBRARY = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.tcp.json'))
  .map((f) => readFileSync(join(ROOT, 'scenarios', f), 'utf8'));

const TEXTS: ScenarioTexts = {
  emptyFile: 'EMPTY',
  checkFailed: (d) => `FAILED ${d}`,
  nestedTooDeeply: 'DEEP',
  playLens: 'Play',
  fixLens: 'Fix',
  atLine: (l, m) => `${l}: ${m}`,
  moreProblems: (n) => `${n} more`,
};

const goodStep = fc.oneof(
  fc.record({ A: fc.constantFrom('listen', 'connect', 'close', 'abort') }),
  fc.record({ B: fc.constantFrom('listen', 'connect', 'close', 'abort') }),
  fc.record({ A: fc.constant('send'), bytes: fc.oneof(fc.integer({ min: 1, max: 70_000 }), fc.constantFrom(1_000_000, 1_000_001, 0, -1)) }),
  fc.record({ deliver: fc.constantFrom('A', 'B') }),
  fc.record({ drop: fc.constantFrom('A', 'B'), nth: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ duplicate: fc.constantFrom('A', 'B') }),
  fc.record({ advance: fc.constantFrom(0, 0.2, 1, 61, 86_400) }),
  fc.constant({ flush: true }),
  fc.record({ inject: fc.record({ to: fc.constantFrom('A', 'B'), flags: fc.constantFrom(['SYN'], ['RST'], ['SYN', 'ACK']), seq: fc.nat(), ack: fc.nat() }) }).map((s) => ({
    inject: { ...s.inject, ack: (s.inject.flags as readonly string[]).includes('ACK') ? s.inject.ack : null },
  })),
);
const step = fc.oneof({ weight: 80, arbitrary: goodStep }, { weight: 1, arbitrary: hostile });

const scenario = fc.record(
  {
    title: fc.oneof(oddString, oddString, fc.string({ maxLength: 210 })),
    description: oddString,
    profile: fc.constantFrom('linux', 'rfc9293', 'linux', 'bsd'),
    variant: fc.constantFrom('standard', 'two-way-handshake', 'no-time-wait'),
    delayedAck: fc.boolean(),
    steps: fc.array(step, { maxLength: 40, size: 'max' }),
  },
  { requiredKeys: ['steps'] },
);

/** Text edits: insert, delete or replace a few characters anywhere. */
const mutated = fc
  .tuple(fc.oneof(fc.constantFrom(...LIBRARY), scenario.map((s) => JSON.stringify(s, null, 2))), fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.constantFrom('', '{', '}', '[', ']', '"', ':', ',', '\n', '\r', '\r\n', '\\', '\ufeff', '\u0000', '\ud800', '1e999', '-', 'null', '"__proto__":1,', '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[')), { maxLength: 4 }))
  .map(([text, edits]) => {
    let t = text;
    for (const [at, del, ins] of edits) {
      const i = at % (t.length + 1);
      t = t.slice(0, i) + ins + t.slice(i + del);
    }
    return t;
  });

function rangesInside(text: string, check: ReturnType<typeof checkScenarioText>): void {
  if (check.ok) return;
  const lines = splitLines(normalizeText(text));
  assert.ok(check.problems.length > 0 && check.problems.length <= 101);
  for (const p of check.problems) {
    const r = p.range;
    assert.equal(r.startLine, r.endLine);
    assert.ok(r.startLine >= 0 && r.startLine < Math.max(lines.length, 1));
    const line = lines[r.startLine] ?? '';
    assert.ok(0 <= r.startCharacter && r.startCharacter <= r.endCharacter && r.endCharacter <= line.length, `${JSON.stringify(r)} in ${JSON.stringify(line.slice(0, 80))}`);
    assert.equal(p.line, r.startLine + 1);
  }
}

describe('fuzz: scenario texts and the scenario-file check', function () {
  this.timeout(120_000);

  it('parse and check never throw; ranges are inside the text; the sliced check agrees', () => {
    fc.assert(
      fc.property(fc.oneof(mutated, scenario.map((s) => JSON.stringify(s)), hostile.map((v) => JSON.stringify(v) ?? '')), (text) => {
        const parsed = parseScenario(text);
        assert.ok(prototypeIntact());
        if (parsed.ok) assert.ok(parsed.scenario.steps.length <= MAX_STEPS);
        const check = checkScenarioText(text, TEXTS);
        rangesInside(text, check);
        const job = scenarioCheckJob(text, TEXTS);
        while (!job.advance()) {
          // piece by piece
        }
        assert.deepEqual(job.result(), check);
      }),
      params(3030, 1500),
    );
  });

  it('what parses runs or stops with a ScenarioRunError, and plays in a session that saves, reloads and exports', () => {
    const library = new PresetLibrary([]);
    let played = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        const parsed = parseScenario(JSON.stringify(s));
        if (!parsed.ok) return;
        played++;
        try {
          runScenario(parsed.scenario);
        } catch (e) {
          assert.ok(e instanceof ScenarioRunError, String(e));
        }
        const session = SandboxSession.fromScenario(parsed.scenario, null, parsed.scenario.title ?? null);
        session.seek(session.length);
        const restored = SandboxSession.restoreOrCreate(JSON.parse(JSON.stringify(session.toRecord())));
        assert.equal(restored.problem, null);
        assert.equal(restored.session.length, session.length);
        const c = new SandboxController(session, library);
        const title = sandboxTitle(c, () => undefined, 'en') ?? 'untitled';
        const again = parseScenario(toScenarioJson(session.settings, session.stepsSoFar(), title));
        assert.ok(again.ok, again.ok ? '' : again.errors[0].message);
        assert.equal(again.scenario.steps.length, session.length);
        assert.doesNotMatch(toSvg(c.rows(), title), /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
      }),
      params(3031, 400),
    );
    assert.ok(played > 100, `only ${played} of 400 scenarios parsed`);
  });
});
