import * as assert from 'node:assert/strict';
import type { CapturedSegment } from '../../../../src/core/capture/reader';
import { CaptureReader, readCapture, splitTicks, TCP_ACK, TCP_SYN } from '../../../../src/core/capture/reader';
import { formatIPv6 } from '../../../../src/core/capture/address';
import type { Link } from './build';
import { cat, epb, idb, ipv4, ipv6, link, LINKTYPE, obsoletePacket, pcap, pcapngBlock, shb, spb, tcp } from './build';

function read(bytes: Uint8Array, chunk = 1 << 20) {
  const segs: CapturedSegment[] = [];
  const summary = readCapture(bytes, (s) => segs.push(s), chunk);
  return { summary, segs };
}

const SYN_OPTS = [2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 7, 0, 0, 0, 0, 1, 3, 3, 7];

describe('capture reader', () => {
  describe('pcap', () => {
    for (const le of [true, false]) {
      for (const nano of [false, true]) {
        it(`reads ${le ? 'little' : 'big'}-endian ${nano ? 'nanosecond' : 'microsecond'} pcap`, () => {
          const data = link('ethernet', ipv4(tcp({ flags: TCP_SYN, seq: 0xfffffff0, options: SYN_OPTS })));
          const bytes = pcap([{ sec: 1700000000, frac: nano ? 123456789 : 123456, data }, { sec: 1700000001, frac: 5, data }], { le, nano });
          const { summary, segs } = read(bytes);
          assert.equal(summary.format, 'pcap');
          assert.equal(summary.linktype, 1);
          assert.equal(summary.packets, 2);
          assert.equal(summary.tcp, 2);
          assert.equal(summary.error, null);
          assert.equal(summary.truncated, null);
          assert.equal(segs[0].sec, 1700000000);
          assert.equal(segs[0].nsec, nano ? 123456789 : 123456000);
          assert.equal(segs[1].nsec, nano ? 5 : 5000);
          assert.equal(segs[0].seq, 0xfffffff0);
          assert.equal(segs[0].src, '10.0.0.1');
          assert.equal(segs[0].dstPort, 80);
          assert.deepEqual(segs[0].options, { mss: 1460, sackPermitted: true, timestamp: [7, 0], wscale: 7 });
          assert.equal(segs[0].packet, 1);
          assert.equal(segs[1].packet, 2);
        });
      }
    }

    it('gives the same result for every chunk size (a record split across chunks)', () => {
      const recs = Array.from({ length: 5 }, (_, i) => ({ sec: i, frac: 0, data: link('vlan', ipv4(tcp({ seq: i, flags: TCP_ACK, payload: 100 * i }))) }));
      const bytes = pcap(recs);
      const whole = read(bytes);
      for (const chunk of [1, 3, 7, 16, 17, 64]) assert.deepEqual(read(bytes, chunk), whole, `chunk ${chunk}`);
    });

    it('uses the IP length, not the Ethernet padding, and keeps lengths of snapped packets', () => {
      const ip = ipv4(tcp({ flags: TCP_ACK, payload: 0 }));
      const padded = cat(link('ethernet', ip), new Uint8Array(6));
      const big = link('ethernet', ipv4(tcp({ flags: TCP_ACK, payload: 1000 })));
      const snapped = big.subarray(0, 80);
      const { segs } = read(pcap([{ sec: 0, frac: 0, data: padded }, { sec: 0, frac: 0, data: snapped, origlen: big.length }]));
      assert.equal(segs[0].len, 0);
      assert.equal(segs[1].len, 1000);
    });
  });

  describe('link types', () => {
    const kinds: Link[] = ['ethernet', 'vlan', 'sll', 'sll2', 'raw', 'null-le', 'null-be', 'loop'];
    for (const kind of kinds) {
      for (const v of [4, 6] as const) {
        it(`${kind} carrying IPv${v}`, () => {
          const seg = tcp({ sport: 1234, dport: 443, flags: TCP_SYN | TCP_ACK, ack: 99, payload: 3 });
          const ip = v === 4 ? ipv4(seg) : ipv6(seg);
          const { summary, segs } = read(pcap([{ sec: 1, frac: 0, data: link(kind, ip) }], { linktype: LINKTYPE[kind] }));
          assert.equal(summary.tcp, 1, JSON.stringify(summary));
          assert.equal(segs[0].ipVersion, v);
          assert.equal(segs[0].src, v === 4 ? '10.0.0.1' : '2001:db8::1');
          assert.equal(segs[0].srcPort, 1234);
          assert.equal(segs[0].ack, 99);
          assert.equal(segs[0].len, 3);
        });
      }
    }
    it('raw IPv4 (228) and raw IPv6 (229)', () => {
      const a = read(pcap([{ sec: 0, frac: 0, data: ipv4(tcp({})) }], { linktype: 228 }));
      const b = read(pcap([{ sec: 0, frac: 0, data: ipv6(tcp({})) }], { linktype: 229 }));
      assert.equal(a.segs[0].ipVersion, 4);
      assert.equal(b.segs[0].ipVersion, 6);
    });
    it('counts but skips packets that are not TCP, fragments and unknown link types', () => {
      const udp = ipv4(new Uint8Array(8), { proto: 17 });
      const frag = ipv4(tcp({}), { frag: 0x2000 | 10 });
      const arp = cat([2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x08, 0x06], new Uint8Array(28));
      const { summary } = read(pcap([udp, frag, arp].map((d, i) => ({ sec: i, frac: 0, data: i < 2 ? link('ethernet', d) : d }))));
      assert.equal(summary.packets, 3);
      assert.equal(summary.tcp, 0);
      const other = read(pcap([{ sec: 0, frac: 0, data: ipv4(tcp({})) }], { linktype: 147 }));
      assert.equal(other.summary.packets, 1);
      assert.equal(other.summary.tcp, 0);
    });
  });

  describe('network layer', () => {
    it('IPv4 with options', () => {
      const { segs } = read(pcap([{ sec: 0, frac: 0, data: link('ethernet', ipv4(tcp({ payload: 5 }), { options: [0x94, 4, 0, 0, 1, 1, 1, 0] })) }]));
      assert.equal(segs[0].len, 5);
      assert.equal(segs[0].dstPort, 80);
    });
    it('IPv6 with hop-by-hop, destination options and a fragment header (offset 0, last)', () => {
      const { segs } = read(pcap([{ sec: 0, frac: 0, data: link('ethernet', ipv6(tcp({ payload: 7, dport: 8080 }), { ext: 'hop-dst-frag' })) }]));
      assert.equal(segs.length, 1);
      assert.equal(segs[0].len, 7);
      assert.equal(segs[0].dstPort, 8080);
    });
    it('writes IPv6 addresses as RFC 5952 says', () => {
      const a = (words: number[]) => formatIPv6(new Uint8Array(words.flatMap((w) => [w >> 8, w & 0xff])), 0);
      assert.equal(a([0, 0, 0, 0, 0, 0, 0, 1]), '::1');
      assert.equal(a([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1]), '2001:db8::1:0:0:1');
      assert.equal(a([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1]), '2001:db8:0:1:1:1:1:1');
      assert.equal(a([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]), '::ffff:127.0.0.1');
      assert.equal(a([0xfe80, 0, 0, 0, 0, 0, 0, 0]), 'fe80::');
    });
  });

  describe('pcapng', () => {
    for (const le of [true, false]) {
      it(`${le ? 'little' : 'big'}-endian: two interfaces, if_tsresol, enhanced, simple and obsolete packet blocks, unknown blocks skipped`, () => {
        const data = link('ethernet', ipv4(tcp({ flags: TCP_SYN })));
        const sll = link('sll2', ipv6(tcp({ flags: TCP_ACK, payload: 10 })));
        const ticksNs = splitToTicks(1700000000n * 1_000_000_000n + 987654321n);
        const bytes = cat(
          shb(le),
          idb(le, { linktype: 1 }),
          pcapngBlock(le, 4, [0, 0, 0, 0]), // name resolution block (skipped)
          idb(le, { linktype: 276, tsresol: 9 }),
          epb(le, 0, splitToTicks(1700000000n * 1_000_000n + 654321n), data),
          pcapngBlock(le, 0x00000bad, [1, 2, 3, 4, 5, 6, 7, 8]), // custom, unknown
          epb(le, 1, ticksNs, sll),
          spb(le, data),
          obsoletePacket(le, 0, [0, 1_000_000], data),
          pcapngBlock(le, 5, new Array(12).fill(0)), // interface statistics (skipped)
        );
        const { summary, segs } = read(bytes);
        assert.equal(summary.format, 'pcapng');
        assert.equal(summary.linktype, 1);
        assert.deepEqual(summary.linktypes, [1, 276]);
        assert.equal(summary.packets, 4);
        assert.equal(summary.tcp, 4);
        assert.equal(summary.truncated, null);
        assert.deepEqual([segs[0].sec, segs[0].nsec], [1700000000, 654321000]);
        assert.deepEqual([segs[1].sec, segs[1].nsec], [1700000000, 987654321]);
        assert.equal(segs[1].ipVersion, 6);
        assert.equal(segs[1].len, 10);
        assert.deepEqual([segs[3].sec, segs[3].nsec], [1, 0]);
        for (const chunk of [1, 5, 13]) assert.deepEqual(read(bytes, chunk), read(bytes), `chunk ${chunk}`);
      });
    }
    it('a binary if_tsresol (2^-20) and several sections with different byte orders', () => {
      const data = link('raw', ipv4(tcp({})));
      const bytes = cat(shb(true), idb(true, { linktype: 101, tsresol: 0x80 | 20 }), epb(true, 0, [0, 3 * 2 ** 20 + 2 ** 19], data), shb(false), idb(false, { linktype: 1 }), epb(false, 0, [0, 5], link('ethernet', ipv4(tcp({})))));
      const { summary, segs } = read(bytes);
      assert.equal(summary.packets, 2);
      assert.deepEqual([segs[0].sec, segs[0].nsec], [3, 500_000_000]);
      assert.deepEqual([segs[1].sec, segs[1].nsec], [0, 5000]);
    });
    it('splits 64-bit tick counts exactly', () => {
      assert.deepEqual(splitTicks(0x179a1c3b, 0x12345678, 1e9), exact(0x179a1c3b, 0x12345678, 1e9));
      assert.deepEqual(splitTicks(0xffffffff, 0xffffffff, 1e6), exact(0xffffffff, 0xffffffff, 1e6));
    });
    it('a packet naming an undeclared interface stops the read there', () => {
      const data = link('ethernet', ipv4(tcp({})));
      const { summary } = read(cat(shb(true), idb(true, { linktype: 1 }), epb(true, 0, [0, 1], data), epb(true, 3, [0, 2], data)));
      assert.equal(summary.packets, 1);
      assert.equal(summary.truncated?.packet, 2);
      assert.match(summary.truncated?.message ?? '', /interface 3/);
    });
  });

  describe('bad input', () => {
    it('an empty file', () => {
      assert.equal(read(new Uint8Array(0)).summary.error, 'the file is empty');
    });
    it('text and random bytes', () => {
      assert.match(read(new TextEncoder().encode('hello, world\n')).summary.error ?? '', /not a pcap or pcapng file: it starts with 0x68656c6c \(text\)/);
      assert.match(read(new Uint8Array([1, 2])).summary.error ?? '', /too short/);
    });
    it('a file cut in the middle of a packet keeps the packets before it', () => {
      const data = link('ethernet', ipv4(tcp({ payload: 40 })));
      const bytes = pcap([0, 1, 2].map((i) => ({ sec: i, frac: 0, data })));
      const cut = bytes.subarray(0, bytes.length - 10);
      const { summary, segs } = read(cut);
      assert.equal(summary.error, null);
      assert.equal(summary.packets, 2);
      assert.equal(segs.length, 2);
      assert.deepEqual(summary.truncated?.packet, 3);
    });
    it('an impossible record length is corruption at that packet', () => {
      const data = link('ethernet', ipv4(tcp({})));
      const bytes = pcap([0, 1].map((i) => ({ sec: i, frac: 0, data })));
      const view = new DataView(bytes.buffer);
      view.setUint32(24 + 16 + data.length + 8, 0x7fffffff, true);
      const { summary } = read(bytes);
      assert.equal(summary.packets, 1);
      assert.equal(summary.truncated?.packet, 2);
      assert.match(summary.truncated?.message ?? '', /corrupt/);
    });
    it('a pcapng block whose trailing length disagrees', () => {
      const bytes = cat(shb(true), idb(true, { linktype: 1 }));
      bytes[bytes.length - 4] ^= 0xff;
      const { summary } = read(bytes);
      assert.match(summary.truncated?.message ?? summary.error ?? '', /does not end with its length/);
    });
    it('a reader that has stopped ignores further chunks', () => {
      const r = new CaptureReader(() => {});
      r.push(new TextEncoder().encode('garbage!'));
      assert.equal(r.stopped, true);
      r.push(new Uint8Array(100));
      assert.match(r.end().error ?? '', /not a pcap/);
    });
  });
});

function splitToTicks(v: bigint): [number, number] {
  return [Number(v >> 32n), Number(v & 0xffffffffn)];
}

function exact(hi: number, lo: number, d: number): [number, number] {
  const v = (BigInt(hi) << 32n) | BigInt(lo);
  const D = BigInt(d);
  return [Number(v / D), Number(((v % D) * 1_000_000_000n) / D)];
}
