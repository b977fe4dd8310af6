#!/usr/bin/env node
// A real VS Code for the web (code-server, from the npm registry), installed into
// .cache/code-server/ without its network-bound postinstall, and helpers to install a
// VSIX into it and to run it on loopback. See ../shared/recipes/real-vscode-e2e.md.
//
//   node scripts/code-server.mjs ensure    install (once, cached) and print the entry path
//   node scripts/code-server.mjs check     only check the prerequisites
//
// Progress goes to stderr; stdout carries only the answer.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..');
export const CACHE_DIR = path.resolve(process.env.TCP_TUTOR_CODE_SERVER_DIR || path.join(ROOT, '.cache', 'code-server'));

/** code-server releases by Node major: each declares engines.node = that major. */
const RELEASES = { 20: '4.100.3' };
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

const MARKER = path.join(CACHE_DIR, '.installed.json');
const PKG_DIR = path.join(CACHE_DIR, 'node_modules', 'code-server');
const ENTRY = path.join(PKG_DIR, 'out', 'node', 'entry.js');
const VSCODE_DIR = path.join(PKG_DIR, 'lib', 'vscode');
const NATIVE_IN_VSCODE = ['@parcel/watcher', '@vscode/spdlog', 'kerberos', 'native-watchdog', 'node-pty', '@vscode/deviceid'];

function log(msg) {
  process.stderr.write(`[code-server] ${msg}\n`);
}

export class PrerequisiteError extends Error {
  constructor(message) {
    super(message);
    this.name = 'PrerequisiteError';
  }
}

// ---------------------------------------------------------------------------
// Prerequisites

/** The code-server version that runs on this Node, or a PrerequisiteError. */
export function codeServerVersion() {
  const version = RELEASES[NODE_MAJOR];
  if (!version) {
    throw new PrerequisiteError(
      `No code-server release is pinned for Node ${process.versions.node}.\n` +
        `code-server 4.100.3 (VS Code 1.100.3) requires Node 20: run this with Node 20 (e.g. nvm use 20),\n` +
        `or pick the code-server release whose package.json "engines.node" is ${NODE_MAJOR} and add it to RELEASES in scripts/code-server.mjs.`,
    );
  }
  return version;
}

export function which(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

function pkgConfigHas(name) {
  const r = spawnSync('pkg-config', ['--exists', name]);
  return r.status === 0;
}

/** Absolute path of the Chromium to drive, or a PrerequisiteError naming the package. */
export function findChromium() {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium'];
  for (const c of candidates) {
    if (fs.existsSync(c)) return c;
  }
  throw new PrerequisiteError(
    `Chromium not found at ${candidates.join(', ')}.\n` +
      `Install it (as root): apt-get update && apt-get install -y chromium\n` +
      `or point CHROMIUM_PATH at a Chromium/Chrome binary. (Never "npx playwright install": it downloads a browser.)`,
  );
}

/**
 * Checks what the install and the tests need. Throws a PrerequisiteError listing exactly
 * which Debian packages to install. `build`: the headers and tools for the native rebuild;
 * `browser`: Chromium.
 */
export function checkPrerequisites({ build = true, browser = false } = {}) {
  codeServerVersion();
  const missing = []; // [what, debian package]
  if (!which('rg')) missing.push(['rg (ripgrep, used by VS Code search)', 'ripgrep']);
  if (browser) {
    try {
      findChromium();
    } catch {
      missing.push([`Chromium (looked for ${process.env.CHROMIUM_PATH || '/usr/bin/chromium'}; set CHROMIUM_PATH to use another)`, 'chromium']);
    }
  }
  if (build) {
    const hasPkgConfig = !!which('pkg-config');
    if (!hasPkgConfig) missing.push(['pkg-config', 'pkg-config']);
    const headers = [
      ['krb5', 'libkrb5-dev', 'Kerberos headers (kerberos module)'],
      ['libsecret-1', 'libsecret-1-dev', 'libsecret headers'],
      ['x11', 'libx11-dev', 'X11 headers (native-keymap)'],
      ['xkbfile', 'libxkbfile-dev', 'xkbfile headers (native-keymap)'],
    ];
    for (const [pc, deb, what] of headers) {
      if (!((hasPkgConfig && pkgConfigHas(pc)) || dpkgInstalled(deb))) missing.push([what, deb]);
    }
    if (!which('make') || !(which('g++') || which('c++'))) missing.push(['a C/C++ toolchain (make, g++)', 'build-essential']);
    if (!which('python3')) missing.push(['python3 (node-gyp)', 'python3']);
  }
  if (missing.length) {
    const pkgs = [...new Set(missing.map(([, deb]) => deb))];
    throw new PrerequisiteError(
      'Missing prerequisites for the real-VS-Code (code-server) setup:\n' +
        missing.map(([what, deb]) => `  - ${what}  [Debian package: ${deb}]`).join('\n') +
        `\nInstall them (as root):\n  apt-get update && apt-get install -y ${pkgs.join(' ')}`,
    );
  }
}

// ---------------------------------------------------------------------------
// Install

/** An environment for nested npm runs: no prefix/workspace settings leaking from `npm run`. */
function npmEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^npm_(lifecycle_|package_)/i.test(k)) delete env[k];
    if (/^npm_config_(prefix|local_prefix|global|location|workspaces?|include_workspace_root|omit|include|production|ignore_scripts|save.*|dry_run)$/i.test(k)) delete env[k];
  }
  // node-gyp: use this Node's own headers instead of downloading them (offline machines).
  const nodePrefix = path.resolve(path.dirname(process.execPath), '..');
  if (!env.npm_config_nodedir && fs.existsSync(path.join(nodePrefix, 'include', 'node', 'node.h'))) {
    env.npm_config_nodedir = nodePrefix;
  }
  env.npm_config_yes = 'true';
  env.npm_config_update_notifier = 'false';
  return env;
}

