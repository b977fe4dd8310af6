import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { ParsedConnections, ParseOutcome } from '../../../../src/core/doctor';
import { buildReport, computeFindings, ConnectionParser, formatIpv6, looksLikeConnections, parseConnections, procHexToIp, splitHostPort, UNKNOWN_FORMAT_MESSAGE } from '../../../../src/core/doctor';
import { STATE_IDS } from '../../../../src/core/tcp/states';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'doctor');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

function ok(outcome: ParseOutcome): ParsedConnections {
  if (!outcome.ok) assert.fail(outcome.message);
  return outcome;
}

const nonZero = (p: ParsedConnections) => buildReport('file', p, []).states;
const sockets = (p: ParsedConnections) => buildReport('file', p, []).sockets;

/** The 35 sockets capture.ts opened, as every Linux tool counted them. */
const CAPTURED = { LISTEN: 11, 'SYN-SENT': 4, ESTABLISHED: 14, 'FIN-WAIT-2': 2, 'CLOSE-WAIT': 2, 'TIME-WAIT': 2 };

describe('doctor: addresses', () => {
  it('decodes /proc hex addresses (little-endian words)', () => {
    assert.equal(procHexToIp('0100007F'), '127.0.0.1');
    assert.equal(procHexToIp('00000000'), '0.0.0.0');
    assert.equal(procHexToIp('0F02000A'), '10.0.2.15');
    assert.equal(procHexToIp('00000000000000000000000001000000'), '::1');
    assert.equal(procHexToIp('0000000000000000FFFF00000100007F'), '::ffff:127.0.0.1');
    assert.equal(procHexToIp('000080FE00000000FF605502E2B4FEFF'), 'fe80::255:60ff:fffe:b4e2');
    assert.equal(procHexToIp('7F000001', false), '127.0.0.1');
    assert.equal(procHexToIp('XYZ00000'), null);
    assert.equal(procHexToIp('123'), null);
  });

  it('writes IPv6 as RFC 5952 says', () => {
    const b = (...groups: number[]) => groups.flatMap((g) => [g >> 8, g & 0xff]);
    assert.equal(formatIpv6(b(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1)), '2001:db8::1:0:0:1');
    assert.equal(formatIpv6(b(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1)), '2001:db8:0:1:1:1:1:1');
    assert.equal(formatIpv6(b(0, 0, 0, 0, 0, 0, 0, 0)), '::');
    assert.equal(formatIpv6(b(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0)), '2001:db8::');
  });

  it('splits host:port the way ss, Linux netstat and Windows print it', () => {
    assert.deepEqual(splitHostPort('127.0.0.1:8080'), { ip: '127.0.0.1', port: 8080 });
    assert.deepEqual(splitHostPort('[::1]:8080'), { ip: '::1', port: 8080 });
    assert.deepEqual(splitHostPort(':::22'), { ip: '::', port: 22 });
    assert.deepEqual(splitHostPort('::1:42759'), { ip: '::1', port: 42759 });
    assert.deepEqual(splitHostPort('*:*'), { ip: '*', port: -1 });
    assert.deepEqual(splitHostPort('0.0.0.0:0'), { ip: '0.0.0.0', port: -1 });
    assert.deepEqual(splitHostPort('[::ffff:127.0.0.1]:35439'), { ip: '::ffff:127.0.0.1', port: 35439 });
    assert.equal(splitHostPort('nonsense'), null);
    assert.equal(splitHostPort('1.2.3.4:99999'), null);
  });
});

