/**
 * Text of the capture editor (the pcap/pcapng viewer), in both languages, one record per
 * string so a missing translation does not compile. `{name}` placeholders are filled by
 * `format`. State names stay in RFC 9293's English, as everywhere in the course.
 */
import type { Locale } from './types';
import { fill } from './fill';
import type { ReplayNote, ReplayWords } from '../core/capture/vocabulary';

interface Entry {
  readonly en: string;
  readonly 'zh-cn': string;
}

export const CAPTURE_TEXT = {
  title: { en: 'Capture {file}', 'zh-cn': '抓包文件 {file}' },
  summary: { en: '{format}, link type {linktype}, {packets} packets, {tcp} TCP segments, {connections} connections', 'zh-cn': '{format}，链路类型 {linktype}，{packets} 个数据包，{tcp} 个 TCP 报文段，{connections} 条连接' },
  truncated: { en: 'The file is cut short at packet {packet} ({message}). Everything before it is shown.', 'zh-cn': '文件在第 {packet} 个数据包处被截断（{message}）。之前的内容都已显示。' },
  errorTitle: { en: 'This file cannot be read as a capture', 'zh-cn': '无法把这个文件当作抓包文件读取' },
  reading: { en: 'Reading the capture… {percent}%', 'zh-cn': '正在读取抓包文件…… {percent}%' },
  connectionsHeading: { en: 'Connections', 'zh-cn': '连接' },
  colClient: { en: 'Client', 'zh-cn': '客户端' },
  colServer: { en: 'Server', 'zh-cn': '服务器' },
  colSegments: { en: 'Segments', 'zh-cn': '报文段' },
  colDuration: { en: 'Duration', 'zh-cn': '持续时间' },
  colEnded: { en: 'How it ended', 'zh-cn': '结束方式' },
  colFindings: { en: 'Findings', 'zh-cn': '发现' },
  noConnections: { en: 'No TCP connections in this capture.', 'zh-cn': '这个抓包文件里没有 TCP 连接。' },
  partial: { en: 'partial', 'zh-cn': '不完整' },
  seconds: { en: '{value} s', 'zh-cn': '{value} 秒' },
  'ending.closed': { en: 'closed by both sides', 'zh-cn': '双方都已关闭' },
  'ending.time-wait': { en: 'closed, TIME-WAIT still running', 'zh-cn': '已关闭，TIME-WAIT 仍在计时' },
  'ending.reset': { en: 'reset (RST)', 'zh-cn': '被重置（RST）' },
  'ending.refused': { en: 'refused (SYN answered by RST)', 'zh-cn': '连接被拒绝（SYN 收到 RST）' },
  'ending.no-answer': { en: 'SYN never answered', 'zh-cn': 'SYN 一直没有应答' },
  'ending.half-closed': { en: 'half-closed when the capture ended', 'zh-cn': '抓包结束时处于半关闭' },
  'ending.open': { en: 'still open when the capture ended', 'zh-cn': '抓包结束时仍然打开' },
  'ending.connecting': { en: 'still opening when the capture ended', 'zh-cn': '抓包结束时仍在建立' },
  'finding.retransmission': { en: 'retransmission', 'zh-cn': '重传' },
  'finding.reset': { en: 'reset', 'zh-cn': '重置' },
  'finding.handshake-incomplete': { en: 'handshake incomplete', 'zh-cn': '三次握手未完成' },
  'finding.mid-stream': { en: 'mid-stream (no SYN)', 'zh-cn': '中途开始（没有 SYN）' },
  'finding.half-close': { en: 'half-close', 'zh-cn': '半关闭' },
  'finding.simultaneous-open': { en: 'simultaneous open', 'zh-cn': '同时打开' },
  'finding.simultaneous-close': { en: 'simultaneous close', 'zh-cn': '同时关闭' },
  'finding.zero-window': { en: 'zero window', 'zh-cn': '零窗口' },
  listSeparator: { en: ', ', 'zh-cn': '、' },
  noFindings: { en: 'none', 'zh-cn': '无' },
  ladderLabel: { en: 'Sequence diagram of the connection, time flowing down, with each endpoint’s states beside it', 'zh-cn': '这条连接的时序图，时间自上而下，两侧是各端的状态' },
  clientLabel: { en: 'Client {address}', 'zh-cn': '客户端 {address}' },
  serverLabel: { en: 'Server {address}', 'zh-cn': '服务器 {address}' },
  legendProven: { en: 'Solid box: proven — the endpoint sent a segment only that state sends', 'zh-cn': '实线框：已证实——该端发出了只有这个状态才会发的报文段' },
  legendInferred: { en: 'Dashed box, italic: inferred by the model — from segments it received, a timer, or before its first segment', 'zh-cn': '虚线框、斜体：由模型推断——来自它收到的报文段、定时器，或在它发出第一个报文段之前' },
  stateAria: { en: '{side}: {state}, {kind}', 'zh-cn': '{side}：{state}，{kind}' },
  proven: { en: 'proven', 'zh-cn': '已证实' },
  inferred: { en: 'inferred', 'zh-cn': '推断' },
  client: { en: 'client', 'zh-cn': '客户端' },
  server: { en: 'server', 'zh-cn': '服务器' },
  segmentAria: { en: 'Packet {packet}, {from} to {to}: {text}', 'zh-cn': '第 {packet} 个数据包，{from} 发往 {to}：{text}' },
  detailsEmpty: { en: 'Click a segment to see its fields and the receiver’s acceptability check.', 'zh-cn': '点击一个报文段，查看它的各个字段和接收方的可接受性检查。' },
  detailsTitle: { en: 'Packet {packet}: {from} → {to}', 'zh-cn': '第 {packet} 个数据包：{from} → {to}' },
  fieldTime: { en: 'Time', 'zh-cn': '时间' },
  fieldFlags: { en: 'Flags', 'zh-cn': '标志位' },
  fieldSeq: { en: 'Sequence number', 'zh-cn': '序号' },
  fieldAck: { en: 'Acknowledgment number', 'zh-cn': '确认号' },
  fieldLen: { en: 'Data octets', 'zh-cn': '数据字节数' },
  fieldWindow: { en: 'Window (as sent)', 'zh-cn': '窗口（报文中的值）' },
  fieldOptions: { en: 'Options', 'zh-cn': '选项' },
  fieldRetransmission: { en: 'Retransmission: its sequence range starts before data this side already sent', 'zh-cn': '重传：它的序号范围从这一端已发送过的数据之前开始' },
  relative: { en: '{rel} (raw {raw})', 'zh-cn': '{rel}（原始值 {raw}）' },
  none: { en: 'none', 'zh-cn': '无' },
  checkTitle: { en: 'Receiver’s acceptability check (RFC 9293 3.10.7.4)', 'zh-cn': '接收方的可接受性检查（RFC 9293 3.10.7.4）' },
  checkText: { en: 'SEG.SEQ = {seq}, SEG.LEN = {len}, RCV.NXT = {rcvNxt}, RCV.WND = {rcvWnd}', 'zh-cn': 'SEG.SEQ = {seq}，SEG.LEN = {len}，RCV.NXT = {rcvNxt}，RCV.WND = {rcvWnd}' },
  checkAcceptable: { en: 'Acceptable', 'zh-cn': '可接受' },
  checkNotAcceptable: { en: 'Not acceptable', 'zh-cn': '不可接受' },
  'reason.at-rcv-nxt': { en: 'it starts exactly at RCV.NXT, the next octet expected', 'zh-cn': '它正好从 RCV.NXT（期待的下一个字节）开始' },
  'reason.in-window': { en: 'it starts inside the window but after RCV.NXT: out of order, held until the gap is filled', 'zh-cn': '它在窗口内但晚于 RCV.NXT：乱序，先暂存，等空缺补上' },
  'reason.overlaps': { en: 'it starts before RCV.NXT but reaches into the window: only the new part is used', 'zh-cn': '它从 RCV.NXT 之前开始但延伸进窗口：只用新的部分' },
  'reason.old': { en: 'it lies entirely before RCV.NXT: an old duplicate, answered with an ACK', 'zh-cn': '它完全在 RCV.NXT 之前：旧的重复报文段，回一个 ACK' },
  'reason.beyond-window': { en: 'it starts at or beyond RCV.NXT + RCV.WND: outside the window', 'zh-cn': '它从 RCV.NXT + RCV.WND 或更后开始：在窗口之外' },
  verdict: { en: '{verdict}: {reason}', 'zh-cn': '{verdict}：{reason}' },
  errorLine: { en: '{title}: {message}', 'zh-cn': '{title}：{message}' },
  checkNone: { en: 'No window test: the connection was not synchronised yet, so the SYN rules of RFC 9293 3.10.7 apply.', 'zh-cn': '不做窗口检查：连接尚未同步，适用 RFC 9293 3.10.7 中关于 SYN 的规则。' },
  unknownWindow: { en: 'not advertised yet', 'zh-cn': '尚未通告' },
  relativeNote: { en: 'Sequence numbers are relative to each side’s initial sequence number.', 'zh-cn': '序号是相对于各端初始序号的值。' },
  openInSandbox: { en: 'Open in the sandbox', 'zh-cn': '在沙盒中打开' },
  openInSandboxHint: { en: 'Turns this connection into a scenario (.tcp.json) and plays it in the sandbox, where you can change what happened.', 'zh-cn': '把这条连接转换成场景文件（.tcp.json）并在沙盒中播放，你可以在那里改变发生的事情。' },
  moreSegments: { en: 'Only the first {shown} of {total} segments are drawn.', 'zh-cn': '只画出了 {total} 个报文段中的前 {shown} 个。' },
  selectHint: { en: 'Choose a connection to see its ladder and both endpoints’ states.', 'zh-cn': '选择一条连接，查看它的时序图和两端的状态。' },
  finalStates: { en: 'Final: client {client}, server {server}', 'zh-cn': '最终状态：客户端 {client}，服务器 {server}' },
  statesHeading: { en: 'States', 'zh-cn': '状态' },
  // "Open in the sandbox": the generated scenario file's description, and its notes (also logged).
  'replay.description': { en: 'Replays a connection from a capture: A is the client {client}, B the server {server}; the ISNs are the captured ones. Captured final states: client {finalClient}, server {finalServer}.', 'zh-cn': '重放抓包里的一条连接：A 是客户端 {client}，B 是服务器 {server}；初始序号取自抓包。抓包里的最终状态：客户端 {finalClient}，服务器 {finalServer}。' },
  'replay.note': { en: 'Note: {note}.', 'zh-cn': '注意：{note}。' },
  'replay.stopped': { en: 'the replay stopped at a step the simulator could not carry out ({detail})', 'zh-cn': '重放停在了模拟器无法执行的一步（{detail}）' },
  'replay.partial': { en: 'the capture starts after the handshake, so the scenario opens the connection first', 'zh-cn': '抓包开始于三次握手之后，所以场景先建立连接' },
  'replay.truncated': { en: 'only the first {segments} segments are replayed (a scenario holds at most {max} steps)', 'zh-cn': '只重放了前 {segments} 个报文段（一个场景最多 {max} 步）' },
  'replay.skipped.one': { en: '1 captured segment is not replayed one for one (ACKs and window updates the simulator sends differently or not at all)', 'zh-cn': '有 1 个抓到的报文段没有逐一重放（模拟器发送 ACK 和窗口更新的方式不同，或者根本不发）' },
  'replay.skipped.many': { en: '{count} captured segments are not replayed one for one (ACKs and window updates the simulator sends differently or not at all)', 'zh-cn': '有 {count} 个抓到的报文段没有逐一重放（模拟器发送 ACK 和窗口更新的方式不同，或者根本不发）' },
  'replay.invalid': { en: 'the scenario does not validate: {detail}', 'zh-cn': '场景没有通过校验：{detail}' },
  'replay.doesNotRun': { en: 'the scenario does not run: {detail}', 'zh-cn': '场景无法运行：{detail}' },
} satisfies Record<string, Entry>;

