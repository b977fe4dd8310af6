/**
 * Hosts with sockets: ports, listeners and their queues, close() versus shutdown(), the
 * receive buffer and window, the persist and keepalive timers, host faults, and the places
 * where the linux profile follows Linux rather than RFC 9293's text. Every expectation is
 * written from RFC 9293 (section 3.10 unless said) or from the Linux 6.18 function named.
 * ISNs are A=100, B=300 for every connection unless a test says otherwise; "B:1" is B's
 * first connection, "B:listen:80" its listener, "B:-" no socket.
 */
import { strict as assert } from 'node:assert';
import type { Step } from '../../../../src/core/tcp';
import { Simulator } from '../../../../src/core/tcp';
import { run, story } from './helpers';

const OPEN: Step[] = [{ B: 'listen' }, { A: 'connect' }, { flush: true }];
const OPEN_LINES = [
  '0 B:listen:80 listen CLOSED>LISTEN',
  '0 A:1 connect CLOSED>SYN-SENT => SYN 100 -',
  '0 B:1 <SYN 100 - LISTEN>SYN-RECEIVED => SYN,ACK 300 101',
  '0 A:1 <SYN,ACK 300 101 SYN-SENT>ESTABLISHED => ACK 101 301',
  '0 B:1 <ACK 101 301 SYN-RECEIVED>ESTABLISHED',
];
const conns = (sim: Simulator) => sim.connections().map((c) => `${c.host}${c.conn} ${c.local}-${c.remote} ${c.state}${c.error ? ` ${c.error}` : ''}`);
/** N spoofed SYNs from ports 50000, 50001, … whose SYN,ACKs are lost (a SYN flood). */
const flood = (n: number): Step[] => Array.from({ length: n }, (_, i) => ({ inject: { to: 'B', flags: ['SYN'], seq: 1000 + i, sport: 50000 + i } }) as Step);

describe('sockets: ports, connection numbers and the trace', () => {
  it('segments carry ports and the advertised window; events name their socket', () => {
    const r = story(OPEN);
    assert.deepEqual(r.lines, OPEN_LINES);
    const syn = r.events[1].sent?.[0];
    assert.deepEqual(syn && { sport: syn.sport, dport: syn.dport, win: syn.win }, { sport: 40000, dport: 80, win: 65535 });
    assert.deepEqual(r.events.map((e) => e.conn), ['listen:80', 1, 1, 1, 1]);
    assert.deepEqual(r.sim.listeners(), [{ host: 'B', port: 80, state: 'LISTEN', synQueue: 0, acceptQueue: 0 }]);
  });

  it('connect: ephemeral ports from 40000 up, a new connection each time, numbered per host', () => {
    const r = story([{ B: 'listen' }, { A: 'connect' }, { A: 'connect' }, { A: 'connect', port: 45000, to: 80 }, { flush: true }]);
    assert.deepEqual(conns(r.sim), [
      'A1 40000-80 ESTABLISHED',
      'A2 40001-80 ESTABLISHED',
      'A3 45000-80 ESTABLISHED',
      'B1 80-40000 ESTABLISHED',
      'B2 80-40001 ESTABLISHED',
      'B3 80-45000 ESTABLISHED',
    ]);
  });

  it('per-connection ISNs: a list gives connection by connection, the last repeating', () => {
    const r = story([{ B: 'listen' }, { A: 'connect' }, { A: 'connect' }, { A: 'connect' }], { isn: { A: [100, 5000] } });
    assert.deepEqual(r.lines.slice(1), ['0 A:1 connect CLOSED>SYN-SENT => SYN 100 -', '0 A:2 connect CLOSED>SYN-SENT => SYN 5000 -', '0 A:3 connect CLOSED>SYN-SENT => SYN 5000 -']);
  });

  it('listen on a port a listener holds: address-in-use, even with reuseAddr (inet_csk_bind_conflict)', () => {
    const r = story([{ B: 'listen', reuseAddr: true }, { B: 'listen', reuseAddr: true }, { B: 'listen', port: 8080 }]);
    assert.deepEqual(r.lines, ['0 B:listen:80 listen CLOSED>LISTEN', '0 B:listen:80 listen CLOSED E:address-in-use', '0 B:listen:8080 listen CLOSED>LISTEN']);
  });

  it('connect from a port a connection holds: address-in-use unless both set SO_REUSEADDR; the same four ports as a TIME-WAIT: address-not-available', () => {
    const base: Step[] = [{ B: 'listen' }, { A: 'connect', reuseAddr: true }, { flush: true }, { A: 'close' }, { flush: true }, { B: 'close' }, { flush: true }];
    const r = story([...base, { A: 'connect', port: 40000 }, { A: 'connect', port: 40000, reuseAddr: true }, { A: 'connect', port: 40000, to: 81, reuseAddr: true }]);
    assert.deepEqual(r.lines.slice(-3), ['0 A:- connect CLOSED E:address-in-use', '0 A:- connect CLOSED E:address-not-available', '0 A:2 connect CLOSED>SYN-SENT => SYN 100 -']);
    assert.equal(r.sim.connections()[0].state, 'TIME-WAIT');
  });

  it('an accepted connection inherits SO_REUSEADDR from its listener (server restart over its own TIME-WAIT)', () => {
    const restart = (reuseAddr: boolean) =>
      story([{ B: 'listen', reuseAddr }, { A: 'connect' }, { flush: true }, { B: 'kill' }, { flush: true }, { A: 'close' }, { flush: true }, { B: 'listen', reuseAddr }]);
    const without = restart(false);
    assert.equal(without.sim.connections()[1].state, 'TIME-WAIT');
    assert.equal(without.lines[without.lines.length - 1], '0 B:listen:80 listen CLOSED E:address-in-use');
    assert.equal(restart(true).lines[restart(true).lines.length - 1], '0 B:listen:80 listen CLOSED>LISTEN');
  });

  it('calls pick the host\'s most recent connection, "conn": N the N-th, "conn": "listen" the listener; beyond the last is a StepError', () => {
    const r = story([...OPEN, { A: 'connect' }, { flush: true }, { A: 'send', bytes: 5, conn: 1 }, { A: 'send', bytes: 7 }, { B: 'close', conn: 'listen' }]);
    assert.deepEqual(r.lines.slice(-3), ['0 A:1 send ESTABLISHED => PSH,ACK 101 301 5', '0 A:2 send ESTABLISHED => PSH,ACK 101 301 7', '0 B:listen:80 close LISTEN>CLOSED']);
    assert.throws(() => r.sim.apply({ A: 'send', bytes: 1, conn: 3 }), /A has 2 connections, so there is no connection 3/);
  });

  it('inject defaults to the ports of the most recent connection between the hosts, else 40000 to the listening port', () => {
    const s = new Simulator();
    s.apply({ B: 'listen', port: 8080 });
    const [inj] = s.apply({ inject: { to: 'B', flags: ['SYN'], seq: 5 } });
    assert.deepEqual([inj.segment?.sport, inj.segment?.dport], [40000, 8080]);
    s.apply({ A: 'connect', port: 41000, to: 8080 });
    const [inj2] = s.apply({ inject: { to: 'A', flags: ['ACK'], seq: 5, ack: 7 } });
    assert.deepEqual([inj2.segment?.sport, inj2.segment?.dport], [8080, 41000]);
  });

  it('simultaneous open needs each side to name the other\'s port; without, each SYN meets a closed port 80', () => {
    const r = story([{ A: 'connect' }, { B: 'connect' }, { deliver: 'A' }, { deliver: 'B' }]);
    assert.deepEqual(r.lines.slice(2), ['0 B:- <SYN 100 - CLOSED => RST,ACK 0 101', '0 A:- <SYN 300 - CLOSED => RST,ACK 0 301']);
  });
});

