import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseWebviewMessage } from '../../../src/shared/protocol';
import { SANDBOX_CALLS } from '../../../src/shared/messages/sandbox';

const parse = (raw: unknown) => parseWebviewMessage(raw);
const ok = (raw: Record<string, unknown>) => {
  const r = parse({ type: 'sandbox/call', ...raw });
  assert.ok(r.ok, `refused ${JSON.stringify(raw)}: ${r.ok ? '' : r.error}`);
  return r.message;
};
const refused = (raw: Record<string, unknown>, why: RegExp) => {
  const r = parse({ type: 'sandbox/call', ...raw });
  assert.ok(!r.ok, `accepted ${JSON.stringify(raw)}`);
  assert.match(r.error, why);
};

describe('sandbox call intents: the sockets calls', () => {
  it('offers RFC 9293’s five calls and the sockets calls and faults', () => {
    assert.deepEqual([...SANDBOX_CALLS].sort(), ['abort', 'accept', 'close', 'connect', 'crash', 'keepalive', 'kill', 'listen', 'read', 'reboot', 'send', 'shutdown']);
  });

  it('shutdown: takes a connection number or none', () => {
    assert.deepEqual(ok({ endpoint: 'A', call: 'shutdown' }), { type: 'sandbox/call', endpoint: 'A', call: 'shutdown' });
    assert.deepEqual(ok({ endpoint: 'A', call: 'shutdown', conn: 2 }), { type: 'sandbox/call', endpoint: 'A', call: 'shutdown', conn: 2 });
    refused({ endpoint: 'A', call: 'shutdown', conn: 0 }, /conn must be a connection number/);
    refused({ endpoint: 'A', call: 'shutdown', linger: 0 }, /shutdown takes no linger/);
  });

  it('close with SO_LINGER 0: linger is 0 or absent, and the listener can be picked', () => {
    assert.deepEqual(ok({ endpoint: 'B', call: 'close', linger: 0 }), { type: 'sandbox/call', endpoint: 'B', call: 'close', linger: 0 });
    assert.deepEqual(ok({ endpoint: 'B', call: 'close', conn: 'listen' }), { type: 'sandbox/call', endpoint: 'B', call: 'close', conn: 'listen' });
    refused({ endpoint: 'B', call: 'close', linger: 5 }, /linger can only be 0/);
    refused({ endpoint: 'B', call: 'close', conn: 'all' }, /conn must be/);
  });

  it('read: all (no bytes) or N octets, bounded', () => {
    assert.deepEqual(ok({ endpoint: 'B', call: 'read' }), { type: 'sandbox/call', endpoint: 'B', call: 'read' });
    assert.deepEqual(ok({ endpoint: 'B', call: 'read', bytes: 10, conn: 1 }), { type: 'sandbox/call', endpoint: 'B', call: 'read', bytes: 10, conn: 1 });
    refused({ endpoint: 'B', call: 'read', bytes: 0 }, /bytes must be a whole number from 1/);
    refused({ endpoint: 'B', call: 'read', bytes: 1_000_001 }, /bytes must be/);
  });

  it('accept, crash, reboot, kill: take no arguments', () => {
    for (const call of ['accept', 'crash', 'reboot', 'kill']) {
      assert.deepEqual(ok({ endpoint: 'B', call }), { type: 'sandbox/call', endpoint: 'B', call });
      refused({ endpoint: 'B', call, conn: 1 }, new RegExp(`${call} takes no conn`));
    }
  });

  it('keepalive: idle, interval and count are bounded as the scenario format bounds them', () => {
    assert.deepEqual(ok({ endpoint: 'A', call: 'keepalive', idle: 7200, interval: 75, count: 9 }), { type: 'sandbox/call', endpoint: 'A', call: 'keepalive', idle: 7200, interval: 75, count: 9 });
    refused({ endpoint: 'A', call: 'keepalive', idle: 0 }, /idle must be a whole number of seconds from 1 to 32767/);
    refused({ endpoint: 'A', call: 'keepalive', interval: 32768 }, /interval must be/);
    refused({ endpoint: 'A', call: 'keepalive', count: 128 }, /count must be a whole number from 1 to 127/);
  });

  it('listen: port, backlog and reuseAddr', () => {
    assert.deepEqual(ok({ endpoint: 'B', call: 'listen', port: 80, backlog: 128, reuseAddr: true }), { type: 'sandbox/call', endpoint: 'B', call: 'listen', port: 80, backlog: 128, reuseAddr: true });
    refused({ endpoint: 'B', call: 'listen', port: 0 }, /port must be a port number from 1 to 65535/);
    refused({ endpoint: 'B', call: 'listen', backlog: -1 }, /backlog must be/);
    refused({ endpoint: 'B', call: 'listen', reuseAddr: 'yes' }, /reuseAddr must be true or false/);
    refused({ endpoint: 'B', call: 'listen', to: 80 }, /listen takes no to/);
  });

  it('connect: local port (default ephemeral), target port and reuseAddr', () => {
    assert.deepEqual(ok({ endpoint: 'A', call: 'connect', to: 8080 }), { type: 'sandbox/call', endpoint: 'A', call: 'connect', to: 8080 });
    assert.deepEqual(ok({ endpoint: 'A', call: 'connect', port: 5000, to: 6000, reuseAddr: false }), { type: 'sandbox/call', endpoint: 'A', call: 'connect', port: 5000, to: 6000, reuseAddr: false });
    refused({ endpoint: 'A', call: 'connect', to: 65536 }, /to must be a port number/);
    refused({ endpoint: 'A', call: 'connect', backlog: 1 }, /connect takes no backlog/);
  });

  it('send still needs bytes; an unknown call is refused', () => {
    refused({ endpoint: 'A', call: 'send' }, /bytes must be/);
    refused({ endpoint: 'A', call: 'fork' }, /call must be one of/);
  });

  it('never throws, and what it accepts re-parses to itself (property)', () => {
    const value = fc.oneof(fc.integer({ min: -2, max: 70000 }), fc.constant('listen'), fc.boolean(), fc.constant(null), fc.string({ maxLength: 4 }), fc.double());
    fc.assert(
      fc.property(
        fc.constantFrom(...SANDBOX_CALLS, 'nope'),
        fc.dictionary(fc.constantFrom('bytes', 'conn', 'port', 'to', 'backlog', 'reuseAddr', 'linger', 'idle', 'interval', 'count', 'other'), value),
        (call, args) => {
          const r = parse({ type: 'sandbox/call', endpoint: 'A', call, ...args });
          if (r.ok) assert.deepEqual(parse(r.message), r);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