describe('doctor: real Linux output captured here', () => {
  for (const [file, format, pids] of [
    ['ss-tan.txt', 'ss', false],
    ['ss-tanp.txt', 'ss', true],
    ['netstat-ant.txt', 'netstat-linux', false],
    ['netstat-antp.txt', 'netstat-linux', true],
  ] as const) {
    it(`${file}: ${format}, 35 sockets in the states opened`, () => {
      const p = ok(parseConnections(fixture(file)));
      assert.equal(p.format, format);
      assert.equal(p.total, 35);
      assert.equal(p.skipped, 0);
      assert.deepEqual(nonZero(p), CAPTURED);
      const rows = sockets(p);
      assert.equal(rows.length, 35);
      assert.ok(rows.some((r) => r.state === 'CLOSE-WAIT' && r.local.startsWith('127.0.0.1:')));
      assert.ok(rows.some((r) => r.state === 'TIME-WAIT' && r.local.startsWith('[::1]:')));
      assert.ok(rows.some((r) => r.state === 'LISTEN' && r.remote === '0.0.0.0:*'));
      // TIME-WAIT has no owner in any tool.
      for (const r of rows.filter((x) => x.state === 'TIME-WAIT')) assert.equal(r.pid, null);
      if (pids) assert.ok(rows.filter((r) => r.pid !== null).length >= 25, 'most sockets name their process');
      else assert.ok(rows.every((r) => r.pid === null));
    });
  }

  it('ss -tanp: pids and program names come from users:(("node",pid=N,fd=M))', () => {
    const p = ok(parseConnections(fixture('ss-tanp.txt')));
    const i = p.table.pid.findIndex((x) => x > 0);
    assert.equal(p.table.process[i], 'node');
  });

  it('ss prints IPv4-mapped IPv6 as [::ffff:a.b.c.d]:port; Linux netstat drops the prefix, and each is kept as printed', () => {
    assert.ok(sockets(ok(parseConnections(fixture('ss-tan.txt')))).some((r) => r.local.startsWith('[::ffff:127.0.0.1]:')));
    assert.ok(!sockets(ok(parseConnections(fixture('netstat-ant.txt')))).some((r) => r.local.includes('ffff')));
  });

  it('/proc/net/tcp and tcp6 together hold the same 35 sockets', () => {
    const v4 = ok(parseConnections(fixture('proc-net-tcp.txt')));
    const v6 = ok(parseConnections(fixture('proc-net-tcp6.txt')));
    assert.equal(v4.format, 'proc');
    assert.equal(v6.format, 'proc');
    assert.equal(v4.total + v6.total, 35);
    const both = ok(parseConnections(fixture('proc-net-tcp.txt') + fixture('proc-net-tcp6.txt')));
    assert.deepEqual(nonZero(both), CAPTURED);
    // The same addresses ss printed (ss writes a dual-stack listener on [::] as `*`, which /proc cannot tell).
    const star = (a: string) => a.replace(/^\*:/, '[::]:');
    const ss = new Set(sockets(ok(parseConnections(fixture('ss-tan.txt')))).map((r) => `${star(r.local)} ${star(r.remote)} ${r.state}`));
    for (const r of sockets(both)) assert.ok(ss.has(`${r.local} ${r.remote} ${r.state}`), `${r.local} ${r.remote} ${r.state} is in ss's table`);
    // Uid and inode are read; TIME-WAIT has inode 0.
    const tw = both.table.state.indexOf(STATE_IDS.indexOf('TIME-WAIT'));
    assert.equal(both.table.inode[tw], 0);
    assert.ok(both.table.inode.some((n) => n > 0));
    assert.ok(both.table.uid.every((u) => u >= 0));
  });

  it('ss -tan state time-wait: no State column; TIME-WAIT assumed and said so', () => {
    const p = ok(parseConnections(fixture('ss-tan-state-time-wait.txt')));
    assert.equal(p.format, 'ss');
    assert.deepEqual(p.impliedState, { state: 'TIME-WAIT', assumed: true });
    assert.deepEqual(nonZero(p), { 'TIME-WAIT': 2 });
    assert.equal(buildReport('file', p, []).assumedState, 'TIME-WAIT');
  });

  it('ss state NAME: the state comes from the pasted command line, else from --state', () => {
    const withCommand = ok(parseConnections(fixture('ss-tan-state-time-wait-with-command.txt'), { state: 'CLOSE-WAIT' }));
    assert.deepEqual(withCommand.impliedState, { state: 'TIME-WAIT', assumed: false });
    assert.equal(buildReport('file', withCommand, []).assumedState, undefined);
    const established = ok(parseConnections(fixture('ss-tan-state-time-wait.txt').replace(/^/, 'root@web1:~# ss -tan state established\n')));
    assert.deepEqual(nonZero(established), { ESTABLISHED: 2 });
    const fromOption = ok(parseConnections(fixture('ss-tan-state-time-wait.txt'), { state: 'CLOSE-WAIT' }));
    assert.deepEqual(fromOption.impliedState, { state: 'CLOSE-WAIT', assumed: false });
    assert.deepEqual(nonZero(fromOption), { 'CLOSE-WAIT': 2 });
  });

  it('the awk one-liner: counts, no sockets, total is the sum', () => {
    const p = ok(parseConnections(fixture('awk-counts.txt')));
    assert.equal(p.format, 'counts');
    assert.equal(p.total, 35);
    assert.equal(p.table.length, 0);
    assert.deepEqual(nonZero(p), CAPTURED);
  });
});

