/**
 * A captured connection as a scenario (`*.tcp.json`, docs/scenario-format.md): the client is
 * A, the server B, the ISNs are the captured ones, and the steps make the simulator send the
 * captured segments in the captured order.
 *
 * The steps are found by running the simulator alongside the capture: a captured segment
 * the simulator already has in flight is delivered; new data is a `send`, a new FIN a
 * `close`, a RST from a synchronised side an `abort`; a segment the sender retransmits
 * later, before the receiver acknowledged it, is dropped, and the clock is advanced until
 * the simulator retransmits it; data missing from the capture (lost before the capture
 * point) is sent and dropped. What the simulator does not model (options, window sizes,
 * delayed and coalesced ACKs, segment sizes above 1460 octets) is left out, so the replay
 * has the capture's states and control segments, not every ACK.
 */
import type { StateId } from '../tcp/states';
import { Simulator, StepError } from '../tcp/simulator';
import type { Segment } from '../tcp/types';
import { MAX_RCVBUF } from '../tcp/types';
import type { Step } from '../tcp/steps';
import { parseScenario, runScenario, ScenarioRunError } from '../tcp/scenario';
import type { Connection, ConnSegment } from './connections';
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from './reader';
import type { ReplayNote, ReplayWords } from './vocabulary';

export type { ReplayNote, ReplayWords };

export interface CaptureScenario {
  /** The scenario as a JSON value, ready to be written to a `*.tcp.json` file. */
  readonly scenario: {
    readonly title: string;
    readonly description: string;
    readonly profile: 'linux';
    readonly variant: 'standard';
    readonly isn: { readonly A: number; readonly B: number };
    readonly delayedAck: false;
    readonly rcvBuf: number;
    readonly steps: readonly Step[];
  };
  /** The file text (two-space JSON). */
  readonly text: string;
  /** The replay's final states, and whether they are the capture's. */
  readonly final: { readonly A: StateId; readonly B: StateId };
  readonly matches: boolean;
  /** What could not be reproduced (the description says it in the caller's language; `words.note` for the log). */
  readonly notes: readonly ReplayNote[];
}

const MAX_STEPS = 5000;
const seqLe = (a: number, b: number): boolean => ((b - a) | 0) >= 0;
const seqLt = (a: number, b: number): boolean => ((b - a) | 0) > 0;

function simFlags(f: number): string {
  const out: string[] = [];
  if (f & TCP_SYN) out.push('SYN');
  if (f & TCP_FIN) out.push('FIN');
  if (f & TCP_RST) out.push('RST');
  if (f & TCP_ACK) out.push('ACK');
  return out.join(',');
}

function matches(m: Segment, s: ConnSegment): boolean {
  return m.seq === s.seq && m.len === s.len && m.flags.filter((f) => f !== 'PSH').join(',') === simFlags(s.flags);
}

/** Whether segment i from its sender is sent again later before the receiver acknowledges it. */
function retransmittedLater(c: Connection, i: number): boolean {
  const s = c.stored[i];
  const segLen = s.len + (s.flags & TCP_SYN ? 1 : 0) + (s.flags & TCP_FIN ? 1 : 0);
  if (segLen === 0) return false;
  const end = (s.seq + segLen) >>> 0;
  for (let j = i + 1; j < c.stored.length; j++) {
    const o = c.stored[j];
    if (o.from !== s.from) {
      if (o.flags & TCP_ACK && seqLe(end, o.ack)) return false;
      continue;
    }
    if (o.seq === s.seq) return true;
  }
  return false;
}

function peerSendsDataAfter(c: Connection, i: number): boolean {
  const from = c.stored[i].from;
  return c.stored.slice(i + 1).some((o) => o.from !== from && o.len > 0);
}

