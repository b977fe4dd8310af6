/**
 * A streaming reader of pcap and pcapng captures that decodes the TCP segments in them.
 *
 * Hand-written and dependency-free, on plain Uint8Array chunks (no Node Buffer), so the same
 * code runs in the extension host, the web build and the CLI. Memory is bounded: only the
 * bytes of one incomplete record are kept between chunks, and a record larger than
 * MAX_RECORD is reported as corrupt rather than buffered. Nothing here throws on file
 * contents: a problem ends the read with `error` (nothing was read) or `truncated` (the
 * records before the problem are kept).
 *
 * Formats: pcap (magic a1b2c3d4 microseconds, a1b23c4d nanoseconds) in both byte orders;
 * pcapng section header, interface description (if_tsresol, if_tsoffset), enhanced, simple
 * and obsolete packet blocks, several interfaces and sections, both byte orders, other blocks
 * skipped. Link types: Ethernet (VLAN tags), Linux SLL and SLL2, raw IPv4/IPv6, BSD
 * null/loopback, OpenBSD loop. Checksums are not verified (loopback captures carry offloaded,
 * wrong ones).
 */
import { formatIPv4, formatIPv6 } from './address';

export type CaptureFormat = 'pcap' | 'pcapng';

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;
export const TCP_URG = 0x20;
export const TCP_ECE = 0x40;
export const TCP_CWR = 0x80;

export interface TcpOptions {
  mss?: number;
  wscale?: number;
  sackPermitted?: boolean;
  /** TSval and TSecr. */
  timestamp?: readonly [number, number];
  /** SACK blocks, [left, right) pairs. */
  sack?: readonly (readonly [number, number])[];
}

/** One TCP segment as captured. */
export interface CapturedSegment {
  /** 1-based number of the record (packet) in the file. */
  readonly packet: number;
  /** Timestamp: whole seconds since the epoch and nanoseconds. */
  readonly sec: number;
  readonly nsec: number;
  readonly ipVersion: 4 | 6;
  readonly src: string;
  readonly dst: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  /** TCP flag bits (TCP_FIN ...). */
  readonly flags: number;
  /** The raw 16-bit window field (not scaled). */
  readonly window: number;
  /** Data octets (from the IP lengths, even if the capture was cut short by a snap length). */
  readonly len: number;
  readonly options: TcpOptions | null;
}

export interface ReadProblem {
  readonly message: string;
  /** 1-based record number where it broke (records before it were read). */
  readonly packet: number;
}

export interface ReadSummary {
  readonly format: CaptureFormat | null;
  /** The link type of the file (pcap) or of its first interface (pcapng). */
  readonly linktype: number | null;
  readonly linktypes: readonly number[];
  /** Every record (packet) read. */
  readonly packets: number;
  /** Every TCP segment decoded. */
  readonly tcp: number;
  readonly bytes: number;
  /** Not a capture at all (or broken before any record): nothing was read. */
  readonly error: string | null;
  /** The file was cut short or broke at this record; everything before it was read. */
  readonly truncated: ReadProblem | null;
}

/** The largest record accepted (pcapng blocks and pcap records). */
export const MAX_RECORD = 16 * 1024 * 1024;
const MAX_PCAP_CAPLEN = 0x40000 * 4;

