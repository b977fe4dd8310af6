/**
 * The capture editor's page (dist/capture-view.js, dist/capture-view.css) in headless Chromium under
 * the extension's CSP, fed the view model the host builds from a real capture (made with
 * tcpdump; test/fixtures/captures). It must list the connections, ask for the chosen one,
 * draw both endpoints' states with proven and inferred ones different in shape, show a
 * segment's fields and acceptability check, and ask to open the connection in the sandbox.
 */
import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { renderHtml } from '../../src/host/webviewHtml';
import { analyzeCapture } from '../../src/core/capture/index';
import { captureDetail, captureSummary } from '../../src/host/capture/model';
import { captureStrings } from '../../src/i18n/capture';
import type { ToCaptureMessage } from '../../src/shared/capture/messages';
import { parseCaptureMessage } from '../../src/shared/capture/messages';
import type { Locale } from '../../src/i18n/types';
import { launch } from './harness';
import type { ThemeName } from './themes';
import { THEMES } from './themes';

const ROOT = join(__dirname, '..', '..');
const SHOTS = join(ROOT, 'test-results', 'webview');
const NONCE = 'capture-nonce-0123456789';
const FIXTURE = join(ROOT, 'test/fixtures/captures/two-interfaces.pcapng');

const fakeApi = `window.__posted = []; window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))), getState: () => null, setState: () => {} });`;

