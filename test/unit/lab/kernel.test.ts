/**
 * The kernel lab on this machine's kernel: every story played on real sockets on 127.0.0.1,
 * each step's kernel state checked against what Linux is known to do and against the
 * simulator's prediction; and the promise that every socket and process a run starts is
 * gone when it ends (normally, on SIGINT/SIGTERM, when its parent goes away, on failure).
 * Waits are on conditions (bounded polling of /proc), never guessed sleeps.
 */
import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { KNOWN_DIFFERENCES, LAB_STORIES, findStory } from '../../../src/core/lab/stories';
import { simulatorHasSocketsModel } from '../../../src/core/lab/sim';
import type { KernelMessage } from '../../../src/core/lab/result';
import { parseKernelMessage } from '../../../src/core/lab/result';
import type { LabStory } from '../../../src/core/lab/types';
import { KernelLab } from '../../../src/lab/kernel/driver';
import { runLab } from '../../../src/lab/run';
import { alive, cmdline, descendants, eventually, liveRowsOn, tcpPortsOf } from './procfs';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Steps where the older simulator (one connection block per side) is known to differ from
 * Linux, until the sockets model lands: close() there is RFC 9293's CLOSE, so data arriving
 * after close() is accepted instead of answered with RST. Checked as a disagreement that is
 * shown with its reason, never hidden; with the sockets model every step must agree.
 */
const LEGACY_DIFFERENCES: Readonly<Record<string, readonly string[]>> = {
  'close-wait': ['send-b'],
};

const linux = process.platform === 'linux' && existsSync('/proc/net/tcp');

