import { strict as assert } from 'node:assert';
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openLoopbackSockets } from '../../support/loopbackSockets';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'doctor');

function doctor(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'doctor.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function doctorAsync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'scripts', 'doctor.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const KEYS = ['source', 'format', 'total', 'states', 'sockets', 'findings'];

describe('doctor CLI (scripts/doctor.mjs)', function () {
  this.timeout(60_000);

  const cases: [string, string, number][] = [
    ['ss-tan.txt', 'ss', 35],
    ['ss-tanp.txt', 'ss', 35],
    ['netstat-ant.txt', 'netstat-linux', 35],
    ['netstat-antp.txt', 'netstat-linux', 35],
    ['proc-net-tcp.txt', 'proc', 17],
    ['proc-net-tcp6.txt', 'proc', 18],
    ['netstat-macos.txt', 'netstat-macos', 14],
    ['netstat-windows.txt', 'netstat-windows', 18],
    ['netstat-windows-zh.txt', 'netstat-windows', 18],
    ['powershell.txt', 'powershell', 13],
    ['awk-counts.txt', 'counts', 35],
  ];
  for (const [file, format, total] of cases) {
    it(`${file} --json: the exact shape, format ${format}, total ${total}`, () => {
      const r = doctor([join(FIXTURES, file), '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      const out = JSON.parse(r.stdout);
      assert.deepEqual(Object.keys(out), KEYS);
      assert.equal(out.source, 'file');
      assert.equal(out.format, format);
      assert.equal(out.total, total);
      const sum = Object.values(out.states as Record<string, number>).reduce((a, b) => a + b, 0);
      assert.equal(sum, total);
      for (const n of Object.values(out.states)) assert.ok((n as number) > 0, 'zero counts are omitted');
      if (format === 'counts') assert.deepEqual(out.sockets, []);
      else {
        assert.equal(out.sockets.length, total);
        for (const s of out.sockets) {
          assert.deepEqual(Object.keys(s), ['local', 'remote', 'state', 'pid']);
          assert.match(s.local, /^(\[[^\]]+\]|[^:[\]]+):(\d+|\*)$/);
          assert.ok(s.pid === null || (Number.isInteger(s.pid) && s.pid > 0));
        }
      }
      for (const f of out.findings) assert.deepEqual(Object.keys(f), ['id', 'count']);
    });
  }

  it('- reads standard input; CRLF and the ss state table with --state', () => {
    const text = readFileSync(join(FIXTURES, 'ss-tan-state-time-wait.txt'), 'utf8').replace(/\n/g, '\r\n');
    const assumed = JSON.parse(doctor(['-', '--json'], text).stdout);
    assert.equal(assumed.assumedState, 'TIME-WAIT');
    assert.deepEqual(assumed.states, { 'TIME-WAIT': 2 });
    const given = JSON.parse(doctor(['-', '--json', '--state', 'CLOSE-WAIT'], text).stdout);
    assert.equal(given.assumedState, undefined);
    assert.deepEqual(given.states, { 'CLOSE-WAIT': 2 });
    assert.deepEqual(given.findings, [{ id: 'close-wait-leak', count: 2 }]);
    const fromCommand = JSON.parse(doctor([join(FIXTURES, 'ss-tan-state-time-wait-with-command.txt'), '--json', '--state', 'established']).stdout);
    assert.deepEqual(fromCommand.states, { 'TIME-WAIT': 2 });
  });

  it('a header-only table is valid with total 0', () => {
    const r = doctor(['-', '--json'], 'State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { source: 'file', format: 'ss', total: 0, states: {}, sockets: [], findings: [] });
  });

  it('unknown text: exit 1, one line on stderr naming the formats, nothing on stdout', () => {
    for (const text of ['hello\nworld\n', '', '{"a":1}']) {
      const r = doctor(['-', '--json'], text);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
      assert.match(r.stderr, /ss -tan.*netstat -ant.*netstat -ano.*Get-NetTCPConnection.*\/proc\/net\/tcp/);
      assert.doesNotMatch(r.stderr, /\bat .*\(.*:\d+:\d+\)/, 'no stack trace');
    }
  });

  it('bad usage and unreadable files: one line, no stack trace', () => {
    const bad = doctor(['--frobnicate']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
    const missing = doctor([join(FIXTURES, 'no-such-file.txt'), '--json']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /ENOENT/);
    assert.equal(doctor(['-', '--state', 'nonsense'], '').code, 2);
  });

  it('without --json: a readable table with both spellings and the findings', () => {
    const r = doctor([join(FIXTURES, 'netstat-antp.txt')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /CLOSE-WAIT\s+CLOSE-WAIT\s+CLOSE_WAIT\s+2/);
    assert.match(r.stdout, /close-wait-leak \(2\)/);
    assert.match(r.stdout, /127\.0\.0\.1:\d+\s+127\.0\.0\.1:\d+\s+CLOSE-WAIT\s+\d+ node/);
  });

  if (process.platform === 'linux') {
    it('live: lists the TIME-WAIT and CLOSE-WAIT sockets this test opened on loopback, with their owner', async () => {
      const opened = await openLoopbackSockets('127.0.0.1', ['TIME-WAIT', 'CLOSE-WAIT']);
      try {
        const r = await doctorAsync(['--json']);
        assert.equal(r.code, 0, r.stderr);
        const out = JSON.parse(r.stdout);
        assert.equal(out.source, 'live');
        assert.equal(out.format, 'proc');
        assert.equal(out.sockets.length, out.total);
        const tw = opened.ports['TIME-WAIT'];
        const cw = opened.ports['CLOSE-WAIT'];
        assert.ok(
          out.sockets.some((s: { remote: string; state: string }) => s.remote === `127.0.0.1:${tw}` && s.state === 'TIME-WAIT'),
          'the client side of the TIME-WAIT pair',
        );
        const closeWait = out.sockets.find((s: { local: string; state: string }) => s.local === `127.0.0.1:${cw}` && s.state === 'CLOSE-WAIT');
        assert.ok(closeWait, 'the server side of the CLOSE-WAIT pair');
        assert.equal(closeWait.pid, process.pid, 'its owner is this test process');
        assert.ok(out.sockets.some((s: { remote: string; state: string }) => s.remote === `127.0.0.1:${cw}` && s.state === 'FIN-WAIT-2'));
        assert.ok(out.findings.some((f: { id: string; count: number }) => f.id === 'close-wait-leak' && f.count >= 1));
      } finally {
        await opened.close();
      }
    });
  }
});
