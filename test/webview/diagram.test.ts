import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { cspViolations, initMessage, browserSuite, openTutor, posted, savedState, sendToWebview } from './harness';
import { STATE_IDS, TRANSITIONS } from '../../src/core/tcp/states';
import type { ThemeName } from './themes';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'webview');

describe('webview: state diagram', function () {
  const env = browserSuite(SHOTS);
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeEach(async () => {
    env.server.savedState = null;
    env.server.theme = 'dark';
    context = await env.browser.newContext({ viewport: { width: 420, height: 900 } });
    page = await context.newPage();
    consoleErrors.length = 0;
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  });

  afterEach(async () => {
    const violations = page ? await cspViolations(page).catch(() => []) : [];
    await context?.close();
    assert.deepEqual(violations, [], 'the page broke its Content Security Policy');
    assert.deepEqual(consoleErrors, [], 'the page logged errors');
  });

  it('sends ready first and draws every state and every drawn transition', async () => {
    await openTutor(page, env.server, initMessage('en'), 'diagram');
    const first = (await posted(page))[0];
    assert.deepEqual(first, { type: 'ready' });
    assert.equal(await page.getAttribute('#app', 'data-locale'), 'en');
    const states = await page.$$eval('#state-diagram g.state', (els) => els.map((e) => e.getAttribute('data-state')));
    assert.deepEqual(states, [...STATE_IDS]);
    const edges = await page.$$eval('#state-diagram g.edge', (els) => els.map((e) => e.getAttribute('data-transition')).sort());
    assert.deepEqual(edges, TRANSITIONS.filter((t) => t.drawn).map((t) => t.id).sort());
    // Transitions that are real but not drawn are listed, so nothing is hidden from the learner.
    const listed = await page.$$eval('#not-drawn [data-select]', (els) => els.map((e) => e.getAttribute('data-select')));
    for (const t of TRANSITIONS.filter((x) => !x.drawn)) assert.ok(listed.includes(`transition:${t.id}`), t.id);
  });

  it('gives every state and arrow a role, a tab stop and a spoken label', async () => {
    await openTutor(page, env.server, initMessage('en'), 'diagram');
    const nodes = await page.$$eval('#state-diagram g.state, #state-diagram g.edge', (els) =>
      els.map((e) => ({ role: e.getAttribute('role'), tab: e.getAttribute('tabindex'), label: e.getAttribute('aria-label') ?? '' })),
    );
    for (const n of nodes) {
      assert.equal(n.role, 'button');
      assert.equal(n.tab, '0');
      assert.ok(n.label.length > 10, n.label);
    }
    const timeWait = await page.getAttribute('g.state[data-state="TIME-WAIT"]', 'aria-label');
    assert.match(timeWait ?? '', /^TIME-WAIT, /);
    const edge = await page.getAttribute('g.edge[data-transition="syn-sent-established"]', 'aria-label');
    assert.match(edge ?? '', /^From SYN-SENT to ESTABLISHED: /);
  });

  it('explains a state when it is clicked, and reports the selection to the host', async () => {
    await openTutor(page, env.server, initMessage('en'), 'diagram');
    await page.click('g.state[data-state="TIME-WAIT"]');
    assert.equal(await page.textContent('#details-title'), 'TIME-WAIT');
    assert.equal(await page.textContent('#details-netstat'), 'TIME_WAIT');
    assert.equal(await page.textContent('#details-ss'), 'TIME-WAIT');
    assert.ok(((await page.textContent('#details-meaning')) ?? '').length > 10);
    assert.equal(await page.getAttribute('g.state[data-state="TIME-WAIT"]', 'aria-pressed'), 'true');
    const msgs = await posted(page);
    assert.deepEqual(msgs.at(-1), { type: 'diagram/selected', selection: { kind: 'state', id: 'TIME-WAIT' } });
    assert.match((await page.textContent('#announcer')) ?? '', /TIME-WAIT/);
  });

  it('explains a transition when it is clicked, with links to both ends', async () => {
    await openTutor(page, env.server, initMessage('en'), 'diagram');
    // Click a point on the arrow itself, as a learner would.
    const point = await page.$eval('g.edge[data-transition="fin-wait-1-time-wait"] .edge-line', (e) => {
      const line = e as SVGPolylineElement;
      const p = line.getPointAtLength(line.getTotalLength() * 0.3);
      const m = line.getScreenCTM() as DOMMatrix;
      return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
    });
    await page.mouse.click(point.x, point.y);
    assert.equal(await page.textContent('#details-title'), 'FIN-WAIT-1 → TIME-WAIT');
    await page.click('#details button[data-select="state:TIME-WAIT"]');
    assert.equal(await page.textContent('#details-title'), 'TIME-WAIT');
    // Following a link moves keyboard focus to the state on the diagram.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-state')), 'TIME-WAIT');
  });

  it('is operable by keyboard: Tab, Enter, Space, arrow keys and Escape', async () => {
    await openTutor(page, env.server, initMessage('en'), 'diagram');
    await page.focus('g.state[data-state="CLOSED"]');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-state')), 'LISTEN');
    await page.keyboard.press('Enter');
    assert.equal(await page.textContent('#details-title'), 'LISTEN');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-state'));
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'ESTABLISHED');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'CLOSING');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(), 'LAST-ACK');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'CLOSE-WAIT');
    await page.keyboard.press(' ');
    assert.equal(await page.textContent('#details-title'), 'CLOSE-WAIT');
    await page.keyboard.press('Escape');
    assert.equal(await page.getAttribute('g.state[data-state="CLOSE-WAIT"]', 'aria-pressed'), 'false');
    const msgs = await posted(page);
    assert.deepEqual(msgs.at(-1), { type: 'diagram/selected', selection: null });
    // Every transition is reachable with Tab after the states.
    await page.focus('g.state[data-state="TIME-WAIT"]');
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('edge')));
    await page.keyboard.press('Enter');
    assert.match((await page.textContent('#details-title')) ?? '', /→/);
  });

  it('keeps its selection and zoom across a reload through getState/setState', async () => {
    await openTutor(page, env.server, initMessage('en'), 'diagram');
    await page.click('g.state[data-state="CLOSE-WAIT"]');
    await page.click('#zoom-in');
    const saved = (await savedState(page)) as { selection: unknown; zoom: unknown };
    assert.deepEqual(saved.selection, { kind: 'state', id: 'CLOSE-WAIT' });
    assert.equal(typeof saved.zoom, 'number');
    env.server.savedState = saved;
    await openTutor(page, env.server, initMessage('en'), 'diagram');
    assert.equal(await page.textContent('#details-title'), 'CLOSE-WAIT');
    assert.notEqual(await page.getAttribute('#state-diagram', 'width'), null);
  });

  it('tells the host what to keep, and falls back to the host\'s copy when it has no state of its own', async () => {
    await openTutor(page, env.server, initMessage('en'), 'diagram');
    await page.click('g.state[data-state="LAST-ACK"]');
    const kept = (await posted(page)).filter((m) => m.type === 'saveViewState').at(-1);
    assert.deepEqual(kept, { type: 'saveViewState', state: { selection: { kind: 'state', id: 'LAST-ACK' }, zoom: 'fit', tab: 'diagram' } });
    // A reloaded webview view starts without getState; the host sends what it kept.
    env.server.savedState = null;
    await openTutor(page, env.server, { ...initMessage('en'), saved: { selection: { kind: 'state', id: 'LAST-ACK' }, zoom: 'fit', tab: 'diagram' } }, 'diagram');
    assert.equal(await page.textContent('#details-title'), 'LAST-ACK');
    // The webview's own state wins over the host's copy.
    env.server.savedState = { selection: { kind: 'state', id: 'LISTEN' }, zoom: 'fit' };
    await openTutor(page, env.server, { ...initMessage('en'), saved: { selection: { kind: 'state', id: 'LAST-ACK' }, zoom: 'fit', tab: 'diagram' } }, 'diagram');
    assert.equal(await page.textContent('#details-title'), 'LISTEN');
  });

  it('drops a saved selection that no longer exists instead of failing', async () => {
    env.server.savedState = { selection: { kind: 'state', id: 'NO-SUCH-STATE' }, zoom: 'huge' };
    await openTutor(page, env.server, initMessage('en'), 'diagram');
    assert.equal(await page.textContent('#details-title'), 'Nothing selected');
  });

  it('speaks Chinese when the host says so, and switches language live', async () => {
    await openTutor(page, env.server, initMessage('zh-cn'), 'diagram');
    assert.equal(await page.getAttribute('#app', 'data-locale'), 'zh-cn');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.match((await page.textContent('h1')) ?? '', /状态/);
    await page.click('g.state[data-state="SYN-SENT"]');
    const labels = await page.$$eval('#details dt', (els) => els.map((e) => e.textContent ?? ''));
    assert.ok(labels.every((l) => /[\u4e00-\u9fff]/.test(l)), labels.join('|'));
    await sendToWebview(page, initMessage('en'));
    await page.waitForSelector('#app[data-locale="en"][data-ready="true"]');
    assert.equal(await page.textContent('#details-title'), 'SYN-SENT');
    assert.match((await page.textContent('#details dt')) ?? '', /[A-Za-z]/);
  });

  it('asks the host to change the language and to open an editor tab', async () => {
    await openTutor(page, env.server, initMessage('en'), 'diagram');
    await page.click('#language');
    await page.getByRole('option', { name: '简体中文' }).click();
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'setLanguage'));
    const msgs = await posted(page);
    assert.deepEqual(msgs.find((m) => m.type === 'setLanguage'), { type: 'setLanguage', language: 'zh-cn' });
    await page.click('#open-in-editor');
    assert.deepEqual((await posted(page)).at(-1), { type: 'openInEditor' });
  });

  it('offers no "open in editor" button inside the editor tab itself', async () => {
    await openTutor(page, env.server, initMessage('en', 'panel'), 'diagram');
    assert.equal(await page.$('#open-in-editor'), null);
  });

  it('ignores messages it does not understand', async () => {
    await openTutor(page, env.server, initMessage('en'), 'diagram');
    await sendToWebview(page, { type: 'nonsense' });
    await sendToWebview(page, null);
    await sendToWebview(page, 'init');
    assert.equal(await page.getAttribute('#app', 'data-ready'), 'true');
  });

  it('hides arrow labels when the drawing is too narrow to read them, and shows them when zoomed', async () => {
    await page.setViewportSize({ width: 300, height: 800 });
    await openTutor(page, env.server, initMessage('en'), 'diagram');
    assert.ok(await page.$eval('#state-diagram', (e) => e.classList.contains('compact')));
    await page.click('#zoom-in');
    await page.waitForFunction(() => !document.querySelector('#state-diagram')?.classList.contains('compact'));
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.click('#zoom-fit');
    assert.ok(!(await page.$eval('#state-diagram', (e) => e.classList.contains('compact'))));
  });

  it('keeps every arrow label inside the drawing, in both languages', async () => {
    for (const locale of ['en', 'zh-cn'] as const) {
      await page.setViewportSize({ width: 1400, height: 1000 });
      await openTutor(page, env.server, initMessage(locale, 'panel'), 'diagram');
      const outside = await page.$$eval('.edge-label-text', (els) => {
        const svgEl = document.querySelector('#state-diagram') as SVGSVGElement;
        const w = svgEl.viewBox.baseVal.width;
        return els
          .map((e) => ({ id: e.closest('.edge')?.getAttribute('data-transition'), box: (e as SVGTextElement).getBBox() }))
          .filter(({ box }) => box.x < 0 || box.x + box.width > w)
          .map(({ id }) => id);
      });
      assert.deepEqual(outside, [], locale);
    }
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeName[]) {
    for (const [name, width] of [['narrow', 360], ['wide', 1280]] as const) {
      it(`renders in the ${theme} theme, ${name} (screenshot)`, async () => {
        env.server.theme = theme;
        await page.setViewportSize({ width, height: 1000 });
        await openTutor(page, env.server, initMessage(theme === 'dark' ? 'zh-cn' : 'en', width > 1000 ? 'panel' : 'view'), 'diagram');
        await page.click('g.state[data-state="FIN-WAIT-1"]');
        await page.screenshot({ path: join(SHOTS, `diagram-${theme}-${name}.png`), fullPage: true });
        // The state box must stand out from the background in every theme.
        const colours = await page.$eval('g.state[data-state="LISTEN"] .state-box', (e) => {
          const cs = getComputedStyle(e);
          return { stroke: cs.stroke, bg: getComputedStyle(document.body).backgroundColor };
        });
        assert.notEqual(colours.stroke, colours.bg);
      });
    }
  }
});