describe('sockets: the listener\'s queues (Linux 6.18 tcp_conn_request, tcp_check_req)', () => {
  it('LISTEN gets SYN with the accept queue full: dropped; min(backlog, somaxconn) admits one more (sk_acceptq_is_full)', () => {
    const r = story([{ B: 'listen', backlog: 1 }, { A: 'connect' }, { flush: true }, { A: 'connect' }, { flush: true }, { A: 'connect' }, { flush: true }], { autoAccept: false });
    assert.deepEqual(r.lines.slice(-2), ['0 A:3 connect CLOSED>SYN-SENT => SYN 100 -', '0 B:listen:80 <SYN 100 - LISTEN']);
    assert.equal(r.events[r.events.length - 1].rule, 'listen-accept-queue-full');
    assert.deepEqual(r.sim.listeners(), [{ host: 'B', port: 80, state: 'LISTEN', synQueue: 0, acceptQueue: 2 }]);
  });

  it('somaxconn caps the backlog', () => {
    const r = story([{ B: 'listen', backlog: 128 }, { A: 'connect' }, { A: 'connect' }, { A: 'connect' }, { flush: true }], { autoAccept: false, somaxconn: 1 });
    assert.deepEqual(r.sim.listeners()[0], { host: 'B', port: 80, state: 'LISTEN', synQueue: 0, acceptQueue: 2 });
  });

  /** backlog 1: A's first connection fills the accept queue to 1; two more SYNs both fit; the second final ACK finds 2 > 1. */
  const OVERFLOW: Step[] = [{ B: 'listen', backlog: 1 }, { A: 'connect' }, { flush: true }, { A: 'connect' }, { A: 'connect' }, { deliver: 'A' }, { deliver: 'A' }, { deliver: 'B' }, { deliver: 'B' }, { deliver: 'A' }, { deliver: 'A' }];

  it('SYN-RECEIVED gets the final ACK with the accept queue full: dropped, the SYN,ACK is resent, accept() makes room', () => {
    const r = story([...OVERFLOW, { B: 'accept' }, { advance: 1 }, { flush: true }], { autoAccept: false });
    assert.deepEqual(r.lines.slice(11), [
      '0 B:2 <ACK 101 301 SYN-RECEIVED>ESTABLISHED',
      '0 B:3 <ACK 101 301 SYN-RECEIVED',
      '0 B:1 accept ESTABLISHED',
      // tcp_check_req listen_overflow: the request stays, its timer resends the SYN,ACK (RTO 1 s).
      '1 B:3 timer:retransmit SYN-RECEIVED => SYN,ACK 300 101',
      // For A it is an old duplicate (3.10.7.4 first check): an ACK, which now finds room.
      '1 A:3 <SYN,ACK 300 101 ESTABLISHED => ACK 101 301',
      '1 B:3 <ACK 101 301 SYN-RECEIVED>ESTABLISHED',
    ]);
    assert.equal(r.events[12].rule, 'accept-queue-overflow');
  });

  it('with tcp_abort_on_overflow the final ACK gets RST and the half-open connection returns to LISTEN', () => {
    const r = story([...OVERFLOW, { flush: true }], { autoAccept: false, abortOnOverflow: true });
    assert.deepEqual(r.lines.slice(12), ['0 B:3 <ACK 101 301 SYN-RECEIVED>LISTEN => RST 301 -', '0 A:3 <RST 301 - ESTABLISHED>CLOSED !reset']);
    assert.equal(r.events[12].rule, 'accept-queue-overflow-rst');
    assert.equal(r.sim.connections()[5].state, 'LISTEN');
    assert.deepEqual(r.sim.listeners()[0], { host: 'B', port: 80, state: 'LISTEN', synQueue: 0, acceptQueue: 2 });
  });

  it('backlog 0: the SYN queue holds one, so a second SYN gets a cookie (inet_csk_reqsk_queue_is_full is qlen > 0)', () => {
    const r = story([{ B: 'listen', backlog: 0 }, { A: 'connect' }, { A: 'connect' }, { deliver: 'A' }, { deliver: 'A' }], { autoAccept: false });
    assert.equal(r.events[4].rule, 'listen-syn-cookie');
  });

  it('SYN queue full without cookies: the SYN is dropped (a SYN flood keeps real clients out)', () => {
    const r = story([{ B: 'listen', backlog: 2 }, ...flood(3), { drop: 'B' }, { drop: 'B' }, { drop: 'B' }, ...flood(1).map((s) => ({ inject: { ...(s as { inject: object }).inject, seq: 2000, sport: 50010 } }) as Step), { A: 'connect' }, { deliver: 'A' }], { syncookies: false });
    assert.deepEqual(r.lines.slice(-3), ['0 B:listen:80 <SYN 2000 - LISTEN', '0 A:1 connect CLOSED>SYN-SENT => SYN 100 -', '0 B:listen:80 <SYN 100 - LISTEN']);
    assert.equal(r.events[r.events.length - 1].rule, 'listen-syn-queue-full');
    assert.deepEqual(r.sim.listeners()[0], { host: 'B', port: 80, state: 'LISTEN', synQueue: 3, acceptQueue: 0 });
  });

  it('SYN queue full with cookies: a stateless SYN,ACK; its ACK creates the connection, numbered then (cookie_v4_check)', () => {
    const r = story([{ B: 'listen', backlog: 2 }, ...flood(3), { drop: 'B' }, { drop: 'B' }, { drop: 'B' }, { A: 'connect' }, { flush: true }], { syncookies: true });
    const at = r.events.findIndex((e) => e.rule === 'listen-syn-cookie');
    const cookie = r.events[at].sent?.[0]?.seq ?? 0;
    assert.deepEqual(r.lines.slice(at), [
      `0 B:listen:80 <SYN 100 - LISTEN => SYN,ACK ${cookie} 101`,
      `0 A:1 <SYN,ACK ${cookie} 101 SYN-SENT>ESTABLISHED => ACK 101 ${cookie + 1}`,
      `0 B:4 <ACK 101 ${cookie + 1} LISTEN>ESTABLISHED`,
    ]);
    assert.deepEqual(r.events[at + 2].via, ['SYN-RECEIVED']);
    assert.equal(r.events[at + 2].rule, 'listen-cookie-ack');
    assert.deepEqual(r.sim.listeners()[0].synQueue, 3);
  });

  it('without cookies a SYN is also dropped when less than a quarter of tcp_max_syn_backlog is left', () => {
    // tcp_max_syn_backlog 8: the seventh SYN finds 8 - 6 = 2, not below 8 >> 2 = 2; the eighth finds 8 - 7 = 1 < 2.
    const r = story([{ B: 'listen' }, ...flood(7), { A: 'connect' }, { deliver: 'A' }], { syncookies: false, synBacklog: 8 });
    const last = r.events[r.events.length - 1];
    assert.equal(last.rule, 'listen-syn-backlog');
    assert.equal(r.sim.listeners()[0].synQueue, 7);
  });

  it('accept() takes the oldest established connection; an accept on an empty queue waits for the next one', () => {
    const r = story([{ B: 'listen' }, { B: 'accept' }, { A: 'connect' }, { flush: true }, { A: 'connect' }, { A: 'connect' }, { flush: true }, { B: 'accept' }], { autoAccept: false });
    assert.equal(r.lines[1], '0 B:listen:80 accept LISTEN');
    assert.equal(r.lines[r.lines.length - 1], '0 B:2 accept ESTABLISHED');
    assert.equal(r.sim.listeners()[0].acceptQueue, 1);
  });

  it('close on the listener: LISTEN to CLOSED; connections in its accept queue get RST', () => {
    const r = story([{ B: 'listen' }, { A: 'connect' }, { flush: true }, { B: 'close', conn: 'listen' }, { flush: true }], { autoAccept: false });
    assert.deepEqual(r.lines.slice(5), [
      '0 B:listen:80 close LISTEN>CLOSED',
      '0 B:1 close ESTABLISHED>CLOSED => RST,ACK 301 101',
      '0 A:1 <RST,ACK 301 101 ESTABLISHED>CLOSED !reset',
    ]);
    assert.equal(r.events[5].transition, 'listen-closed');
    assert.deepEqual(r.sim.listeners(), [{ host: 'B', port: 80, state: 'CLOSED', synQueue: 0, acceptQueue: 0 }]);
    assert.equal(r.sim.state('B'), 'CLOSED');
  });

  it('a host with only a listener: close closes it (the default target), and final shows LISTEN until then', () => {
    const s = new Simulator();
    s.apply({ B: 'listen' });
    assert.equal(s.state('B'), 'LISTEN');
    assert.equal(s.apply({ B: 'close' })[0].to, 'CLOSED');
  });

  it('RFC 6191: a SYN above RCV.NXT for a TIME-WAIT pair ends the TIME-WAIT and opens a new connection (tcp_timewait_state_process)', () => {
    const steps: Step[] = [...OPEN, { B: 'close' }, { flush: true }, { A: 'close' }, { flush: true }, { A: 'connect', port: 40000 }, { flush: true }];
    const r = story(steps, { isn: { A: [100, 5000] } });
    assert.deepEqual(r.lines.slice(-5), [
      '0 A:2 connect CLOSED>SYN-SENT => SYN 5000 -',
      '0 B:1 <SYN 5000 - TIME-WAIT>CLOSED',
      '0 B:2 <SYN 5000 - LISTEN>SYN-RECEIVED => SYN,ACK 300 5001',
      '0 A:2 <SYN,ACK 300 5001 SYN-SENT>ESTABLISHED => ACK 5001 301',
      '0 B:2 <ACK 5001 301 SYN-RECEIVED>ESTABLISHED',
    ]);
    assert.equal(r.events[r.events.length - 4].rule, 'time-wait-syn-reuse');
    // The same ISN is not above the old RCV.NXT (102): the TIME-WAIT answers with an ACK instead (TCP_TW_ACK).
    const same = story(steps);
    // A's new SYN-SENT finds that ACK unacceptable and resets, and the RST, exact, ends the TIME-WAIT (RFC 1337's hazard).
    assert.deepEqual(same.lines.slice(-4), ['0 A:2 connect CLOSED>SYN-SENT => SYN 100 -', '0 B:1 <SYN 100 - TIME-WAIT => ACK 302 102', '0 A:2 <ACK 302 102 SYN-SENT => RST 102 -', '0 B:1 <RST 102 - TIME-WAIT>CLOSED']);
  });
});

