/**
 * The course content, in order: one JSON file per lesson (both languages in each file) and
 * the catalogue of misconceptions the lessons answer. Add a lesson by adding its file here.
 * Generated list; keep it in lesson order.
 */
import type { Course, Lesson, Misconception } from '../types';
import l01_states from './01-states.json';
import l02_handshake from './02-handshake.json';
import l03_why_three from './03-why-three.json';
import l04_handshake_trouble from './04-handshake-trouble.json';
import l05_close from './05-close.json';
import l06_why_four from './06-why-four.json';
import l07_time_wait from './07-time-wait.json';
import l08_simultaneous from './08-simultaneous.json';
import l09_close_wait from './09-close-wait.json';
import l10_tuning from './10-tuning.json';
import l11_resets from './11-resets.json';
import l12_header from './12-header.json';
import l13_close_shutdown from './13-close-shutdown.json';
import l14_listen_queues from './14-listen-queues.json';
import l15_close_loss from './15-close-loss.json';
import l16_server_time_wait from './16-server-time-wait.json';
import l17_diagnosis from './17-diagnosis.json';
import l18_keepalive from './18-keepalive.json';
import misconceptionsData from './misconceptions.json';

/** The raw files, for validation (which names the file of every problem). */
export const LESSON_FILES: readonly { readonly file: string; readonly data: unknown }[] = [
  { file: 'src/core/course/content/01-states.json', data: l01_states },
  { file: 'src/core/course/content/02-handshake.json', data: l02_handshake },
  { file: 'src/core/course/content/03-why-three.json', data: l03_why_three },
  { file: 'src/core/course/content/04-handshake-trouble.json', data: l04_handshake_trouble },
  { file: 'src/core/course/content/05-close.json', data: l05_close },
  { file: 'src/core/course/content/06-why-four.json', data: l06_why_four },
  { file: 'src/core/course/content/07-time-wait.json', data: l07_time_wait },
  { file: 'src/core/course/content/08-simultaneous.json', data: l08_simultaneous },
  { file: 'src/core/course/content/09-close-wait.json', data: l09_close_wait },
  { file: 'src/core/course/content/10-tuning.json', data: l10_tuning },
  { file: 'src/core/course/content/11-resets.json', data: l11_resets },
  { file: 'src/core/course/content/12-header.json', data: l12_header },
  { file: 'src/core/course/content/13-close-shutdown.json', data: l13_close_shutdown },
  { file: 'src/core/course/content/14-listen-queues.json', data: l14_listen_queues },
  { file: 'src/core/course/content/15-close-loss.json', data: l15_close_loss },
  { file: 'src/core/course/content/16-server-time-wait.json', data: l16_server_time_wait },
  { file: 'src/core/course/content/17-diagnosis.json', data: l17_diagnosis },
  { file: 'src/core/course/content/18-keepalive.json', data: l18_keepalive },
];

export const MISCONCEPTIONS_FILE = { file: 'src/core/course/content/misconceptions.json', data: misconceptionsData as unknown };

/** The course as typed data. Validated by `validateCourseFiles` in the tests and the build. */
export const COURSE: Course = {
  lessons: LESSON_FILES.map((f) => f.data as Lesson),
  misconceptions: misconceptionsData as unknown as Misconception[],
};
