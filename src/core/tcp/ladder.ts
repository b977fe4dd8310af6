/**
 * A text ladder (sequence) diagram of a trace, for terminals. ASCII only.
 *
 *        t  A                                                      B
 *    0.000  CLOSED                                                 CLOSED
 *    0.000  |                                         B: listen    LISTEN
 *    0.000  SYN-SENT     A: connect                                |
 *    0.000  |            --- SYN seq=100 -----------------------> SYN-RECEIVED
 */
import type { Segment, TraceEvent } from './types';
import type { RunResult, Scenario } from './scenario';
import { flagLabel } from './seq';

const STATE_W = 13;
const MID_W = 50;

export function segmentLabel(s: Pick<Segment, 'flags' | 'seq' | 'ack' | 'len'>): string {
  let out = `${flagLabel(s.flags)} seq=${s.seq}`;
  if (s.ack !== null) out += ` ack=${s.ack}`;
  if (s.len > 0) out += ` len=${s.len}`;
  return out;
}

function arrow(label: string, rightward: boolean, end = ''): string {
  const body = ` ${label} `;
  const fill = Math.max(MID_W - body.length - 4 - end.length, 2);
  if (rightward) return `--${body}${'-'.repeat(fill)}>${end}`.padEnd(MID_W);
  return `<${'-'.repeat(fill)}${body}--${end}`.padEnd(MID_W);
}

function note(ev: TraceEvent): string {
  const parts: string[] = [];
  if (ev.error) parts.push(`error ${ev.error.code}`);
  if (ev.signal) parts.push(`app told: ${ev.signal}`);
  if (ev.giveUp) parts.push('gave up');
  switch (ev.rule) {
    case 'rst-challenge-ack':
    case 'syn-challenge-ack':
      parts.push('challenge ACK');
      break;
    case 'unacceptable-ack':
      parts.push(`unacceptable (${ev.check?.reason ?? 'ack'}): ACK`);
      break;
    case 'unacceptable-rate-limited':
      parts.push('reply rate-limited');
      break;
    case 'time-wait-fin':
      parts.push('TIME-WAIT restarted');
      break;
    case 'closed-rst-reply':
      parts.push('no connection: RST');
      break;
    case 'listen-rst-ignored':
    case 'closed-rst-ignored':
    case 'syn-sent-rst-ignored':
    case 'unacceptable-rst-dropped':
      parts.push('RST ignored');
      break;
    case 'syn-sent-bad-ack':
    case 'syn-received-bad-ack':
    case 'listen-ack-rst':
      parts.push('bad ACK: RST');
      break;
    default:
      break;
  }
  if (ev.sent && ev.cause === 'segment' && ev.sent.length > 0) parts.push(`sends ${ev.sent.map((s) => flagLabel(s.flags)).join(' + ')}`);
  return parts.length > 0 ? `  (${parts.join('; ')})` : '';
}

/** Render a run as a ladder diagram. */
export function renderLadder(result: RunResult, scenario?: Pick<Scenario, 'title' | 'profile' | 'variant' | 'delayedAck'>): string {
  const lines: string[] = [];
  if (scenario) {
    if (scenario.title) lines.push(scenario.title);
    lines.push(`profile ${scenario.profile}, variant ${scenario.variant}, delayed ACK ${scenario.delayedAck ? 'on' : 'off'}`);
    lines.push('');
  }
  const row = (t: number, a: string, mid: string, b: string, extra = '') => `${t.toFixed(3).padStart(9)}  ${a.padEnd(STATE_W)}${mid.padEnd(MID_W)} ${b.padEnd(STATE_W)}${extra}`.trimEnd();
  lines.push(`${'t (s)'.padStart(9)}  ${'A'.padEnd(STATE_W)}${''.padEnd(MID_W)} B`);
  let stateA = 'CLOSED';
  let stateB = 'CLOSED';
  lines.push(row(0, stateA, '', stateB));
  for (const ev of result.events) {
    let a = '|';
    let b = '|';
    let mid = '';
    const left = ev.endpoint === 'A';
    if (ev.to !== undefined) {
      if (left && ev.to !== stateA) {
        stateA = ev.to;
        a = stateA;
      }
      if (!left && ev.to !== stateB) {
        stateB = ev.to;
        b = stateB;
      }
    }
    switch (ev.cause) {
      case 'segment': {
        const s = ev.segment as Segment;
        mid = arrow(segmentLabel(s), s.from === 'A');
        break;
      }
      case 'drop': {
        const s = ev.segment as Segment;
        mid = s.from === 'A' ? `-- ${segmentLabel(s)} --X lost` : `lost X-- ${segmentLabel(s)} --`;
        break;
      }
      case 'duplicate': {
        const s = ev.segment as Segment;
        mid = `${s.from === 'A' ? '' : '    '}[network copies ${segmentLabel(s)}]`;
        break;
      }
      case 'inject': {
        const s = ev.segment as Segment;
        mid = `[forged, as from ${s.from}: ${segmentLabel(s)}]`;
        break;
      }
      case 'timer': {
        const text = `${ev.endpoint}: ${ev.timer} timer`;
        mid = left ? text : text.padStart(MID_W - 1);
        break;
      }
      default: {
        const text = `${ev.endpoint}: ${ev.cause}${ev.bytes !== undefined ? ` ${ev.bytes} bytes` : ''}`;
        mid = left ? text : text.padStart(MID_W - 1);
        break;
      }
    }
    lines.push(row(ev.t, a, mid, b, note(ev)));
    // Segments sent by a call or a timer: show them leaving.
    if (ev.cause !== 'segment' && ev.sent && ev.sent.length > 0) {
      for (const s of ev.sent) lines.push(row(ev.t, '|', s.from === 'A' ? `  sends ${segmentLabel(s)} ...` : `... ${segmentLabel(s)} sent`.padStart(MID_W - 1), '|'));
    }
  }
  lines.push('');
  lines.push(`final: A ${result.final.A.state}${result.final.A.error ? ` (${result.final.A.error})` : ''}, B ${result.final.B.state}${result.final.B.error ? ` (${result.final.B.error})` : ''}`);
  return lines.join('\n');
}