interface Iface {
  readonly linktype: number;
  readonly snaplen: number;
  /** Ticks per second as divisor: timestamp units are 1/divisor seconds. */
  readonly divisor: number;
  readonly offset: number;
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/**
 * Exact split of a 64-bit tick count (hi, lo) by `divisor` (at most 2^32) into whole
 * seconds and nanoseconds, with 16-bit long division so no step loses precision.
 */
export function splitTicks(hi: number, lo: number, divisor: number): [number, number] {
  const limbs = [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff];
  let r = 0;
  let q = 0;
  for (const limb of limbs) {
    const cur = r * 65536 + limb;
    const d = Math.floor(cur / divisor);
    r = cur - d * divisor;
    q = q * 65536 + d;
  }
  const nsec = divisor === 1e9 ? r : Math.floor((r * 1e9) / divisor);
  return [q, nsec];
}

function tsresolDivisor(v: number): number | null {
  if (v & 0x80) {
    const p = v & 0x7f;
    return p <= 32 ? 2 ** p : null;
  }
  return v <= 9 ? 10 ** v : null;
}

export type SegmentSink = (segment: CapturedSegment) => void;

/**
 * Push chunks, then call `end()`. Segments are handed to `sink` as they are decoded.
 */
export class CaptureReader {
  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private format: CaptureFormat | null = null;
  private le = true;
  private nanos = false;
  private fileLinktype: number | null = null;
  private readonly linktypes: number[] = [];
  private ifaces: Iface[] = [];
  private packets = 0;
  private tcp = 0;
  private consumed = 0;
  private received = 0;
  private error: string | null = null;
  private truncated: ReadProblem | null = null;
  private done = false;
  private view: DataView = new DataView(new ArrayBuffer(0));
  private readonly ipv4Cache = new Map<number, string>();

  constructor(private readonly sink: SegmentSink) {}

  /** Bytes pushed so far. */
  get bytesReceived(): number {
    return this.received;
  }

  /** Whether the reader has stopped (an error or truncation); further chunks are ignored. */
  get stopped(): boolean {
    return this.done;
  }