function run(cmd, args, cwd) {
  log(`$ (cd ${path.relative(ROOT, cwd) || '.'} && ${cmd} ${args.join(' ')})`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: npmEnv(), stdio: ['ignore', 2, 2] });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (${signal || `exit ${code}`})`));
    });
  });
}

function symlink(target, linkPath) {
  fs.rmSync(linkPath, { force: true, recursive: false });
  fs.symlinkSync(target, linkPath);
}

function readMarker() {
  try {
    return JSON.parse(fs.readFileSync(MARKER, 'utf8'));
  } catch {
    return null;
  }
}

function markerMatches(version) {
  const m = readMarker();
  return !!m && m.version === version && m.nodeMajor === NODE_MAJOR && fs.existsSync(ENTRY);
}

/** A lock so two processes (npm start and npm test) do not install at the same time. */
async function withLock(fn) {
  const lockDir = `${CACHE_DIR}.lock`;
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  for (let waited = 0; ; waited++) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
      } catch {
        // being created right now
      }
      let alive = false;
      if (owner > 0) {
        try {
          process.kill(owner, 0);
          alive = true;
        } catch {
          alive = false;
        }
      }
      if (owner > 0 && !alive) {
        log(`removing stale lock of process ${owner}`);
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (waited % 30 === 0) log(`waiting for another install (lock ${lockDir}, pid ${owner || '?'})`);
      await sleep(1000);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

async function install(version) {
  const started = performance.now();
  const old = readMarker();
  if (old && (old.version !== version || old.nodeMajor !== NODE_MAJOR)) {
    log(`cache holds code-server ${old.version} for Node ${old.nodeMajor}; replacing it`);
    fs.rmSync(CACHE_DIR, { recursive: true, force: true });
  }
  fs.rmSync(MARKER, { force: true });
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  // A package.json of its own, so npm installs here and never into the repository.
  fs.writeFileSync(
    path.join(CACHE_DIR, 'package.json'),
    JSON.stringify({ name: 'tcp-tutor-code-server-cache', private: true, description: 'Generated by scripts/code-server.mjs' }, null, 2) + '\n',
  );
  log(`installing code-server ${version} into ${CACHE_DIR} (takes a few minutes once; cached afterwards)`);
  const npmFlags = ['--ignore-scripts', '--no-audit', '--no-fund'];
  await run('npm', ['install', ...npmFlags, '--no-save', `code-server@${version}`], CACHE_DIR);
  await run('npm', ['install', '--omit=dev', ...npmFlags], VSCODE_DIR);
  const rgDir = path.join(VSCODE_DIR, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgDir, { recursive: true });
  symlink(which('rg'), path.join(rgDir, 'rg'));
  await run('npm', ['rebuild', ...NATIVE_IN_VSCODE], VSCODE_DIR);
  symlink('node_modules', path.join(VSCODE_DIR, 'node_modules.asar'));
  symlink('code-linux.sh', path.join(VSCODE_DIR, 'bin', 'remote-cli', 'code-server'));
  symlink('browser-linux.sh', path.join(VSCODE_DIR, 'bin', 'helpers', 'browser.sh'));
  await run('npm', ['install', '--omit=dev', ...npmFlags], path.join(VSCODE_DIR, 'extensions'));
  await run('npm', ['rebuild', 'argon2'], CACHE_DIR);

  const r = spawnSync(process.execPath, [ENTRY, '--version'], { encoding: 'utf8', env: serverEnv() });
  if (r.status !== 0 || !r.stdout.includes(version)) {
    throw new Error(`code-server did not start after the install:\n${r.stdout}\n${r.stderr}`);
  }
  const seconds = Math.round((performance.now() - started) / 1000);
  fs.writeFileSync(MARKER, JSON.stringify({ version, nodeMajor: NODE_MAJOR, node: process.versions.node, seconds, finishedAt: new Date().toISOString() }, null, 2) + '\n');
  log(`installed ${r.stdout.split('\n')[0].trim()} in ${seconds}s`);
}

/** Installs code-server once (cached) and returns its entry point. */
export async function ensureCodeServer() {
  const version = codeServerVersion();
  if (!markerMatches(version)) {
    checkPrerequisites({ build: true });
    await withLock(async () => {
      if (!markerMatches(version)) await install(version);
    });
  } else if (!which('rg')) {
    checkPrerequisites({ build: false });
  }
  return { entry: ENTRY, version };
}

// ---------------------------------------------------------------------------
// Use

/** Installs a VSIX into the given user-data and extensions dirs. */
export async function installExtension(vsixPath, { userDataDir, extensionsDir }) {
  const { entry } = await ensureCodeServer();
  const vsix = path.resolve(vsixPath);
  if (!fs.existsSync(vsix)) throw new Error(`VSIX not found: ${vsix}`);
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  log(`installing ${path.relative(process.cwd(), vsix) || vsix}`);
  const args = [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: serverEnv() });
  const out = `${r.stdout || ''}${r.stderr || ''}`;
  if (r.status !== 0 || /Failed|Error/i.test(out)) {
    throw new Error(`Installing ${vsix} failed (exit ${r.status}):\n${out}`);
  }
  return out.trim();
}

/** Writes User/settings.json: the defaults a clean test window needs plus `settings`. */
export function writeSettings(userDataDir, settings = {}) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const all = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    // playground/ lies inside this repository: no "a git repository was found in the parent folders" prompt.
    'git.openRepositoryInParentFolders': 'never',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    ...settings,
  };
  const file = path.join(dir, 'settings.json');
  fs.writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
  // code-server's window is a remote window: settings of machine scope (the walkthrough's
  // openOnInstall) are read from Machine/settings.json, and the same keys in User/settings.json
  // are ignored there. Without it, VS Code opened the walkthrough at the first start of every
  // suite, over whatever editor the test was typing into. Only the machine-scoped key goes
  // there: Machine/settings.json outranks User/settings.json, which setSettings() rewrites.
  const machineDir = path.join(userDataDir, 'Machine');
  fs.mkdirSync(machineDir, { recursive: true });
  const machine = { 'workbench.welcomePage.walkthroughs.openOnInstall': all['workbench.welcomePage.walkthroughs.openOnInstall'] };
  fs.writeFileSync(path.join(machineDir, 'settings.json'), JSON.stringify(machine, null, 2) + '\n');
  return file;
}

/**
 * code-server's environment: its own config file in the cache (so it neither reads nor
 * writes ~/.config/code-server/config.yaml) and no password from the caller's environment.
 */
function serverEnv() {
  const env = { ...process.env };
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  delete env.VSCODE_PROXY_URI;
  const config = path.join(CACHE_DIR, 'config.yaml');
  if (!fs.existsSync(config)) {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    fs.writeFileSync(config, '# Written by scripts/code-server.mjs; flags on the command line override it.\nbind-addr: 127.0.0.1:8080\nauth: none\ncert: false\n');
  }
  env.CODE_SERVER_CONFIG = config;
  return env;
}

/** Resolves true when something accepts TCP connections on 127.0.0.1:port. */
export function portAnswers(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    s.setTimeout(1000);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(false));
  });
}

/** A free loopback port: `preferred` if it is free, else the next free one (or any, if none given). */
export async function freePort(preferred) {
  const tryListen = (port) =>
    new Promise((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(null));
      srv.listen(port, '127.0.0.1', () => {
        const p = srv.address().port;
        srv.close(() => resolve(p));
      });
    });
  if (preferred) {
    for (let p = preferred; p < preferred + 100 && p < 65536; p++) {
      if ((await tryListen(p)) !== null) return p;
    }
  }
  return tryListen(0);
}

/**
 * Starts code-server on 127.0.0.1:port with the given dirs and opens `workspace`.
 * Resolves once the HTTP port answers, with { url, port, process, stop() }.
 */
export async function startCodeServer({ port, userDataDir, extensionsDir, workspace, settings = {}, quiet = false, timeoutMs = 90_000 }) {
  const { entry } = await ensureCodeServer();
  if (!port) port = await freePort();
  if (await portAnswers(port)) throw new Error(`Port ${port} on 127.0.0.1 is already in use`);
  writeSettings(userDataDir, settings);
  fs.mkdirSync(extensionsDir, { recursive: true });
  if (workspace) fs.mkdirSync(workspace, { recursive: true });
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (workspace) args.push(workspace);
  log(`starting on http://127.0.0.1:${port}/`);
  const logFile = path.join(userDataDir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  // detached: the server leads its own process group, so stop() can end all of it.
  const child = spawn(process.execPath, args, {
    cwd: workspace || ROOT,
    env: serverEnv(),
    detached: true,
    stdio: ['ignore', quiet ? out : 'inherit', quiet ? out : 'inherit'],
  });
  fs.closeSync(out);
  let exited = null;
  const exitedPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = signal || `exit ${code}`;
      resolve();
    });
  });

  let stopping = null;
  const stop = () => {
    if (stopping) return stopping;
    stopping = (async () => {
      if (exited !== null) return;
      const kill = (sig) => {
        try {
          process.kill(-child.pid, sig);
        } catch {
          // already gone
        }
      };
      kill('SIGTERM');
      const done = await Promise.race([exitedPromise.then(() => true), sleep(5000).then(() => false)]);
      if (!done) kill('SIGKILL');
      await Promise.race([exitedPromise, sleep(2000)]);
      // Children that outlived the leader (extension host, pty host) share its group id.
      kill('SIGKILL');
    })();
    return stopping;
  };
  const onExit = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  };
  process.once('exit', onExit);

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) {
      const tail = quiet && fs.existsSync(logFile) ? `\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}` : '';
      throw new Error(`code-server exited before answering (${exited})${tail}`);
    }
    if (await portAnswers(port)) {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
      if (res && res.ok) break;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on 127.0.0.1:${port} within ${timeoutMs / 1000}s (log: ${logFile})`);
    }
    await sleep(250);
  }
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    port,
    logFile,
    process: child,
    workspaceUrl: workspace ? `${url}?folder=${encodeURIComponent(workspace).replace(/%2F/g, '/')}` : url,
    stop: async () => {
      await stop();
      process.removeListener('exit', onExit);
    },
    exited: exitedPromise,
  };
}

// ---------------------------------------------------------------------------
// CLI

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const cmd = process.argv[2] || 'ensure';
  try {
    if (cmd === 'ensure') {
      checkPrerequisites({ build: false, browser: true });
      const { entry } = await ensureCodeServer();
      process.stdout.write(`${entry}\n`);
    } else if (cmd === 'check') {
      checkPrerequisites({ build: true, browser: true });
      log(`prerequisites present (Node ${process.versions.node}, code-server ${codeServerVersion()}, ${os.platform()})`);
    } else {
      process.stderr.write('usage: node scripts/code-server.mjs [ensure|check]\n');
      process.exit(2);
    }
  } catch (e) {
    process.stderr.write(`\n${e instanceof PrerequisiteError ? e.message : e.stack || e}\n`);
    process.exit(1);
  }
}
