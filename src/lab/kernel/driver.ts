/**
 * The kernel side of the lab: plays a story's kernel actions on real sockets on 127.0.0.1
 * (node:net) and, after every step, reads each socket's state from /proc/net/tcp and
 * /proc/net/tcp6 (matched by ports; a socket the kernel no longer lists is CLOSED).
 *
 * Runs in its own process (see child.ts), never in the extension host: it owns sockets and
 * may own one helper process, and everything it starts is torn down by `cleanup()`.
 * No `vscode` import here: the CLI runs the same code.
 */
import * as net from 'node:net';
import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import type { StateId } from '../../core/tcp/states';
import type { HostPair, KernelAction, LabError, LabHost, LabStep, LabStory } from '../../core/lab/types';
import { perHost } from '../../core/lab/types';
import type { ProcRow } from '../../core/lab/procNet';
import { connectionsTo, findConnection, findListener, parseProcNetTcp } from '../../core/lab/procNet';
import type { KernelStepReport, StepErrors } from '../../core/lab/result';

const HOST = '127.0.0.1';
const POLL_MS = 5;
const DEFAULT_WAIT_MS = 3000;
const FILL_CHUNK = 16 * 1024;
/** A fill that has not met a zero window after this much data has gone wrong. */
const FILL_LIMIT = 64 * 1024 * 1024;

function other(h: LabHost): LabHost {
  return h === 'A' ? 'B' : 'A';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The errno of a failed call or connection, in the simulator's words. */
export function errnoToLabError(code: string | undefined): LabError | null {
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'reset';
    case 'ETIMEDOUT':
      return 'timeout';
    case 'EADDRINUSE':
      return 'address-in-use';
    case 'EADDRNOTAVAIL':
      return 'address-not-available';
    default:
      return null;
  }
}

export function readProcRows(): ProcRow[] {
  const rows: ProcRow[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      for (const row of parseProcNetTcp(readFileSync(file, 'utf8'))) rows.push(row);
    } catch {
      // tcp6 is absent when IPv6 is disabled; tcp is checked before a run starts.
    }
  }
  return rows;
}

interface Conn {
  /** The local port, or 0 while (or if never) known: a connect refused at once has none. */
  local: number;
  remote: number;
  socket: net.Socket | null;
}

interface Listener {
  port: number;
  server: net.Server | null;
  holder: ChildProcess | null;
}

interface HostRuntime {
  readonly id: LabHost;
  conns: Conn[];
  listener: Listener | null;
  /** The port of the host's last listener (kept after it closed: a later connect goes there). */
  listenPort: number | null;
  reads: boolean;
  /** Sockets this host accepted, by the peer's port (an accepted connection's socket). */
  readonly accepted: Map<number, net.Socket>;
}

export class KernelLab {
  private readonly hosts: HostPair<HostRuntime>;
  private readonly sockets = new Set<net.Socket>();
  private readonly servers = new Set<net.Server>();
  private readonly holders = new Set<ChildProcess>();
  /** Connections made to a host's listener that the kernel has not (yet) shown on the listener's side. */
  private readonly pendingPassive: { host: LabHost; conn: Conn }[] = [];
  private callError: LabError | null = null;
  /** Sockets whose application closed them (close() or SO_LINGER 0). */
  private readonly appClosed = new Set<net.Socket>();
  /** The error each socket's application was told (its 'error' event). */
  private readonly socketErrors = new Map<net.Socket, LabError>();
  private cleaned = false;

  constructor(
    private readonly story: LabStory,
    /** How to start the stuck listener's helper process: this same script with `--lab-holder`. */
    private readonly holderCommand: { readonly execPath: string; readonly args: readonly string[] },
  ) {
    const mk = (id: LabHost): HostRuntime => ({ id, conns: [], listener: null, listenPort: null, reads: perHost(story.fields.autoRead, id, true), accepted: new Map() });
    this.hosts = { A: mk('A'), B: mk('B') };
  }

  /** Plays every step; `report` is called after each. */
  async run(report: (r: KernelStepReport) => void, afterStep?: (index: number) => Promise<void>): Promise<void> {
    for (let i = 0; i < this.story.steps.length; i++) {
      const step = this.story.steps[i];
      this.callError = null;
      await this.act(step.kernel);
      const seen = await this.settle(step);
      report({ index: i, ...seen });
      await afterStep?.(i);
    }
  }

  // -------------------------------------------------------------------------------------
  // What the kernel shows

