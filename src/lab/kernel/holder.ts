/**
 * The "stuck" listener: a helper process that listens and then does not call accept() until
 * its parent writes a line, so its accept queue fills and further SYNs are dropped (the
 * client stays in SYN-SENT). It blocks in a synchronous read of its standard input, which
 * also ends it when the parent goes away (end of file), even if the parent was killed.
 * It installs no signal handlers: Ctrl+C (SIGINT to the process group) ends it at once.
 */
import * as net from 'node:net';
import { readSync, writeSync } from 'node:fs';

/** Blocks until a line arrives on standard input; false at end of file. */
function waitForLine(): boolean {
  const buf = Buffer.alloc(256);
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN' || code === 'EINTR') {
        Atomics.wait(nap, 0, 0, 10);
        continue;
      }
      return false;
    }
    if (n === 0) return false;
    if (buf.subarray(0, n).includes(0x0a)) return true;
  }
}

export function holderMain(backlog: number, port: number): void {
  const server = net.createServer((s) => s.on('error', () => undefined));
  server.on('error', (e: NodeJS.ErrnoException) => {
    writeSync(1, `${JSON.stringify({ error: e.code ?? e.message })}\n`);
    process.exit(0);
  });
  server.listen({ port, host: '127.0.0.1', backlog }, () => {
    writeSync(1, `${JSON.stringify({ port: (server.address() as net.AddressInfo).port })}\n`);
    if (!waitForLine()) process.exit(0);
    // accept() again: back to the event loop, which accepts what is queued. Leave when the parent does.
    process.stdin.on('end', () => process.exit(0));
    process.stdin.on('error', () => process.exit(0));
    process.stdin.resume();
  });
}
