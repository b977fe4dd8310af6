// The kernel lab in a real VS Code (code-server): a lesson story with a lab twin offers "Run it
// on this machine"; clicked, the Lab tab plays the story on this machine's kernel from the
// real extension host (its child process, real sockets on 127.0.0.1, /proc/net/tcp) beside
// the simulator, and the child is gone afterwards. In the browser build's web worker host
// (TCP_TUTOR_E2E_HOST=web) there is no kernel to reach: the Lab tab and the button are hidden.
// Screenshots go to test-results/screenshots/.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import type { Frame } from 'playwright-core';
import { EXTENSION_HOST, startHarness } from './harness';
import type { Harness } from './harness';

const COURSE_READY = '#app[data-ready="true"] #course';

/** Processes whose command line holds `needle` (the lab's kernel child and its helper). */
function processesWith(needle: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').includes(needle)) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

describe('the kernel lab in VS Code (code-server)', function () {
  let h: Harness;

  before(async function () {
    if (process.platform !== 'linux') this.skip();
    this.timeout(600_000);
    h = await startHarness({ viewport: { width: 1500, height: 1000 } });
  });

  afterEach(async function () {
    if (h && this.currentTest?.state === 'failed') {
      const file = await h.screenshot(`FAILED-lab-${this.currentTest.title}`).catch(() => null);
      if (file) console.log(`      screenshot of the failure: ${file}`);
    }
  });

  after(async function () {
    if (h) await h.close();
  });

  it('runs a lesson story on this machine from the lesson, beside the simulator', async function () {
    if (EXTENSION_HOST === 'web') this.skip();
    await h.openActivityBarItem('TCP Tutor');
    await h.findFrame(COURSE_READY, 60_000, { region: 'sidebar' });
    await h.runCommand('TCP Tutor: Open in Editor Tab');
    const frame: Frame = await h.findFrame(COURSE_READY, 60_000, { region: 'editor' });
    await frame.click('vscode-tab-header[data-tab="course"]');
    await frame.click('.lesson-card[data-lesson="close"]');
    // The lesson's first step is its story, which has a twin in the lab.
    await frame.waitForSelector('#lab-from-lesson', { state: 'visible', timeout: 20_000 });
    await h.screenshot('lab-lesson-run-it-on-this-machine', { clip: 'editor' });
    await frame.click('#lab-from-lesson');
    await frame.waitForSelector('#lab-title', { state: 'visible' });
    await frame.waitForSelector('#lab-status.done, #lab-status.failed', { timeout: 60_000 });
    const status = (await frame.textContent('#lab-status')) ?? '';
    assert.equal(status, 'Done: the simulator and the kernel agree on every step.', status);
    assert.match((await frame.textContent('#lab-story-title')) ?? '', /shutdown\(SHUT_WR\)/);
    const rows = await frame.$$eval('#lab-table tr.lab-step', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    assert.deepEqual(
      rows.map((r) => r.slice(1)),
      [
        ['CLOSED', 'LISTEN', 'CLOSED', 'LISTEN', '✓ agree'],
        ['ESTABLISHED', 'ESTABLISHED', 'ESTABLISHED', 'ESTABLISHED', '✓ agree'],
        ['FIN-WAIT-2', 'CLOSE-WAIT', 'FIN-WAIT-2', 'CLOSE-WAIT', '✓ agree'],
        ['FIN-WAIT-2', 'CLOSE-WAIT', 'FIN-WAIT-2', 'CLOSE-WAIT', '✓ agree'],
        ['TIME-WAIT', 'CLOSED', 'TIME-WAIT', 'CLOSED', '✓ agree'],
      ],
    );
    assert.match((await frame.textContent('#lab-platform')) ?? '', /Kernel: linux /);
    await h.screenshot('lab-half-close-from-lesson', { clip: 'editor' });
    // The kernel child started by the extension host has ended, and took its sockets with it.
    assert.deepEqual(processesWith('--lab-kernel'), []);
  });

  it('in the web worker host: no Lab tab, no "Run it on this machine"', async function () {
    if (EXTENSION_HOST !== 'web') this.skip();
    await h.openActivityBarItem('TCP Tutor');
    await h.findFrame(COURSE_READY, 60_000, { region: 'sidebar' });
    await h.runCommand('TCP Tutor: Open in Editor Tab');
    const frame: Frame = await h.findFrame(COURSE_READY, 60_000, { region: 'editor' });
    await frame.click('vscode-tab-header[data-tab="course"]');
    await frame.click('.lesson-card[data-lesson="close"]');
    await frame.waitForSelector('#scenario-next', { state: 'visible', timeout: 20_000 });
    assert.equal(await frame.isVisible('vscode-tab-header[data-tab="lab"]'), false);
    assert.equal(await frame.$('#lab-from-lesson'), null);
    await h.screenshot('lab-hidden-in-web-host', { clip: 'editor' });
  });
});
