/**
 * Loads the built webview bundle (dist/webview.js, dist/webview.css) into headless Chromium
 * under the same CSP the extension uses, with a fake `acquireVsCodeApi` that records what
 * the webview posts. Served from a loopback HTTP server, never from the network.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { renderHtml } from '../../src/host/webviewHtml';
import type { CourseIntent, CourseModel, HostMessage, InitMessage, LanguageSetting, SandboxIntent, SandboxModel, TabId } from '../../src/shared/protocol';
import { PROTOCOL_VERSION, parseWebviewMessage } from '../../src/shared/protocol';
import type { RowsKnown } from '../../src/host/sandbox/presenter';
import { SandboxDriver, presetLibrary, presets } from '../support/sandboxDriver';
export { presetLibrary };
import type { Locale } from '../../src/i18n/types';
import { CATALOGS } from '../../src/i18n/catalog';
import { buildDiagramModel } from '../../src/host/diagram/presenter';
import { CourseDriver } from '../support/courseDriver';
import { COURSE } from '../../src/core/course/content';
import type { Progress } from '../../src/core/course/progress';
import { emptyProgress } from '../../src/core/course/progress';
import type { ThemeName } from './themes';
import { THEMES } from './themes';

const ROOT = join(__dirname, '..', '..');
const NONCE = 'harness-nonce-0123456789';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
}

export function requireBuild(): void {
  for (const f of ['dist/webview.js', 'dist/webview.css']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run npm run build first.`);
  }
}

/** The fake VS Code API, installed before the bundle runs. */
function fakeApiScript(savedState: unknown): string {
  return `window.__posted = []; window.__state = ${JSON.stringify(savedState ?? null)}; window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
window.acquireVsCodeApi = () => ({
  postMessage: (m) => { window.__posted.push(JSON.parse(JSON.stringify(m))); if (window.__toHost) window.__toHost(m); },
  getState: () => window.__state,
  setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
});`;
}

export interface HarnessServer {
  readonly url: string;
  /** State the next page load starts from (what getState returns). */
  savedState: unknown;
  theme: ThemeName;
  close(): Promise<void>;
}

const BASELINE_SCRIPT = `
const app = document.getElementById('app');
const vscode = acquireVsCodeApi();
window.addEventListener('message', (event) => {
  const m = event.data;
  if (m.type === 'init') {
    const ul = document.createElement('ul');
    for (const s of m.diagram.states) {
      const li = document.createElement('li');
      li.textContent = s.id + ': ' + s.text.meaning;
      ul.append(li);
    }
    app.replaceChildren(ul);
    app.dataset.ready = 'true';
  } else if (m.type === 'sandbox') {
    const p = document.createElement('p');
    p.textContent = 'rows: ' + m.model.rowCount;
    app.append(p);
  }
});
vscode.postMessage({ type: 'ready' });
`;

