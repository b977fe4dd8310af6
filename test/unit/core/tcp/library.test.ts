/**
 * The scenario library, checked against expectations written by hand from RFC 9293's
 * text (section 3.10), not copied from a run. ISNs are A=100, B=300 throughout, so:
 * A's SYN is seq 100, B's SYN,ACK is seq 300 ack 101, A's ACK is seq 101 ack 301, and
 * every FIN takes one sequence number.
 */
import { strict as assert } from 'node:assert';
import { ab, lines, run, scenarioFiles } from './helpers';

// RFC 9293 3.10.1 (OPEN), 3.10.7.2 (LISTEN gets SYN), 3.10.7.3 (SYN-SENT gets SYN,ACK),
// 3.10.7.4 fifth step (SYN-RECEIVED gets an acceptable ACK).
const OPEN = [
  '0 B listen CLOSED>LISTEN',
  '0 A connect CLOSED>SYN-SENT => SYN 100 -',
  '0 B <SYN 100 - LISTEN>SYN-RECEIVED => SYN,ACK 300 101',
  '0 A <SYN,ACK 300 101 SYN-SENT>ESTABLISHED => ACK 101 301',
  '0 B <ACK 101 301 SYN-RECEIVED>ESTABLISHED',
];

// A closes first: FIN seq=u (101); B acks u+1; B's FIN seq=w (301) ack u+1; A acks w+1.
const CLOSE_TO_LAST_FIN = [
  '0 A close ESTABLISHED>FIN-WAIT-1 => FIN,ACK 101 301',
  '0 B <FIN,ACK 101 301 ESTABLISHED>CLOSE-WAIT => ACK 301 102',
  '0 A <ACK 301 102 FIN-WAIT-1>FIN-WAIT-2',
  '0 B close CLOSE-WAIT>LAST-ACK => FIN,ACK 301 102',
];
const CLOSE = [...CLOSE_TO_LAST_FIN, '0 A <FIN,ACK 301 102 FIN-WAIT-2>TIME-WAIT => ACK 102 302', '0 B <ACK 102 302 LAST-ACK>CLOSED'];

