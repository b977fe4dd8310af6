import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeVscodeStub, withVscodeStub } from '../support/vscodeStub';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('extension manifest and activation', () => {
  it('activates only when needed (no "*" and no startup events)', () => {
    assert.ok(!pkg.activationEvents.includes('*'));
    assert.ok(!pkg.activationEvents.includes('onStartupFinished'));
    // The editor tab's serializer, and JSON files (for the CodeLens and diagnostics of *.tcp.json).
    assert.deepEqual(pkg.activationEvents, ['onWebviewPanel:tcpTutor.panel', 'onLanguage:json']);
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

  it('translates every host string passed to hostT', () => {
    const bundle = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
    const sources = ['src/extension.ts', 'src/tutorWebview.ts', 'src/scenarioFiles.ts'].map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
    const used = [...sources.matchAll(/hostT\([^,]+,\s*'([^']+)'/g)].map((m) => m[1]);
    assert.ok(used.length >= 4);
    for (const message of used) assert.ok(bundle[message], `l10n/bundle.l10n.zh-cn.json lacks "${message}"`);
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

  it('registers exactly the contributed view, serializer and commands', function () {
    const bundle = join(ROOT, 'dist', 'extension.js');
    if (!existsSync(bundle)) throw new Error('dist/extension.js is missing: run npm run build first');
    const { api, recorded } = makeVscodeStub();
    withVscodeStub(api, () => {
      delete require.cache[bundle];
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle must be loaded while the stub is active
      const ext = require(bundle) as { activate(ctx: unknown): void };
      ext.activate({ extensionUri: { path: ROOT }, subscriptions: [], workspaceState: { get: () => undefined, update: async () => undefined } });
    });
    assert.deepEqual([...recorded.commands.keys()].sort(), pkg.contributes.commands.map((c: { command: string }) => c.command).sort());
    assert.deepEqual([...recorded.views.keys()], [pkg.contributes.views.tcpTutor[0].id]);
    assert.deepEqual([...recorded.serializers.keys()], ['tcpTutor.panel']);
    assert.equal(recorded.configListeners.length, 1);
    assert.deepEqual(recorded.codeLenses.map((c) => c.selector), [{ pattern: '**/*.tcp.json' }]);
  });
});
