import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSuite, cspViolations, initMessage, openTutor, posted, sendToWebview } from './harness';
import type { ThemeName } from './themes';
import type { Locale } from '../../src/i18n/types';
import { DOCTOR_TEXT } from '../../src/i18n/doctor';
import { parseWebviewMessage } from '../../src/shared/protocol';
import type { FromConnectionsMessage, ToConnectionsMessage } from '../../src/shared/protocol';
import type { ConnectionsView } from '../../src/host/doctor/presenter';
import { ConnectionsPresenter } from '../../src/host/doctor/presenter';
import type { LiveResult } from '../../src/node/doctor/live';
import { readSysctls } from '../../src/node/doctor/live';
import { parseConnections } from '../../src/core/doctor/parse';
import { DEFAULT_THRESHOLDS } from '../../src/core/doctor/types';
import { COURSE } from '../../src/core/course/content';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'webview');
const FIXTURES = join(__dirname, '..', 'fixtures', 'doctor');

/** A big ss table: n sockets, mostly TIME-WAIT toward a few servers, some CLOSE-WAIT. */
function bigTable(n: number): string {
  const lines = ['State Recv-Q Send-Q Local Address:Port Peer Address:Port Process'];
  for (let i = 0; i < n; i++) {
    const state = i % 50 === 0 ? 'CLOSE-WAIT' : i % 3 === 0 ? 'ESTAB' : 'TIME-WAIT';
    lines.push(`${state} 0 0 10.0.${(i >> 8) & 255}.${i & 255}:${1024 + (i % 60000)} 10.1.0.${i % 7}:${i % 2 ? 443 : 3306}`);
  }
  return lines.join('\n');
}

/** Plays the extension host: the real presenter, with a live table read from a fixture. */
class Host implements ConnectionsView {
  readonly intents: FromConnectionsMessage[] = [];
  readonly lessons: string[] = [];
  presenter: ConnectionsPresenter;
  liveText: string;

  constructor(
    private readonly page: Page,
    locale: Locale,
    liveText: string,
  ) {
    this.liveText = liveText;
    this.presenter = new ConnectionsPresenter({
      liveAvailable: true,
      locale: () => locale,
      text: (l) => DOCTOR_TEXT[l],
      lessonTitle: (id, l) => COURSE.lessons.find((x) => x.id === id)?.title[l] ?? id,
      settings: () => ({ thresholds: DEFAULT_THRESHOLDS, refreshSeconds: 3600, owners: false }),
      readLive: async (): Promise<LiveResult> => {
        const parsed = parseConnections(this.liveText);
        if (!parsed.ok) return { ok: false, message: parsed.message };
        return { ok: true, parsed, portRange: [32768, 60999], sysctls: await readSysctls(), ownersPartial: false };
      },
      openLesson: (lesson) => this.lessons.push(lesson),
      log: () => undefined,
      clock: () => '12:00:00',
    });
  }

  async attach(): Promise<void> {
    await this.page.exposeFunction('__toHost', (raw: unknown) => {
      const parsed = parseWebviewMessage(raw);
      if (!parsed.ok || !parsed.message.type.startsWith('connections/')) return;
      this.intents.push(parsed.message as FromConnectionsMessage);
      this.presenter.receive(parsed.message as FromConnectionsMessage, this);
    });
  }

  post(message: ToConnectionsMessage): void {
    // In order, as VS Code delivers a webview's messages.
    this.queue = this.queue.then(() => sendToWebview(this.page, message)).catch(() => undefined);
  }

  private queue: Promise<void> = Promise.resolve();
}

