/**
 * Property tests: random sequences of calls, network steps and time on random options.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { EndpointId, Step, TraceEvent, VariantId } from '../../../../src/core/tcp';
import { Simulator, StepError, VARIANTS, seqLe } from '../../../../src/core/tcp';
import type { StateId } from '../../../../src/core/tcp/states';
import { TRANSITIONS } from '../../../../src/core/tcp/states';

type SockCall = 'shutdown' | 'read' | 'accept' | 'keepalive' | 'kill' | 'crash' | 'reboot';
type Intent =
  | { k: 'call'; e: EndpointId; call: 'listen' | 'connect' | 'send' | 'close' | 'abort'; bytes: number }
  | { k: 'sock'; e: EndpointId; call: SockCall; conn: number; linger: boolean }
  | { k: 'deliver' | 'drop' | 'duplicate'; e: EndpointId; pick: number }
  | { k: 'advance'; s: number }
  | { k: 'flush' }
  | { k: 'inject'; to: EndpointId; flags: ('SYN' | 'FIN' | 'RST' | 'ACK')[]; seqOff: number; ackOff: number; len: number };

const endpoint = fc.constantFrom<EndpointId>('A', 'B');
const intent: fc.Arbitrary<Intent> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('call' as const), e: endpoint, call: fc.constantFrom('listen' as const, 'connect' as const, 'send' as const, 'close' as const, 'abort' as const), bytes: fc.integer({ min: 1, max: 3000 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('sock' as const),
      e: endpoint,
      call: fc.constantFrom<SockCall>('shutdown', 'shutdown', 'read', 'read', 'accept', 'keepalive', 'kill', 'crash', 'reboot'),
      conn: fc.nat(3),
      linger: fc.boolean(),
    }),
  },
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
  profile: fc.constantFrom('linux' as const, 'linux-classic' as const, 'rfc9293' as const),
  variant: fc.constantFrom<VariantId>('standard', 'two-way-handshake', 'no-time-wait'),
  delayedAck: fc.boolean(),
  isn: fc.record({ A: fc.constantFrom(100, 0, 4294967290), B: fc.constantFrom(300, 2147483647, 4294967295) }),
});

/** Turn an intent into a step that can be carried out now (null: skip it). */
function toStep(sim: Simulator, i: Intent): Step | null {
  switch (i.k) {
    case 'call':
      if (sim.host(i.e).down) return null;
      return (i.call === 'send' ? { [i.e]: 'send', bytes: i.bytes } : { [i.e]: i.call }) as unknown as Step;
    case 'sock': {
      const n = sim.host(i.e).conns.length;
      const conn = i.conn > 0 && n > 0 ? { conn: 1 + (i.conn % n) } : {};
      if (sim.host(i.e).down && i.call !== 'reboot') return null;
      if (i.call === 'shutdown' || i.call === 'read') return { [i.e]: i.call, ...conn } as unknown as Step;
      if (i.call === 'keepalive') return { [i.e]: 'keepalive', idle: 5, interval: 1, count: 2, ...conn } as unknown as Step;
      return { [i.e]: i.call } as unknown as Step;
    }
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
      if (sim.host(i.to).down) return null;
      const seq = ((rcv.rcvNxt ?? 1000) + i.seqOff) >>> 0;
      const ack = ((rcv.sndNxt ?? 1000) + i.ackOff) >>> 0;
      const flags = i.flags;
      return { inject: { to: i.to, flags, seq, ack: flags.includes('ACK') ? ack : null, len: i.len } };
    }
  }
}

