/**
 * A host: its connections (numbered 1, 2, ... in creation order), its listening sockets with
 * their SYN queue and accept queue (Linux's request sockets and sk_ack_backlog), its ports,
 * and whether it is up. The world (simulator.ts) routes segments to a host's sockets.
 */
import type { Endpoint, KeepaliveMs, ListenerQueues } from './endpoint';
import type { EndpointId } from './types';
import { EPHEMERAL_FIRST } from './types';

export type ListenerState = 'LISTEN' | 'CLOSED';

export class Listener implements ListenerQueues {
  state: ListenerState = 'LISTEN';
  /** Passive connections in SYN-RECEIVED (Linux: request sockets, inet_csk_reqsk_queue_len). */
  readonly synQueue: Endpoint[] = [];
  /** Established connections not yet accepted (sk_ack_backlog). */
  readonly acceptQueue: Endpoint[] = [];
  /** accept() calls waiting for a connection (a blocking accept). */
  pendingAccepts = 0;
  /** When the SYN queue last overflowed (ms), or -1: SYN cookies are checked only after one (tcp_synq_no_recent_overflow). */
  lastOverflow = -1;
  keepalive: KeepaliveMs | null = null;

  constructor(
    readonly host: EndpointId,
    readonly port: number,
    readonly backlog: number,
    readonly reuseAddr: boolean,
    readonly epoch: number,
    /** World-wide creation order (after every connection created before it). */
    readonly born: number,
  ) {}

  get ref(): `listen:${number}` {
    return `listen:${this.port}`;
  }
}

/** Key of a connection's (local port, remote port) pair. */
export function pairKey(lport: number, rport: number): number {
  return lport * 65536 + rport;
}

export class Host {
  readonly conns: Endpoint[] = [];
  readonly listeners: Listener[] = [];
  /** Live connections by their port pair. */
  readonly byPair = new Map<number, Endpoint>();
  /** How many live connections use each local port. */
  readonly portUse = new Map<number, number>();
  /** The next ephemeral port to try. */
  nextPort = EPHEMERAL_FIRST;
  /** Crashed and not rebooted: it neither sends nor answers. */
  down = false;
  /** The process generation: kill starts a new one. */
  epoch = 0;

  constructor(readonly id: EndpointId) {}

  /** The listener in LISTEN on a port, if any. */
  listenerOn(port: number): Listener | undefined {
    for (let i = this.listeners.length - 1; i >= 0; i--) {
      const l = this.listeners[i];
      if (l.port === port && l.state === 'LISTEN') return l;
    }
    return undefined;
  }

  /** The process's current listener: its most recent one in LISTEN, else its most recent one. */
  currentListener(): Listener | undefined {
    for (let i = this.listeners.length - 1; i >= 0; i--) {
      const l = this.listeners[i];
      if (l.state === 'LISTEN' && l.epoch === this.epoch) return l;
    }
    return undefined;
  }

  /** The process's most recent connection, skipping passive ones that went back to LISTEN. */
  currentConn(): Endpoint | undefined {
    for (let i = this.conns.length - 1; i >= 0; i--) {
      const c = this.conns[i];
      if (c.epoch !== this.epoch) return undefined;
      if (c.state !== 'LISTEN') return c;
    }
    return undefined;
  }

}