describe('sockets: close(), shutdown() and the receive buffer', () => {
  it('a socket’s own RST: RST,ACK with ack = RCV.NXT on linux and linux-classic (tcp_send_active_reset), <SEQ=SND.NXT><CTL=RST> on rfc9293 (3.10.5, 3.10.7)', () => {
    const steps: Step[] = [...OPEN, { B: 'send', bytes: 100 }, { flush: true }, { A: 'close' }, { flush: true }];
    for (const profile of ['linux', 'linux-classic'] as const) {
      assert.deepEqual(story(steps, { autoRead: false, profile }).lines.slice(-2), ['0 A:1 close ESTABLISHED>CLOSED => RST,ACK 101 401', '0 B:1 <RST,ACK 101 401 ESTABLISHED>CLOSED !reset'], profile);
      assert.deepEqual(story([...OPEN, { A: 'abort' }, { flush: true }], { profile }).lines.slice(-2), ['0 A:1 abort ESTABLISHED>CLOSED => RST,ACK 101 301', '0 B:1 <RST,ACK 101 301 ESTABLISHED>CLOSED !reset'], profile);
    }
    assert.deepEqual(story(steps, { autoRead: false, profile: 'rfc9293' }).lines.slice(-2), ['0 A:1 close ESTABLISHED>CLOSED => RST 101 -', '0 B:1 <RST 101 - ESTABLISHED>CLOSED !reset']);
    assert.deepEqual(story([...OPEN, { A: 'abort' }, { flush: true }], { profile: 'rfc9293' }).lines.slice(-2), ['0 A:1 abort ESTABLISHED>CLOSED => RST 101 -', '0 B:1 <RST 101 - ESTABLISHED>CLOSED !reset']);
    // A reply to a segment is tcp_v4_send_reset's, not the socket's own: data after close() keeps <SEQ=SEG.ACK><CTL=RST>.
    assert.match(story([...OPEN, { A: 'close' }, { flush: true }, { B: 'send', bytes: 10 }, { flush: true }]).lines.join('\n'), /FIN-WAIT-2>CLOSED => RST 102 - !reset/);
  });

  it('ESTABLISHED, close() with unread data: RST and CLOSED at once (RFC 9293 3.6.1 SHLD-3, tcp_close)', () => {
    const r = story([...OPEN, { B: 'send', bytes: 100 }, { flush: true }, { A: 'close' }, { flush: true }], { autoRead: false });
    assert.deepEqual(r.lines.slice(-2), ['0 A:1 close ESTABLISHED>CLOSED => RST,ACK 101 401', '0 B:1 <RST,ACK 101 401 ESTABLISHED>CLOSED !reset']);
    assert.equal(r.events[r.events.length - 2].rule, 'close-unread-rst');
    assert.deepEqual(r.sim.connections()[0], { host: 'A', conn: 1, local: 40000, remote: 80, state: 'CLOSED', error: null, received: 0, unread: 100 });
  });

  it('FIN-WAIT-2 after close(), data arrives: RST <SEQ=SEG.ACK>, the connection ends with reset (RFC 1122 4.2.2.13, tcp_rcv_state_process)', () => {
    const r = story([...OPEN, { A: 'close' }, { flush: true }, { B: 'send', bytes: 100 }, { flush: true }]);
    assert.deepEqual(r.lines.slice(-3), ['0 B:1 send CLOSE-WAIT => PSH,ACK 301 102 100', '0 A:1 <PSH,ACK 301 102 100 FIN-WAIT-2>CLOSED => RST 102 - !reset', '0 B:1 <RST 102 - CLOSE-WAIT>CLOSED !reset']);
    assert.equal(r.events[r.events.length - 2].rule, 'orphan-data-rst');
  });

  it('FIN-WAIT-1 after close(), data arrives: RST as well', () => {
    const r = story([...OPEN, { B: 'send', bytes: 10 }, { A: 'close' }, { deliver: 'B' }]);
    assert.equal(r.lines[r.lines.length - 1], '0 A:1 <PSH,ACK 301 101 10 FIN-WAIT-1>CLOSED => RST 101 - !reset');
  });

  it('FIN-WAIT-2 after shutdown(): data is received and acknowledged; the socket is not orphaned (no FIN-WAIT-2 timer)', () => {
    const r = story([...OPEN, { A: 'shutdown' }, { flush: true }, { B: 'send', bytes: 100 }, { flush: true }, { advance: 3600 }]);
    assert.deepEqual(r.lines.slice(-3), ['0 B:1 send CLOSE-WAIT => PSH,ACK 301 102 100', '0 A:1 <PSH,ACK 301 102 100 FIN-WAIT-2 => ACK 102 401', '0 B:1 <ACK 102 401 CLOSE-WAIT']);
    assert.equal(r.sim.state('A'), 'FIN-WAIT-2');
  });

  it('close() after shutdown() orphans the socket: the FIN-WAIT-2 timeout runs from then (tcp_close)', () => {
    const r = story([...OPEN, { A: 'shutdown' }, { flush: true }, { advance: 100 }, { A: 'close' }, { advance: 60 }]);
    assert.deepEqual(r.lines.slice(-2), ['100 A:1 close FIN-WAIT-2', '160 A:1 timer:fin-wait-2 FIN-WAIT-2>CLOSED']);
  });

  it('send or close after close: connection-closing; shutdown after shutdown: connection-closing; abort after close in FIN-WAIT-2: RST (3.10.5)', () => {
    const r = story([...OPEN, { A: 'close' }, { flush: true }, { A: 'send', bytes: 1 }, { A: 'close' }, { A: 'abort' }]);
    assert.deepEqual(r.lines.slice(-3), ['0 A:1 send FIN-WAIT-2 E:connection-closing', '0 A:1 close FIN-WAIT-2 E:connection-closing', '0 A:1 abort FIN-WAIT-2>CLOSED => RST,ACK 102 301']);
    const s = story([...OPEN, { A: 'shutdown' }, { A: 'shutdown' }]);
    assert.equal(s.lines[s.lines.length - 1], '0 A:1 shutdown FIN-WAIT-1 E:connection-closing');
  });

  it('close with SO_LINGER {on, 0}: RST, CLOSED, no TIME-WAIT', () => {
    const r = story([...OPEN, { A: 'close', linger: 0 }, { flush: true }]);
    assert.deepEqual(r.lines.slice(-2), ['0 A:1 close ESTABLISHED>CLOSED => RST,ACK 101 301', '0 B:1 <RST,ACK 101 301 ESTABLISHED>CLOSED !reset']);
    assert.equal(r.events[r.events.length - 2].rule, 'linger-rst');
  });

  it('the advertised window is rcvBuf minus unread octets; read() takes them and a read that reopens a zero window sends a window update (tcp_cleanup_rbuf)', () => {
    const r = story([...OPEN, { A: 'send', bytes: 3000 }, { flush: true }, { B: 'read', bytes: 1000 }, { B: 'read' }], { autoRead: false, rcvBuf: { B: 3000 } });
    const acks = r.events.filter((e) => e.endpoint === 'B' && e.cause === 'segment').map((e) => e.sent?.[0]?.win);
    assert.deepEqual(acks.slice(-3), [1540, 80, 0]);
    assert.deepEqual(r.lines.slice(-2), ['0 B:1 read ESTABLISHED => ACK 301 3101', '0 B:1 read ESTABLISHED']);
    assert.equal(r.events[r.events.length - 2].sent?.[0].win, 1000);
    assert.equal(r.events[r.events.length - 2].bytes, 1000);
    assert.equal(r.events[r.events.length - 1].bytes, 2000);
    assert.deepEqual(r.sim.connections()[1], { host: 'B', conn: 1, local: 80, remote: 40000, state: 'ESTABLISHED', error: null, received: 3000, unread: 0 });
  });

  it('the sender stops at the peer\'s window; the persist timer probes with <SEQ=SND.UNA-1> after the RTO, doubling (tcp_probe_timer)', () => {
    const r = story([...OPEN, { A: 'send', bytes: 5000 }, { flush: true }, { advance: 0.2 }, { flush: true }, { advance: 0.4 }, { flush: true }, { advance: 0.8 }, { flush: true }], { autoRead: { B: false }, rcvBuf: { B: 2000 } });
    assert.equal(r.lines[5], '0 A:1 send ESTABLISHED => ACK 101 301 1460 + ACK 1561 301 540');
    assert.deepEqual(
      r.lines.filter((l) => l.includes('persist')),
      ['0.2 A:1 timer:persist ESTABLISHED => ACK 2100 301', '0.6 A:1 timer:persist ESTABLISHED => ACK 2100 301', '1.4 A:1 timer:persist ESTABLISHED => ACK 2100 301'],
    );
    // The probe is old for B (3.10.7.4 first check): answered with an ACK showing the window still shut (rate-limited, tcp_oow_rate_limited).
    assert.ok(r.lines.includes('0.2 B:1 <ACK 2100 301 ESTABLISHED => ACK 301 2101'));
    assert.equal(r.events.find((e) => e.rule === 'window-probe')?.sent?.[0].len, 0);
  });

  it('zero window in FIN-WAIT-1: close() queues the FIN behind the data; FIN-WAIT-1 lasts until the peer reads', () => {
    const r = story([...OPEN, { A: 'send', bytes: 3000 }, { flush: true }, { A: 'close' }, { advance: 10 }, { flush: true }, { B: 'read' }, { flush: true }], { autoRead: { B: false }, rcvBuf: { B: 2000 } });
    assert.ok(r.lines.includes('0 A:1 close ESTABLISHED>FIN-WAIT-1'));
    assert.equal(r.sim.connections()[0].state, 'FIN-WAIT-2');
    const read = r.lines.findIndex((l) => l.includes('read'));
    assert.deepEqual(r.lines.slice(read, read + 2), ['10 B:1 read ESTABLISHED => ACK 301 2101', '10 A:1 <ACK 301 2101 FIN-WAIT-1 => PSH,ACK 2101 301 1000 + FIN,ACK 3101 301']);
  });
});

