import * as assert from 'node:assert/strict';
import type { CapturedSegment } from '../../../../src/core/capture/reader';
import { TCP_ACK, TCP_FIN, TCP_SYN } from '../../../../src/core/capture/reader';
import { ConnectionTracker } from '../../../../src/core/capture/connections';
import { segmentChecks } from '../../../../src/core/capture/checks';
import { captureDetail, captureSummary } from '../../../../src/host/capture/model';
import { parseCaptureMessage } from '../../../../src/shared/capture/messages';
import { CAPTURE_TEXT } from '../../../../src/i18n/capture';

function conn(rows: [who: 'c' | 's', flags: number, seq: number, ack: number, len?: number, window?: number, wscale?: number][]) {
  const t = new ConnectionTracker();
  rows.forEach(([who, flags, seq, ack, len = 0, window = 1000, wscale], i) => {
    const c = who === 'c';
    const seg: CapturedSegment = { packet: i + 1, sec: 0, nsec: i * 1000, ipVersion: 4, src: c ? '10.0.0.1' : '10.0.0.2', dst: c ? '10.0.0.2' : '10.0.0.1', srcPort: c ? 5000 : 80, dstPort: c ? 80 : 5000, seq, ack, flags, window, len, options: wscale === undefined ? null : { wscale } };
    t.add(seg);
  });
  return t.finish()[0];
}

const S = TCP_SYN;
const A = TCP_ACK;

describe('capture acceptability checks', () => {
  it('at RCV.NXT, in the window, old, beyond the window; the window scaled when both SYNs carry wscale', () => {
    const c = conn([
      ['c', S, 100, 0, 0, 1000, 2],
      ['s', S | A, 300, 101, 0, 500, 3],
      ['c', A, 101, 301, 0, 1000],
      ['c', A, 101, 301, 100, 1000], // at RCV.NXT
      ['c', A, 301, 301, 100, 1000], // a gap: in the window (out of order)
      ['c', A, 101, 301, 50, 1000], // entirely old
      ['c', A, 201 + 4000, 301, 10, 1000], // beyond the server's window of 500
      ['s', A, 301, 201, 0, 500], // now scaled: 500 << 3 = 4000
      ['c', A, 201 + 3000, 301, 10, 1000], // inside the scaled window
      ['s', A | TCP_FIN, 301, 201, 0, 0], // the server's window closes to 0
      ['c', A, 201, 302, 1, 1000], // data into a zero window: not acceptable
    ]);
    const checks = segmentChecks(c);
    assert.equal(checks[0], null);
    assert.equal(checks[1], null);
    // The window in a SYN is never scaled (RFC 7323 2.2): 500 until the server sends again.
    assert.deepEqual(checks[3], { seq: 101, len: 100, rcvNxt: 101, rcvWnd: 500, acceptable: true, reason: 'at-rcv-nxt' });
    assert.equal(checks[4]?.reason, 'in-window');
    assert.equal(checks[4]?.acceptable, true);
    assert.equal(checks[5]?.reason, 'old');
    assert.equal(checks[5]?.acceptable, false);
    assert.equal(checks[6]?.reason, 'beyond-window');
    assert.equal(checks[6]?.acceptable, false);
    assert.deepEqual([checks[8]?.rcvWnd, checks[8]?.reason, checks[8]?.acceptable], [4000, 'in-window', true]);
    assert.deepEqual([checks[10]?.rcvWnd, checks[10]?.acceptable], [0, false]);
  });

  it('the host presenter: list rows and a detail with relative numbers and states', () => {
    const c = conn([
      ['c', S, 100, 0],
      ['s', S | A, 300, 101],
      ['c', A, 101, 301, 10],
    ]);
    const summary = captureSummary('x.pcap', { summary: { format: 'pcap', linktype: 1, linktypes: [1], packets: 3, tcp: 3, bytes: 100, error: null, truncated: null }, connections: [c] });
    assert.deepEqual(summary.connections[0], { id: 0, client: '10.0.0.1:5000', server: '10.0.0.2:80', segments: 3, duration: 0.000002, ending: 'open', final: { client: 'ESTABLISHED', server: 'ESTABLISHED' }, findings: [], partial: false });
    const d = captureDetail(0, c);
    assert.deepEqual(d.segments.map((s) => [s.flags, s.relSeq, s.relAck]), [['SYN', 0, null], ['SYN,ACK', 0, 1], ['ACK', 1, 1]]);
    assert.deepEqual(d.states.map((s) => `${s.side} ${s.state} ${s.proven}`), ['client SYN-SENT true', 'server LISTEN false', 'server SYN-RECEIVED true', 'client ESTABLISHED true', 'server ESTABLISHED false']);
  });

  it('the webview messages are validated', () => {
    assert.deepEqual(parseCaptureMessage({ type: 'capture/select', id: 2 }), { ok: true, message: { type: 'capture/select', id: 2 } });
    assert.equal(parseCaptureMessage({ type: 'capture/select', id: -1 }).ok, false);
    assert.equal(parseCaptureMessage({ type: 'capture/nope' }).ok, false);
    assert.equal(parseCaptureMessage('x').ok, false);
  });

  it('every capture string exists in both languages, with the same placeholders', () => {
    for (const [k, v] of Object.entries(CAPTURE_TEXT)) {
      assert.ok(v.en.length > 0 && v['zh-cn'].length > 0, k);
      const ph = (t: string) => (t.match(/\{\w+\}/g) ?? []).sort();
      assert.deepEqual(ph(v['zh-cn']), ph(v.en), k);
    }
  });
});
