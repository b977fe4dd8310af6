/**
 * Strings of the webview's own interface (labels, buttons, headings), in every locale.
 * Sent to the webview by the host; the webview has no text of its own.
 * `{name}` placeholders are filled by `format`.
 */
import type { Locale } from './types';

const en = {
  appTitle: 'TCP state diagram',
  diagramLabel: 'TCP state diagram: the eleven RFC 9293 states and the transitions between them',
  intro: 'Click a state or an arrow to see what it means. Tab moves between them, Enter or Space opens one, the arrow keys move to a neighbouring state, Escape clears.',
  legend: 'Opening is at the top, the active close on the left, the passive close on the right. Aborts and resets, which lead from most states straight to CLOSED, are listed below the diagram instead of drawn.',
  stateAria: '{state}, {meaning}',
  stateSelectedAria: '{state}, selected',
  edgeAria: 'From {from} to {to}: {label}',
  detailsEmptyTitle: 'Nothing selected',
  fieldMeaning: 'What it means',
  fieldWho: 'Who passes through it',
  fieldEntered: 'How it is entered',
  fieldLeft: 'How it is left',
  fieldNetstat: 'netstat shows',
  fieldSs: 'ss shows',
  fieldNote: 'Worth knowing',
  fieldEvent: 'What causes it',
  fieldSent: 'Segment sent',
  fieldOrigin: 'Where it comes from',
  arrowsIn: 'Arrows in',
  arrowsOut: 'Arrows out',
  transitionTitle: '{from} → {to}',
  originStandard: 'RFC 9293',
  originImplementation: 'Linux behaviour (not in the RFC)',
  originTwoWay: 'What if: a two-way handshake (not real TCP)',
  originNoTimeWait: 'What if: no TIME-WAIT (not real TCP)',
  notDrawnTitle: 'Transitions not drawn',
  notDrawnStandard: 'Resets and aborts (RFC 9293)',
  notDrawnImplementation: 'Timers an implementation adds',
  notDrawnVariants: 'What-if variants that break the protocol',
  zoomLabel: 'Zoom',
  zoomFit: 'Fit',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  zoomStatus: '{percent}%',
  languageLabel: 'Language',
  languageAuto: 'Follow VS Code',
  languageEn: 'English',
  languageZh: '简体中文',
  openInEditor: 'Open in editor tab',
  announceSelected: 'Showing {name}',
  announceCleared: 'Selection cleared',
  errorTitle: 'Something went wrong',
} as const;

export type UiKey = keyof typeof en;
export type UiStrings = Readonly<Record<UiKey, string>>;

const zhCn: UiStrings = {
  appTitle: 'TCP 状态转换图',
  diagramLabel: 'TCP 状态转换图：RFC 9293 定义的 11 种状态以及它们之间的转换',
  intro: '点击一个状态或一条箭头，查看它的含义。用 Tab 键在状态和箭头之间移动，按 Enter 或空格键打开，方向键跳到相邻的状态，Esc 取消选择。',
  legend: '上半部分是建立连接，左下是主动关闭方的路径，右下是被动关闭方的路径。异常终止和收到 RST 会让大多数状态直接回到 CLOSED，这些转换没有画在图上，而是列在图的下方。',
  stateAria: '{state}，{meaning}',
  stateSelectedAria: '{state}，已选中',
  edgeAria: '从 {from} 到 {to}：{label}',
  detailsEmptyTitle: '尚未选择',
  fieldMeaning: '含义',
  fieldWho: '谁会经过这个状态',
  fieldEntered: '如何进入',
  fieldLeft: '如何离开',
  fieldNetstat: 'netstat 显示为',
  fieldSs: 'ss 显示为',
  fieldNote: '值得注意',
  fieldEvent: '触发条件',
  fieldSent: '发出的报文段',
  fieldOrigin: '出处',
  arrowsIn: '进入的箭头',
  arrowsOut: '离开的箭头',
  transitionTitle: '{from} → {to}',
  originStandard: 'RFC 9293',
  originImplementation: 'Linux 的实现行为（RFC 未规定）',
  originTwoWay: '假如只有两次握手（并非真实的 TCP）',
  originNoTimeWait: '假如没有 TIME-WAIT（并非真实的 TCP）',
  notDrawnTitle: '图中未画出的转换',
  notDrawnStandard: '复位与异常终止（RFC 9293）',
  notDrawnImplementation: '实现额外加入的定时器',
  notDrawnVariants: '破坏协议的“假如”变体',
  zoomLabel: '缩放',
  zoomFit: '适应宽度',
  zoomIn: '放大',
  zoomOut: '缩小',
  zoomStatus: '{percent}%',
  languageLabel: '语言',
  languageAuto: '跟随 VS Code',
  languageEn: 'English',
  languageZh: '简体中文',
  openInEditor: '在编辑器标签页中打开',
  announceSelected: '正在显示 {name}',
  announceCleared: '已取消选择',
  errorTitle: '出错了',
};

export const UI_STRINGS: Readonly<Record<Locale, UiStrings>> = { en, 'zh-cn': zhCn };

/** Fills `{name}` placeholders; an unknown placeholder is left as it is, so a gap is visible. */
export function format(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
