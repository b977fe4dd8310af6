import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

/** Runs the project's layer rules over a small tree of files; returns the report. */
function cruise(files: Record<string, string>): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-layers-'));
  try {
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', moduleResolution: 'node', strict: true }, include: ['**/*.ts'] }));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const r = spawnSync(process.execPath, [CLI, 'src', 'webview', '--config', CONFIG, '--no-progress'], { cwd: dir, encoding: 'utf8' });
    return { status: r.status, out: r.stdout + r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('layer rules (dependency-cruiser in npm run lint)', function () {
  this.timeout(60_000);

  it('fails on core importing the contract or VS Code, the webview importing core, and a cycle', () => {
    const r = cruise({
      'src/core/tcp/vocabulary.ts': 'export type StateId = string;\n',
      'src/core/tcp/simulator.ts': "import type { ToWebviewMessage } from '../../shared/protocol';\nimport * as vscode from 'vscode';\nexport type X = ToWebviewMessage | typeof vscode;\n",
      'src/shared/protocol.ts': "import type { StateId } from '../core/tcp/vocabulary';\nexport type ToWebviewMessage = { type: StateId };\n",
      'src/shared/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'src/shared/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      'webview/main.ts': "import type { X } from '../src/core/tcp/simulator';\nexport type Y = X;\n",
    });
    assert.notEqual(r.status, 0, r.out);
    assert.match(r.out, /core-stays-pure: src\/core\/tcp\/simulator\.ts → src\/shared\/protocol\.ts/);
    assert.match(r.out, /core-stays-pure: src\/core\/tcp\/simulator\.ts → vscode/);
    assert.match(r.out, /webview-imports-only-shared: webview\/main\.ts → src\/core\/tcp\/simulator\.ts/);
    assert.match(r.out, /no-circular: src\/shared\/a\.ts → /);
    assert.doesNotMatch(r.out, /shared-sees-only-core-vocabulary/, 'the contract may use core vocabulary');
  });

  it('passes the same tree without the forbidden imports', () => {
    const r = cruise({
      'src/core/tcp/vocabulary.ts': 'export type StateId = string;\n',
      'src/shared/protocol.ts': "import type { StateId } from '../core/tcp/vocabulary';\nexport type ToWebviewMessage = { type: StateId };\n",
      'webview/main.ts': "import type { ToWebviewMessage } from '../src/shared/protocol';\nexport type Y = ToWebviewMessage;\n",
    });
    assert.equal(r.status, 0, r.out);
  });

  it('is part of npm run lint', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.match(pkg.scripts.lint, /depcruise .*--config \.dependency-cruiser\.cjs/);
  });
});
