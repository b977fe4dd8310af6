/**
 * Opens real TCP sockets on loopback in chosen states, for fixtures and tests: the kernel
 * does the work, nothing is simulated. Every socket and child process is closed by
 * `close()`, which the caller must await (also on failure).
 *
 * - LISTEN: a server.
 * - ESTABLISHED: a connected pair.
 * - TIME-WAIT: the client closes first and the server follows (the client is the active closer).
 * - CLOSE-WAIT / FIN-WAIT-2: the client closes, the server (allowHalfOpen) never does.
 * - SYN-SENT: a listener with a backlog of 1 in a stopped child process; once its accept
 *   queue is full the kernel drops further SYNs and those clients stay in SYN-SENT.
 */
import * as net from 'node:net';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export type WantedState = 'LISTEN' | 'ESTABLISHED' | 'TIME-WAIT' | 'CLOSE-WAIT' | 'SYN-SENT';

export interface OpenedSockets {
  /** host:port of the listeners, per state asked for. */
  readonly ports: Partial<Record<WantedState, number>>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function listen(server: net.Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host }, () => resolve((server.address() as net.AddressInfo).port));
  });
}

function connect(port: number, host: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port, host }, () => resolve(s));
    s.once('error', reject);
  });
}

/** Opens one set of sockets per state on `host` (127.0.0.1 or ::1). */
export async function openLoopbackSockets(host: string, wanted: readonly WantedState[], count = 1): Promise<OpenedSockets> {
  const servers: net.Server[] = [];
  const sockets: net.Socket[] = [];
  const children: ChildProcess[] = [];
  const ports: Partial<Record<WantedState, number>> = {};
  const close = async (): Promise<void> => {
    for (const c of children) {
      try {
        c.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const s of sockets) s.destroy();
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  };
  try {
    for (const state of wanted) {
      if (state === 'SYN-SENT') {
        ports[state] = await stoppedListener(host, children);
        // The queue takes backlog+1 connections; those after it stay in SYN-SENT.
        for (let i = 0; i < count + 3; i++) {
          const s = net.connect({ port: ports[state] as number, host });
          s.on('error', () => undefined);
          sockets.push(s);
        }
        continue;
      }
      const server = net.createServer({ allowHalfOpen: state === 'CLOSE-WAIT' }, (s) => {
        sockets.push(s);
        s.on('error', () => undefined);
        // Reading keeps 'end' firing; for CLOSE-WAIT the server never closes its side.
        s.resume();
      });
      servers.push(server);
      const port = await listen(server, host);
      ports[state] = port;
      if (state === 'LISTEN') continue;
      for (let i = 0; i < count; i++) {
        const c = await connect(port, host);
        c.on('error', () => undefined);
        sockets.push(c);
        if (state === 'TIME-WAIT' || state === 'CLOSE-WAIT') c.end();
      }
    }
    // Let the FIN/ACK exchanges finish.
    await sleep(150);
    return { ports, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function stoppedListener(host: string, children: ChildProcess[]): Promise<number> {
  const code = `const s=require('net').createServer();s.listen({port:0,host:${JSON.stringify(host)},backlog:1},()=>{process.stdout.write(String(s.address().port)+'\\n')});`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    child.once('exit', () => reject(new Error('the listener child exited early')));
  });
  // A stopped process never calls accept(): the kernel fills the queue, then drops SYNs.
  child.kill('SIGSTOP');
  return port;
}
