import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult, Scenario, Segment, SimulatorOptions, Step, TraceEvent } from '../../../../src/core/tcp';
import { Simulator, parseScenario, runScenario } from '../../../../src/core/tcp';

export const ROOT = join(__dirname, '..', '..', '..', '..');
export const SCENARIO_DIR = join(ROOT, 'scenarios');

export function scenarioFiles(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.tcp.json'))
    .sort();
}

export function loadScenario(name: string): Scenario {
  const r = parseScenario(readFileSync(join(SCENARIO_DIR, name), 'utf8'));
  if (!r.ok) throw new Error(`${name}: ${r.errors.map((e) => `${e.line}: ${e.message}`).join('; ')}`);
  return r.scenario;
}

export function run(name: string): RunResult {
  return runScenario(loadScenario(name));
}

/** "SYN,ACK 300 101" or "PSH,ACK 101 301 100" (flags, seq, ack or -, data length when > 0). */
export function seg(s: Segment): string {
  return `${s.flags.join(',')} ${s.seq} ${s.ack === null ? '-' : s.ack}${s.len > 0 ? ` ${s.len}` : ''}`;
}

/**
 * One compact line per event, e.g.
 * "0 B <SYN 100 - LISTEN>SYN-RECEIVED => SYN,ACK 300 101"
 * "1 A timer:retransmit SYN-SENT => SYN 100 -"
 * "0 A drop ACK 101 301"
 */
export function line(e: TraceEvent): string {
  const head = `${e.t} ${e.endpoint}`;
  if (e.cause === 'drop' || e.cause === 'duplicate' || e.cause === 'inject') return `${head} ${e.cause} ${seg(e.segment as Segment)}`;
  let what: string;
  if (e.cause === 'segment') what = `<${seg(e.segment as Segment)}`;
  else if (e.cause === 'timer') what = `timer:${e.timer}`;
  else what = e.cause;
  const states = e.from === e.to ? `${e.from}` : `${e.from}>${e.to}`;
  const sent = e.sent && e.sent.length > 0 ? ` => ${e.sent.map(seg).join(' + ')}` : '';
  const sig = e.signal ? ` !${e.signal}` : '';
  const err = e.error ? ` E:${e.error.code}` : '';
  return `${head} ${what} ${states}${sent}${sig}${err}`;
}

export function lines(r: RunResult): string[] {
  return r.events.map(line);
}

/** The per-host summary of `final` (A and B), without the connection and listener lists. */
export function ab(r: RunResult): Pick<RunResult['final'], 'A' | 'B'> {
  return { A: r.final.A, B: r.final.B };
}

/** `line` with the socket: "0 B:1 <SYN 100 - LISTEN>SYN-RECEIVED => SYN,ACK 300 101", "0 B:listen:80 …", "0 B:- …" for none. */
export function cline(e: TraceEvent): string {
  const l = line(e);
  const sp = l.indexOf(' ', l.indexOf(' ') + 1);
  return `${l.slice(0, sp)}:${e.conn === null ? '-' : e.conn}${l.slice(sp)}`;
}

/** Run steps on a fresh simulator and return every event as `cline`. */
export function story(steps: readonly Step[], options: SimulatorOptions = {}): { sim: Simulator; lines: string[]; events: TraceEvent[] } {
  const sim = new Simulator(options);
  const events: TraceEvent[] = [];
  for (const s of steps) for (const e of sim.apply(s)) events.push(e);
  return { sim, lines: events.map(cline), events };
}
