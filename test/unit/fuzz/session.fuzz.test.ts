/**
 * Fuzz: the sandbox's timeline. Going back uses checkpoints of the world instead of
 * replaying the whole story; whatever the moves, the world and the events at a position
 * are exactly those of a fresh replay to it, and going back on a long story replays at most
 * a checkpoint's worth of steps.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SandboxSession } from '../../../src/core/sandbox/session';
import { parseScenario } from '../../../src/core/tcp/scenario';
import type { NormalizedStep, Scenario } from '../../../src/core/tcp';
import { params } from './common';

const ROOT = join(__dirname, '..', '..', '..');
const PRESETS: Scenario[] = readdirSync(join(ROOT, 'scenarios'))
  .map((f) => parseScenario(readFileSync(join(ROOT, 'scenarios', f), 'utf8')))
  .flatMap((p) => (p.ok ? [p.scenario] : []));

/** A long story: the handshake, then rounds of data, with a wrinkle every so often. */
function longStory(rounds: number): Scenario {
  const steps: NormalizedStep[] = [
    { kind: 'call', endpoint: 'B', call: 'listen', bytes: 0 },
    { kind: 'call', endpoint: 'A', call: 'connect', bytes: 0 },
    { kind: 'flush' },
  ];
  for (let i = 0; i < rounds; i++) {
    steps.push({ kind: 'call', endpoint: i % 3 ? 'A' : 'B', call: 'send', bytes: 100 + i }, i % 7 === 0 ? { kind: 'advance', ms: 1000 } : { kind: 'flush' });
  }
  const base = PRESETS[0];
  return { ...base, title: 'long', steps };
}

const fresh = (s: SandboxSession) => {
  const again = SandboxSession.restoreOrCreate(JSON.parse(JSON.stringify(s.toRecord())));
  assert.equal(again.problem, null);
  return again.session;
};

describe('fuzz: the sandbox timeline with checkpoints', function () {
  this.timeout(120_000);

  it('after any seeks, the world and the events equal a fresh replay to the same position', () => {
    const stories = [...PRESETS, longStory(260)];
    fc.assert(
      fc.property(fc.nat(stories.length - 1), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }), (which, moves) => {
        const s = SandboxSession.fromScenario(stories[which], null, null);
        for (const m of moves) s.seek(Math.round(m * s.length));
        const f = fresh(s);
        assert.equal(f.position, s.position);
        assert.deepEqual(f.simulator.snapshot(), s.simulator.snapshot());
        assert.equal(f.simulator.eventCount, s.simulator.eventCount);
        assert.deepEqual(JSON.parse(JSON.stringify(f.history)), JSON.parse(JSON.stringify(s.history)));
      }),
      params(4040, 60),
    );
  });

  it('a step taken after going back forks the story the same way a fresh session does', () => {
    const s = SandboxSession.fromScenario(longStory(200), null, null);
    s.seek(s.length);
    s.seek(150);
    s.apply({ kind: 'call', endpoint: 'A', call: 'close', bytes: 0 });
    assert.equal(s.branchCount, 2);
    s.seek(120);
    s.seek(151);
    const f = fresh(s);
    assert.deepEqual(f.simulator.snapshot(), s.simulator.snapshot());
    assert.deepEqual(JSON.parse(JSON.stringify(f.history)), JSON.parse(JSON.stringify(s.history)));
  });
});