describe('kernel lab on this kernel (real sockets on 127.0.0.1, /proc/net/tcp)', function () {
  this.timeout(60_000);
  let dir = '';
  let script = '';

  before(async function () {
    if (!linux) {
      console.log(`      (skipped: the kernel lab needs Linux's /proc/net/tcp; this is ${process.platform})`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'tcp-lab-'));
    script = join(dir, 'labKernel.js');
    await build({ absWorkingDir: ROOT, entryPoints: ['src/lab/kernel/main.ts'], outfile: script, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('every story: the kernel does what Linux is known to do, and the simulator agrees', () => {
    for (const story of LAB_STORIES) {
      it(story.name, async function () {
        const r = await runLab(story, { execPath: process.execPath, script });
        assert.equal(r.steps.length, story.steps.length);
        r.steps.forEach((s, i) => {
          const want = story.steps[i].expect;
          assert.deepEqual(s.kernel, { A: want.A, B: want.B }, `${story.name} step ${i + 1} (${s.action}): kernel`);
          assert.deepEqual(s.errors.kernel, { A: want.errors?.A ?? null, B: want.errors?.B ?? null, call: want.errors?.call ?? null }, `${story.name} step ${i + 1}: errors`);
        });
        if (r.simModel === null) {
          assert.ok(!simulatorHasSocketsModel(), `${story.name}: no sim column although the sockets model is there: ${r.simUnavailable}`);
          assert.ok(r.steps.every((s) => !s.agree && s.sim === null && s.why));
          // Visible as pending: the kernel half passed above, the comparison waits for the model.
          this.test!.title += ' (kernel only: the simulator in use waits for the sockets model)';
          return;
        }
        const expectedDiff =
          r.simModel === 'legacy' ? (LEGACY_DIFFERENCES[story.name] ?? []) : KNOWN_DIFFERENCES.filter((d) => d.story === story.name).map((d) => d.step);
        r.steps.forEach((s, i) => {
          const id = story.steps[i].id;
          if (expectedDiff.includes(id)) {
            assert.equal(s.agree, false, `${story.name}/${id}: a listed difference still occurs (remove it from the list once the model is fixed)`);
            assert.match(s.why ?? '', r.simModel === 'legacy' ? /older model/ : /tcp_ack\(\)/);
          } else {
            assert.equal(s.agree, true, `${story.name} step ${i + 1} (${s.action}): sim ${JSON.stringify(s.sim)} ${JSON.stringify(s.errors.sim)} vs kernel ${JSON.stringify(s.kernel)} ${JSON.stringify(s.errors.kernel)}: ${s.why ?? ''}`);
          }
        });
        assert.equal(r.agree, expectedDiff.length === 0);
      });
    }
  });

  /** Starts the kernel child for a story and collects its messages. */
  function startChild(name: string, holdAfter?: number): { child: ChildProcess; messages: KernelMessage[]; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
    const env = holdAfter === undefined ? process.env : { ...process.env, TCP_TUTOR_LAB_HOLD_AFTER: String(holdAfter) };
    const child = spawn(process.execPath, [script, '--lab-kernel', name], { stdio: ['pipe', 'pipe', 'pipe'], env });
    const messages: KernelMessage[] = [];
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const m = parseKernelMessage(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        if (m) messages.push(m);
      }
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    return { child, messages, exited };
  }

  /** Plays syn-sent-stuck-listener up to its held SYN-SENT (a helper process and five sockets exist). */
  async function upToSynSent() {
    // Held after its SYN-SENT step: the run stays mid-story until the test ends it.
    const run = startChild('syn-sent-stuck-listener', 3);
    const reached = await eventually(() => run.messages.some((m) => m.type === 'step' && m.index === 3), 20_000);
    assert.ok(reached, 'the story reached its SYN-SENT step');
    const step = run.messages.find((m) => m.type === 'step' && m.index === 3);
    assert.deepEqual(step && step.type === 'step' && step.states, { A: 'SYN-SENT', B: 'ESTABLISHED' });
    const pid = run.child.pid!;
    const helpers = descendants(pid);
    assert.equal(helpers.length, 1, 'one helper process (the stuck listener)');
    assert.ok(cmdline(helpers[0]).includes('--lab-holder'));
    const ports = tcpPortsOf([pid, ...helpers]);
    assert.ok(ports.size >= 4, `the run holds sockets (${[...ports].join(', ')})`);
    assert.ok(liveRowsOn(ports).some((r) => r.state === 'SYN-SENT'));
    return { ...run, pid, helpers, ports };
  }

  async function assertAllGone(pids: readonly number[], ports: ReadonlySet<number>): Promise<void> {
    assert.ok(await eventually(() => pids.every((p) => !alive(p))), `processes gone: ${pids.filter(alive).join(', ')}`);
    assert.ok(await eventually(() => liveRowsOn(ports).length === 0), `sockets gone: ${JSON.stringify(liveRowsOn(ports))}`);
  }

  describe('cleanup: nothing a run starts outlives it', () => {
    it('a finished run leaves no process and no open socket (TIME-WAIT is the kernel\'s, not ours)', async () => {
      // Held after its sixth step (both sides in FIN-WAIT-1) while the test records its sockets.
      const run = startChild('simultaneous-close', 5);
      assert.ok(await eventually(() => run.messages.some((m) => m.type === 'step' && m.index === 5), 20_000));
      const ports = tcpPortsOf([run.child.pid!]);
      const helpers = descendants(run.child.pid!);
      assert.ok(ports.size >= 2, `the run holds a listener and the two ends of a connection (${[...ports].join(', ')})`);
      assert.ok(liveRowsOn(ports).some((r) => r.state === 'FIN-WAIT-1'));
      run.child.stdin!.write('continue\n');
      const end = await run.exited;
      assert.deepEqual(end, { code: 0, signal: null });
      assert.equal(run.messages.at(-1)?.type, 'done');
      await assertAllGone([run.child.pid!, ...helpers], ports);
    });

    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      it(`${signal} mid-story: sockets reset, the helper process killed, then it exits`, async () => {
        const run = await upToSynSent();
        run.child.kill(signal);
        const end = await run.exited;
        assert.equal(end.code, signal === 'SIGINT' ? 130 : 143);
        await assertAllGone([run.pid, ...run.helpers], run.ports);
      });
    }

    it('its parent goes away (standard input closes): it cleans up and exits', async () => {
      const run = await upToSynSent();
      run.child.stdin!.end();
      const end = await run.exited;
      assert.equal(end.code, 1);
      await assertAllGone([run.pid, ...run.helpers], run.ports);
    });

    it('killed outright (SIGKILL): the helper process notices and ends; the kernel closes the sockets', async () => {
      const run = await upToSynSent();
      run.child.kill('SIGKILL');
      await run.exited;
      assert.ok(await eventually(() => run.helpers.every((p) => !alive(p))), 'the stuck listener ended on its own');
      assert.ok(await eventually(() => liveRowsOn(run.ports).every((r) => r.state !== 'LISTEN' && r.state !== 'SYN-SENT')));
    });

    it('a step that fails: the run stops with the reason and everything is torn down', async () => {
      const bad: LabStory = {
        name: 'broken',
        title: 'a story whose third step cannot be done',
        fields: {},
        steps: [
          ...findStory('normal-close')!.steps.slice(0, 2),
          { id: 'bad', action: 'B: accept() on a listener that is not stuck', sim: [{ B: 'accept' }], kernel: { do: 'accept', host: 'B' }, expect: { A: 'ESTABLISHED', B: 'ESTABLISHED' } },
        ],
      };
      const lab = new KernelLab(bad, { execPath: process.execPath, args: [script] });
      const seen: number[] = [];
      await assert.rejects(
        lab.run((r) => seen.push(r.index)),
        /no stuck listener/,
      );
      assert.deepEqual(seen, [0, 1]);
      const ports = new Set(lab.ports());
      assert.ok(liveRowsOn(ports).length >= 2, 'the connection was open before cleanup');
      await lab.cleanup();
      assert.ok(await eventually(() => liveRowsOn(ports).length === 0), JSON.stringify(liveRowsOn(ports)));
    });

    it('an unknown story: one error message, exit code 1, nothing started', async () => {
      const run = startChild('no-such-story');
      const end = await run.exited;
      assert.equal(end.code, 1);
      assert.deepEqual(run.messages, [{ type: 'error', message: 'unknown story "no-such-story"' }]);
    });
  });
});