export async function startServer(): Promise<HarnessServer> {
  const state: { savedState: unknown; theme: ThemeName } = { savedState: null, theme: 'dark' };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/' || path === '/index.html') {
      const origin = `http://${req.headers.host}`;
      let html = renderHtml({ cspSource: origin, scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/dist/webview.css`, lang: 'en', nonce: NONCE });
      const theme = THEMES[state.theme];
      html = html.replace('<body>', `<body class="${theme.bodyClass}">`);
      html = html.replace(`<script nonce="${NONCE}" src`, `<script nonce="${NONCE}" src="${origin}/fake-api.js"></script>\n<script nonce="${NONCE}" src`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    if (path === '/baseline.html') {
      // The benchmarks' yardstick: a plain HTML page under the same CSP and handshake that
      // draws the init message as a bare list, and appends one line per sandbox message.
      const origin = `http://${req.headers.host}`;
      const html = renderHtml({ cspSource: origin, scriptUri: `${origin}/baseline.js`, styleUri: `${origin}/dist/webview.css`, lang: 'en', nonce: NONCE }).replace(
        `<script nonce="${NONCE}" src`,
        `<script nonce="${NONCE}" src="${origin}/fake-api.js"></script>\n<script nonce="${NONCE}" src`,
      );
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    if (path === '/baseline.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(BASELINE_SCRIPT);
      return;
    }
    if (path === '/fake-api.js') {
      const vars = Object.entries(THEMES[state.theme].vars)
        .map(([k, v]) => `document.documentElement.style.setProperty(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
        .join('\n');
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(`${fakeApiScript(state.savedState)}\n${vars}`);
      return;
    }
    if (path === '/dist/webview.js' || path === '/dist/webview.css') {
      const type = path.endsWith('.js') ? 'text/javascript' : 'text/css';
      res.writeHead(200, { 'content-type': type }).end(readFileSync(join(ROOT, path)));
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    get savedState() {
      return state.savedState;
    },
    set savedState(v: unknown) {
      state.savedState = v;
    },
    get theme() {
      return state.theme;
    },
    set theme(v: ThemeName) {
      state.theme = v;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function launch(): Promise<Browser> {
  requireChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export function initMessage(locale: Locale, host: 'view' | 'panel' = 'view', language: LanguageSetting = 'auto'): InitMessage {
  return {
    type: 'init',
    protocol: PROTOCOL_VERSION,
    locale,
    language,
    host,
    strings: CATALOGS[locale].ui,
    diagram: buildDiagramModel(CATALOGS[locale].diagram),
    presets: presets(presetLibrary(), locale),
    saved: null,
    capabilities: { localOS: true },
  };
}

/**
 * Plays the host's part for the sandbox: every sandbox intent the page posts is validated
 * and carried out by the real controller (and simulator) in Node, and the new model is
 * posted back, as the extension does.
 */
export class FakeSandboxHost {
  readonly controller = new SandboxDriver();
  private known: RowsKnown | null = null;
  readonly problems: string[] = [];
  /** Exports the page asked for. */
  readonly exports: { format: string; content: string }[] = [];

  constructor(
    private readonly page: Page,
    private readonly locale: Locale = 'en',
  ) {}

  async attach(): Promise<void> {
    await this.page.exposeFunction('__toHost', (raw: unknown) => this.receive(raw));
  }

  async send(reveal = false, problem: string | null = null): Promise<void> {
    const model = this.controller.model(this.locale, this.known, problem);
    this.known = { epoch: this.controller.epoch, count: model.rowCount };
    await this.page.evaluate((m) => window.postMessage(m, '*'), { type: 'sandbox', model, reveal });
  }

  /** After a fresh page load the webview holds no rows. */
  forget(): void {
    this.known = null;
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok || !parsed.message.type.startsWith('sandbox/')) return;
    const result = this.controller.handle(parsed.message as SandboxIntent, this.locale);
    if (result.problem) this.problems.push(result.problem);
    if (result.export) this.exports.push(result.export);
    if (result.changed || result.problem) await this.send(false, result.problem);
  }
}

/**
 * Opens the harness page, waits for the ready handshake, sends `init`, waits for the paint;
 * with `tab`, then shows that tab as a learner would (the course is the home tab).
 */
export async function openTutor(page: Page, server: HarnessServer, message: HostMessage = initMessage('en'), tab?: TabId): Promise<void> {
  await page.goto(server.url);
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  await sendToWebview(page, message);
  await page.waitForSelector('#app[data-ready="true"]');
  if (tab) {
    await page.click(`vscode-tab-header[data-tab="${tab}"]`);
    await page.waitForSelector(`vscode-tab-panel[data-panel="${tab}"]`, { state: 'visible' });
  }
}

/** Sends a course model, as the host does after each course intent. */
export async function sendCourse(page: Page, model: CourseModel, reveal = false): Promise<void> {
  await sendToWebview(page, { type: 'course', model, reveal });
}

/** Sends the lesson's own sandbox picture. */
export async function sendLessonSandbox(page: Page, model: SandboxModel): Promise<void> {
  await sendToWebview(page, { type: 'lessonSandbox', model });
}

/** The course intents the page has posted so far. */
export async function courseIntents(page: Page): Promise<CourseIntent[]> {
  return (await posted(page)).filter((m) => m.type.startsWith('course/')) as unknown as CourseIntent[];
}

/** A fixed clock for the course (the scheduler's "now"). */
export const COURSE_T0 = 1_750_000_000_000;

/**
 * Plays the host's part for the course: every course intent the page posts is validated and
 * handed to the real CoursePlayer (with the real course), and the new course model and lesson
 * sandbox are posted back, as the extension does. Resets are only recorded (the host asks
 * the learner to confirm them first).
 */
export class FakeCourseHost {
  readonly player: CourseDriver;
  readonly intents: CourseIntent[] = [];
  readonly resets: CourseIntent[] = [];
  readonly problems: string[] = [];
  /** Captures the learner asked to open. */
  readonly captures: string[] = [];
  now = COURSE_T0;
  /** Only record intents (for tests that send hand-built models). */
  mute = false;
  private known: { epoch: number; count: number } | null = null;
  /** Serialises replies, so that the page sees models in the order the player made them. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly page: Page,
    private readonly locale: Locale = 'en',
    progress: Progress = emptyProgress(),
  ) {
    this.player = new CourseDriver(COURSE, progress);
  }

  async attach(): Promise<void> {
    await this.page.exposeFunction('__toHost', (raw: unknown) => {
      this.queue = this.queue.then(() => this.receive(raw)).catch((e: unknown) => {
        this.problems.push(String(e));
      });
      return this.queue;
    });
  }

  /** Sends the course model (and the lesson sandbox, when asked). */
  async send(reveal = false, sandbox = true, problem: string | null = null): Promise<void> {
    await sendCourse(this.page, this.player.model(this.locale, this.now), reveal);
    if (sandbox) await this.sendSandbox(problem);
  }

  async sendSandbox(problem: string | null = null): Promise<void> {
    const known = this.known && this.known.epoch === this.player.sandboxEpoch ? this.known : null;
    const model = this.player.sandboxModel(this.locale, known, problem);
    this.known = { epoch: this.player.sandboxEpoch, count: model.rowCount };
    await sendLessonSandbox(this.page, model);
  }

  /** Waits until every intent posted so far has been answered. */
  async settle(): Promise<void> {
    await new Promise((r) => setTimeout(r, 30));
    await this.queue;
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      if ((raw as { type?: string })?.type?.startsWith('course/')) this.problems.push(parsed.error);
      return;
    }
    const intent = parsed.message;
    if (!intent.type.startsWith('course/')) return;
    this.intents.push(intent as CourseIntent);
    if (this.mute) return;
    if (intent.type === 'course/reset') {
      this.resets.push(intent);
      return;
    }
    // The host opens the capture editor; the course itself does not change.
    if (intent.type === 'course/openCapture') {
      this.captures.push(intent.capture);
      return;
    }
    const result = this.player.handle(intent as CourseIntent, this.now);
    if (result.problem) this.problems.push(result.problem);
    if (result.courseChanged) await sendCourse(this.page, this.player.model(this.locale, this.now), false);
    if (result.sandboxChanged || (result.problem && intent.type === 'course/sandbox')) await this.sendSandbox(intent.type === 'course/sandbox' ? result.problem : null);
  }
}

export async function sendToWebview(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

export async function posted(page: Page): Promise<{ type: string; [k: string]: unknown }[]> {
  return page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
}

export async function savedState(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __state: unknown }).__state);
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

/**
 * Chromium and the page server for one suite: started before its tests (after checking the
 * build and making the screenshot folder), closed after them.
 */
export function browserSuite(shots: string): { readonly browser: Browser; readonly server: HarnessServer } {
  const env = {} as { browser: Browser; server: HarnessServer };
  before(async () => {
    requireBuild();
    mkdirSync(shots, { recursive: true });
    env.browser = await launch();
    env.server = await startServer();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
