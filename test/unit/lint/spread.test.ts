/**
 * The lint rule against spreading an array over a call's arguments (Math.min(...dues) threw
 * RangeError past about 125,000 cards and stopped activation).
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = join(__dirname, '..', '..', '..');

async function problems(code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, 'src', 'core', 'lint-probe.ts') });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('lint: no spread of an array over call arguments', function () {
  this.timeout(60_000);

  it('flags Math.min/max, push/unshift/concat/splice, fromCharCode and apply with an array', async () => {
    const code = [
      'export function f(xs: number[], out: number[], s: string[]): unknown[] {',
      '  return [Math.min(...xs), Math.max(0, ...xs), out.push(...xs), out.unshift(...xs), out.concat(...[xs]), out.splice(0, 0, ...xs),',
      '    String.fromCharCode(...xs), Math.max.apply(null, xs), s.push(...s)];',
      '}',
      '',
    ].join('\n');
    const found = await problems(code);
    assert.equal(found.length, 9, found.join('\n'));
  });

  it('leaves loops, array literals and single arguments alone', async () => {
    const code = [
      'export function f(xs: number[], out: number[]): unknown[] {',
      '  let m = Infinity;',
      '  for (const x of xs) m = Math.min(m, x);',
      '  out.push(xs.length);',
      '  return [m, [...xs, ...out], Math.max(1, 2), out.concat(xs)];',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(await problems(code), []);
  });
});
