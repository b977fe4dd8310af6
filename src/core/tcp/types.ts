/**
 * Shared types of the simulator: segments, trace events, errors and options.
 * Pure data: no `vscode` import, no clock.
 */
import type { EndpointId, ProfileId, VariantId } from './vocabulary';

export { CALL_ERROR_CODES, ENDPOINT_IDS } from './vocabulary';
export type {
  AckCheck,
  AnyCall,
  ConnRef,
  SocketCall,
  CallError,
  CallErrorCode,
  Cause,
  ConnectionError,
  EndpointId,
  ProfileId,
  RuleCode,
  Segment,
  SeqCheck,
  SeqCheckReason,
  TraceEvent,
  VariantId,
} from './vocabulary';

export function otherEndpoint(e: EndpointId): EndpointId {
  return e === 'A' ? 'B' : 'A';
}

/** A value for both hosts, or one per host. */
export type PerHost<T> = T | { readonly A?: T; readonly B?: T };

export interface SimulatorOptions {
  readonly profile?: ProfileId;
  readonly variant?: VariantId;
  /** Per host: the ISN of every connection, or connection by connection (the last repeating). */
  readonly isn?: { readonly A?: number | readonly number[]; readonly B?: number | readonly number[] };
  readonly delayedAck?: boolean;
  /** Received data is read at once (default true). */
  readonly autoRead?: PerHost<boolean>;
  /** Established connections are accepted at once (default true). */
  readonly autoAccept?: PerHost<boolean>;
  /** Receive buffer in octets (default 65535): the advertised window is rcvBuf minus unread octets. */
  readonly rcvBuf?: PerHost<number>;
  /** net.core.somaxconn (default 4096). */
  readonly somaxconn?: number;
  /** net.ipv4.tcp_max_syn_backlog (default 1024). */
  readonly synBacklog?: number;
  /** net.ipv4.tcp_syncookies = 1 (default true on linux profiles, false on rfc9293). */
  readonly syncookies?: boolean;
  /** net.ipv4.tcp_abort_on_overflow (default false). */
  readonly abortOnOverflow?: boolean;
  /** Build trace events (default true). Off, `apply` returns an empty array: for benchmarks. */
  readonly record?: boolean;
}

export interface ResolvedOptions {
  readonly profile: ProfileId;
  readonly variant: VariantId;
  readonly isn: { readonly A: number | readonly number[]; readonly B: number | readonly number[] };
  readonly delayedAck: boolean;
  readonly autoRead?: { readonly A: boolean; readonly B: boolean };
  readonly autoAccept?: { readonly A: boolean; readonly B: boolean };
  readonly rcvBuf?: { readonly A: number; readonly B: number };
  readonly somaxconn?: number;
  readonly synBacklog?: number;
  readonly syncookies?: boolean;
  readonly abortOnOverflow?: boolean;
}

/** ResolvedOptions with every field present. */
export interface WorldOptions {
  readonly profile: ProfileId;
  readonly variant: VariantId;
  readonly isn: { readonly A: readonly number[]; readonly B: readonly number[] };
  readonly delayedAck: boolean;
  readonly autoRead: { readonly A: boolean; readonly B: boolean };
  readonly autoAccept: { readonly A: boolean; readonly B: boolean };
  readonly rcvBuf: { readonly A: number; readonly B: number };
  readonly somaxconn: number;
  readonly synBacklog: number;
  readonly syncookies: boolean;
  readonly abortOnOverflow: boolean;
}

export const DEFAULT_ISN: { readonly A: number; readonly B: number } = { A: 100, B: 300 };
export const DEFAULT_RCVBUF = 65535;
export const DEFAULT_SOMAXCONN = 4096;
export const DEFAULT_SYN_BACKLOG = 1024;
export const DEFAULT_BACKLOG = 128;
export const DEFAULT_SERVER_PORT = 80;
export const EPHEMERAL_FIRST = 40000;
/** Largest receive buffer a scenario may set. */
export const MAX_RCVBUF = 16 * 1024 * 1024;
