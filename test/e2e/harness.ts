// End-to-end harness: the packaged VSIX installed into a real VS Code (code-server, see
// scripts/code-server.mjs) and driven in Debian's headless Chromium through playwright-core.
//
// One harness per suite: `const h = await startHarness()` in before(), `await h.close()` in
// after(). Set TCP_TUTOR_VSIX to test another VSIX than build/tcp-tutor.vsix, E2E_KEEP=1 to
// keep the temporary dirs, E2E_SLOWMO=ms to watch it slower (with E2E_HEADED=1 on a desktop).
// TCP_TUTOR_E2E_HOST=web runs the extension in the browser's web worker extension host (its
// browser build, dist/web.js, as on vscode.dev) instead of code-server's Node extension host.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, ElementHandle, Frame, Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');
export const DEFAULT_VSIX = path.join(ROOT, 'build', 'tcp-tutor.vsix');

/** Which extension host the suite runs the extension in: code-server's Node host, or the browser's web worker. */
export const EXTENSION_HOST: 'node' | 'web' = process.env.TCP_TUTOR_E2E_HOST === 'web' ? 'web' : 'node';

/**
 * Settings that move the extension into the web worker extension host: code-server runs an
 * extension with both `main` and `browser` in Node unless the user prefers the UI side for it.
 */
const HOST_SETTINGS: Record<string, unknown> = EXTENSION_HOST === 'web' ? { 'remote.extensionKind': { 'tcp-tutor.tcp-tutor': ['ui'] } } : {};

/** The parts of scripts/code-server.mjs the harness uses (an ES module, loaded at run time). */
interface CodeServerModule {
  ensureCodeServer(): Promise<{ entry: string; version: string }>;
  findChromium(): string;
  checkPrerequisites(opts?: { build?: boolean; browser?: boolean }): void;
  installExtension(vsix: string, dirs: { userDataDir: string; extensionsDir: string }): Promise<string>;
  startCodeServer(opts: {
    port?: number;
    userDataDir: string;
    extensionsDir: string;
    workspace?: string;
    settings?: Record<string, unknown>;
    quiet?: boolean;
  }): Promise<{ url: string; port: number; logFile: string; workspaceUrl: string; stop(): Promise<void> }>;
}

async function loadCodeServer(): Promise<CodeServerModule> {
  const url = pathToFileURL(path.join(ROOT, 'scripts', 'code-server.mjs')).href;
  return (await import(url)) as CodeServerModule;
}

export type ThemeKind = 'light' | 'dark' | 'hc';
export const THEMES: Record<ThemeKind, { name: string; bodyClass: string; webviewClass: string }> = {
  light: { name: 'Default Light Modern', bodyClass: 'vs', webviewClass: 'vscode-light' },
  dark: { name: 'Default Dark Modern', bodyClass: 'vs-dark', webviewClass: 'vscode-dark' },
  hc: { name: 'Default High Contrast', bodyClass: 'hc-black', webviewClass: 'vscode-high-contrast' },
};

/** Where a webview lives in the workbench. */
export type Region = 'sidebar' | 'editor' | 'panel' | 'any';

export interface FindFrameOptions {
  /** Only webviews drawn over this part of the workbench. */
  region?: Region;
}

export interface Harness {
  page: Page;
  browser: Browser;
  context: BrowserContext;
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** The page address with ?folder=workspace. */
  workspaceUrl: string;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  vsix: string;
  /** Opens the command palette (Ctrl+Shift+P, F1 as fallback) with its input focused. */
  openCommandPalette(): Promise<void>;
  /** Runs a command by its palette title, e.g. "TCP Tutor: Open in Editor Tab". */
  runCommand(title: string): Promise<void>;
  /**
   * In the open quick pick (or Quick Open), types `filter` (when given), moves the keyboard
   * focus to the first row whose text contains `label` and accepts it with Enter, as a user
   * does: the list is virtual, so a row out of view is not in the page until focus reaches it.
   */
  pick(label: string, filter?: string): Promise<void>;
  /** The frame (any depth, webview iframes included) that contains `selector`. */
  findFrame(selector: string, timeout?: number, opts?: FindFrameOptions): Promise<Frame>;
  /** Saves a PNG of the page to test-results/screenshots/<name>.png; returns its path. */
  screenshot(name: string, opts?: { clip?: Region }): Promise<string>;
  /** Rewrites User/settings.json (the settings so far + `settings`) through VS Code's settings editor and waits until the workbench applied it. */
  setSettings(settings: Record<string, unknown>): Promise<void>;
  /** Switches the colour theme and waits for the workbench to repaint in it. */
  setTheme(kind: ThemeKind): Promise<void>;
  /** Developer: Reload Window, then waits for the workbench. */
  reload(): Promise<void>;
  /** Clicks the activity-bar item whose label contains `label` (unless its view is already shown). */
  openActivityBarItem(label: string): Promise<void>;
  /** Closes all editors and notifications. */
  resetLayout(): Promise<void>;
  /** The text of the code-server log so far (for failure messages). */
  serverLog(): string;
  /** Ends Chromium and code-server, removes the temporary dirs. Safe to call twice. */
  close(): Promise<void>;
}

