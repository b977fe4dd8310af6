/**
 * Property tests: random sequences of calls, network steps and time on random options.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { EndpointId, Step, TraceEvent, VariantId } from '../../../../src/core/tcp';
import { Simulator, VARIANTS, seqLe } from '../../../../src/core/tcp';
import type { StateId } from '../../../../src/core/tcp/states';
import { TRANSITIONS } from '../../../../src/core/tcp/states';

type Intent =
  | { k: 'call'; e: EndpointId; call: 'listen' | 'connect' | 'send' | 'close' | 'abort'; bytes: number }
  | { k: 'deliver' | 'drop' | 'duplicate'; e: EndpointId; pick: number }
  | { k: 'advance'; s: number }
  | { k: 'flush' }
  | { k: 'inject'; to: EndpointId; flags: ('SYN' | 'FIN' | 'RST' | 'ACK')[]; seqOff: number; ackOff: number; len: number };

const endpoint = fc.constantFrom<EndpointId>('A', 'B');
const intent: fc.Arbitrary<Intent> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('call' as const), e: endpoint, call: fc.constantFrom('listen' as const, 'connect' as const, 'send' as const, 'close' as const, 'abort' as const), bytes: fc.integer({ min: 1, max: 3000 }) }) },
  { weight: 8, arbitrary: fc.record({ k: fc.constant('deliver' as const), e: endpoint, pick: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('drop' as const), e: endpoint, pick: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('duplicate' as const), e: endpoint, pick: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('advance' as const), s: fc.constantFrom(0.04, 0.2, 1, 3, 30, 61, 130, 300) }) },
  { weight: 2, arbitrary: fc.constant({ k: 'flush' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('inject' as const),
      to: endpoint,
      flags: fc.subarray(['SYN', 'FIN', 'RST', 'ACK'] as ('SYN' | 'FIN' | 'RST' | 'ACK')[]),
      seqOff: fc.integer({ min: -3, max: 3 }),
      ackOff: fc.integer({ min: -2, max: 2 }),
      len: fc.constantFrom(0, 0, 10),
    }),
  },
);

const options = fc.record({
  profile: fc.constantFrom('linux' as const, 'rfc9293' as const),
  variant: fc.constantFrom<VariantId>('standard', 'two-way-handshake', 'no-time-wait'),
  delayedAck: fc.boolean(),
  isn: fc.record({ A: fc.constantFrom(100, 0, 4294967290), B: fc.constantFrom(300, 2147483647, 4294967295) }),
});

/** Turn an intent into a step that can be carried out now (null: skip it). */
function toStep(sim: Simulator, i: Intent): Step | null {
  switch (i.k) {
    case 'call':
      return (i.call === 'send' ? { [i.e]: 'send', bytes: i.bytes } : { [i.e]: i.call }) as unknown as Step;
    case 'deliver':
    case 'drop':
    case 'duplicate': {
      const n = sim.inFlight(i.e).length;
      if (n === 0) return null;
      return { [i.k]: i.e, nth: 1 + (i.pick % n) } as unknown as Step;
    }
    case 'advance':
      return { advance: i.s };
    case 'flush':
      return { flush: true };
    case 'inject': {
      // Near the receiver's own numbers, so that some forgeries land in the window.
      const rcv = sim.endpoint(i.to).tcb;
      const seq = ((rcv.rcvNxt ?? 1000) + i.seqOff) >>> 0;
      const ack = ((rcv.sndNxt ?? 1000) + i.ackOff) >>> 0;
      const flags = i.flags;
      return { inject: { to: i.to, flags, seq, ack: flags.includes('ACK') ? ack : null, len: i.len } };
    }
  }
}

function isEdge(from: StateId, to: StateId, variant: VariantId): boolean {
  const origins = VARIANTS[variant].origins;
  return TRANSITIONS.some((t) => t.from === from && t.to === to && origins.includes(t.origin));
}

/** Every hop of an event is an edge of the diagram (or the variant), or a reset/abort/timeout to CLOSED. */
function checkMoves(e: TraceEvent, variant: VariantId): void {
  if (e.from === undefined || e.to === undefined) return;
  const states = [e.from, ...(e.via ?? []), e.to];
  for (let i = 1; i < states.length; i++) {
    const a = states[i - 1];
    const b = states[i];
    if (a === b) continue;
    if (isEdge(a, b, variant)) continue;
    const rst = e.cause === 'segment' && (e.segment?.flags.includes('RST') ?? false);
    const ok = b === 'CLOSED' && (e.cause === 'abort' || rst || e.giveUp === true || e.timer === 'time-wait' || e.timer === 'fin-wait-2');
    assert.ok(ok, `${a} -> ${b} on ${e.cause}${e.timer ? `:${e.timer}` : ''} is not an edge (${JSON.stringify(e)})`);
  }
  // The reported transition id, if any, joins from and to.
  if (e.transition) {
    const t = TRANSITIONS.find((x) => x.id === e.transition);
    assert.ok(t && t.from === e.from && t.to === e.to, `transition ${e.transition} does not join ${e.from} and ${e.to}`);
  }
}