describe('doctor: documented formats of other systems', () => {
  const everyState = {
    ESTABLISHED: 2,
    'CLOSE-WAIT': 1,
    'FIN-WAIT-2': 1,
    'TIME-WAIT': 1,
    'SYN-SENT': 1,
    'SYN-RECEIVED': 1,
    'FIN-WAIT-1': 1,
    'LAST-ACK': 1,
    CLOSING: 1,
  };

  it('macOS netstat -an -p tcp', () => {
    const p = ok(parseConnections(fixture('netstat-macos.txt')));
    assert.equal(p.format, 'netstat-macos');
    assert.deepEqual(nonZero(p), { CLOSED: 1, LISTEN: 3, ...everyState, ESTABLISHED: 2 });
    const rows = sockets(p);
    assert.equal(rows[0].local, '127.0.0.1:8080');
    assert.equal(rows[2].local, '[::1]:8080');
    assert.ok(rows.some((r) => r.local === '*:8080' && r.remote === '*:*'));
    assert.ok(rows.some((r) => r.local === '[fe80::1%lo0]:49152'));
    assert.ok(rows.every((r) => r.pid === null));
  });

  for (const file of ['netstat-windows.txt', 'netstat-windows-zh.txt']) {
    it(`Windows netstat -ano (${file}): CRLF, UDP ignored, pid 0 is no owner`, () => {
      const p = ok(parseConnections(fixture(file)));
      assert.equal(p.format, 'netstat-windows');
      assert.equal(p.skipped, 0);
      assert.deepEqual(nonZero(p), { CLOSED: 1, LISTEN: 5, ...everyState, ESTABLISHED: 4 });
      const rows = sockets(p);
      assert.equal(rows.length, 18);
      assert.deepEqual(rows[0], { local: '0.0.0.0:135', remote: '0.0.0.0:*', state: 'LISTEN', pid: 1044 });
      assert.ok(rows.some((r) => r.local === '[::1]:8080' && r.state === 'ESTABLISHED'));
      assert.equal(rows.find((r) => r.state === 'TIME-WAIT')?.pid, null);
    });
  }

  it('PowerShell Get-NetTCPConnection: empty AppliedSetting, Bound counts as CLOSED', () => {
    const p = ok(parseConnections(fixture('powershell.txt')));
    assert.equal(p.format, 'powershell');
    assert.equal(p.skipped, 0);
    assert.deepEqual(nonZero(p), { CLOSED: 1, LISTEN: 3, ...everyState, ESTABLISHED: 1 });
    const rows = sockets(p);
    assert.deepEqual(rows[0], { local: '[::]:135', remote: '[::]:*', state: 'LISTEN', pid: 1044 });
    assert.equal(rows.find((r) => r.state === 'TIME-WAIT')?.pid, null);
    assert.equal(rows.find((r) => r.state === 'CLOSE-WAIT')?.pid, 5120);
  });
});