/** A captured connection as a scenario; `words` writes its description in the learner's language. */
export function connectionScenario(c: Connection, words: ReplayWords): CaptureScenario {
  const notes: ReplayNote[] = [];
  const stored = c.stored;
  const firstFrom = (side: 'client' | 'server') => stored.find((s) => s.from === side);
  // A partial capture starts after the handshake: open first, with ISNs that line up.
  const isnA = c.iss.client ?? (((firstFrom('client')?.seq ?? 101) - 1) >>> 0);
  const isnB = c.iss.server ?? (((firstFrom('server')?.seq ?? 301) - 1) >>> 0);
  // Real stacks scale their windows; the simulator does not, so it gets a receive buffer
  // large enough that the window never holds data back.
  const rcvBuf = MAX_RCVBUF;
  const sim = new Simulator({ profile: 'linux', variant: 'standard', isn: { A: isnA, B: isnB }, delayedAck: false, rcvBuf });
  const steps: Step[] = [];
  let broken = false;
  const apply = (step: Step): boolean => {
    if (broken || steps.length >= MAX_STEPS) return false;
    try {
      sim.apply(step);
      steps.push(step);
      return true;
    } catch (e) {
      if (!(e instanceof StepError)) throw e;
      notes.push({ kind: 'stopped', detail: e.message });
      broken = true;
      return false;
    }
  };
  // A server with no states never listened (refused: its kernel answers the SYN with RST).
  // The captured ports, so the replay's segments carry them too.
  const listen = { B: 'listen', port: c.serverPort } as unknown as Step;
  const connectA = { A: 'connect', port: c.clientPort, to: c.serverPort } as unknown as Step;
  const connectB = { B: 'connect', port: c.serverPort, to: c.clientPort } as unknown as Step;
  if (c.states.server.length > 0 && !c.partial && c.states.server[0] === 'LISTEN') apply(listen);
  const serverAnswers = stored.some((s) => s.from === 'server');
  if (c.partial) {
    notes.push({ kind: 'partial' });
    apply(listen);
    apply(connectA);
    apply({ flush: true });
  }
  let lastT = stored.length > 0 ? stored[0].t : 0;
  let skipped = 0;
  for (let i = 0; i < stored.length && !broken; i++) {
    if (steps.length >= MAX_STEPS) {
      notes.push({ kind: 'truncated', segments: i, max: MAX_STEPS });
      break;
    }
    const s = stored[i];
    const X = s.from === 'client' ? 'A' : 'B';
    const ep = sim.endpoint(X);
    const syn = (s.flags & TCP_SYN) !== 0;
    const fin = (s.flags & TCP_FIN) !== 0;
    const rst = (s.flags & TCP_RST) !== 0;
    // Make the simulator produce the segment, if it has not already.
    let idx = sim.inFlight(X).findIndex((m) => matches(m, s));
    if (idx < 0) {
      const sndNxt = ep.tcb.sndNxt;
      if (syn && !(s.flags & TCP_ACK) && X === 'A' && (ep.state === 'CLOSED' || ep.state === 'LISTEN')) {
        apply(connectA);
      } else if (syn && !(s.flags & TCP_ACK) && X === 'B' && (ep.state === 'CLOSED' || ep.state === 'LISTEN')) {
        apply(connectB);
      } else if (s.retransmission && sndNxt !== null && seqLt(s.seq, sndNxt)) {
        // Sent again: wait until the simulator's retransmission timer sends it again.
        const gap = Math.max(0.001, Math.round((s.t - lastT) * 1000) / 1000);
        apply({ advance: Math.min(gap, 86_400) });
        // At most about a minute more, and not past the sender giving up.
        for (let k = 0; k < 64 && sim.state(X) !== 'CLOSED' && sim.inFlight(X).findIndex((m) => matches(m, s) || (m.seq === s.seq && m.flags.includes('SYN') === syn)) < 0; k++) apply({ advance: 1 });
      } else if (rst) {
        if (ep.state !== 'CLOSED' && ep.state !== 'LISTEN') apply({ [X]: 'abort' } as unknown as Step);
      } else {
        if (s.len > 0 && sndNxt !== null && seqLt(sndNxt, s.seq)) {
          // Data the capture never saw: sent and lost before the capture point.
          const missing = (s.seq - sndNxt) >>> 0;
          const before = sim.inFlight(X).length;
          if (missing <= 1_000_000 && apply({ [X]: 'send', bytes: missing } as unknown as Step)) {
            const n = sim.inFlight(X).length - before;
            for (let k = 0; k < n; k++) apply({ drop: X, nth: before + 1 });
          }
        }
        if (s.len > 0 && (sndNxt === null || !seqLt(s.seq, sim.endpoint(X).tcb.sndNxt ?? s.seq))) apply({ [X]: 'send', bytes: Math.min(s.len, 1_000_000) } as unknown as Step);
        // close() orphans the socket (data arriving afterwards is answered with RST, as on
        // Linux); when the peer sends data after this FIN, the application must have used
        // shutdown(SHUT_WR) instead.
        if (fin) apply({ [X]: peerSendsDataAfter(c, i) ? 'shutdown' : 'close' } as unknown as Step);
      }
      idx = sim.inFlight(X).findIndex((m) => matches(m, s) || (m.seq === s.seq && s.len > 1460 && m.len === 1460));
    }
    lastT = s.t;
    if (idx < 0) {
      skipped++;
      continue;
    }
    // Older segments the real stack did not send separately (ACKs it coalesced, pieces of a
    // large segment) arrive first; then this one, unless it is lost.
    const lost = retransmittedLater(c, i) || (!serverAnswers && X === 'A');
    for (let k = 0; k < idx; k++) apply({ deliver: X });
    if (s.len > 1460) {
      // One captured segment is several of the simulator's (it cuts at 1460 octets).
      const end = (s.seq + s.len) >>> 0;
      while (!broken && sim.inFlight(X).length > 0 && seqLt(sim.inFlight(X)[0].seq, end)) apply(lost ? { drop: X } : { deliver: X });
    } else apply(lost ? { drop: X } : { deliver: X });
  }
  if (skipped > 0) notes.push({ kind: 'skipped', count: skipped });
  // What is still in flight arrives, as it did on the wire.
  if (!broken && (sim.inFlight('A').length > 0 || sim.inFlight('B').length > 0)) apply({ flush: true });
  const title = `${c.client} → ${c.server}`;
  const description = words.description({ client: c.client, server: c.server, finalClient: c.final.client, finalServer: c.final.server }, notes);
  const scenario = { title, description, profile: 'linux' as const, variant: 'standard' as const, isn: { A: isnA, B: isnB }, delayedAck: false as const, rcvBuf, steps };
  const text = `${JSON.stringify(scenario, null, 2)}\n`;
  // Check the file as the sandbox will read it.
  let final: { A: StateId; B: StateId } = { A: sim.state('A'), B: sim.state('B') };
  const parsed = parseScenario(text);
  if (!parsed.ok) notes.push({ kind: 'invalid', detail: parsed.errors[0]?.message ?? '' });
  else {
    try {
      const run = runScenario(parsed.scenario);
      final = { A: run.final.A.state, B: run.final.B.state };
    } catch (e) {
      if (!(e instanceof ScenarioRunError)) throw e;
      notes.push({ kind: 'doesNotRun', detail: e.message });
    }
  }
  return { scenario, text, final, matches: final.A === c.final.client && final.B === c.final.server, notes };
}
