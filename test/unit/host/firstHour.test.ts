import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

describe('a newcomer\'s first hour: the set-up the README promises', () => {
  it('lists the same Debian packages in the README as .ci/run installs', () => {
    const ci = /packages=\(([^)]*)\)/.exec(read('.ci/run'));
    assert.ok(ci, '.ci/run has a packages=(...) list');
    const readme = /^apt-get install -y (.*)$/m.exec(read('README.md'));
    assert.ok(readme, 'the README has an apt-get install line');
    assert.deepEqual(readme[1].trim().split(/\s+/).sort(), ci[1].trim().split(/\s+/).sort());
  });

  it('decides for every dependency with an install script, so npm ci prints no warning', () => {
    const pkg = JSON.parse(read('package.json')) as { allowScripts?: Record<string, boolean> };
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.hasInstallScript)
      .map(([path]) => path.replace(/^.*node_modules\//, ''));
    assert.ok(withScripts.length > 0);
    for (const name of withScripts) assert.equal(typeof pkg.allowScripts?.[name], 'boolean', `${name} has an install script and no allowScripts entry`);
  });

  it('keeps the served VS Code quiet about the parent git repository and opens the walkthrough under npm start', () => {
    assert.match(read('scripts/code-server.mjs'), /'git\.openRepositoryInParentFolders': 'never'/);
    assert.match(read('scripts/start.mjs'), /'workbench\.welcomePage\.walkthroughs\.openOnInstall': true/);
  });
});
