/**
 * Hand-built capture bytes for the reader's tests: TCP, IPv4 (with options), IPv6 (with
 * extension headers), every supported link layer, pcap and pcapng in both byte orders.
 */

export interface TcpSpec {
  src?: number[];
  dst?: number[];
  sport?: number;
  dport?: number;
  seq?: number;
  ack?: number;
  flags?: number;
  window?: number;
  payload?: number;
  options?: number[];
}

const cat = (...parts: (Uint8Array | number[])[]): Uint8Array => {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
export { cat };

const be16 = (v: number) => [(v >> 8) & 0xff, v & 0xff];
const be32 = (v: number) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

export function tcp(s: TcpSpec): Uint8Array {
  const opts = s.options ?? [];
  const padded = [...opts, ...new Array((4 - (opts.length % 4)) % 4).fill(0)];
  const doff = (20 + padded.length) / 4;
  const h = [...be16(s.sport ?? 40000), ...be16(s.dport ?? 80), ...be32(s.seq ?? 1000), ...be32(s.ack ?? 0), doff << 4, s.flags ?? 0x02, ...be16(s.window ?? 65535), 0, 0, 0, 0];
  return cat(h, padded, new Uint8Array(s.payload ?? 0));
}

export function ipv4(payload: Uint8Array, opts: { src?: number[]; dst?: number[]; options?: number[]; proto?: number; frag?: number } = {}): Uint8Array {
  const o = opts.options ?? [];
  const ihl = (20 + o.length) / 4;
  const total = 20 + o.length + payload.length;
  const h = [0x40 | ihl, 0, ...be16(total), 0, 1, ...be16(opts.frag ?? 0x4000), 64, opts.proto ?? 6, 0, 0, ...(opts.src ?? [10, 0, 0, 1]), ...(opts.dst ?? [10, 0, 0, 2])];
  return cat(h, o, payload);
}

/** IPv6 with the given extension headers ([next-header code, bytes...] chains built here). */
export function ipv6(payload: Uint8Array, opts: { src?: number[]; dst?: number[]; ext?: 'none' | 'hop-dst-frag' } = {}): Uint8Array {
  const src = opts.src ?? [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
  const dst = opts.dst ?? [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
  let ext: number[] = [];
  let first = 6;
  if (opts.ext === 'hop-dst-frag') {
    // hop-by-hop (8 bytes, PadN) -> destination options (16 bytes) -> fragment (offset 0, last) -> TCP
    first = 0;
    ext = [60, 0, 1, 4, 0, 0, 0, 0, 44, 1, 1, 12, ...new Array(12).fill(0), 6, 0, 0, 0, 0, 0, 0, 7];
  }
  const plen = ext.length + payload.length;
  const h = [0x60, 0, 0, 0, ...be16(plen), first, 64, ...src, ...dst];
  return cat(h, ext, payload);
}

export type Link = 'ethernet' | 'vlan' | 'sll' | 'sll2' | 'raw' | 'ipv4' | 'ipv6' | 'null-le' | 'null-be' | 'loop';
export const LINKTYPE: Record<Link, number> = { ethernet: 1, vlan: 1, sll: 113, sll2: 276, raw: 101, ipv4: 228, ipv6: 229, 'null-le': 0, 'null-be': 0, loop: 108 };

export function link(kind: Link, ip: Uint8Array): Uint8Array {
  const v6 = ip[0] >> 4 === 6;
  const et = v6 ? 0x86dd : 0x0800;
  const mac = [2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2];
  switch (kind) {
    case 'ethernet':
      return cat(mac, be16(et), ip);
    case 'vlan':
      return cat(mac, be16(0x88a8), [0, 10], be16(0x8100), [0, 20], be16(et), ip);
    case 'sll':
      return cat([0, 0, 0, 1, 0, 6, ...mac.slice(0, 6), 0, 0], be16(et), ip);
    case 'sll2':
      return cat(be16(et), [0, 0], be32(1), [0, 1, 0, 6], mac.slice(0, 6), [0, 0], ip);
    case 'raw':
    case 'ipv4':
    case 'ipv6':
      return ip;
    case 'null-le':
      return cat([v6 ? 30 : 2, 0, 0, 0], ip);
    case 'null-be':
      return cat([0, 0, 0, v6 ? 30 : 2], ip);
    case 'loop':
      return cat(be32(v6 ? 24 : 2), ip);
  }
}

export interface Rec {
  sec: number;
  frac: number;
  data: Uint8Array;
  origlen?: number;
  iface?: number;
}

function writer(le: boolean) {
  return {
    u16: (v: number) => (le ? [v & 0xff, (v >> 8) & 0xff] : be16(v)),
    u32: (v: number) => (le ? [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff] : be32(v)),
  };
}

export function pcap(records: Rec[], opts: { le?: boolean; nano?: boolean; linktype?: number } = {}): Uint8Array {
  const w = writer(opts.le ?? true);
  const parts: (Uint8Array | number[])[] = [[...w.u32(opts.nano ? 0xa1b23c4d : 0xa1b2c3d4), ...w.u16(2), ...w.u16(4), 0, 0, 0, 0, 0, 0, 0, 0, ...w.u32(262144), ...w.u32(opts.linktype ?? 1)]];
  for (const r of records) parts.push([...w.u32(r.sec), ...w.u32(r.frac), ...w.u32(r.data.length), ...w.u32(r.origlen ?? r.data.length)], r.data);
  return cat(...parts);
}

export interface NgIface {
  linktype: number;
  tsresol?: number;
  snaplen?: number;
}

export function pcapngBlock(le: boolean, type: number, body: number[] | Uint8Array): Uint8Array {
  const w = writer(le);
  const pad = (4 - (body.length % 4)) % 4;
  const total = 12 + body.length + pad;
  return cat(w.u32(type), w.u32(total), body, new Array(pad).fill(0), w.u32(total));
}

export function shb(le: boolean): Uint8Array {
  const w = writer(le);
  return pcapngBlock(le, 0x0a0d0d0a, [...w.u32(0x1a2b3c4d), ...w.u16(1), ...w.u16(0), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
}

export function idb(le: boolean, f: NgIface): Uint8Array {
  const w = writer(le);
  const opts = f.tsresol === undefined ? [] : [...w.u16(9), ...w.u16(1), f.tsresol, 0, 0, 0];
  return pcapngBlock(le, 1, [...w.u16(f.linktype), 0, 0, ...w.u32(f.snaplen ?? 0), ...opts, ...(opts.length ? [0, 0, 0, 0] : [])]);
}

/** An enhanced packet block; `ticks` is the 64-bit timestamp as [high, low]. */
export function epb(le: boolean, iface: number, ticks: [number, number], data: Uint8Array, origlen = data.length): Uint8Array {
  const w = writer(le);
  return pcapngBlock(le, 6, cat([...w.u32(iface), ...w.u32(ticks[0]), ...w.u32(ticks[1]), ...w.u32(data.length), ...w.u32(origlen)], data, new Array((4 - (data.length % 4)) % 4).fill(0)));
}

export function spb(le: boolean, data: Uint8Array): Uint8Array {
  const w = writer(le);
  return pcapngBlock(le, 3, cat(w.u32(data.length), data, new Array((4 - (data.length % 4)) % 4).fill(0)));
}

export function obsoletePacket(le: boolean, iface: number, ticks: [number, number], data: Uint8Array): Uint8Array {
  const w = writer(le);
  return pcapngBlock(le, 2, cat([...w.u16(iface), ...w.u16(0), ...w.u32(ticks[0]), ...w.u32(ticks[1]), ...w.u32(data.length), ...w.u32(data.length)], data, new Array((4 - (data.length % 4)) % 4).fill(0)));
}
