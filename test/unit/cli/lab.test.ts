/**
 * `npm run --silent lab`: the exact command-line contract (list, one story as JSON, unknown
 * name), and Ctrl+C in a terminal (SIGINT to the whole process group) leaving nothing behind.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_STORIES } from '../../../src/core/lab/stories';
import { STATE_IDS } from '../../../src/core/tcp/states';
import { alive, cmdline, descendants, eventually, liveRowsOn, tcpPortsOf } from '../lab/procfs';

const ROOT = join(__dirname, '..', '..', '..');

function lab(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'lab.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('lab CLI (scripts/lab.mjs)', function () {
  this.timeout(120_000);
  const linux = process.platform === 'linux' && existsSync('/proc/net/tcp');

  it('--list --json prints [{name, title}] for every story', () => {
    const r = lab(['--list', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const list = JSON.parse(r.stdout) as { name: string; title: string }[];
    assert.deepEqual(list, LAB_STORIES.map((s) => ({ name: s.name, title: s.title })));
    for (const e of list) assert.deepEqual(Object.keys(e), ['name', 'title']);
  });

  it('NAME --json prints {name, platform, steps: [{action, sim, kernel, agree}], agree}', function () {
    if (!linux) this.skip();
    const r = lab(['normal-close', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.name, 'normal-close');
    assert.match(out.platform, /^linux /);
    assert.equal(out.agree, true);
    assert.equal(out.steps.length, 4);
    for (const s of out.steps) {
      assert.equal(typeof s.action, 'string');
      for (const col of [s.sim, s.kernel]) {
        assert.deepEqual(Object.keys(col), ['A', 'B']);
        assert.ok(STATE_IDS.includes(col.A) && STATE_IDS.includes(col.B));
      }
      assert.equal(s.agree, true);
    }
    assert.deepEqual(out.steps.at(-1).kernel, { A: 'TIME-WAIT', B: 'CLOSED' });
  });

  it('prints a readable table without --json', function () {
    if (!linux) this.skip();
    const r = lab(['connection-refused']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /A: connect\(\) to the closed port +CLOSED +CLOSED +CLOSED +CLOSED +agree +\(kernel A: refused\)/);
  });

  it('an unknown name: exit 1, one line on stderr, nothing on stdout', () => {
    const r = lab(['no-such-story', '--json']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /^unknown story "no-such-story"; known: normal-close, /);
  });

  it('Ctrl+C (SIGINT to the process group) mid-story: every process and socket is gone', async function () {
    if (!linux) this.skip();
    // Build first, so the run itself starts at once.
    assert.equal(lab(['--list']).code, 0);
    const cli = spawn(process.execPath, [join(ROOT, 'scripts', 'lab.mjs'), 'syn-sent-stuck-listener'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // The kernel child holds the run after its SYN-SENT step, so that Ctrl+C comes mid-story however slow the machine.
      env: { ...process.env, TCP_TUTOR_LAB_HOLD_AFTER: '3' },
    });
    let stderr = '';
    cli.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((resolve) => cli.on('exit', () => resolve()));
    const pid = cli.pid!;
    let holder = 0;
    assert.ok(await eventually(() => (holder = descendants(pid).find((p) => cmdline(p).includes('--lab-holder')) ?? 0) !== 0, 20_000), 'the stuck listener started');
    // Wait for the held SYN-SENT towards the stuck listener.
    assert.ok(await eventually(() => liveRowsOn(tcpPortsOf([holder])).some((r) => r.state === 'SYN-SENT'), 20_000), 'a SYN-SENT is held');
    const pids = [pid, ...descendants(pid)];
    const ports = tcpPortsOf(pids);
    process.kill(-pid, 'SIGINT');
    await exited;
    assert.ok(await eventually(() => pids.every((p) => !alive(p))), `processes left: ${pids.filter(alive).join(', ')}; ${stderr}`);
    assert.ok(await eventually(() => liveRowsOn(ports).length === 0), JSON.stringify(liveRowsOn(ports)));
  });
});
