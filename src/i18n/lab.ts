/**
 * The kernel lab's text, in every locale: the Lab tab's labels, and each story's title,
 * summary and step explanations (keyed by the story's name and step ids in
 * src/core/lab/stories.ts). `{name}` placeholders are filled by `format`.
 */
import type { Locale } from './types';

export interface LabStepText {
  /** The call, as the learner reads it in the table. */
  readonly action: string;
  /** What happens on the wire and in each kernel, in one or two sentences. */
  readonly explain: string;
}

export interface LabStoryText {
  readonly title: string;
  /** What the story shows and how the lab makes it happen on the kernel. */
  readonly summary: string;
  readonly steps: Readonly<Record<string, LabStepText>>;
}

const enUi = {
  tab: 'Lab',
  title: 'Kernel lab',
  intro:
    'Each story runs twice: in the simulator, and on this machine’s kernel with real sockets on 127.0.0.1. After every step the lab reads the kernel’s own state of each socket from /proc/net/tcp and puts it beside the simulator’s prediction. Nothing needs root and no sysctl is changed.',
  synReceivedNote:
    'Ten of the eleven states show up here. SYN-RECEIVED lasts one round trip on loopback (microseconds), so no step can hold it: the simulator teaches it (Sandbox tab).',
  storyLabel: 'Story',
  run: 'Run it on this machine',
  runAgain: 'Run again',
  cancel: 'Stop',
  statusIdle: 'Not run yet.',
  statusRunning: 'Running on the kernel… step {n} of {total}',
  statusDone: 'Done: the simulator and the kernel agree on every step.',
  statusDoneDiffer: 'Done: the simulator and the kernel differ on {count} of {total} steps. Each difference is explained below its step.',
  statusDoneNoSim: 'Done: the kernel’s column is complete. The simulator in use has no prediction for this story yet (it waits for the sockets model).',
  statusFailed: 'The run stopped: {error}',
  statusCancelled: 'Stopped. Every socket and process of the run was closed.',
  tableCaption: 'Each step: the simulator’s state of A and B, the kernel’s, and whether they agree',
  colStep: 'Step',
  colAction: 'Call',
  colSimA: 'Simulator A',
  colSimB: 'Simulator B',
  colKernelA: 'Kernel A',
  colKernelB: 'Kernel B',
  colAgree: 'Agree?',
  agree: 'agree',
  differ: 'differ',
  pending: 'not yet',
  noSim: 'no prediction',
  notRun: '—',
  errorLine: 'The application of {host} is told: {error}',
  callErrorLine: 'The call fails: {error}',
  platform: 'Kernel: {platform}. Simulator: {model}.',
  modelSockets: 'the sockets model',
  modelLegacy: 'the older model (one connection block per side)',
  modelNone: 'none for this story yet',
  whyNoSim: 'No prediction: the simulator in use cannot tell this story yet; it waits for the sockets model (listening queues, receive buffers, ports). Detail: {detail}',
  whyLegacy: 'The simulator in use is the older model: its close() is RFC 9293’s CLOSE (a half-close) and it has no receive buffer, so late data after close() is accepted instead of answered with RST, as Linux and RFC 9293 section 3.6.1 do. The sockets model fixes this.',
  whyTimeout: 'The kernel did not reach {want} within {seconds} s; it showed {seen}.',
  whyWindowUpdate:
    'A known difference of the simulator: a window update that reaches it in CLOSING or LAST-ACK does not send the queued data and FIN (it waits for its persist timer), while Linux’s tcp_ack() sends them at once in every state.',
  whyDiffer: 'The simulator predicts {sim}; the kernel shows {kernel}.',
  unavailable: 'The kernel lab runs where the extension host can reach a Linux kernel ({reason}).',
  fromLesson: 'Run it on this machine',
  fromLessonHint: 'Plays this story on your kernel in the Lab tab, beside the simulator.',
  announceStep: 'Step {n}: kernel A {a}, B {b}; {agree}.',
} as const;

export type LabUiKey = keyof typeof enUi;
export type LabUiStrings = Readonly<Record<LabUiKey, string>>;

