/**
 * The timing profiles, in one table so lessons can quote the numbers. All durations are
 * in seconds. The model's clock has millisecond resolution.
 *
 * RFC 9293 fixes only lower bounds for retransmission (RFC 6298 for the RTO, "R2" of at
 * least 100 s for data and 3 min for a SYN) and leaves FIN-WAIT-2 unbounded, so both
 * profiles use Linux's classic retransmission defaults; they differ in MSL and in the
 * FIN-WAIT-2 timeout.
 */
import type { ProfileId } from './types';

export interface Profile {
  readonly id: ProfileId;
  /** Maximum segment lifetime; TIME-WAIT lasts `timeWait` (2 x MSL, or Linux's fixed value). */
  readonly msl: number;
  /** How long TIME-WAIT lasts. */
  readonly timeWait: number;
  /** RTO before any round-trip sample (RFC 6298: 1 s). */
  readonly initialRto: number;
  /** Lower bound of a computed RTO (Linux TCP_RTO_MIN 200 ms; RFC 6298 suggests 1 s). */
  readonly minRto: number;
  /** Upper bound of the backed-off RTO (Linux TCP_RTO_MAX 120 s). */
  readonly maxRto: number;
  /** SYN retransmissions before connect gives up (Linux tcp_syn_retries). */
  readonly synRetries: number;
  /** SYN,ACK retransmissions before a half-open passive connection is dropped (tcp_synack_retries). */
  readonly synAckRetries: number;
  /** Retransmissions of data or FIN before the connection is given up (tcp_retries2). */
  readonly dataRetries: number;
  /** FIN-WAIT-2 timeout for an endpoint whose application has closed (tcp_fin_timeout), or null for none. */
  readonly finWait2Timeout: number | null;
  /** Delayed-ACK timeout, when delayed ACKs are on. */
  readonly delayedAckTimeout: number;
  /** At most one ACK per this interval in reply to unacceptable data-less segments (tcp_invalid_ratelimit; RFC 5961 section 7). */
  readonly invalidAckInterval: number;
  /** Receive window advertised and used for the acceptability test (fixed: the application reads at once). */
  readonly rcvWnd: number;
  /** Maximum segment size used to cut the application's data. */
  readonly mss: number;
  /** SYN retransmissions at the initial RTO before back-off starts (Linux 6.5+ tcp_syn_linear_timeouts; they add to synRetries). */
  readonly synLinearTimeouts: number;
  /** Data and FIN retry limits are time-based (Linux tcp_model_timeout from tcp_retries2 / tcp_orphan_retries) rather than counted. */
  readonly timeBasedRetries: boolean;
  /** Retries of a closed (orphaned) socket (tcp_orphan_retries 0 means 8). */
  readonly orphanRetries: number;
  /** RTO once ESTABLISHED when the handshake gave no RTT sample because the SYN was resent (RFC 6298 section 5.7; Linux TCP_TIMEOUT_FALLBACK). */
  readonly rtoFallback: number;
  /** Linux re-arms the SYN timer at TCP_TIMEOUT_MIN after answering a bad SYN,ACK with RST (tcp_rcv_synsent_state_process), or null (RFC 9293: no change). */
  readonly synResendAfterBadAck: number | null;
  /** Linux's answers where it departs from RFC 9293's text (see docs/scenario-format.md). */
  readonly linuxQuirks: boolean;
  /** tcp_syncookies default. */
  readonly syncookies: boolean;
  /** SO_KEEPALIVE defaults: TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT (tcp_keepalive_*). */
  readonly keepIdle: number;
  readonly keepInterval: number;
  readonly keepCount: number;
}

export const PROFILES: Readonly<Record<ProfileId, Profile>> = {
  linux: {
    id: 'linux',
    msl: 30,
    timeWait: 60,
    initialRto: 1,
    minRto: 0.2,
    maxRto: 120,
    synRetries: 6,
    synAckRetries: 5,
    dataRetries: 15,
    finWait2Timeout: 60,
    delayedAckTimeout: 0.04,
    invalidAckInterval: 0.5,
    rcvWnd: 65535,
    mss: 1460,
    synLinearTimeouts: 4,
    timeBasedRetries: true,
    orphanRetries: 8,
    rtoFallback: 3,
    synResendAfterBadAck: 0.002,
    linuxQuirks: true,
    syncookies: true,
    keepIdle: 7200,
    keepInterval: 75,
    keepCount: 9,
  },
  'linux-classic': {
    id: 'linux-classic',
    msl: 30,
    timeWait: 60,
    initialRto: 1,
    minRto: 0.2,
    maxRto: 120,
    synRetries: 6,
    synAckRetries: 5,
    dataRetries: 15,
    finWait2Timeout: 60,
    delayedAckTimeout: 0.04,
    invalidAckInterval: 0.5,
    rcvWnd: 65535,
    mss: 1460,
    synLinearTimeouts: 0,
    timeBasedRetries: true,
    orphanRetries: 8,
    rtoFallback: 3,
    synResendAfterBadAck: 0.002,
    linuxQuirks: true,
    syncookies: true,
    keepIdle: 7200,
    keepInterval: 75,
    keepCount: 9,
  },
  rfc9293: {
    id: 'rfc9293',
    msl: 120,
    timeWait: 240,
    initialRto: 1,
    minRto: 0.2,
    maxRto: 120,
    synRetries: 6,
    synAckRetries: 5,
    dataRetries: 15,
    finWait2Timeout: null,
    delayedAckTimeout: 0.04,
    invalidAckInterval: 0.5,
    rcvWnd: 65535,
    mss: 1460,
    synLinearTimeouts: 0,
    timeBasedRetries: false,
    orphanRetries: 15,
    rtoFallback: 3,
    synResendAfterBadAck: null,
    linuxQuirks: false,
    syncookies: false,
    keepIdle: 7200,
    keepInterval: 75,
    keepCount: 9,
  },
};

export { PROFILE_IDS } from './vocabulary';

/**
 * Seconds from the first SYN until connect gives up: `synLinearTimeouts` retransmissions at the
 * initial RTO (counted from the second), then doubling (Linux tcp_retransmit_timer); the SYN is
 * retransmitted synRetries + synLinearTimeouts times (tcp_write_timeout counts SYN retries).
 */
export function connectGiveUpAfter(profile: Profile): number {
  let total = 0;
  let rto = profile.initialRto;
  const n = profile.synRetries + profile.synLinearTimeouts;
  for (let i = 0; i <= n; i++) {
    total += rto;
    if (i + 1 > profile.synLinearTimeouts) rto = Math.min(rto * 2, profile.maxRto);
  }
  return total;
}

/**
 * Linux tcp_model_timeout: how long `boundary` retransmissions take from an RTO of `rtoBase`
 * seconds doubling to TCP_RTO_MAX; retransmits_timed_out() gives up when this much time has
 * passed since the first retransmitted segment was sent.
 */
export function modelTimeout(boundary: number, rtoBase: number, rtoMax: number): number {
  const thresh = Math.floor(Math.log2(rtoMax / rtoBase));
  if (boundary <= thresh) return (2 ** (boundary + 1) - 1) * rtoBase;
  return (2 ** (thresh + 1) - 1) * rtoBase + (boundary - thresh) * rtoMax;
}
