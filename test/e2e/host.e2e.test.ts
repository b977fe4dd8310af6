// Where the extension runs: code-server's Node extension host (dist/extension.js), or, with
// TCP_TUTOR_E2E_HOST=web, the browser's web worker extension host (dist/web.js, the build
// vscode.dev and github.dev load). Checked in Developer: Show Running Extensions, which names
// the host of each extension, and by the tutor working there: the course map drawn, a
// lesson opened, the sandbox stepping.

import assert from 'node:assert/strict';
import { EXTENSION_HOST, startHarness } from './harness';
import type { Harness } from './harness';

describe(`the extension host (${EXTENSION_HOST})`, function () {
  let h: Harness;

  before(async function () {
    this.timeout(240_000);
    h = await startHarness();
  });

  after(async () => {
    await h?.close();
  });

  it(`runs in the ${EXTENSION_HOST === 'web' ? 'web worker' : 'Node'} extension host`, async () => {
    // Activate it first: the course view in the activity bar.
    await h.openActivityBarItem('TCP Tutor');
    await h.findFrame('#app[data-ready="true"] #course', 60_000, { region: 'sidebar' });
    await h.runCommand('Developer: Show Running Extensions');
    const row = h.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'TCP Tutor' }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    await h.screenshot(`host-${EXTENSION_HOST}-running-extensions`);
    if (EXTENSION_HOST === 'web') assert.match(text, /web worker/i, `Running Extensions shows: ${text}`);
    else assert.doesNotMatch(text, /web worker/i, `Running Extensions shows: ${text}`);
  });

  it('works there: the sandbox plays the handshake, and the course exports as Markdown', async () => {
    await h.runCommand('View: Close All Editors');
    await h.runCommand('TCP Tutor: Open the Sandbox');
    const frame = await h.findFrame('#app[data-ready="true"] #sandbox', 60_000, { region: 'editor' });
    await frame.waitForSelector('#sandbox', { state: 'visible' });
    const waitState = (e: 'A' | 'B', want: string) =>
      frame.waitForFunction(([id, s]) => document.querySelector(`#sb-${id}-state`)?.textContent === s, [e, want] as const, { timeout: 15_000 });
    await frame.click('#sb-reset');
    await frame.click('#sb-B-listen');
    await waitState('B', 'LISTEN');
    await frame.click('#sb-A-connect');
    await waitState('A', 'SYN-SENT');
    // One delivery at a time: each click posts the segment id of the row it hits, and until the
    // host's next model has redrawn the list, the first row is still the segment just delivered
    // (a second click there delivers nothing). Each delivery is seen in the state it moves.
    const deliverFirst = () => frame.click('#sb-in-flight li:first-child [data-action="deliver"]');
    await deliverFirst();
    await waitState('B', 'SYN-RECEIVED');
    await deliverFirst();
    await waitState('A', 'ESTABLISHED');
    await deliverFirst();
    await waitState('B', 'ESTABLISHED');
    // The presets come from the scenario library, read through vscode.workspace.fs.
    await frame.click('#sb-preset');
    const presets = await frame.locator('#sb-preset [role="option"]').allTextContents();
    assert.ok(presets.length >= 20, `presets: ${presets.join(' | ')}`);
    await frame.press('#sb-preset', 'Escape');
    await h.screenshot(`host-${EXTENSION_HOST}-sandbox`);
    // Rendered from the bundled course (nothing is read from dist/).
    await h.runCommand('TCP Tutor: Export Course as Markdown');
    await h.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'The whole course' }).first().click();
    await h.page.waitForFunction(
      () => [...document.querySelectorAll('.monaco-editor .view-lines')].some((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ').includes('# TCP Tutor: how TCP connections open and close')),
      undefined,
      { timeout: 20_000 },
    );
    await h.runCommand('View: Revert and Close Editor');
  });
});