const zhUi: LabUiStrings = {
  tab: '实验',
  title: '内核实验',
  intro:
    '每个故事演两遍：一遍在模拟器里，一遍在本机内核上，用 127.0.0.1 上真实的套接字。每一步之后，实验从 /proc/net/tcp 读出内核记录的每个套接字的状态，和模拟器的预测并排放在一起。不需要 root，也不改任何 sysctl。',
  synReceivedNote: '十一个状态里有十个能在这里看到。SYN-RECEIVED 在回环上只持续一个往返（几微秒），没有哪一步能把它停住：它由模拟器来教（见“沙盒实验”）。',
  storyLabel: '故事',
  run: '在本机上运行',
  runAgain: '再运行一次',
  cancel: '停止',
  statusIdle: '还没有运行。',
  statusRunning: '正在内核上运行……第 {n} 步，共 {total} 步',
  statusDone: '完成：模拟器和内核在每一步上都一致。',
  statusDoneDiffer: '完成：模拟器和内核在 {total} 步中有 {count} 步不一致，每处不一致的原因写在该步下面。',
  statusDoneNoSim: '完成：内核一列已经齐全。当前的模拟器对这个故事还没有预测（要等套接字模型）。',
  statusFailed: '运行中止：{error}',
  statusCancelled: '已停止。这次运行打开的套接字和进程都已关闭。',
  tableCaption: '每一步：模拟器中 A 和 B 的状态、内核中的状态，以及两者是否一致',
  colStep: '步骤',
  colAction: '调用',
  colSimA: '模拟器 A',
  colSimB: '模拟器 B',
  colKernelA: '内核 A',
  colKernelB: '内核 B',
  colAgree: '一致？',
  agree: '一致',
  differ: '不一致',
  pending: '尚未运行',
  noSim: '无预测',
  notRun: '—',
  errorLine: '{host} 的应用程序得到的错误：{error}',
  callErrorLine: '调用失败：{error}',
  platform: '内核：{platform}。模拟器：{model}。',
  modelSockets: '套接字模型',
  modelLegacy: '旧模型（每端一个连接控制块）',
  modelNone: '这个故事暂时没有',
  whyNoSim: '没有预测：当前的模拟器还讲不了这个故事，要等套接字模型（监听队列、接收缓冲区、端口）。细节：{detail}',
  whyLegacy:
    '当前的模拟器是旧模型：它的 close() 是 RFC 9293 的 CLOSE（半关闭），也没有接收缓冲区，所以 close() 之后才到的数据会被接收，而不是像 Linux 和 RFC 9293 第 3.6.1 节那样回一个 RST。套接字模型会修正这一点。',
  whyTimeout: '内核在 {seconds} 秒内没有到达 {want}，看到的是 {seen}。',
  whyWindowUpdate: '这是模拟器已知的一处差异：在 CLOSING 或 LAST-ACK 状态收到窗口更新时，它不会马上发出排队的数据和 FIN（要等持续计时器），而 Linux 的 tcp_ack() 在任何状态下都会立刻发出。',
  whyDiffer: '模拟器预测 {sim}；内核显示 {kernel}。',
  unavailable: '内核实验需要扩展主机能直接使用 Linux 内核（{reason}）。',
  fromLesson: '在本机上运行',
  fromLessonHint: '在“实验”标签页里，用你的内核演一遍这个故事，和模拟器并排对照。',
  announceStep: '第 {n} 步：内核 A {a}，B {b}；{agree}。',
};

/** How each error reads, for the learner. */
export type LabErrorText = Readonly<Record<'refused' | 'reset' | 'timeout' | 'address-in-use' | 'address-not-available', string>>;

const enErrors: LabErrorText = {
  refused: 'connection refused (ECONNREFUSED)',
  reset: 'connection reset by peer (ECONNRESET)',
  timeout: 'connection timed out (ETIMEDOUT)',
  'address-in-use': 'address already in use (EADDRINUSE)',
  'address-not-available': 'address not available (EADDRNOTAVAIL)',
};
const zhErrors: LabErrorText = {
  refused: '连接被拒绝（ECONNREFUSED）',
  reset: '连接被对端重置（ECONNRESET）',
  timeout: '连接超时（ETIMEDOUT）',
  'address-in-use': '地址已被占用（EADDRINUSE）',
  'address-not-available': '地址不可用（EADDRNOTAVAIL）',
};

const listenEn: LabStepText = { action: 'B: listen()', explain: 'B opens a listening socket; the kernel lists it as LISTEN. A has no socket yet: CLOSED.' };
const listenZh: LabStepText = { action: 'B: listen()', explain: 'B 打开一个监听套接字，内核把它列为 LISTEN。A 还没有套接字：CLOSED。' };
const connectEn: LabStepText = { action: 'A: connect()', explain: 'The three-way handshake: SYN, SYN+ACK, ACK. On loopback it is over before connect() returns; both sides are ESTABLISHED.' };
const connectZh: LabStepText = { action: 'A: connect()', explain: '三次握手：SYN、SYN+ACK、ACK。在回环上，connect() 返回之前握手就完成了，两端都是 ESTABLISHED。' };
const fillAEn: LabStepText = { action: 'A: send() until B’s window is 0', explain: 'B’s application does not read. A writes until B’s receive buffer is full and B advertises a zero window; A’s kernel keeps the rest and probes the window (its timer 4 in /proc/net/tcp).' };
const fillAZh: LabStepText = { action: 'A: send() 直到 B 的窗口为 0', explain: 'B 的应用程序不读数据。A 一直写，直到 B 的接收缓冲区满、B 通告零窗口；A 的内核留着剩下的数据并探测窗口（/proc/net/tcp 中它的计时器为 4）。' };

