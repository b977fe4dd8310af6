import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { activateBundle, makeContext, makeVscodeStub, openSideView } from '../../support/vscodeStub';
import { HOST_TEXT } from '../../../src/i18n/host';
import { QUESTION_IDS } from '../../../src/core/course/content/questionIds';
import { COURSE } from '../../../src/core/course/content';
import { SCENARIO_SELECTOR } from '../../../src/host/contributions';
import { SCENARIO_GLOB } from '../../../src/core/scenarioFiles/check';

const ROOT = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('extension manifest and activation', () => {
  it('activates only when needed (no "*"; after startup only for the review count)', () => {
    assert.ok(!pkg.activationEvents.includes('*'));
    // The editor tab's serializer; a workspace that holds scenario files (for their CodeLens and
    // diagnostics at once, not any JSON file); and onStartupFinished, which never delays
    // startup, so that the status bar can show due reviews. Views and commands activate
    // through their contributions.
    assert.deepEqual(pkg.activationEvents, ['onWebviewPanel:tcpTutor.panel', 'workspaceContains:**/*.tcp.json', 'onStartupFinished']);
    assert.equal(pkg.browser, './dist/web.js', 'a browser entry for VS Code on the web');
    assert.match(pkg.engines.vscode, /^\^1\.(\d+)\./);
    assert.ok(Number(/^\^1\.(\d+)/.exec(pkg.engines.vscode)?.[1]) <= 100, 'engines.vscode must not be newer than 1.100');
    assert.equal(pkg.devDependencies['@types/vscode'], '1.100.0');
  });

  it('has every %key% of package.json in both NLS files', () => {
    const keys = new Set(JSON.stringify(pkg).match(/%[\w.-]+%/g)?.map((k) => k.slice(1, -1)));
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
      for (const k of keys) assert.ok(typeof nls[k] === 'string' && nls[k].trim(), `${file} lacks ${k}`);
      assert.deepEqual(Object.keys(nls).sort(), [...keys].sort(), `${file} has keys nobody uses`);
    }
  });

  it('speaks through one text mechanism: no vscode.l10n bundle, every host sentence in both languages', () => {
    assert.equal(pkg.l10n, undefined, 'no l10n bundle: host text lives in src/i18n/host.ts');
    const host = ['extension.ts', 'panels.ts', 'text.ts', 'scenarioFiles.ts', 'course/feature.ts', 'sandbox/feature.ts'].map((f) => readFileSync(join(ROOT, 'src', 'host', f), 'utf8')).join('\n');
    assert.doesNotMatch(host, /vscode\.l10n/);
    for (const [key, entry] of Object.entries(HOST_TEXT)) {
      const holes = (t: string) => (t.match(/\{\d+\}/g) ?? []).sort().join();
      assert.ok(entry.en.trim() && entry['zh-cn'].trim(), key);
      assert.equal(holes(entry['zh-cn']), holes(entry.en), `${key}: the same placeholders in both languages`);
    }
  });

  it('has a walkthrough whose steps complete on the tutor\'s own commands, with images that exist', () => {
    const [walkthrough] = pkg.contributes.walkthroughs;
    const commands = pkg.contributes.commands.map((c: { command: string }) => c.command);
    assert.ok(walkthrough.steps.length >= 3 && walkthrough.steps.length <= 4);
    for (const step of walkthrough.steps) {
      assert.equal(step.completionEvents.length, 1);
      const command = /^onCommand:(.+)$/.exec(step.completionEvents[0])?.[1] ?? '';
      assert.ok(commands.includes(command), `${step.id} completes on ${command}, which is not contributed`);
      assert.ok(existsSync(join(ROOT, step.media.image)), step.media.image);
    }
    const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8'));
    for (const step of walkthrough.steps) {
      const key = step.description.slice(1, -1);
      const command = /^onCommand:(.+)$/.exec(step.completionEvents[0])?.[1];
      assert.ok(nls[key].includes(`(command:${command})`), `${step.id}'s description links to its own command`);
    }
  });

  it('registers every contribution at activation and loads the features only on first use', async function () {
    const bundle = join(ROOT, 'dist', 'extension.js');
    if (!existsSync(bundle)) throw new Error('dist/extension.js is missing: run npm run build first');
    const features = join(ROOT, 'dist', 'features.js');
    const lessons = join(ROOT, 'dist', 'lessons.js');
    const { api, recorded } = makeVscodeStub();
    const context = makeContext(ROOT, recorded);
    activateBundle(ROOT, api, context);
    try {
      const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
      assert.equal(require.cache[features], undefined, 'activation does not load dist/features.js');
      assert.deepEqual([...recorded.commands.keys()].sort(), contributed);
      assert.deepEqual([...recorded.views.keys()], [pkg.contributes.views.tcpTutor[0].id]);
      assert.deepEqual([...recorded.serializers.keys()], ['tcpTutor.panel']);
      assert.deepEqual([...recorded.customEditors.keys()], pkg.contributes.customEditors.map((e: { viewType: string }) => e.viewType));
      // The status bar's listener only; the stand-in CodeLens providers, scenario files first.
      assert.equal(recorded.configListeners.length, 1);
      const pasted = [{ language: 'plaintext' }, { language: 'log' }, { language: 'shellscript' }, { language: 'powershell' }, { scheme: 'untitled' }];
      assert.deepEqual(recorded.codeLenses.map((c) => c.selector), [{ pattern: '**/*.tcp.json' }, pasted]);
      assert.deepEqual(recorded.syncedKeys, ['tcpTutor.progress'], 'progress is synced by Settings Sync');
      const standIn = recorded.commands.get('tcpTutor.continueLesson');

      // First use: a command. The features load, replace every stand-in, and run it.
      await recorded.commands.get('tcpTutor.continueLesson')?.();
      assert.ok(require.cache[features], 'the command loaded dist/features.js');
      assert.ok(require.cache[lessons], 'and the course');
      assert.notEqual(recorded.commands.get('tcpTutor.continueLesson'), standIn);
      assert.deepEqual([...recorded.commands.keys()].sort(), contributed, 'each command registered once, by the features');
      assert.deepEqual(recorded.codeLenses.map((c) => c.selector), [pasted, { pattern: '**/*.tcp.json' }], 'the features\u2019 own CodeLens providers');
      // The status bar's, the tutor's (language, review settings) and the connection doctor's.
      assert.equal(recorded.configListeners.length, 3);
      // The view resolves through the features already loaded.
      const view = openSideView(recorded);
      view.send({ type: 'ready' });
      assert.equal((await view.next('init')).type, 'init');
      assert.ok(recorded.logs.some((l) => /features are loaded/.test(l)));
    } finally {
      for (const d of context.subscriptions as { dispose(): void }[]) d.dispose();
    }
  });

  it('loads the features when the side view opens first', async () => {
    const { api, recorded } = makeVscodeStub();
    const context = makeContext(ROOT, recorded);
    activateBundle(ROOT, api, context);
    try {
      assert.equal(require.cache[join(ROOT, 'dist', 'features.js')], undefined);
      const view = openSideView(recorded);
      view.send({ type: 'ready' });
      const init = await view.next('init');
      assert.equal(init.locale, 'en');
      assert.ok(require.cache[join(ROOT, 'dist', 'features.js')]);
    } finally {
      for (const d of context.subscriptions as { dispose(): void }[]) d.dispose();
    }
  });

  it('keeps each source module in one desktop bundle, and activation small', () => {
    // Written by scripts/build.mjs from esbuild's metafiles, in development and production builds alike.
    const listing = join(ROOT, 'build', 'desktop-bundles.json');
    if (!existsSync(listing)) throw new Error('build/desktop-bundles.json is missing: run npm run build first');
    const bundles = JSON.parse(readFileSync(listing, 'utf8')) as Record<string, string[]>;
    const startup = new Set(bundles['dist/extension.js']);
    const features = new Set(bundles['dist/features.js']);
    const lessons = new Set(bundles['dist/lessons.js']);
    assert.ok(startup.has('src/host/course/reviewStatus.ts') && startup.has('src/host/contributions.ts'), 'activation holds the status bar and the ids');
    assert.ok(features.has('src/host/panels.ts') && features.has('src/core/tcp/simulator.ts') && features.has('src/i18n/catalog.ts'), 'the features bundle holds the features');
    assert.ok(lessons.has('src/core/course/content/index.ts'));
    for (const [a, b] of [[startup, features], [startup, lessons], [features, lessons]]) assert.deepEqual([...a].filter((m) => b.has(m)), [], 'no module in two bundles');
    for (const heavy of ['src/core/tcp/simulator.ts', 'src/i18n/catalog.ts', 'src/host/panels.ts', 'src/core/course/player.ts', 'src/core/doctor/parse.ts']) assert.ok(!startup.has(heavy), `activation does not carry ${heavy}`);
    // The features take activation's modules from it at run time instead of a second copy.
    assert.match(readFileSync(join(ROOT, 'dist', 'features.js'), 'utf8'), /require\(["']\.\/extension\.js["']\)\.__startup/);
    assert.equal(SCENARIO_SELECTOR.pattern, SCENARIO_GLOB, 'activation\u2019s CodeLens stand-in covers the scenario files');
  });

  /** Activates with progress already stored (and the review-count setting), returns the status item. */
  function activateWith(stored: Record<string, unknown>, showReviewCount?: boolean, threshold = 1) {
    const { api, recorded } = makeVscodeStub();
    if (showReviewCount !== undefined) recorded.settings.set('tcpTutor.showReviewCount', showReviewCount);
    recorded.settings.set('tcpTutor.review.statusBarThreshold', threshold);
    const context = makeContext(ROOT, recorded, stored);
    activateBundle(ROOT, api, context);
    for (const d of context.subscriptions as { dispose(): void }[]) d.dispose();
    const item = recorded.statusItems.find((i) => i.id === 'tcpTutor.review');
    assert.ok(item, 'a status bar item for reviews');
    return item;
  }

  it('shows the due review count in the status bar at activation, without loading the course', () => {
    const now = Date.now();
    const questions = [...QUESTION_IDS];
    const cards = { [questions[0]]: { due: now - 1000 }, [questions[1]]: { due: now - 5 }, [questions[2]]: { due: now + 3_600_000 }, 'removed-question': { due: now - 1000 } };
    // The course content is its own bundle beside the host, required on first use only.
    const lessons = join(ROOT, 'dist', 'lessons.js');
    delete require.cache[lessons];
    const item = activateWith({ 'tcpTutor.progress': { version: 2, currentLesson: null, lessons: {}, cards } });
    assert.equal(require.cache[lessons], undefined, 'activation does not load dist/lessons.js');
    assert.equal(item.visible, true);
    assert.match(item.text, /\b2$/);
    assert.equal(item.command, 'tcpTutor.reviewNow');
    assert.match(String(item.tooltip), /2 .*due/);
  });

  it('keeps the count out of the status bar below tcpTutor.review.statusBarThreshold', () => {
    const now = Date.now();
    const questions = [...QUESTION_IDS];
    const cards = Object.fromEntries(questions.slice(0, 4).map((q) => [q, { due: now - 1000 }]));
    assert.equal(activateWith({ 'tcpTutor.progress': { version: 2, currentLesson: null, lessons: {}, cards } }, undefined, 5).visible, false, '4 due, threshold 5');
    assert.equal(activateWith({ 'tcpTutor.progress': { version: 2, currentLesson: null, lessons: {}, cards } }, undefined, 4).visible, true, '4 due, threshold 4');
  });

  it('picks up progress that Settings Sync brought when the window gains focus', async () => {
    const questions = [...QUESTION_IDS];
    const { api, recorded } = makeVscodeStub();
    recorded.settings.set('tcpTutor.review.statusBarThreshold', 1);
    const context = makeContext(ROOT, recorded, { 'tcpTutor.progress': { version: 2, currentLesson: null, lessons: {}, cards: {} } });
    activateBundle(ROOT, api, context);
    try {
      const item = recorded.statusItems.find((i) => i.id === 'tcpTutor.review');
      assert.ok(item);
      await recorded.commands.get('tcpTutor.reviewNow')?.(); // loads the course with the empty record
      assert.equal(item.visible, false);
      const synced = { version: 2, currentLesson: 'states', lessons: {}, cards: { [questions[0]]: { due: Date.now() - 1000, stability: 1, difficulty: 5, elapsed_days: 0, scheduled_days: 0, learning_steps: 0, reps: 1, lapses: 0, state: 1, last_review: Date.now() - 60_000 } } };
      await (context.globalState as { update(k: string, v: unknown): Promise<void> }).update('tcpTutor.progress', synced);
      for (const l of recorded.windowListeners) l({ focused: true });
      assert.equal(item.visible, true, 'the synced card is due');
      assert.match(item.text, /\b1$/);
      // A record that cannot be read is not taken: this window's progress stays.
      await (context.globalState as { update(k: string, v: unknown): Promise<void> }).update('tcpTutor.progress', '{broken');
      for (const l of recorded.windowListeners) l({ focused: true });
      assert.equal(item.visible, true);
    } finally {
      for (const d of context.subscriptions as { dispose(): void }[]) d.dispose();
    }
  });

  describe('course commands on stored progress', () => {
    const lessonIds = () => COURSE.lessons.map((l) => l.id);

    function activateStored(stored: Record<string, unknown>) {
      const { api, recorded } = makeVscodeStub();
      const context = makeContext(ROOT, recorded, stored);
      activateBundle(ROOT, api, context);
      const state = context.globalState as { get(k: string): unknown };
      // The side panel's webview, as VS Code would resolve it: the course screen is what it was last sent.
      type CourseScreen = { screen: string; notice?: string | null; lessons?: { id: string; status: string }[] };
      const view = openSideView(recorded);
      view.send({ type: 'ready' });
      const ready = view.next('course');
      const posted = view.posted as { type: string; model?: CourseScreen }[];
      const tutor = {
        courseModel(_locale: string): CourseScreen {
          const last = posted.filter((m) => m.type === 'course').pop();
          assert.ok(last?.model, 'the webview was sent the course');
          return last.model;
        },
      };
      return { recorded, state, tutor, ready, dispose: () => (context.subscriptions as { dispose(): void }[]).forEach((d) => d.dispose()) };
    }

    const done = () => ({ step: 3, done: true, completedAt: 1, questions: {} });

    it('resets a lesson only after the learner confirms, keeping the record before the reset', async () => {
      const [first, second] = lessonIds();
      const stored = { version: 2, currentLesson: second, lessons: { [first]: done(), [second]: done() }, cards: {} };
      const t = activateStored({ 'tcpTutor.progress': stored });
      try {
        await t.ready;
        t.recorded.answers.push(undefined); // the learner cancels
        await t.recorded.commands.get('tcpTutor.resetLesson')?.(first);
        assert.match(t.recorded.messages[0], /Reset the lesson/);
        assert.equal(t.tutor.courseModel('en').lessons?.find((l) => l.id === first)?.status, 'done', 'nothing is forgotten on cancel');
        t.recorded.answers.push('Reset Lesson');
        await t.recorded.commands.get('tcpTutor.resetLesson')?.(first);
        const lessons = t.tutor.courseModel('en').lessons ?? [];
        assert.equal(lessons.find((l) => l.id === first)?.status, 'not-started');
        assert.equal(lessons.find((l) => l.id === second)?.status, 'done', 'the other lessons are kept');
        const saved = t.state.get('tcpTutor.progress') as { lessons: Record<string, unknown> };
        assert.deepEqual(Object.keys(saved.lessons), [second]);
        // The host gave the record a shuffle seed on first use; the rest is the stored record.
        const { seed, ...previous } = JSON.parse((t.state.get('tcpTutor.progress.previous') as { raw: string }).raw) as Record<string, unknown>;
        assert.equal(typeof seed, 'number');
        assert.deepEqual(previous, stored);
      } finally {
        t.dispose();
      }
    });

    it('resets the whole course after confirming', async () => {
      const [first] = lessonIds();
      const t = activateStored({ 'tcpTutor.progress': { version: 2, currentLesson: first, lessons: { [first]: done() }, cards: {} } });
      try {
        await t.ready;
        t.recorded.answers.push('Reset Course');
        await t.recorded.commands.get('tcpTutor.resetCourse')?.();
        assert.ok((t.tutor.courseModel('en').lessons ?? []).every((l) => l.status === 'not-started'));
        assert.deepEqual((t.state.get('tcpTutor.progress') as { lessons: object }).lessons, {});
      } finally {
        t.dispose();
      }
    });

    it('keeps an unreadable record aside, says so, and starts afresh without overwriting the backup', async () => {
      const t = activateStored({ 'tcpTutor.progress': '{"version": 2, "lessons": ' });
      try {
        await t.ready;
        const map = t.tutor.courseModel('en');
        assert.equal(map.screen, 'map');
        assert.match(map.notice ?? '', /could not be read/);
        assert.ok(t.recorded.messages.some((m) => /could not read your saved progress/.test(m)));
        const backups = t.state.get('tcpTutor.progress.unreadable') as { raw: string; error: string }[];
        assert.equal(backups.length, 1);
        assert.equal(backups[0].raw, '{"version": 2, "lessons": ');
        assert.match(backups[0].error, /not JSON/);
      } finally {
        t.dispose();
      }
    });
  });

  it('hides the count when nothing is due, when the setting turns it off, and on unreadable progress', () => {
    const now = Date.now();
    const questions = [...QUESTION_IDS];
    const due = { version: 2, currentLesson: null, lessons: {}, cards: { [questions[0]]: { due: now - 1000 } } };
    assert.equal(activateWith({}).visible, false);
    assert.equal(activateWith({ 'tcpTutor.progress': { ...due, cards: { [questions[0]]: { due: now + 60_000 } } } }).visible, false);
    assert.equal(activateWith({ 'tcpTutor.progress': due }, false).visible, false);
    assert.equal(activateWith({ 'tcpTutor.progress': due }, true).visible, true);
    assert.equal(activateWith({ 'tcpTutor.progress': '{corrupt' }).visible, false);
  });
});