describe('doctor: awkward input', () => {
  it('a table with only its header is valid, with no sockets', () => {
    for (const [text, format] of [
      ['State      Recv-Q Send-Q      Local Address:Port        Peer Address:Port Process\n', 'ss'],
      ['Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n', 'ss'],
      ['Active Internet connections (servers and established)\nProto Recv-Q Send-Q Local Address           Foreign Address         State      \n', 'netstat-linux'],
      ['Active Internet connections (including servers)\nProto Recv-Q Send-Q  Local Address          Foreign Address        (state)\n', 'netstat-macos'],
      ['\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n', 'netstat-windows'],
      ['活动连接\n\n  协议  本地地址          外部地址        状态           PID\n', 'netstat-windows'],
      ['LocalAddress LocalPort RemoteAddress RemotePort State AppliedSetting OwningProcess\n------------ --------- ------------- ---------- ----- -------------- -------------\n', 'powershell'],
      ['  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n', 'proc'],
    ] as const) {
      const p = ok(parseConnections(text));
      assert.equal(p.format, format, text);
      assert.equal(p.total, 0);
      assert.equal(p.table.length, 0);
      assert.deepEqual(nonZero(p), {});
    }
  });

  it('odd whitespace: tabs, no-break spaces, leading spaces, trailing blanks, CRLF, a BOM', () => {
    const text = '\ufeffState\tRecv-Q Send-Q Local Address:Port Peer Address:Port\r\n' + '  ESTAB\t0\u00a00   10.0.0.1:22   10.0.0.2:5000   \r\n\r\n' + 'TIME-WAIT 0 0 10.0.0.1:22 10.0.0.3:5001';
    const p = ok(parseConnections(text));
    assert.equal(p.total, 2);
    assert.deepEqual(sockets(p), [
      { local: '10.0.0.1:22', remote: '10.0.0.2:5000', state: 'ESTABLISHED', pid: null },
      { local: '10.0.0.1:22', remote: '10.0.0.3:5001', state: 'TIME-WAIT', pid: null },
    ]);
  });

  it('UDP rows are ignored in every format that lists them', () => {
    const linux = ok(parseConnections('Proto Recv-Q Send-Q Local Address Foreign Address State\nudp 0 0 0.0.0.0:68 0.0.0.0:*\ntcp 0 0 1.2.3.4:22 5.6.7.8:999 ESTABLISHED\nudp6 0 0 :::5353 :::*\n'));
    assert.equal(linux.total, 1);
    assert.equal(linux.skipped, 0);
    const ssAll = ok(parseConnections('Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port\nudp   UNCONN 0      0      0.0.0.0:68         0.0.0.0:*\ntcp   ESTAB  0      0      1.2.3.4:22         5.6.7.8:999\n'));
    assert.equal(ssAll.total, 1);
    assert.equal(ssAll.skipped, 0);
  });

  it('rows with no connection count as CLOSED (ss UNCONN, Linux netstat CLOSE, BSD CLOSED, PowerShell Bound/DeleteTCB)', () => {
    assert.deepEqual(nonZero(ok(parseConnections('UNCONN 0 0 1.2.3.4:22 *:*\n'))), { CLOSED: 1 });
    assert.deepEqual(nonZero(ok(parseConnections('tcp 0 0 1.2.3.4:22 0.0.0.0:* CLOSE\n'))), { CLOSED: 1 });
    assert.deepEqual(nonZero(ok(parseConnections('tcp4 0 0 1.2.3.4.22 *.* CLOSED\n'))), { CLOSED: 1 });
    assert.deepEqual(
      nonZero(ok(parseConnections('LocalAddress LocalPort RemoteAddress RemotePort State OwningProcess\n1.2.3.4 22 0.0.0.0 0 DeleteTCB 4\n1.2.3.4 23 0.0.0.0 0 Bound 4\n'))),
      { CLOSED: 2 },
    );
  });

  it('a prompt and stray lines inside a table are left out and counted', () => {
    const p = ok(parseConnections('$ ss -tan\nState Recv-Q Send-Q Local Address:Port Peer Address:Port\nESTAB 0 0 1.2.3.4:22 5.6.7.8:999\nsomething odd here\n'));
    assert.equal(p.total, 1);
    assert.equal(p.skipped, 1);
  });

  it('awk counts in either order, with the ss header counted as "State 1"', () => {
    const p = ok(parseConnections('State 1\nESTAB 10\nTIME-WAIT 3\n  4 CLOSE_WAIT\n'));
    assert.equal(p.format, 'counts');
    assert.deepEqual(nonZero(p), { ESTABLISHED: 10, 'CLOSE-WAIT': 4, 'TIME-WAIT': 3 });
    assert.equal(p.total, 17);
  });

  it('garbage, empty text and prose are a failure naming the formats accepted', () => {
    for (const text of ['', '\n\n', 'hello world', '{"json": true}', 'ESTABLISHED', 'State of the union 2024', '\u0000\u0001\u0002', 'x'.repeat(10_000)]) {
      const r = parseConnections(text);
      assert.equal(r.ok, false, JSON.stringify(text.slice(0, 40)));
      if (!r.ok) {
        assert.equal(r.message, UNKNOWN_FORMAT_MESSAGE);
        assert.ok(!r.message.includes('\n'));
        for (const name of ['ss -tan', 'netstat -ano', 'Get-NetTCPConnection', '/proc/net/tcp', 'awk']) assert.ok(r.message.includes(name), name);
      }
    }
  });

  it('tells the CodeLens which documents look like a table, from their first lines', () => {
    const head = (name: string) => fixture(name).split('\n').slice(0, 60).join('\n');
    assert.equal(looksLikeConnections(head('ss-tanp.txt')), 'ss');
    assert.equal(looksLikeConnections(head('netstat-windows-zh.txt')), 'netstat-windows');
    assert.equal(looksLikeConnections(head('proc-net-tcp6.txt')), 'proc');
    assert.equal(looksLikeConnections('# Paste the output below\nTIME_WAIT 3\n'), 'counts');
    for (const text of ['# A README\n\nSome prose about TCP states.\n', 'ESTABLISHED is a state', '']) assert.equal(looksLikeConnections(text), null, text);
  });

  it('text fed in chunks of any size reads the same as in one piece', () => {
    const text = fixture('ss-tanp.txt') + fixture('ss-tan.txt').split('\n').slice(1).join('\r\n');
    const whole = sockets(ok(parseConnections(text)));
    for (const size of [1, 7, 64, 1000]) {
      const parser = new ConnectionParser();
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
      assert.deepEqual(sockets(ok(parser.end())), whole, `chunks of ${size}`);
    }
  });
});

