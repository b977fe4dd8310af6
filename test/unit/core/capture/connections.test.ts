import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CapturedSegment } from '../../../../src/core/capture/reader';
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../../../../src/core/capture/reader';
import { analyzeCapture, ConnectionTracker } from '../../../../src/core/capture/index';
import { connectionScenario } from '../../../../src/core/capture/scenario';
import { parseScenario, runScenario } from '../../../../src/core/tcp/scenario';
import { replayWords } from '../../../../src/i18n/capture';

const EN = replayWords('en');

const S = TCP_SYN;
const A = TCP_ACK;
const F = TCP_FIN;
const R = TCP_RST;

/** c: from 10.0.0.1:50000 (c) or 10.0.0.2:80 (s). */
function conv(rows: [who: 'c' | 's', flags: number, seq: number, ack: number, len?: number, window?: number][], ports: [number, number] = [50000, 80]) {
  const t = new ConnectionTracker();
  rows.forEach(([who, flags, seq, ack, len = 0, window = 1000], i) => {
    const c = who === 'c';
    const seg: CapturedSegment = { packet: i + 1, sec: i, nsec: 0, ipVersion: 4, src: c ? '10.0.0.1' : '10.0.0.2', dst: c ? '10.0.0.2' : '10.0.0.1', srcPort: c ? ports[0] : ports[1], dstPort: c ? ports[1] : ports[0], seq, ack, flags, window, len, options: null };
    t.add(seg);
  });
  return t.finish();
}

const handshake: [('c' | 's'), number, number, number][] = [
  ['c', S, 100, 0],
  ['s', S | A, 300, 101],
  ['c', A, 101, 301],
];