export type CaptureKey = keyof typeof CAPTURE_TEXT;

export function captureStrings(locale: Locale): Readonly<Record<CaptureKey, string>> {
  return Object.fromEntries(Object.entries(CAPTURE_TEXT).map(([k, v]) => [k, v[locale]])) as Record<CaptureKey, string>;
}

/** A capture replay's words (its scenario description and notes) in `locale`. */
export function replayWords(locale: Locale): ReplayWords {
  const t = (key: CaptureKey, vars: Readonly<Record<string, string | number>> = {}) => fill(CAPTURE_TEXT[key][locale], vars);
  const note = (n: ReplayNote): string => {
    switch (n.kind) {
      case 'stopped':
        return t('replay.stopped', { detail: n.detail });
      case 'partial':
        return t('replay.partial');
      case 'truncated':
        return t('replay.truncated', { segments: n.segments, max: n.max });
      case 'skipped':
        return n.count === 1 ? t('replay.skipped.one') : t('replay.skipped.many', { count: n.count });
      case 'invalid':
        return t('replay.invalid', { detail: n.detail });
      case 'doesNotRun':
        return t('replay.doesNotRun', { detail: n.detail });
    }
  };
  return {
    note,
    description: (facts, notes) => [t('replay.description', { ...facts }), ...notes.map((n) => t('replay.note', { note: note(n) }))].join(locale === 'zh-cn' ? '' : ' '),
  };
}
