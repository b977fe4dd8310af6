/**
 * The side panel as a first-class layout: the sandbox and a lesson at 170 px (the narrowest
 * side bar), 300 px (the usual one) and 1400 px (an editor tab), in light, dark and high
 * contrast, in both languages. Checks what a learner would notice (labels on top of each
 * other, endpoint B or a button cut off) and saves a screenshot of each for a person to look at.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { FakeCourseHost, FakeSandboxHost, browserSuite, initMessage, openTutor } from './harness';
import type { ThemeName } from './themes';
import type { Locale } from '../../src/i18n/types';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'webview', 'narrow');

interface Box {
  readonly text: string;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** Every text of the ladder that is drawn, with its box on screen. */
async function ladderTexts(page: Page, root: string): Promise<Box[]> {
  return page.$$eval(`${root} svg.ladder text`, (els) =>
    els
      .filter((e) => (e as SVGGraphicsElement).getBBox().width > 0 && getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden')
      .map((e) => {
        const r = e.getBoundingClientRect();
        return { text: e.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      }),
  );
}

function overlaps(boxes: readonly Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 1 && y > 1) out.push(`"${a.text}" overlaps "${b.text}"`);
    }
  }
  return out;
}

describe('webview: the side panel at 170 and 300 px, and a wide tab', function () {
  const env = browserSuite(SHOTS);
  let context: BrowserContext;
  let page: Page;

  afterEach(async () => {
    await context?.close();
  });

  async function openSandbox(width: number, locale: Locale, theme: ThemeName): Promise<FakeSandboxHost> {
    env.server.theme = theme;
    env.server.savedState = null;
    context = await env.browser.newContext({ viewport: { width, height: 900 }, reducedMotion: 'reduce' });
    page = await context.newPage();
    const host = new FakeSandboxHost(page, locale);
    await host.attach();
    await openTutor(page, env.server, initMessage(locale, width > 900 ? 'panel' : 'view'));
    await host.send();
    await page.click('vscode-tab-header[data-tab="sandbox"]');
    await page.waitForSelector('#sandbox', { state: 'visible' });
    return host;
  }

  /** Plays a story with a retransmission and a lost segment to its end. */
  async function playLostAck(host: FakeSandboxHost): Promise<void> {
    const id = 'lost-final-ack-time-wait';
    host.controller.handle({ type: 'sandbox/preset', id }, 'en');
    host.controller.handle({ type: 'sandbox/seek', position: host.controller.session.length }, 'en');
    host.forget();
    await host.send();
    await page.waitForFunction(() => /TIME-WAIT|CLOSED/.test(document.querySelector('#sb-A-state')?.textContent ?? ''));
  }

  for (const width of [170, 300, 1400]) {
    it(`at ${width} px: no ladder label on another, B and every control inside the window`, async () => {
      const host = await openSandbox(width, width === 170 ? 'zh-cn' : 'en', 'dark');
      await playLostAck(host);
      await page.waitForTimeout(100);
      const clash = overlaps(await ladderTexts(page, '#sandbox'));
      assert.deepEqual(clash, [], clash.join('\n'));
      // Scrolled to the top: the first row is not cut off under the header.
      await page.$eval('#sandbox .ladder-scroll', (el) => (el.scrollTop = 0));
      await page.waitForTimeout(50);
      const firstRow = await page.$eval('#sandbox .ladder-scroll', (el) => {
        const t = el.querySelector('svg.ladder g.row text');
        return t ? t.getBoundingClientRect().top - el.getBoundingClientRect().top : 99;
      });
      assert.ok(firstRow >= 0, `the first row is clipped by ${-firstRow} px`);
      const outside = await page.evaluate(() => {
        const w = window.innerWidth;
        const ids = ['#sb-B', '#sb-B-state', '#sb-advance', '#sb-forward', '#sb-preset', 'vscode-tab-header[data-tab="sandbox"]'];
        return ids.filter((sel) => {
          const el = document.querySelector(sel);
          if (!el) return true;
          const r = el.getBoundingClientRect();
          return r.width === 0 || r.right > w + 1 || r.left < -1;
        });
      });
      assert.deepEqual(outside, [], 'cut off or missing');
      const beyond = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('#sandbox *'))
          .filter((el) => !(el instanceof SVGElement) && el.getClientRects().length > 0 && el.getBoundingClientRect().right > window.innerWidth + 1)
          .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}`),
      );
      assert.deepEqual(beyond, [], 'reaches past the right edge');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow} px wider than the window`);
    });
  }

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeName[]) {
    for (const locale of ['en', 'zh-cn'] as Locale[]) {
      for (const width of [170, 300, 1400]) {
        it(`sandbox and lesson, ${theme}, ${locale}, ${width} px (screenshots)`, async () => {
          const host = await openSandbox(width, locale, theme);
          await playLostAck(host);
          await page.waitForTimeout(100);
          await page.screenshot({ path: join(SHOTS, `sandbox-${width}-${theme}-${locale}.png`), fullPage: true });
          await context.close();

          context = await env.browser.newContext({ viewport: { width, height: 900 }, reducedMotion: 'reduce' });
          page = await context.newPage();
          const course = new FakeCourseHost(page, locale);
          await course.attach();
          await openTutor(page, env.server, initMessage(locale, width > 900 ? 'panel' : 'view'));
          await course.send();
          // Lesson 1, step 2: its story played to the end.
          course.player.handle({ type: 'course/open', lesson: 'states' }, course.now);
          course.player.handle({ type: 'course/next' }, course.now);
          await course.send();
          for (let i = 0; i < 12; i++) course.player.handle({ type: 'course/sandbox', intent: { type: 'sandbox/seek', position: i + 1 } }, course.now);
          await course.send();
          await page.waitForTimeout(200);
          await page.screenshot({ path: join(SHOTS, `lesson-${width}-${theme}-${locale}.png`), fullPage: true });
        });
      }
    }
  }
});
