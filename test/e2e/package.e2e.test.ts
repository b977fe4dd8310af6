import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

describe('the VSIX', () => {
  it('ships only what runs: bundles, media, translations, schemas and package files', () => {
    const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const allowed = [
      /^dist\/(extension|features|lessons|web|webview|capture-view|labKernel)\.js$/,
      /^dist\/(webview|capture-view)\.css$/,
      /^media\/(walkthrough\/)?[\w.-]+\.(svg|png)$/,
      /^media\/captures\/[\w-]+\.pcapng$/,
      /^schemas\/[\w.-]+\.json$/,
      /^scenarios\/[\w.-]+\.tcp\.json$/,
      /^package(\.nls(\.[\w-]+)?)?\.json$/,
      /^(README|CHANGELOG)\.md$/,
      /^LICENSE$/,
    ];
    const unexpected = files.filter((f) => !allowed.some((re) => re.test(f)));
    assert.deepEqual(unexpected, [], 'files that should not ship');
    for (const needed of ['scenarios/normal-open.tcp.json', 'schemas/scenario.schema.json', 'dist/extension.js', 'dist/features.js', 'dist/lessons.js', 'dist/web.js', 'dist/webview.js', 'dist/webview.css', 'dist/capture-view.js', 'dist/capture-view.css', 'dist/labKernel.js', 'package.json', 'package.nls.zh-cn.json', 'media/icon.png', 'media/captures/halfclose.pcapng']) {
      assert.ok(files.includes(needed), `${needed} is missing from the VSIX`);
    }
    assert.ok(!files.some((f) => f.endsWith('.map') || f.endsWith('.ts') || f.startsWith('node_modules/')));
  });

  it('stays under 1 MB', () => {
    const vsix = join(ROOT, 'build', 'tcp-tutor.vsix');
    assert.ok(existsSync(vsix), 'build/tcp-tutor.vsix is missing: run npm run package');
    assert.ok(statSync(vsix).size < 1024 * 1024, `${statSync(vsix).size} bytes`);
  });
});
