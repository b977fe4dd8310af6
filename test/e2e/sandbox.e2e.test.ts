// The sandbox in a real VS Code (code-server + headless Chromium): a learner plays the
// handshake and the close by clicking, rewinds, breaks the protocol on purpose, and opens
// a scenario file through its CodeLens. Screenshots go to test-results/screenshots/.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { ROOT, startHarness } from './harness';
import type { Harness } from './harness';

describe('TCP Tutor sandbox in VS Code (code-server)', function () {
  let h: Harness;
  let frame: Frame;

  const state = (e: 'A' | 'B') => frame.textContent(`#sb-${e}-state`);
  const waitState = async (e: 'A' | 'B', s: string) => {
    await frame
      .waitForFunction(([id, want]) => document.querySelector(`#sb-${id}-state`)?.textContent === want, [e, s] as const, { timeout: 10_000 })
      .catch(async () => assert.fail(`${e} should be in ${s} but is in ${await state(e)}`));
  };
  const deliverFirst = () => frame.click('#sb-in-flight li:first-child [data-action="deliver"]');
  const status = () => frame.textContent('#sb-timeline-status');

  /** Opens the editor tab and its sandbox. */
  const openSandbox = async () => {
    await h.runCommand('TCP Tutor: Open in Editor Tab');
    frame = await h.findFrame('#app[data-ready="true"] #sandbox', 30_000, { region: 'editor' });
    await frame.click('vscode-tab-header[data-tab="sandbox"]');
    await frame.waitForSelector('#sandbox', { state: 'visible' });
  };

  before(async function () {
    this.timeout(600_000);
    h = await startHarness({ viewport: { width: 1500, height: 1000 } });
  });

  afterEach(async function () {
    if (h && this.currentTest?.state === 'failed') {
      const file = await h.screenshot(`FAILED-sandbox-${this.currentTest.title}`).catch(() => null);
      if (file) console.log(`      screenshot of the failure: ${file}`);
    }
  });

  after(async function () {
    if (h) await h.close();
  });

  it('plays the three-way handshake and the four-way close by clicking', async function () {
    await h.setTheme('dark');
    await openSandbox();
    await frame.click('#sb-reset');
    await frame.click('#sb-B-listen');
    await waitState('B', 'LISTEN');
    await frame.click('#sb-A-connect');
    await waitState('A', 'SYN-SENT');
    await deliverFirst();
    await waitState('B', 'SYN-RECEIVED');
    await deliverFirst();
    await waitState('A', 'ESTABLISHED');
    assert.equal(await state('B'), 'SYN-RECEIVED');
    await deliverFirst();
    await waitState('B', 'ESTABLISHED');

    await frame.click('#sb-A-close');
    await waitState('A', 'FIN-WAIT-1');
    await deliverFirst();
    await waitState('B', 'CLOSE-WAIT');
    await deliverFirst();
    await waitState('A', 'FIN-WAIT-2');
    await frame.click('#sb-B-close');
    await waitState('B', 'LAST-ACK');
    await deliverFirst();
    await waitState('A', 'TIME-WAIT');
    await deliverFirst();
    await waitState('B', 'CLOSED');
    assert.match((await frame.textContent('#sb-advance')) ?? '', /TIME-WAIT 2MSL \(A, t = 60\.000 s\)/);
    await frame.click('#sb-advance');
    await waitState('A', 'CLOSED');
    assert.equal(await frame.textContent('#sb-clock'), 't = 60.000 s');
    const segments = await frame.$$eval('svg.ladder g.segment', (els) => els.map((e) => e.getAttribute('aria-label')));
    assert.equal(segments.length, 7, 'three to open, four to close');
    await h.screenshot('sandbox-open-close-dark');
  });

  it('rewinds with the timeline and the arrow keys', async function () {
    assert.equal(await status(), 'Step 12 of 12');
    await frame.click('#sb-back');
    await waitState('A', 'TIME-WAIT');
    await frame.focus('#sb-A-state');
    for (let i = 0; i < 5; i++) await frame.press('#sb-A-state', 'ArrowLeft');
    await frame.waitForFunction(() => document.querySelector('#sb-timeline-status')?.textContent === 'Step 6 of 12');
    await waitState('A', 'FIN-WAIT-1');
    await waitState('B', 'ESTABLISHED');
  });

  it('replays the lost-final-ACK story without TIME-WAIT and shows the RST', async function () {
    await frame.click('#sb-preset');
    await frame.locator('vscode-single-select#sb-preset').getByRole('option', { name: /TIME-WAIT/ }).first().waitFor();
    const options = await frame.locator('#sb-preset [role="option"]').allTextContents();
    const wanted = options.find((o) => /last ACK|final ACK/i.test(o) && /TIME-WAIT/.test(o) && !/without|no TIME-WAIT/i.test(o));
    assert.ok(wanted, `a preset for the lost final ACK rescued by TIME-WAIT among: ${options.join(' | ')}`);
    await frame.getByRole('option', { name: wanted }).click();
    await frame.waitForFunction(() => /^Step 0 of \d+$/.test(document.querySelector('#sb-timeline-status')?.textContent ?? ''));
    await frame.click('#sb-variant');
    await frame.getByRole('option', { name: 'What if: no TIME-WAIT' }).click();
    await frame.waitForFunction(() => /^Step 0 of \d+$/.test(document.querySelector('#sb-timeline-status')?.textContent ?? ''));
    const total = Number(/of (\d+)/.exec((await status()) ?? '')?.[1]);
    for (let i = 1; i <= total; i++) {
      await frame.click('#sb-forward');
      await frame.waitForFunction((n) => document.querySelector('#sb-timeline-status')?.textContent?.startsWith(`Step ${n} `), i);
    }
    await frame.waitForSelector('svg.ladder g.segment.rst');
    assert.match((await frame.textContent('#sb-B-status')) ?? '', /reset/i);
    await h.setTheme('light');
    await h.screenshot('sandbox-no-time-wait-rst-light');
  });

  /** Starts the preset whose title matches, and plays it to the end; returns the sockets panel's text after each step. */
  const playPreset = async (title: RegExp): Promise<{ A: string; B: string }[]> => {
    await frame.click('#sb-preset');
    await frame.getByRole('option', { name: title }).first().click();
    // The story is loaded once the timeline counts its steps (a fresh sandbox reads "Step 0 of 0").
    await frame.waitForFunction(() => /^Step 0 of [1-9]\d*$/.test(document.querySelector('#sb-timeline-status')?.textContent ?? ''));
    const total = Number(/of (\d+)/.exec((await status()) ?? '')?.[1]);
    const seen: { A: string; B: string }[] = [];
    for (let i = 1; i <= total; i++) {
      await frame.click('#sb-forward');
      await frame.waitForFunction((n) => document.querySelector('#sb-timeline-status')?.textContent?.startsWith(`Step ${n} `), i);
      seen.push({ A: (await frame.textContent('#sb-sockets-A')) ?? '', B: (await frame.textContent('#sb-sockets-B')) ?? '' });
    }
    return seen;
  };

  it('plays the server restart: without SO_REUSEADDR listen fails until TIME-WAIT ends; with it the server listens at once', async function () {
    // A theme change reloads the webview: find the sandbox's frame again.
    await openSandbox();
    const without = await playPreset(/Server restart without SO_REUSEADDR/);
    // After the failed listen: the old connection in TIME-WAIT holds port 80 and nothing listens.
    const failed = without.findIndex((x) => /TIME-WAIT/.test(x.B));
    assert.ok(failed >= 0, 'B\'s old connection reaches TIME-WAIT');
    // Right after the failed listen (the third step from the end, before 60 s pass).
    assert.match(without[without.length - 3].B, /connection 1: port 80 to 40000 TIME-WAIT/);
    assert.doesNotMatch(without[without.length - 3].B, /listening on port 80/);
    assert.match(without[without.length - 1].B, /listening on port 80 \(backlog 128\)/);
    assert.match(without[without.length - 1].B, /connection 1: port 80 to 40000 CLOSED/);
    const withReuse = await playPreset(/Server restart with SO_REUSEADDR/);
    const end = withReuse[withReuse.length - 1].B;
    assert.match(end, /listening on port 80/);
    assert.match(end, /connection 1: port 80 to 40000 TIME-WAIT/);
    assert.match(end, /connection 2: port 80 to 40001 ESTABLISHED/);
    await h.screenshot('sandbox-server-restart-reuseaddr');
  });

  it('plays the SYN flood: without cookies the client is shut out, with cookies it gets in', async function () {
    await openSandbox();
    const flood = await playPreset(/SYN flood without SYN cookies/);
    const last = flood[flood.length - 1];
    assert.match(last.B, /SYN queue \(5\)/);
    assert.match(last.A, /connection 1: port 40000 to 80 SYN-SENT/);
    const cookies = await playPreset(/SYN flood with SYN cookies/);
    assert.match(cookies[cookies.length - 1].A, /connection 1: port 40000 to 80 ESTABLISHED/);
    assert.match(cookies[cookies.length - 1].B, /connection 6: port 80 to 40000 ESTABLISHED/);
    await h.screenshot('sandbox-syn-flood-cookies');
  });

  it('opens a .tcp.json file from its CodeLens, and marks an invalid one on the right line', async function () {
    const story = JSON.parse(readFileSync(join(ROOT, 'scenarios', 'lost-syn.tcp.json'), 'utf8'));
    story.title = 'My own lost-SYN story';
    delete story.$schema; // it points into the repository's own folder
    writeFileSync(join(h.workspace, 'my-story.tcp.json'), JSON.stringify(story, null, 2));
    writeFileSync(join(h.workspace, 'broken.tcp.json'), '{\n  "title": "broken",\n  "steps": [\n    {"A": "connect"},\n    {"delivr": "A"}\n  ]\n}\n');

    await h.runCommand('View: Close All Editors');
    // The palette without its ">" is Quick Open.
    await h.openCommandPalette();
    await h.pick('broken.tcp.json', 'broken.tcp.json');
    // The bad step is on line 5: an error squiggle there, and the lens says to fix it.
    await h.page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 20_000 });
    await h.page.locator('.monaco-editor .codelens-decoration', { hasText: /Fix the errors/ }).first().waitFor({ timeout: 20_000 });

    await h.openCommandPalette();
    await h.pick('my-story.tcp.json', 'my-story.tcp.json');
    const lens = h.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Play in TCP Tutor' }).first();
    await lens.waitFor({ timeout: 20_000 });
    await lens.click();
    frame = await h.findFrame('#app[data-ready="true"] #sandbox', 30_000, { region: 'editor' });
    await frame.waitForSelector('#sandbox', { state: 'visible' });
    await frame.waitForFunction(() => /My own lost-SYN story/.test(document.querySelector('#sb-watch')?.textContent ?? ''));
    assert.match((await status()) ?? '', /^Step 0 of \d+$/);
  });

  it('keeps the sandbox session across a window reload', async function () {
    const before = await status();
    const a = await state('A');
    await h.reload();
    frame = await h.findFrame('#app[data-ready="true"] #sandbox', 45_000, { region: 'editor' });
    await frame.waitForSelector('#sandbox', { state: 'visible' });
    await frame.waitForFunction((want) => document.querySelector('#sb-timeline-status')?.textContent === want, before);
    assert.equal(await state('A'), a);
    await frame.waitForFunction(() => /My own lost-SYN story/.test(document.querySelector('#sb-watch')?.textContent ?? ''));
  });

  it('opens the sandbox with "TCP Tutor: Open the Sandbox" and exports the course as Markdown', async function () {
    await h.runCommand('View: Close All Editors');
    await h.runCommand('TCP Tutor: Open the Sandbox');
    frame = await h.findFrame('#app[data-ready="true"] #sandbox', 30_000, { region: 'editor' });
    await frame.waitForSelector('#sandbox', { state: 'visible' });
    await h.runCommand('TCP Tutor: Export Course as Markdown');
    await h.pick('The whole course');
    // Monaco draws spaces as non-breaking spaces; look through every editor on the page.
    const text = await h.page
      .waitForFunction(
        () =>
          [...document.querySelectorAll('.monaco-editor .view-lines')]
            .map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' '))
            .find((t) => t.includes('# TCP Tutor: how TCP connections open and close')),
        undefined,
        { timeout: 20_000 },
      )
      .then((handle) => handle.jsonValue() as Promise<string>);
    assert.match(text, /## Contents/);
    await h.runCommand('View: Revert and Close Editor');
  });

  it('speaks Chinese in the sandbox (screenshots in light and dark)', async function () {
    await h.setSettings({ 'tcpTutor.language': 'zh-cn' });
    await h.runCommand('TCP Tutor: Open the Sandbox');
    frame = await h.findFrame('#app[data-locale="zh-cn"][data-ready="true"] #sandbox', 30_000, { region: 'editor' });
    await frame.waitForSelector('#sandbox', { state: 'visible' });
    for (let i = 0; i < 5; i++) await frame.click('#sb-forward');
    await frame.waitForFunction(() => /^第 5 步/.test(document.querySelector('#sb-timeline-status')?.textContent ?? ''));
    assert.match((await frame.textContent('#sb-flight-title')) ?? '', /在途报文段/);
    await h.screenshot('sandbox-zh-cn-light');
    await h.setTheme('dark');
    await h.screenshot('sandbox-zh-cn-dark');
    await h.setSettings({ 'tcpTutor.language': 'en' });
  });
});
