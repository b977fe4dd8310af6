/**
 * The Lab tab in headless Chromium, driven by the real host presenter, which runs the real
 * kernel child (dist/labKernel.js) on this machine's kernel: the prediction shows before the
 * run, the kernel column fills in, marks read without colour, differences are explained,
 * both languages, keyboard, the tab hidden where no local kernel is reachable, and "Run it
 * on this machine" on a lesson story. Screenshots in three themes.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { COURSE_T0, browserSuite, cspViolations, initMessage, openTutor, posted, sendCourse, sendToWebview } from './harness';
import type { ThemeName } from './themes';
import type { Locale } from '../../src/i18n/types';
import { LAB_TEXT } from '../../src/i18n/lab';
import { LabPresenter } from '../../src/host/lab/presenter';
import type { LabIntent } from '../../src/shared/protocol';
import { parseWebviewMessage } from '../../src/shared/protocol';
import { CourseDriver } from '../support/courseDriver';
import { COURSE } from '../../src/core/course/content';
import { emptyProgress } from '../../src/core/course/progress';
import { simulatorHasSocketsModel } from '../../src/core/lab/sim';
import { KNOWN_DIFFERENCES } from '../../src/core/lab/stories';

const ROOT = join(__dirname, '..', '..');
const SHOTS = join(ROOT, 'test-results', 'webview');
const KERNEL = join(ROOT, 'dist', 'labKernel.js');
const linux = process.platform === 'linux' && existsSync('/proc/net/tcp');

/** The host side: a real LabPresenter wired to the page, as the extension wires it to its webviews. */
class LabHost {
  readonly presenter: LabPresenter;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly page: Page,
    private readonly locale: Locale,
    available = true,
  ) {
    this.presenter = new LabPresenter({
      command: available ? { execPath: process.execPath, script: KERNEL } : null,
      unavailableReason: available ? null : 'the kernel lab runs on Linux only (this is a test)',
      show: (reveal) => void this.send(reveal),
      log: () => undefined,
    });
  }

  async attach(): Promise<void> {
    await this.page.exposeFunction('__toHost', (raw: unknown) => {
      const parsed = parseWebviewMessage(raw);
      if (parsed.ok && parsed.message.type.startsWith('lab/')) this.presenter.intent(parsed.message as LabIntent);
    });
  }

  send(reveal = false): Promise<void> {
    this.sending = this.sending.then(() => sendToWebview(this.page, { type: 'lab', model: this.presenter.model(LAB_TEXT[this.locale]), reveal }));
    return this.sending;
  }
}

