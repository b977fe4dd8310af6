/**
 * Simulator budgets: endpoint events per second on a loop of open / transfer / close,
 * snapshot and restore time, and memory per connection.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { NormalizedStep, Step } from '../src/core/tcp';
import { Simulator, checkStep, isStepProblem, parseScenario, runScenario } from '../src/core/tcp';
import type { BenchRow } from './types';

function norm(steps: Step[]): NormalizedStep[] {
  return steps.map((s) => {
    const n = checkStep(s);
    if (isStepProblem(n)) throw new Error(n.message);
    return n;
  });
}

/** One connection's life: 15 endpoint events (3-way open, 1000 octets and their ACK, 4-way close, TIME-WAIT expiry). */
const LOOP = norm([
  { B: 'listen' },
  { A: 'connect' },
  { deliver: 'A' },
  { deliver: 'B' },
  { deliver: 'A' },
  { A: 'send', bytes: 1000 },
  { deliver: 'A' },
  { deliver: 'B' },
  { A: 'close' },
  { deliver: 'A' },
  { deliver: 'B' },
  { B: 'close' },
  { deliver: 'B' },
  { deliver: 'A' },
  { advance: 60 },
]);

function gcFunction(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

/** Connection loops per world: each loop opens a new connection, and a world keeps every connection it had. */
const LOOPS_PER_WORLD = 1000;

function eventsPerSecond(record = false): { rate: number; events: number } {
  let sim = new Simulator({ record });
  let total = 0;
  const run = (loops: number) => {
    for (let i = 0; i < loops; i++) {
      if (i % LOOPS_PER_WORLD === 0) {
        total += sim.eventCount;
        sim = new Simulator({ record });
      }
      for (let j = 0; j < LOOP.length; j++) sim.apply(LOOP[j]);
    }
  };
  run(20_000); // warm up
  if (sim.state('A') !== 'CLOSED' || sim.state('B') !== 'CLOSED') throw new Error('bench loop did not end CLOSED/CLOSED');
  let best = 0;
  let events = 0;
  for (let round = 0; round < 5; round++) {
    const before = total + sim.eventCount;
    const t0 = process.hrtime.bigint();
    run(40_000);
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    events = total + sim.eventCount - before;
    best = Math.max(best, events / secs);
  }
  return { rate: best, events };
}

/**
 * A server with 1,000 connections: B listens, A opens 1,000 connections (one from each of
 * 1,000 ports), each sends 1,000 octets that B acknowledges, then every connection closes
 * and TIME-WAIT expires. Events per second over the whole story.
 */
function serverEventsPerSecond(): { rate: number; events: number } {
  const N = 1000;
  const steps: Step[] = [{ B: 'listen', backlog: 4096 }];
  for (let i = 0; i < N; i++) steps.push({ A: 'connect' });
  steps.push({ flush: true });
  for (let i = 1; i <= N; i++) steps.push({ A: 'send', bytes: 1000, conn: i }, { deliver: 'A' }, { deliver: 'B' });
  for (let i = 1; i <= N; i++) steps.push({ A: 'close', conn: i });
  steps.push({ flush: true });
  for (let i = 1; i <= N; i++) steps.push({ B: 'close', conn: i });
  steps.push({ flush: true }, { advance: 61 });
  const plan = norm(steps);
  const once = () => {
    const sim = new Simulator({ record: false });
    for (const st of plan) sim.apply(st);
    if (sim.connections().some((c) => c.state !== 'CLOSED')) throw new Error('server bench did not end with every connection CLOSED');
    return sim.eventCount;
  };
  once();
  let best = 0;
  let events = 0;
  for (let round = 0; round < 5; round++) {
    const t0 = process.hrtime.bigint();
    events = once();
    best = Math.max(best, events / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  return { rate: best, events };
}

/** checkScenarioText's work on a 100 KB scenario file: parse, validate, run without a trace. */
function check100k(): { ms: number; bytes: number } {
  const lines = ['{"B": "listen"}', '{"A": "connect"}', '{"flush": true}'];
  let size = 0;
  while (size < 100_000) {
    // A full segment out and its ACK back each round: the send buffer never fills.
    for (const l of ['{"A": "send", "bytes": 1460}', '{"deliver": "A"}', '{"deliver": "B"}']) {
      lines.push(l);
      size += l.length + 6;
    }
  }
  const text = `{\n  "steps": [\n    ${lines.join(',\n    ')}\n  ]\n}\n`;
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const t0 = process.hrtime.bigint();
    const r = parseScenario(text);
    if (!r.ok) throw new Error(r.errors[0].message);
    runScenario(r.scenario, { record: false });
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: best, bytes: text.length };
}

function snapshotTimes(): { snapshotUs: number; restoreUs: number; bytes: number } {
  const sim = new Simulator({ delayedAck: true });
  for (const s of norm([{ B: 'listen' }, { A: 'connect' }, { flush: true }, { A: 'send', bytes: 5000 }, { B: 'send', bytes: 300 }, { deliver: 'A' }])) sim.apply(s);
  const N = 20_000;
  let text = '';
  let t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) text = JSON.stringify(sim.snapshot());
  const snapshotUs = Number(process.hrtime.bigint() - t0) / 1e3 / N;
  let restored: Simulator | undefined;
  t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) restored = Simulator.restore(JSON.parse(text));
  const restoreUs = Number(process.hrtime.bigint() - t0) / 1e3 / N;
  if (JSON.stringify(restored?.snapshot()) !== text) throw new Error('snapshot did not round-trip');
  return { snapshotUs, restoreUs, bytes: text.length };
}

