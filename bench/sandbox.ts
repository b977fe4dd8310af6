/**
 * The sandbox in headless Chromium: how long the webview takes to draw one step when the
 * ladder holds 200 segments, and how it copes with a history of about 10,000 events
 * (the whole model arriving at once, one more step, and a scroll through the ladder).
 */
import type { Page } from 'playwright-core';
import type { BenchRow } from './types';
import type { SandboxModel } from '../src/shared/protocol';
import { FakeSandboxHost, initMessage, launch, openTutor, requireBuild, startServer } from '../test/webview/harness';
import type { NormalizedStep } from '../src/core/tcp';
import { ladderSegments } from '../src/shared/ladder';

/** A connection that opens, then exchanges `rounds` data segments each way, delivered one at a time. */
function story(rounds: number): NormalizedStep[] {
  const steps: NormalizedStep[] = [
    { kind: 'call', endpoint: 'B', call: 'listen', bytes: 0 },
    { kind: 'call', endpoint: 'A', call: 'connect', bytes: 0 },
    { kind: 'deliver', endpoint: 'A', nth: 1 },
    { kind: 'deliver', endpoint: 'B', nth: 1 },
    { kind: 'deliver', endpoint: 'A', nth: 1 },
  ];
  for (let i = 0; i < rounds; i++) {
    steps.push({ kind: 'call', endpoint: 'A', call: 'send', bytes: 100 }, { kind: 'deliver', endpoint: 'A', nth: 1 }, { kind: 'deliver', endpoint: 'B', nth: 1 });
  }
  return steps;
}

/** A long transfer: each round sends ten full segments and delivers everything (about 21 events a round). */
function longStory(rounds: number): NormalizedStep[] {
  const steps = story(0);
  for (let i = 0; i < rounds; i++) steps.push({ kind: 'call', endpoint: 'A', call: 'send', bytes: 14_600 }, { kind: 'flush' });
  return steps;
}

