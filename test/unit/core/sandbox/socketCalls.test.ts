import { strict as assert } from 'node:assert';
import { SandboxDriver } from '../../../support/sandboxDriver';
import type { SandboxIntent } from '../../../../src/shared/protocol';
import { denormalize } from '../../../../src/core/sandbox/session';
import { parseScenario, runScenario } from '../../../../src/core/tcp';

type Call = Extract<SandboxIntent, { type: 'sandbox/call' }>;
const call = (endpoint: 'A' | 'B', c: Call['call'], args: Omit<Call, 'type' | 'endpoint' | 'call'> = {}): Call => ({ type: 'sandbox/call', endpoint, call: c, ...args });

/** The sandbox as the host runs it: every intent through the presenter's driver (controller, session, exports). */
function driver(...intents: SandboxIntent[]): SandboxDriver {
  const d = new SandboxDriver();
  for (const i of intents) {
    const r = d.handle(i, 'en');
    assert.equal(r.problem, null, `${JSON.stringify(i)}: ${r.problem}`);
  }
  return d;
}
const flush: SandboxIntent = { type: 'sandbox/deliverAll' };
const OPEN: SandboxIntent[] = [call('B', 'listen'), call('A', 'connect'), flush];
/** The last step in history, in the scenario file's form. */
const lastStep = (d: SandboxDriver) => denormalize(d.session.history[d.session.history.length - 1].step);
/** The exported scenario replays to the same trace as the session. */
function replaysTheSame(d: SandboxDriver): void {
  const exported = d.handle({ type: 'sandbox/export', format: 'scenario' }, 'en').export?.content ?? '';
  const parsed = parseScenario(exported);
  assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors));
  const replay = runScenario(parsed.scenario);
  assert.deepEqual(
    replay.events,
    d.session.history.flatMap((h) => h.events),
  );
}

