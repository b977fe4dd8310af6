// TCP Tutor in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) in headless Chromium.
// The tests share one window and run in order: activity bar, details, keyboard, commands,
// themes, language, reload. Screenshots go to test-results/screenshots/.

import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { startHarness } from './harness';
import type { Harness, Region, ThemeKind } from './harness';

const STATES = ['CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'];
const READY = '#app[data-ready="true"] svg#state-diagram';
const CJK = /[\u4e00-\u9fff]/;

describe('TCP Tutor in VS Code (code-server)', function () {
  let h: Harness;

  /** Shows the State Diagram tab (the course is the home tab). */
  const diagramTab = async (frame: Frame): Promise<void> => {
    await frame.click('vscode-tab-header[data-tab="diagram"]');
    await frame.waitForSelector('vscode-tab-panel[data-panel="diagram"] svg#state-diagram', { state: 'visible' });
  };

  /** The tutor's webview document in a part of the workbench, once painted, showing the diagram. */
  const tutor = async (region: Region, timeout = 30_000): Promise<Frame> => {
    const frame = await h.findFrame(READY, timeout, { region });
    await diagramTab(frame);
    return frame;
  };

  const text = async (frame: Frame, selector: string): Promise<string> => ((await frame.textContent(selector)) ?? '').trim();

  const waitForText = async (frame: Frame, selector: string, expected: string, timeout = 5_000): Promise<void> => {
    await frame
      .waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent?.trim() === want, [selector, expected] as const, { timeout })
      .catch(async () => assert.fail(`${selector} should read "${expected}" but reads "${await text(frame, selector)}"`));
  };

  const showTimeWait = async (frame: Frame) => {
    await diagramTab(frame);
    await frame.click('g.state[data-state="TIME-WAIT"]');
    await waitForText(frame, '#details-title', 'TIME-WAIT');
  };

  before(async function () {
    this.timeout(600_000); // includes a first-time code-server install if the cache is empty
    h = await startHarness();
  });

  afterEach(async function () {
    if (h && this.currentTest?.state === 'failed') {
      const file = await h.screenshot(`FAILED-${this.currentTest.title}`).catch(() => null);
      if (file) console.log(`      screenshot of the failure: ${file}`);
    }
  });

  after(async function () {
    if (h) await h.close();
  });

  it('opens from the activity bar and shows the Learn view, whose State Diagram tab draws the diagram', async function () {
    await h.openActivityBarItem('TCP Tutor');
    const sidebar = h.page.locator('.part.sidebar');
    await h.page.waitForFunction(() => /TCP Tutor: Learn|TCP Tutor: 学习/i.test(document.querySelector('.part.sidebar')?.textContent ?? ''));
    assert.match((await sidebar.textContent()) ?? '', /TCP Tutor/i);

    const frame = await tutor('sidebar');
    assert.equal(await frame.getAttribute('#app', 'data-locale'), 'en');
    const states = await frame.$$eval('#state-diagram g.state', (els) =>
      els.map((el) => ({ id: el.getAttribute('data-state'), tabindex: el.getAttribute('tabindex'), role: el.getAttribute('role'), label: el.getAttribute('aria-label') })),
    );
    assert.deepEqual(states.map((s) => s.id).sort(), [...STATES].sort(), 'the eleven RFC 9293 states');
    for (const s of states) {
      assert.equal(s.tabindex, '0', `${s.id} is focusable`);
      assert.equal(s.role, 'button', `${s.id} has role=button`);
      assert.ok(s.label && s.label.length > 0, `${s.id} has an aria-label`);
    }
    const edges = await frame.$$eval('#state-diagram g.edge', (els) => els.map((el) => ({ id: el.getAttribute('data-transition'), tabindex: el.getAttribute('tabindex') })));
    assert.ok(edges.length >= 10, `transitions are drawn (found ${edges.length})`);
    assert.ok(edges.some((e) => e.id === 'syn-sent-established'), 'the syn-sent-established transition is drawn');
    for (const e of edges) assert.equal(e.tabindex, '0', `transition ${e.id} is focusable`);
  });

  it('explains TIME-WAIT when it is clicked', async function () {
    const frame = await tutor('sidebar');
    await showTimeWait(frame);
    await waitForText(frame, '#details-netstat', 'TIME_WAIT');
    const details = await text(frame, '#details');
    assert.ok(details.length > 'TIME-WAITTIME_WAIT'.length + 20, `the details panel explains the state: "${details}"`);
  });

  it('activates a state with Tab and Enter', async function () {
    const frame = await tutor('sidebar');
    await frame.click('#details-title'); // focus inside the webview, on nothing focusable
    const shown = await text(frame, '#details-title');
    let focused: string | null = null;
    for (let i = 0; i < 60 && !focused; i++) {
      await h.page.keyboard.press('Tab');
      const state = await frame.evaluate(() => (document.activeElement as Element | null)?.closest('g.state')?.getAttribute('data-state') ?? null);
      if (state && state !== shown) focused = state;
    }
    assert.ok(focused, 'Tab reaches a state in the diagram');
    await h.page.keyboard.press('Enter');
    await waitForText(frame, '#details-title', focused);
  });

  it('opens the side panel with "TCP Tutor: Open in Side Panel"', async function () {
    await h.runCommand('View: Close Primary Side Bar');
    await h.page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    await h.runCommand('TCP Tutor: Open in Side Panel');
    await tutor('sidebar');
  });

  it('opens in an editor tab with "TCP Tutor: Open in Editor Tab"', async function () {
    await h.runCommand('TCP Tutor: Open in Editor Tab');
    const tab = h.page.locator('.part.editor .tabs-container .tab', { hasText: 'TCP Tutor' });
    await tab.first().waitFor({ state: 'visible' });
    assert.equal(((await tab.first().locator('.label-name').textContent()) ?? '').trim(), 'TCP Tutor');
    const frame = await tutor('editor');
    await showTimeWait(frame);
    await waitForText(frame, '#details-netstat', 'TIME_WAIT');
  });

  for (const kind of ['light', 'dark', 'hc'] as ThemeKind[]) {
    it(`looks right in the ${kind === 'hc' ? 'high-contrast' : kind} theme (screenshots)`, async function () {
      await h.setTheme(kind);
      await showTimeWait(await tutor('sidebar'));
      await showTimeWait(await tutor('editor'));
      const side = await h.screenshot(`side-panel-${kind}`, { clip: 'sidebar' });
      const tab = await h.screenshot(`editor-tab-${kind}`);
      console.log(`      ${side}\n      ${tab}`);
    });
  }

  it('speaks Chinese when tcpTutor.language is zh-cn', async function () {
    await h.setTheme('dark');
    await h.setSettings({ 'tcpTutor.language': 'zh-cn' });
    const editor = await h.findFrame('#app[data-locale="zh-cn"][data-ready="true"] svg#state-diagram', 20_000, { region: 'editor' });
    await showTimeWait(editor);
    assert.match(await text(editor, '#details'), CJK, 'the details panel is in Chinese');
    const side = await h.findFrame('#app[data-locale="zh-cn"][data-ready="true"] svg#state-diagram', 20_000, { region: 'sidebar' });
    await showTimeWait(side);
    assert.match(await text(side, '#details'), CJK, 'the side panel is in Chinese');
    await h.screenshot('editor-tab-zh-cn-dark');

    await h.setSettings({ 'tcpTutor.language': 'en' });
    const back = await h.findFrame('#app[data-locale="en"][data-ready="true"] svg#state-diagram', 20_000, { region: 'editor' });
    await showTimeWait(back);
    assert.doesNotMatch(await text(back, '#details'), CJK, 'back in English');
  });

  it('brings the editor tab back after Developer: Reload Window, with both views\' selections', async function () {
    const editorBefore = await tutor('editor');
    await editorBefore.click('g.state[data-state="LAST-ACK"]');
    await waitForText(editorBefore, '#details-title', 'LAST-ACK');
    const sideBefore = await tutor('sidebar');
    await sideBefore.click('g.state[data-state="CLOSE-WAIT"]');
    await waitForText(sideBefore, '#details-title', 'CLOSE-WAIT');

    await h.reload();
    const tab = h.page.locator('.part.editor .tabs-container .tab', { hasText: 'TCP Tutor' });
    await tab.first().waitFor({ state: 'visible', timeout: 30_000 });
    const frame = await tutor('editor', 45_000);
    assert.equal(await frame.getAttribute('#app', 'data-locale'), 'en');
    // Nothing is clicked after the reload: what each view showed before must come back.
    await waitForText(frame, '#details-title', 'LAST-ACK', 15_000);
    await waitForText(frame, '#details-netstat', 'LAST_ACK');
    // The command always shows the side panel; a click on the activity-bar icon while the
    // restored side bar is still coming back can find it unchecked and then toggle it shut.
    await h.runCommand('TCP Tutor: Open in Side Panel');
    const side = await tutor('sidebar', 45_000);
    await waitForText(side, '#details-title', 'CLOSE-WAIT', 15_000);
    await showTimeWait(frame);
    await waitForText(frame, '#details-netstat', 'TIME_WAIT');
    await h.screenshot('editor-tab-after-reload-dark');
  });
});