export interface HarnessOptions {
  vsix?: string;
  settings?: Record<string, unknown>;
  viewport?: { width: number; height: number };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function log(msg: string): void {
  process.stderr.write(`    [e2e] ${msg}\n`);
}

function rectOf(el: ElementHandle | null) {
  return el ? el.boundingBox() : Promise.resolve(null);
}

/** Starts code-server with the VSIX installed and a Chromium page showing the workbench. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const vsix = path.resolve(options.vsix ?? process.env.TCP_TUTOR_VSIX ?? DEFAULT_VSIX);
  if (!fs.existsSync(vsix)) {
    throw new Error(`No VSIX at ${vsix}: run npm run package first (or set TCP_TUTOR_VSIX to a .vsix file).`);
  }
  const cs = await loadCodeServer();
  cs.checkPrerequisites({ build: false, browser: true });
  const chromiumPath = cs.findChromium();
  await cs.ensureCodeServer();

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcp-tutor-e2e-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'README.md'), '# TCP Tutor end-to-end workspace\n');

  let server: Awaited<ReturnType<CodeServerModule['startCodeServer']>> | null = null;
  let browser: Browser | null = null;
  let closed = false;

  const close = async () => {
    if (closed) return;
    closed = true;
    if (browser) await browser.close().catch(() => undefined);
    if (server) await server.stop().catch(() => undefined);
    if (process.env.E2E_KEEP) log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  };

  try {
    log(`installing ${path.relative(ROOT, vsix) || vsix}`);
    await cs.installExtension(vsix, { userDataDir, extensionsDir });

    let settingsRound = 0;
    let userSettings: Record<string, unknown> = {
      'workbench.colorTheme': THEMES.dark.name,
      // setSettings() types JSON into the settings editor: nothing may complete or reformat it.
      'editor.autoClosingBrackets': 'never',
      'editor.autoClosingQuotes': 'never',
      'editor.autoSurround': 'never',
      'editor.formatOnType': false,
      'editor.formatOnSave': false,
      'editor.formatOnPaste': false,
      'editor.quickSuggestions': { other: false, comments: false, strings: false },
      'editor.suggestOnTriggerCharacters': false,
      'editor.acceptSuggestionOnEnter': 'off',
      'files.autoSave': 'off',
      'window.title': `tcp-tutor-e2e-${settingsRound}`,
      ...HOST_SETTINGS,
      ...(options.settings ?? {}),
    };
    server = await cs.startCodeServer({ userDataDir, extensionsDir, workspace, settings: userSettings, quiet: true });
    const srv = server;
    const settingsFile = path.join(userDataDir, 'User', 'settings.json');
    log(`code-server on ${srv.url}`);

    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: !process.env.E2E_HEADED,
      slowMo: process.env.E2E_SLOWMO ? Number(process.env.E2E_SLOWMO) : undefined,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    });
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);

    const waitForWorkbench = async () => {
      await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
      await page.waitForSelector('.part.activitybar .action-item', { timeout: 60_000 });
      await page.waitForFunction(() => document.title.includes('tcp-tutor-e2e-'), undefined, { timeout: 30_000 }).catch(() => undefined);
      // The workbench knows the extension's contributions (and so lists its commands) once
      // the extension host has registered it: its view container appears in the activity bar.
      await page
        .locator('.part.activitybar .action-item:has(.action-label[aria-label*="TCP Tutor"]), .part.activitybar .action-item[aria-label*="TCP Tutor"]')
        .first()
        .waitFor({ state: 'attached', timeout: 90_000 });
    };

    await page.goto(srv.workspaceUrl, { waitUntil: 'domcontentloaded', timeout: 90_000 });
    await waitForWorkbench();

    const regionSelector: Record<Exclude<Region, 'any'>, string> = {
      sidebar: '.part.sidebar',
      editor: '.part.editor',
      panel: '.part.panel',
    };

    /** The iframe element in the page (top level) that holds `frame`, or null for the page itself. */
    const topIframeOf = async (frame: Frame): Promise<ElementHandle | null> => {
      let f: Frame | null = frame;
      while (f && f.parentFrame() && f.parentFrame() !== page.mainFrame()) f = f.parentFrame();
      if (!f || f === page.mainFrame()) return null;
      return f.frameElement().catch(() => null);
    };