describe('sandbox presenter: the sockets calls become scenario steps', () => {
  it('shutdown: RFC 9293 CLOSE, a half-close that keeps receiving', () => {
    const d = driver(...OPEN, call('A', 'shutdown'), flush, call('B', 'send', { bytes: 100 }), flush);
    assert.deepEqual(lastStep(driver(...OPEN, call('A', 'shutdown'))), { A: 'shutdown' });
    assert.equal(d.session.simulator.state('A'), 'FIN-WAIT-2');
    const a = d.model('en', null).sockets.A.connections[0];
    assert.equal(a.state, 'FIN-WAIT-2');
    assert.equal(a.error, null, 'data after shutdown(SHUT_WR) is received, not reset');
    replaysTheSame(d);
  });

  it('close with linger 0: RST, CLOSED, no TIME-WAIT', () => {
    const d = driver(...OPEN, call('A', 'close', { linger: 0 }));
    assert.deepEqual(lastStep(d), { A: 'close', linger: 0 });
    assert.equal(d.session.simulator.state('A'), 'CLOSED');
    const sent = d.session.simulator.inFlight('A');
    assert.ok(sent.length === 1 && sent[0].flags.includes('RST'), JSON.stringify(sent));
    replaysTheSame(d);
  });

  it('read: all, or N octets, from the picked connection', () => {
    const d = new SandboxDriver();
    // The sandbox reads at once unless told otherwise; a scenario with autoRead off shows the buffer.
    for (const i of OPEN) d.handle(i, 'en');
    d.handle(call('A', 'send', { bytes: 100 }), 'en');
    d.handle(flush, 'en');
    assert.equal(d.handle(call('B', 'read', { conn: 1 }), 'en').problem, null);
    assert.deepEqual(lastStep(d), { B: 'read', conn: 1 });
    assert.equal(d.handle(call('B', 'read', { bytes: 10 }), 'en').problem, null);
    assert.deepEqual(lastStep(d), { B: 'read', bytes: 10 });
    replaysTheSame(d);
  });

  it('accept: takes the oldest established connection', () => {
    const d = driver(...OPEN, call('B', 'accept'));
    assert.deepEqual(lastStep(d), { B: 'accept' });
    replaysTheSame(d);
  });

  it('keepalive with the Linux defaults arms the keepalive timer', () => {
    const d = driver(...OPEN, call('A', 'keepalive', { idle: 7200, interval: 75, count: 9 }));
    assert.deepEqual(lastStep(d), { A: 'keepalive', idle: 7200, interval: 75, count: 9 });
    assert.equal(d.session.simulator.nextTimer()?.due, d.session.simulator.time + 7200);
    replaysTheSame(d);
  });

  it('crash, reboot, kill: host faults', () => {
    const crashed = driver(...OPEN, call('B', 'crash'));
    assert.deepEqual(lastStep(crashed), { B: 'crash' });
    assert.equal(crashed.model('en', null).sockets.B.down, true);
    const rebooted = driver(...OPEN, call('B', 'crash'), call('B', 'reboot'), call('A', 'send', { bytes: 10 }), flush);
    const b = rebooted.model('en', null).sockets.B;
    assert.equal(b.down, false);
    assert.deepEqual([...b.listeners, ...b.connections].map((x) => x.state), ['CLOSED', 'CLOSED'], 'the rebooted host has no live socket');
    assert.equal(rebooted.model('en', null).sockets.A.connections[0].error, 'reset', 'the rebooted host answers an old connection’s data with RST');
    const killed = driver(...OPEN, call('B', 'kill'));
    assert.deepEqual(lastStep(killed), { B: 'kill' });
    assert.deepEqual(killed.model('en', null).sockets.B.listeners.map((l) => l.state), ['CLOSED']);
    assert.equal(killed.session.simulator.state('B'), 'FIN-WAIT-1');
    for (const d of [crashed, rebooted, killed]) replaysTheSame(d);
  });

  it('listen with port, backlog and reuseAddr; connect with ports', () => {
    const d = driver(call('B', 'listen', { port: 8080, backlog: 4, reuseAddr: true }), call('A', 'connect', { port: 5000, to: 8080 }), flush);
    assert.deepEqual(denormalize(d.session.history[0].step), { B: 'listen', port: 8080, backlog: 4, reuseAddr: true });
    assert.deepEqual(denormalize(d.session.history[1].step), { A: 'connect', port: 5000, to: 8080 });
    assert.deepEqual(
      d.model('en', null).sockets.A.connections.map((c) => [c.local, c.remote, c.state]),
      [[5000, 8080, 'ESTABLISHED']],
    );
    replaysTheSame(d);
  });

  /** The call error of the last step's event, as the trace row shows it. */
  const callError = (d: SandboxDriver) => {
    const events = d.session.history[d.session.history.length - 1].events;
    return events[events.length - 1].error;
  };

  it('an illegal call is recorded with the simulator’s call error and changes no state', () => {
    const d = driver(call('B', 'listen'));
    const r = d.handle(call('B', 'listen'), 'en');
    assert.equal(r.changed, true, 'the refused call stays in the history, as a scenario step would');
    assert.equal(r.problem, callError(d)?.message);
    assert.equal(callError(d)?.code, 'address-in-use');
    assert.deepEqual(d.model('en', null).sockets.B.listeners.map((l) => l.state), ['LISTEN']);
    const s = new SandboxDriver();
    assert.match(s.handle(call('A', 'shutdown'), 'en').problem ?? '', /^shutdown in CLOSED: there is no connection/);
    assert.equal(callError(s)?.code, 'connection-does-not-exist');
  });

  it('a server restart: TIME-WAIT holds port 80 unless both sockets set SO_REUSEADDR', () => {
    const d = driver(call('B', 'listen', { reuseAddr: true }), call('A', 'connect'), flush, call('B', 'close'), flush, call('A', 'close'), flush, call('B', 'kill'));
    assert.equal(d.session.simulator.state('B'), 'TIME-WAIT');
    d.handle(call('B', 'listen'), 'en');
    assert.equal(callError(d)?.code, 'address-in-use', 'without SO_REUSEADDR the TIME-WAIT connection holds port 80');
    d.handle(call('B', 'listen', { reuseAddr: true }), 'en');
    assert.equal(callError(d), undefined);
    assert.deepEqual(d.model('en', null).sockets.B.listeners.map((l) => l.state), ['CLOSED', 'LISTEN']);
    replaysTheSame(d);
  });
});
