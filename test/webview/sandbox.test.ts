import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { FakeSandboxHost, cspViolations, initMessage, browserSuite, openTutor, posted } from './harness';
import type { ThemeName } from './themes';
import type { Locale } from '../../src/i18n/types';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'webview');

describe('webview: sandbox', function () {
  const env = browserSuite(SHOTS);
  let context: BrowserContext;
  let page: Page;
  let host: FakeSandboxHost;
  const errors: string[] = [];

  async function open(width = 1400, locale: Locale = 'en', hostKind: 'view' | 'panel' = 'panel'): Promise<void> {
    context = await env.browser.newContext({ viewport: { width, height: 1000 }, reducedMotion: 'reduce' });
    page = await context.newPage();
    errors.length = 0;
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    host = new FakeSandboxHost(page, locale);
    await host.attach();
    await openTutor(page, env.server, initMessage(locale, hostKind));
    await host.send();
    await page.click('vscode-tab-header[data-tab="sandbox"]');
    await page.waitForSelector('#sandbox', { state: 'visible' });
  }

  beforeEach(() => {
    env.server.savedState = null;
    env.server.theme = 'dark';
  });

  afterEach(async () => {
    const violations = page ? await cspViolations(page).catch(() => []) : [];
    await context?.close();
    assert.deepEqual(violations, [], 'the page broke its Content Security Policy');
    assert.deepEqual(errors, [], 'the page logged errors');
  });

  const badge = (e: 'A' | 'B') => page.textContent(`#sb-${e}-state`);
  const waitState = (e: 'A' | 'B', state: string) => page.waitForFunction(([id, s]) => document.querySelector(`#sb-${id}-state`)?.textContent === s, [e, state] as const);
  const deliverFirst = async () => {
    await page.click('#sb-in-flight li:first-child [data-action="deliver"]');
  };

  it('plays the three-way handshake by clicking, and announces each transition', async () => {
    await open();
    assert.equal(await badge('A'), 'CLOSED');
    await page.click('#sb-B-listen');
    await waitState('B', 'LISTEN');
    await page.click('#sb-A-connect');
    await waitState('A', 'SYN-SENT');
    assert.match((await page.textContent('#sb-in-flight')) ?? '', /A → B: SYN seq=100/);
    await deliverFirst();
    await waitState('B', 'SYN-RECEIVED');
    assert.match((await page.textContent('#announcer')) ?? '', /B: LISTEN to SYN-RECEIVED, sent SYN,ACK seq=300 ack=101/);
    await deliverFirst();
    await waitState('A', 'ESTABLISHED');
    assert.equal(await badge('B'), 'SYN-RECEIVED', 'the env.server is not ESTABLISHED before the final ACK arrives');
    await deliverFirst();
    await waitState('B', 'ESTABLISHED');
    // Each endpoint's diagram marks its current state and the edge it just took.
    assert.ok(await page.$('#sb-B-diagram g.state.current[data-state="ESTABLISHED"]'));
    assert.ok(await page.$('#sb-B-diagram g.edge.last[data-transition="syn-received-established"]'));
    assert.ok(await page.$('#sb-A-diagram g.edge.last[data-transition="syn-sent-established"]'));
    const drawn = await page.$$eval('svg.ladder g.segment.delivered', (els) => els.length);
    assert.equal(drawn, 3);
    assert.match((await page.textContent('#sb-in-flight')) ?? '', /Nothing is in flight/);
  });

  it('offers only legal calls, and says why the others are not', async () => {
    await open();
    const close = await page.$('#sb-A-close');
    assert.equal(await close?.getAttribute('aria-disabled'), 'true');
    assert.match((await close?.getAttribute('title')) ?? '', /^close\(\) in CLOSED: there is no connection/);
    await page.click('#sb-B-listen');
    await waitState('B', 'LISTEN');
    assert.match((await page.getAttribute('#sb-B-send', 'title')) ?? '', /send\(\) in LISTEN: a listening endpoint has no peer/);
    assert.equal(await page.getAttribute('#sb-B-close', 'aria-disabled'), null, 'close() in LISTEN is legal');
    const before = (await posted(page)).length;
    await page.click('#sb-B-listen', { force: true }); // illegal now: nothing is sent to the host
    assert.equal((await posted(page)).filter((m) => m.type === 'sandbox/call').length, (await posted(page)).slice(0, before).filter((m) => m.type === 'sandbox/call').length);
    assert.match((await page.textContent('#announcer')) ?? '', /listen\(\) in LISTEN/);
  });

  it('shows a segment’s fields and the receiver’s acceptability check on focus', async () => {
    await open();
    await page.click('#sb-B-listen');
    await page.click('#sb-A-connect');
    await waitState('A', 'SYN-SENT');
    await deliverFirst();
    await deliverFirst();
    await deliverFirst();
    await waitState('B', 'ESTABLISHED');
    await page.click('#sb-A-send');
    await page.waitForSelector('#sb-in-flight [data-action="deliver"]');
    await deliverFirst();
    await page.waitForFunction(() => document.querySelectorAll('svg.ladder g.segment.delivered').length === 4);
    await page.locator('svg.ladder g.segment.delivered').last().focus();
    const text = (await page.textContent('#sb-inspector')) ?? '';
    assert.match(text, /seq 101 = RCV\.NXT 101: in window/);
    assert.match(text, /Data octets100/);
  });

  it('keeps the inspector current: a segment shown in flight reads delivered once it arrives', async () => {
    await open();
    await page.click('#sb-B-listen');
    await page.click('#sb-A-connect');
    await waitState('A', 'SYN-SENT');
    await page.locator('svg.ladder g.segment.in-flight').first().focus();
    assert.match((await page.textContent('#sb-inspector')) ?? '', /What became of itin flight/);
    // Deliver by keyboard: with the mouse, the next in-flight row appears under the pointer and
    // hovering it (rightly) moves the inspector to that segment.
    await page.focus('#sb-in-flight li:first-child [data-action="deliver"]');
    await page.keyboard.press('Enter');
    await waitState('B', 'SYN-RECEIVED');
    assert.match((await page.textContent('#sb-inspector h3')) ?? '', /^A → B: SYN seq=100$/);
    await page.waitForFunction(() => /What became of itdelivered/.test(document.querySelector('#sb-inspector')?.textContent ?? ''));
  });

  it('loses, duplicates and reorders segments, and waits for a timer in one click', async () => {
    await open();
    await page.click('#sb-A-connect');
    await waitState('A', 'SYN-SENT');
    await page.click('#sb-in-flight [data-action="drop"]');
    await page.waitForSelector('svg.ladder g.segment.dropped');
    assert.match((await page.textContent('#sb-advance')) ?? '', /retransmission timeout \(A, t = 1\.000 s\)/);
    await page.click('#sb-advance');
    await page.waitForFunction(() => document.querySelector('#sb-clock')?.textContent === 't = 1.000 s');
    assert.match((await page.textContent('#sb-in-flight')) ?? '', /SYN seq=100 \(retransmission\)/);
    await page.click('#sb-in-flight [data-action="duplicate"]');
    await page.waitForFunction(() => document.querySelectorAll('#sb-in-flight li').length === 2);
    // The second one can overtake the first.
    assert.match((await page.textContent('#sb-in-flight li:nth-child(2) [data-action="deliver"]')) ?? '', /Deliver first/);
    await page.click('#sb-in-flight li:nth-child(2) [data-action="deliver"]');
    // Nobody listens on B: it answers the SYN with RST,ACK; delivered, that refuses A's connect().
    await page.waitForFunction(() => /B → A: RST,ACK seq=0 ack=101/.test(document.querySelector('#sb-in-flight')?.textContent ?? ''));
    await page.click('#sb-in-flight li:nth-child(2) [data-action="deliver"]');
    await waitState('A', 'CLOSED');
    assert.match((await page.textContent('#sb-A-status')) ?? '', /Connection refused/);
    await page.click('#sb-deliver-all');
    await page.waitForFunction(() => /Nothing is in flight/.test(document.querySelector('#sb-in-flight')?.textContent ?? ''));
  });

  it('forges a segment: a SYN injected into a listening B', async () => {
    await open();
    await page.click('#sb-B-listen');
    await waitState('B', 'LISTEN');
    await page.click('#sb-forge summary');
    await page.check('#sb-forge-flag-syn');
    await page.fill('#sb-forge-seq', '50');
    await page.click('#sb-forge-send');
    await waitState('B', 'SYN-RECEIVED');
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'sandbox/inject').at(-1), { type: 'sandbox/inject', to: 'B', flags: ['SYN'], seq: 50, ack: null, len: 0 });
    assert.ok(await page.$('svg.ladder g.segment.injected'), 'the forged segment is drawn as forged');
    // Nothing chosen: nothing is sent, and the learner hears why.
    await page.uncheck('#sb-forge-flag-syn');
    await page.click('#sb-forge-send');
    assert.match((await page.textContent('#announcer')) ?? '', /Choose at least one flag/);
  });

  it('steps back and forward (buttons and arrow keys), and branches without losing the old path', async () => {
    await open();
    await page.click('#sb-B-listen');
    await page.click('#sb-A-connect');
    await waitState('A', 'SYN-SENT');
    await deliverFirst();
    await waitState('B', 'SYN-RECEIVED');
    assert.equal(await page.textContent('#sb-timeline-status'), 'Step 3 of 3');
    await page.click('#sb-back');
    await waitState('B', 'LISTEN');
    await page.focus('#sb-A-state');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.querySelector('#sb-timeline-status')?.textContent === 'Step 1 of 3');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await waitState('B', 'SYN-RECEIVED');
    await page.click('#sb-back');
    await waitState('B', 'LISTEN');
    await page.click('#sb-in-flight [data-action="drop"]');
    await page.waitForSelector('#sb-branch', { state: 'visible' });
    assert.equal(host.controller.session.branchCount, 2);
    assert.equal(await page.textContent('#sb-timeline-status'), 'Step 3 of 3');
    await page.click('#sb-reset');
    await page.waitForFunction(() => document.querySelector('#sb-timeline-status')?.textContent === 'Step 0 of 0');
    assert.equal(host.controller.session.branchCount, 1);
  });

  it('starts a preset story, replays it under another variant, and exports', async () => {
    await open();
    await page.click('#sb-preset');
    await page.getByRole('option', { name: /lost.*ACK.*TIME-WAIT|TIME-WAIT.*lost/i }).first().click();
    await page.waitForSelector('#sb-watch:not([hidden])');
    assert.match((await page.textContent('#sb-watch')) ?? '', /^Watch for: /);
    assert.equal(await page.textContent('#sb-timeline-status'), `Step 0 of ${host.controller.session.length}`);
    await page.click('#sb-variant');
    await page.getByRole('option', { name: 'What if: no TIME-WAIT' }).click();
    for (let i = 0; i < 50 && host.controller.session.settings.variant !== 'no-time-wait'; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(host.controller.session.settings.variant, 'no-time-wait');
    await page.waitForFunction(() => /now replayed under “What if: no TIME-WAIT”, Linux timers/.test(document.querySelector('#sb-watch')?.textContent ?? ''));
    // Play to the end: without TIME-WAIT, the retransmitted FIN meets a RST.
    for (let i = 0; i < 40 && host.controller.session.position < host.controller.session.length; i++) {
      await page.click('#sb-forward');
      await page.waitForFunction((p) => document.querySelector('#sb-timeline-status')?.textContent?.startsWith(`Step ${p} `), i + 1);
    }
    assert.ok(await page.$('svg.ladder g.segment.rst'), 'a RST is drawn');
    assert.match((await page.textContent('#sb-B-status')) ?? '', /reset/);
    for (const format of ['mermaid', 'scenario', 'svg']) await page.click(`#sb-export-${format}`);
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'sandbox/export').length === 3);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(host.exports.map((e) => e.format), ['mermaid', 'scenario', 'svg']);
    assert.match(host.exports[0].content, /B-x|A-x|->>/);
  });

  it('shows each host\'s listener with its two queues and each connection with its ports (SYN flood with cookies)', async () => {
    await open();
    await page.click('#sb-preset');
    await page.getByRole('option', { name: /SYN flood with SYN cookies/ }).first().click();
    await page.waitForSelector('#sb-watch:not([hidden])');
    // Play until the five forged SYNs are in: the listener holds five half-open connections.
    for (let i = 0; i < 6; i++) {
      await page.click('#sb-forward');
      await page.waitForFunction((p) => document.querySelector('#sb-timeline-status')?.textContent?.startsWith(`Step ${p} `), i + 1);
    }
    await page.waitForFunction(() => /SYN queue \(5\)/.test(document.querySelector('#sb-sockets-B')?.textContent ?? ''));
    const b = (await page.textContent('#sb-sockets-B')) ?? '';
    assert.match(b, /listening on port 80 \(backlog 4\)/);
    assert.match(b, /accept queue \(0\)/);
    assert.match(b, /connection 1: port 80 to 50000 SYN-RECEIVED/);
    assert.ok(await page.$('#sb-sockets-B .sk-queue.syn[aria-label="SYN queue: 1, 2, 3, 4, 5"]'));
    // To the end: A is connected through a cookie, as B's connection 6.
    while (host.controller.session.position < host.controller.session.length) {
      const p = host.controller.session.position + 1;
      await page.click('#sb-forward');
      await page.waitForFunction((n) => document.querySelector('#sb-timeline-status')?.textContent?.startsWith(`Step ${n} `), p);
    }
    assert.match((await page.textContent('#sb-sockets-A')) ?? '', /connection 1: port 40000 to 80 ESTABLISHED/);
    assert.match((await page.textContent('#sb-sockets-B')) ?? '', /connection 6: port 80 to 40000 ESTABLISHED/);
  });

  for (const width of [300, 1600]) {
    it(`fits in ${width} px without sideways scrolling`, async () => {
      await open(width, 'zh-cn', width < 900 ? 'view' : 'panel');
      await page.click('#sb-B-listen');
      await page.click('#sb-A-connect');
      await waitState('A', 'SYN-SENT');
      await deliverFirst();
      await waitState('B', 'SYN-RECEIVED');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow} px wider than the window`);
      const clipped = await page.$$eval('#sandbox vscode-button', (els) => els.filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => e.id || e.textContent));
      assert.deepEqual(clipped, []);
    });
  }

  for (const theme of ['light', 'dark'] as ThemeName[]) {
    for (const locale of ['en', 'zh-cn'] as Locale[]) {
      for (const [name, width] of [['narrow', 340], ['wide', 1400]] as const) {
        it(`renders the sandbox in ${theme}, ${locale}, ${name} (screenshot)`, async () => {
          env.server.theme = theme;
          await open(width, locale, width > 900 ? 'panel' : 'view');
          await page.click('#sb-preset');
          await page.getByRole('option').nth(3).click();
          await page.waitForSelector('#sb-watch:not([hidden])');
          for (let i = 0; i < 6; i++) await page.click('#sb-forward');
          await page.waitForFunction(() => document.querySelector('#sb-timeline-status')?.textContent?.includes('6'));
          await page.focus('svg.ladder g.segment');
          await page.screenshot({ path: join(SHOTS, `sandbox-${theme}-${locale}-${name}.png`), fullPage: true });
        });
      }
    }
  }
});
