/**
 * The editor check never holds the host: it works in bounded pieces, pauses between slices,
 * stops when cancelled, and finds problem ranges from the parser's offsets (no rescans).
 */
import { strict as assert } from 'node:assert';
import type { ScenarioTexts } from '../../../../src/core/scenarioFiles/check';
import { checkScenarioText, checkScenarioTextSliced, normalizeText, scenarioCheckJob, splitLines } from '../../../../src/core/scenarioFiles/check';

const TEXTS: ScenarioTexts = {
  emptyFile: 'EMPTY FILE',
  checkFailed: (detail) => `CHECK FAILED: ${detail}`,
  nestedTooDeeply: 'TOO DEEP',
  playLens: 'Play',
  fixLens: 'Fix',
  atLine: (line, message) => `Line ${line}: ${message}`,
  moreProblems: (n) => `${n} MORE`,
};

/** A valid scenario of `n` steps, one a line: it opens, then sends and delivers. */
function longScenario(n: number): string {
  const steps = ['{"B": "listen"}', '{"A": "connect"}', '{"flush": true}'];
  while (steps.length + 2 <= n) steps.push('{"A": "send", "bytes": 1460}', '{"flush": true}');
  while (steps.length < n) steps.push('{"advance": 0}');
  return `{\n  "title": "long",\n  "steps": [\n    ${steps.join(',\n    ')}\n  ]\n}\n`;
}

describe('scenario files: the time-sliced check', () => {
  it('checks 5,000 steps in many bounded pieces, with the same result as the one-go check', () => {
    const text = longScenario(5000);
    const job = scenarioCheckJob(text, TEXTS);
    let pieces = 0;
    while (!job.advance()) pieces++;
    assert.ok(pieces > 10, `${pieces} pieces`);
    assert.deepEqual(job.result(), checkScenarioText(text, TEXTS));
    assert.ok(job.result().ok);
  });

  it('pauses between slices and gives the host turns while it works', async () => {
    let turns = 0;
    let pauses = 0;
    let clock = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      const check = await checkScenarioTextSliced(longScenario(5000), TEXTS, {
        // A clock that moves 1 ms a reading: a slice of 4 ms is a few pieces of work.
        now: () => clock++,
        pause: () => new Promise<void>((r) => setImmediate(() => (pauses++, r()))),
        sliceMs: 4,
      });
      assert.ok(check?.ok);
    } finally {
      clearInterval(ticker);
    }
    assert.ok(pauses > 3, `${pauses} pauses`);
    assert.ok(turns > 0, 'other work ran while the file was checked');
  });

  it('stops as soon as it is cancelled, and resolves to null', async () => {
    let pauses = 0;
    const check = await checkScenarioTextSliced(longScenario(5000), TEXTS, {
      now: () => 0,
      pause: async () => void pauses++,
      sliceMs: 0,
      cancelled: () => pauses >= 2,
    });
    assert.equal(check, null);
    assert.equal(pauses, 2);
  });

  it('marks each of 4,000 bad steps on one line exactly, and lists at most 100 of them plus a count', () => {
    const bad = Array.from({ length: 4000 }, (_, i) => `{"A": "fly${i}"}`);
    const text = `{"steps": [${bad.join(', ')}]}`;
    const r = checkScenarioText(text, TEXTS);
    assert.ok(!r.ok);
    assert.equal(r.problems.length, 101);
    const line = splitLines(normalizeText(text))[0];
    r.problems.slice(0, 100).forEach((p, i) => {
      assert.equal(line.slice(p.range.startCharacter, p.range.endCharacter), bad[i]);
      assert.match(p.message, new RegExp(`steps\\[${i}\\]: unknown call "fly${i}"`));
    });
    assert.equal(r.problems[100].message, '3900 MORE');
  });

  it('marks a value with its property name, and one running past its line to the line end', () => {
    const text = '{\n  "steps": [],\n  "profile": "bsd", "isn": {\n    "A": 1}\n}';
    const r = checkScenarioText(text, TEXTS);
    assert.ok(!r.ok);
    const lines = splitLines(text);
    const marked = r.problems.map((p) => lines[p.range.startLine].slice(p.range.startCharacter, p.range.endCharacter));
    assert.deepEqual(marked, ['"profile": "bsd"']);
    const multi = checkScenarioText('{"steps": [\n  {"A":\n "fly"}]}', TEXTS);
    assert.ok(!multi.ok);
    assert.deepEqual(multi.problems[0].range, { startLine: 1, startCharacter: 2, endLine: 1, endCharacter: 7 });
  });

  it('refuses a 10 MB file without reading it', () => {
    const r = checkScenarioText(`{"description": "${'x'.repeat(10 * 1024 * 1024)}", "steps": []}`, TEXTS);
    assert.ok(!r.ok);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /a scenario file holds at most 1,000,000/);
    assert.equal(r.problems[0].line, 1);
  });
});
