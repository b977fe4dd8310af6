/**
 * Webview load to first paint, in headless Chromium, through the test harness: the tutor's
 * page and a plain-HTML baseline page (same server, CSP and handshake; it draws the init
 * message as a bare list) loaded alternately in the same run, so that the machine's load
 * shows in both and their ratio says what the tutor itself costs.
 */
import type { Page } from 'playwright-core';
import type { BenchRow } from './types';
import { initMessage, launch, requireBuild, startServer } from '../test/webview/harness';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Load `url` and return the time from navigation start to the first frame painted after `#app` is ready. */
async function loadToPaint(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __paintedAt?: number }).__paintedAt);
  // performance.now() counts from the start of navigation.
  return page.evaluate(() => (window as unknown as { __paintedAt: number }).__paintedAt);
}

export default async function bench(): Promise<BenchRow[]> {
  requireBuild();
  const browser = await launch();
  const server = await startServer();
  try {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    const message = initMessage('en');
    // Answer the ready handshake from inside the page, as soon as it is posted, so the
    // figure is the page's own work: parse the bundle, render, first paint.
    await page.addInitScript((m) => {
      const w = window as unknown as { __posted: unknown[]; __paintedAt: number };
      const observer = new MutationObserver(() => {
        const app = document.getElementById('app');
        if (app?.dataset.ready === 'true' && !w.__paintedAt) {
          requestAnimationFrame(() => (w.__paintedAt = performance.now()));
        }
      });
      document.addEventListener('DOMContentLoaded', () => {
        const app = document.getElementById('app');
        if (app) observer.observe(app, { attributes: true });
        const timer = setInterval(() => {
          if (w.__posted?.some((x) => (x as { type: string }).type === 'ready')) {
            clearInterval(timer);
            window.postMessage(m, '*');
          }
        }, 0);
      });
    }, message);
    const tutor: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < 14; i++) {
      tutor.push(await loadToPaint(page, server.url));
      baseline.push(await loadToPaint(page, `${server.url}baseline.html`));
    }
    // The first two loads of each warm the browser's caches; the rest are what a learner sees.
    const t = median(tutor.slice(2));
    const b = median(baseline.slice(2));
    return [
      { metric: 'plain-HTML baseline page: load to first paint (median, headless Chromium)', value: `${b.toFixed(1)} ms` },
      { metric: `webview load to first paint, diagram drawn (median; ${(t / b).toFixed(2)}× the baseline)`, value: `${t.toFixed(1)} ms`, target: '< 150 ms', ok: t < 150 },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}
