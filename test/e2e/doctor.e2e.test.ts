// The connection doctor in a real VS Code (code-server + headless Chromium): the
// Connections tab lists the TIME-WAIT and CLOSE-WAIT sockets this test opens on loopback
// (read live from /proc by the extension host), and pasted `ss` output is diagnosed through
// its CodeLens and through "Diagnose Pasted Connections…". Screenshots in both languages go
// to test-results/screenshots/.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { ROOT, startHarness } from './harness';
import type { Harness } from './harness';
import type { OpenedSockets } from '../support/loopbackSockets';
import { openLoopbackSockets } from '../support/loopbackSockets';

const SAMPLE = readFileSync(join(ROOT, 'test', 'fixtures', 'doctor', 'ss-tanp.txt'), 'utf8');

describe('TCP Tutor connection doctor in VS Code (code-server)', function () {
  let h: Harness;
  let frame: Frame;
  let sockets: OpenedSockets | null = null;

  /** Opens the editor tab on its Connections tab and waits for a whole table. */
  const openConnections = async () => {
    await h.runCommand('TCP Tutor: Open in Editor Tab');
    frame = await h.findFrame('#app[data-ready="true"] vscode-tab-header[data-tab="connections"]', 30_000, { region: 'editor' });
    await frame.click('vscode-tab-header[data-tab="connections"]');
    await frame.waitForSelector('#connections', { state: 'visible' });
  };

  /** Rows of the socket table as "local remote state" after filtering by `text`. */
  const rowsMatching = async (text: string) => {
    await frame.fill('#connections-filter', text);
    await frame.waitForFunction((t) => (document.querySelector('#connections-filter') as HTMLInputElement | null)?.value === t, text);
    // The filter applies after a short pause; wait until the shown rows all match it.
    await frame.waitForFunction(
      (t) => {
        const rows = Array.from(document.querySelectorAll('#connections-table .conn-body .conn-row'));
        return rows.length > 0 && rows.every((r) => (r.textContent ?? '').includes(t));
      },
      text,
      { timeout: 15_000 },
    );
    return frame.$$eval('#connections-table .conn-body .conn-row', (rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('.conn-cell')).map((c) => c.textContent ?? '').slice(0, 3).join(' ')),
    );
  };

  before(async function () {
    this.timeout(600_000);
    h = await startHarness({ viewport: { width: 1500, height: 1100 } });
  });

  afterEach(async function () {
    if (h && this.currentTest?.state === 'failed') {
      const file = await h.screenshot(`FAILED-doctor-${this.currentTest.title}`).catch(() => null);
      if (file) console.log(`      screenshot of the failure: ${file}`);
    }
  });

  after(async function () {
    await sockets?.close();
    if (h) await h.close();
  });

  it('shows the TIME-WAIT and CLOSE-WAIT sockets this test opened, live from the machine', async function () {
    sockets = await openLoopbackSockets('127.0.0.1', ['TIME-WAIT', 'CLOSE-WAIT']);
    const tw = sockets.ports['TIME-WAIT'];
    const cw = sockets.ports['CLOSE-WAIT'];
    await h.setTheme('dark');
    await openConnections();
    await frame.waitForFunction(() => document.querySelector('#connections')?.getAttribute('data-complete') === 'true' && Number(document.querySelector('#connections')?.getAttribute('data-total')) > 0, undefined, {
      timeout: 30_000,
    });
    assert.match((await frame.textContent('#connections-status')) ?? '', /Live from this machine · Format: proc/);
    // The server side of the CLOSE-WAIT pair, and the client side of the TIME-WAIT pair.
    const closeWait = await rowsMatching(`127.0.0.1:${cw}`);
    assert.ok(
      closeWait.some((r) => r.startsWith(`127.0.0.1:${cw} `) && r.endsWith(' CLOSE-WAIT')),
      closeWait.join('\n'),
    );
    assert.ok(closeWait.some((r) => r.endsWith(` 127.0.0.1:${cw} FIN-WAIT-2`)), closeWait.join('\n'));
    const timeWait = await rowsMatching(`127.0.0.1:${tw}`);
    assert.ok(timeWait.some((r) => r.endsWith(` 127.0.0.1:${tw} TIME-WAIT`)), timeWait.join('\n'));
    // The CLOSE-WAIT finding names this port, and the kernel settings are shown.
    const finding = (await frame.textContent('.finding[data-finding="close-wait-leak"]')) ?? '';
    assert.match(finding, new RegExp(`\\b${cw} \\(1\\)`));
    assert.match((await frame.textContent('#connections-sysctls')) ?? '', /net\.ipv4\.tcp_tw_reuse/);
    await rowsMatching(`${cw}`);
    await frame.$eval('.connections-table-section', (el) => el.scrollIntoView({ block: 'end' }));
    await h.screenshot('doctor-live-en');

    await h.setSettings({ 'tcpTutor.language': 'zh-cn' });
    frame = await h.findFrame('#app[data-locale="zh-cn"] #connections', 30_000, { region: 'editor' });
    await frame.waitForFunction(() => document.querySelector('#connections-title')?.textContent === 'TCP 连接', undefined, { timeout: 20_000 });
    await frame.waitForSelector('#connections', { state: 'visible' });
    await frame.waitForFunction(() => document.querySelector('#connections')?.getAttribute('data-complete') === 'true', undefined, { timeout: 30_000 });
    assert.match((await frame.textContent('.finding[data-finding="close-wait-leak"]')) ?? '', /没有哪个 sysctl/);
    await rowsMatching(`${cw}`);
    await frame.$eval('.connections-table-section', (el) => el.scrollIntoView({ block: 'end' }));
    await h.screenshot('doctor-live-zh-cn');
    await h.setSettings({ 'tcpTutor.language': 'en' });
  });

  it('diagnoses a pasted ss table from its CodeLens', async function () {
    writeFileSync(join(h.workspace, 'ss-paste.txt'), SAMPLE);
    await h.runCommand('View: Close All Editors');
    await h.openCommandPalette();
    await h.page.locator('.quick-input-widget .quick-input-box input').fill('ss-paste.txt');
    await h.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'ss-paste.txt' }).first().click();
    const lens = h.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Diagnose with TCP Tutor' }).first();
    await lens.waitFor({ timeout: 20_000 });
    await h.screenshot('doctor-codelens');
    await lens.click();
    frame = await h.findFrame('#app[data-ready="true"] #connections[data-source="pasted"]', 30_000, { region: 'editor' });
    await frame.waitForSelector('#connections', { state: 'visible' });
    await frame.waitForFunction(() => document.querySelector('#connections')?.getAttribute('data-complete') === 'true');
    assert.match((await frame.textContent('#connections-status')) ?? '', /Pasted output: ss-paste\.txt · Format: ss · 35 sockets/);
    assert.equal(await frame.getAttribute('.bar[data-state="CLOSE-WAIT"]', 'aria-label'), 'CLOSE-WAIT (CLOSE-WAIT / CLOSE_WAIT): 2');
    assert.match((await frame.textContent('.finding[data-finding="close-wait-leak"]')) ?? '', /node \(pid \d+\): 2/);
    await h.screenshot('doctor-pasted-en');
    // The finding's lesson opens in the course tab.
    await frame.click('vscode-button[data-lesson="close-wait"]');
    await frame.waitForSelector('vscode-tab-panel[data-panel="course"]', { state: 'visible' });
    await frame.waitForFunction(() => /CLOSE-WAIT and FIN-WAIT-2 in production/.test(document.querySelector('vscode-tab-panel[data-panel="course"]')?.textContent ?? ''), undefined, { timeout: 20_000 });
    await h.screenshot('doctor-lesson-from-finding');
  });

  it('opens an untitled document to paste into, and diagnoses what is pasted', async function () {
    await h.runCommand('View: Close All Editors');
    await h.runCommand('TCP Tutor: Diagnose Pasted Connections…');
    const editor = h.page.locator('.monaco-editor .view-lines', { hasText: 'Paste the output of ss -tan' }).first();
    await editor.waitFor({ timeout: 20_000 });
    await h.page.keyboard.insertText('TIME_WAIT 1500\nCLOSE_WAIT 3\nESTABLISHED 12\n');
    const lens = h.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Diagnose with TCP Tutor' }).first();
    await lens.waitFor({ timeout: 20_000 });
    await lens.click();
    frame = await h.findFrame('#app[data-ready="true"] #connections[data-source="pasted"]', 30_000, { region: 'editor' });
    await frame.waitForFunction(() => /Format: counts · 1515 sockets/.test(document.querySelector('#connections-status')?.textContent ?? ''), undefined, { timeout: 20_000 });
    const ids = await frame.$$eval('.finding', (els) => els.map((e) => e.getAttribute('data-finding')));
    assert.deepEqual(ids, ['close-wait-leak', 'time-wait-pileup']);
    await h.screenshot('doctor-pasted-counts');
    // Back to this machine's own table.
    await frame.click('#connections-live');
    await frame.waitForFunction(() => document.querySelector('#connections')?.getAttribute('data-source') === 'live', undefined, { timeout: 20_000 });
  });
});