const en: Readonly<Record<string, LabStoryText>> = {
  'normal-close': {
    title: 'Open and close: TIME-WAIT on the side that closes first',
    summary: 'The everyday life of a connection. The side that calls close() first ends in TIME-WAIT (60 s on Linux); the other side goes through CLOSE-WAIT and LAST-ACK to CLOSED.',
    steps: {
      listen: listenEn,
      connect: connectEn,
      'close-a': { action: 'A: close()', explain: 'A sends FIN; B’s kernel acknowledges it at once. A waits in FIN-WAIT-2, B in CLOSE-WAIT until its application closes.' },
      'close-b': { action: 'B: close()', explain: 'B sends its FIN and goes to LAST-ACK; A acknowledges and enters TIME-WAIT; B, acknowledged, is CLOSED: the kernel no longer lists it.' },
    },
  },
  'half-close': {
    title: 'shutdown(SHUT_WR): a half-close while data still flows the other way',
    summary: 'shutdown(SHUT_WR) sends FIN but keeps receiving: RFC 9293’s CLOSE. B can go on sending to A, which is in FIN-WAIT-2, until B closes too. (close() would not do this: see the close-wait story.)',
    steps: {
      listen: listenEn,
      connect: connectEn,
      'shutdown-a': { action: 'A: shutdown(SHUT_WR)', explain: 'A’s FIN says “I will send no more”. A is in FIN-WAIT-2, B in CLOSE-WAIT; the connection still carries data from B to A.' },
      'send-b': { action: 'B: send(1000)', explain: 'B sends 1000 octets; A, half-closed, receives and acknowledges them. No state changes.' },
      'close-b': { action: 'B: close()', explain: 'B’s FIN ends the other direction: A to TIME-WAIT, B through LAST-ACK to CLOSED.' },
    },
  },
  'close-wait': {
    title: 'CLOSE-WAIT: a server that never calls close()',
    summary: 'A closes; B’s kernel acknowledges the FIN, but B’s application never calls close(), so B stays in CLOSE-WAIT: no timer and no sysctl ends it. When B finally writes, A (closed, orphaned) answers with RST.',
    steps: {
      listen: listenEn,
      connect: connectEn,
      'close-a': { action: 'A: close()', explain: 'A closes: FIN, acknowledged. A is in FIN-WAIT-2 (Linux gives up an orphaned FIN-WAIT-2 after tcp_fin_timeout, 60 s); B sits in CLOSE-WAIT.' },
      'send-b': {
        action: 'B: send(100)',
        explain: 'B writes to a peer whose application has closed. A’s kernel answers the data with RST (RFC 9293 section 3.6.1; Linux tcp_timewait_state_process): both ends are gone, and B’s next call fails with ECONNRESET or EPIPE.',
      },
    },
  },
  'simultaneous-close': {
    title: 'Simultaneous close: both sides close before either sees the other’s FIN; both end in TIME-WAIT',
    summary:
      'On loopback a FIN arrives within the call that sends it, so two close() calls cannot cross by timing. The lab holds both FINs back instead: each side first fills the other’s receive buffer (zero window), so each FIN waits in FIN-WAIT-1. Then A reads: B’s data and FIN arrive while A’s own FIN is still unacknowledged, so A goes to CLOSING. Then B reads, and both end in TIME-WAIT.',
    steps: {
      listen: listenEn,
      connect: connectEn,
      'fill-a': fillAEn,
      'fill-b': { action: 'B: send() until A’s window is 0', explain: 'The same the other way: neither application reads, both windows are zero.' },
      'shutdown-a': { action: 'A: shutdown(SHUT_WR)', explain: 'A closes its direction: FIN-WAIT-1. Its FIN is queued behind data that B’s zero window does not let through.' },
      'shutdown-b': { action: 'B: shutdown(SHUT_WR)', explain: 'B closes too, before it has seen A’s FIN: both in FIN-WAIT-1, a simultaneous close.' },
      'read-a': { action: 'A: read()', explain: 'A reads; its window opens; B’s data and FIN arrive. A’s FIN is still unacknowledged, so A goes to CLOSING; B’s FIN is acknowledged, so B goes to FIN-WAIT-2.' },
      'read-b': { action: 'B: read()', explain: 'B reads; A’s data and FIN go through. B acknowledges them and enters TIME-WAIT; A, acknowledged in CLOSING, enters TIME-WAIT too.' },
    },
  },
  'fin-wait-1-zero-window': {
    title: 'FIN-WAIT-1 held by a peer that stops reading (zero window)',
    summary: 'A FIN takes a sequence number, so it needs window like data. A peer that stops reading closes its window, and the closer waits in FIN-WAIT-1, probing the window, until the peer reads.',
    steps: {
      listen: listenEn,
      connect: connectEn,
      'fill-a': fillAEn,
      'close-a': { action: 'A: close()', explain: 'A closes; its FIN is queued behind data B’s zero window keeps out. A stays in FIN-WAIT-1 (ss shows FIN-WAIT-1 with a send queue).' },
      'read-b': { action: 'B: read()', explain: 'B reads everything; the window opens, the rest of A’s data and the FIN arrive. A in FIN-WAIT-2, B in CLOSE-WAIT.' },
      'close-b': { action: 'B: close()', explain: 'B’s FIN: A to TIME-WAIT, B to CLOSED.' },
    },
  },
  'last-ack-zero-window': {
    title: 'LAST-ACK held by a peer that stops reading (zero window)',
    summary: 'The passive closer can be held too: B’s FIN waits behind data that A, which stopped reading, has no window for. B stays in LAST-ACK until A reads.',
    steps: {
      listen: listenEn,
      connect: connectEn,
      'shutdown-a': { action: 'A: shutdown(SHUT_WR)', explain: 'A half-closes and then stops reading. A in FIN-WAIT-2, B in CLOSE-WAIT.' },
      'fill-b': { action: 'B: send() until A’s window is 0', explain: 'B writes until A’s receive buffer is full: A advertises a zero window.' },
      'close-b': { action: 'B: close()', explain: 'B closes; its FIN waits behind data A has no room for. B is in LAST-ACK, its FIN not even sent yet.' },
      'read-a': { action: 'A: read()', explain: 'A reads; B’s data and FIN arrive; A acknowledges and enters TIME-WAIT; B is CLOSED.' },
    },
  },
  'syn-sent-stuck-listener': {
    title: 'SYN-SENT held by a listener whose process stopped calling accept()',
    summary:
      'A listener with backlog 1 whose process is stuck (the lab blocks it in a read of its standard input, where a real server might be stopped or deadlocked) accepts nothing. Linux queues two completed connections (it admits one more than the backlog) and then drops SYNs, so the next connect() waits in SYN-SENT, retransmitting its SYN (every second at first on Linux 6.5+), until the process calls accept() again.',
    steps: {
      listen: { action: 'B: listen(backlog=1), then stops calling accept()', explain: 'B’s listener lives in a helper process that does not call accept().' },
      'connect-1': { action: 'A: connect() #1', explain: 'The kernel completes the handshake without the application: the connection waits in the accept queue, ESTABLISHED on both sides.' },
      'connect-2': { action: 'A: connect() #2', explain: 'A second one fits too: Linux’s accept queue holds backlog + 1 (the listener’s rx_queue in /proc/net/tcp shows 2).' },
      'connect-3': { action: 'A: connect() #3', explain: 'The accept queue is full: B’s kernel drops the SYN (tcp_conn_request). A stays in SYN-SENT and retransmits. B’s newest connection is still #2.' },
      accept: { action: 'B: accept() again', explain: 'B’s process accepts; the queue has room; A’s next SYN retransmission (within about a second) completes the handshake.' },
    },
  },
  'connection-refused': {
    title: 'Connection refused: a SYN to a port nobody listens on gets RST',
    summary: 'With no listener on the port, the kernel answers the SYN with RST and connect() fails with ECONNREFUSED at once. No state is left on either side.',
    steps: {
      listen: listenEn,
      'close-listener': { action: 'B: close() the listener', explain: 'B stops listening: the port is free and the kernel lists nothing for it.' },
      connect: { action: 'A: connect() to the closed port', explain: 'A’s SYN is answered with RST,ACK; A’s connect() fails with ECONNREFUSED. A is CLOSED.' },
    },
  },
  'linger-zero-abort': {
    title: 'SO_LINGER 0: close() sends RST, no FIN and no TIME-WAIT',
    summary: 'With SO_LINGER {on, 0}, close() aborts: the kernel sends RST and forgets the connection. No TIME-WAIT on A; B’s application is told “connection reset”.',
    steps: {
      listen: listenEn,
      connect: connectEn,
      'abort-a': { action: 'A: close() with SO_LINGER {on, 0}', explain: 'A’s RST ends the connection on both sides at once; B’s next read fails with ECONNRESET.' },
    },
  },
  'close-unread-rst': {
    title: 'close() with unread data sends RST',
    summary: 'If data is waiting unread in the receive buffer when the application calls close(), Linux sends RST instead of FIN (RFC 9293 section 3.6.1; tcp_close), and the peer’s application sees “connection reset”.',
    steps: {
      listen: listenEn,
      connect: connectEn,
      'send-a': { action: 'A: send(1000); B does not read', explain: 'A’s 1000 octets wait in B’s receive buffer (rx_queue in /proc/net/tcp).' },
      'close-b': { action: 'B: close() with 1000 octets unread', explain: 'B closes with unread data: RST, not FIN. Both ends are gone; A is told ECONNRESET.' },
    },
  },
  'restart-reuseaddr': {
    title: 'Server restart over its own TIME-WAIT, with SO_REUSEADDR: listen() succeeds',
    summary:
      'A server that closes first keeps a TIME-WAIT on its port. Restarted, it can listen again on that port because both the new listener and the old connection have SO_REUSEADDR (an accepted connection inherits it from its listener). Node.js sets SO_REUSEADDR on every listener on Linux, as most servers do.',
    steps: {
      listen: { action: 'B: listen(port 80, SO_REUSEADDR)', explain: 'B listens with SO_REUSEADDR (the lab’s port is a free one, not 80).' },
      connect: connectEn,
      'close-b': { action: 'B: close() first', explain: 'The server closes first: B in FIN-WAIT-2, A in CLOSE-WAIT.' },
      'close-a': { action: 'A: close()', explain: 'A closes: B, the server, is the one in TIME-WAIT.' },
      stop: { action: 'B: close() the listener (the server stops)', explain: 'The server process stops; its TIME-WAIT stays with the kernel for 60 s.' },
      restart: { action: 'B: listen(port 80, SO_REUSEADDR) again', explain: 'bind() succeeds: the TIME-WAIT on the port had SO_REUSEADDR, and so has the new socket.' },
      'connect-again': { action: 'A: connect() to the new listener', explain: 'The restarted server accepts a new connection (from a new port of A’s).' },
    },
  },
  'restart-no-reuseaddr': {
    title: 'listen() on a port held by TIME-WAIT without SO_REUSEADDR: EADDRINUSE',
    summary:
      'Linux lets bind() take a port held by a TIME-WAIT only when both the new socket and the TIME-WAIT one had SO_REUSEADDR. Node.js cannot make a listener without it on Linux (libuv sets it in every bind), so the lab makes the old socket the one without it: B’s earlier connection, bound by connect() alone. Linux refuses the new listener just as it refuses a server restarted without SO_REUSEADDR.',
    steps: {
      'listen-a': { action: 'A: listen(port 80)', explain: 'Here A is the server.' },
      'connect-b': { action: 'B: connect() from port 5000, no SO_REUSEADDR', explain: 'B’s socket gets its port from connect(), without SO_REUSEADDR.' },
      'close-b': { action: 'B: close() first', explain: 'B closes first: B in FIN-WAIT-2, A in CLOSE-WAIT.' },
      'close-a': { action: 'A: close()', explain: 'A closes: B’s port is held by TIME-WAIT for 60 s.' },
      'listen-b': { action: 'B: listen(port 5000, SO_REUSEADDR)', explain: 'bind() fails with EADDRINUSE: the TIME-WAIT on the port lacks SO_REUSEADDR. Nothing changes; B’s TIME-WAIT stays.' },
    },
  },
};