async function serve(theme: () => ThemeName): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const origin = `http://${req.headers.host}`;
    if (path === '/') {
      let html = renderHtml({ cspSource: origin, scriptUri: `${origin}/dist/capture-view.js`, styleUri: `${origin}/dist/capture-view.css`, lang: 'en', nonce: NONCE });
      html = html.replace('<body>', `<body class="${THEMES[theme()].bodyClass}">`);
      html = html.replace(`<script nonce="${NONCE}" src`, `<script nonce="${NONCE}" src="${origin}/fake-api.js"></script>\n<script nonce="${NONCE}" src`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (path === '/fake-api.js') {
      const vars = Object.entries(THEMES[theme()].vars)
        .map(([k, v]) => `document.documentElement.style.setProperty(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
        .join('\n');
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(`${fakeApi}\n${vars}`);
    } else if (path === '/dist/capture-view.js' || path === '/dist/capture-view.css') {
      res.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/css' }).end(readFileSync(join(ROOT, path)));
    } else if (path === '/favicon.ico') res.writeHead(204).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

const analysis = analyzeCapture(new Uint8Array(readFileSync(FIXTURE)));
const init = (locale: Locale): ToCaptureMessage => ({ type: 'capture/init', locale, strings: captureStrings(locale), summary: captureSummary('two-interfaces.pcapng', analysis), selected: null });

async function send(page: Page, m: ToCaptureMessage): Promise<void> {
  await page.evaluate((msg) => window.postMessage(msg, '*'), m);
}
async function posted(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
}

describe('webview: capture editor', function () {
  let browser: Browser;
  let site: { url: string; server: Server };
  let theme: ThemeName = 'dark';
  let page: Page;
  const errors: string[] = [];

  before(async function () {
    for (const f of ['dist/capture-view.js', 'dist/capture-view.css']) if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run npm run build first.`);
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch();
    site = await serve(() => theme);
  });
  after(async () => {
    await browser?.close();
    await new Promise<void>((r) => site?.server.close(() => r()));
  });
  beforeEach(async () => {
    errors.length = 0;
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(site.url);
  });
  afterEach(async () => {
    const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    await page.close();
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
  });

  it('asks for its data, lists the connections, and asks for the one chosen', async () => {
    assert.deepEqual(await posted(page), [{ type: 'capture/ready' }]);
    await send(page, init('en'));
    await page.waitForSelector('#app[data-ready="true"]');
    const rows = await page.$$eval('.cap-table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    assert.equal(rows.length, 2);
    assert.equal(rows[0][0], analysis.connections[0].client);
    assert.equal(rows[0][1], analysis.connections[0].server);
    assert.equal(rows[0][2], String(analysis.connections[0].segments));
    assert.match(rows[1][5] ?? '', /simultaneous close/);
    assert.match(await page.textContent('.cap-summary') ?? '', /pcapng, link type 1, 21 packets, 21 TCP segments, 2 connections/);
    await page.click('button.cap-pick[data-connection="1"]');
    const last = (await posted(page)).at(-1);
    assert.deepEqual(last, { type: 'capture/select', id: 1 });
    // Everything the page sends passes the host's validator.
    for (const m of await posted(page)) assert.ok(parseCaptureMessage(m).ok);
  });

  for (const [locale, th] of [['en', 'dark'], ['zh-cn', 'light'], ['en', 'high-contrast']] as const) {
    it(`draws both state columns, proven solid and inferred dashed (${locale}, ${th})`, async () => {
      theme = th;
      await page.reload();
      await send(page, init(locale));
      await page.waitForSelector('#app[data-ready="true"]');
      await page.click('button.cap-pick[data-connection="1"]');
      const c = analysis.connections[1];
      await send(page, { type: 'capture/detail', detail: captureDetail(1, c) });
      await page.waitForSelector('svg.cap-ladder g.cap-state');
      // Read the boxes once every rect has a computed style: one CI run read an empty
      // stroke-dasharray for a box drawn a moment before (styles not yet resolved), so the
      // check waits for that condition rather than reading once.
      const boxes = (await (
        await page.waitForFunction(() => {
          const gs = [...document.querySelectorAll('svg.cap-ladder g.cap-state')];
          const read = gs.map((g) => ({ side: g.getAttribute('data-side'), state: g.getAttribute('data-state'), proven: g.getAttribute('data-proven'), dash: getComputedStyle(g.querySelector('rect') as Element).strokeDasharray, rx: (g.querySelector('rect') as Element).getAttribute('rx') }));
          return read.length > 0 && read.every((b) => b.dash !== '') ? read : null;
        }, undefined, { timeout: 10_000 })
      ).jsonValue()) as { side: string | null; state: string | null; proven: string | null; dash: string; rx: string | null }[];
      for (const side of ['client', 'server'] as const) {
        assert.deepEqual(
          boxes.filter((b) => b.side === side).map((b) => b.state),
          c.states[side],
          side,
        );
      }
      const expected = c.changes.map((ch) => String(ch.proven));
      assert.deepEqual(boxes.map((b) => b.proven).sort(), expected.sort());
      for (const b of boxes) {
        if (b.proven === 'true') assert.ok(b.dash === 'none' && b.rx === '0', JSON.stringify(b));
        else assert.ok(b.dash !== 'none' && b.rx !== '0', JSON.stringify(b));
      }
      assert.ok(boxes.some((b) => b.proven === 'true') && boxes.some((b) => b.proven === 'false'));
      // A segment: its fields and the receiver's check.
      await page.focus('svg.cap-ladder g.segment[data-segment="5"]');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.cap-fields dl');
      const text = (await page.textContent('.cap-fields')) ?? '';
      assert.match(text, /SEG\.SEQ = \d+[,，]\s?SEG\.LEN = 1[,，]\s?RCV\.NXT = \d+/);
      assert.match(text, locale === 'en' ? /Acceptable: it starts exactly at RCV\.NXT/ : /可接受：它正好从 RCV\.NXT/);
      await page.screenshot({ path: join(SHOTS, `capture-${locale}-${th}.png`), fullPage: true });
      await page.click('button.cap-open');
      assert.deepEqual((await posted(page)).at(-1), { type: 'capture/openInSandbox', id: 1 });
      theme = 'dark';
    });
  }

  it('says why a file is not a capture', async () => {
    await send(page, { type: 'capture/error', locale: 'en', strings: captureStrings('en'), file: 'notes.pcap', message: 'not a pcap or pcapng file: it starts with 0x68656c6c (text)' });
    await page.waitForSelector('#app[data-ready="true"]');
    assert.match((await page.textContent('[role="alert"]')) ?? '', /cannot be read as a capture: not a pcap or pcapng file/);
  });

  it('shows what came before a cut, and says where the file broke', async () => {
    const bytes = readFileSync(join(ROOT, 'test/fixtures/captures/normal.pcap'));
    const cut = analyzeCapture(new Uint8Array(bytes.subarray(0, bytes.length - 20)));
    await send(page, { type: 'capture/init', locale: 'en', strings: captureStrings('en'), summary: captureSummary('cut.pcap', cut), selected: null });
    await page.waitForSelector('#app[data-ready="true"]');
    assert.match((await page.textContent('[role="alert"]')) ?? '', /cut short at packet 10/);
    assert.equal(await page.$$eval('.cap-table tbody tr', (r) => r.length), 1);
  });
});
