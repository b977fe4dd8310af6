/**
 * Agreement with a real kernel: real sockets on 127.0.0.1 (node:net), states read from
 * Linux's /proc/net/tcp, compared with what the model predicts for the same story.
 * Skipped, with a visible message, where /proc/net/tcp does not exist.
 */
import { strict as assert } from 'node:assert';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import type { Step } from '../../../../src/core/tcp';
import { Simulator } from '../../../../src/core/tcp';
import type { StateId } from '../../../../src/core/tcp/states';
import { STATES } from '../../../../src/core/tcp/states';

const PROC = '/proc/net/tcp';
const BY_CODE = new Map(STATES.map((s) => [s.procCode, s.id]));

/** The kernel's states of every socket on 127.0.0.1 with this local port (listeners included). */
function kernelSockets(localPort: number): { remote: number; state: StateId }[] {
  const local = `0100007F:${localPort.toString(16).toUpperCase().padStart(4, '0')}`;
  const out: { remote: number; state: StateId }[] = [];
  for (const row of readFileSync(PROC, 'utf8').split('\n').slice(1)) {
    const f = row.trim().split(/\s+/);
    if (f[1] === local) out.push({ remote: parseInt(f[2].split(':')[1], 16), state: BY_CODE.get(f[3]) ?? 'CLOSED' });
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A free port on 127.0.0.1 (bound and released at once). */
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** The kernel's state of the connection local:port -> remote:port on 127.0.0.1, or CLOSED if it has no entry. */
function kernelState(localPort: number, remotePort: number): StateId {
  const local = `0100007F:${localPort.toString(16).toUpperCase().padStart(4, '0')}`;
  const remote = `0100007F:${remotePort.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const row of readFileSync(PROC, 'utf8').split('\n').slice(1)) {
    const f = row.trim().split(/\s+/);
    if (f[1] === local && f[2] === remote) return BY_CODE.get(f[3]) ?? 'CLOSED';
  }
  return 'CLOSED';
}

/** Poll /proc until both ends are in the expected states, or a bounded wait runs out; returns what was last seen. */
async function settle(client: number, server: number, want: { A: StateId; B: StateId }, ms = 10_000): Promise<{ A: StateId; B: StateId }> {
  const end = Date.now() + ms;
  for (;;) {
    const seen = { A: kernelState(client, server), B: kernelState(server, client) };
    if ((seen.A === want.A && seen.B === want.B) || Date.now() > end) return seen;
    await new Promise((r) => setTimeout(r, 20));
  }
}

function model(steps: Step[]): { A: StateId; B: StateId; errorB: string | null } {
  const sim = new Simulator({ profile: 'linux' });
  for (const s of [{ B: 'listen' }, { A: 'connect' }, { flush: true }, ...steps] as Step[]) sim.apply(s);
  return { A: sim.state('A'), B: sim.state('B'), errorB: sim.endpoint('B').error };
}

interface Pair {
  client: net.Socket;
  server: net.Socket;
  clientPort: number;
  serverPort: number;
  serverErrors: string[];
  close(): Promise<void>;
}

/** A (client) connects to B (server); both sockets ESTABLISHED. */
async function pair(allowHalfOpen: boolean): Promise<Pair> {
  const serverErrors: string[] = [];
  let serverSocket: net.Socket | undefined;
  const srv = net.createServer({ allowHalfOpen });
  const accepted = new Promise<net.Socket>((resolve) => {
    srv.once('connection', (s: net.Socket) => {
      s.on('error', (e: NodeJS.ErrnoException) => serverErrors.push(e.code ?? e.message));
      serverSocket = s;
      resolve(s);
    });
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const serverPort = (srv.address() as net.AddressInfo).port;
  const client = net.connect({ host: '127.0.0.1', port: serverPort });
  client.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('error', reject);
  });
  const server = await accepted;
  return {
    client,
    server,
    clientPort: client.localPort as number,
    serverPort,
    serverErrors,
    close: async () => {
      client.destroy();
      serverSocket?.destroy();
      await new Promise<void>((resolve) => srv.close(() => resolve()));
    },
  };
}

describe('agreement with the Linux kernel (/proc/net/tcp)', function () {
  this.timeout(40_000);
  const open: Pair[] = [];

  before(function () {
    if (process.platform !== 'linux' || !existsSync(PROC)) {
      console.log(`      (skipped: no ${PROC} on ${process.platform}; the kernel agreement test needs Linux)`);
      this.skip();
    }
  });
  afterEach(async () => {
    while (open.length > 0) await (open.pop() as Pair).close();
  });

  it('an open connection is ESTABLISHED on both sides', async () => {
    const p = await pair(false);
    open.push(p);
    const want = model([]);
    assert.deepEqual(await settle(p.clientPort, p.serverPort, want), { A: want.A, B: want.B });
  });

  it('normal close: the client that ends first is in TIME-WAIT, the server is gone', async () => {
    const p = await pair(false);
    open.push(p);
    p.client.end(); // FIN; the server (allowHalfOpen false) ends at once in reply
    const want = model([{ A: 'shutdown' }, { flush: true }, { B: 'close' }, { flush: true }]);
    assert.deepEqual(want, { A: 'TIME-WAIT', B: 'CLOSED', errorB: null });
    assert.deepEqual(await settle(p.clientPort, p.serverPort, want), { A: want.A, B: want.B });
  });

  it('half-close with end(): FIN-WAIT-2 and CLOSE-WAIT, then data flows back and the close completes', async () => {
    const p = await pair(true);
    open.push(p);
    const got: Buffer[] = [];
    p.client.on('data', (d: Buffer) => got.push(d));
    p.client.end();
    const half = model([{ A: 'shutdown' }, { flush: true }]);
    assert.deepEqual(half, { A: 'FIN-WAIT-2', B: 'CLOSE-WAIT', errorB: null });
    assert.deepEqual(await settle(p.clientPort, p.serverPort, half), { A: half.A, B: half.B });
    p.server.end('hello');
    const full = model([{ A: 'shutdown' }, { flush: true }, { B: 'send', bytes: 5 }, { B: 'close' }, { flush: true }]);
    assert.deepEqual(await settle(p.clientPort, p.serverPort, full), { A: full.A, B: full.B });
    assert.equal(Buffer.concat(got).toString(), 'hello');
  });

  it('abort with resetAndDestroy(): RST, both ends gone, the server is reset', async () => {
    const p = await pair(false);
    open.push(p);
    p.client.resetAndDestroy();
    const want = model([{ A: 'abort' }, { flush: true }]);
    assert.deepEqual(want, { A: 'CLOSED', B: 'CLOSED', errorB: 'reset' });
    assert.deepEqual(await settle(p.clientPort, p.serverPort, want), { A: want.A, B: want.B });
    const end = Date.now() + 10_000;
    while (p.serverErrors.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(p.serverErrors, ['ECONNRESET']);
  });

  it('a listener whose application does not accept: backlog 1 admits two connections, the third SYN is dropped (tcp_conn_request)', async () => {
    // A child process listens with backlog 1 and then blocks its event loop, so it never accepts.
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['-e', `const s=require('net').createServer();s.listen({port:${port},host:'127.0.0.1',backlog:1},()=>{console.log('up');Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0,6000);process.exit(0)})`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      const clients: net.Socket[] = [];
      const states: string[] = [];
      for (let i = 0; i < 3; i++) {
        const c = net.connect({ host: '127.0.0.1', port });
        c.on('error', () => undefined);
        clients.push(c);
        states.push(await Promise.race([new Promise<string>((r) => c.once('connect', () => r('connected'))), sleep(400).then(() => 'waiting')]));
      }
      const ports = clients.map((c) => c.localPort as number);
      const seen = ports.map((p) => kernelState(p, port));
      const sim = new Simulator({ profile: 'linux', autoAccept: false });
      for (const st of [{ B: 'listen', backlog: 1 }, { A: 'connect' }, { flush: true }, { A: 'connect' }, { flush: true }, { A: 'connect' }, { flush: true }] as Step[]) sim.apply(st);
      const want = sim.connections().filter((c) => c.host === 'A').map((c) => c.state);
      assert.deepEqual(want, ['ESTABLISHED', 'ESTABLISHED', 'SYN-SENT']);
      assert.deepEqual(seen, want);
      assert.deepEqual(states, ['connected', 'connected', 'waiting']);
      assert.equal(sim.listeners()[0].acceptQueue, 2);
      for (const c of clients) c.destroy();
    } finally {
      child.kill();
    }
  });

  it('close() with unread data: the kernel resets the connection (RFC 9293 3.6.1, tcp_close)', async () => {
    const errors: string[] = [];
    let server: net.Socket | undefined;
    const srv = net.createServer({ pauseOnConnect: true }, (s) => {
      server = s;
    });
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const port = (srv.address() as net.AddressInfo).port;
    const client = net.connect({ host: '127.0.0.1', port });
    client.on('error', (e: NodeJS.ErrnoException) => errors.push(e.code ?? e.message));
    await new Promise<void>((resolve) => client.once('connect', resolve));
    client.write(Buffer.alloc(100));
    const end = Date.now() + 10_000;
    while (server === undefined && Date.now() < end) await sleep(10);
    await sleep(100);
    (server as net.Socket).destroy(); // close() with 100 unread octets in the kernel's buffer
    const sim = new Simulator({ profile: 'linux', autoRead: { B: false } });
    for (const st of [{ B: 'listen' }, { A: 'connect' }, { flush: true }, { A: 'send', bytes: 100 }, { flush: true }, { B: 'close' }, { flush: true }] as Step[]) sim.apply(st);
    assert.deepEqual(sim.connections().map((c) => [c.host, c.state, c.error]), [
      ['A', 'CLOSED', 'reset'],
      ['B', 'CLOSED', null],
    ]);
    const cp = client.localPort as number;
    assert.deepEqual(await settle(cp, port, { A: 'CLOSED', B: 'CLOSED' }), { A: 'CLOSED', B: 'CLOSED' });
    while (errors.length === 0 && Date.now() < end) await sleep(10);
    assert.deepEqual(errors, ['ECONNRESET']);
    client.destroy();
    await new Promise<void>((resolve) => srv.close(() => resolve()));
  });

  it('server restart over its own TIME-WAIT: listen works with SO_REUSEADDR (Node sets it) and fails with EADDRINUSE without', async () => {
    let server: net.Socket | undefined;
    const srv = net.createServer((s) => {
      server = s;
      s.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const port = (srv.address() as net.AddressInfo).port;
    const client = net.connect({ host: '127.0.0.1', port });
    client.on('error', () => undefined);
    client.on('end', () => client.end());
    await new Promise<void>((resolve) => client.once('connect', resolve));
    const cp = client.localPort as number;
    const end = Date.now() + 10_000;
    while (server === undefined && Date.now() < end) await sleep(10);
    (server as net.Socket).end(); // the server closes first, so it ends in TIME-WAIT
    await new Promise<void>((resolve) => srv.close(() => resolve()));
    const story = (reuseAddr: boolean) => {
      const sim = new Simulator({ profile: 'linux' });
      for (const st of [{ B: 'listen', reuseAddr }, { A: 'connect' }, { flush: true }, { B: 'close' }, { flush: true }, { A: 'close' }, { flush: true }, { B: 'close', conn: 'listen' }] as Step[]) sim.apply(st);
      return { tw: sim.connections()[1].state, relisten: sim.apply({ B: 'listen', reuseAddr })[0].error?.code ?? 'ok' };
    };
    assert.deepEqual(story(true), { tw: 'TIME-WAIT', relisten: 'ok' });
    assert.deepEqual(story(false), { tw: 'TIME-WAIT', relisten: 'address-in-use' });
    assert.deepEqual(await settle(cp, port, { A: 'CLOSED', B: 'TIME-WAIT' }), { A: 'CLOSED', B: 'TIME-WAIT' });
    // With SO_REUSEADDR (libuv sets it on every TCP listener): the new listener binds.
    const again = net.createServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(port, '127.0.0.1', () => resolve());
    });
    assert.ok(kernelSockets(port).some((x) => x.state === 'LISTEN'));
    await new Promise<void>((resolve) => again.close(() => resolve()));
    // Without SO_REUSEADDR (a plain bind from Python's socket module): EADDRINUSE.
    const py = await new Promise<string>((resolve) =>
      execFile('python3', ['-c', `import socket\ns=socket.socket()\ntry:\n  s.bind(('127.0.0.1',${port}));print('bound')\nexcept OSError as e:\n  print(e.errno)`], (err, out) => resolve(err ? `error ${err.message}` : out.trim())),
    );
    assert.equal(py, '98'); // EADDRINUSE
    client.destroy();
  });

  it('an application that never closes: the server stays in CLOSE-WAIT', async () => {
    const p = await pair(true);
    open.push(p);
    p.client.end();
    const want = model([{ A: 'shutdown' }, { flush: true }, { advance: 1 }]);
    assert.deepEqual(want, { A: 'FIN-WAIT-2', B: 'CLOSE-WAIT', errorB: null });
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(await settle(p.clientPort, p.serverPort, want), { A: want.A, B: want.B });
  });
});