  push(chunk: Uint8Array): void {
    this.received += chunk.length;
    if (this.done || chunk.length === 0) return;
    const rest = this.buf.length - this.pos;
    if (rest === 0) {
      this.buf = chunk;
    } else {
      const joined = new Uint8Array(rest + chunk.length);
      joined.set(this.buf.subarray(this.pos), 0);
      joined.set(chunk, rest);
      this.buf = joined;
    }
    this.pos = 0;
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    try {
      this.parse();
    } catch (e) {
      // Defensive: the parser checks bounds itself; anything else is a bug, reported, not thrown.
      this.fail(`internal error while reading: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (this.pos >= this.buf.length) {
      this.buf = new Uint8Array(0);
      this.pos = 0;
    } else if (this.pos > 0 && this.buf.length - this.pos < 65536) {
      // Keep only the unread tail, so a big chunk is not pinned by a few bytes.
      this.buf = this.buf.slice(this.pos);
      this.pos = 0;
      this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    }
  }

  end(): ReadSummary {
    if (!this.done) {
      const rest = this.buf.length - this.pos;
      if (this.format === null) {
        if (this.received === 0) this.error = 'the file is empty';
        else if (rest > 0) this.error = `not a pcap or pcapng file: only ${rest} bytes, too short for a file header`;
      } else if (this.format === 'pcapng' && this.consumed === 0) {
        this.error = 'the file ends inside its pcapng section header';
      } else if (rest > 0) {
        this.truncated = { message: `the file ends in the middle of packet ${this.packets + 1} (${rest} bytes of it)`, packet: this.packets + 1 };
      }
      this.done = true;
    }
    this.buf = new Uint8Array(0);
    return {
      format: this.format,
      linktype: this.fileLinktype,
      linktypes: this.linktypes.slice(),
      packets: this.packets,
      tcp: this.tcp,
      bytes: this.received,
      error: this.error,
      truncated: this.truncated,
    };
  }

  private fail(message: string): void {
    if (this.done) return;
    this.done = true;
    if (this.format === null || (this.packets === 0 && this.consumed === 0)) this.error = message;
    else this.truncated = { message, packet: this.packets + 1 };
  }

  private u16(off: number): number {
    return this.view.getUint16(off, this.le);
  }

  private u32(off: number): number {
    return this.view.getUint32(off, this.le);
  }

  private parse(): void {
    if (this.format === null && !this.detect()) return;
    if (this.format === 'pcap') this.parsePcap();
    else this.parsePcapng();
  }

  /** Reads the file header. False when more bytes are needed or the file is not a capture. */
  private detect(): boolean {
    const avail = this.buf.length - this.pos;
    if (avail < 4) return false;
    const v = this.view;
    const be = v.getUint32(this.pos, false);
    const le = v.getUint32(this.pos, true);
    if (be === 0xa1b2c3d4 || be === 0xa1b23c4d || le === 0xa1b2c3d4 || le === 0xa1b23c4d) {
      if (avail < 24) return false;
      this.le = le === 0xa1b2c3d4 || le === 0xa1b23c4d;
      this.nanos = (this.le ? le : be) === 0xa1b23c4d;
      const major = this.u16(this.pos + 4);
      if (major !== 2) {
        this.fail(`unsupported pcap version ${major}.${this.u16(this.pos + 6)} (expected 2.4)`);
        return false;
      }
      // The top bits of the link-type field carry FCS information (pcap-linktype(7)).
      this.fileLinktype = this.u32(this.pos + 20) & 0x03ffffff;
      this.linktypes.push(this.fileLinktype);
      this.format = 'pcap';
      this.pos += 24;
      this.consumed += 24;
      return true;
    }
    if (be === 0x0a0d0d0a) {
      this.format = 'pcapng';
      return true;
    }
    const printable = Array.from(this.buf.subarray(this.pos, this.pos + 4)).every((b) => b >= 0x20 && b < 0x7f);
    this.fail(`not a pcap or pcapng file: it starts with ${hex(be)}${printable ? ' (text)' : ''}, not a capture file's magic number`);
    return false;
  }

  private parsePcap(): void {
    const scale = this.nanos ? 1 : 1000;
    while (!this.done) {
      const p = this.pos;
      if (this.buf.length - p < 16) return;
      const caplen = this.u32(p + 8);
      const origlen = this.u32(p + 12);
      if (caplen > MAX_PCAP_CAPLEN) {
        this.fail(`packet ${this.packets + 1} claims ${caplen} captured bytes (more than any capture holds): the file is corrupt here`);
        return;
      }
      if (this.buf.length - p - 16 < caplen) return;
      const sec = this.u32(p);
      const frac = this.u32(p + 4);
      if (frac >= (this.nanos ? 1e9 : 1e6)) {
        this.fail(`packet ${this.packets + 1} has a fractional timestamp of ${frac}, out of range: the file is corrupt here`);
        return;
      }
      this.packets++;
      this.decodeLink(this.fileLinktype as number, p + 16, caplen, origlen, sec, frac * scale);
      this.pos = p + 16 + caplen;
      this.consumed += 16 + caplen;
    }
  }

  private parsePcapng(): void {
    while (!this.done) {
      const p = this.pos;
      const avail = this.buf.length - p;
      if (avail < 12) return;
      const typeBe = this.view.getUint32(p, false);
      if (typeBe === 0x0a0d0d0a) {
        // The byte-order magic decides how this section (and this very block) is read.
        const bom = this.view.getUint32(p + 8, false);
        if (bom === 0x1a2b3c4d) this.le = false;
        else if (bom === 0x4d3c2b1a) this.le = true;
        else {
          this.fail(`pcapng section header at byte ${this.consumed} has a bad byte-order magic ${hex(bom)}`);
          return;
        }
      }
      const type = this.u32(p);
      const total = this.u32(p + 4);
      if (total < 12 || total % 4 !== 0 || total > MAX_RECORD) {
        this.fail(`pcapng block at byte ${this.consumed} has an impossible length ${total}: the file is corrupt here`);
        return;
      }
      if (avail < total) return;
      if (this.u32(p + total - 4) !== total) {
        this.fail(`pcapng block at byte ${this.consumed} does not end with its length (${total}): the file is corrupt here`);
        return;
      }
      const body = p + 8;
      const bodyLen = total - 12;
      switch (type) {
        case 0x0a0d0d0a:
          if (bodyLen < 16) return this.fail(`pcapng section header at byte ${this.consumed} is too short`);
          if (this.u16(body + 4) !== 1) return this.fail(`unsupported pcapng version ${this.u16(body + 4)}.${this.u16(body + 6)} (expected 1.0)`);
          // A new section: its interfaces are numbered from 0 again.
          this.ifaces = [];
          break;
        case 1:
          if (!this.readIdb(body, bodyLen)) return;
          break;
        case 6:
          if (!this.readEpb(body, bodyLen)) return;
          break;
        case 3:
          if (!this.readSpb(body, bodyLen)) return;
          break;
        case 2:
          if (!this.readObsoletePacket(body, bodyLen)) return;
          break;
        default:
          // Name resolution, statistics, decryption secrets, custom blocks: not needed here.
          break;
      }
      if (this.done) return;
      this.pos = p + total;
      this.consumed += total;
    }
  }

  private readIdb(body: number, len: number): boolean {
    if (len < 8) {
      this.fail(`pcapng interface description at byte ${this.consumed} is too short`);
      return false;
    }
    const linktype = this.u16(body);
    const snaplen = this.u32(body + 4);
    let divisor = 1e6;
    let offset = 0;
    let o = body + 8;
    const end = body + len;
    while (o + 4 <= end) {
      const code = this.u16(o);
      const olen = this.u16(o + 2);
      if (code === 0 || o + 4 + olen > end) break;
      if (code === 9 && olen >= 1) {
        const d = tsresolDivisor(this.buf[o + 4]);
        if (d === null) {
          this.fail(`pcapng interface ${this.ifaces.length} has an unusable timestamp resolution (if_tsresol ${this.buf[o + 4]})`);
          return false;
        }
        divisor = d;
      } else if (code === 14 && olen >= 8) {
        const hi = this.view.getInt32(o + 4 + (this.le ? 4 : 0), this.le);
        const lo = this.view.getUint32(o + 4 + (this.le ? 0 : 4), this.le);
        offset = hi * 4294967296 + lo;
      }
      o += 4 + ((olen + 3) & ~3);
    }
    this.ifaces.push({ linktype, snaplen, divisor, offset });
    if (this.fileLinktype === null) this.fileLinktype = linktype;
    if (!this.linktypes.includes(linktype)) this.linktypes.push(linktype);
    return true;
  }

  private iface(id: number, what: string): Iface | null {
    const f = this.ifaces[id];
    if (!f) {
      this.fail(`packet ${this.packets + 1} (${what}) names interface ${id}, which no interface description block declared`);
      return null;
    }
    return f;
  }

  private packetAt(f: Iface, hi: number, lo: number, data: number, caplen: number, origlen: number): void {
    const [s, ns] = splitTicks(hi, lo, f.divisor);
    this.packets++;
    this.decodeLink(f.linktype, data, caplen, origlen, s + f.offset, ns);
  }

  private readEpb(body: number, len: number): boolean {
    if (len < 20) {
      this.fail(`packet ${this.packets + 1}: enhanced packet block too short`);
      return false;
    }
    const f = this.iface(this.u32(body), 'enhanced packet block');
    if (!f) return false;
    const caplen = this.u32(body + 12);
    if (caplen > len - 20) {
      this.fail(`packet ${this.packets + 1} claims ${caplen} captured bytes but its block holds ${len - 20}: the file is corrupt here`);
      return false;
    }
    this.packetAt(f, this.u32(body + 4), this.u32(body + 8), body + 20, caplen, this.u32(body + 16));
    return true;
  }

  private readSpb(body: number, len: number): boolean {
    if (len < 4) {
      this.fail(`packet ${this.packets + 1}: simple packet block too short`);
      return false;
    }
    const f = this.iface(0, 'simple packet block');
    if (!f) return false;
    const origlen = this.u32(body);
    let caplen = Math.min(origlen, len - 4);
    if (f.snaplen > 0) caplen = Math.min(caplen, f.snaplen);
    // A simple packet block has no timestamp.
    this.packets++;
    this.decodeLink(f.linktype, body + 4, caplen, origlen, 0, 0);
    return true;
  }

  private readObsoletePacket(body: number, len: number): boolean {
    if (len < 20) {
      this.fail(`packet ${this.packets + 1}: packet block too short`);
      return false;
    }
    const f = this.iface(this.u16(body), 'packet block');
    if (!f) return false;
    const caplen = this.u32(body + 12);
    if (caplen > len - 20) {
      this.fail(`packet ${this.packets + 1} claims ${caplen} captured bytes but its block holds ${len - 20}: the file is corrupt here`);
      return false;
    }
    this.packetAt(f, this.u32(body + 4), this.u32(body + 8), body + 20, caplen, this.u32(body + 16));
    return true;
  }

  // ---------------------------------------------------------------------------------
  // Link, network and transport layers. A packet that is not TCP, or is cut too short to
  // hold a TCP header, is counted as a packet and otherwise skipped.

  private decodeLink(linktype: number, off: number, caplen: number, origlen: number, sec: number, nsec: number): void {
    const b = this.buf;
    const end = off + caplen;
    let proto = -1;
    let p = off;
    switch (linktype) {
      case 1: {
        // Ethernet, with any number of 802.1Q / 802.1ad tags.
        if (caplen < 14) return;
        proto = (b[p + 12] << 8) | b[p + 13];
        p += 14;
        while ((proto === 0x8100 || proto === 0x88a8 || proto === 0x9100) && p + 4 <= end) {
          proto = (b[p + 2] << 8) | b[p + 3];
          p += 4;
        }
        break;
      }
      case 113: // Linux cooked capture v1
        if (caplen < 16) return;
        proto = (b[p + 14] << 8) | b[p + 15];
        p += 16;
        break;
      case 276: // Linux cooked capture v2
        if (caplen < 20) return;
        proto = (b[p] << 8) | b[p + 1];
        p += 20;
        break;
      case 0: {
        // BSD loopback: the address family in the byte order of the machine that captured.
        if (caplen < 4) return;
        const fam = b[p] === 0 && b[p + 1] === 0 ? (b[p + 2] << 8) | b[p + 3] : b[p] | (b[p + 1] << 8);
        proto = fam === 2 ? 0x0800 : fam === 24 || fam === 28 || fam === 30 || fam === 10 ? 0x86dd : -1;
        p += 4;
        break;
      }
      case 108: {
        // OpenBSD loopback: the family in network byte order.
        if (caplen < 4) return;
        const fam = (b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3];
        proto = fam === 2 ? 0x0800 : fam === 24 || fam === 28 || fam === 30 ? 0x86dd : -1;
        p += 4;
        break;
      }
      case 101: // raw IP
      case 12:
      case 14:
        if (caplen < 1) return;
        proto = b[p] >> 4 === 4 ? 0x0800 : b[p] >> 4 === 6 ? 0x86dd : -1;
        break;
      case 228:
        proto = 0x0800;
        break;
      case 229:
        proto = 0x86dd;
        break;
      default:
        return;
    }
    // Bytes of the packet the link header says exist but were not captured.
    const missing = origlen > caplen ? origlen - caplen : 0;
    if (proto === 0x0800) this.decodeIPv4(p, end, missing, sec, nsec);
    else if (proto === 0x86dd) this.decodeIPv6(p, end, missing, sec, nsec);
  }

  private decodeIPv4(p: number, end: number, missing: number, sec: number, nsec: number): void {
    const b = this.buf;
    if (end - p < 20 || b[p] >> 4 !== 4) return;
    const ihl = (b[p] & 0x0f) * 4;
    if (ihl < 20 || end - p < ihl) return;
    if (b[p + 9] !== 6) return;
    // A fragment other than the first has no TCP header; a first fragment has only part of
    // the segment. Neither is a whole segment, so neither is counted as one.
    const frag = (b[p + 6] << 8) | b[p + 7];
    if ((frag & 0x3fff) !== 0) return;
    const total = (b[p + 2] << 8) | b[p + 3];
    // Total length 0 happens with TSO captures; fall back to what the record holds.
    const ipEnd = total >= ihl ? p + total : end + missing;
    const src = this.ipv4Text(p + 12);
    const dst = this.ipv4Text(p + 16);
    this.decodeTcp(p + ihl, end, ipEnd, 4, src, dst, sec, nsec);
  }

  /** IPv4 address text, cached: a capture repeats few addresses, and strings cost. */
  private ipv4Text(off: number): string {
    const key = this.view.getUint32(off, false);
    let text = this.ipv4Cache.get(key);
    if (text === undefined) {
      text = formatIPv4(this.buf, off);
      if (this.ipv4Cache.size < 65536) this.ipv4Cache.set(key, text);
    }
    return text;
  }

  private decodeIPv6(p: number, end: number, missing: number, sec: number, nsec: number): void {
    const b = this.buf;
    if (end - p < 40 || b[p] >> 4 !== 6) return;
    const payload = (b[p + 4] << 8) | b[p + 5];
    let next = b[p + 6];
    const src = p + 8;
    const dst = p + 24;
    let q = p + 40;
    const ipEnd = payload > 0 ? q + payload : end + missing;
    // Walk the extension headers: hop-by-hop, routing, destination options, fragment, AH.
    for (let hops = 0; hops < 16; hops++) {
      if (next === 6) {
        this.decodeTcp(q, end, ipEnd, 6, formatIPv6(b, src), formatIPv6(b, dst), sec, nsec);
        return;
      }
      if (next === 0 || next === 43 || next === 60 || next === 135 || next === 139 || next === 140) {
        if (end - q < 8) return;
        const nq = q + (b[q + 1] + 1) * 8;
        next = b[q];
        q = nq;
      } else if (next === 44) {
        if (end - q < 8) return;
        const offM = (b[q + 2] << 8) | b[q + 3];
        if ((offM & 0xfff9) !== 0) return; // a fragment: not a whole segment
        next = b[q];
        q += 8;
      } else if (next === 51) {
        if (end - q < 8) return;
        const nq = q + (b[q + 1] + 2) * 4;
        next = b[q];
        q = nq;
      } else {
        return;
      }
    }
  }

  private decodeTcp(p: number, end: number, ipEnd: number, ipVersion: 4 | 6, src: string, dst: string, sec: number, nsec: number): void {
    if (end - p < 20) return;
    const b = this.buf;
    const v = this.view;
    const doff = (b[p + 12] >> 4) * 4;
    if (doff < 20) return;
    const srcPort = (b[p] << 8) | b[p + 1];
    const dstPort = (b[p + 2] << 8) | b[p + 3];
    const seq = v.getUint32(p + 4, false);
    const ack = v.getUint32(p + 8, false);
    const flags = b[p + 13];
    const window = (b[p + 14] << 8) | b[p + 15];
    const len = Math.max(0, ipEnd - p - doff);
    let options: TcpOptions | null = null;
    if (doff > 20) options = parseTcpOptions(b, p + 20, Math.min(p + doff, end));
    this.tcp++;
    this.sink({ packet: this.packets, sec, nsec, ipVersion, src, dst, srcPort, dstPort, seq, ack, flags, window, len, options });
  }
}

/** TCP options (RFC 9293 3.2, RFC 7323, RFC 2018). Stops quietly at a malformed option. */
export function parseTcpOptions(b: Uint8Array, start: number, end: number): TcpOptions {
  const o: TcpOptions = {};
  let p = start;
  while (p < end) {
    const kind = b[p];
    if (kind === 0) break;
    if (kind === 1) {
      p++;
      continue;
    }
    if (p + 1 >= end) break;
    const len = b[p + 1];
    if (len < 2 || p + len > end) break;
    const u32 = (q: number) => ((b[q] << 24) | (b[q + 1] << 16) | (b[q + 2] << 8) | b[q + 3]) >>> 0;
    if (kind === 2 && len === 4) o.mss = (b[p + 2] << 8) | b[p + 3];
    else if (kind === 3 && len === 3) o.wscale = b[p + 2];
    else if (kind === 4 && len === 2) o.sackPermitted = true;
    else if (kind === 8 && len === 10) o.timestamp = [u32(p + 2), u32(p + 6)];
    else if (kind === 5 && len >= 10 && (len - 2) % 8 === 0) {
      const blocks: [number, number][] = [];
      for (let q = p + 2; q + 8 <= p + len; q += 8) blocks.push([u32(q), u32(q + 4)]);
      o.sack = blocks;
    }
    p += len;
  }
  return o;
}

/** Reads a whole capture held in memory (tests, small files). */
export function readCapture(bytes: Uint8Array, sink: SegmentSink, chunkSize = 1 << 20): ReadSummary {
  const r = new CaptureReader(sink);
  for (let i = 0; i < bytes.length && !r.stopped; i += chunkSize) r.push(bytes.subarray(i, Math.min(bytes.length, i + chunkSize)));
  return r.end();
}