    const inRegion = async (frame: Frame, region: Region): Promise<boolean> => {
      const iframe = await topIframeOf(frame);
      const box = await rectOf(iframe).catch(() => null);
      if (!box || box.width < 2 || box.height < 2) return false; // hidden webview
      if (region === 'any') return true;
      const part = await page.$(regionSelector[region]);
      const r = await rectOf(part).catch(() => null);
      if (!r || r.width < 2) return false;
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      return cx >= r.x && cx <= r.x + r.width && cy >= r.y && cy <= r.y + r.height;
    };

    /**
     * What each webview document holds, for a failure message: whether VS Code gave it our
     * page (#app), whether the host's init arrived (data-locale) and was drawn (data-ready),
     * and whether it is on screen. Tells "never resolved" from "no init" from "not drawn yet".
     */
    const describeWebviews = async (): Promise<string> => {
      const parts: string[] = [];
      for (const f of page.frames()) {
        // A webview is two iframes: VS Code's host frame and, inside it, the document it shows.
        if (f === page.mainFrame() || f.isDetached() || f.childFrames().length > 0) continue;
        const app = await f
          .evaluate(() => {
            const el = document.querySelector('#app');
            return el ? `#app ready=${el.getAttribute('data-ready')} locale=${el.getAttribute('data-locale') ?? '-'} host=${el.getAttribute('data-host') ?? '-'} children=${el.childElementCount}` : `no #app (${document.body?.childElementCount ?? 0} elements)`;
          })
          .catch((e: unknown) => `unreadable (${String(e).split('\n')[0]})`);
        const box = await rectOf(await topIframeOf(f)).catch(() => null);
        const where = box && box.width >= 2 && box.height >= 2 ? `${Math.round(box.width)}x${Math.round(box.height)} at ${Math.round(box.x)},${Math.round(box.y)}` : 'hidden';
        parts.push(`[${where}: ${app}]`);
      }
      return `${parts.length ? parts.join(' ') : '(none)'} of ${page.frames().length} frames`;
    };

    const findFrame = async (selector: string, timeout = 30_000, opts: FindFrameOptions = {}): Promise<Frame> => {
      const region = opts.region ?? 'any';
      const deadline = Date.now() + timeout;
      for (;;) {
        for (const frame of page.frames()) {
          if (frame === page.mainFrame() || frame.isDetached()) continue;
          const found = await frame.$(selector).catch(() => null);
          if (found && (await inRegion(frame, region).catch(() => false))) return frame;
        }
        if (Date.now() > deadline) {
          throw new Error(`No frame${region === 'any' ? '' : ` in the ${region}`} contains ${selector} after ${timeout} ms; the webviews: ${await describeWebviews()}`);
        }
        await sleep(200);
      }
    };