describe('scenario library (expectations derived from RFC 9293)', () => {
  it('has every story the issue lists, each with a title', () => {
    const files = scenarioFiles();
    for (const f of [
      'normal-open',
      'normal-close',
      'half-close-data-flows',
      'simultaneous-open',
      'simultaneous-close',
      'fin-ack-one-segment',
      'lost-syn',
      'lost-syn-ack',
      'lost-final-handshake-ack',
      'lost-final-ack-time-wait',
      'lost-final-ack-no-time-wait',
      'old-duplicate-syn',
      'old-duplicate-syn-two-way',
      'connect-closed-port',
      'abort',
      'connect-gives-up',
      'time-wait-expiry-linux',
      'time-wait-expiry-rfc9293',
      'fin-wait-2-expiry-linux',
      'fin-wait-2-rfc9293',
      'close-wait-forever',
    ]) {
      assert.ok(files.includes(`${f}.tcp.json`), `missing scenarios/${f}.tcp.json`);
    }
    for (const f of files) assert.match(f, /^[a-z0-9]+(-[a-z0-9]+)*\.tcp\.json$/, `${f} is not kebab-case`);
  });

  it('normal open: SYN, SYN+ACK, ACK; the server is ESTABLISHED only on the third segment', () => {
    const r = run('normal-open.tcp.json');
    assert.deepEqual(lines(r), OPEN);
    assert.deepEqual(ab(r), { A: { state: 'ESTABLISHED', error: null }, B: { state: 'ESTABLISHED', error: null } });
    assert.equal(r.events[2].transition, 'listen-syn-received');
    assert.equal(r.events[3].transition, 'syn-sent-established');
    assert.equal(r.events[4].transition, 'syn-received-established');
    assert.deepEqual(r.events[4].check, { seq: 101, len: 0, rcvNxt: 101, rcvWnd: 65535, acceptable: true, reason: 'at-rcv-nxt' });
  });

  it('normal close: four segments, TIME-WAIT only on the active closer', () => {
    const r = run('normal-close.tcp.json');
    assert.deepEqual(lines(r), [...OPEN, ...CLOSE]);
    assert.deepEqual(ab(r), { A: { state: 'TIME-WAIT', error: null }, B: { state: 'CLOSED', error: null } });
  });

  it('half-close with shutdown(SHUT_WR): B sends 200 octets after A\'s FIN, A acknowledges them in FIN-WAIT-2', () => {
    const r = run('half-close-data-flows.tcp.json');
    assert.deepEqual(lines(r), [
      ...OPEN,
      '0 A shutdown ESTABLISHED>FIN-WAIT-1 => FIN,ACK 101 301',
      '0 B <FIN,ACK 101 301 ESTABLISHED>CLOSE-WAIT => ACK 301 102',
      '0 A <ACK 301 102 FIN-WAIT-1>FIN-WAIT-2',
      '0 B send CLOSE-WAIT => PSH,ACK 301 102 200',
      '0 A <PSH,ACK 301 102 200 FIN-WAIT-2 => ACK 102 501',
      '0 B <ACK 102 501 CLOSE-WAIT',
      '0 B close CLOSE-WAIT>LAST-ACK => FIN,ACK 501 102',
      '0 A <FIN,ACK 501 102 FIN-WAIT-2>TIME-WAIT => ACK 102 502',
      '0 B <ACK 102 502 LAST-ACK>CLOSED',
    ]);
    assert.deepEqual(ab(r), { A: { state: 'TIME-WAIT', error: null }, B: { state: 'CLOSED', error: null } });
  });

  it('simultaneous open: SYNs cross, both SYN-RECEIVED, SYN+ACKs cross, four segments', () => {
    const r = run('simultaneous-open.tcp.json');
    assert.deepEqual(lines(r), [
      '0 A connect CLOSED>SYN-SENT => SYN 100 -',
      '0 B connect CLOSED>SYN-SENT => SYN 300 -',
      '0 B <SYN 100 - SYN-SENT>SYN-RECEIVED => SYN,ACK 300 101',
      '0 A <SYN 300 - SYN-SENT>SYN-RECEIVED => SYN,ACK 100 301',
      '0 B <SYN,ACK 100 301 SYN-RECEIVED>ESTABLISHED',
      '0 A <SYN,ACK 300 101 SYN-RECEIVED>ESTABLISHED',
    ]);
    assert.equal(r.events.flatMap((e) => e.sent ?? []).length, 4);
    assert.equal(r.events[2].transition, 'syn-sent-syn-received');
    assert.equal(r.events[4].check?.reason, 'old-syn');
  });

  it('simultaneous close: FINs cross, both CLOSING, ACKs cross, both TIME-WAIT', () => {
    const r = run('simultaneous-close.tcp.json');
    assert.deepEqual(lines(r), [
      ...OPEN,
      '0 A close ESTABLISHED>FIN-WAIT-1 => FIN,ACK 101 301',
      '0 B close ESTABLISHED>FIN-WAIT-1 => FIN,ACK 301 101',
      '0 B <FIN,ACK 101 301 FIN-WAIT-1>CLOSING => ACK 302 102',
      '0 A <FIN,ACK 301 101 FIN-WAIT-1>CLOSING => ACK 102 302',
      '0 A <ACK 302 102 CLOSING>TIME-WAIT',
      '0 B <ACK 102 302 CLOSING>TIME-WAIT',
    ]);
    assert.deepEqual(ab(r), { A: { state: 'TIME-WAIT', error: null }, B: { state: 'TIME-WAIT', error: null } });
  });

  it('ACK and FIN in one segment (delayed ACK): FIN-WAIT-1 straight to TIME-WAIT, three segments', () => {
    const r = run('fin-ack-one-segment.tcp.json');
    assert.deepEqual(lines(r), [
      ...OPEN,
      '0 A close ESTABLISHED>FIN-WAIT-1 => FIN,ACK 101 301',
      '0 B <FIN,ACK 101 301 ESTABLISHED>CLOSE-WAIT',
      '0 B close CLOSE-WAIT>LAST-ACK => FIN,ACK 301 102',
      '0 A <FIN,ACK 301 102 FIN-WAIT-1>TIME-WAIT => ACK 102 302',
      '0 B <ACK 102 302 LAST-ACK>CLOSED',
    ]);
    assert.equal(r.events[8].transition, 'fin-wait-1-time-wait');
  });

  it('lost SYN: retransmitted at 1 s and 3 s (initial RTO 1 s, doubling)', () => {
    const r = run('lost-syn.tcp.json');
    assert.deepEqual(lines(r), [
      '0 B listen CLOSED>LISTEN',
      '0 A connect CLOSED>SYN-SENT => SYN 100 -',
      '0 A drop SYN 100 -',
      '1 A timer:retransmit SYN-SENT => SYN 100 -',
      '1 A drop SYN 100 -',
      '3 A timer:retransmit SYN-SENT => SYN 100 -',
      '3 B <SYN 100 - LISTEN>SYN-RECEIVED => SYN,ACK 300 101',
      '3 A <SYN,ACK 300 101 SYN-SENT>ESTABLISHED => ACK 101 301',
      '3 B <ACK 101 301 SYN-RECEIVED>ESTABLISHED',
    ]);
  });

  it('lost SYN+ACK: both sides retransmit; the repeated SYN gets the SYN,ACK again (Linux), which is old for A', () => {
    const r = run('lost-syn-ack.tcp.json');
    assert.deepEqual(lines(r), [
      '0 B listen CLOSED>LISTEN',
      '0 A connect CLOSED>SYN-SENT => SYN 100 -',
      '0 B <SYN 100 - LISTEN>SYN-RECEIVED => SYN,ACK 300 101',
      '0 B drop SYN,ACK 300 101',
      '1 A timer:retransmit SYN-SENT => SYN 100 -',
      '1 B timer:retransmit SYN-RECEIVED => SYN,ACK 300 101',
      '1 A <SYN,ACK 300 101 SYN-SENT>ESTABLISHED => ACK 101 301',
      // Linux tcp_check_req: a retransmitted SYN in SYN-RECEIVED gets the SYN,ACK again.
      '1 B <SYN 100 - SYN-RECEIVED => SYN,ACK 300 101',
      '1 B <ACK 101 301 SYN-RECEIVED>ESTABLISHED',
      // The extra SYN,ACK is old for A (3.10.7.4 first check): an ACK.
      '1 A <SYN,ACK 300 101 ESTABLISHED => ACK 101 301',
    ]);
    assert.equal(r.events[7].rule, 'syn-received-syn-resend');
    assert.deepEqual(r.events[9].check, { seq: 300, len: 1, rcvNxt: 301, rcvWnd: 65535, acceptable: false, reason: 'old' });
  });

  it('lost third segment: the first data segment carries the ACK and completes the handshake (no RST)', () => {
    const r = run('lost-final-handshake-ack.tcp.json');
    assert.deepEqual(lines(r), [
      '0 B listen CLOSED>LISTEN',
      '0 A connect CLOSED>SYN-SENT => SYN 100 -',
      '0 B <SYN 100 - LISTEN>SYN-RECEIVED => SYN,ACK 300 101',
      '0 A <SYN,ACK 300 101 SYN-SENT>ESTABLISHED => ACK 101 301',
      '0 A drop ACK 101 301',
      '0 A send ESTABLISHED => PSH,ACK 101 301 100',
      '0 B <PSH,ACK 101 301 100 SYN-RECEIVED>ESTABLISHED => ACK 301 201',
      '0 A <ACK 301 201 ESTABLISHED',
    ]);
    assert.equal(r.events[6].transition, 'syn-received-established');
  });

  it('lost last ACK rescued by TIME-WAIT: FIN again after 200 ms, ACK again, wait restarted', () => {
    const r = run('lost-final-ack-time-wait.tcp.json');
    assert.deepEqual(lines(r), [
      ...OPEN,
      ...CLOSE_TO_LAST_FIN,
      '0 A <FIN,ACK 301 102 FIN-WAIT-2>TIME-WAIT => ACK 102 302',
      '0 A drop ACK 102 302',
      // B's RTT sample on its SYN,ACK was 0, so RTO = max(200 ms, 0 + max(G, 4*0)) = 200 ms.
      '0.2 B timer:retransmit LAST-ACK => FIN,ACK 301 102',
      '0.2 A <FIN,ACK 301 102 TIME-WAIT => ACK 102 302',
      '0.2 B <ACK 102 302 LAST-ACK>CLOSED',
      // The 60 s wait restarted at 0.2 s.
      '60.2 A timer:time-wait TIME-WAIT>CLOSED',
    ]);
    assert.equal(r.events[r.events.length - 3].rule, 'time-wait-fin');
    assert.deepEqual(ab(r), { A: { state: 'CLOSED', error: null }, B: { state: 'CLOSED', error: null } });
  });

  it('the same without TIME-WAIT: A is CLOSED, answers the FIN with RST, B\'s close ends in reset', () => {
    const r = run('lost-final-ack-no-time-wait.tcp.json');
    assert.deepEqual(lines(r), [
      ...OPEN,
      ...CLOSE_TO_LAST_FIN,
      '0 A <FIN,ACK 301 102 FIN-WAIT-2>CLOSED => ACK 102 302',
      '0 A drop ACK 102 302',
      '0.2 B timer:retransmit LAST-ACK => FIN,ACK 301 102',
      // CLOSED with the ACK bit on: <SEQ=SEG.ACK><CTL=RST>.
      '0.2 A <FIN,ACK 301 102 CLOSED => RST 102 -',
      '0.2 B <RST 102 - LAST-ACK>CLOSED !reset',
    ]);
    assert.equal(r.events[OPEN.length + 4].transition, 'no-time-wait-fin-wait-2-closed');
    assert.deepEqual(ab(r), { A: { state: 'CLOSED', error: null }, B: { state: 'CLOSED', error: 'reset' } });
  });

  it('old duplicate SYN rejected (RFC 9293 figure 8): RST <SEQ=51>, B back to LISTEN, then the real SYN', () => {
    const r = run('old-duplicate-syn.tcp.json');
    assert.deepEqual(lines(r), [
      '0 B listen CLOSED>LISTEN',
      '0 A connect CLOSED>SYN-SENT => SYN 100 -',
      '0 A inject SYN 50 -',
      '0 B <SYN 50 - LISTEN>SYN-RECEIVED => SYN,ACK 300 51',
      // SYN-SENT: SEG.ACK (51) =< ISS (100): <SEQ=SEG.ACK><CTL=RST>.
      '0 A <SYN,ACK 300 51 SYN-SENT => RST 51 -',
      '0 B <RST 51 - SYN-RECEIVED>LISTEN',
      '0 B <SYN 100 - LISTEN>SYN-RECEIVED => SYN,ACK 300 101',
      '0 A <SYN,ACK 300 101 SYN-SENT>ESTABLISHED => ACK 101 301',
      '0 B <ACK 101 301 SYN-RECEIVED>ESTABLISHED',
    ]);
    assert.equal(r.events[5].transition, 'syn-received-listen');
    assert.deepEqual(r.events[4].ackCheck, { ack: 51, sndUna: 100, sndNxt: 101, acceptable: false });
  });

  it('old duplicate SYN accepted under two-way-handshake: B ESTABLISHED for a connection nobody asked for', () => {
    const r = run('old-duplicate-syn-two-way.tcp.json');
    assert.deepEqual(lines(r), [
      '0 B listen CLOSED>LISTEN',
      '0 A inject SYN 50 -',
      '0 B <SYN 50 - LISTEN>ESTABLISHED => SYN,ACK 300 51',
      '0 B send ESTABLISHED => PSH,ACK 301 51 100',
      '0 A <SYN,ACK 300 51 CLOSED => RST 51 -',
      '0 A <PSH,ACK 301 51 100 CLOSED => RST 51 -',
      '0 B <RST 51 - ESTABLISHED>CLOSED !reset',
      // The connection is gone; the second RST reaches B's listener, which ignores it (3.10.7.2 first).
      '0 B <RST 51 - LISTEN',
    ]);
    assert.equal(r.events[7].conn, 'listen:80');
    assert.equal(r.events[7].rule, 'listen-rst-ignored');
    assert.equal(r.events[2].transition, 'two-way-listen-established');
  });

  it('connect to a closed port: <SEQ=0><ACK=101><CTL=RST,ACK>, refused', () => {
    const r = run('connect-closed-port.tcp.json');
    assert.deepEqual(lines(r), ['0 A connect CLOSED>SYN-SENT => SYN 100 -', '0 B <SYN 100 - CLOSED => RST,ACK 0 101', '0 A <RST,ACK 0 101 SYN-SENT>CLOSED !refused']);
    assert.deepEqual(r.final.A, { state: 'CLOSED', error: 'refused' });
    assert.equal(r.events[2].transition, 'syn-sent-closed');
  });

  it('abort: <SEQ=SND.NXT><CTL=RST> (3.10.5), with ACK = RCV.NXT on linux (tcp_send_active_reset), the peer is reset', () => {
    const r = run('abort.tcp.json');
    assert.deepEqual(lines(r), [
      ...OPEN,
      '0 A send ESTABLISHED => PSH,ACK 101 301 100',
      '0 B <PSH,ACK 101 301 100 ESTABLISHED => ACK 301 201',
      '0 A <ACK 301 201 ESTABLISHED',
      '0 A abort ESTABLISHED>CLOSED => RST,ACK 201 301',
      '0 B <RST,ACK 201 301 ESTABLISHED>CLOSED !reset',
    ]);
    assert.deepEqual(ab(r), { A: { state: 'CLOSED', error: null }, B: { state: 'CLOSED', error: 'reset' } });
  });

  it('connect gives up (linux-classic): SYN at 0, retries at 1, 3, 7, 15, 31, 63 s, timeout at 127 s', () => {
    const r = run('connect-gives-up.tcp.json');
    assert.deepEqual(lines(r), [
      '0 A connect CLOSED>SYN-SENT => SYN 100 -',
      '1 A timer:retransmit SYN-SENT => SYN 100 -',
      '3 A timer:retransmit SYN-SENT => SYN 100 -',
      '7 A timer:retransmit SYN-SENT => SYN 100 -',
      '15 A timer:retransmit SYN-SENT => SYN 100 -',
      '31 A timer:retransmit SYN-SENT => SYN 100 -',
      '63 A timer:retransmit SYN-SENT => SYN 100 -',
      '127 A timer:retransmit SYN-SENT>CLOSED !timeout',
    ]);
    assert.equal(r.events[7].giveUp, true);
    assert.deepEqual(r.final.A, { state: 'CLOSED', error: 'timeout' });
  });

  it('TIME-WAIT lasts 60 s under linux and 240 s (2 x MSL) under rfc9293', () => {
    const linux = run('time-wait-expiry-linux.tcp.json');
    assert.deepEqual(lines(linux), [...OPEN, ...CLOSE, '60 A timer:time-wait TIME-WAIT>CLOSED']);
    const rfc = run('time-wait-expiry-rfc9293.tcp.json');
    assert.deepEqual(lines(rfc), [...OPEN, ...CLOSE, '240 A timer:time-wait TIME-WAIT>CLOSED']);
    assert.equal(rfc.events[rfc.events.length - 1].transition, 'time-wait-closed');
  });

  it('FIN-WAIT-2 times out after 60 s under linux; B\'s late FIN is answered with RST', () => {
    const r = run('fin-wait-2-expiry-linux.tcp.json');
    assert.deepEqual(lines(r), [
      ...OPEN,
      '0 A close ESTABLISHED>FIN-WAIT-1 => FIN,ACK 101 301',
      '0 B <FIN,ACK 101 301 ESTABLISHED>CLOSE-WAIT => ACK 301 102',
      '0 A <ACK 301 102 FIN-WAIT-1>FIN-WAIT-2',
      '60 A timer:fin-wait-2 FIN-WAIT-2>CLOSED',
      '60 B close CLOSE-WAIT>LAST-ACK => FIN,ACK 301 102',
      '60 A <FIN,ACK 301 102 CLOSED => RST 102 -',
      '60 B <RST 102 - LAST-ACK>CLOSED !reset',
    ]);
    assert.equal(r.events[OPEN.length + 3].transition, 'fin-wait-2-closed');
  });

  it('FIN-WAIT-2 has no timeout under rfc9293: an hour later the close completes normally', () => {
    const r = run('fin-wait-2-rfc9293.tcp.json');
    assert.deepEqual(lines(r), [
      ...OPEN,
      '0 A close ESTABLISHED>FIN-WAIT-1 => FIN,ACK 101 301',
      '0 B <FIN,ACK 101 301 ESTABLISHED>CLOSE-WAIT => ACK 301 102',
      '0 A <ACK 301 102 FIN-WAIT-1>FIN-WAIT-2',
      '3600 B close CLOSE-WAIT>LAST-ACK => FIN,ACK 301 102',
      '3600 A <FIN,ACK 301 102 FIN-WAIT-2>TIME-WAIT => ACK 102 302',
      '3600 B <ACK 102 302 LAST-ACK>CLOSED',
    ]);
  });

  it('CLOSE-WAIT is held forever by an application that never closes', () => {
    const r = run('close-wait-forever.tcp.json');
    assert.deepEqual(lines(r), [
      ...OPEN,
      '0 A close ESTABLISHED>FIN-WAIT-1 => FIN,ACK 101 301',
      '0 B <FIN,ACK 101 301 ESTABLISHED>CLOSE-WAIT => ACK 301 102',
      '0 A <ACK 301 102 FIN-WAIT-1>FIN-WAIT-2',
      '60 A timer:fin-wait-2 FIN-WAIT-2>CLOSED',
    ]);
    assert.deepEqual(ab(r), { A: { state: 'CLOSED', error: null }, B: { state: 'CLOSE-WAIT', error: null } });
  });

  it('RFC 5961: an in-window inexact RST gets a challenge ACK; only SEQ = RCV.NXT resets', () => {
    const r = run('blind-reset-challenge-ack.tcp.json');
    assert.deepEqual(lines(r), [
      ...OPEN,
      '0 A inject RST 150 -',
      '0 B <RST 150 - ESTABLISHED => ACK 301 101',
      '0 A <ACK 301 101 ESTABLISHED',
      '0 A inject RST 101 -',
      '0 B <RST 101 - ESTABLISHED>CLOSED !reset',
    ]);
    assert.equal(r.events[OPEN.length + 1].rule, 'rst-challenge-ack');
  });

  it('a SYN in ESTABLISHED gets a challenge ACK, not a reset', () => {
    const r = run('syn-in-established.tcp.json');
    assert.deepEqual(lines(r), [...OPEN, '0 A inject SYN 5000 -', '0 B <SYN 5000 - ESTABLISHED => ACK 301 101', '0 A <ACK 301 101 ESTABLISHED']);
    assert.equal(r.events[OPEN.length + 1].rule, 'syn-challenge-ack');
  });

  it('TIME-WAIT assassination: old segment, ACK, RST from the CLOSED peer ends TIME-WAIT', () => {
    const r = run('time-wait-assassination.tcp.json');
    assert.deepEqual(lines(r), [
      ...OPEN,
      ...CLOSE,
      '0 B inject PSH,ACK 250 101 10',
      '0 A <PSH,ACK 250 101 10 TIME-WAIT => ACK 102 302',
      // B's connection is gone but its listener still holds port 80: an ACK in LISTEN gets <SEQ=SEG.ACK><CTL=RST> (3.10.7.2 second).
      '0 B <ACK 102 302 LISTEN => RST 302 -',
      '0 A <RST 302 - TIME-WAIT>CLOSED',
    ]);
    assert.deepEqual(ab(r), { A: { state: 'CLOSED', error: null }, B: { state: 'CLOSED', error: null } });
  });
});