describe('sockets: timers (Linux)', () => {
  it('SYN-SENT: linux (6.5+) retries at 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s and gives up at 131 s (tcp_syn_linear_timeouts, tcp_write_timeout)', () => {
    const r = story([{ A: 'connect' }, { advance: 140 }]);
    assert.deepEqual(r.events.map((e) => e.t), [0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67, 131]);
    assert.equal(r.lines[r.lines.length - 1], '131 A:1 timer:retransmit SYN-SENT>CLOSED !timeout');
  });

  it('after a resent SYN the RTO starts at 3 s (RFC 6298 5.7, tcp_init_metrics)', () => {
    const r = story([{ B: 'listen' }, { A: 'connect' }, { drop: 'A' }, { advance: 1 }, { flush: true }, { A: 'send', bytes: 10 }, { drop: 'A' }, { advance: 3 }]);
    assert.equal(r.lines[r.lines.length - 1], '4 A:1 timer:retransmit ESTABLISHED => PSH,ACK 101 301 10');
  });

  it('an orphan (close) retries 8 times, 102.2 s by tcp_model_timeout from 200 ms; after shutdown 15 (924.6 s)', () => {
    const orphan = story([...OPEN, { B: 'crash' }, { A: 'close' }, { advance: 200 }]);
    assert.deepEqual(orphan.events.filter((e) => e.cause === 'timer').map((e) => e.t), [0.2, 0.6, 1.4, 3, 6.2, 12.6, 25.4, 51, 102.2]);
    assert.equal(orphan.lines[orphan.lines.length - 1], '102.2 A:1 timer:retransmit FIN-WAIT-1>CLOSED !timeout');
    const kept = story([...OPEN, { B: 'crash' }, { A: 'shutdown' }, { advance: 1000 }]);
    assert.equal(kept.lines[kept.lines.length - 1], '924.6 A:1 timer:retransmit FIN-WAIT-1>CLOSED !timeout');
    assert.equal(kept.events.filter((e) => e.cause === 'timer').length, 16);
  });

  it('keepalive: probes <SEQ=SND.UNA-1> after idle, every interval; after count unanswered, RST and timeout (tcp_keepalive_timer)', () => {
    const r = story([...OPEN, { A: 'keepalive', idle: 10, interval: 2, count: 3 }, { B: 'crash' }, { advance: 30 }]);
    assert.deepEqual(r.lines.slice(-4), [
      '10 A:1 timer:keepalive ESTABLISHED => ACK 100 301',
      '12 A:1 timer:keepalive ESTABLISHED => ACK 100 301',
      '14 A:1 timer:keepalive ESTABLISHED => ACK 100 301',
      '16 A:1 timer:keepalive ESTABLISHED>CLOSED => RST,ACK 101 301 !timeout',
    ]);
  });

  it('keepalive with a live peer: each probe is answered (old segment: an ACK) and the connection stays', () => {
    const r = story([...OPEN, { A: 'keepalive' }, { advance: 7200 }, { flush: true }, { advance: 7200 }, { flush: true }]);
    assert.deepEqual(r.lines.slice(-7), [
      '7200 A:1 timer:keepalive ESTABLISHED => ACK 100 301',
      '7200 B:1 <ACK 100 301 ESTABLISHED => ACK 301 101',
      '7200 A:1 <ACK 301 101 ESTABLISHED',
      // The timer wakes after the interval, finds the peer heard from 75 s ago, and sleeps until idle has passed.
      '7275 A:1 timer:keepalive ESTABLISHED',
      '14400 A:1 timer:keepalive ESTABLISHED => ACK 100 301',
      '14400 B:1 <ACK 100 301 ESTABLISHED => ACK 301 101',
      '14400 A:1 <ACK 301 101 ESTABLISHED',
    ]);
  });
});