describe('webview: connections', function () {
  const env = browserSuite(SHOTS);
  let context: BrowserContext;
  let page: Page;
  let host: Host;
  const errors: string[] = [];

  async function open(options: { locale?: Locale; live?: string; width?: number; theme?: ThemeName; features?: boolean } = {}): Promise<void> {
    const locale = options.locale ?? 'en';
    env.server.theme = options.theme ?? 'dark';
    context = await env.browser.newContext({ viewport: { width: options.width ?? 1300, height: 1000 }, reducedMotion: 'reduce' });
    page = await context.newPage();
    errors.length = 0;
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    host = new Host(page, locale, options.live ?? readFileSync(join(FIXTURES, 'ss-tanp.txt'), 'utf8'));
    await host.attach();
    await openTutor(page, env.server, { ...initMessage(locale, 'panel'), capabilities: { localOS: options.features ?? true } });
    if (options.features === false) return;
    host.presenter.show(host);
    await page.waitForSelector('#connections-title', { state: 'attached' });
  }

  /** Shows the tab and waits for a table of `total` sockets to be drawn. */
  async function showTab(total: number): Promise<void> {
    await page.click('vscode-tab-header[data-tab="connections"]');
    await page.waitForSelector('#connections', { state: 'visible' });
    await page.waitForFunction((n) => document.querySelector('#connections')?.getAttribute('data-total') === String(n) && document.querySelector('#connections')?.getAttribute('data-complete') === 'true', total);
  }

  afterEach(async () => {
    host?.presenter.dispose();
    const violations = page ? await cspViolations(page).catch(() => []) : [];
    await context?.close();
    assert.deepEqual(violations, [], 'the page broke its Content Security Policy');
    assert.deepEqual(errors, [], 'the page logged errors');
  });

  it('is absent where the host cannot read sockets (the web build)', async () => {
    await open({ features: false });
    assert.equal(await page.$('vscode-tab-header[data-tab="connections"]'), null);
  });

  it('shows the live table: histogram with both spellings, the CLOSE-WAIT finding with its lesson, the sysctls', async () => {
    await open();
    await showTab(35);
    assert.ok((await posted(page)).some((m) => m.type === 'connections/visible' && m.visible === true), 'tells the host it is on screen');
    const bar = await page.getAttribute('.bar[data-state="CLOSE-WAIT"]', 'aria-label');
    assert.equal(bar, 'CLOSE-WAIT (CLOSE-WAIT / CLOSE_WAIT): 2');
    assert.equal(await page.getAttribute('.bar[data-state="ESTABLISHED"]', 'aria-label'), 'ESTABLISHED (ESTAB / ESTABLISHED): 14');
    assert.equal(await page.getAttribute('.bar[data-state="SYN-RECEIVED"]', 'aria-label'), 'SYN-RECEIVED (SYN-RECV / SYN_RECV): 0');
    const finding = await page.textContent('.finding[data-finding="close-wait-leak"]');
    assert.match(finding ?? '', /close\(\)/);
    assert.match(finding ?? '', /No sysctl fixes it/);
    assert.match(finding ?? '', /node \(pid \d+\): 2/);
    assert.equal(await page.$$eval('.finding', (els) => els.length), 1);
    assert.match((await page.textContent('#connections-sysctls')) ?? '', /net\.ipv4\.tcp_fin_timeout/);
    await page.screenshot({ path: join(SHOTS, 'connections-live-en.png'), fullPage: true });

    await page.click('vscode-button[data-lesson="close-wait"]');
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string; lesson?: string }[] }).__posted.some((m) => m.type === 'connections/openLesson' && m.lesson === 'close-wait'));
    await page.waitForSelector('vscode-tab-panel[data-panel="course"]', { state: 'visible' });
    assert.deepEqual(host.lessons, ['close-wait']);
  });

  it('sorts, filters and groups the table, keyboard first, with aria-sort', async () => {
    await open();
    await showTab(35);
    const cells = (col: string) => page.$$eval(`#connections-table .conn-body .col-${col}`, (els) => els.map((e) => e.textContent ?? ''));
    // Sorted by state first.
    assert.equal((await cells('state'))[0], 'LISTEN');
    await page.focus('button.sort[data-sort="state"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-sort="state"]')?.parentElement?.getAttribute('aria-sort') === 'descending');
    assert.equal((await cells('state'))[0], 'TIME-WAIT');
    await page.selectOption('#connections-state', { label: 'CLOSE-WAIT' });
    await page.waitForFunction(() => document.querySelectorAll('#connections-table .conn-body .conn-row').length === 2);
    assert.deepEqual(await cells('state'), ['CLOSE-WAIT', 'CLOSE-WAIT']);
    await page.selectOption('#connections-state', '-1');
    const v6 = readFileSync(join(FIXTURES, 'ss-tanp.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('[::1]')).length;
    await page.fill('#connections-filter', '[::1]');
    await page.waitForFunction((n) => document.querySelector('#connections-shown')?.textContent?.startsWith(`${n} of 35`), v6);
    const locals = await cells('local');
    const remotes = await cells('remote');
    assert.ok(locals.length > 0 && locals.every((x, i) => `${x} ${remotes[i]}`.includes('[::1]')));
    await page.fill('#connections-filter', '');
    await page.waitForFunction(() => document.querySelector('#connections-shown')?.textContent?.startsWith('35 of 35'));
    await page.selectOption('#connections-group', 'remote');
    await page.waitForFunction(() => document.querySelector('#connections-table')?.getAttribute('data-group') === 'remote');
    const groups = await cells('group');
    assert.ok(groups.includes('0.0.0.0:*'), groups.join());
    const counts = (await cells('count')).map(Number);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'groups sorted by count, largest first');
    await page.selectOption('#connections-group', 'local');
    await page.waitForFunction(() => document.querySelector('#connections-table')?.getAttribute('data-group') === 'local');
    assert.ok((await cells('group')).every((g) => /^(\d+|\*)$/.test(g)));
  });

  it('keeps 100k sockets virtualised: few rows in the page, the last reachable by scrolling', async () => {
    await open({ live: bigTable(100_000) });
    await showTab(100_000);
    const rendered = await page.$$eval('#connections-table .conn-body .conn-row', (els) => els.length);
    assert.ok(rendered > 5 && rendered < 80, `${rendered} rows in the DOM`);
    assert.match((await page.textContent('#connections-shown')) ?? '', /^100000 of 100000/);
    assert.equal(await page.getAttribute('.bar[data-state="TIME-WAIT"]', 'aria-label'), 'TIME-WAIT (TIME-WAIT / TIME_WAIT): 65333');
    assert.ok(await page.$('.finding[data-finding="time-wait-pileup"]'));
    assert.equal(await page.getAttribute('#connections-table', 'aria-rowcount'), '100001');
    await page.$eval('#connections-scroller', (el) => (el.scrollTop = el.scrollHeight));
    await page.waitForFunction(() => Array.from(document.querySelectorAll('#connections-table .conn-body .conn-row')).some((r) => r.getAttribute('aria-rowindex') === '100001'));
    await page.selectOption('#connections-group', 'remote');
    await page.waitForFunction(() => document.querySelectorAll('#connections-table .conn-body .conn-row').length === 14);
  });

  it('pauses and resumes, and refreshes on request', async () => {
    await open();
    await showTab(35);
    await page.click('#connections-pause');
    await page.waitForFunction(() => document.querySelector('#connections-pause')?.textContent === 'Resume');
    assert.match((await page.textContent('#connections-status')) ?? '', /Paused/);
    host.liveText = readFileSync(join(FIXTURES, 'ss-tan-state-time-wait.txt'), 'utf8');
    await page.click('#connections-refresh');
    await page.waitForFunction(() => document.querySelector('#connections')?.getAttribute('data-total') === '2');
    await page.click('#connections-pause');
    await page.waitForFunction(() => document.querySelector('#connections-pause')?.textContent === 'Pause');
    const types = host.intents.map((i) => (i.type === 'connections/pause' ? `pause:${i.paused}` : i.type));
    assert.deepEqual(types.filter((t) => t !== 'connections/visible'), ['pause:true', 'connections/refresh', 'pause:false']);
  });

  it('shows a pasted diagnosis (revealing the tab), with its note, and goes back to live', async () => {
    await open();
    const text = `$ ss -tan state time-wait\n${readFileSync(join(FIXTURES, 'ss-tan-state-time-wait.txt'), 'utf8')}`;
    const outcome = await host.presenter.diagnose(text.replace('$ ss -tan state time-wait\n', ''), 'Untitled-1');
    assert.ok(outcome.ok);
    await page.waitForSelector('#connections', { state: 'visible' });
    await page.waitForFunction(() => document.querySelector('#connections')?.getAttribute('data-source') === 'pasted');
    assert.match((await page.textContent('#connections-status')) ?? '', /Pasted output: Untitled-1 · Format: ss · 2 sockets/);
    assert.match((await page.textContent('.connections-notices')) ?? '', /no State column.*TIME-WAIT/);
    assert.equal(await page.$('#connections-pause'), null);
    await page.click('#connections-live');
    await page.waitForFunction(
      () => document.querySelector('#connections')?.getAttribute('data-source') === 'live' && document.querySelector('#connections')?.getAttribute('data-total') === '35',
    );
  });

  for (const [locale, theme] of [
    ['zh-cn', 'dark'],
    ['en', 'light'],
    ['en', 'high-contrast'],
  ] as const) {
    it(`reads well in ${locale}, ${theme} (screenshot)`, async () => {
      await open({ locale, theme, width: 1100 });
      await showTab(35);
      if (locale === 'zh-cn') {
        assert.equal(await page.textContent('vscode-tab-header[data-tab="connections"]'), '连接');
        assert.match((await page.textContent('.finding')) ?? '', /没有哪个 sysctl/);
        assert.match((await page.textContent('#connections-status')) ?? '', /共 35 个套接字/);
      }
      await page.screenshot({ path: join(SHOTS, `connections-${locale}-${theme}.png`), fullPage: true });
    });
  }

  it('fits the narrow side panel', async () => {
    await open({ width: 420 });
    await showTab(35);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: join(SHOTS, 'connections-narrow.png'), fullPage: true });
  });
});
