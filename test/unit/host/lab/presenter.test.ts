/**
 * The Lab tab's presenter: the model where no kernel is reachable (hidden, with the reason),
 * the prediction before any run, and a run cancelled half-way (its child and sockets gone).
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { LabPresenter } from '../../../../src/host/lab/presenter';
import { LAB_TEXT } from '../../../../src/i18n/lab';
import { LAB_STORIES } from '../../../../src/core/lab/stories';
import { cmdline, descendants, eventually } from '../../lab/procfs';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('lab presenter', function () {
  this.timeout(60_000);

  it('where no kernel is reachable: unavailable, with the reason in the learner\'s language, and no lesson twins', () => {
    const p = new LabPresenter({ command: null, unavailableReason: 'the kernel lab runs on Linux only (this is darwin)', show: () => undefined, log: () => undefined });
    const m = p.model(LAB_TEXT['zh-cn']);
    assert.equal(m.available, false);
    assert.match(m.unavailableReason ?? '', /内核实验.*darwin/);
    assert.deepEqual(m.twins, []);
    assert.equal(m.stories.length, LAB_STORIES.length);
  });

  it('shows the prediction before any run: sim filled, kernel empty, nothing marked', () => {
    const p = new LabPresenter({ command: null, unavailableReason: null, show: () => undefined, log: () => undefined });
    const m = p.model(LAB_TEXT.en);
    assert.equal(m.story.name, 'normal-close');
    assert.equal(m.story.status, 'idle');
    assert.deepEqual(m.story.steps.at(-1)?.sim, { A: 'TIME-WAIT', B: 'CLOSED' });
    assert.ok(m.story.steps.every((s) => s.kernel === null && s.agree === null && s.why === null));
  });

  describe('on this kernel', () => {
    let dir = '';
    let script = '';
    before(async function () {
      if (process.platform !== 'linux' || !existsSync('/proc/net/tcp')) this.skip();
      dir = mkdtempSync(join(tmpdir(), 'tcp-lab-p-'));
      script = join(dir, 'labKernel.js');
      await build({ absWorkingDir: ROOT, entryPoints: ['src/lab/kernel/main.ts'], outfile: script, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
    });
    after(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('a run stopped half-way says so, and its child process is gone', async () => {
      let shown = 0;
      // The kernel child holds the run after its SYN-SENT step, so the stop comes mid-story.
      const env = { ...process.env, TCP_TUTOR_LAB_HOLD_AFTER: '3' };
      const p = new LabPresenter({ command: { execPath: process.execPath, script, env }, unavailableReason: null, show: () => shown++, log: () => undefined });
      p.run('syn-sent-stuck-listener', false);
      assert.ok(await eventually(() => (p.model(LAB_TEXT.en).story.steps[3].kernel?.A ?? '') === 'SYN-SENT', 20_000));
      const lab = () => descendants(process.pid).filter((pid) => cmdline(pid).some((a) => a === '--lab-kernel' || a === '--lab-holder'));
      assert.equal(lab().length, 2, 'the kernel child and its stuck listener run');
      p.intent({ type: 'lab/cancel' });
      assert.ok(await eventually(() => p.model(LAB_TEXT.en).story.status === 'cancelled', 10_000));
      assert.equal(p.model(LAB_TEXT.en).story.statusText, LAB_TEXT.en.ui.statusCancelled);
      assert.ok(await eventually(() => lab().length === 0, 10_000), 'no process left');
      assert.ok(shown >= 5);
    });
  });
});