/** Every connection's TCB, keyed by host and number. */
function tcbs(sim: Simulator): Map<string, { state: StateId; iss: number | null; sndUna: number | null; sndNxt: number | null; rcvNxt: number | null }> {
  const out = new Map<string, { state: StateId; iss: number | null; sndUna: number | null; sndNxt: number | null; rcvNxt: number | null }>();
  for (const id of ['A', 'B'] as const) for (const c of sim.host(id).conns) out.set(`${id}${c.conn}`, { state: c.state, iss: c.iss, sndUna: c.sndUna, sndNxt: c.sndNxt, rcvNxt: c.rcvNxt });
  return out;
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
    const ok =
      b === 'CLOSED' &&
      (e.cause === 'abort' || rst || e.giveUp === true || e.timer === 'time-wait' || e.timer === 'fin-wait-2' || e.timer === 'keepalive' || e.cause === 'crash' || e.cause === 'reboot' || e.rule === 'close-unread-rst' || e.rule === 'linger-rst' || e.rule === 'orphan-data-rst' || e.rule === 'listener-closed-rst' || e.rule === 'time-wait-syn-reuse' || (e.cause === 'kill' && a === 'SYN-RECEIVED'));
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
          const before = tcbs(sim);
          const events = sim.apply(step);
          for (const e of events) checkMoves(e, opts.variant);
          const after = tcbs(sim);
          for (const [key, tcb] of after) {
            if (tcb.sndUna !== null && tcb.sndNxt !== null) assert.ok(seqLe(tcb.sndUna, tcb.sndNxt), `${key}: SND.UNA ${tcb.sndUna} > SND.NXT ${tcb.sndNxt}`);
            const b = before.get(key);
            if (b === undefined || b.iss === null || tcb.iss === null || tcb.state === 'CLOSED' || tcb.state === 'LISTEN') continue;
            for (const k of ['sndUna', 'sndNxt', 'rcvNxt'] as const) {
              const x = b[k];
              const y = tcb[k];
              if (x !== null && y !== null) assert.ok(seqLe(x, y), `${key}.${k} went back from ${x} to ${y} on ${JSON.stringify(step)}`);
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
            if (e.cause === 'drop' || e.cause === 'abort' || e.giveUp || e.timer === 'fin-wait-2' || e.rule === 'orphan-data-rst' || e.rule === 'close-unread-rst') explained = true;
          }
          if (explained || sim.inFlight('A').length > 0 || sim.inFlight('B').length > 0) continue;
          // Per connection pair: an ESTABLISHED end whose peer connection is CLOSED is half-open.
          for (const c of sim.connections()) {
            if (c.state !== 'ESTABLISHED') continue;
            const peer = sim.connections().filter((d) => d.host !== c.host && d.local === c.remote && d.remote === c.local);
            const last = peer[peer.length - 1];
            assert.ok(last === undefined || last.state !== 'CLOSED', `${c.host}${c.conn} ESTABLISHED, its peer CLOSED with nothing in flight after ${trace.join(' ')}`);
          }
        }
      }),
      { numRuns: 1500, seed: 1122 },
    );
  });

  const sockOptions = fc.record({
    profile: fc.constantFrom('linux' as const, 'linux-classic' as const, 'rfc9293' as const),
    variant: fc.constantFrom<VariantId>('standard', 'standard', 'two-way-handshake', 'no-time-wait'),
    delayedAck: fc.boolean(),
    isn: fc.record({ A: fc.constantFrom<number | number[]>(100, [100, 5000, 9000]), B: fc.constantFrom<number | number[]>(300, [300, 7000]) }),
    rcvBuf: fc.constantFrom<number | { A: number; B: number }>(65535, 3000, { A: 65535, B: 1000 }),
    autoRead: fc.constantFrom<boolean | { A: boolean; B: boolean }>(true, false, { A: true, B: false }),
    autoAccept: fc.boolean(),
    syncookies: fc.boolean(),
    abortOnOverflow: fc.boolean(),
    somaxconn: fc.constantFrom(4096, 1),
  });

  /** Steps of the sockets layer: any call with any argument, network steps, time. */
  const anyStep: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ e: endpoint, call: fc.constantFrom('listen', 'connect', 'send', 'close', 'abort', 'shutdown', 'read', 'accept', 'keepalive', 'crash', 'reboot', 'kill'), conn: fc.option(fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant('listen' as const)), { nil: undefined }), port: fc.option(fc.constantFrom(80, 5000, 40000), { nil: undefined }), linger: fc.boolean(), reuse: fc.boolean(), backlog: fc.constantFrom(0, 1, 128) }).map((r) => {
      const st: Record<string, unknown> = { [r.e]: r.call };
      if (r.call === 'send') st.bytes = 2000;
      if (r.call === 'read') st.bytes = 500;
      if (['send', 'close', 'abort', 'shutdown', 'read', 'keepalive'].includes(r.call) && r.conn !== undefined) st.conn = r.conn;
      if (r.call === 'close' && r.linger) st.linger = 0;
      if (r.call === 'listen') {
        st.backlog = r.backlog;
        st.reuseAddr = r.reuse;
        if (r.port !== undefined) st.port = r.port;
      }
      if (r.call === 'connect') {
        st.reuseAddr = r.reuse;
        if (r.port !== undefined) st.port = r.port === 80 ? 40000 : r.port;
      }
      if (r.call === 'keepalive') Object.assign(st, { idle: 3, interval: 1, count: 2 });
      return st as unknown as Step;
    }),
    fc.record({ deliver: endpoint, nth: fc.integer({ min: 1, max: 3 }) }) as fc.Arbitrary<Step>,
    fc.record({ deliver: endpoint }) as fc.Arbitrary<Step>,
    fc.record({ deliver: endpoint }) as fc.Arbitrary<Step>,
    fc.record({ drop: endpoint }) as fc.Arbitrary<Step>,
    fc.constantFrom<Step>({ advance: 0.2 }, { advance: 1 }, { advance: 5 }, { advance: 61 }, { advance: 200 }, { flush: true }),
    fc.record({ to: endpoint, flags: fc.constantFrom<('SYN' | 'ACK' | 'RST')[]>(['SYN'], ['ACK'], ['RST']), seq: fc.constantFrom(50, 101, 301, 9999), sport: fc.constantFrom(40000, 40001, 80) }).map(
      (r) => ({ inject: { to: r.to, flags: r.flags, seq: r.seq, ack: r.flags.includes('ACK') ? 301 : null, sport: r.sport } }) as Step,
    ),
  );

  /** Invariants of the world after every step. */
  function invariants(sim: Simulator): void {
    for (const id of ['A', 'B'] as const) {
      const h = sim.host(id);
      const pairs = new Set<string>();
      for (const c of h.conns) {
        assert.ok(c.unread >= 0 && c.unread <= c.rcvBuf, `${id}${c.conn}: unread ${c.unread} outside 0..${c.rcvBuf}`);
        if (c.sndUna !== null && c.sndNxt !== null && c.live) assert.ok(seqLe(c.sndUna, c.sndNxt), `${id}${c.conn}: SND.UNA > SND.NXT`);
        if (!c.live) {
          assert.ok(c.timers.retransmit < 0 && c.timers.timeWait < 0 && c.timers.keepalive < 0 && c.timers.persist < 0, `${id}${c.conn} is ${c.state} with a timer running`);
          continue;
        }
        const k = `${c.lport}-${c.rport}`;
        assert.ok(!pairs.has(k), `${id}: two live connections on ${k}`);
        pairs.add(k);
        assert.ok(!h.down, `${id} is down but ${id}${c.conn} is ${c.state}`);
      }
      for (const l of h.listeners) {
        const max = Math.min(l.backlog, sim.options.somaxconn);
        assert.ok(l.acceptQueue.length <= max + 1, `${id} listen:${l.port}: accept queue ${l.acceptQueue.length} above ${max + 1}`);
        for (const c of l.synQueue) assert.equal(c.state, 'SYN-RECEIVED', `${id}${c.conn} in the SYN queue is ${c.state}`);
        if (l.state === 'CLOSED') assert.equal(l.synQueue.length + l.acceptQueue.length, 0, `${id}: a closed listener holds connections`);
      }
      const live = h.listeners.filter((l) => l.state === 'LISTEN').map((l) => l.port);
      assert.equal(new Set(live).size, live.length, `${id}: two listeners on one port`);
    }
  }

  it('sockets calls and host faults: only StepError is thrown, invariants hold after every step', () => {
    fc.assert(
      fc.property(sockOptions, fc.array(anyStep, { maxLength: 50, size: 'max' }), (opts, steps) => {
        const sim = new Simulator(opts);
        for (const st of steps) {
          try {
            sim.apply(st);
          } catch (e) {
            assert.ok(e instanceof StepError, `${JSON.stringify(st)} threw ${String(e)}`);
          }
          invariants(sim);
        }
      }),
      { numRuns: 800, seed: 1106 },
    );
  });

  it('snapshot and restore at any point replays the rest identically', () => {
    fc.assert(
      fc.property(sockOptions, fc.array(anyStep, { maxLength: 40, size: 'max' }), fc.nat(40), (opts, steps, cut) => {
        const a = new Simulator(opts);
        const at = Math.min(cut, steps.length);
        const play = (sim: Simulator, st: Step): string => {
          try {
            return JSON.stringify(sim.apply(st));
          } catch (e) {
            return `throws ${(e as Error).message}`;
          }
        };
        for (let i = 0; i < at; i++) play(a, steps[i]);
        const b = Simulator.restore(JSON.parse(JSON.stringify(a.snapshot())));
        for (let i = at; i < steps.length; i++) assert.equal(play(b, steps[i]), play(a, steps[i]), `step ${i} after restoring at ${at}`);
        assert.equal(JSON.stringify(b.snapshot()), JSON.stringify(a.snapshot()));
      }),
      { numRuns: 400, seed: 1107 },
    );
  });
});