describe('sockets: host faults', () => {
  it('crash: every socket is gone without a word; segments to the crashed host get nothing', () => {
    const r = story([...OPEN, { B: 'crash' }, { A: 'send', bytes: 10 }, { deliver: 'A' }]);
    assert.deepEqual(r.lines.slice(-4), ['0 B:listen:80 crash LISTEN>CLOSED', '0 B:1 crash ESTABLISHED>CLOSED', '0 A:1 send ESTABLISHED => PSH,ACK 101 301 10', '0 B:- <PSH,ACK 101 301 10 CLOSED']);
    assert.equal(r.events[r.events.length - 1].rule, 'host-down');
    assert.throws(() => r.sim.apply({ B: 'listen' }), /B has crashed: only "reboot" brings it back/);
  });

  it('reboot: back with no sockets, so the old connection\'s segments get RST (the half-open discovery of RFC 9293 figure 10)', () => {
    const r = story([...OPEN, { B: 'crash' }, { A: 'send', bytes: 10 }, { drop: 'A' }, { B: 'reboot' }, { advance: 0.2 }, { flush: true }]);
    assert.deepEqual(r.lines.slice(-4), ['0 B:- reboot CLOSED', '0.2 A:1 timer:retransmit ESTABLISHED => PSH,ACK 101 301 10', '0.2 B:- <PSH,ACK 101 301 10 CLOSED => RST 301 -', '0.2 A:1 <RST 301 - ESTABLISHED>CLOSED !reset']);
  });

  it('kill: the kernel closes each socket as close() does (FIN; later data gets RST) and its listener; later calls act as a new process', () => {
    const r = story([...OPEN, { B: 'kill' }, { flush: true }, { A: 'send', bytes: 10 }, { flush: true }, { B: 'send', bytes: 1 }, { B: 'listen' }]);
    assert.deepEqual(r.lines.slice(5), [
      '0 B:listen:80 kill LISTEN>CLOSED',
      '0 B:1 kill ESTABLISHED>FIN-WAIT-1 => FIN,ACK 301 101',
      '0 A:1 <FIN,ACK 301 101 ESTABLISHED>CLOSE-WAIT => ACK 101 302',
      '0 B:1 <ACK 101 302 FIN-WAIT-1>FIN-WAIT-2',
      '0 A:1 send CLOSE-WAIT => PSH,ACK 101 302 10',
      '0 B:1 <PSH,ACK 101 302 10 FIN-WAIT-2>CLOSED => RST 302 - !reset',
      '0 A:1 <RST 302 - CLOSE-WAIT>CLOSED !reset',
      '0 B:- send CLOSED E:connection-does-not-exist',
      '0 B:listen:80 listen CLOSED>LISTEN',
    ]);
  });
});

