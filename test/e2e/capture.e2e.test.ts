// The capture editor in a real VS Code (code-server + headless Chromium): a pcapng made with
// tcpdump (two connections, one a simultaneous close) opens in the custom editor from the
// workspace; picking a connection draws both endpoints' state columns, which must be the
// states the CLI reports; the same in Chinese; "Open in the sandbox" plays it there.
// Screenshots go to test-results/screenshots/. The web layer runs it too, in the browser's web
// worker extension host (dist/web.js).

import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { EXTENSION_HOST, ROOT, startHarness } from './harness';
import type { Harness } from './harness';

const FILE = 'two-interfaces.pcapng';
const expected = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/captures/expected', `${FILE}.json`), 'utf8')) as {
  connections: { client: string; server: string; states: { client: string[]; server: string[] } }[];
};

describe('TCP Tutor capture editor in VS Code (code-server)', function () {
  let h: Harness;
  let frame: Frame;

  const openCapture = async () => {
    await h.runCommand('View: Close All Editors');
    await h.openCommandPalette();
    await h.page.locator('.quick-input-widget .quick-input-box input').fill(FILE);
    await h.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: FILE }).first().click();
    frame = await h.findFrame('#app[data-ready="true"] .cap-table', 45_000, { region: 'editor' });
  };

  const columns = async () =>
    frame.$$eval('svg.cap-ladder g.cap-state', (gs) => gs.map((g) => ({ side: g.getAttribute('data-side'), state: g.getAttribute('data-state'), proven: g.getAttribute('data-proven') })));

  const pick = async (id: number) => {
    await frame.click(`button.cap-pick[data-connection="${id}"]`);
    await frame.waitForSelector('svg.cap-ladder g.cap-state');
    // The ladder draws the rows in view: scroll through so every state has been drawn once.
    const all = new Map<string, { side: string | null; state: string | null }>();
    for (let y = 0; y < 4000; y += 300) {
      await frame.$eval('.cap-scroll', (el, top) => (el.scrollTop = top), y);
      // A scroll redraws the rows in view at the next animation frame: two frames later they are drawn.
      await frame.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
      const rows = await frame.$$eval('svg.cap-ladder g.row', (gs) =>
        gs.flatMap((g) => [...g.querySelectorAll('g.cap-state')].map((s) => ({ row: g.getAttribute('data-row'), side: s.getAttribute('data-side'), state: s.getAttribute('data-state') }))),
      );
      for (const r of rows) all.set(`${r.row}-${r.side}`, r);
    }
    await frame.$eval('.cap-scroll', (el) => (el.scrollTop = 0));
    const ordered = [...all.entries()].sort((a, b) => parseInt(a[0], 10) - parseInt(b[0], 10)).map(([, v]) => v);
    return { client: ordered.filter((x) => x.side === 'client').map((x) => x.state), server: ordered.filter((x) => x.side === 'server').map((x) => x.state) };
  };

  before(async function () {
    this.timeout(600_000);
    h = await startHarness({ viewport: { width: 1500, height: 1000 } });
    copyFileSync(join(ROOT, 'test/fixtures/captures', FILE), join(h.workspace, FILE));
  });

  afterEach(async function () {
    if (h && this.currentTest?.state === 'failed') {
      const file = await h.screenshot(`FAILED-capture-${this.currentTest.title}`).catch(() => null);
      if (file) console.log(`      screenshot of the failure: ${file}`);
    }
  });

  after(async function () {
    if (h) await h.close();
  });

  it('opens a pcapng from the workspace, lists its connections and draws the chosen one’s state columns', async function () {
    await h.setTheme('dark');
    await openCapture();
    const rows = await frame.$$eval('.cap-table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)));
    assert.deepEqual(
      rows,
      expected.connections.map((c) => [c.client, c.server]),
    );
    const states = await pick(1);
    assert.deepEqual(states, expected.connections[1].states);
    const boxes = await columns();
    assert.ok(boxes.some((b) => b.proven === 'true') && boxes.some((b) => b.proven === 'false'), 'proven and inferred states are both drawn');
    await frame.click('svg.cap-ladder g.segment[data-segment="5"]');
    await frame.waitForSelector('.cap-fields .cap-check');
    assert.match((await frame.textContent('.cap-fields')) ?? '', /RCV\.NXT = /);
    await h.screenshot(`capture-en-dark-${EXTENSION_HOST}`);
  });

  it('shows the same states in Chinese', async function () {
    await h.setSettings({ 'tcpTutor.language': 'zh-cn' });
    // Changing the setting goes through the settings editor, which hides (and so ends) the page.
    await openCapture();
    await frame.waitForFunction(() => document.querySelector('#cap-list-heading')?.textContent === '连接', undefined, { timeout: 20_000 });
    const states = await pick(1);
    assert.deepEqual(states, expected.connections[1].states);
    assert.match((await frame.textContent('.cap-detail')) ?? '', /最终状态：客户端 TIME-WAIT，服务器 TIME-WAIT/);
    await frame.click('svg.cap-ladder g.segment[data-segment="5"]');
    await frame.waitForSelector('.cap-fields .cap-check');
    await h.screenshot(`capture-zh-cn-dark-${EXTENSION_HOST}`);
    await h.setSettings({ 'tcpTutor.language': 'en' });
    await openCapture();
    await frame.waitForFunction(() => document.querySelector('#cap-list-heading')?.textContent === 'Connections', undefined, { timeout: 20_000 });
  });

  it('opens the connection in the sandbox as a scenario', async function () {
    await pick(0);
    await frame.click('button.cap-open');
    const sandbox = await h.findFrame('#app[data-ready="true"] #sandbox', 45_000, { region: 'editor' });
    await sandbox.waitForSelector('#sandbox', { state: 'visible' });
    const client = expected.connections[0].client;
    await sandbox.waitForFunction((c) => (document.querySelector('#sandbox')?.textContent ?? '').includes(c), client, { timeout: 20_000 });
    // The scenario is open beside it, unsaved, named after the capture.
    await h.page.locator('.tab', { hasText: 'two-interfaces-1.tcp.json' }).first().waitFor({ timeout: 20_000 });
    await h.screenshot(`capture-open-in-sandbox-${EXTENSION_HOST}`);
  });
});