const zh: Readonly<Record<string, LabStoryText>> = {
  'normal-close': {
    title: '建立与关闭：先关闭的一方进入 TIME-WAIT',
    summary: '一个连接最平常的一生。先调用 close() 的一方最后处于 TIME-WAIT（Linux 上 60 秒）；另一方经过 CLOSE-WAIT 和 LAST-ACK 到达 CLOSED。',
    steps: {
      listen: listenZh,
      connect: connectZh,
      'close-a': { action: 'A: close()', explain: 'A 发出 FIN，B 的内核立刻确认。A 在 FIN-WAIT-2 等待，B 在 CLOSE-WAIT 等它的应用程序关闭。' },
      'close-b': { action: 'B: close()', explain: 'B 发出自己的 FIN，进入 LAST-ACK；A 确认后进入 TIME-WAIT；B 收到确认后变为 CLOSED，内核不再列出它。' },
    },
  },
  'half-close': {
    title: 'shutdown(SHUT_WR)：半关闭，另一个方向仍在传数据',
    summary: 'shutdown(SHUT_WR) 发出 FIN，但仍然接收数据：这就是 RFC 9293 的 CLOSE。B 可以继续向处于 FIN-WAIT-2 的 A 发送，直到 B 也关闭。（close() 不是这样，见 close-wait 这个故事。）',
    steps: {
      listen: listenZh,
      connect: connectZh,
      'shutdown-a': { action: 'A: shutdown(SHUT_WR)', explain: 'A 的 FIN 表示“我不再发送”。A 处于 FIN-WAIT-2，B 处于 CLOSE-WAIT；从 B 到 A 的方向仍能传数据。' },
      'send-b': { action: 'B: send(1000)', explain: 'B 发送 1000 字节；半关闭的 A 照常接收并确认。状态不变。' },
      'close-b': { action: 'B: close()', explain: 'B 的 FIN 结束了另一个方向：A 进入 TIME-WAIT，B 经 LAST-ACK 到 CLOSED。' },
    },
  },
  'close-wait': {
    title: 'CLOSE-WAIT：一个从不调用 close() 的服务器',
    summary: 'A 关闭；B 的内核确认了 FIN，但 B 的应用程序始终不调用 close()，于是 B 一直停在 CLOSE-WAIT：没有计时器、也没有哪个 sysctl 能结束它。等 B 终于写数据时，已经关闭（成为孤儿套接字）的 A 用 RST 回答。',
    steps: {
      listen: listenZh,
      connect: connectZh,
      'close-a': { action: 'A: close()', explain: 'A 关闭：FIN 被确认。A 处于 FIN-WAIT-2（Linux 在 tcp_fin_timeout，即 60 秒后放弃孤儿 FIN-WAIT-2）；B 停在 CLOSE-WAIT。' },
      'send-b': { action: 'B: send(100)', explain: 'B 向一个应用程序已经关闭的对端写数据。A 的内核用 RST 回答（RFC 9293 第 3.6.1 节；Linux tcp_timewait_state_process）：两端都没了，B 的下一次调用得到 ECONNRESET 或 EPIPE。' },
    },
  },
  'simultaneous-close': {
    title: '同时关闭：双方都在看到对方 FIN 之前关闭，最后都进入 TIME-WAIT',
    summary:
      '在回环上，FIN 在发送它的那次调用之内就已到达，所以两次 close() 无法靠时机交错。实验改为把两个 FIN 都拦住：双方先把对方的接收缓冲区写满（零窗口），于是各自的 FIN 都停在 FIN-WAIT-1。然后 A 读数据：B 的数据和 FIN 到达时，A 自己的 FIN 还没被确认，A 进入 CLOSING。接着 B 读数据，双方最后都进入 TIME-WAIT。',
    steps: {
      listen: listenZh,
      connect: connectZh,
      'fill-a': fillAZh,
      'fill-b': { action: 'B: send() 直到 A 的窗口为 0', explain: '反方向同样如此：两边的应用程序都不读，两个窗口都为零。' },
      'shutdown-a': { action: 'A: shutdown(SHUT_WR)', explain: 'A 关闭自己的方向：FIN-WAIT-1。它的 FIN 排在数据后面，B 的零窗口不让它们过去。' },
      'shutdown-b': { action: 'B: shutdown(SHUT_WR)', explain: 'B 也在看到 A 的 FIN 之前关闭：双方都在 FIN-WAIT-1，这就是同时关闭。' },
      'read-a': { action: 'A: read()', explain: 'A 读数据，窗口打开，B 的数据和 FIN 到达。A 的 FIN 还没被确认，所以 A 进入 CLOSING；B 的 FIN 被确认，B 进入 FIN-WAIT-2。' },
      'read-b': { action: 'B: read()', explain: 'B 读数据，A 的数据和 FIN 过去了。B 确认后进入 TIME-WAIT；在 CLOSING 中的 A 收到确认，也进入 TIME-WAIT。' },
    },
  },
  'fin-wait-1-zero-window': {
    title: '对端不读数据（零窗口），FIN-WAIT-1 被拖住',
    summary: 'FIN 占一个序号，所以它和数据一样需要窗口。对端不读数据，窗口就关上了，关闭方只能停在 FIN-WAIT-1，一边探测窗口，一边等对端读。',
    steps: {
      listen: listenZh,
      connect: connectZh,
      'fill-a': fillAZh,
      'close-a': { action: 'A: close()', explain: 'A 关闭；它的 FIN 排在被 B 的零窗口挡住的数据后面。A 停在 FIN-WAIT-1（ss 显示 FIN-WAIT-1，且发送队列不为空）。' },
      'read-b': { action: 'B: read()', explain: 'B 读完所有数据，窗口打开，A 剩下的数据和 FIN 到达。A 处于 FIN-WAIT-2，B 处于 CLOSE-WAIT。' },
      'close-b': { action: 'B: close()', explain: 'B 的 FIN：A 进入 TIME-WAIT，B 变为 CLOSED。' },
    },
  },
  'last-ack-zero-window': {
    title: '对端不读数据（零窗口），LAST-ACK 被拖住',
    summary: '被动关闭方也会被拖住：B 的 FIN 排在数据后面，而不再读数据的 A 没有窗口给它们。B 停在 LAST-ACK，直到 A 读数据。',
    steps: {
      listen: listenZh,
      connect: connectZh,
      'shutdown-a': { action: 'A: shutdown(SHUT_WR)', explain: 'A 半关闭，然后不再读数据。A 处于 FIN-WAIT-2，B 处于 CLOSE-WAIT。' },
      'fill-b': { action: 'B: send() 直到 A 的窗口为 0', explain: 'B 一直写，直到 A 的接收缓冲区满：A 通告零窗口。' },
      'close-b': { action: 'B: close()', explain: 'B 关闭；它的 FIN 排在 A 没有空间接收的数据后面。B 处于 LAST-ACK，FIN 甚至还没发出去。' },
      'read-a': { action: 'A: read()', explain: 'A 读数据，B 的数据和 FIN 到达；A 确认后进入 TIME-WAIT；B 变为 CLOSED。' },
    },
  },
  'syn-sent-stuck-listener': {
    title: '监听进程不再调用 accept()，SYN-SENT 被拖住',
    summary:
      '一个 backlog 为 1 的监听套接字，它的进程卡住了（实验让它阻塞在读标准输入上，真实的服务器可能是被暂停或死锁），什么都不 accept。Linux 的全连接队列放下两个已完成的连接（比 backlog 多一个）之后就丢弃 SYN，于是下一个 connect() 停在 SYN-SENT，不断重传 SYN（Linux 6.5 起开始时每秒一次），直到进程再次调用 accept()。',
    steps: {
      listen: { action: 'B: listen(backlog=1)，然后不再调用 accept()', explain: 'B 的监听套接字在一个不调用 accept() 的辅助进程里。' },
      'connect-1': { action: 'A: connect() 第 1 次', explain: '内核不需要应用程序就完成了握手：连接在全连接队列里等着，两端都是 ESTABLISHED。' },
      'connect-2': { action: 'A: connect() 第 2 次', explain: '第二个也放得下：Linux 的全连接队列能放 backlog + 1 个（/proc/net/tcp 中监听套接字的 rx_queue 显示 2）。' },
      'connect-3': { action: 'A: connect() 第 3 次', explain: '全连接队列满了：B 的内核丢弃这个 SYN（tcp_conn_request）。A 停在 SYN-SENT 并重传。B 最新的连接仍是第 2 个。' },
      accept: { action: 'B: 再次 accept()', explain: 'B 的进程开始 accept，队列有了空位；A 的下一次 SYN 重传（大约一秒之内）完成握手。' },
    },
  },
  'connection-refused': {
    title: '连接被拒绝：发往无人监听端口的 SYN 得到 RST',
    summary: '端口上没有监听套接字时，内核用 RST 回答 SYN，connect() 立刻以 ECONNREFUSED 失败。两端都不留下任何状态。',
    steps: {
      listen: listenZh,
      'close-listener': { action: 'B: close() 监听套接字', explain: 'B 停止监听：端口空了，内核不再为它列出任何东西。' },
      connect: { action: 'A: connect() 到已关闭的端口', explain: 'A 的 SYN 得到 RST,ACK 的回答；A 的 connect() 以 ECONNREFUSED 失败。A 是 CLOSED。' },
    },
  },
  'linger-zero-abort': {
    title: 'SO_LINGER 0：close() 发出 RST，没有 FIN，也没有 TIME-WAIT',
    summary: '设置 SO_LINGER {on, 0} 后，close() 就是中止：内核发出 RST 并丢掉这个连接。A 没有 TIME-WAIT；B 的应用程序得到“连接被重置”。',
    steps: {
      listen: listenZh,
      connect: connectZh,
      'abort-a': { action: 'A: close()，SO_LINGER {on, 0}', explain: 'A 的 RST 让两端的连接同时结束；B 的下一次 read 以 ECONNRESET 失败。' },
    },
  },
  'close-unread-rst': {
    title: '接收缓冲区里有未读数据时 close() 发出 RST',
    summary: '应用程序调用 close() 时，如果接收缓冲区里还有没读的数据，Linux 发 RST 而不是 FIN（RFC 9293 第 3.6.1 节；tcp_close），对端的应用程序看到“连接被重置”。',
    steps: {
      listen: listenZh,
      connect: connectZh,
      'send-a': { action: 'A: send(1000)；B 不读', explain: 'A 的 1000 字节停在 B 的接收缓冲区里（/proc/net/tcp 的 rx_queue）。' },
      'close-b': { action: 'B: close()，还有 1000 字节未读', explain: 'B 在有未读数据时关闭：发 RST，而不是 FIN。两端都没了；A 得到 ECONNRESET。' },
    },
  },
  'restart-reuseaddr': {
    title: '服务器在自己的 TIME-WAIT 上重启，带 SO_REUSEADDR：listen() 成功',
    summary:
      '先关闭的服务器会在自己的端口上留下 TIME-WAIT。重启后它仍能在这个端口上监听，因为新的监听套接字和旧连接都带有 SO_REUSEADDR（accept 得到的连接从监听套接字继承它）。Node.js 在 Linux 上给每个监听套接字都设置 SO_REUSEADDR，大多数服务器也是这样做的。',
    steps: {
      listen: { action: 'B: listen(端口 80, SO_REUSEADDR)', explain: 'B 带 SO_REUSEADDR 监听（实验用的是一个空闲端口，不是 80）。' },
      connect: connectZh,
      'close-b': { action: 'B: 先 close()', explain: '服务器先关闭：B 处于 FIN-WAIT-2，A 处于 CLOSE-WAIT。' },
      'close-a': { action: 'A: close()', explain: 'A 关闭：处于 TIME-WAIT 的是服务器 B。' },
      stop: { action: 'B: close() 监听套接字（服务器停止）', explain: '服务器进程停止；它的 TIME-WAIT 留在内核里 60 秒。' },
      restart: { action: 'B: 再次 listen(端口 80, SO_REUSEADDR)', explain: 'bind() 成功：端口上的 TIME-WAIT 带有 SO_REUSEADDR，新套接字也带有。' },
      'connect-again': { action: 'A: connect() 到新的监听套接字', explain: '重启后的服务器接受了一个新连接（来自 A 的另一个端口）。' },
    },
  },
  'restart-no-reuseaddr': {
    title: '在被 TIME-WAIT 占用的端口上 listen()，没有 SO_REUSEADDR：EADDRINUSE',
    summary:
      'Linux 只在新套接字和那个 TIME-WAIT 套接字都带有 SO_REUSEADDR 时，才让 bind() 用这个端口。Node.js 在 Linux 上做不出不带它的监听套接字（libuv 每次 bind 都会设置），所以实验让旧的那个套接字不带它：B 之前的连接，端口只由 connect() 绑定。Linux 拒绝新的监听套接字，就像拒绝一个不带 SO_REUSEADDR 重启的服务器一样。',
    steps: {
      'listen-a': { action: 'A: listen(端口 80)', explain: '这里 A 是服务器。' },
      'connect-b': { action: 'B: 从端口 5000 connect()，不带 SO_REUSEADDR', explain: 'B 的套接字的端口由 connect() 分配，不带 SO_REUSEADDR。' },
      'close-b': { action: 'B: 先 close()', explain: 'B 先关闭：B 处于 FIN-WAIT-2，A 处于 CLOSE-WAIT。' },
      'close-a': { action: 'A: close()', explain: 'A 关闭：B 的端口被 TIME-WAIT 占用 60 秒。' },
      'listen-b': { action: 'B: listen(端口 5000, SO_REUSEADDR)', explain: 'bind() 以 EADDRINUSE 失败：端口上的 TIME-WAIT 没有 SO_REUSEADDR。什么都没变，B 的 TIME-WAIT 还在。' },
    },
  },
};

export interface LabText {
  readonly ui: LabUiStrings;
  readonly errors: LabErrorText;
  readonly stories: Readonly<Record<string, LabStoryText>>;
}

export const LAB_TEXT: Readonly<Record<Locale, LabText>> = {
  en: { ui: enUi, errors: enErrors, stories: en },
  'zh-cn': { ui: zhUi, errors: zhErrors, stories: zh },
};