describe('doctor: findings', () => {
  const ssRows = (rows: string[]) => ok(parseConnections(['State Recv-Q Send-Q Local Address:Port Peer Address:Port Process', ...rows].join('\n')));
  const repeat = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i));

  it('close-wait-leak from one CLOSE-WAIT, naming ports and programs', () => {
    const p = ok(parseConnections(fixture('ss-tanp.txt')));
    const f = computeFindings(p);
    assert.deepEqual(
      f.map((x) => [x.id, x.count]),
      [['close-wait-leak', 2]],
    );
    assert.equal(f[0].ports.length, 2);
    assert.equal(f[0].processes[0].name, 'node');
    assert.equal(f[0].processes[0].count, 2);
  });

  it('thresholds are inclusive and settable', () => {
    const at = ssRows(repeat(1000, (i) => `TIME-WAIT 0 0 10.0.0.1:${20000 + i} 10.0.0.2:80`));
    assert.deepEqual(computeFindings(at).map((x) => [x.id, x.count]), [['time-wait-pileup', 1000]]);
    const below = ssRows(repeat(999, (i) => `TIME-WAIT 0 0 10.0.0.1:${20000 + i} 10.0.0.2:80`));
    assert.deepEqual(computeFindings(below), []);
    assert.equal(computeFindings(below, { closeWait: 1, timeWait: 999, synRecv: 100, finWait2: 100 }).length, 1);
    const syn = ssRows(repeat(100, (i) => `SYN-RECV 0 0 10.0.0.1:443 10.9.0.${i % 250}:${1000 + i}`));
    assert.deepEqual(computeFindings(syn).map((x) => x.id), ['syn-recv-flood']);
    const fw2 = ssRows(repeat(100, (i) => `FIN-WAIT-2 0 0 10.0.0.1:${30000 + i} 10.0.0.9:6379`));
    assert.deepEqual(computeFindings(fw2).map((x) => x.id), ['fin-wait-2-stuck']);
    assert.deepEqual(computeFindings(ssRows(repeat(99, (i) => `FIN-WAIT-2 0 0 10.0.0.1:${30000 + i} 10.0.0.9:6379`))), []);
  });

  it('ephemeral-ports: the most TIME-WAIT toward one remote address and port, against half the port range', () => {
    const p = ssRows([...repeat(14116, (i) => `TIME-WAIT 0 0 10.0.0.1:${32768 + i} 10.0.0.2:3306`), ...repeat(5, (i) => `TIME-WAIT 0 0 10.0.0.1:${50000 + i} 10.0.0.3:3306`)]);
    const f = computeFindings(p);
    const e = f.find((x) => x.id === 'ephemeral-ports');
    assert.ok(e);
    assert.equal(e.count, 14116);
    assert.equal(e.remote, '10.0.0.2:3306');
    assert.equal(e.threshold, 14116);
    assert.equal(f.find((x) => x.id === 'time-wait-pileup')?.count, 14121);
    // A narrower range reaches it sooner; one below half does not.
    assert.equal(computeFindings(ssRows(repeat(50, (i) => `TIME-WAIT 0 0 10.0.0.1:${1000 + i} 10.0.0.2:80`)), undefined, [1000, 1099]).find((x) => x.id === 'ephemeral-ports')?.count, 50);
    assert.equal(computeFindings(ssRows(repeat(49, (i) => `TIME-WAIT 0 0 10.0.0.1:${1000 + i} 10.0.0.2:80`)), undefined, [1000, 1099]).length, 0);
  });

  it('from awk counts: state findings, never ephemeral-ports', () => {
    const f = computeFindings(ok(parseConnections('TIME_WAIT 30000\nCLOSE_WAIT 3\n')));
    assert.deepEqual(f.map((x) => [x.id, x.count]), [
      ['close-wait-leak', 3],
      ['time-wait-pileup', 30000],
    ]);
  });
});