    const openCommandPalette = async () => {
      const input = page.locator('.quick-input-widget .quick-input-box input');
      // Take focus out of any webview first: Escape inside the tutor clears its selection,
      // and a learner opening the palette from the workbench would not press it there.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      for (const key of ['Control+Shift+P', 'F1']) {
        await page.keyboard.press('Escape');
        await page.keyboard.press(key);
        if (await input.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) {
          await input.focus();
          return;
        }
      }
      throw new Error('The command palette did not open');
    };

    const rowsSelector = '.quick-input-widget .quick-input-list .monaco-list-row';
    /** The focused row's label, and its whole text (label, description, keybinding...). */
    const focusedRow = () =>
      page.evaluate((sel) => {
        const row = document.querySelector(`${sel}.focused`);
        return row ? { label: (row.querySelector('.label-name')?.textContent ?? '').trim(), text: `${row.getAttribute('aria-label') ?? ''} ${row.textContent ?? ''}` } : null;
      }, rowsSelector);

    const pick = async (label: string, filter?: string, opts: { timeout?: number } = {}) => {
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', ...(opts.timeout !== undefined ? { timeout: opts.timeout } : {}) });
      if (filter !== undefined) await input.fill(filter);
      // Rows arrive as the list is filled (Quick Open searches files in the background).
      await page.waitForFunction(
        ({ sel, want }) => [...document.querySelectorAll(sel)].some((r) => `${r.getAttribute('aria-label') ?? ''} ${r.textContent ?? ''}`.includes(want)),
        { sel: rowsSelector, want: label },
        { timeout: 30_000 },
      );
      // A row labelled exactly so wins over one that merely contains the words ("View: Close
      // Editor" is not "View: Close Editor Group").
      const exact = await page.evaluate(
        ({ sel, want }) => [...document.querySelectorAll(sel)].some((r) => (r.querySelector('.label-name')?.textContent ?? '').trim() === want),
        { sel: rowsSelector, want: label },
      );
      const matches = (row: { label: string; text: string } | null) => row !== null && (exact ? row.label === label : row.text.includes(label));
      const count = await page.locator(rowsSelector).count();
      for (let moves = 0; !matches(await focusedRow()); moves++) {
        if (moves > count + 200) throw new Error(`The keyboard focus never reached "${label}" in the quick pick`);
        await input.press('ArrowDown', opts.timeout !== undefined ? { timeout: opts.timeout } : {});
      }
      await input.press('Enter', opts.timeout !== undefined ? { timeout: opts.timeout } : {});
    };

    /** Whether the palette lists `title` once it has filtered for it (false: not registered yet). */
    const paletteLists = async (title: string): Promise<boolean> => {
      const listed = page
        .waitForFunction(
          ({ sel, want }) => [...document.querySelectorAll(sel)].some((r) => (r.getAttribute('aria-label') ?? r.textContent ?? '').includes(want)),
          { sel: rowsSelector, want: title },
          { timeout: 10_000 },
        )
        .then(() => true);
      // "No matching commands" is VS Code's own word that the list is complete without it.
      const empty = page
        .locator('.quick-input-widget .quick-input-message', { hasText: /No matching/ })
        .waitFor({ state: 'visible', timeout: 10_000 })
        .then(() => false);
      return Promise.race([listed, empty]).catch(() => false);
    };

    const runCommand = async (title: string) => {
      const input = page.locator('.quick-input-widget .quick-input-box input');
      // A webview that is being revealed can take the focus and close a palette that has just
      // opened, and right after a reload the palette can open before the extension's commands
      // are registered (the web worker extension host starts later than the workbench): a
      // person opens it again until the command is listed, and so does this.
      const deadline = Date.now() + 90_000;
      for (;;) {
        await openCommandPalette();
        const typed = await input.fill(`>${title}`, { timeout: 5_000 }).then(
          () => true,
          () => false,
        );
        // The palette can also close between listing the command and the pick (a webview
        // revealed meanwhile takes the focus): then nothing ran, and it is opened again.
        if (typed && (await paletteLists(title)) && (await pick(title, undefined, { timeout: 5_000 }).then(() => true, () => false))) break;
        if (Date.now() > deadline) {
          const rows = await page.locator(rowsSelector).allTextContents();
          throw new Error(`No command "${title}" in the palette after 90 s of reopening it; it shows: ${rows.slice(0, 8).join(' | ') || '(nothing)'}`);
        }
        await page.keyboard.press('Escape');
      }
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    };

    /** Frames on screen: the page and the webviews whose iframe has a size (a hidden webview runs no animation frames). */
    const shownFrames = async (): Promise<Frame[]> => {
      const shown: Frame[] = [];
      for (const f of page.frames()) {
        if (f.isDetached()) continue;
        if (f === page.mainFrame() || (await inRegion(f, 'any').catch(() => false))) shown.push(f);
      }
      return shown;
    };

    /** Two animation frames in the page and in every webview on screen: what was drawn is on screen. */
    const painted = async () => {
      const twoFrames = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
      await Promise.all((await shownFrames()).map((f) => f.evaluate(twoFrames).catch(() => undefined)));
    };

    const screenshot = async (name: string, opts: { clip?: Region } = {}) => {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
      await painted();
      if (opts.clip && opts.clip !== 'any') {
        const box = await rectOf(await page.$(regionSelector[opts.clip]));
        if (box) {
          await page.screenshot({ path: file, clip: box });
          return file;
        }
      }
      await page.screenshot({ path: file });
      return file;
    };

    // code-server does not apply settings.json edits made behind its back (its server-side
    // user-data watcher never reaches the workbench; openvscode-server issue 294 is the same),
    // so the new file is written through VS Code's own settings editor, which applies it at once.
    const setSettings = async (settings: Record<string, unknown>) => {
      settingsRound += 1;
      const token = `tcp-tutor-e2e-${settingsRound}`;
      userSettings = { ...userSettings, ...settings, 'window.title': token };
      const wanted = { ...JSON.parse(fs.readFileSync(settingsFile, 'utf8')), ...userSettings };
      await runCommand('Preferences: Open User Settings (JSON)');
      const tab = page.locator('.part.editor .tabs-container .tab.active', { hasText: 'settings.json' });
      await tab.waitFor({ state: 'visible', timeout: 15_000 });
      const editor = page.locator('.part.editor .editor-instance .monaco-editor').first();
      await editor.locator('.view-lines').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(JSON.stringify(wanted));
      await page.keyboard.press('Control+S');
      await page.locator('.part.editor .tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
      const written = fs.readFileSync(settingsFile, 'utf8');
      try {
        assert.deepEqual(JSON.parse(written), wanted);
      } catch {
        throw new Error(`User/settings.json was not written as intended; it holds:\n${written}`);
      }
      await runCommand('View: Close Editor');
      // window.title becomes document.title: once it shows the new token, the settings apply.
      await page.waitForFunction((t) => document.title.includes(t), token, { timeout: 20_000 }).catch(() => {
        throw new Error(`VS Code did not apply the new User/settings.json within 20 s (window.title ${token})`);
      });
    };

    const setTheme = async (kind: ThemeKind) => {
      await setSettings({ 'workbench.colorTheme': THEMES[kind].name });
      await page.waitForFunction((cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls) ?? false, THEMES[kind].bodyClass, {
        timeout: 15_000,
      });
      // Webviews receive the new --vscode-* variables by message; VS Code marks their body
      // with the theme kind when it has applied them.
      for (const f of await shownFrames()) {
        if (!(await f.$('#app').catch(() => null))) continue;
        await f.waitForFunction((cls) => document.body.classList.contains(cls), THEMES[kind].webviewClass, { timeout: 15_000 }).catch(() => {
          if (!f.isDetached()) throw new Error(`A webview did not take the ${kind} theme (body class ${THEMES[kind].webviewClass})`);
        });
      }
      await painted();
    };

    const reload = async () => {
      const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 30_000 });
      await runCommand('Developer: Reload Window');
      await navigated.catch(() => page.reload());
      await page.waitForLoadState('domcontentloaded');
      await waitForWorkbench();
    };

    const openActivityBarItem = async (label: string) => {
      const item = page.locator(`.part.activitybar .action-item:has(.action-label[aria-label*="${label}"]), .part.activitybar .action-item[aria-label*="${label}"]`).first();
      await item.waitFor({ state: 'visible', timeout: 30_000 });
      const checked = await item.evaluate((el) => el.classList.contains('checked') || el.getAttribute('aria-expanded') === 'true' || el.getAttribute('aria-selected') === 'true');
      const sidebarVisible = await page.locator('.part.sidebar').isVisible();
      if (!(checked && sidebarVisible)) await item.click();
      await page.locator('.part.sidebar').waitFor({ state: 'visible' });
    };

    const resetLayout = async () => {
      await runCommand('View: Close All Editors');
      await runCommand('Notifications: Clear All Notifications').catch(() => undefined);
    };

    return {
      page,
      browser,
      context,
      url: srv.url,
      workspaceUrl: srv.workspaceUrl,
      userDataDir,
      extensionsDir,
      workspace,
      vsix,
      openCommandPalette,
      runCommand,
      pick,
      findFrame,
      screenshot,
      setSettings,
      setTheme,
      reload,
      openActivityBarItem,
      resetLayout,
      serverLog: () => (fs.existsSync(srv.logFile) ? fs.readFileSync(srv.logFile, 'utf8') : ''),
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
