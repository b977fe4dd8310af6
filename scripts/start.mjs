#!/usr/bin/env node
// `npm start`: build and package the extension, install it into a local VS Code for the web
// (code-server, cached in .cache/code-server/), open playground/ in it on 127.0.0.1, print the
// address, and stay in the foreground until Ctrl+C.
//
//   npm start                   VS Code in the browser on $PORT, 8080 or the next free port
//   npm start -- --desktop      install the VSIX into the desktop `code` on PATH and open playground/
//   npm start -- --no-build     reuse build/tcp-tutor.vsix as it is

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrerequisiteError, ensureCodeServer, freePort, installExtension, startCodeServer, which } from './code-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VSIX = path.join(ROOT, 'build', 'tcp-tutor.vsix');
const PLAYGROUND = path.join(ROOT, 'playground');
const STATE = path.join(ROOT, '.cache', 'start');
const args = new Set(process.argv.slice(2));

function say(msg) {
  process.stderr.write(`[start] ${msg}\n`);
}

function runInherit(cmd, cmdArgs) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, cmdArgs, { cwd: ROOT, stdio: ['ignore', 2, 2] });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${cmdArgs.join(' ')} failed (${signal || `exit ${code}`})`))));
  });
}

async function packageVsix() {
  if (args.has('--no-build')) {
    if (!fs.existsSync(VSIX)) throw new Error(`--no-build, but there is no ${path.relative(ROOT, VSIX)}: run npm run package first`);
    return;
  }
  say('building and packaging the extension (npm run package)');
  await runInherit(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'package']);
  if (!fs.existsSync(VSIX)) throw new Error(`npm run package did not produce ${path.relative(ROOT, VSIX)}`);
}

function ensurePlayground() {
  fs.mkdirSync(PLAYGROUND, { recursive: true });
}

async function desktop() {
  const code = which('code');
  if (!code) {
    say('No desktop VS Code: the `code` command is not on PATH.');
    say('Install VS Code (https://code.visualstudio.com/) and run "Shell Command: Install \'code\' command in PATH",');
    say('or run plain `npm start` to use VS Code in the browser instead.');
    process.exit(1);
  }
  await packageVsix();
  ensurePlayground();
  say(`installing ${path.relative(ROOT, VSIX)} into the desktop VS Code (${code})`);
  const r = spawnSync(code, ['--install-extension', VSIX, '--force'], { stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    say(`code --install-extension failed (exit ${r.status})`);
    process.exit(1);
  }
  spawnSync(code, [PLAYGROUND], { stdio: ['ignore', 2, 2] });
  console.log('TCP Tutor is installed in your desktop VS Code and playground/ is open: click the TCP Tutor icon in the activity bar.');
}

/**
 * What a newcomer's window needs on top of the test defaults: TCP Tutor opens its walkthrough
 * on its first start in this profile (it honours this VS Code setting).
 */
const FIRST_HOUR = { 'workbench.welcomePage.walkthroughs.openOnInstall': true, 'git.openRepositoryInParentFolders': 'never' };

/** The user's settings from an earlier `npm start`, so edits made in the browser survive. */
function previousSettings(userDataDir) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(file)) return {};
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    fs.copyFileSync(file, `${file}.bak`);
    say(`could not read ${path.relative(ROOT, file)} as plain JSON (comments?); kept a copy as settings.json.bak`);
    return {};
  }
}

async function web() {
  await packageVsix();
  await ensureCodeServer();
  ensurePlayground();
  const userDataDir = path.join(STATE, 'user-data');
  const extensionsDir = path.join(STATE, 'extensions');
  await installExtension(VSIX, { userDataDir, extensionsDir });

  const wanted = Number(process.env.PORT) || 8080;
  const port = await freePort(wanted);
  if (port !== wanted) say(`port ${wanted} is busy; using ${port}`);
  const server = await startCodeServer({ port, userDataDir, extensionsDir, workspace: PLAYGROUND, settings: { ...previousSettings(userDataDir), ...FIRST_HOUR }, quiet: true });

  console.log('');
  console.log(`TCP Tutor is running in VS Code for the web: ${server.workspaceUrl}`);
  console.log('Open that address in a browser and click the TCP Tutor icon in the activity bar.');
  console.log(`(log: ${path.relative(ROOT, server.logFile)}; press Ctrl+C to stop)`);

  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping code-server`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));
  await server.exited;
  if (!stopping) {
    const log = fs.existsSync(server.logFile) ? fs.readFileSync(server.logFile, 'utf8').slice(-2000) : '';
    say(`code-server exited unexpectedly.\n${log}`);
    process.exit(1);
  }
}

try {
  if (args.has('--desktop')) await desktop();
  else await web();
} catch (e) {
  process.stderr.write(`\n${e instanceof PrerequisiteError ? e.message : e.stack || e}\n`);
  process.exit(1);
}
