/**
 * `npm run --silent course -- --json [--locale en|zh-cn] [--lesson <id>]`: prints the whole
 * course (lessons, steps, questions with answers and explanations) as JSON; with --locale
 * only that language's strings. `--markdown --locale <l>` prints Markdown instead.
 * `--check` validates the content (schema, ids, scenarios) and prints problems, one a line.
 * Bad arguments: a one-line message on stderr and exit code 2.
 */
import { COURSE, LESSON_FILES, MISCONCEPTIONS_FILE } from '../core/course/content';
import { courseExport, courseMarkdown, lessonMarkdown } from '../core/course/export';
import type { CourseLocale } from '../core/course/types';
import { validateCourseFiles } from '../core/course/validate';

export interface CourseArgs {
  readonly format: 'json' | 'markdown' | 'check';
  readonly locale?: CourseLocale;
  readonly lesson?: string;
}

export class UsageError extends Error {}

const USAGE = 'usage: course --json [--locale en|zh-cn] [--lesson <id>] | --markdown --locale en|zh-cn [--lesson <id>] | --check';

export function parseCourseArgs(argv: readonly string[]): CourseArgs {
  let format: CourseArgs['format'] | undefined;
  let locale: CourseLocale | undefined;
  let lesson: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`course: ${flag} needs a value (${USAGE})`);
      return v;
    };
    switch (flag) {
      case '--json':
      case '--markdown':
      case '--check': {
        const f = flag.slice(2) as CourseArgs['format'];
        if (format && format !== f) throw new UsageError(`course: choose one of --json, --markdown, --check`);
        format = f;
        break;
      }
      case '--locale': {
        const v = value();
        if (v !== 'en' && v !== 'zh-cn') throw new UsageError(`course: unknown locale "${v}" (expected en or zh-cn)`);
        locale = v;
        break;
      }
      case '--lesson':
        lesson = value();
        break;
      default:
        throw new UsageError(`course: unknown argument "${a}" (${USAGE})`);
    }
  }
  if (!format) throw new UsageError(`course: nothing to do (${USAGE})`);
  if (format === 'markdown' && !locale) throw new UsageError('course: --markdown needs --locale en or zh-cn');
  if (lesson !== undefined && !COURSE.lessons.some((l) => l.id === lesson)) {
    throw new UsageError(`course: unknown lesson "${lesson}" (known: ${COURSE.lessons.map((l) => l.id).join(', ')})`);
  }
  return { format, ...(locale ? { locale } : {}), ...(lesson !== undefined ? { lesson } : {}) };
}

/** Runs the CLI; returns the exit code. Output goes through the given writers. */
export function runCourseCli(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  let args: CourseArgs;
  try {
    args = parseCourseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (args.format === 'check') {
    const problems = validateCourseFiles(LESSON_FILES, MISCONCEPTIONS_FILE);
    for (const p of problems) err(`${p}\n`);
    if (problems.length === 0) out(`course: ${COURSE.lessons.length} lessons, ${COURSE.lessons.reduce((n, l) => n + l.questions.length, 0)} questions, no problems\n`);
    return problems.length === 0 ? 0 : 1;
  }
  if (args.format === 'json') {
    out(`${JSON.stringify(courseExport(COURSE, args.locale, args.lesson), null, 2)}\n`);
    return 0;
  }
  const locale = args.locale as CourseLocale;
  const lesson = args.lesson !== undefined ? COURSE.lessons.find((l) => l.id === args.lesson) : undefined;
  out(`${lesson ? lessonMarkdown(lesson, locale, COURSE) : courseMarkdown(COURSE, locale)}\n`);
  return 0;
}

if (require.main === module) {
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const code = runCourseCli(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  );
  process.exitCode = code;
}
