/**
 * The capture editor's presenter: turns the core's analysis of a capture into the view
 * model the webview draws (src/shared/capture/model.ts). Pure: no `vscode`.
 */
import type { CaptureAnalysis, Connection } from '../../core/capture/index';
import { segmentChecks } from '../../core/capture/checks';
import { flagText, optionsText } from '../../core/capture/text';
import { TCP_ACK } from '../../core/capture/reader';
import type { CaptureDetail, CaptureSummary } from '../../shared/capture/model';

/** At most this many segments of one connection are sent to the webview. */
export const MAX_DRAWN_SEGMENTS = 5000;

export function captureSummary(file: string, a: CaptureAnalysis): CaptureSummary {
  const s = a.summary;
  return {
    file,
    format: s.format ?? 'pcap',
    linktype: s.linktype ?? 0,
    packets: s.packets,
    tcp: s.tcp,
    bytes: s.bytes,
    truncated: s.truncated ? { packet: s.truncated.packet, message: s.truncated.message } : null,
    connections: a.connections.map((c, id) => ({
      id,
      client: c.client,
      server: c.server,
      segments: c.segments,
      duration: Math.max(0, c.end - c.start),
      ending: c.ending,
      final: { ...c.final },
      findings: [...c.findings],
      partial: c.partial,
    })),
  };
}

export function captureDetail(id: number, c: Connection): CaptureDetail {
  const checks = segmentChecks(c);
  const shown = c.stored.slice(0, MAX_DRAWN_SEGMENTS);
  const rel = (v: number, base: number | null) => (base === null ? v : (v - base) >>> 0);
  return {
    id,
    total: c.segments,
    segments: shown.map((s, i) => {
      const mine = s.from === 'client' ? c.iss.client : c.iss.server;
      const theirs = s.from === 'client' ? c.iss.server : c.iss.client;
      const hasAck = (s.flags & TCP_ACK) !== 0;
      const check = checks[i];
      return {
        packet: s.packet,
        t: s.t - c.start,
        from: s.from,
        flags: flagText(s.flags),
        seq: s.seq,
        ack: hasAck ? s.ack : null,
        relSeq: rel(s.seq, mine),
        relAck: hasAck ? rel(s.ack, theirs) : null,
        len: s.len,
        window: s.window,
        options: optionsText(s.options),
        retransmission: s.retransmission,
        check: check ? { ...check, seq: rel(check.seq, mine), rcvNxt: rel(check.rcvNxt, mine) } : null,
      };
    }),
    states: c.changes.filter((ch) => ch.segment < shown.length).map((ch) => ({ side: ch.side, state: ch.state, proven: ch.proven, segment: ch.segment })),
  };
}