describe('sockets: where the linux profile follows Linux and rfc9293 the RFC', () => {
  it('SYN-SENT answers a bad SYN,ACK with RST; Linux resends its SYN after TCP_TIMEOUT_MIN (tcp_rcv_synsent_state_process)', () => {
    const steps: Step[] = [{ A: 'connect' }, { inject: { to: 'A', flags: ['SYN', 'ACK'], seq: 7, ack: 555 } }, { advance: 0.5 }];
    assert.deepEqual(story(steps).lines.slice(2), ['0 A:1 <SYN,ACK 7 555 SYN-SENT => RST 555 -', '0.002 A:1 timer:retransmit SYN-SENT => SYN 100 -']);
    assert.deepEqual(story(steps, { profile: 'rfc9293' }).lines.slice(2), ['0 A:1 <SYN,ACK 7 555 SYN-SENT => RST 555 -']);
  });

  it('SYN-RECEIVED gets the SYN again: Linux resends the SYN,ACK (tcp_check_req); the RFC sends an ACK', () => {
    const steps: Step[] = [{ B: 'listen' }, { A: 'connect' }, { duplicate: 'A' }, { deliver: 'A' }, { deliver: 'A' }];
    assert.equal(story(steps).lines[4], '0 B:1 <SYN 100 - SYN-RECEIVED => SYN,ACK 300 101');
    assert.equal(story(steps, { profile: 'rfc9293' }).lines[4], '0 B:1 <SYN 100 - SYN-RECEIVED => ACK 301 101');
  });

  it('TIME-WAIT gets an inexact RST: Linux drops it silently (tcp_timewait_state_process); the RFC sends a challenge ACK', () => {
    const steps: Step[] = [...OPEN, { A: 'close' }, { flush: true }, { B: 'close' }, { flush: true }, { inject: { to: 'A', flags: ['RST'], seq: 310 } }];
    const linux = story(steps);
    assert.equal(linux.lines[linux.lines.length - 1], '0 A:1 <RST 310 - TIME-WAIT');
    assert.equal(linux.events[linux.events.length - 1].rule, 'time-wait-rst-ignored');
    const rfc = story(steps, { profile: 'rfc9293' });
    assert.equal(rfc.lines[rfc.lines.length - 1], '0 A:1 <RST 310 - TIME-WAIT => ACK 102 302');
  });

  it('SYN-RECEIVED of a simultaneous open gets RST: Linux reports reset (tcp_reset), the RFC refused', () => {
    const steps: Step[] = [{ A: 'connect', port: 5000, to: 6000 }, { B: 'connect', port: 6000, to: 5000 }, { deliver: 'A' }, { deliver: 'B' }, { inject: { to: 'A', flags: ['RST'], seq: 301 } }];
    assert.equal(story(steps).lines[5], '0 A:1 <RST 301 - SYN-RECEIVED>CLOSED !reset');
    assert.equal(story(steps, { profile: 'rfc9293' }).lines[5], '0 A:1 <RST 301 - SYN-RECEIVED>CLOSED !refused');
  });

  it('linux-classic keeps the exponential SYN schedule (127 s); rfc9293 has no SYN cookies', () => {
    assert.deepEqual(story([{ A: 'connect' }, { advance: 130 }], { profile: 'linux-classic' }).events.map((e) => e.t), [0, 1, 3, 7, 15, 31, 63, 127]);
    assert.equal(new Simulator({ profile: 'rfc9293' }).options.syncookies, false);
    assert.equal(new Simulator({ profile: 'linux' }).options.syncookies, true);
  });
});