function memoryPerConnection(): number | undefined {
  const gc = gcFunction();
  if (!gc) return undefined;
  const N = 20_000;
  const open = norm([{ B: 'listen' }, { A: 'connect' }, { flush: true }]);
  gc();
  const before = process.memoryUsage().heapUsed;
  const keep: Simulator[] = [];
  for (let i = 0; i < N; i++) {
    const s = new Simulator({ record: false });
    for (const st of open) s.apply(st);
    keep.push(s);
  }
  gc();
  const after = process.memoryUsage().heapUsed;
  if (keep.length !== N) throw new Error('unreachable');
  return (after - before) / N;
}

export default async function bench(): Promise<BenchRow[]> {
  const { rate, events } = eventsPerSecond();
  const traced = eventsPerSecond(true);
  const server = serverEventsPerSecond();
  const check = check100k();
  const snap = snapshotTimes();
  const mem = memoryPerConnection();
  const rows: BenchRow[] = [
    { metric: 'endpoint events/s (open, 1000 octets, close, TIME-WAIT; trace off)', value: `${Math.round(rate).toLocaleString('en-US')} (${events.toLocaleString('en-US')} events/round)`, target: '>= 1,000,000', ok: rate >= 1_000_000 },
    { metric: 'endpoint events/s, same loop with the trace recorded', value: Math.round(traced.rate).toLocaleString('en-US') },
    {
      metric: 'endpoint events/s, a server with 1,000 connections (open, 1000 octets each, close, TIME-WAIT; trace off)',
      value: `${Math.round(server.rate).toLocaleString('en-US')} (${server.events.toLocaleString('en-US')} events)`,
      target: '>= 1,000,000',
      ok: server.rate >= 1_000_000,
    },
    { metric: `scenario check (parse, validate, run) of a ${Math.round(check.bytes / 1000)} KB file of full-segment sends`, value: `${check.ms.toFixed(1)} ms`, target: '< 100 ms', ok: check.ms < 100 },
    { metric: 'snapshot() + JSON.stringify of a world with data in flight', value: `${snap.snapshotUs.toFixed(1)} µs (${snap.bytes} bytes)`, target: '<= 100 µs', ok: snap.snapshotUs <= 100 },
    { metric: 'Simulator.restore(JSON.parse(...)) of the same', value: `${snap.restoreUs.toFixed(1)} µs`, target: '<= 100 µs', ok: snap.restoreUs <= 100 },
  ];
  rows.push(
    mem === undefined
      ? { metric: 'memory per connection (a whole world: 2 endpoints + network)', value: 'n/a (no gc)' }
      : { metric: 'memory per connection (a whole world: 2 endpoints + network)', value: `${(mem / 1024).toFixed(2)} KiB`, target: '<= 8 KiB', ok: mem <= 8192 },
  );
  return rows;
}
