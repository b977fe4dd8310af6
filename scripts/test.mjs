// `npm test`: every test layer, in order. Builds first, packages the VSIX before the
// end-to-end layer, and ends with one plain summary line ("N passed, N failed, N skipped").
// `node scripts/test.mjs e2e` runs only the end-to-end layers (after packaging): the whole suite
// in code-server's Node extension host, then the host check and the course again in the
// browser's web worker extension host (the browser build); `e2e-web` runs only the latter.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv[2];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const mocha = ['node_modules/mocha/bin/mocha.js'];

/** Runs a command, echoing its output; resolves with the exit code and the text printed. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function count(name, out, code) {
  const num = (re) => Number(re.exec(out)?.[1] ?? 0);
  const passed = num(/^\s*(\d+) passing/m);
  const failed = num(/^\s*(\d+) failing/m);
  const skipped = num(/^\s*(\d+) pending/m);
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  // A layer that exits non-zero without reporting a failing test still fails the run.
  if (code !== 0 && failed === 0) totals.failed += 1;
  if (code !== 0) failures.push(name);
  if (code === 0 && passed === 0) {
    failures.push(`${name} (ran no test)`);
    totals.failed += 1;
  }
}

async function step(name, command, args) {
  console.log(`\n=== ${name} ===`);
  const { code } = await run(command, args);
  if (code !== 0) {
    failures.push(name);
    totals.failed += 1;
  }
  return code === 0;
}

async function layer(name, config, env = {}) {
  console.log(`\n=== ${name} ===`);
  const { code, out } = await run(process.execPath, [...mocha, '--config', config], env);
  count(name, out, code);
}

const WEB_LAYER = 'end-to-end tests in the web worker extension host (browser build)';

async function main() {
  if (only === 'e2e' || only === 'e2e-web') {
    if ((await step('package', npm, ['run', '--silent', 'package'])) && (await step('code-server', process.execPath, ['scripts/code-server.mjs', 'ensure']))) {
      if (only === 'e2e') await layer('end-to-end tests (code-server + Chromium)', 'test/e2e/.mocharc.json');
      await layer(WEB_LAYER, 'test/e2e/.mocharc.web.json', { TCP_TUTOR_E2E_HOST: 'web' });
    }
  } else {
    if (!(await step('build', npm, ['run', '--silent', 'build']))) return finish();
    await layer('unit tests', 'test/unit/.mocharc.json');
    await layer('webview tests (headless Chromium)', 'test/webview/.mocharc.json');
    if ((await step('package', npm, ['run', '--silent', 'package'])) && (await step('code-server', process.execPath, ['scripts/code-server.mjs', 'ensure']))) {
      await layer('end-to-end tests (code-server + Chromium)', 'test/e2e/.mocharc.json');
      await layer(WEB_LAYER, 'test/e2e/.mocharc.web.json', { TCP_TUTOR_E2E_HOST: 'web' });
    }
  }
  finish();
}

function finish() {
  console.log('');
  if (failures.length) console.log(`Failed: ${failures.join('; ')}`);
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed > 0 || failures.length > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
