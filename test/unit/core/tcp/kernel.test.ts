/**
 * Agreement with a real kernel: real sockets on 127.0.0.1 (node:net), states read from
 * Linux's /proc/net/tcp, compared with what the model predicts for the same story.
 * Skipped, with a visible message, where /proc/net/tcp does not exist.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import type { Step } from '../../../../src/core/tcp';
import { Simulator } from '../../../../src/core/tcp';
import type { StateId } from '../../../../src/core/tcp/states';
import { STATES } from '../../../../src/core/tcp/states';

const PROC = '/proc/net/tcp';
const BY_CODE = new Map(STATES.map((s) => [s.procCode, s.id]));

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
async function settle(client: number, server: number, want: { A: StateId; B: StateId }, ms = 3000): Promise<{ A: StateId; B: StateId }> {
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
  this.timeout(20_000);
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
    const end = Date.now() + 3000;
    while (p.serverErrors.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(p.serverErrors, ['ECONNRESET']);
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