describe('sockets: the preset stories end as their texts say', () => {
  const finals = (name: string) => {
    const r = run(`${name}.tcp.json`);
    return { conns: r.final.connections.map((c) => `${c.host}${c.conn} ${c.local}-${c.remote} ${c.state}${c.error ? ` ${c.error}` : ''}`), listeners: r.final.listeners, r };
  };

  it('server restart without SO_REUSEADDR: address-in-use while TIME-WAIT lasts, then listening', () => {
    const { conns, r } = finals('server-restart-time-wait');
    assert.deepEqual(conns, ['A1 40000-80 CLOSED', 'B1 80-40000 CLOSED']);
    assert.deepEqual(r.events.filter((e) => e.cause === 'listen').map((e) => `${e.t} ${e.error?.code ?? e.to}`), ['0 LISTEN', '0 address-in-use', '60 LISTEN']);
  });

  it('server restart with SO_REUSEADDR: listening at once beside the TIME-WAIT, a new client from 40001', () => {
    const { conns } = finals('server-restart-reuseaddr');
    assert.deepEqual(conns, ['A1 40000-80 CLOSED', 'A2 40001-80 ESTABLISHED', 'B1 80-40000 TIME-WAIT', 'B2 80-40001 ESTABLISHED']);
  });

  it('SYN flood: without cookies A stays in SYN-SENT; with cookies it is connected as B\'s sixth connection', () => {
    const flood = finals('syn-flood');
    assert.equal(flood.conns[0], 'A1 40000-80 SYN-SENT');
    assert.deepEqual(flood.listeners, [{ host: 'B', port: 80, state: 'LISTEN', synQueue: 5, acceptQueue: 0 }]);
    assert.equal(flood.r.events.filter((e) => e.rule === 'listen-syn-queue-full').length, 2);
    const cookies = finals('syn-flood-cookies');
    assert.deepEqual([cookies.conns[0], cookies.conns[6]], ['A1 40000-80 ESTABLISHED', 'B6 80-40000 ESTABLISHED']);
  });

  it('accept queue overflow: the third client\'s ACK is dropped, then the handshake completes after accept', () => {
    const { conns, r } = finals('accept-queue-overflow');
    assert.deepEqual(conns.slice(3), ['B1 80-40000 ESTABLISHED', 'B2 80-40001 ESTABLISHED', 'B3 80-40002 ESTABLISHED']);
    assert.equal(r.events.filter((e) => e.rule === 'accept-queue-overflow').length, 2);
  });

  it('close with unread data, zero window in FIN-WAIT-1, keepalive, process and host crash', () => {
    assert.deepEqual(finals('close-unread-data-rst').conns, ['A1 40000-80 CLOSED reset', 'B1 80-40000 CLOSED']);
    assert.deepEqual(finals('zero-window-fin-wait-1').conns, ['A1 40000-80 FIN-WAIT-2', 'B1 80-40000 CLOSE-WAIT']);
    assert.deepEqual(finals('keepalive-dead-peer').conns, ['A1 40000-80 CLOSED timeout', 'B1 80-40000 CLOSED']);
    assert.deepEqual(finals('process-crash').conns, ['A1 40000-80 CLOSED reset', 'B1 80-40000 CLOSED reset']);
    assert.deepEqual(finals('host-crash-reboot').conns, ['A1 40000-80 CLOSED reset', 'B1 80-40000 CLOSED']);
  });
});
