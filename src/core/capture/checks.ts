/**
 * The receiver's acceptability test (RFC 9293 3.10.7.4, table 6) for each captured segment,
 * as the receiver stood when it arrived: RCV.NXT is the end of the sender's data the capture
 * shows in order (or what the receiver has acknowledged, if further), RCV.WND the window the
 * receiver last advertised, scaled when both SYNs carried a window-scale option (RFC 7323).
 * Segments before the connection is synchronised (SYN, SYN,ACK, and anything while the
 * receiver has no ISN of the sender) are checked by other rules, so they get none.
 */
import type { Connection } from './connections';
import { TCP_ACK, TCP_FIN, TCP_SYN } from './reader';

export type CheckReason = 'at-rcv-nxt' | 'in-window' | 'overlaps' | 'old' | 'beyond-window';

export interface SegmentCheck {
  readonly seq: number;
  /** SEG.LEN: data plus one for SYN and one for FIN. */
  readonly len: number;
  readonly rcvNxt: number;
  /** RCV.WND, or null when the receiver has not advertised one yet. */
  readonly rcvWnd: number | null;
  readonly acceptable: boolean;
  readonly reason: CheckReason;
}

const diff = (a: number, b: number): number => (b - a) | 0;

export function segmentChecks(c: Connection): (SegmentCheck | null)[] {
  const scaled = c.synOptions.client?.wscale !== undefined && c.synOptions.server?.wscale !== undefined;
  const shift = { client: scaled ? Math.min(14, c.synOptions.client?.wscale ?? 0) : 0, server: scaled ? Math.min(14, c.synOptions.server?.wscale ?? 0) : 0 };
  // Per receiver: what it expects next from the other side, and its advertised window.
  const rcvNxt: { client: number | null; server: number | null } = { client: null, server: null };
  const wnd: { client: number | null; server: number | null } = { client: null, server: null };
  return c.stored.map((s) => {
    const to = s.from === 'client' ? 'server' : 'client';
    const syn = (s.flags & TCP_SYN) !== 0;
    const segLen = s.len + (syn ? 1 : 0) + (s.flags & TCP_FIN ? 1 : 0);
    let check: SegmentCheck | null = null;
    const nxt = rcvNxt[to];
    if (!syn && nxt !== null) {
      const w = wnd[to];
      const off = diff(nxt, s.seq);
      const endOff = off + segLen - 1;
      const inWnd = (o: number) => w !== null && o >= 0 && o < w;
      let acceptable: boolean;
      if (segLen === 0) acceptable = w === 0 ? off === 0 : w === null ? off === 0 : inWnd(off);
      else acceptable = w !== null && w > 0 && (inWnd(off) || inWnd(endOff));
      const reason: CheckReason = off === 0 ? 'at-rcv-nxt' : off > 0 ? (w !== null && off < w ? 'in-window' : 'beyond-window') : acceptable || (segLen > 0 && endOff >= 0) ? 'overlaps' : 'old';
      check = { seq: s.seq, len: segLen, rcvNxt: nxt, rcvWnd: w, acceptable: off === 0 && segLen === 0 ? true : acceptable, reason };
    }
    // The sender's own view: its window and what it acknowledges.
    wnd[s.from] = syn ? s.window : s.window << shift[s.from];
    if (s.flags & TCP_ACK) {
      const mine = rcvNxt[s.from];
      if (mine === null || diff(mine, s.ack) > 0) rcvNxt[s.from] = s.ack;
    }
    // The receiver's next expected octet moves past in-order data.
    if (syn) rcvNxt[to] = (s.seq + 1) >>> 0;
    else if (nxt !== null && diff(s.seq, nxt) >= 0 && diff(nxt, (s.seq + segLen) >>> 0) > 0) rcvNxt[to] = (s.seq + segLen) >>> 0;
    return check;
  });
}
