/**
 * The connection doctor's text, in every locale: what each finding means, which side caused
 * it, what fixes it and what does not, the lesson that teaches it; the Connections tab's
 * labels; and the Linux sysctls shown beside a live table. Placeholders `{name}` are filled
 * by `format`.
 *
 * Facts this text relies on (Linux 6.x): TIME-WAIT lasts 60 s (TCP_TIMEWAIT_LEN, not a
 * sysctl); tcp_fin_timeout bounds FIN-WAIT-2 of orphaned sockets only; tcp_tw_reuse is
 * 0/1/2 with 2 (loopback only) the default, and applies to outgoing connections;
 * tcp_tw_recycle was removed in Linux 4.12; somaxconn defaults to 4096 since 5.4.
 */
import type { FindingId } from '../core/doctor/vocabulary';
import type { Locale } from './types';

export interface FindingText {
  readonly title: string;
  /** What the state means. */
  readonly meaning: string;
  /** Which side caused it. */
  readonly cause: string;
  readonly fixes: readonly string[];
  readonly notFixes: readonly string[];
  /** A one-line summary with {count}, {threshold}, and for ephemeral-ports {remote}, {low}, {high}, {size}. */
  readonly summary: string;
  /** Lesson ids (src/core/course/content) that teach it, the main one first. */
  readonly lessons: readonly string[];
}

export interface SysctlText {
  readonly meaning: string;
  /** The default, in words (some depend on the machine's memory). */
  readonly default: string;
}

export const SYSCTL_NAMES = [
  'net.ipv4.tcp_tw_reuse',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_max_tw_buckets',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.tcp_max_syn_backlog',
  'net.core.somaxconn',
  'net.ipv4.tcp_max_orphans',
] as const;
export type SysctlName = (typeof SYSCTL_NAMES)[number];

export interface DoctorText {
  readonly findings: Readonly<Record<FindingId, FindingText>>;
  readonly sysctls: Readonly<Record<SysctlName, SysctlText>>;
  readonly ui: DoctorUiStrings;
}

export interface DoctorUiStrings {
  readonly tab: string;
  readonly title: string;
  readonly intro: string;
  readonly sourceLive: string;
  readonly sourcePasted: string;
  readonly formatLabel: string;
  readonly total: string;
  readonly updated: string;
  readonly pause: string;
  readonly resume: string;
  readonly refreshNow: string;
  readonly backToLive: string;
  readonly paused: string;
  readonly histogramTitle: string;
  readonly histogramAria: string;
  readonly barAria: string;
  readonly findingsTitle: string;
  readonly noFindings: string;
  readonly meaning: string;
  readonly cause: string;
  readonly fixes: string;
  readonly notFixes: string;
  readonly openLesson: string;
  readonly portsLabel: string;
  readonly processesLabel: string;
  readonly remoteLabel: string;
  readonly tableTitle: string;
  readonly groupLabel: string;
  readonly groupNone: string;
  readonly groupLocalPort: string;
  readonly groupRemote: string;
  readonly filterLabel: string;
  readonly filterPlaceholder: string;
  readonly stateFilterLabel: string;
  readonly allStates: string;
  readonly colLocal: string;
  readonly colRemote: string;
  readonly colState: string;
  readonly colPid: string;
  readonly colProcess: string;
  readonly colGroup: string;
  readonly colCount: string;
  readonly sortedAscending: string;
  readonly sortedDescending: string;
  readonly showing: string;
  readonly noSockets: string;
  readonly sysctlsTitle: string;
  readonly sysctlName: string;
  readonly sysctlValue: string;
  readonly sysctlDefault: string;
  readonly sysctlMeaning: string;
  readonly unavailable: string;
  readonly unreadable: string;
  readonly assumedState: string;
  readonly skippedLines: string;
  readonly processNote: string;
  readonly ownersPartial: string;
  readonly codeLens: string;
  readonly pastePrompt: string;
  readonly notATable: string;
}

