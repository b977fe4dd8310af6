/**
 * The capture CLI on every committed capture (made with tcpdump by
 * test/fixtures/captures/make.sh): its whole `--json` output, its text output, and its exit
 * codes on files that are cut short or are not captures.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../../../..');
const dir = join(root, 'test/fixtures/captures');
const files = readdirSync(dir).filter((f) => /\.pcap(ng)?$/.test(f));

let built = false;
/** The first run goes through scripts/capture.mjs (which bundles dist/capture.js); later ones run the bundle. */
function cli(...args: string[]) {
  const entry = built ? join(root, 'dist/capture.js') : join(root, 'scripts/capture.mjs');
  const r = spawnSync(process.execPath, [entry, ...args], { cwd: root, encoding: 'utf8' });
  built = true;
  return r;
}

type Report = { format: string; packets: number; tcp: number; connections: { client: string; server: string; segments: number; partial: boolean; states: { client: string[]; server: string[] }; final: { client: string; server: string }; findings: string[] }[]; truncated?: { packet: number } };

describe('capture CLI', function () {
  this.timeout(60000);
  const tmp = mkdtempSync(join(tmpdir(), 'tcp-tutor-capture-'));
  before(() => {
    assert.equal(cli('--help').status, 0);
  });

  it('has at least ten stories in both formats', () => {
    const stories = files.filter((f) => f.endsWith('.pcap')).map((f) => f.replace(/\.pcap$/, ''));
    assert.ok(stories.length >= 10, stories.join(', '));
    for (const s of stories) assert.ok(files.includes(`${s}.pcapng`), `${s}.pcapng`);
  });

  for (const f of files) {
    it(`${f}: the whole --json output`, () => {
      const r = cli(join('test/fixtures/captures', f), '--json');
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.deepEqual(JSON.parse(r.stdout), JSON.parse(readFileSync(join(dir, 'expected', `${f}.json`), 'utf8')));
    });
  }

  it('the pcap and pcapng of each story say the same, apart from the format', () => {
    for (const f of files.filter((x) => x.endsWith('.pcap'))) {
      const a = JSON.parse(readFileSync(join(dir, 'expected', `${f}.json`), 'utf8')) as Report;
      const b = JSON.parse(readFileSync(join(dir, 'expected', `${f}ng.json`), 'utf8')) as Report;
      assert.deepEqual({ ...a, format: 'x' }, { ...b, format: 'x' }, f);
    }
  });

  // What each story must show, checked by hand against the RFC (the goldens above pin the rest).
  const expect = (f: string) => (JSON.parse(readFileSync(join(dir, 'expected', `${f}.json`), 'utf8')) as Report).connections;
  it('normal: FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT or straight to TIME-WAIT; the passive closer ends CLOSED', () => {
    const [c] = expect('normal.pcap');
    assert.deepEqual(c.states.server, ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
    assert.equal(c.states.client[0], 'SYN-SENT');
    assert.deepEqual(c.final, { client: 'TIME-WAIT', server: 'CLOSED' });
    assert.deepEqual(c.findings, []);
  });
  it('refused: server states [] and final CLOSED', () => {
    const [c] = expect('refused.pcap');
    assert.deepEqual(c.states, { client: ['SYN-SENT', 'CLOSED'], server: [] });
    assert.deepEqual(c.final, { client: 'CLOSED', server: 'CLOSED' });
    assert.deepEqual(c.findings, ['reset', 'handshake-incomplete']);
  });
  it('no answer: the SYN is retransmitted, the server has no states', () => {
    const [c] = expect('noanswer.pcap');
    assert.deepEqual(c.states, { client: ['SYN-SENT'], server: [] });
    assert.deepEqual(c.final, { client: 'SYN-SENT', server: 'CLOSED' });
    assert.deepEqual(c.findings, ['retransmission', 'handshake-incomplete']);
  });
  it('abort: RST from ESTABLISHED closes both', () => {
    const [c] = expect('abort.pcap');
    assert.deepEqual(c.final, { client: 'CLOSED', server: 'CLOSED' });
    assert.deepEqual(c.findings, ['reset']);
  });
  it('half-close: the server sends after the client’s FIN', () => {
    const [c] = expect('halfclose.pcap');
    assert.ok(c.findings.includes('half-close'));
    assert.ok(c.states.server.includes('CLOSE-WAIT'));
  });
  it('simultaneous close: both through CLOSING to TIME-WAIT', () => {
    const [c] = expect('simclose.pcap');
    assert.deepEqual(c.states.client.slice(-3), ['FIN-WAIT-1', 'CLOSING', 'TIME-WAIT']);
    assert.deepEqual(c.states.server.slice(-3), ['FIN-WAIT-1', 'CLOSING', 'TIME-WAIT']);
    assert.ok(c.findings.includes('simultaneous-close'));
  });
  it('simultaneous open: both sides start in SYN-SENT', () => {
    const [c] = expect('simopen.pcap');
    assert.equal(c.states.client[0], 'SYN-SENT');
    assert.equal(c.states.server[0], 'SYN-SENT');
    assert.ok(c.findings.includes('simultaneous-open'));
  });
  it('lost segments: retransmissions', () => {
    assert.ok(expect('lossy.pcap')[0].findings.includes('retransmission'));
  });
  it('zero window', () => {
    assert.ok(expect('zerowindow.pcap')[0].findings.includes('zero-window'));
  });
  it('mid-stream: partial, both ESTABLISHED', () => {
    const [c] = expect('midstream.pcap');
    assert.equal(c.partial, true);
    assert.deepEqual(c.findings, ['mid-stream']);
    assert.equal(c.states.client[0], 'ESTABLISHED');
  });
  it('IPv6 addresses are written [::1]:port', () => {
    assert.match(expect('ipv6.pcap')[0].client, /^\[::1\]:\d+$/);
  });
  it('two interfaces of different link types in one pcapng', () => {
    assert.equal(expect('two-interfaces.pcapng').length, 2);
  });

  it('prints a summary and a ladder without --json', () => {
    const r = cli('test/fixtures/captures/normal.pcap');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /normal\.pcap: pcap, link type 1 \(Ethernet\), 10 packets, 10 TCP segments, 1 connection/);
    assert.match(r.stdout, /client states: SYN-SENT ESTABLISHED FIN-WAIT-1 TIME-WAIT/);
    assert.match(r.stdout, /-- SYN seq=0 win=65495 -+> {2}SYN-RECEIVED/);
    assert.match(r.stdout, /\(LISTEN\)/);
  });

  it('a file cut mid-packet: exit 0, what came before, and truncated', () => {
    const bytes = readFileSync(join(dir, 'transfer.pcap'));
    const cut = join(tmp, 'cut.pcap');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 30));
    const r = cli(cut, '--json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.equal(report.packets, 18);
    assert.deepEqual(report.truncated, { packet: 19 });
    assert.equal(report.connections[0].segments, 18);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  for (const [name, content] of [
    ['empty', ''],
    ['text', 'this is not a capture\n'],
    ['random', '\x8f\x13\xa0\x77\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15'],
  ] as const) {
    it(`not a capture (${name}): exit 1, one line on stderr, no stack trace`, () => {
      const p = join(tmp, `${name}.pcap`);
      writeFileSync(p, content, 'latin1');
      const r = cli(p, '--json');
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, name === 'empty' ? /empty/ : /not a pcap or pcapng file/);
      assert.doesNotMatch(r.stderr, /\s+at /);
    });
  }

  it('a missing file: exit 1; bad usage: exit 2', () => {
    assert.equal(cli(join(tmp, 'nope.pcap')).status, 1);
    assert.equal(cli().status, 2);
    assert.equal(cli('a.pcap', '--bogus').status, 2);
  });
});
