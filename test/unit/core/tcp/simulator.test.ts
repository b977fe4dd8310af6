import { strict as assert } from 'node:assert';
import type { Step } from '../../../../src/core/tcp';
import { CALL_ERROR_CODES, PROFILES, Simulator, StepError, connectGiveUpAfter } from '../../../../src/core/tcp';
import { line, loadScenario, scenarioFiles } from './helpers';

const OPEN: Step[] = [{ B: 'listen' }, { A: 'connect' }, { flush: true }];

function sim(steps: Step[], options: ConstructorParameters<typeof Simulator>[0] = {}): Simulator {
  const s = new Simulator(options);
  for (const st of steps) s.apply(st);
  return s;
}

describe('Simulator API', () => {
  it('snapshots round-trip exactly at every step of every library scenario, and runs on identically', () => {
    for (const f of scenarioFiles()) {
      const sc = loadScenario(f);
      const a = new Simulator(sc);
      for (let i = 0; i < sc.steps.length; i++) {
        const snap = a.snapshot();
        const text = JSON.stringify(snap);
        const b = Simulator.restore(JSON.parse(text));
        assert.equal(JSON.stringify(b.snapshot()), text, `${f} before step ${i}`);
        const ea = a.apply(sc.steps[i]).map(line);
        const eb = b.apply(sc.steps[i]).map(line);
        assert.deepEqual(eb, ea, `${f} step ${i} after restore`);
        assert.equal(JSON.stringify(b.snapshot()), JSON.stringify(a.snapshot()));
      }
    }
  });

  it('rejects a corrupt snapshot with a clear error naming the field', () => {
    const good = sim([...OPEN, { A: 'send', bytes: 10 }]).snapshot();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form surgery on a JSON copy
    const mutate = (f: (s: any) => void) => {
      const s: unknown = JSON.parse(JSON.stringify(good));
      f(s);
      return s;
    };
    const cases: [unknown, RegExp][] = [
      [null, /snapshot must be an object/],
      [mutate((s) => delete s.now), /now is missing/],
      [mutate((s) => (s.version = 1)), /version must be 2/],
      [mutate((s) => (s.hosts.A.conns[0].state = 'SYN_SENT')), /hosts\.A\.conns\[0\]\.state must be an RFC 9293 state name/],
      [mutate((s) => (s.hosts.B.conns[0].sndNxt = -5)), /hosts\.B\.conns\[0\]\.sndNxt must be a whole number/],
      [mutate((s) => (s.hosts.B.conns[0].conn = 2)), /hosts\.B\.conns\[0\]\.conn must be 1/],
      [mutate((s) => (s.hosts.B.listeners[0].acceptQueue = [7])), /hosts\.B\.listeners\[0\]\.acceptQueue\[0\] must be a whole number from 1 to 1/],
      [mutate((s) => (s.hosts.B.conns.push({ ...s.hosts.B.conns[0], conn: 2 }))), /hosts\.B\.conns\[1\] has the ports of another live connection/],
      [mutate((s) => (s.flight.A[0].flags = ['ACK', 'PSH'])), /flight\.A\[0\]\.flags must list each flag once in the order/],
      [mutate((s) => (s.flight.A[0].ack = null)), /flight\.A\[0\]\.ack must be a number exactly when the ACK flag is set/],
      [mutate((s) => (s.hosts.A.conns[0].extra = 1)), /hosts\.A\.conns\[0\]\.extra is not a known field/],
      [mutate((s) => (s.nextId = 1)), /nextId must be above every segment id/],
      [mutate((s) => (s.options.profile = 'bsd')), /options\.profile must be one of linux, linux-classic, rfc9293/],
    ];
    for (const [bad, re] of cases) assert.throws(() => Simulator.restore(bad), (e: Error) => e instanceof Error && /^corrupt simulator snapshot: /.test(e.message) && re.test(e.message), String(re));
  });

  it('exposes states, TCB variables, in-flight segments and timers', () => {
    const s = sim([{ B: 'listen' }, { A: 'connect' }]);
    assert.equal(s.state('A'), 'SYN-SENT');
    assert.deepEqual(s.endpoint('A').tcb, { iss: 100, sndUna: 100, sndNxt: 101, irs: null, rcvNxt: null, rcvWnd: 65535 });
    assert.deepEqual(
      s.inFlight('A').map((x) => [x.id, x.flags.join(','), x.seq]),
      [[1, 'SYN', 100]],
    );
    assert.deepEqual(s.timers(), [{ endpoint: 'A', conn: 1, name: 'retransmit', due: 1 }]);
    assert.deepEqual(s.nextTimer(), { endpoint: 'A', conn: 1, name: 'retransmit', due: 1 });
    s.apply({ flush: true });
    assert.deepEqual(s.endpoint('B').tcb, { iss: 300, sndUna: 301, sndNxt: 301, irs: 100, rcvNxt: 101, rcvWnd: 65535 });
    assert.equal(s.nextTimer(), null);
    s.apply({ A: 'close' });
    assert.equal(s.endpoint('A').appClosed, true);
    assert.deepEqual(s.timers(), [{ endpoint: 'A', conn: 1, name: 'retransmit', due: 0.2 }]);
    s.apply({ flush: true });
    assert.deepEqual(s.timers(), [{ endpoint: 'A', conn: 1, name: 'fin-wait-2', due: 60 }]);
  });

  it('reports which calls are legal, with stable error codes', () => {
    assert.deepEqual([...CALL_ERROR_CODES].sort(), ['address-in-use', 'address-not-available', 'connection-closing', 'connection-does-not-exist', 'connection-exists', 'not-connected']);
    const s = sim([{ B: 'listen' }]);
    const a = s.legalCalls('A');
    assert.deepEqual(a.listen, { legal: true });
    assert.deepEqual(a.connect, { legal: true });
    assert.equal(a.send.legal, false);
    assert.equal(a.send.legal === false && a.send.code, 'connection-does-not-exist');
    const b = s.legalCalls('B');
    assert.equal(b.send.legal === false && b.send.code, 'not-connected');
    // A second listener on port 80: EADDRINUSE (Linux inet_csk_get_port).
    assert.equal(b.listen.legal === false && b.listen.code, 'address-in-use');
    assert.deepEqual(b.close, { legal: true });
    s.apply({ A: 'connect' });
    s.apply({ flush: true });
    s.apply({ A: 'close' });
    const a2 = s.legalCalls('A');
    assert.equal(a2.send.legal === false && a2.send.code, 'connection-closing');
    assert.equal(a2.close.legal === false && a2.close.code, 'connection-closing');
    // connect() makes another socket: always possible (a new ephemeral port).
    assert.deepEqual(a2.connect, { legal: true });
    assert.deepEqual(a2.abort, { legal: true });
  });

  it('an illegal call yields an error event with an English explanation and changes nothing', () => {
    const s = sim([{ B: 'listen' }]);
    const before = JSON.stringify(s.snapshot());
    const [ev] = s.apply({ B: 'send', bytes: 10 });
    assert.equal(ev.cause, 'send');
    assert.equal(ev.error?.code, 'not-connected');
    assert.match(ev.error?.message ?? '', /send in LISTEN: .*no peer/);
    assert.deepEqual(ev.sent, []);
    assert.equal(ev.from, 'LISTEN');
    assert.equal(ev.to, 'LISTEN');
    assert.equal(JSON.stringify(s.snapshot()), before);
    // A second connect opens a second connection from the next ephemeral port.
    const s2 = sim([{ A: 'connect' }]);
    const [twice] = s2.apply({ A: 'connect' });
    assert.equal(twice.error, undefined);
    assert.equal(twice.conn, 2);
    assert.deepEqual(s2.connections().map((c) => [c.conn, c.local, c.remote, c.state]), [
      [1, 40000, 80, 'SYN-SENT'],
      [2, 40001, 80, 'SYN-SENT'],
    ]);
    // A second listen on the same port: EADDRINUSE.
    assert.equal(s.apply({ B: 'listen' })[0].error?.code, 'address-in-use');
  });

  it('throws a StepError for a network step that cannot happen, and for a malformed step', () => {
    const s = new Simulator();
    assert.throws(() => s.apply({ deliver: 'A' }), (e: Error) => e instanceof StepError && e.message === 'deliver: nothing in flight from A');
    s.apply({ A: 'connect' });
    assert.throws(() => s.apply({ drop: 'A', nth: 2 }), /only 1 segment in flight from A, so there is no 2nd/);
    assert.throws(() => s.apply({ delivr: 'A' } as unknown as Step), /unknown step kind "delivr"/);
  });

  it('holds out-of-order data and sends a duplicate ACK; the gap filler acknowledges both', () => {
    const s = sim([...OPEN, { A: 'send', bytes: 100 }, { A: 'send', bytes: 50 }]);
    const [e1] = s.apply({ deliver: 'A', nth: 2 });
    assert.equal(line(e1), '0 B <PSH,ACK 201 301 50 ESTABLISHED => ACK 301 101');
    assert.equal(e1.check?.reason, 'in-window');
    const [e2] = s.apply({ deliver: 'A' });
    assert.equal(line(e2), '0 B <PSH,ACK 101 301 100 ESTABLISHED => ACK 301 251');
    assert.equal(s.endpoint('B').delivered, 150);
  });

  it('segments data at the MSS (1460) with PSH on the last', () => {
    const s = sim([...OPEN]);
    const [ev] = s.apply({ A: 'send', bytes: 3000 });
    assert.deepEqual(ev.sent?.map((x) => `${x.flags.join(',')} ${x.seq} ${x.len}`), ['ACK 101 1460', 'ACK 1561 1460', 'PSH,ACK 3021 80']);
  });

  it('retransmits data with RTO 200 ms doubling after a zero-RTT handshake', () => {
    const s = sim([...OPEN, { A: 'send', bytes: 10 }, { drop: 'A' }]);
    const evs = s.apply({ advance: 1.5 });
    assert.deepEqual(evs.map((e) => e.t), [0.2, 0.6, 1.4]);
  });

  it('gives up a half-open passive connection after 5 SYN,ACK retries (63 s) and keeps listening', () => {
    const s = sim([{ B: 'listen' }, { A: 'connect' }, { deliver: 'A' }, { A: 'abort' }]);
    const evs = s.apply({ advance: 70 }).filter((e) => e.endpoint === 'B');
    assert.deepEqual(
      evs.map((e) => `${e.t} ${e.from}>${e.to}`),
      ['1 SYN-RECEIVED>SYN-RECEIVED', '3 SYN-RECEIVED>SYN-RECEIVED', '7 SYN-RECEIVED>SYN-RECEIVED', '15 SYN-RECEIVED>SYN-RECEIVED', '31 SYN-RECEIVED>SYN-RECEIVED', '63 SYN-RECEIVED>LISTEN'],
    );
    assert.equal(evs[5].giveUp, true);
    assert.equal(evs[5].transition, 'syn-received-listen');
  });

  it('profiles: one table with the issue\'s numbers', () => {
    assert.equal(PROFILES.linux.timeWait, 60);
    assert.equal(PROFILES.linux.initialRto, 1);
    assert.equal(PROFILES.linux.minRto, 0.2);
    assert.equal(PROFILES.linux.synRetries, 6);
    assert.equal(PROFILES.linux.synAckRetries, 5);
    assert.equal(PROFILES.linux.finWait2Timeout, 60);
    // Linux 6.5+: 4 linear retries at 1 s, then doubling: 1+1+1+1+1+2+4+8+16+32+64 = 131 s.
    assert.equal(connectGiveUpAfter(PROFILES.linux), 131);
    assert.equal(connectGiveUpAfter(PROFILES['linux-classic']), 127);
    assert.equal(connectGiveUpAfter(PROFILES.rfc9293), 127);
    assert.equal(PROFILES.rfc9293.msl, 120);
    assert.equal(PROFILES.rfc9293.timeWait, 240);
    assert.equal(PROFILES.rfc9293.finWait2Timeout, null);
  });

  it('delayed ACK: sent by the 40 ms timer when nothing else goes out', () => {
    const s = sim([...OPEN, { A: 'send', bytes: 10 }], { delayedAck: true });
    const [arrive] = s.apply({ deliver: 'A' });
    assert.deepEqual(arrive.sent, []);
    assert.deepEqual(s.nextTimer(), { endpoint: 'B', conn: 1, name: 'delayed-ack', due: 0.04 });
    const [fire] = s.apply({ advance: 0.04 });
    assert.equal(line(fire), '0.04 B timer:delayed-ack ESTABLISHED => ACK 301 111');
  });

  it('SYN-SENT: ignores a RST without ACK, drops a RST with a bad ACK, answers a bad ACK with RST', () => {
    const s = sim([{ A: 'connect' }]);
    assert.equal(line(s.apply({ inject: { to: 'A', flags: ['RST'], seq: 0 } })[1]), '0 A <RST 0 - SYN-SENT');
    assert.equal(line(s.apply({ inject: { to: 'A', flags: ['RST', 'ACK'], seq: 0, ack: 500 } })[1]), '0 A <RST,ACK 0 500 SYN-SENT');
    assert.equal(line(s.apply({ inject: { to: 'A', flags: ['ACK'], seq: 7, ack: 500 } })[1]), '0 A <ACK 7 500 SYN-SENT => RST 500 -');
    assert.equal(line(s.apply({ inject: { to: 'A', flags: ['SYN', 'ACK'], seq: 7, ack: 100 } })[1]), '0 A <SYN,ACK 7 100 SYN-SENT => RST 100 -');
    assert.equal(s.state('A'), 'SYN-SENT');
  });

  it('LISTEN: ignores RST, answers any ACK with <SEQ=SEG.ACK><CTL=RST>', () => {
    const s = sim([{ B: 'listen' }]);
    assert.equal(line(s.apply({ inject: { to: 'B', flags: ['RST'], seq: 9 } })[1]), '0 B <RST 9 - LISTEN');
    assert.equal(line(s.apply({ inject: { to: 'B', flags: ['ACK'], seq: 9, ack: 77 } })[1]), '0 B <ACK 9 77 LISTEN => RST 77 -');
  });

  it('a SYN inside the window of a passive SYN-RECEIVED returns it to LISTEN', () => {
    const s = sim([{ B: 'listen' }, { A: 'connect' }, { deliver: 'A' }]);
    const [, ev] = s.apply({ inject: { to: 'B', flags: ['SYN'], seq: 5000 } });
    assert.equal(line(ev), '0 B <SYN 5000 - SYN-RECEIVED>LISTEN');
  });

  it('close in SYN-RECEIVED with queued data waits for ESTABLISHED, then sends data and FIN', () => {
    const s = sim([{ B: 'listen' }, { A: 'connect' }, { deliver: 'A' }, { B: 'send', bytes: 5 }, { B: 'close' }, { deliver: 'B' }]);
    assert.equal(s.endpoint('B').closePending, true);
    const [ev] = s.apply({ deliver: 'A' });
    assert.equal(line(ev), '0 B <ACK 101 301 SYN-RECEIVED>FIN-WAIT-1 => PSH,ACK 301 101 5 + FIN,ACK 306 101');
    assert.deepEqual(ev.via, ['ESTABLISHED']);
  });

  it('data queued in SYN-SENT rides on the third segment of the handshake', () => {
    const s = sim([{ B: 'listen' }, { A: 'connect' }, { A: 'send', bytes: 20 }, { deliver: 'A' }]);
    const [ev] = s.apply({ deliver: 'B' });
    assert.equal(line(ev), '0 A <SYN,ACK 300 101 SYN-SENT>ESTABLISHED => PSH,ACK 101 301 20');
  });

  it('connect on a host that listens opens a new socket beside the listener (sockets API, not 3.10.1\'s LISTEN-to-SYN-SENT)', () => {
    const s = sim([{ A: 'listen' }]);
    const [ev] = s.apply({ A: 'connect' });
    assert.equal(line(ev), '0 A connect CLOSED>SYN-SENT => SYN 100 -');
    assert.equal(ev.transition, 'closed-syn-sent');
    assert.deepEqual(s.listeners(), [{ host: 'A', port: 80, state: 'LISTEN', synQueue: 0, acceptQueue: 0 }]);
  });

  it('sequence numbers wrap modulo 2^32', () => {
    const s = sim([{ B: 'listen' }, { A: 'connect' }, { flush: true }, { A: 'send', bytes: 10 }, { flush: true }], { isn: { A: 4294967295, B: 4294967290 } });
    assert.equal(s.state('B'), 'ESTABLISHED');
    assert.deepEqual(s.endpoint('A').tcb, { iss: 4294967295, sndUna: 10, sndNxt: 10, irs: 4294967290, rcvNxt: 4294967291, rcvWnd: 65535 });
    assert.equal(s.endpoint('B').tcb.rcvNxt, 10);
  });

  it('records nothing but counts events when record is off', () => {
    const s = new Simulator({ record: false });
    for (const st of [...OPEN, { A: 'close' }, { flush: true }] as Step[]) assert.deepEqual(s.apply(st), []);
    assert.equal(s.state('A'), 'FIN-WAIT-2');
    assert.equal(s.eventCount, 8);
  });
});
