/**
 * `npm run --silent capture -- FILE [--json]`: the TCP connections in a pcap or pcapng file,
 * with both endpoints' states. Exit codes: 0 read (a file cut short too: `truncated` says at
 * which packet); 1 not a capture or unreadable (one line on stderr); 2 bad usage.
 * Never a stack trace. The JSON shape is documented in docs/captures.md.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { CaptureAnalyzer, captureReport } from '../core/capture/index';
import { captureText } from '../core/capture/text';

const USAGE = 'usage: npm run --silent capture -- <file.pcap|file.pcapng> [--json]';
const CHUNK = 1 << 20;

function fail(message: string, code: number): never {
  process.stderr.write(`${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(code);
}

function main(argv: readonly string[]): void {
  let file: string | undefined;
  let json = false;
  for (const a of argv) {
    if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return;
    } else if (a.startsWith('-') && a !== '-') fail(`unknown option ${JSON.stringify(a)}. ${USAGE}`, 2);
    else if (file === undefined) file = a;
    else fail(`only one capture file at a time (got ${JSON.stringify(file)} and ${JSON.stringify(a)}). ${USAGE}`, 2);
  }
  if (file === undefined) fail(`no capture file given. ${USAGE}`, 2);
  const analyzer = new CaptureAnalyzer();
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(`${file}: cannot read the file${code ? ` (${code})` : ''}`, 1);
  }
  try {
    const buf = new Uint8Array(CHUNK);
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n <= 0) break;
      // The reader may keep a reference to the tail of a chunk: hand it a copy.
      analyzer.push(buf.slice(0, n));
      if (analyzer.stopped) break;
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(`${file}: cannot read the file${code ? ` (${code})` : ''}`, 1);
  } finally {
    closeSync(fd);
  }
  const analysis = analyzer.end();
  const report = captureReport(analysis);
  if (report === null) fail(`${file}: ${analysis.summary.error ?? 'not a capture file'}`, 1);
  if (analysis.summary.truncated && !json) process.stderr.write(`${file}: ${analysis.summary.truncated.message}\n`);
  else if (analysis.summary.truncated) process.stderr.write(`${file}: packet ${analysis.summary.truncated.packet}: ${analysis.summary.truncated.message}\n`);
  if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${captureText(file, analysis)}\n`);
}

try {
  main(process.argv.slice(2));
} catch (e) {
  fail(`internal error: ${e instanceof Error ? e.message : String(e)}`, 1);
}
