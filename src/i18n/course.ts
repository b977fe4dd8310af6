/**
 * The course player's own sentences (everything else a learner reads in the course comes
 * from the lesson files): when the next review falls due, and the steps of a "make it
 * happen" solution in words. Same `{ en, 'zh-cn' }` records as all learner text; `{name}`
 * placeholders are filled by `format`.
 */
import type { Locale } from './types';

type Entry = Readonly<Record<Locale, string>>;

export const COURSE_TEXT = {
  now: { en: 'now', 'zh-cn': '现在' },
  inMinute: { en: 'in 1 minute', 'zh-cn': '1 分钟后' },
  inMinutes: { en: 'in {n} minutes', 'zh-cn': '{n} 分钟后' },
  inHour: { en: 'in 1 hour', 'zh-cn': '1 小时后' },
  inHours: { en: 'in {n} hours', 'zh-cn': '{n} 小时后' },
  inDay: { en: 'in 1 day', 'zh-cn': '1 天后' },
  inDays: { en: 'in {n} days', 'zh-cn': '{n} 天后' },
  oldestFrom: { en: 'the oldest segment in flight from {from}', 'zh-cn': '{from} 发出的最早一个在途报文段' },
  nthOldestFrom: { en: 'the {nth}-oldest segment in flight from {from}', 'zh-cn': '{from} 发出的第 {n} 个在途报文段' },
  milliseconds: { en: '{n} ms', 'zh-cn': '{n} 毫秒' },
  seconds: { en: '{n} s', 'zh-cn': '{n} 秒' },
  send: { en: '{endpoint}: send({bytes} bytes)', 'zh-cn': '{endpoint} 调用 send()，发送 {bytes} 字节' },
  call: { en: '{endpoint}: {call}()', 'zh-cn': '{endpoint} 调用 {call}()' },
  deliver: { en: 'deliver {which}', 'zh-cn': '投递 {which}' },
  drop: { en: 'drop {which}', 'zh-cn': '丢弃 {which}' },
  duplicate: { en: 'duplicate {which}', 'zh-cn': '复制一份 {which}' },
  dataBytes: { en: '{n} bytes of data', 'zh-cn': '{n} 字节数据' },
  inject: { en: 'inject a segment to {to}: {segment}', 'zh-cn': '向 {to} 注入一个报文段：{segment}' },
  wait: { en: 'wait {duration}', 'zh-cn': '等待 {duration}' },
  flush: { en: 'deliver everything in flight', 'zh-cn': '投递所有在途报文段' },
} as const satisfies Readonly<Record<string, Entry>>;

export type CourseTextKey = keyof typeof COURSE_TEXT;