  private observe(rows: readonly ProcRow[]): { states: HostPair<StateId>; errors: StepErrors; appClosed: HostPair<boolean> } {
    // A connection to a listener becomes the listening host's connection once the kernel lists it there.
    for (let i = 0; i < this.pendingPassive.length; ) {
      const p = this.pendingPassive[i];
      const target = this.hosts[p.host];
      if (p.conn.local !== 0 && findConnection(rows, p.conn.remote, p.conn.local)) {
        target.conns.push({ local: p.conn.remote, remote: p.conn.local, socket: target.accepted.get(p.conn.local) ?? null });
        this.pendingPassive.splice(i, 1);
      } else i++;
    }
    const state = (h: HostRuntime): StateId => {
      const last = h.conns[h.conns.length - 1];
      if (last) return last.local === 0 ? 'CLOSED' : (findConnection(rows, last.local, last.remote)?.state ?? 'CLOSED');
      if (h.listener) return findListener(rows, h.listener.port) ? 'LISTEN' : 'CLOSED';
      return 'CLOSED';
    };
    const error = (h: HostRuntime): LabError | null => {
      const last = h.conns[h.conns.length - 1];
      if (!last) return null;
      last.socket ??= h.accepted.get(last.remote) ?? null;
      return last.socket ? (this.socketErrors.get(last.socket) ?? null) : null;
    };
    const closed = (h: HostRuntime): boolean => {
      const last = h.conns[h.conns.length - 1];
      return last?.socket ? this.appClosed.has(last.socket) : false;
    };
    return {
      states: { A: state(this.hosts.A), B: state(this.hosts.B) },
      errors: { A: error(this.hosts.A), B: error(this.hosts.B), call: this.callError },
      appClosed: { A: closed(this.hosts.A), B: closed(this.hosts.B) },
    };
  }

  /** Polls /proc until the step's expectation holds or its wait runs out; reports what it saw last. */
  private async settle(step: LabStep): Promise<{ states: HostPair<StateId>; errors: StepErrors; appClosed: HostPair<boolean>; reached: boolean }> {
    const deadline = Date.now() + (step.waitMs ?? DEFAULT_WAIT_MS);
    const want = step.expect;
    const wantErr = { A: want.errors?.A ?? null, B: want.errors?.B ?? null, call: want.errors?.call ?? null };
    for (;;) {
      const seen = this.observe(readProcRows());
      const reached =
        seen.states.A === want.A && seen.states.B === want.B && seen.errors.A === wantErr.A && seen.errors.B === wantErr.B && seen.errors.call === wantErr.call;
      if (reached || Date.now() >= deadline) return { ...seen, reached };
      await sleep(POLL_MS);
    }
  }

