/**
 * `npm run --silent doctor -- [FILE|-] [--json] [--state NAME]`: the connection doctor.
 * Without FILE it reads this machine's sockets (Linux: /proc/net/tcp{,6}; macOS and
 * Windows: netstat); with FILE (or `-` for standard input) it reads pasted output of ss,
 * netstat, Get-NetTCPConnection, /proc/net/tcp or the awk one-liner. `--json` prints
 * {source, format, total, states, sockets, findings} (and assumedState when an
 * `ss ... state NAME` table's state was assumed); otherwise a readable table.
 *
 * Errors: one line on stderr. Exit 1 for text in no known format or a file that cannot be
 * read, 2 for bad usage. Never a stack trace.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Finding, ParsedConnections } from '../core/doctor/types';
import type { StateId } from '../core/tcp/states';
import { ConnectionParser } from '../core/doctor/parse';
import { computeFindings } from '../core/doctor/findings';
import { renderReadable, socketRow, nonZeroStates } from '../core/doctor/report';
import { stateFromSsFilter } from '../core/doctor/stateNames';
import { DOCTOR_TEXT } from '../i18n/doctor';
import { fill } from '../i18n/fill';
import { readLive } from '../node/doctor/live';

const USAGE = 'usage: npm run --silent doctor -- [FILE | -] [--json] [--state NAME]';

function fail(message: string, code: number): never {
  process.stderr.write(`doctor: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(code);
}

interface Args {
  file: string | null;
  json: boolean;
  state: StateId | null;
}

function parseArgs(argv: readonly string[]): Args | 'help' {
  const args: Args = { file: null, json: false, state: null };
  const setState = (v: string | undefined): void => {
    const s = v === undefined ? null : stateFromSsFilter(v);
    if (!s) fail(`--state needs a TCP state (e.g. time-wait, CLOSE-WAIT), got ${v === undefined ? 'nothing' : JSON.stringify(v)}. ${USAGE}`, 2);
    args.state = s;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--state') setState(argv[++i]);
    else if (a.startsWith('--state=')) setState(a.slice('--state='.length));
    else if (a === '--help' || a === '-h') return 'help';
    else if (a !== '-' && a.startsWith('-')) fail(`unknown option ${JSON.stringify(a)}. ${USAGE}`, 2);
    else if (args.file === null) args.file = a;
    else fail(`only one file at a time (got ${JSON.stringify(args.file)} and ${JSON.stringify(a)}). ${USAGE}`, 2);
  }
  return args;
}

async function readStream(stream: Readable, parser: ConnectionParser): Promise<void> {
  stream.setEncoding('utf8');
  for await (const chunk of stream) parser.push(chunk as string);
}

/** Writes the JSON report a batch of sockets at a time: a million rows never become one string. */
function writeJson(source: 'live' | 'file', parsed: ParsedConnections, findings: readonly Finding[]): void {
  const out = process.stdout;
  const head: Record<string, unknown> = { source, format: parsed.format, total: parsed.total, states: nonZeroStates(parsed.counts) };
  out.write(`${JSON.stringify(head).slice(0, -1)},"sockets":[`);
  const t = parsed.table;
  const BATCH = 10_000;
  for (let i = 0; i < t.length; i += BATCH) {
    const parts: string[] = [];
    for (let j = i; j < Math.min(t.length, i + BATCH); j++) parts.push(JSON.stringify(socketRow(t, j)));
    out.write((i > 0 ? ',' : '') + parts.join(','));
  }
  const tail: Record<string, unknown> = { findings: findings.map((f) => ({ id: f.id, count: f.count })) };
  if (parsed.impliedState?.assumed) tail.assumedState = parsed.impliedState.state;
  out.write(`],${JSON.stringify(tail).slice(1)}\n`);
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let parsed: ParsedConnections;
  let source: 'live' | 'file';
  let portRange: readonly [number, number] | undefined;
  if (args.file === null) {
    source = 'live';
    const live = await readLive({ owners: true });
    if (!live.ok) fail(`cannot read this machine's connections: ${live.message}`, 1);
    parsed = live.parsed;
    portRange = live.portRange;
  } else {
    source = 'file';
    const parser = new ConnectionParser({ state: args.state });
    const name = args.file === '-' ? 'standard input' : args.file;
    try {
      await readStream(args.file === '-' ? process.stdin : createReadStream(args.file), parser);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      fail(`${name}: cannot read it${code ? ` (${code})` : ''}`, 1);
    }
    const outcome = parser.end();
    if (!outcome.ok) fail(`${name}: ${outcome.message}`, 1);
    parsed = outcome;
  }
  const findings = computeFindings(parsed, undefined, portRange);
  if (args.json) {
    writeJson(source, parsed, findings);
    return;
  }
  const text = DOCTOR_TEXT.en.findings;
  const lines = {
    title: (f: Finding) => text[f.id].title,
    summary: (f: Finding) =>
      fill(text[f.id].summary, {
        count: f.count,
        threshold: f.threshold,
        remote: f.remote ?? '',
        low: f.portRange?.[0] ?? '',
        high: f.portRange?.[1] ?? '',
        size: f.portRange ? f.portRange[1] - f.portRange[0] + 1 : '',
      }),
  };
  process.stdout.write(`${renderReadable(source, parsed, findings, lines)}\n`);
}

// A closed pipe (`| head`) ends the output quietly.
process.stdout.on('error', () => process.exit(0));
main(process.argv.slice(2)).catch((e: unknown) => fail(`internal error: ${e instanceof Error ? e.message : String(e)}`, 1));