describe('doctor: properties', () => {
  const stateWords = ['ESTAB', 'LISTEN', 'TIME-WAIT', 'CLOSE-WAIT', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'LAST-ACK', 'CLOSING', 'UNCONN'];
  const ip = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join('.'));
  const ssRow = fc.tuple(fc.constantFrom(...stateWords), ip, fc.integer({ min: 1, max: 65535 }), ip, fc.integer({ min: 1, max: 65535 })).map(([s, a, p, b, q]) => `${s} 0 0 ${a}:${p} ${b}:${q}`);

  it('never throws on any text, and a success is consistent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(fc.oneof(ssRow, fc.string()), { maxLength: 30 }).map((l) => l.join('\n'))), (text) => {
        const r = parseConnections(text);
        if (!r.ok) return typeof r.message === 'string' && !r.message.includes('\n');
        const report = buildReport('file', r, computeFindings(r));
        const sum = Object.values(report.states).reduce((a, b) => a + (b ?? 0), 0);
        return sum === report.total && (r.format === 'counts' || report.sockets.length === report.total);
      }),
      { numRuns: 300 },
    );
  });

  it('a generated ss table: total = sockets.length, states sum to total, every row read', () => {
    fc.assert(
      fc.property(fc.array(ssRow, { maxLength: 200 }), fc.constantFrom('\n', '\r\n'), (rows, eol) => {
        const text = ['State Recv-Q Send-Q Local Address:Port Peer Address:Port', ...rows].join(eol);
        const r = ok(parseConnections(text));
        const report = buildReport('file', r, []);
        const sum = Object.values(report.states).reduce((a, b) => a + (b ?? 0), 0);
        assert.equal(report.sockets.length, rows.length);
        assert.equal(report.total, rows.length);
        assert.equal(sum, rows.length);
        for (const [k, v] of Object.entries(report.states)) assert.ok(STATE_IDS.includes(k as never) && (v ?? 0) > 0);
      }),
      { numRuns: 200 },
    );
  });
});
