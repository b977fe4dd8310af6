import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseCourseArgs, runCourseCli } from '../../../../src/cli/course';
import { COURSE } from '../../../../src/core/course/content';
import { courseMarkdown, lessonMarkdown, localize } from '../../../../src/core/course/export';
import { runSandbox } from '../../../../src/core/course/sandbox';

const root = join(__dirname, '..', '..', '..', '..');

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCourseCli(
    args,
    (s) => (out += s),
    (s) => (err += s),
  );
  return { code, out, err };
}

/** Every string leaf of a value. */
function strings(v: unknown, acc: string[] = []): string[] {
  if (typeof v === 'string') acc.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, acc));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, acc));
  return acc;
}

describe('lessons: course CLI and export', () => {
  it('--json prints the whole course in both languages, with answers and explanations', () => {
    const r = run(['--json']);
    assert.equal(r.code, 0);
    assert.equal(r.err, '');
    const data = JSON.parse(r.out);
    assert.equal(data.lessons.length, COURSE.lessons.length);
    const q = data.lessons[1].questions[0];
    assert.ok(q.answer.en && q.answer['zh-cn']);
    assert.ok(q.explanation.en && q.explanation['zh-cn']);
    assert.equal(data.questionCount, COURSE.lessons.reduce((n, l) => n + l.questions.length, 0));
    assert.equal(Object.values(data.questionsByKind as Record<string, number>).reduce((a, b) => a + b, 0), data.questionCount);
    assert.ok(data.questionsByKind.choice > 0 && data.questionsByKind['make-it-happen'] > 0);
    assert.ok(data.misconceptions.length > 10);
  });

  it('--locale keeps only that language', () => {
    for (const locale of ['en', 'zh-cn'] as const) {
      const r = run(['--json', '--locale', locale]);
      assert.equal(r.code, 0);
      const data = JSON.parse(r.out);
      assert.equal(typeof data.lessons[0].title, 'string');
      assert.equal(data.lessons[0].title, COURSE.lessons[0].title[locale]);
      assert.equal(typeof data.lessons[0].questions[0].prompt, 'string');
      assert.ok(!r.out.includes('"zh-cn":') && !r.out.includes('"en":'));
    }
    const zh = strings(JSON.parse(run(['--json', '--locale=zh-cn']).out).lessons);
    assert.ok(zh.some((s) => s.includes('三次握手')));
    assert.ok(zh.some((s) => s.includes('四次挥手')));
  });

  it('--lesson limits the export', () => {
    const data = JSON.parse(run(['--json', '--lesson', 'time-wait']).out);
    assert.deepEqual(
      data.lessons.map((l: { id: string }) => l.id),
      ['time-wait'],
    );
  });

  it('bad arguments: one line on stderr, exit 2', () => {
    for (const args of [[], ['--locale', 'fr', '--json'], ['--json', '--locale'], ['--yaml'], ['--json', '--markdown'], ['--markdown'], ['--json', '--lesson', 'nope']]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.out, '');
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(r.err, /^course: /);
    }
    assert.deepEqual(parseCourseArgs(['--markdown', '--locale', 'en', '--lesson', 'states']), { format: 'markdown', locale: 'en', lesson: 'states' });
  });

  it('--check validates the real content', () => {
    const r = run(['--check']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /\d+ lessons, \d+ questions, no problems/);
  });

  it('Markdown for a lesson and for the course, in each language', () => {
    const l = COURSE.lessons[1];
    const en = lessonMarkdown(l, 'en', COURSE);
    assert.ok(en.startsWith(`## ${l.title.en}`));
    assert.ok(en.includes(l.rfc));
    assert.ok(en.includes('**Answer**'));
    const zh = lessonMarkdown(l, 'zh-cn', COURSE);
    assert.ok(zh.includes('**答案**'));
    assert.ok(!zh.includes(l.title.en));
    const all = courseMarkdown(COURSE, 'zh-cn');
    for (const lesson of COURSE.lessons) assert.ok(all.includes(`## ${lesson.title['zh-cn']}`));
    assert.deepEqual(localize({ a: { en: 'x', 'zh-cn': 'y' }, b: [{ en: 'p', 'zh-cn': 'q' }], $schema: 's' }, 'zh-cn'), { a: 'y', b: ['q'] });
  });

  it('npm run --silent course -- --json works through scripts/course.mjs (bundling dist/course.js)', function () {
    this.timeout(60000);
    const ok = spawnSync(process.execPath, [join(root, 'scripts', 'course.mjs'), '--json', '--locale', 'en'], { cwd: root, encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(ok.stderr, '');
    assert.equal(JSON.parse(ok.stdout).lessons.length, COURSE.lessons.length);
    const bad = spawnSync(process.execPath, [join(root, 'scripts', 'course.mjs'), '--locale', 'xx'], { cwd: root, encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.equal(bad.stdout, '');
    assert.equal(bad.stderr.trim().split('\n').length, 1);
  });
});

describe('lessons: sandbox bridge to the simulator', () => {
  it('runs a scenario into a GoalView and never throws on bad input', () => {
    const r = runSandbox({ steps: [{ B: 'listen' }, { A: 'connect' }, { flush: true }] }, [{ A: 'abort' }]);
    assert.ok(r.ok);
    assert.equal(r.view.state('A'), 'CLOSED');
    assert.equal(r.view.steps, 1, 'only the learner steps count');
    assert.ok(r.view.segments.some((s) => s.from === 'A' && s.flags.includes('RST')));
    assert.equal(r.viewAfterSetup.state('A'), 'ESTABLISHED');
    const bad = runSandbox({ steps: [{ deliver: 'A' }] });
    assert.ok(!bad.ok && /steps\[0\]/.test(bad.error));
    const worse = runSandbox({ steps: [{ jump: 1 } as never] });
    assert.ok(!worse.ok);
  });
});
