import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers';

function sim(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'sim.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sim CLI (scripts/sim.mjs)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tcp-sim-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('says what is wrong with very deep JSON, on the line it starts, never "internal error"', () => {
    const r = sim([file('deep.tcp.json', `{"steps":\n${'['.repeat(100000)}`)]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /deep\.tcp\.json:2: the JSON nests deeper than 32 levels, the limit for a scenario file/);
    assert.doesNotMatch(r.stderr, /internal error|Maximum call stack/);
  });

  it('refuses a file over the size limit and a scenario over the step limit, naming the limit', () => {
    const big = sim([file('big.tcp.json', `{"description": "${'x'.repeat(1_000_001)}", "steps": []}`)]);
    assert.equal(big.code, 1);
    assert.match(big.stderr, /big\.tcp\.json:1: the file has 1,000,0\d\d characters; a scenario file holds at most 1,000,000/);
    const long = sim([file('long.tcp.json', `{"steps": [${Array.from({ length: 5001 }, () => '{"advance": 1}').join(',')}]}`)]);
    assert.equal(long.code, 1);
    assert.match(long.stderr, /the scenario has 5,001 steps; the limit is 5,000 steps/);
  });

  it('prints the trace as JSON: final states and events in the issue\'s shape', () => {
    const r = sim([join(ROOT, 'scenarios', 'normal-close.tcp.json')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['final', 'events']);
    assert.deepEqual(out.final, {
      A: { state: 'TIME-WAIT', error: null },
      B: { state: 'CLOSED', error: null },
      connections: [
        { host: 'A', conn: 1, local: 40000, remote: 80, state: 'TIME-WAIT', error: null, received: 0, unread: 0 },
        { host: 'B', conn: 1, local: 80, remote: 40000, state: 'CLOSED', error: null, received: 0, unread: 0 },
      ],
      listeners: [{ host: 'B', port: 80, state: 'LISTEN', synQueue: 0, acceptQueue: 0 }],
    });
    const connect = out.events[1];
    assert.deepEqual(
      { t: connect.t, endpoint: connect.endpoint, conn: connect.conn, cause: connect.cause, from: connect.from, to: connect.to },
      { t: 0, endpoint: 'A', conn: 1, cause: 'connect', from: 'CLOSED', to: 'SYN-SENT' },
    );
    assert.deepEqual(connect.sent[0], { from: 'A', sport: 40000, dport: 80, win: 65535, flags: ['SYN'], seq: 100, ack: null, len: 0, id: 1 });
    assert.equal(out.events[0].conn, 'listen:80');
    for (const e of out.events) {
      assert.equal(typeof e.t, 'number');
      assert.ok(['A', 'B'].includes(e.endpoint));
      assert.ok(Array.isArray(e.sent));
    }
  });

  it('prints a ladder diagram with --format ladder', () => {
    const r = sim([join(ROOT, 'scenarios', 'fin-ack-one-segment.tcp.json'), '--format', 'ladder']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Three-segment close/);
    assert.match(r.stdout, /FIN,ACK seq=301 ack=102/);
    assert.match(r.stdout, /final: A TIME-WAIT, B CLOSED/);
  });

  const bad: [string, string, RegExp][] = [
    ['invalid JSON', '{ "steps": [\n  {"A": "connect"},\n  ]\n}\n', /^.*bad1\.tcp\.json:3: invalid JSON: expected a value, found "]"\n$/],
    [
      'an unknown step kind',
      '{\n  "steps": [\n    {"B": "listen"},\n    {"A": "connect"},\n    {"deliver": "A"},\n    {"delivr": "B"}\n  ]\n}\n',
      /^.*bad2\.tcp\.json:6: steps\[3\]: unknown step kind "delivr"/,
    ],
    ['a bad value', '{"steps": [\n {"A": "send", "bytes": -3}\n]}', /^.*bad3\.tcp\.json:2: steps\[0\]: "send" needs "bytes", a whole number from 1 to 1000000, got -3\n$/],
    ['a step that cannot happen', '{"steps": [\n {"A": "connect"},\n {"deliver": "B"}\n]}', /^.*bad4\.tcp\.json:3: steps\[1\]: deliver: nothing in flight from B\n$/],
    ['a bad profile', '{"profile": "bsd", "steps": []}', /^.*bad5\.tcp\.json:1: "profile" must be one of "linux", "linux-classic", "rfc9293", got "bsd"\n$/],
  ];
  bad.forEach(([what, text, re], i) => {
    it(`exits 1 with one line on stderr naming the line and step for ${what}`, () => {
      const p = file(`bad${i + 1}.tcp.json`, text);
      const r = sim([p]);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, re);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.doesNotMatch(r.stderr, /\bat .*\.(ts|js):\d+/);
    });
  });

  it('exits 1 for a missing file and 2 for bad usage, never with a stack trace', () => {
    const missing = sim([join(dir, 'nope.tcp.json')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nope\.tcp\.json: cannot read the file \(ENOENT\)/);
    const usage = sim([]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /^no scenario file given\. usage: /);
    const fmt = sim([join(ROOT, 'scenarios', 'abort.tcp.json'), '--format', 'svg']);
    assert.equal(fmt.code, 2);
    assert.match(fmt.stderr, /--format must be "json" or "ladder"/);
  });
});
