/**
 * The course player's own sentences, from src/i18n/course.ts: when the next review falls
 * due, and the steps of a "make it happen" solution in words. Pure; no `vscode`.
 */
import type { CourseLocale, ScenarioStep } from '../../core/course/types';
import type { CourseTextKey } from '../../i18n/course';
import { COURSE_TEXT } from '../../i18n/course';
import { format } from '../../shared/format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const say = (locale: CourseLocale, key: CourseTextKey, values: Readonly<Record<string, string | number>> = {}): string => format(COURSE_TEXT[key][locale], values);

/** "in 5 minutes" / "5 分钟后": how long until `ms` milliseconds have passed ("now" when none). */
export function dueInWords(ms: number, locale: CourseLocale): string {
  if (!(ms > 0)) return say(locale, 'now');
  const minutes = Math.ceil(ms / MINUTE);
  if (minutes < 60) return minutes === 1 ? say(locale, 'inMinute') : say(locale, 'inMinutes', { n: minutes });
  const hours = Math.max(1, Math.round(ms / HOUR));
  if (hours < 24) return hours === 1 ? say(locale, 'inHour') : say(locale, 'inHours', { n: hours });
  const days = Math.max(1, Math.round(ms / DAY));
  return days === 1 ? say(locale, 'inDay') : say(locale, 'inDays', { n: days });
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** Which in-flight segment of `from` a step means (`nth` counts from the oldest). */
function whichSegment(from: string, nth: number | undefined, locale: CourseLocale): string {
  const n = nth ?? 1;
  return n === 1 ? say(locale, 'oldestFrom', { from }) : say(locale, 'nthOldestFrom', { from, n, nth: ordinal(n) });
}

/** A wait of `seconds`, in the unit a learner reads most easily. */
function duration(seconds: number, locale: CourseLocale): string {
  const ms = Math.round(seconds * 1000);
  if (ms < 1000) return say(locale, 'milliseconds', { n: ms });
  return say(locale, 'seconds', { n: Number((ms / 1000).toFixed(3)).toString() });
}

/** One scenario step in words, e.g. "A: connect()" or "deliver the oldest segment in flight from B". */
export function stepInWords(step: ScenarioStep, locale: CourseLocale): string {
  if ('A' in step || 'B' in step) {
    const endpoint = 'A' in step ? 'A' : 'B';
    const call = 'A' in step ? step.A : step.B;
    if (call === 'send') return say(locale, 'send', { endpoint, bytes: step.bytes ?? 0 });
    return say(locale, 'call', { endpoint, call });
  }
  if ('deliver' in step) return say(locale, 'deliver', { which: whichSegment(step.deliver, step.nth, locale) });
  if ('drop' in step) return say(locale, 'drop', { which: whichSegment(step.drop, step.nth, locale) });
  if ('duplicate' in step) return say(locale, 'duplicate', { which: whichSegment(step.duplicate, (step as { readonly nth?: number }).nth, locale) });
  if ('inject' in step) {
    const i = step.inject;
    const bits = [i.flags.join('+'), `seq=${i.seq}`];
    if (i.ack !== null && i.ack !== undefined) bits.push(`ack=${i.ack}`);
    if (i.len) bits.push(say(locale, 'dataBytes', { n: i.len }));
    return say(locale, 'inject', { to: i.to, segment: bits.join(' ') });
  }
  if ('advance' in step) return say(locale, 'wait', { duration: duration(step.advance, locale) });
  return say(locale, 'flush');
}