const en: DoctorText = {
  findings: {
    'close-wait-leak': {
      title: 'Sockets left in CLOSE-WAIT: a program here never closes them',
      summary: '{count} socket(s) in CLOSE-WAIT (reported from {threshold}).',
      meaning:
        'CLOSE-WAIT means the peer has finished sending (its FIN arrived and this kernel acknowledged it) and the connection now waits for the program on this machine to call close().',
      cause:
        'This side. The program that owns the socket saw end-of-file (read() returned 0) or an error and never closed the socket: a connection leaked on an error path, a pool that keeps a connection the server has already closed, or a thread stuck before its close().',
      fixes: [
        'Find the program and local port below and make it close the socket when read() returns 0 and on every error path (try/finally, with/using, defer).',
        'In connection pools, test or evict idle connections so that one the server closed is closed here too.',
        'Restarting the program releases these sockets now, but they come back until the code is fixed.',
      ],
      notFixes: [
        'No sysctl fixes it: the kernel has no timer for CLOSE-WAIT, because only the application knows when it has finished sending.',
        'tcp_fin_timeout, tcp_tw_reuse and other TIME-WAIT tuning do not touch CLOSE-WAIT.',
        'Killing the sockets (ss -K, tcpkill) hides the symptom; the leak goes on.',
      ],
      lessons: ['close-wait', 'diagnosis'],
    },
    'time-wait-pileup': {
      title: 'Many sockets in TIME-WAIT: this machine closes first, often',
      summary: '{count} socket(s) in TIME-WAIT (reported from {threshold}).',
      meaning:
        'TIME-WAIT is where the side that closed first (the active closer) waits after the four-way close: on Linux a fixed 60 seconds (2MSL), so that a lost last ACK can be sent again and stray segments of the old connection die out before the same addresses and ports are used again.',
      cause:
        'This machine closed these connections first. Each short connection closed from this side leaves one TIME-WAIT: a client that opens a new connection per request, or a server that closes after every response.',
      fixes: [
        'Reuse connections: HTTP keep-alive, pooled connections to databases and upstream services.',
        'Decide who closes first: when the client closes, TIME-WAIT lands on the many clients rather than on the one server.',
        'For outgoing connections only, net.ipv4.tcp_tw_reuse lets a new connection take over a four-tuple in TIME-WAIT when TCP timestamps show it is safe. Its default, 2, allows this for loopback traffic only; 1 allows it for all outgoing connections. It does nothing for connections this machine accepts.',
        'If a server cannot restart because its port is "already in use", set SO_REUSEADDR on the listening socket before bind() (most servers do): it lets the new listener bind while old connections sit in TIME-WAIT.',
      ],
      notFixes: [
        'net.ipv4.tcp_tw_recycle: it broke clients behind NAT and was removed in Linux 4.12; advice that sets it is out of date.',
        'Lowering net.ipv4.tcp_fin_timeout: it limits how long an orphaned socket waits in FIN-WAIT-2, not TIME-WAIT, whose 60 seconds are fixed in the kernel.',
        'A TIME-WAIT count alone is rarely a problem (each costs little memory); it matters when local ports run out toward one server (see ephemeral-ports) or the count reaches tcp_max_tw_buckets.',
      ],
      lessons: ['server-time-wait', 'time-wait', 'tuning'],
    },
    'syn-recv-flood': {
      title: 'Many half-open connections in SYN-RECEIVED',
      summary: '{count} socket(s) in SYN-RECEIVED (reported from {threshold}).',
      meaning:
        'SYN-RECEIVED (ss prints SYN-RECV) is a half-open connection: this server received a SYN, answered with SYN+ACK and waits for the client\'s ACK. These entries fill the SYN queue (the listener\'s queue of unfinished handshakes).',
      cause:
        'The clients\' side: SYNs whose handshakes never complete. Usually a SYN flood, often from forged source addresses; sometimes real clients whose ACKs never arrive (a firewall or an asymmetric route dropping them).',
      fixes: [
        'Keep SYN cookies on (net.ipv4.tcp_syncookies = 1, the default): when the SYN queue overflows, the kernel answers with a cookie instead of keeping state.',
        'For heavy legitimate load, raise net.ipv4.tcp_max_syn_backlog (the SYN queue) and the listen() backlog (the accept queue, capped by net.core.somaxconn).',
        'Filter the flood before it reaches the host (rate limits, DDoS protection), and check that clients\' ACKs reach this server.',
      ],
      notFixes: [
        'TIME-WAIT tuning (tcp_tw_reuse, tcp_fin_timeout) has nothing to do with half-open connections.',
        'Fewer SYN+ACK retries (tcp_synack_retries) make each entry live shorter but also fail slow, legitimate clients: a trade-off, not a cure.',
      ],
      lessons: ['listen-queues', 'handshake-trouble'],
    },
    'fin-wait-2-stuck': {
      title: 'Many sockets in FIN-WAIT-2: the peer never closes its side',
      summary: '{count} socket(s) in FIN-WAIT-2 (reported from {threshold}).',
      meaning:
        'FIN-WAIT-2: this side closed first, its FIN was acknowledged, and it waits for the peer\'s FIN. Meanwhile the peer sits in CLOSE-WAIT.',
      cause:
        'The peer. The program at the remote address has not closed its end (a CLOSE-WAIT leak on that machine), or the peer has gone away without a word.',
      fixes: [
        'Look at the remote side of these sockets: the program there does not close its sockets; fix it as for a CLOSE-WAIT leak.',
        'If this program used shutdown() for writing and still holds the socket, it waits as long as the peer keeps its side open: close() it, or give the application its own timeout.',
      ],
      notFixes: [
        'net.ipv4.tcp_fin_timeout (default 60 s) limits FIN-WAIT-2 only for orphaned sockets, those the program has already closed. A socket a program still holds after shutdown() waits for the peer whatever it says, and it never shortens TIME-WAIT.',
      ],
      lessons: ['close-wait', 'close-shutdown'],
    },
    'ephemeral-ports': {
      title: 'Local ports running out toward one server',
      summary: '{count} TIME-WAIT socket(s) toward {remote}: at least half of the local port range {low}–{high} ({size} ports).',
      meaning:
        'Every connection to the same remote address and port needs its own local port, and a connection in TIME-WAIT keeps its port for 60 seconds. When the TIME-WAIT sockets toward one server hold most of the range, new connect() calls to it start to fail with EADDRNOTAVAIL.',
      cause:
        'This machine, as a client: it opens and closes connections to that server faster than TIME-WAIT ends, typically one connection per request.',
      fixes: [
        'Reuse connections to that server (keep-alive, a connection pool).',
        'Set net.ipv4.tcp_tw_reuse = 1 so new outgoing connections can reuse a port held in TIME-WAIT when timestamps show it is safe (timestamps are on by default).',
        'Widen net.ipv4.ip_local_port_range, or spread the connections over more destination addresses or ports.',
      ],
      notFixes: [
        'net.ipv4.tcp_tw_recycle no longer exists (removed in Linux 4.12), and lowering tcp_fin_timeout does not shorten TIME-WAIT.',
      ],
      lessons: ['server-time-wait', 'time-wait', 'tuning'],
    },
  },
  sysctls: {
    'net.ipv4.tcp_tw_reuse': {
      meaning: 'Lets a new outgoing connection reuse a four-tuple in TIME-WAIT when TCP timestamps prove it safe: 0 never, 1 always, 2 loopback traffic only. It has no effect on connections this machine accepts.',
      default: '2 (loopback only)',
    },
    'net.ipv4.tcp_fin_timeout': {
      meaning: 'How long an orphaned socket (one the program has already closed) may stay in FIN-WAIT-2. It does not set the TIME-WAIT time, which is fixed at 60 s.',
      default: '60 s',
    },
    'net.ipv4.ip_local_port_range': {
      meaning: 'The local ports chosen for outgoing connections; with one remote address and port, at most this many connections (TIME-WAIT included) can exist at once.',
      default: '32768 60999 (28232 ports)',
    },
    'net.ipv4.tcp_max_tw_buckets': {
      meaning: 'The most TIME-WAIT sockets kept at once; beyond it the kernel destroys them early and logs "TCP: time wait bucket table overflow".',
      default: 'depends on memory',
    },
    'net.ipv4.tcp_syncookies': {
      meaning: 'SYN cookies: when a listener\'s SYN queue overflows, answer with a cookie instead of keeping state, so a SYN flood cannot fill it. 1 uses them only on overflow.',
      default: '1',
    },
    'net.ipv4.tcp_max_syn_backlog': {
      meaning: 'Per listener, how many half-open connections (SYN-RECEIVED) are remembered while waiting for the client\'s ACK.',
      default: 'at least 128, more with more memory',
    },
    'net.core.somaxconn': {
      meaning: 'The cap on the backlog a program passes to listen(): the accept queue of finished handshakes waiting for accept().',
      default: '4096 (since Linux 5.4; 128 before)',
    },
    'net.ipv4.tcp_max_orphans': {
      meaning: 'The most orphaned sockets (closed by their program but still closing: FIN-WAIT-1/2, CLOSING, LAST-ACK) the kernel keeps; beyond it they are reset.',
      default: 'depends on memory',
    },
  },
  ui: {
    tab: 'Connections',
    title: 'TCP connections',
    intro: 'The TCP sockets of the machine this extension runs on, counted by state, with what the counts mean. Under Remote-SSH, WSL or a dev container, that is the remote machine.',
    sourceLive: 'Live from this machine',
    sourcePasted: 'Pasted output',
    formatLabel: 'Format: {format}',
    total: '{total} sockets',
    updated: 'Updated {time}',
    pause: 'Pause',
    resume: 'Resume',
    refreshNow: 'Refresh now',
    backToLive: 'Back to this machine',
    paused: 'Paused',
    histogramTitle: 'Sockets by state',
    histogramAria: 'Number of sockets in each TCP state',
    barAria: '{state} ({spelling}): {count}',
    findingsTitle: 'Findings',
    noFindings: 'Nothing to worry about in these counts.',
    meaning: 'What the state means',
    cause: 'Which side caused it',
    fixes: 'What fixes it',
    notFixes: 'What does not',
    openLesson: 'Open the lesson: {title}',
    portsLabel: 'Local ports',
    processesLabel: 'Programs',
    remoteLabel: 'Toward',
    tableTitle: 'Sockets',
    groupLabel: 'Group by',
    groupNone: 'No grouping',
    groupLocalPort: 'Local port',
    groupRemote: 'Remote address',
    filterLabel: 'Filter',
    filterPlaceholder: 'address, port, state or program',
    stateFilterLabel: 'State',
    allStates: 'All states',
    colLocal: 'Local address',
    colRemote: 'Remote address',
    colState: 'State',
    colPid: 'PID',
    colProcess: 'Program',
    colGroup: 'Group',
    colCount: 'Sockets',
    sortedAscending: 'sorted ascending',
    sortedDescending: 'sorted descending',
    showing: '{shown} of {total} rows',
    noSockets: 'No sockets to show.',
    sysctlsTitle: 'Kernel settings that matter here',
    sysctlName: 'Setting',
    sysctlValue: 'Value here',
    sysctlDefault: 'Default',
    sysctlMeaning: 'What it does',
    unavailable: 'Live connections are not available here: the extension is not running on a machine whose sockets it can read.',
    unreadable: 'The connections could not be read: {reason}',
    assumedState: 'This ss table has no State column and the paste does not show the command, so every row is taken as {state}.',
    skippedLines: '{count} line(s) were neither a row nor a header and were left out.',
    processNote: 'Programs are shown where the system tells them cheaply (Linux: your own processes, via /proc/<pid>/fd).',
    ownersPartial: 'There are too many open files to look up every owner cheaply; some programs are not shown.',
    codeLens: 'Diagnose with TCP Tutor',
    pastePrompt: '# Paste the output of ss -tan, netstat -ant, netstat -ano, Get-NetTCPConnection or /proc/net/tcp below, then click "Diagnose with TCP Tutor" above this line.',
    notATable: 'TCP Tutor could not read this as a connection table: {message}',
  },
};

