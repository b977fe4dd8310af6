/**
 * Captures: read a pcap or pcapng, group its TCP segments into connections, infer both
 * endpoints' states, and turn a connection into a scenario. Pure (no clock, no I/O).
 */
import type { ReadSummary, SegmentSink } from './reader';
import { CaptureReader } from './reader';
import type { Connection, TrackerOptions } from './connections';
import { ConnectionTracker } from './connections';
import type { StateId } from '../tcp/states';

export * from './reader';
export * from './connections';
export { endpointText, formatIPv4, formatIPv6 } from './address';

export interface CaptureAnalysis {
  readonly summary: ReadSummary;
  readonly connections: readonly Connection[];
}

/**
 * Incremental analysis: push chunks as they are read, then `end()`. Memory: one record's
 * bytes plus the connections (and up to `maxStoredSegments` segments each).
 */
export class CaptureAnalyzer {
  private readonly tracker: ConnectionTracker;
  private readonly reader: CaptureReader;

  constructor(options: TrackerOptions & { readonly onSegment?: SegmentSink } = {}) {
    this.tracker = new ConnectionTracker(options);
    const extra = options.onSegment;
    this.reader = new CaptureReader(extra ? (s) => (this.tracker.add(s), extra(s)) : this.tracker.add);
  }

  push(chunk: Uint8Array): void {
    this.reader.push(chunk);
  }

  get stopped(): boolean {
    return this.reader.stopped;
  }

  get bytesReceived(): number {
    return this.reader.bytesReceived;
  }

  end(): CaptureAnalysis {
    const summary = this.reader.end();
    return { summary, connections: summary.error ? [] : this.tracker.finish() };
  }
}

export function analyzeCapture(bytes: Uint8Array, options: TrackerOptions = {}, chunkSize = 1 << 20): CaptureAnalysis {
  const a = new CaptureAnalyzer(options);
  for (let i = 0; i < bytes.length && !a.stopped; i += chunkSize) a.push(bytes.subarray(i, Math.min(bytes.length, i + chunkSize)));
  return a.end();
}

/** The CLI's `--json` shape (docs/captures.md). */
export interface CaptureReport {
  readonly format: 'pcap' | 'pcapng';
  readonly linktype: number;
  readonly packets: number;
  readonly tcp: number;
  readonly connections: readonly {
    readonly client: string;
    readonly server: string;
    readonly segments: number;
    readonly partial: boolean;
    readonly states: { readonly client: readonly StateId[]; readonly server: readonly StateId[] };
    readonly final: { readonly client: StateId; readonly server: StateId };
    readonly findings: readonly string[];
  }[];
  readonly truncated?: { readonly packet: number };
}

/** The report, or null when the file is not a capture (`summary.error`). */
export function captureReport(a: CaptureAnalysis): CaptureReport | null {
  const s = a.summary;
  if (s.error !== null || s.format === null) return null;
  return {
    format: s.format,
    linktype: s.linktype ?? 0,
    packets: s.packets,
    tcp: s.tcp,
    connections: a.connections.map((c) => ({
      client: c.client,
      server: c.server,
      segments: c.segments,
      partial: c.partial,
      states: { client: [...c.states.client], server: [...c.states.server] },
      final: { ...c.final },
      findings: [...c.findings],
    })),
    ...(s.truncated ? { truncated: { packet: s.truncated.packet } } : {}),
  };
}