  /** Polls until `ok` holds for the rows, or `ms` runs out; returns whether it held. */
  private async until(ok: (rows: ProcRow[]) => boolean, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (ok(readProcRows())) return true;
      if (Date.now() >= deadline) return false;
      await sleep(POLL_MS);
    }
  }

  // -------------------------------------------------------------------------------------
  // Actions

  private async act(a: KernelAction): Promise<void> {
    const h = this.hosts[a.host];
    switch (a.do) {
      case 'listen':
        return this.listen(h, a.backlog, a.stuck === true, a.port ?? 'fresh');
      case 'close-listener':
        return this.closeListener(h);
      case 'connect':
        return this.connect(h);
      case 'send':
        return this.send(h, a.bytes);
      case 'fill':
        return this.fill(h);
      case 'shutdown':
        (await this.socketOf(h)).end();
        return;
      case 'close': {
        const s = await this.socketOf(h);
        this.appClosed.add(s);
        s.destroy();
        return;
      }
      case 'abort': {
        const s = await this.socketOf(h);
        this.appClosed.add(s);
        s.resetAndDestroy();
        return;
      }
      case 'read':
        h.reads = true;
        for (const c of h.conns) if (c.socket) this.startReading(c.socket);
        for (const s of h.accepted.values()) this.startReading(s);
        return;
      case 'accept':
        if (!h.listener?.holder) throw new Error(`${a.host} has no stuck listener to resume`);
        h.listener.holder.stdin?.write('accept\n');
        return;
    }
  }

  private startReading(s: net.Socket): void {
    if (s.listenerCount('data') === 0) s.on('data', () => undefined);
    s.resume();
  }

  /** The socket of the host's most recent connection; an accepted one may take a moment to appear. */
  private async socketOf(h: HostRuntime): Promise<net.Socket> {
    const conn = h.conns[h.conns.length - 1];
    if (!conn) throw new Error(`${h.id} has no connection`);
    const deadline = Date.now() + DEFAULT_WAIT_MS;
    while (!conn.socket) {
      conn.socket = h.accepted.get(conn.remote) ?? null;
      if (conn.socket) break;
      if (Date.now() >= deadline) throw new Error(`${h.id}'s connection ${conn.local} -> ${conn.remote} has no socket in this process`);
      await sleep(POLL_MS);
    }
    return conn.socket;
  }

  private track(s: net.Socket): void {
    this.sockets.add(s);
    s.on('error', (e: NodeJS.ErrnoException) => {
      const err = errnoToLabError(e.code);
      if (err && !this.socketErrors.has(s)) this.socketErrors.set(s, err);
    });
    s.on('close', () => this.sockets.delete(s));
  }

  private async listen(h: HostRuntime, backlog: number | undefined, stuck: boolean, portSpec: 'fresh' | 'same' | { readonly conn: number }): Promise<void> {
    let port = 0;
    if (portSpec === 'same') port = h.listenPort ?? 0;
    else if (typeof portSpec === 'object') port = h.conns[portSpec.conn - 1]?.local ?? 0;
    if (stuck) {
      const holder = await this.startHolder(backlog ?? 511, port);
      if ('error' in holder) {
        this.callError = errnoToLabError(holder.error);
        return;
      }
      h.listener = { port: holder.port, server: null, holder: holder.child };
      h.listenPort = holder.port;
      return;
    }
    const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true });
    this.servers.add(server);
    server.on('connection', (s: net.Socket) => {
      const remote = s.remotePort ?? 0;
      h.accepted.set(remote, s);
      this.track(s);
      for (const c of h.conns) if (c.remote === remote && !c.socket) c.socket = s;
      if (h.reads) this.startReading(s);
    });
    const result = await new Promise<number | LabError | null>((resolve) => {
      server.once('error', (e: NodeJS.ErrnoException) => resolve(errnoToLabError(e.code) ?? 'address-in-use'));
      server.listen({ port, host: HOST, ...(backlog !== undefined ? { backlog } : {}) }, () => resolve((server.address() as net.AddressInfo).port));
    });
    if (typeof result === 'number') {
      h.listener = { port: result, server, holder: null };
      h.listenPort = result;
    } else {
      this.servers.delete(server);
      this.callError = result;
    }
  }

  /** A listener in a helper process that does not call accept() until told to. */
  private startHolder(backlog: number, port: number): Promise<{ port: number; child: ChildProcess } | { error: string }> {
    const child = spawn(this.holderCommand.execPath, [...this.holderCommand.args, '--lab-holder', String(backlog), String(port)], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.holders.add(child);
    child.on('exit', () => this.holders.delete(child));
    return new Promise((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new Error('the listener helper process did not start')), 10_000);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.stdout?.on('data', (d: Buffer) => {
        buf += d.toString('utf8');
        const nl = buf.indexOf('\n');
        if (nl < 0) return;
        clearTimeout(timer);
        try {
          const msg = JSON.parse(buf.slice(0, nl)) as { port?: number; error?: string };
          if (typeof msg.port === 'number') resolve({ port: msg.port, child });
          else resolve({ error: String(msg.error) });
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    });
  }

  private async closeListener(h: HostRuntime): Promise<void> {
    const l = h.listener;
    if (!l) throw new Error(`${h.id} has no listener`);
    if (l.server) l.server.close();
    if (l.holder) l.holder.kill('SIGKILL');
    // The listening socket is closed asynchronously: wait until the kernel no longer lists it.
    await this.until((rows) => !findListener(rows, l.port), DEFAULT_WAIT_MS);
  }

  private async connect(h: HostRuntime): Promise<void> {
    const peer = this.hosts[other(h.id)];
    const port = peer.listenPort;
    if (port === null) throw new Error(`${other(h.id)} has no port to connect to`);
    const known = new Set<number>();
    for (const host of [this.hosts.A, this.hosts.B]) for (const c of host.conns) known.add(c.local);
    const conn: Conn = { local: 0, remote: port, socket: null };
    const s = net.connect({ host: HOST, port, allowHalfOpen: true });
    if (!h.reads) s.pause();
    else s.on('data', () => undefined);
    conn.socket = s;
    let connected = false;
    this.track(s);
    s.once('connect', () => {
      connected = true;
    });
    h.conns.push(conn);
    // The local port: from the socket once connected, else from the kernel's table (a SYN-SENT
    // socket is listed there); a connect refused at once never gets one we can see.
    const deadline = Date.now() + DEFAULT_WAIT_MS;
    for (;;) {
      if (connected && s.localPort) {
        conn.local = s.localPort;
        break;
      }
      const fresh = connectionsTo(readProcRows(), port).filter((r) => !known.has(r.localPort) && (r.state === 'SYN-SENT' || r.state === 'ESTABLISHED'));
      if (fresh.length === 1) {
        conn.local = fresh[0].localPort;
        break;
      }
      if (s.destroyed || Date.now() >= deadline) break;
      await sleep(POLL_MS);
    }
    if (conn.local !== 0 && (peer.listener !== null || peer.listenPort !== null)) this.pendingPassive.push({ host: peer.id, conn });
  }

  private async send(h: HostRuntime, bytes: number): Promise<void> {
    const s = await this.socketOf(h);
    const conn = h.conns[h.conns.length - 1];
    await new Promise<void>((resolve) => s.write(Buffer.alloc(bytes, 0x61), () => resolve()));
    // Sent means acknowledged by the peer's kernel (or the connection is gone).
    await this.until((rows) => (findConnection(rows, conn.local, conn.remote)?.txQueue ?? 0) === 0, DEFAULT_WAIT_MS);
    await this.noticeReset(s, conn);
  }

  /**
   * A socket whose read side has already ended learns of a RST only at its next call, as in
   * C: when the kernel dropped the connection, make that call (an empty write) so the error
   * the application would be told is recorded.
   */
  private async noticeReset(s: net.Socket, conn: Conn): Promise<void> {
    if (s.destroyed || this.socketErrors.has(s) || findConnection(readProcRows(), conn.local, conn.remote)) return;
    s.write(Buffer.alloc(0));
    const deadline = Date.now() + 1000;
    while (!this.socketErrors.has(s) && !s.destroyed && Date.now() < deadline) await sleep(POLL_MS);
  }

  private async fill(h: HostRuntime): Promise<void> {
    const s = await this.socketOf(h);
    const conn = h.conns[h.conns.length - 1];
    const chunk = Buffer.alloc(FILL_CHUNK, 0x62);
    for (let written = 0; written < FILL_LIMIT; written += FILL_CHUNK) {
      const ok = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), DEFAULT_WAIT_MS);
        s.write(chunk, (err) => {
          clearTimeout(timer);
          resolve(!err);
        });
      });
      if (!ok) throw new Error(`${h.id}: the kernel stopped taking data before the peer's window closed`);
      // Either everything is acknowledged (the window is still open: write more) or the
      // kernel holds data it may not send and probes the zero window (timer 4).
      let zero = false;
      await this.until((rows) => {
        const r = findConnection(rows, conn.local, conn.remote);
        if (!r) return true;
        zero = r.timer === 4 && r.txQueue > 0;
        return zero || r.txQueue === 0;
      }, DEFAULT_WAIT_MS);
      if (zero) return;
    }
    throw new Error(`${h.id}: no zero window after ${FILL_LIMIT} octets`);
  }

  /** Every local port this run holds or held (listeners and connections), for checks. */
  ports(): number[] {
    const out = new Set<number>();
    for (const h of [this.hosts.A, this.hosts.B]) {
      if (h.listenPort !== null) out.add(h.listenPort);
      for (const c of h.conns) if (c.local !== 0) out.add(c.local);
    }
    return [...out];
  }

  // -------------------------------------------------------------------------------------
  // Teardown

  /**
   * Ends everything this run started: connections are reset (so no FIN-WAIT or LAST-ACK is
   * left behind; TIME-WAIT entries the story made stay with the kernel, which owns them and
   * drops them after 60 s), listeners closed, the helper process killed and waited for.
   */
  async cleanup(): Promise<void> {
    if (this.cleaned) return;
    this.cleaned = true;
    for (const s of [...this.sockets]) {
      try {
        if (s.destroyed) continue;
        if (s.connecting) s.destroy();
        else s.resetAndDestroy();
      } catch {
        s.destroy();
      }
    }
    for (const server of this.servers) server.close();
    const exits = [...this.holders].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGKILL');
        }),
    );
    await Promise.race([Promise.all(exits), sleep(5000)]);
  }
}