describe('simulator properties (fast-check)', function () {
  this.timeout(30_000);

  it('random stories never throw, move only along the diagram, and never move sequence numbers backwards', () => {
    fc.assert(
      fc.property(options, fc.boolean(), fc.array(intent, { maxLength: 40, size: 'max' }), (opts, openFirst, intents) => {
        const sim = new Simulator(opts);
        if (openFirst) for (const s of [{ B: 'listen' }, { A: 'connect' }, { flush: true }] as Step[]) sim.apply(s);
        for (const i of intents) {
          const step = toStep(sim, i);
          if (step === null) continue;
          const before = { A: sim.endpoint('A'), B: sim.endpoint('B') };
          const events = sim.apply(step);
          for (const e of events) checkMoves(e, opts.variant);
          for (const id of ['A', 'B'] as const) {
            const after = sim.endpoint(id);
            const tcb = after.tcb;
            if (tcb.sndUna !== null && tcb.sndNxt !== null) assert.ok(seqLe(tcb.sndUna, tcb.sndNxt), `${id}: SND.UNA ${tcb.sndUna} > SND.NXT ${tcb.sndNxt}`);
            // Same connection throughout the step: nothing went through CLOSED or LISTEN.
            const restarted = events.some((e) => e.endpoint === id && e.to !== undefined && [e.to, ...(e.via ?? [])].some((s) => s === 'CLOSED' || s === 'LISTEN'));
            const b = before[id].tcb;
            if (restarted || b.iss === null || tcb.iss === null) continue;
            for (const k of ['sndUna', 'sndNxt', 'rcvNxt'] as const) {
              const x = b[k];
              const y = tcb[k];
              if (x !== null && y !== null) assert.ok(seqLe(x, y), `${id}.${k} went back from ${x} to ${y} on ${JSON.stringify(step)}`);
            }
          }
        }
      }),
      { numRuns: 1500, seed: 793 },
    );
  });

  it('with nothing in flight, one end is never ESTABLISHED while the other is CLOSED, unless a loss or abort explains it', () => {
    const calm = fc.oneof(
      { weight: 3, arbitrary: fc.record({ k: fc.constant('call' as const), e: endpoint, call: fc.constantFrom('listen' as const, 'connect' as const, 'send' as const, 'close' as const, 'abort' as const), bytes: fc.integer({ min: 1, max: 3000 }) }) },
      { weight: 6, arbitrary: fc.record({ k: fc.constant('deliver' as const), e: endpoint, pick: fc.nat(5) }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('drop' as const), e: endpoint, pick: fc.nat(5) }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('advance' as const), s: fc.constantFrom(0.04, 0.2, 1, 61, 300) }) },
      { weight: 2, arbitrary: fc.constant({ k: 'flush' as const }) },
    ) as fc.Arbitrary<Intent>;
    fc.assert(
      fc.property(options, fc.boolean(), fc.array(calm, { maxLength: 40, size: 'max' }), (opts, openFirst, intents) => {
        const sim = new Simulator(opts);
        // Half the stories start from an open connection, where the property has teeth.
        if (openFirst) for (const s of [{ B: 'listen' }, { A: 'connect' }, { flush: true }] as Step[]) sim.apply(s);
        let explained = false;
        const trace: string[] = [];
        for (const i of intents) {
          const step = toStep(sim, i);
          if (step === null) continue;
          trace.push(JSON.stringify(step));
          for (const e of sim.apply(step)) {
            if (e.cause === 'drop' || e.cause === 'abort' || e.giveUp || e.timer === 'fin-wait-2') explained = true;
          }
          if (explained || sim.inFlight('A').length > 0 || sim.inFlight('B').length > 0) continue;
          const a = sim.state('A');
          const b = sim.state('B');
          const half = (a === 'ESTABLISHED' && b === 'CLOSED') || (a === 'CLOSED' && b === 'ESTABLISHED');
          assert.ok(!half, `A ${a}, B ${b} with nothing in flight after ${trace.join(' ')}`);
        }
      }),
      { numRuns: 1500, seed: 1122 },
    );
  });
});