/** Durations of the ladder's draws since the last call (User Timing entries the webview records). */
const drawTimes = (page: Page) =>
  page.evaluate(() => {
    const d = performance.getEntriesByName('tcp-tutor:ladder-draw').map((e) => e.duration);
    performance.clearMeasures('tcp-tutor:ladder-draw');
    return d;
  });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function bench(): Promise<BenchRow[]> {
  requireBuild();
  const browser = await launch();
  const server = await startServer();
  const rows: BenchRow[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const host = new FakeSandboxHost(page, 'en');
    await host.attach();
    await openTutor(page, server, initMessage('en', 'panel'));
    await page.click('vscode-tab-header[data-tab="sandbox"]');

    // Times the webview's handling of one sandbox message, up to the next painted frame.
    const timeUpdate = (model: SandboxModel) =>
      page.evaluate(
        (m) =>
          new Promise<number>((resolve) => {
            const t0 = performance.now();
            window.dispatchEvent(new MessageEvent('message', { data: { type: 'sandbox', model: m, reveal: false } }));
            requestAnimationFrame(() => resolve(performance.now() - t0));
          }),
        model,
      );

    // 200 segments: 3 to open, then 2 per round.
    const c = host.controller;
    for (const step of story(99)) c.session.apply(step);
    host.forget();
    await timeUpdate(c.model('en', null));
    await drawTimes(page);
    const stepTimes: number[] = [];
    for (let i = 0; i < 15; i++) {
      const known = { epoch: c.epoch, count: c.rows().length };
      c.handle({ type: 'sandbox/call', endpoint: 'A', call: 'send', bytes: 100 }, 'en');
      stepTimes.push(await timeUpdate(c.model('en', known)));
    }
    const segs = ladderSegments(c.rows()).length;
    const draw200 = median(await drawTimes(page));
    const m200 = median(stepTimes);
    rows.push({ metric: `one step with ${segs} segments on the ladder: ladder drawn (median of 15)`, value: `${draw200.toFixed(2)} ms`, target: '< 16 ms', ok: draw200 < 16 });
    rows.push({ metric: `one step with ${segs} segments: whole update, to the next frame (includes waiting for it)`, value: `${m200.toFixed(1)} ms` });

    // About 10,000 events.
    c.handle({ type: 'sandbox/reset' }, 'en');
    for (const step of longStory(480)) c.session.apply(step);
    const total = c.rows().length;
    const t0 = Date.now();
    const full = c.model('en', null);
    const hostMs = Date.now() - t0;
    const fullMs = await timeUpdate(full);
    // One more step, fifteen times over: the webview's work for a sandbox message up to the
    // point where the frame can be painted (the message handled, style and layout done). The
    // same message handled by the plain-HTML baseline page, in the same run, gives the ratio.
    const workUntilPaintable = (target: Page, model: SandboxModel) =>
      target.evaluate(
        (m) => {
          const t0 = performance.now();
          window.dispatchEvent(new MessageEvent('message', { data: { type: 'sandbox', model: m, reveal: false } }));
          void document.body.offsetHeight;
          return performance.now() - t0;
        },
        model,
      );
    const baselinePage = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await baselinePage.goto(`${server.url}baseline.html`);
    await baselinePage.evaluate((m) => window.postMessage(m, '*'), initMessage('en', 'panel'));
    await baselinePage.waitForSelector('#app[data-ready="true"]');
    const stepMs: number[] = [];
    const baseMs: number[] = [];
    let known = { epoch: c.epoch, count: full.rowCount };
    for (let i = 0; i < 15; i++) {
      c.handle({ type: 'sandbox/call', endpoint: i % 2 === 0 ? 'A' : 'B', call: 'send', bytes: 100 }, 'en');
      const step = c.model('en', known);
      known = { epoch: c.epoch, count: step.rowCount };
      stepMs.push(await workUntilPaintable(page, step));
      baseMs.push(await workUntilPaintable(baselinePage, step));
      // Let the frame be painted before the next step, as a learner's clicks would.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(0))));
    }
    await baselinePage.close();
    // Scroll to 20 places; each scroll redraws the rows in view. A string, so that the test
    // runner's name helpers do not leak into the page.
    await drawTimes(page);
    await page.evaluate(`new Promise((resolve) => {
      const el = document.querySelector('.ladder-scroll');
      let i = 0;
      const tick = () => {
        el.scrollTop = (i * 7919) % el.scrollHeight;
        requestAnimationFrame(() => requestAnimationFrame(() => (++i < 20 ? tick() : resolve(0))));
      };
      tick();
    })`);
    const scrollDraws = await drawTimes(page);
    const scroll = median(scrollDraws);
    const drawn = await page.$$eval('svg.ladder g.row', (els) => els.length);
    rows.push({ metric: `history of ${total} events: host builds the model`, value: `${hostMs} ms` });
    rows.push({ metric: `history of ${total} events: webview receives and draws it all`, value: `${fullMs.toFixed(1)} ms` });
    const step = median(stepMs);
    const base = median(baseMs);
    rows.push({ metric: `history of ${total} events: the same step on the plain-HTML baseline page`, value: `${base.toFixed(2)} ms` });
    rows.push({ metric: `history of ${total} events: one more step, handled, styled and laid out (median of 15; ${(step / Math.max(base, 0.01)).toFixed(1)}× the baseline)`, value: `${step.toFixed(1)} ms`, target: '< 16 ms', ok: step < 16 });
    rows.push({ metric: `history of ${total} events: scroll to a new place, ladder redrawn (median of ${scrollDraws.length})`, value: `${scroll.toFixed(2)} ms`, target: '< 16 ms', ok: scroll < 16 });
    rows.push({ metric: `history of ${total} events: rows in the DOM at once`, value: String(drawn) });
  } finally {
    await browser.close();
    await server.close();
  }
  return rows;
}
