/**
 * What the extension host says to the learner outside the webview: notifications, the status
 * bar, quick picks, CodeLens titles, diagnostics and the output channel. Keyed by the English
 * sentence; every entry holds both languages in the same `{ en, 'zh-cn' }` record as the rest
 * of the learner text, so a missing translation does not compile. `{0}`, `{1}`... are filled
 * in order.
 */
import type { Locale } from './types';

interface HostEntry {
  readonly en: string;
  readonly 'zh-cn': string;
}

export const HOST_TEXT = {
  'TCP Tutor': { en: 'TCP Tutor', 'zh-cn': 'TCP Tutor' },
  // The side panel's view title (the view's package.nls name follows VS Code's language only).
  Learn: { en: 'Learn', 'zh-cn': '学习' },
  'Reading capture {0}': { en: 'Reading capture {0}', 'zh-cn': '正在读取抓包文件 {0}' },
  'Read capture {0}: {1} packets, {2} connections in {3} ms.': { en: 'Read capture {0}: {1} packets, {2} connections in {3} ms.', 'zh-cn': '已读取抓包文件 {0}：{1} 个数据包，{2} 条连接，用时 {3} 毫秒。' },
  'Could not turn this connection into a scenario: {0}': { en: 'Could not turn this connection into a scenario: {0}', 'zh-cn': '无法把这条连接转换成场景：{0}' },
  'Ignored a malformed message from the tutor view: {0}': { en: 'Ignored a malformed message from the tutor view: {0}', 'zh-cn': '已忽略来自教程视图的一条格式错误的消息：{0}' },
  'The tutor view reported an error: {0}': { en: 'The tutor view reported an error: {0}', 'zh-cn': '教程视图报告了一个错误：{0}' },
  'The tutor view reported: {0}': { en: 'The tutor view reported: {0}', 'zh-cn': '教程视图报告：{0}' },
  'Could not save the language setting: {0}': { en: 'Could not save the language setting: {0}', 'zh-cn': '无法保存语言设置：{0}' },
  'TCP Tutor is ready ({0}).': { en: 'TCP Tutor is ready ({0}).', 'zh-cn': 'TCP Tutor 已就绪（{0}）。' },
  'The tutor\u2019s features are loaded.': { en: 'The tutor\u2019s features are loaded.', 'zh-cn': '教程的各项功能已加载。' },
  'The tutor\u2019s features could not be loaded: {0}': { en: 'The tutor\u2019s features could not be loaded: {0}', 'zh-cn': '无法加载教程的功能：{0}' },
  'Ignored an unreadable saved view state: {0}': { en: 'Ignored an unreadable saved view state: {0}', 'zh-cn': '已忽略无法读取的视图状态：{0}' },
  'This file is empty. A scenario is a JSON object with a "steps" array, for example: {0}': { en: 'This file is empty. A scenario is a JSON object with a "steps" array, for example: {0}', 'zh-cn': '此文件为空。场景是一个带有 "steps" 数组的 JSON 对象，例如：{0}' },
  'Could not check this scenario: {0}': { en: 'Could not check this scenario: {0}', 'zh-cn': '无法检查此场景：{0}' },
  'The JSON is nested too deeply to read.': { en: 'The JSON is nested too deeply to read.', 'zh-cn': 'JSON 嵌套层级过深，无法读取。' },
  'Play in TCP Tutor': { en: 'Play in TCP Tutor', 'zh-cn': '在 TCP Tutor 中播放' },
  'Fix the errors to play this scenario': { en: 'Fix the errors to play this scenario', 'zh-cn': '修正错误后才能播放此场景' },
  'Line {0}: {1}': { en: 'Line {0}: {1}', 'zh-cn': '第 {0} 行：{1}' },
  '… and {0} more problems (only the first ones are listed)': { en: '… and {0} more problems (only the first ones are listed)', 'zh-cn': '……另有 {0} 个问题（只列出前面的问题）' },
  'There are no scenario files (*.tcp.json) in this workspace. Create a file whose name ends in .tcp.json, such as my-story.tcp.json, containing {0}': { en: 'There are no scenario files (*.tcp.json) in this workspace. Create a file whose name ends in .tcp.json, such as my-story.tcp.json, containing {0}', 'zh-cn': '此工作区中没有场景文件（*.tcp.json）。请新建一个文件名以 .tcp.json 结尾的文件（例如 my-story.tcp.json），内容如：{0}' },
  'Choose a scenario file to play': { en: 'Choose a scenario file to play', 'zh-cn': '选择要播放的场景文件' },
  'Could not read {0}: {1}': { en: 'Could not read {0}: {1}', 'zh-cn': '无法读取 {0}：{1}' },
  'Go to Error': { en: 'Go to Error', 'zh-cn': '转到错误' },
  '{0} cannot be played. {1}': { en: '{0} cannot be played. {1}', 'zh-cn': '无法播放 {0}。{1}' },
  'Playing scenario {0}': { en: 'Playing scenario {0}', 'zh-cn': '正在播放场景 {0}' },
  'Could not play {0}: {1}': { en: 'Could not play {0}: {1}', 'zh-cn': '无法播放 {0}：{1}' },
  'Could not read the scenario library: {0}': { en: 'Could not read the scenario library: {0}', 'zh-cn': '无法读取示例场景库：{0}' },
  'The saved sandbox could not be read ({0}); a copy was kept under {1}.': { en: 'The saved sandbox could not be read ({0}); a copy was kept under {1}.', 'zh-cn': '无法读取保存的沙盒（{0}）；原始记录已另存在 {1} 下。' },
  'Your saved sandbox session could not be read, so a new one was started. Details are in the TCP Tutor output.': { en: 'Your saved sandbox session could not be read, so a new one was started. Details are in the TCP Tutor output.', 'zh-cn': '保存的沙盒记录无法读取，已经新建了一个沙盒。详细信息见 TCP Tutor 输出面板。' },
  'The sequence diagram was copied as Mermaid.': { en: 'The sequence diagram was copied as Mermaid.', 'zh-cn': '时序图已经以 Mermaid 格式复制到剪贴板。' },
  'TCP Tutor scenario': { en: 'TCP Tutor scenario', 'zh-cn': 'TCP Tutor 场景文件' },
  'Export the sequence diagram as SVG': { en: 'Export the sequence diagram as SVG', 'zh-cn': '把时序图导出为 SVG' },
  'Save the steps as a scenario file': { en: 'Save the steps as a scenario file', 'zh-cn': '把操作步骤保存为场景文件' },
  'Saved {0}.': { en: 'Saved {0}.', 'zh-cn': '已保存 {0}。' },
  'Could not export: {0}': { en: 'Could not export: {0}', 'zh-cn': '导出失败：{0}' },
  'The whole course': { en: 'The whole course', 'zh-cn': '整个课程' },
  'Export which part of the course as Markdown?': { en: 'Export which part of the course as Markdown?', 'zh-cn': '要把课程的哪一部分导出为 Markdown？' },
  'Could not export the course: {0}': { en: 'Could not export the course: {0}', 'zh-cn': '课程导出失败：{0}' },
  '1 TCP Tutor question is due for review. Click to review it.': { en: '1 TCP Tutor question is due for review. Click to review it.', 'zh-cn': 'TCP Tutor 有 1 道题到期待复习。点击开始复习。' },
  '{0} TCP Tutor questions are due for review. Click to review them.': { en: '{0} TCP Tutor questions are due for review. Click to review them.', 'zh-cn': 'TCP Tutor 有 {0} 道题到期待复习。点击开始复习。' },
  'Could not save your progress: {0}': { en: 'Could not save your progress: {0}', 'zh-cn': '无法保存学习进度：{0}' },
  'Course: {0}': { en: 'Course: {0}', 'zh-cn': '课程：{0}' },
  'Every lesson, answer and review card will be forgotten.': { en: 'Every lesson, answer and review card will be forgotten.', 'zh-cn': '所有课的进度、作答记录和复习卡片都会被清除。' },
  'Its steps, answers and review cards will be forgotten. The rest of the course is kept.': { en: 'Its steps, answers and review cards will be forgotten. The rest of the course is kept.', 'zh-cn': '这一课的进度、作答记录和复习卡片会被清除，其他课不受影响。' },
  'Reset Course': { en: 'Reset Course', 'zh-cn': '重置课程' },
  'Reset Lesson': { en: 'Reset Lesson', 'zh-cn': '重置这一课' },
  'Reset the lesson "{0}"?': { en: 'Reset the lesson "{0}"?', 'zh-cn': '要重置“{0}”这一课吗？' },
  'Reset which lesson?': { en: 'Reset which lesson?', 'zh-cn': '要重置哪一课？' },
  'Reset your progress in the whole course?': { en: 'Reset your progress in the whole course?', 'zh-cn': '要重置整个课程的学习进度吗？' },
  'Saved progress was updated from version {0}; the original is kept.': { en: 'Saved progress was updated from version {0}; the original is kept.', 'zh-cn': '已保存的进度已从第 {0} 版升级，原记录已另行保留。' },
  'Saved progress: {0}': { en: 'Saved progress: {0}', 'zh-cn': '已保存的进度：{0}' },
  'Show Details': { en: 'Show Details', 'zh-cn': '查看详情' },
  'TCP Tutor Review': { en: 'TCP Tutor Review', 'zh-cn': 'TCP Tutor 复习' },
  'TCP Tutor could not read your saved progress. A copy was kept and the course starts afresh.': { en: 'TCP Tutor could not read your saved progress. A copy was kept and the course starts afresh.', 'zh-cn': 'TCP Tutor 无法读取已保存的学习进度。原记录已另存一份，课程将从头开始。' },
  'The course could not be loaded: {0}': { en: 'The course could not be loaded: {0}', 'zh-cn': '无法加载课程：{0}' },
  'The lesson "{0}" was reset.': { en: 'The lesson "{0}" was reset.', 'zh-cn': '“{0}”这一课已重置。' },
  'The saved progress could not be read ({0}). It was kept under {1} and the course starts afresh.': { en: 'The saved progress could not be read ({0}). It was kept under {1} and the course starts afresh.', 'zh-cn': '无法读取已保存的进度（{0}）。原记录已保存在 {1}，课程将从头开始。' },
  'Your course progress was reset.': { en: 'Your course progress was reset.', 'zh-cn': '课程进度已重置。' },
  'Your saved progress could not be read, so the course starts afresh. A copy was kept; the TCP Tutor output has the details.': { en: 'Your saved progress could not be read, so the course starts afresh. A copy was kept; the TCP Tutor output has the details.', 'zh-cn': '无法读取已保存的学习进度，课程已从头开始。原记录已另存一份，详情见 TCP Tutor 输出面板。' },
  'current lesson': { en: 'current lesson', 'zh-cn': '当前这一课' },
  'Progress saved elsewhere (Settings Sync or another window) was loaded.': { en: 'Progress saved elsewhere (Settings Sync or another window) was loaded.', 'zh-cn': '已载入在别处保存的进度（来自设置同步或另一个窗口）。' },
} as const satisfies Readonly<Record<string, HostEntry>>;

export type HostKey = keyof typeof HOST_TEXT;

/** The host sentence `key` in `locale`, placeholders filled. */
export function hostText(locale: Locale, key: HostKey, ...args: readonly (string | number)[]): string {
  const template: string = HOST_TEXT[key][locale];
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
}
