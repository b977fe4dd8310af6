/**
 * The capture editor's view model: what the host sends the capture webview. Plain data,
 * already decided by the host (states, proven or inferred, acceptability); the webview only
 * draws it. Sequence numbers are sent both raw and relative to each side's ISN.
 */
import type { StateId } from '../vocabulary';

export type CaptureSide = 'client' | 'server';
export type CaptureEnding = 'closed' | 'time-wait' | 'reset' | 'refused' | 'no-answer' | 'half-closed' | 'open' | 'connecting';
export const CAPTURE_ENDINGS: readonly CaptureEnding[] = ['closed', 'time-wait', 'reset', 'refused', 'no-answer', 'half-closed', 'open', 'connecting'];
export type CaptureFinding = 'retransmission' | 'reset' | 'handshake-incomplete' | 'mid-stream' | 'half-close' | 'simultaneous-open' | 'simultaneous-close' | 'zero-window';
export const CAPTURE_FINDINGS: readonly CaptureFinding[] = ['retransmission', 'reset', 'handshake-incomplete', 'mid-stream', 'half-close', 'simultaneous-open', 'simultaneous-close', 'zero-window'];

export interface CaptureConnectionRow {
  readonly id: number;
  readonly client: string;
  readonly server: string;
  readonly segments: number;
  /** Seconds from its first to its last segment. */
  readonly duration: number;
  readonly ending: CaptureEnding;
  readonly final: { readonly client: StateId; readonly server: StateId };
  readonly findings: readonly CaptureFinding[];
  readonly partial: boolean;
}

export interface CaptureSummary {
  readonly file: string;
  readonly format: 'pcap' | 'pcapng';
  readonly linktype: number;
  readonly packets: number;
  readonly tcp: number;
  readonly bytes: number;
  /** The file broke at this packet; what came before is shown. */
  readonly truncated: { readonly packet: number; readonly message: string } | null;
  readonly connections: readonly CaptureConnectionRow[];
}

export interface CaptureCheckView {
  readonly seq: number;
  readonly len: number;
  readonly rcvNxt: number;
  readonly rcvWnd: number | null;
  readonly acceptable: boolean;
  readonly reason: 'at-rcv-nxt' | 'in-window' | 'overlaps' | 'old' | 'beyond-window';
}

export interface CaptureSegmentView {
  readonly packet: number;
  /** Seconds since the connection's first segment. */
  readonly t: number;
  readonly from: CaptureSide;
  /** "SYN,ACK" */
  readonly flags: string;
  readonly seq: number;
  readonly ack: number | null;
  readonly relSeq: number;
  readonly relAck: number | null;
  readonly len: number;
  readonly window: number;
  /** "mss 1460, sackOK, TS val 1 ecr 0, wscale 7", or ''. */
  readonly options: string;
  readonly retransmission: boolean;
  /** The receiver's acceptability test, when the connection was synchronised. */
  readonly check: CaptureCheckView | null;
}

export interface CaptureStateView {
  readonly side: CaptureSide;
  readonly state: StateId;
  readonly proven: boolean;
  /** Index of the segment at whose row the state starts; -1 before the first. */
  readonly segment: number;
}

export interface CaptureDetail {
  readonly id: number;
  readonly segments: readonly CaptureSegmentView[];
  /** Segments the connection had; more than `segments.length` when the list was cut. */
  readonly total: number;
  readonly states: readonly CaptureStateView[];
}
