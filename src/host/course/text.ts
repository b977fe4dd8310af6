/**
 * The course player's own sentences, in both languages: when the next review falls due, and
 * the steps of a "make it happen" solution in words. Everything else the learner reads comes
 * from the course content. Pure; no dependencies.
 */
import type { CourseLocale, ScenarioStep } from '../../core/course/types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "in 5 minutes" / "5 分钟后": how long until `ms` milliseconds have passed ("now" when none). */
export function dueInWords(ms: number, locale: CourseLocale): string {
  const zh = locale === 'zh-cn';
  if (!(ms > 0)) return zh ? '现在' : 'now';
  const minutes = Math.ceil(ms / MINUTE);
  if (minutes < 60) return zh ? `${minutes} 分钟后` : `in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.max(1, Math.round(ms / HOUR));
  if (hours < 24) return zh ? `${hours} 小时后` : `in ${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const days = Math.max(1, Math.round(ms / DAY));
  return zh ? `${days} 天后` : `in ${days} ${days === 1 ? 'day' : 'days'}`;
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
  if (locale === 'zh-cn') return n === 1 ? `${from} 发出的最早一个在途报文段` : `${from} 发出的第 ${n} 个在途报文段`;
  return n === 1 ? `the oldest segment in flight from ${from}` : `the ${ordinal(n)}-oldest segment in flight from ${from}`;
}

/** A wait of `seconds`, in the unit a learner reads most easily. */
function duration(seconds: number, locale: CourseLocale): string {
  const ms = Math.round(seconds * 1000);
  const zh = locale === 'zh-cn';
  if (ms < 1000) return zh ? `${ms} 毫秒` : `${ms} ms`;
  const s = Number((ms / 1000).toFixed(3)).toString();
  return zh ? `${s} 秒` : `${s} s`;
}

/** One scenario step in words, e.g. "A: connect()" or "deliver the oldest segment in flight from B". */
export function stepInWords(step: ScenarioStep, locale: CourseLocale): string {
  const zh = locale === 'zh-cn';
  if ('A' in step || 'B' in step) {
    const endpoint = 'A' in step ? 'A' : 'B';
    const call = 'A' in step ? step.A : step.B;
    if (call === 'send') {
      const bytes = step.bytes ?? 0;
      return zh ? `${endpoint} 调用 send()，发送 ${bytes} 字节` : `${endpoint}: send(${bytes} bytes)`;
    }
    return zh ? `${endpoint} 调用 ${call}()` : `${endpoint}: ${call}()`;
  }
  if ('deliver' in step) return zh ? `投递 ${whichSegment(step.deliver, step.nth, locale)}` : `deliver ${whichSegment(step.deliver, step.nth, locale)}`;
  if ('drop' in step) return zh ? `丢弃 ${whichSegment(step.drop, step.nth, locale)}` : `drop ${whichSegment(step.drop, step.nth, locale)}`;
  if ('duplicate' in step) {
    const nth = (step as { readonly nth?: number }).nth;
    return zh ? `复制一份 ${whichSegment(step.duplicate, nth, locale)}` : `duplicate ${whichSegment(step.duplicate, nth, locale)}`;
  }
  if ('inject' in step) {
    const i = step.inject;
    const bits = [i.flags.join('+'), `seq=${i.seq}`];
    if (i.ack !== null && i.ack !== undefined) bits.push(`ack=${i.ack}`);
    if (i.len) bits.push(zh ? `${i.len} 字节数据` : `${i.len} bytes of data`);
    return zh ? `向 ${i.to} 注入一个报文段：${bits.join(' ')}` : `inject a segment to ${i.to}: ${bits.join(' ')}`;
  }
  if ('advance' in step) return zh ? `等待 ${duration(step.advance, locale)}` : `wait ${duration(step.advance, locale)}`;
  return zh ? '投递所有在途报文段' : 'deliver everything in flight';
}