describe('webview: Lab tab (real kernel)', function () {
  this.timeout(90_000);
  const env = browserSuite(SHOTS);
  let context: BrowserContext;
  let page: Page;
  let host: LabHost;
  const errors: string[] = [];

  before(function () {
    if (!linux) this.skip();
    if (!existsSync(KERNEL)) throw new Error('dist/labKernel.js is missing: run npm run build first.');
  });

  async function open(locale: Locale = 'en', theme: ThemeName = 'dark', available = true): Promise<void> {
    env.server.theme = theme;
    context = await env.browser.newContext({ viewport: { width: 1200, height: 1000 }, reducedMotion: 'reduce' });
    page = await context.newPage();
    errors.length = 0;
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    host = new LabHost(page, locale, available);
    await host.attach();
    await openTutor(page, env.server, initMessage(locale, 'panel'));
    await host.send();
  }

  afterEach(async () => {
    host?.presenter.dispose();
    const violations = page ? await cspViolations(page).catch(() => []) : [];
    await context?.close();
    assert.deepEqual(violations, [], 'the page broke its Content Security Policy');
    assert.deepEqual(errors, [], 'the page logged errors');
  });

  const cells = (row: number) => page.$$eval(`#lab-table tr.lab-step[data-step="${row}"] td`, (tds) => tds.map((td) => (td.textContent ?? '').trim()));
  const waitDone = () => page.waitForFunction(() => /\b(done|failed|cancelled)\b/.test(document.querySelector('#lab-status')?.className ?? ''), undefined, { timeout: 60_000 });

  it('shows the prediction first, then runs on the kernel: every step agrees, marked in words', async () => {
    await open();
    await page.click('vscode-tab-header[data-tab="lab"]');
    await page.waitForSelector('#lab-title', { state: 'visible' });
    assert.equal(await page.textContent('#lab-story-title'), LAB_TEXT.en.stories['normal-close'].title);
    assert.deepEqual(await cells(3), ['B: close()', 'TIME-WAIT', 'CLOSED', '—', '—', 'not yet']);
    assert.match((await page.textContent('#lab-syn-received')) ?? '', /SYN-RECEIVED/);
    await page.click('#lab-run');
    await waitDone();
    assert.equal(await page.textContent('#lab-status'), LAB_TEXT.en.ui.statusDone);
    assert.deepEqual(await cells(3), ['B: close()', 'TIME-WAIT', 'CLOSED', 'TIME-WAIT', 'CLOSED', '✓ agree']);
    for (let i = 0; i < 4; i++) assert.match((await cells(i))[5], /agree/);
    assert.match((await page.textContent('#lab-platform')) ?? '', /Kernel: linux /);
    // Screen readers hear how the run ended; the table is a real table with a caption and headers.
    assert.equal(await page.textContent('#announcer'), LAB_TEXT.en.ui.statusDone);
    assert.equal(await page.$$eval('#lab-table th[scope="col"]', (ths) => ths.length), 7);
    assert.ok(await page.$('#lab-table caption'));
    assert.ok((await posted(page)).some((m) => m.type === 'lab/run' && m.story === 'normal-close'));
    await page.screenshot({ path: join(SHOTS, 'lab-normal-close-dark.png'), fullPage: true });
  });

  it('simultaneous close on the kernel; a difference from the simulator is marked and explained, never hidden', async () => {
    await open('en', 'light');
    await page.click('vscode-tab-header[data-tab="lab"]');
    host.presenter.intent({ type: 'lab/select', story: 'simultaneous-close' });
    await page.waitForFunction(() => document.querySelector('#lab-story-title')?.textContent?.startsWith('Simultaneous close'));
    // Keyboard: the run button answers Enter.
    await page.focus('#lab-run');
    await page.keyboard.press('Enter');
    await waitDone();
    const kernelStates = [];
    for (let i = 0; i < 8; i++) kernelStates.push((await cells(i)).slice(3, 5));
    assert.deepEqual(kernelStates.slice(4), [
      ['FIN-WAIT-1', 'ESTABLISHED'],
      ['FIN-WAIT-1', 'FIN-WAIT-1'],
      ['CLOSING', 'FIN-WAIT-2'],
      ['TIME-WAIT', 'TIME-WAIT'],
    ]);
    const status = (await page.textContent('#lab-status')) ?? '';
    if (!simulatorHasSocketsModel()) {
      assert.equal(status, LAB_TEXT.en.ui.statusDoneNoSim);
      assert.match((await page.textContent('#lab-sim-note')) ?? '', /sockets model/);
      assert.match((await cells(6))[5], /no prediction/);
    } else {
      assert.deepEqual((await cells(6)).slice(1), ['CLOSING', 'FIN-WAIT-2', 'CLOSING', 'FIN-WAIT-2', '✓ agree']);
      const known = KNOWN_DIFFERENCES.some((d) => d.story === 'simultaneous-close' && d.step === 'read-b');
      if (known) {
        assert.match((await cells(7))[5], /✗ differ/);
        assert.match((await page.textContent('#lab-why-7')) ?? '', /tcp_ack\(\)/);
        assert.match(status, /differ on 1 of 8 steps/);
      } else {
        assert.match((await cells(7))[5], /agree/);
      }
    }
    await page.screenshot({ path: join(SHOTS, 'lab-simultaneous-close-light.png'), fullPage: true });
  });

  it('in Chinese, in high contrast: a refused connection and the error the application is told', async () => {
    await open('zh-cn', 'high-contrast');
    await page.click('vscode-tab-header[data-tab="lab"]');
    assert.equal((await page.textContent('vscode-tab-header[data-tab="lab"]'))?.trim(), '实验');
    host.presenter.intent({ type: 'lab/run', story: 'connection-refused' });
    await waitDone();
    assert.equal(await page.textContent('#lab-status'), LAB_TEXT['zh-cn'].ui.statusDone);
    assert.deepEqual((await cells(2)).slice(1), ['CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', '✓ 一致']);
    assert.match((await page.textContent('#lab-table tr.lab-detail[data-step="2"]')) ?? '', /ECONNREFUSED/);
    await page.screenshot({ path: join(SHOTS, 'lab-refused-zh-high-contrast.png'), fullPage: true });
  });

  it('hidden where no local kernel is reachable', async () => {
    await open('en', 'dark', false);
    assert.equal(await page.isVisible('vscode-tab-header[data-tab="lab"]'), false);
    assert.equal(await page.isVisible('vscode-tab-header[data-tab="course"]'), true);
  });

  it('"Run it on this machine" on a lesson story with a lab twin runs it in the Lab tab', async () => {
    await open();
    const player = new CourseDriver(COURSE, emptyProgress());
    const now = COURSE_T0;
    player.handle({ type: 'course/open', lesson: 'close' }, now);
    await sendCourse(page, player.model('en', now));
    await page.waitForSelector('#lab-from-lesson', { state: 'visible' });
    await page.screenshot({ path: join(SHOTS, 'lab-lesson-button-dark.png') });
    await page.click('#lab-from-lesson');
    await page.waitForSelector('#lab-title', { state: 'visible' });
    await waitDone();
    assert.equal(await page.textContent('#lab-story-title'), LAB_TEXT.en.stories['half-close'].title);
    assert.equal(await page.textContent('#lab-status'), LAB_TEXT.en.ui.statusDone);
    assert.ok((await posted(page)).some((m) => m.type === 'lab/run' && m.story === 'half-close'));
  });
});