describe('capture inference', () => {
  it('the FIN that acknowledges our FIN: FIN-WAIT-1 straight to TIME-WAIT', () => {
    const [c] = conv([...handshake, ['c', F | A, 101, 301], ['s', F | A, 301, 102], ['c', A, 102, 302]]);
    assert.deepEqual(c.states.client, ['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'TIME-WAIT']);
    assert.deepEqual(c.states.server, ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
    assert.deepEqual(c.final, { client: 'TIME-WAIT', server: 'CLOSED' });
    assert.equal(c.ending, 'time-wait');
  });

  it('the four-way close: FIN-WAIT-2 when the FIN is acknowledged alone', () => {
    const [c] = conv([...handshake, ['c', F | A, 101, 301], ['s', A, 301, 102], ['s', F | A, 301, 102], ['c', A, 102, 302]]);
    assert.deepEqual(c.states.client, ['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT']);
  });

  it('marks proven and inferred states', () => {
    const [c] = conv([...handshake, ['c', F | A, 101, 301], ['s', A, 301, 102], ['s', F | A, 301, 102], ['c', A, 102, 302]]);
    const mark = (side: string) => c.changes.filter((x) => x.side === side).map((x) => `${x.state}${x.proven ? '' : '?'}`);
    assert.deepEqual(mark('client'), ['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2?', 'TIME-WAIT?']);
    assert.deepEqual(mark('server'), ['LISTEN?', 'SYN-RECEIVED', 'ESTABLISHED?', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED?']);
  });

  it('refused: server states [] and final CLOSED; an unanswered SYN likewise', () => {
    const [r] = conv([['c', S, 100, 0], ['s', R | A, 0, 101]]);
    assert.deepEqual(r.states, { client: ['SYN-SENT', 'CLOSED'], server: [] });
    assert.deepEqual(r.final, { client: 'CLOSED', server: 'CLOSED' });
    assert.equal(r.ending, 'refused');
    const [n] = conv([['c', S, 100, 0], ['c', S, 100, 0]]);
    assert.deepEqual(n.states, { client: ['SYN-SENT'], server: [] });
    assert.deepEqual(n.findings, ['retransmission', 'handshake-incomplete']);
  });

  it('without a SYN: the higher port is the client, partial, states from the first segment', () => {
    const [c] = conv([['s', A, 300, 100, 10], ['c', A, 100, 310], ['c', F | A, 100, 310], ['s', F | A, 310, 101], ['c', A, 101, 311]]);
    assert.equal(c.client, '10.0.0.1:50000');
    assert.equal(c.partial, true);
    assert.deepEqual(c.states.client, ['ESTABLISHED', 'FIN-WAIT-1', 'TIME-WAIT']);
    assert.deepEqual(c.states.server, ['ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
    assert.deepEqual(c.findings, ['mid-stream']);
    // Ties: the first sender is the client.
    const [t] = conv([['s', A, 300, 100], ['c', A, 100, 300]], [80, 80]);
    assert.equal(t.client, '10.0.0.2:80');
  });

  it('a side that first sends a FIN starts in FIN-WAIT-1', () => {
    const [c] = conv([['c', F | A, 100, 300], ['s', A, 300, 101]]);
    assert.deepEqual(c.states.client, ['FIN-WAIT-1', 'FIN-WAIT-2']);
  });

  it('findings: half-close, zero-window (not on RST), reset, retransmission', () => {
    const [c] = conv([...handshake, ['c', F | A, 101, 301], ['s', A, 301, 102, 50], ['s', A, 351, 102, 0, 0], ['s', R, 351, 0, 0, 0]]);
    assert.deepEqual(c.findings, ['reset', 'half-close', 'zero-window']);
    const [d] = conv([...handshake, ['c', A, 101, 301, 100], ['c', A, 101, 301, 100], ['s', A, 301, 201]]);
    assert.deepEqual(d.findings, ['retransmission']);
  });

  it('a new SYN on the same ports after the old connection ended is a new connection', () => {
    const rows: [('c' | 's'), number, number, number][] = [...handshake, ['c', R, 101, 0], ['c', S, 5000, 0], ['s', S | A, 7000, 5001], ['c', A, 5001, 7001]];
    const list = conv(rows);
    assert.equal(list.length, 2);
    assert.deepEqual(list[1].states.client, ['SYN-SENT', 'ESTABLISHED']);
  });

  it('simultaneous open and close', () => {
    const [c] = conv([['c', S, 100, 0], ['s', S, 300, 0], ['c', S | A, 100, 301], ['s', S | A, 300, 101], ['c', F | A, 101, 301], ['s', F | A, 301, 101], ['c', A, 102, 302], ['s', A, 302, 102]]);
    assert.deepEqual(c.states.client, ['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSING', 'TIME-WAIT']);
    assert.deepEqual(c.states.server, ['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSING', 'TIME-WAIT']);
    assert.deepEqual(c.findings, ['retransmission', 'simultaneous-open', 'simultaneous-close']);
  });
});

describe('capture to scenario', () => {
  const dir = join(__dirname, '../../../fixtures/captures');
  // Every story but the lossy one replays to the captured final states (see docs/captures.md).
  const replays = ['normal', 'refused', 'abort', 'halfclose', 'transfer', 'zerowindow', 'ipv6', 'midstream', 'simclose', 'simopen', 'noanswer'];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.pcap'))) {
    it(`${f}: a valid scenario that runs${replays.includes(f.replace('.pcap', '')) ? ' to the captured final states' : ''}`, () => {
      const a = analyzeCapture(new Uint8Array(readFileSync(join(dir, f))));
      for (const c of a.connections) {
        const s = connectionScenario(c, EN);
        const parsed = parseScenario(s.text);
        assert.ok(parsed.ok, JSON.stringify(parsed));
        const run = runScenario(parsed.scenario);
        assert.deepEqual(s.final, { A: run.final.A.state, B: run.final.B.state });
        if (replays.includes(f.replace('.pcap', ''))) {
          assert.equal(s.matches, true, `${JSON.stringify(s.final)} vs ${JSON.stringify(c.final)}: ${s.notes.map((n) => EN.note(n)).join('; ')}`);
          assert.deepEqual(s.scenario.isn, { A: c.iss.client ?? s.scenario.isn.A, B: c.iss.server ?? s.scenario.isn.B });
        }
      }
    });
  }
  it('writes the description and the notes in the learner\u2019s language', () => {
    const a = analyzeCapture(new Uint8Array(readFileSync(join(dir, 'midstream.pcap'))));
    const c = a.connections[0];
    const en = connectionScenario(c, EN);
    const zh = connectionScenario(c, replayWords('zh-cn'));
    assert.deepEqual(zh.notes, en.notes, 'the same notes, only the words differ');
    assert.ok(en.notes.some((n) => n.kind === 'partial'), 'a capture that starts mid-stream says so');
    assert.match(en.scenario.description, /^Replays a connection from a capture: A is the client .* Note: the capture starts after the handshake/);
    assert.match(zh.scenario.description, /^重放抓包里的一条连接：A 是客户端 .*注意：抓包开始于三次握手之后/);
    assert.ok(zh.scenario.description.includes(c.client) && zh.scenario.description.includes(c.final.server));
    assert.deepEqual(zh.scenario.steps, en.scenario.steps);
    assert.equal(replayWords('zh-cn').note({ kind: 'skipped', count: 3 }), '有 3 个抓到的报文段没有逐一重放（模拟器发送 ACK 和窗口更新的方式不同，或者根本不发）');
    assert.equal(EN.note({ kind: 'skipped', count: 1 }), '1 captured segment is not replayed one for one (ACKs and window updates the simulator sends differently or not at all)');
  });

  it('refused: the server does not listen, so its kernel answers RST', () => {
    const a = analyzeCapture(new Uint8Array(readFileSync(join(dir, 'refused.pcap'))));
    const s = connectionScenario(a.connections[0], EN);
    const c = a.connections[0];
    assert.deepEqual(s.scenario.steps.slice(0, 2), [{ A: 'connect', port: c.clientPort, to: c.serverPort }, { deliver: 'A' }]);
  });
});