const zh: DoctorText = {
  findings: {
    'close-wait-leak': {
      title: '有连接停在 CLOSE-WAIT：本机程序一直没有关闭它们',
      summary: '{count} 个套接字处于 CLOSE-WAIT（达到 {threshold} 个即报告）。',
      meaning: 'CLOSE-WAIT 表示对端已经发完数据（它的 FIN 已到达，本机内核也确认了），连接正在等本机的程序调用 close()。',
      cause:
        '本端。持有这个套接字的程序已经读到文件结束（read() 返回 0）或遇到错误，却没有关闭套接字：错误分支里漏掉了关闭、连接池留着服务端早已关闭的连接，或者线程卡在 close() 之前。',
      fixes: [
        '根据下面列出的程序和本地端口找到代码，在 read() 返回 0 时以及每条错误分支上关闭套接字（try/finally、with/using、defer）。',
        '连接池要检测或淘汰空闲连接，服务端关掉的连接，本端也要随之关闭。',
        '重启程序能立刻释放这些套接字，但只要代码不改，它们还会再出现。',
      ],
      notFixes: [
        '没有哪个 sysctl 能解决它：内核不给 CLOSE-WAIT 设定时器，因为只有应用程序知道自己什么时候发完了数据。',
        'tcp_fin_timeout、tcp_tw_reuse 等针对 TIME-WAIT 的调优都管不到 CLOSE-WAIT。',
        '强行杀掉这些连接（ss -K、tcpkill）只是掩盖症状，泄漏还在继续。',
      ],
      lessons: ['close-wait', 'diagnosis'],
    },
    'time-wait-pileup': {
      title: '大量 TIME-WAIT：本机频繁地主动关闭连接',
      summary: '{count} 个套接字处于 TIME-WAIT（达到 {threshold} 个即报告）。',
      meaning:
        'TIME-WAIT 是四次挥手后先关闭的一方（主动关闭方）所处的状态：Linux 上固定等待 60 秒（2MSL），这样最后一个 ACK 丢了还能重发，旧连接残留的报文段也能在同一组地址和端口被再次使用前消失。',
      cause: '本机先关闭了这些连接。每一个由本端关闭的短连接都会留下一个 TIME-WAIT：客户端每个请求新建一个连接，或者服务端每次响应后都主动关闭。',
      fixes: [
        '复用连接：HTTP keep-alive，到数据库和上游服务使用连接池。',
        '安排好由谁先关闭：让客户端先关，TIME-WAIT 就分散到众多客户端上，而不是都压在一台服务器上。',
        '仅对本机发起的连接：net.ipv4.tcp_tw_reuse 允许新连接在 TCP 时间戳证明安全时接管处于 TIME-WAIT 的四元组。默认值 2 只对回环流量生效，设为 1 则对所有出站连接生效；对本机接受的连接不起作用。',
        '如果服务重启时报端口“已被占用”，在监听套接字 bind() 之前设置 SO_REUSEADDR（多数服务器默认就这样做）：旧连接还在 TIME-WAIT 时，新的监听套接字也能绑定成功。',
      ],
      notFixes: [
        'net.ipv4.tcp_tw_recycle：它会让 NAT 后面的客户端连不上，已在 Linux 4.12 中删除，还建议设置它的文章已经过时。',
        '调小 net.ipv4.tcp_fin_timeout：它限制的是孤儿套接字在 FIN-WAIT-2 停留多久，而不是 TIME-WAIT；TIME-WAIT 的 60 秒是写死在内核里的。',
        'TIME-WAIT 数量多本身很少成问题（每个只占很少内存）；只有当连向同一服务器的本地端口快用完（见 ephemeral-ports），或数量碰到 tcp_max_tw_buckets 时才需要处理。',
      ],
      lessons: ['server-time-wait', 'time-wait', 'tuning'],
    },
    'syn-recv-flood': {
      title: '大量半连接停在 SYN-RECEIVED',
      summary: '{count} 个套接字处于 SYN-RECEIVED（达到 {threshold} 个即报告）。',
      meaning: 'SYN-RECEIVED（ss 显示为 SYN-RECV）是半开连接：服务器收到了 SYN，回了 SYN+ACK，正在等客户端的 ACK。这些连接占着半连接队列。',
      cause: '客户端一侧：三次握手始终没有完成。通常是 SYN 洪泛攻击，源地址往往是伪造的；也可能是真实客户端的 ACK 到不了服务器（被防火墙或非对称路由丢掉）。',
      fixes: [
        '保持 SYN cookies 开启（net.ipv4.tcp_syncookies = 1，默认值）：半连接队列溢出时，内核用 cookie 应答，不再保存状态。',
        '正常负载就很高时，调大 net.ipv4.tcp_max_syn_backlog（半连接队列）和 listen() 的 backlog（全连接队列，受 net.core.somaxconn 限制）。',
        '在流量到达主机之前过滤洪泛（限速、抗 DDoS），并确认客户端的 ACK 能到达本机。',
      ],
      notFixes: [
        'TIME-WAIT 相关的调优（tcp_tw_reuse、tcp_fin_timeout）与半连接毫无关系。',
        '减少 SYN+ACK 重传次数（tcp_synack_retries）能缩短每个半连接的寿命，但也会让慢速的正常客户端连接失败：这是取舍，不是根治。',
      ],
      lessons: ['listen-queues', 'handshake-trouble'],
    },
    'fin-wait-2-stuck': {
      title: '大量 FIN-WAIT-2：对端一直不关闭它那一侧',
      summary: '{count} 个套接字处于 FIN-WAIT-2（达到 {threshold} 个即报告）。',
      meaning: 'FIN-WAIT-2：本端先关闭，发出的 FIN 已被确认，正在等对端的 FIN。此时对端处于 CLOSE-WAIT。',
      cause: '对端。远端地址上的程序没有关闭它那一端（那台机器上有 CLOSE-WAIT 泄漏），或者对端已经不声不响地消失了。',
      fixes: [
        '去看这些连接的远端：那里的程序没有关闭套接字，按 CLOSE-WAIT 泄漏的办法修复它。',
        '如果本机程序用 shutdown() 关闭了写方向却仍持有套接字，对端不关它就一直等：调用 close()，或者在应用里自己设超时。',
      ],
      notFixes: [
        'net.ipv4.tcp_fin_timeout（默认 60 秒）只限制孤儿套接字（程序已经 close() 的）在 FIN-WAIT-2 的时间。程序在 shutdown() 之后仍持有的套接字，不管它怎么设都会一直等对端；它也从来不会缩短 TIME-WAIT。',
      ],
      lessons: ['close-wait', 'close-shutdown'],
    },
    'ephemeral-ports': {
      title: '连向同一服务器的本地端口快用完了',
      summary: '{count} 个 TIME-WAIT 套接字连向 {remote}：至少占了本地端口范围 {low}–{high}（共 {size} 个端口）的一半。',
      meaning:
        '连向同一个远端地址和端口的每个连接都需要一个不同的本地端口，而处于 TIME-WAIT 的连接要占着端口 60 秒。连向同一服务器的 TIME-WAIT 占满大部分端口范围后，新的 connect() 就会失败，报 EADDRNOTAVAIL。',
      cause: '本机作为客户端：它向该服务器建立、关闭连接的速度比 TIME-WAIT 结束得还快，典型情况是每个请求一个新连接。',
      fixes: [
        '复用到该服务器的连接（keep-alive、连接池）。',
        '设置 net.ipv4.tcp_tw_reuse = 1，让新的出站连接在时间戳证明安全时复用处于 TIME-WAIT 的端口（时间戳默认开启）。',
        '扩大 net.ipv4.ip_local_port_range，或者把连接分散到更多的目标地址或端口。',
      ],
      notFixes: ['net.ipv4.tcp_tw_recycle 已经不存在（Linux 4.12 删除），调小 tcp_fin_timeout 也不会缩短 TIME-WAIT。'],
      lessons: ['server-time-wait', 'time-wait', 'tuning'],
    },
  },
  sysctls: {
    'net.ipv4.tcp_tw_reuse': {
      meaning: '在 TCP 时间戳证明安全时，允许新的出站连接复用处于 TIME-WAIT 的四元组：0 关闭，1 全部开启，2 只对回环流量开启。对本机接受的连接不起作用。',
      default: '2（仅回环）',
    },
    'net.ipv4.tcp_fin_timeout': {
      meaning: '孤儿套接字（程序已经关闭的）最多在 FIN-WAIT-2 停留多久。它不决定 TIME-WAIT 的时长，后者固定为 60 秒。',
      default: '60 秒',
    },
    'net.ipv4.ip_local_port_range': {
      meaning: '出站连接可选用的本地端口范围；连向同一个远端地址和端口时，同时存在的连接（包括 TIME-WAIT）最多就这么多。',
      default: '32768 60999（28232 个端口）',
    },
    'net.ipv4.tcp_max_tw_buckets': {
      meaning: '同时保留的 TIME-WAIT 套接字上限；超过后内核会提前销毁它们，并记录 “TCP: time wait bucket table overflow”。',
      default: '取决于内存大小',
    },
    'net.ipv4.tcp_syncookies': {
      meaning: 'SYN cookies：监听套接字的半连接队列溢出时，用 cookie 应答而不保存状态，SYN 洪泛就填不满队列。设为 1 时只在溢出时使用。',
      default: '1',
    },
    'net.ipv4.tcp_max_syn_backlog': {
      meaning: '每个监听套接字在等待客户端 ACK 时最多记住多少个半开连接（SYN-RECEIVED），即半连接队列的长度。',
      default: '至少 128，内存越大越多',
    },
    'net.core.somaxconn': {
      meaning: '程序传给 listen() 的 backlog 的上限：已完成握手、等待 accept() 的全连接队列长度。',
      default: '4096（Linux 5.4 起；之前为 128）',
    },
    'net.ipv4.tcp_max_orphans': {
      meaning: '内核最多保留多少孤儿套接字（程序已关闭但仍在关闭过程中：FIN-WAIT-1/2、CLOSING、LAST-ACK）；超过后直接重置。',
      default: '取决于内存大小',
    },
  },
  ui: {
    tab: '连接',
    title: 'TCP 连接',
    intro: '本扩展所在机器上的 TCP 套接字，按状态计数，并说明这些数字意味着什么。在 Remote-SSH、WSL 或开发容器中，这台机器就是远程机器。',
    sourceLive: '本机实时数据',
    sourcePasted: '粘贴的输出',
    formatLabel: '格式：{format}',
    total: '共 {total} 个套接字',
    updated: '更新于 {time}',
    pause: '暂停',
    resume: '继续',
    refreshNow: '立即刷新',
    backToLive: '回到本机',
    paused: '已暂停',
    histogramTitle: '各状态的套接字数',
    histogramAria: '每种 TCP 状态下的套接字数量',
    barAria: '{state}（{spelling}）：{count} 个',
    findingsTitle: '诊断结果',
    noFindings: '这些数字没有值得担心的地方。',
    meaning: '这个状态是什么意思',
    cause: '是哪一端造成的',
    fixes: '怎样才能解决',
    notFixes: '哪些做法没用',
    openLesson: '打开课程：{title}',
    portsLabel: '本地端口',
    processesLabel: '程序',
    remoteLabel: '连向',
    tableTitle: '套接字',
    groupLabel: '分组方式',
    groupNone: '不分组',
    groupLocalPort: '本地端口',
    groupRemote: '远端地址',
    filterLabel: '筛选',
    filterPlaceholder: '地址、端口、状态或程序名',
    stateFilterLabel: '状态',
    allStates: '全部状态',
    colLocal: '本地地址',
    colRemote: '远端地址',
    colState: '状态',
    colPid: 'PID',
    colProcess: '程序',
    colGroup: '分组',
    colCount: '套接字数',
    sortedAscending: '升序',
    sortedDescending: '降序',
    showing: '显示 {shown} / {total} 行',
    noSockets: '没有可显示的套接字。',
    sysctlsTitle: '相关的内核参数',
    sysctlName: '参数',
    sysctlValue: '本机取值',
    sysctlDefault: '默认值',
    sysctlMeaning: '作用',
    unavailable: '这里无法查看实时连接：扩展没有运行在能读取套接字的机器上。',
    unreadable: '无法读取连接：{reason}',
    assumedState: '这份 ss 表没有 State 列，粘贴内容里也没有命令行，因此每一行都按 {state} 处理。',
    skippedLines: '有 {count} 行既不是数据行也不是表头，已略过。',
    processNote: '只在系统能低成本告知时显示所属程序（Linux：当前用户自己的进程，通过 /proc/<pid>/fd 查找）。',
    ownersPartial: '打开的文件太多，无法低成本地查出每个套接字的所属程序；部分程序未显示。',
    codeLens: '用 TCP Tutor 诊断',
    pastePrompt: '# 把 ss -tan、netstat -ant、netstat -ano、Get-NetTCPConnection 或 /proc/net/tcp 的输出粘贴到下面，然后点击这一行上方的“用 TCP Tutor 诊断”。',
    notATable: 'TCP Tutor 无法把这段文字当作连接表读取：{message}',
  },
};

export const DOCTOR_TEXT: Readonly<Record<Locale, DoctorText>> = { en, 'zh-cn': zh };

