// Publishes one VSIX to both registries: the Visual Studio Marketplace (vsce, token in
// VSCE_PAT) and Open VSX (ovsx, token in OVSX_PAT), the registry of VSCodium, Gitpod, Cursor
// and other forks. Builds and packages first (`npm run package`, which stays offline), then
// publishes that same file to each registry whose token is set, and says plainly which it
// skipped. Tokens are read from the environment only; nothing is written to disk.
//
//   npm run publish                 package, then publish where a token is set
//   npm run publish -- --dry-run    package and say what would be published, publish nothing
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const VSIX = 'build/tcp-tutor.vsix';
const dryRun = process.argv.includes('--dry-run');

const REGISTRIES = [
  { name: 'Visual Studio Marketplace', token: 'VSCE_PAT', bin: 'node_modules/@vscode/vsce/vsce', args: (vsix) => ['publish', '--packagePath', vsix] },
  { name: 'Open VSX', token: 'OVSX_PAT', bin: 'node_modules/ovsx/bin/ovsx', args: (vsix) => ['publish', vsix] },
];

function run(command, args, env = process.env) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (run(npm, ['run', '--silent', 'package']) !== 0) {
  console.error('[publish] packaging failed; nothing was published.');
  process.exit(1);
}
if (!existsSync(new URL(`../${VSIX}`, import.meta.url))) {
  console.error(`[publish] ${VSIX} is missing after packaging; nothing was published.`);
  process.exit(1);
}

let failed = 0;
let published = 0;
for (const registry of REGISTRIES) {
  if (!process.env[registry.token]) {
    console.log(`[publish] ${registry.name}: skipped, ${registry.token} is not set.`);
    continue;
  }
  if (dryRun) {
    console.log(`[publish] ${registry.name}: would publish ${VSIX} (--dry-run).`);
    continue;
  }
  // Both tools read their token from this variable name; it is passed through the
  // environment, never on the command line (where other users could see it in ps).
  console.log(`[publish] ${registry.name}: publishing ${VSIX}…`);
  const status = run(process.execPath, [registry.bin, ...registry.args(VSIX)]);
  if (status === 0) published++;
  else {
    failed++;
    console.error(`[publish] ${registry.name}: failed (exit ${status}).`);
  }
}
console.log(`[publish] done: ${published} published, ${failed} failed.`);
process.exit(failed > 0 ? 1 : 0);
