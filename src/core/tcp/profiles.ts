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
  },
};

export { PROFILE_IDS } from './vocabulary';

/** Seconds from the first SYN until connect gives up: initial RTO doubled `synRetries` times, summed. */
export function connectGiveUpAfter(profile: Profile): number {
  let total = 0;
  let rto = profile.initialRto;
  for (let i = 0; i <= profile.synRetries; i++) {
    total += rto;
    rto = Math.min(rto * 2, profile.maxRto);
  }
  return total;
}
