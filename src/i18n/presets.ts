/**
 * What the sandbox shows beside each preset story of the scenario library
 * (`scenarios/*.tcp.json`): a short title and one sentence saying what to watch for.
 *
 * Every sentence describes what the simulator really does in that scenario, with the
 * numbers it prints (ISNs: A 100, B 300). Segment names follow the course's convention
 * (SYN+ACK, RST+ACK); state names are RFC 9293's, in Latin capitals in every locale.
 */
import type { Locale } from './types';

export interface PresetText {
  readonly title: string;
  readonly watch: string;
}

/** Keyed by scenario file name without `.tcp.json`, e.g. 'normal-open'. */
export const PRESET_TEXT: Readonly<Record<string, Readonly<Record<Locale, PresetText>>>> = {
  // --- Opening a connection ---------------------------------------------------------
  'normal-open': {
    en: {
      title: 'Normal open: the three-way handshake',
      watch:
        'Watch the numbers SYN seq=100, SYN+ACK seq=300 ack=101, ACK seq=101 ack=301, and see that A is ESTABLISHED as soon as it sends that ACK but B only once the ACK arrives.',
    },
    'zh-cn': {
      title: '正常建立连接：三次握手',
      watch:
        '注意序号和确认号：SYN seq=100，SYN+ACK seq=300 ack=101，ACK seq=101 ack=301；A 发出这个 ACK 就进入 ESTABLISHED，B 则要等它到达才进入 ESTABLISHED。',
    },
  },
  'simultaneous-open': {
    en: {
      title: 'Simultaneous open: two SYNs cross, one connection',
      watch:
        'Watch the SYNs seq=100 and seq=300 cross so that both sides go from SYN-SENT to SYN-RECEIVED, then each SYN+ACK (ack=301 from A, ack=101 from B) make its receiver ESTABLISHED: four segments, one connection.',
    },
    'zh-cn': {
      title: '同时打开：两个 SYN 交叉，只建一条连接',
      watch:
        '两个 SYN（seq=100 和 seq=300）在途中交叉，双方都从 SYN-SENT 进入 SYN-RECEIVED，再各自发出 SYN+ACK（A 的 ack=301，B 的 ack=101），对方收到后进入 ESTABLISHED：共四个报文段，建立的是同一条连接。',
    },
  },

  // --- Closing a connection ---------------------------------------------------------
  'normal-close': {
    en: {
      title: 'Normal close: four segments, A ends in TIME-WAIT',
      watch:
        'Follow FIN seq=101, ACK seq=301 ack=102, FIN seq=301 ack=102, ACK seq=102 ack=302: A (the active closer) passes FIN-WAIT-1 and FIN-WAIT-2 into TIME-WAIT, while B (the passive closer) passes CLOSE-WAIT and LAST-ACK and is CLOSED as soon as the last ACK arrives.',
    },
    'zh-cn': {
      title: '正常关闭：四次挥手',
      watch:
        '依次看 FIN seq=101、ACK seq=301 ack=102、FIN seq=301 ack=102、ACK seq=102 ack=302：主动关闭方 A 经过 FIN-WAIT-1、FIN-WAIT-2 进入 TIME-WAIT，被动关闭方 B 经过 CLOSE-WAIT、LAST-ACK，收到最后的 ACK 就进入 CLOSED。',
    },
  },
  'fin-ack-one-segment': {
    en: {
      title: 'Three-segment close: ACK and FIN in one segment',
      watch:
        'Watch B, with delayed ACKs on and an application that closes at once, send no separate ACK for A\'s FIN: its FIN seq=301 carries ack=102, so A goes from FIN-WAIT-1 straight to TIME-WAIT and the close takes three segments.',
    },
    'zh-cn': {
      title: '三个报文段的关闭：ACK 搭在 FIN 上',
      watch:
        'B 开启了延迟确认，应用程序又随即调用 close()，所以没有单独确认 A 的 FIN，而是让自己的 FIN（seq=301）捎带 ack=102，A 于是从 FIN-WAIT-1 直接进入 TIME-WAIT，整个关闭只用了三个报文段。',
    },
  },
  'half-close-data-flows': {
    en: {
      title: 'Half-close: B keeps sending after A\'s FIN',
      watch:
        'Watch A, in FIN-WAIT-2 after its FIN, still receive B\'s 200 bytes (seq=301) and acknowledge them with ack=501, so B\'s own FIN comes with seq=501: a FIN closes one direction only (in a program, shutdown(SHUT_WR) rather than close()).',
    },
    'zh-cn': {
      title: '半关闭：A 发出 FIN 后 B 仍在发送数据',
      watch:
        'TCP 是全双工的：A 发出 FIN 后停在 FIN-WAIT-2，仍然接收 B 的 200 字节（seq=301）并用 ack=501 确认，所以 B 随后的 FIN 序号是 501，A 的 FIN 只关闭了 A 发往 B 的方向（程序里对应 shutdown(SHUT_WR)，而不是 close()）。',
    },
  },
  'simultaneous-close': {
    en: {
      title: 'Simultaneous close: both CLOSING, then both TIME-WAIT',
      watch:
        'Watch the FINs seq=101 and seq=301 cross so that both sides go from FIN-WAIT-1 to CLOSING, then the crossing ACKs (ack=102 and ack=302) put both into TIME-WAIT: each side closed first, so each side waits.',
    },
    'zh-cn': {
      title: '同时关闭：双方都经过 CLOSING 和 TIME-WAIT',
      watch:
        '两个 FIN（seq=101 和 seq=301）交叉，双方都从 FIN-WAIT-1 进入 CLOSING；随后两个 ACK（ack=102 和 ack=302）交叉，双方都进入 TIME-WAIT：两边都算主动关闭方，所以都要等待。',
    },
  },
  'time-wait-expiry-linux': {
    en: {
      title: 'TIME-WAIT lasts a fixed 60 s on Linux',
      watch:
        'Watch A, the active closer, stay in TIME-WAIT until exactly t=60 s (it is still there at 59.999 s) while B has been CLOSED since the last ACK arrived: Linux fixes this wait at 60 s, and tcp_fin_timeout does not shorten it.',
    },
    'zh-cn': {
      title: 'Linux 的 TIME-WAIT 固定为 60 秒',
      watch:
        '主动关闭方 A 在 TIME-WAIT 一直待到 t=60 秒整（59.999 秒时还在）才进入 CLOSED，而 B 收到最后的 ACK 时就已 CLOSED：Linux 的 TIME-WAIT 固定为 60 秒，调小 tcp_fin_timeout 也缩短不了它。',
    },
  },
  'time-wait-expiry-rfc9293': {
    en: {
      title: 'TIME-WAIT under RFC 9293: 2MSL = 240 s',
      watch:
        'Watch A leave TIME-WAIT only at t=240 s, twice the RFC\'s MSL of 2 minutes, where the same story under the Linux profile ends at t=60 s.',
    },
    'zh-cn': {
      title: '按标准，TIME-WAIT 为 2MSL = 240 秒',
      watch:
        'A 要到 t=240 秒才离开 TIME-WAIT，正好是 RFC 规定的 MSL（2 分钟）的两倍；同样的过程换成 Linux 配置，t=60 秒就结束了。',
    },
  },

  // --- Losses and timeouts ----------------------------------------------------------
  'lost-syn': {
    en: {
      title: 'Lost SYN: retransmitted at t=1 s and t=3 s',
      watch:
        'Watch A resend the same SYN seq=100 after 1 s and again 2 s later as its timeout doubles (Linux before 6.5, the linux-classic profile; since 6.5 the first retries come at 1 s steps); the third copy gets through and the handshake completes at t=3 s.',
    },
    'zh-cn': {
      title: 'SYN 丢失：在第 1 秒和第 3 秒重传',
      watch:
        '前两个 SYN 都丢了，A 每次超时后重传同一个 SYN（seq=100），超时时间从 1 秒翻倍到 2 秒（这是 6.5 之前的 Linux，即 linux-classic 配置；6.5 起头几次按 1 秒间隔重试），第三个 SYN 终于送达，握手在 t=3 秒完成。',
    },
  },
  'connect-gives-up': {
    en: {
      title: 'connect() gives up: 6 SYN retries, 127 s',
      watch:
        'Watch A retransmit its SYN at 1, 3, 7, 15, 31 and 63 s and give up at 127 s with a timeout error: that is Linux\'s classic schedule, and newer kernels first retry at 1 s steps and give up later.',
    },
    'zh-cn': {
      title: 'connect() 放弃：重传 6 次 SYN，127 秒',
      watch:
        'A 在第 1、3、7、15、31、63 秒重传 SYN，到第 127 秒放弃并向应用程序报告超时：这是 Linux 经典的默认重传时间表，较新的内核开头几次改为每隔 1 秒重试，放弃得也更晚。',
    },
  },
  'lost-syn-ack': {
    en: {
      title: 'Lost SYN+ACK: both sides retransmit',
      watch:
        'Watch both timers fire at t=1 s: B\'s resent SYN+ACK seq=300 ack=101 makes A ESTABLISHED, B answers A\'s resent SYN with its SYN+ACK once more (Linux\'s tcp_check_req; RFC 9293 would send a bare ACK), which A finds old and acknowledges, and B becomes ESTABLISHED when A\'s ACK arrives.',
    },
    'zh-cn': {
      title: 'SYN+ACK 丢失：双方都重传',
      watch:
        't=1 秒时双方的重传计时器同时到期：B 重传的 SYN+ACK（seq=300 ack=101）让 A 进入 ESTABLISHED；对 A 重传的 SYN，B 按 Linux 的 tcp_check_req 再回一次 SYN+ACK（RFC 9293 只回一个 ACK），A 认出这是旧报文段，回一个 ACK，B 收到 A 的 ACK 后进入 ESTABLISHED。',
    },
  },
  'lost-final-handshake-ack': {
    en: {
      title: 'Lost third ACK: the first data segment completes it',
      watch:
        'Watch B stay in SYN-RECEIVED after A\'s ACK seq=101 ack=301 is lost, then become ESTABLISHED on A\'s first data segment, which carries the same ack=301, and acknowledge its 100 bytes with ack=201 instead of sending RST.',
    },
    'zh-cn': {
      title: '第三次握手的 ACK 丢失：由数据报文段补上',
      watch:
        'A 的 ACK（seq=101 ack=301）丢失后 B 仍停在 SYN-RECEIVED；A 的第一个数据报文段带着同样的 ack=301，B 收到它就进入 ESTABLISHED，并用 ack=201 确认这 100 字节，而不是回 RST。',
    },
  },
  'lost-final-ack-time-wait': {
    en: {
      title: 'Lost last ACK of the close: TIME-WAIT to the rescue',
      watch:
        'Watch B in LAST-ACK resend its FIN seq=301 after its 200 ms timeout and A, still in TIME-WAIT, acknowledge it again with ack=302 and restart its 60 s wait, so both close cleanly and A reaches CLOSED at t=60.2 s.',
    },
    'zh-cn': {
      title: '最后一个 ACK 丢失：靠 TIME-WAIT 补救',
      watch:
        '处于 LAST-ACK 的 B 等了 200 毫秒超时后重传 FIN（seq=301），A 仍在 TIME-WAIT，于是再次用 ack=302 确认，并重新开始 60 秒的等待，双方都正常关闭，A 在 t=60.2 秒进入 CLOSED。',
    },
  },

  // --- Why the protocol is built this way: old duplicates and "what if" variants -------
  'old-duplicate-syn': {
    en: {
      title: 'Old duplicate SYN: the three-way handshake rejects it',
      watch:
        'Watch A, in SYN-SENT, answer the SYN+ACK with ack=51 (not its ISN+1 = 101) with RST seq=51, which sends B from SYN-RECEIVED back to LISTEN before A\'s real SYN seq=100 opens the connection.',
    },
    'zh-cn': {
      title: '已失效的旧 SYN：被三次握手拒绝',
      watch:
        '处于 SYN-SENT 的 A 收到确认号为 51 的 SYN+ACK（不是自己的 ISN+1 = 101），回复 RST（seq=51），B 由 SYN-RECEIVED 退回 LISTEN，随后 A 真正的 SYN（seq=100）才建立起连接。',
    },
  },
  'old-duplicate-syn-two-way': {
    en: {
      title: 'What if two segments were enough? A stale SYN connects',
      watch:
        'Watch B jump from LISTEN straight to ESTABLISHED on the stale SYN seq=50 and send 100 bytes to A, which never asked for a connection and answers with RST seq=51 that resets B.',
    },
    'zh-cn': {
      title: '假如只握手两次：旧 SYN 建起无人要的连接',
      watch:
        'B 收到已失效的 SYN（seq=50）就从 LISTEN 直接进入 ESTABLISHED，还向 A 发出 100 字节数据；A 根本没有发起连接，回复 RST（seq=51），B 的连接随即被重置。',
    },
  },
  'lost-final-ack-no-time-wait': {
    en: {
      title: 'What if there were no TIME-WAIT? A lost ACK ends in RST',
      watch:
        'Watch A go straight to CLOSED after its last ACK, so when that ACK is lost and B resends its FIN at t=0.2 s, A answers with RST seq=102 and B\'s close ends in a reset error instead of a clean CLOSED.',
    },
    'zh-cn': {
      title: '假如没有 TIME-WAIT：丢一个 ACK 换来 RST',
      watch:
        'A 发出最后的 ACK 后直接进入 CLOSED；这个 ACK 丢失，B 在 t=0.2 秒重传 FIN 时 A 已没有这条连接，只能回 RST（seq=102），B 的关闭以连接被重置的错误告终，而不是正常进入 CLOSED。',
    },
  },

  // --- Production: refused, stuck, reset and attacked connections -------------------
  'connect-closed-port': {
    en: {
      title: 'Port with no listener: RST, connection refused',
      watch:
        'Watch B, where nobody listens, answer the SYN seq=100 with RST+ACK seq=0 ack=101, and A go from SYN-SENT to CLOSED with "connection refused".',
    },
    'zh-cn': {
      title: '连接无人监听的端口：RST，连接被拒绝',
      watch:
        'B 上没有进程监听，它的 TCP 对 SYN（seq=100）回复 RST+ACK（seq=0 ack=101），A 从 SYN-SENT 回到 CLOSED，应用程序得到“connection refused”（连接被拒绝）。',
    },
  },
  'close-wait-forever': {
    en: {
      title: 'CLOSE-WAIT forever: the application never closes',
      watch:
        'Watch B stay in CLOSE-WAIT for the whole simulated day (86,400 s) after its kernel acknowledged A\'s FIN with ack=102, because no timer ends CLOSE-WAIT, while A, which did close, leaves FIN-WAIT-2 at t=60 s.',
    },
    'zh-cn': {
      title: 'CLOSE-WAIT 不会结束：应用程序从不 close()',
      watch:
        'B 的内核已用 ack=102 确认了 A 的 FIN，但应用程序一直不调用 close()，B 就在 CLOSE-WAIT 停满模拟的一整天（86400 秒），没有任何计时器能结束它；另一边已关闭的 A 在 t=60 秒就离开了 FIN-WAIT-2。',
    },
  },
  'fin-wait-2-expiry-linux': {
    en: {
      title: 'FIN-WAIT-2 times out after 60 s on Linux',
      watch:
        'Watch A, whose application has closed, leave FIN-WAIT-2 for CLOSED at t=60 s (tcp_fin_timeout), so B\'s late FIN seq=301 finds no connection and gets RST seq=102, which resets B in LAST-ACK.',
    },
    'zh-cn': {
      title: 'Linux 上 FIN-WAIT-2 在 60 秒后超时',
      watch:
        '应用程序已关闭的 A 在 FIN-WAIT-2 等到 t=60 秒（tcp_fin_timeout）就进入 CLOSED，B 迟来的 FIN（seq=301）找不到连接，换来 RST（seq=102），处于 LAST-ACK 的 B 被重置。',
    },
  },
  'fin-wait-2-rfc9293': {
    en: {
      title: 'FIN-WAIT-2 has no timeout in RFC 9293',
      watch:
        'Watch A wait in FIN-WAIT-2 for a whole simulated hour (3,600 s) until B\'s FIN seq=301 arrives and then go on to TIME-WAIT as usual: the standard puts no limit on FIN-WAIT-2.',
    },
    'zh-cn': {
      title: 'RFC 9293 中 FIN-WAIT-2 没有超时',
      watch:
        'A 在 FIN-WAIT-2 等了模拟的整整一小时（3600 秒），直到 B 的 FIN（seq=301）到达才照常进入 TIME-WAIT：标准没有给 FIN-WAIT-2 设任何时限。',
    },
  },
  abort: {
    en: {
      title: 'Abort: RST instead of FIN',
      watch:
        'Watch A\'s abort send a single RST+ACK seq=201 ack=301 (SND.NXT after 100 bytes of data; Linux adds ACK with RCV.NXT, RFC 9293 sends RST alone) and go straight to CLOSED with no TIME-WAIT, while B, whose RCV.NXT is exactly 201, is reset and its application told.',
    },
    'zh-cn': {
      title: '中止：用 RST 代替 FIN',
      watch:
        'A 中止连接时只发一个 RST+ACK（seq=201，即发完 100 字节后的 SND.NXT；ack=301，Linux 带上 RCV.NXT，RFC 9293 只发 RST），直接进入 CLOSED，不经过 TIME-WAIT；B 的 RCV.NXT 正好是 201，连接被重置，应用程序也会得到通知。',
    },
  },
  'syn-in-established': {
    en: {
      title: 'SYN on an established connection: challenge ACK',
      watch:
        'Watch B answer the stray SYN seq=5000 with a challenge ACK seq=301 ack=101 and stay ESTABLISHED: with RFC 5961\'s checks, which RFC 9293 describes as an optional mitigation and Linux implements, a SYN alone cannot reset an established connection.',
    },
    'zh-cn': {
      title: '已建立的连接收到 SYN：回复挑战 ACK',
      watch:
        'B 收到一个不请自来的 SYN（seq=5000），只回复挑战 ACK（seq=301 ack=101），仍保持 ESTABLISHED：按 RFC 5961 的检查（RFC 9293 把它列为可选的缓解措施，Linux 实现了它），单凭一个 SYN 不能重置已建立的连接。',
    },
  },
  'blind-reset-challenge-ack': {
    en: {
      title: 'Forged RST: an inexact one gets a challenge ACK',
      watch:
        'Watch B answer the forged RST seq=150, inside its window but not at RCV.NXT=101, with a challenge ACK and stay ESTABLISHED, then fall to a second RST at exactly seq=101, which leaves A ESTABLISHED on a half-open connection.',
    },
    'zh-cn': {
      title: '伪造的 RST：序号不精确只换来挑战 ACK',
      watch:
        '伪造的 RST（seq=150）落在 B 的接收窗口内，但不等于 RCV.NXT=101，B 只回挑战 ACK、保持 ESTABLISHED；第二个 RST 的序号恰好是 101，B 才被重置，A 却仍处于 ESTABLISHED，成了半开连接。',
    },
  },
  'time-wait-assassination': {
    en: {
      title: 'TIME-WAIT assassination (RFC 1337)',
      watch:
        'Watch an old data segment (seq=250) make A in TIME-WAIT send ACK seq=102 ack=302, which the already CLOSED B answers with RST seq=302, and that RST end A\'s TIME-WAIT at once: Linux allows this by default (tcp_rfc1337=0).',
    },
    'zh-cn': {
      title: 'TIME-WAIT 被“暗杀”（RFC 1337）',
      watch:
        '一个旧的数据报文段（seq=250）让处于 TIME-WAIT 的 A 回复 ACK（seq=102 ack=302），早已 CLOSED 的 B 对它回 RST（seq=302），这个 RST 立刻结束了 A 的 TIME-WAIT：Linux 默认允许这样（tcp_rfc1337=0）。',
    },
  },
  // --- Sockets: servers, queues and failures ---------------------------------------
  'server-restart-time-wait': {
    en: {
      title: 'Server restart without SO_REUSEADDR: EADDRINUSE',
      watch:
        'Watch the killed server\'s kernel send FIN seq=301 first, so that B\'s old connection 80-40000 ends in TIME-WAIT, and the restarted server\'s listen on port 80 fail with address-in-use until that TIME-WAIT expires at t=60 s.',
    },
    'zh-cn': {
      title: '不设 SO_REUSEADDR 重启服务器：地址已被占用',
      watch:
        '服务器进程被杀后，内核先替它发出 FIN（seq=301），于是 B 这边的旧连接 80-40000 停在 TIME-WAIT；重启后的服务器在 80 端口上 listen 失败，报 address-in-use（EADDRINUSE），直到 t=60 秒 TIME-WAIT 结束才成功。',
    },
  },
  'server-restart-reuseaddr': {
    en: {
      title: 'Server restart with SO_REUSEADDR: listening at once',
      watch:
        'Watch the restarted server listen on port 80 at once although its old connection 80-40000 is still in TIME-WAIT, because both listeners set SO_REUSEADDR and the accepted connection inherited it, and a new client connect from port 40001.',
    },
    'zh-cn': {
      title: '设置 SO_REUSEADDR 重启服务器：立即监听',
      watch:
        '旧连接 80-40000 还在 TIME-WAIT，重启后的服务器却能立即在 80 端口上 listen：新旧两个监听套接字都设置了 SO_REUSEADDR，被 accept 的连接也从旧监听套接字继承了它，新的客户端随后从 40001 端口连进来。',
    },
  },
  'syn-flood': {
    en: {
      title: 'SYN flood without SYN cookies: clients shut out',
      watch:
        'Watch five forged SYNs fill the SYN queue of a listener with backlog 4 (five requests in SYN-RECEIVED, more than min(backlog, somaxconn)), so that with tcp_syncookies=0 A\'s SYN seq=100 and its retransmission at t=1 s are dropped without a reply.',
    },
    'zh-cn': {
      title: '没有 SYN cookie 的 SYN 洪泛：客户端进不来',
      watch:
        '五个伪造的 SYN 填满了 backlog 为 4 的监听套接字的半连接队列（五个处于 SYN-RECEIVED 的半连接，超过 min(backlog, somaxconn)），在 tcp_syncookies=0 时，A 的 SYN（seq=100）和它在 t=1 秒的重传都被悄悄丢弃。',
    },
  },
  'syn-flood-cookies': {
    en: {
      title: 'SYN flood with SYN cookies: the client still gets in',
      watch:
        'Watch the listener, its SYN queue full, answer A\'s SYN with a SYN+ACK whose seq is a cookie and keep no state, and the connection appear as B\'s connection 6 only when A\'s ACK brings the cookie back plus one.',
    },
    'zh-cn': {
      title: '启用 SYN cookie 的 SYN 洪泛：客户端照样连上',
      watch:
        '半连接队列已满，监听套接字用一个序号为 cookie 的 SYN+ACK 回答 A 的 SYN，自己不保存任何状态；等 A 的 ACK 把 cookie 加一带回来，B 才创建这条连接（B 的第 6 条连接）。',
    },
  },
  'accept-queue-overflow': {
    en: {
      title: 'Accept queue overflow: a client connected in vain',
      watch:
        'Watch the third client become ESTABLISHED while its final ACK and its data are dropped because the accept queue already holds two connections (backlog 1, plus one as Linux admits), until B accepts one and A\'s data, resent at 0.2 s and arriving after the accept, completes B\'s side of the handshake.',
    },
    'zh-cn': {
      title: '全连接队列溢出：客户端以为已经连上',
      watch:
        '第三个客户端已进入 ESTABLISHED，但它的最后一个 ACK 和数据都被丢弃，因为全连接队列里已有两条连接（backlog 为 1，Linux 会多放一条），直到 B 调用 accept 腾出位置，A 在 0.2 秒重传的数据在这之后到达，才让 B 这一侧完成握手。',
    },
  },
  'close-unread-data-rst': {
    en: {
      title: 'close() with unread data: RST, not FIN',
      watch:
        'Watch B close its socket with A\'s 100 bytes still unread and send RST+ACK seq=301 ack=201 instead of a FIN, so that A\'s connection is reset rather than closed (RFC 9293 section 3.6.1, and Linux\'s tcp_close).',
    },
    'zh-cn': {
      title: '带着未读数据 close()：发 RST 而不是 FIN',
      watch:
        'B 的接收缓冲区里还有 A 发来的 100 字节没读就调用了 close()，于是发出的是 RST+ACK（seq=301 ack=201）而不是 FIN，A 的连接被重置而不是正常关闭（RFC 9293 第 3.6.1 节，Linux 的 tcp_close 也是如此）。',
    },
  },
  'zero-window-fin-wait-1': {
    en: {
      title: 'Zero window: FIN-WAIT-1 lasts while the peer does not read',
      watch:
        'Watch B\'s 2000-byte buffer fill so its window drops to 0, A close into FIN-WAIT-1 with 1000 bytes and its FIN still unsent, A\'s zero-window probes seq=2100 at 0.2, 0.6, 1.4 and 3 s, and B\'s read send a window update that lets the data and the FIN go.',
    },
    'zh-cn': {
      title: '零窗口：对端不读，FIN-WAIT-1 就一直持续',
      watch:
        'B 的 2000 字节接收缓冲区被填满，窗口降为 0；A 调用 close 进入 FIN-WAIT-1，但还有 1000 字节和 FIN 发不出去，只能在 0.2、0.6、1.4、3 秒发送零窗口探测（seq=2100），直到 B 读取数据、发出窗口更新，数据和 FIN 才发出去。',
    },
  },
  'keepalive-dead-peer': {
    en: {
      title: 'Keepalive finds a dead peer',
      watch:
        'Watch A, after 7200 idle seconds, send a keepalive probe seq=100 (SND.UNA minus one, no data) every 75 s, nine in all, and at t=7875 s reset the connection with RST+ACK seq=101 ack=301 and report a timeout, since B\'s crashed host never answers.',
    },
    'zh-cn': {
      title: '保活机制发现对端已经宕机',
      watch:
        'A 空闲 7200 秒后开始每 75 秒发一个保活探测报文段（seq=100，即 SND.UNA 减一，不带数据），共九个，B 的主机已崩溃、始终不回应，A 在 t=7875 秒发出 RST+ACK（seq=101 ack=301）重置连接，并向应用程序报告超时。',
    },
  },
  'process-crash': {
    en: {
      title: 'Process crash: the kernel still sends FIN',
      watch:
        'Watch the kernel of B\'s dead process close its socket with FIN seq=301, so A learns at once and enters CLOSE-WAIT, and A\'s later 100 bytes meet the orphaned socket in FIN-WAIT-2, which answers with RST seq=302 and resets both ends.',
    },
    'zh-cn': {
      title: '进程崩溃：内核照样发出 FIN',
      watch:
        'B 的进程死掉后，内核替它关闭套接字并发出 FIN（seq=301），A 立刻察觉并进入 CLOSE-WAIT；之后 A 发来的 100 字节遇上处于 FIN-WAIT-2 的孤儿连接，它回一个 RST（seq=302），两端都被重置。',
    },
  },
  'host-crash-reboot': {
    en: {
      title: 'Host crash: silence, then RST after the reboot',
      watch:
        'Watch B\'s crashed host answer nothing, so A keeps resending its 100 bytes at 0.2, 0.6 and 1.4 s, until B, rebooted with no sockets, answers the last copy with RST seq=301, the half-open connection of RFC 9293 figure 10.',
    },
    'zh-cn': {
      title: '主机崩溃：先是一片沉默，重启后回 RST',
      watch:
        'B 的主机崩溃后什么都不回，A 只能在 0.2、0.6、1.4 秒不断重传那 100 字节；B 重启后已经没有任何套接字，对最后一次重传回复 RST（seq=301），这就是 RFC 9293 图 10 所说的半开连接。',
    },
  },
};

/** The order presets are listed in the sandbox: the course's order (open, close, loss, variants, production). */
export const PRESET_ORDER: readonly string[] = [
  // open
  'normal-open',
  'simultaneous-open',
  // close
  'normal-close',
  'fin-ack-one-segment',
  'half-close-data-flows',
  'simultaneous-close',
  'time-wait-expiry-linux',
  'time-wait-expiry-rfc9293',
  // loss
  'lost-syn',
  'connect-gives-up',
  'lost-syn-ack',
  'lost-final-handshake-ack',
  'lost-final-ack-time-wait',
  // variants: why three segments, why TIME-WAIT
  'old-duplicate-syn',
  'old-duplicate-syn-two-way',
  'lost-final-ack-no-time-wait',
  // production
  'connect-closed-port',
  'close-wait-forever',
  'fin-wait-2-expiry-linux',
  'fin-wait-2-rfc9293',
  'abort',
  'syn-in-established',
  'blind-reset-challenge-ack',
  'time-wait-assassination',
  // sockets: servers, queues and failures
  'server-restart-time-wait',
  'server-restart-reuseaddr',
  'syn-flood',
  'syn-flood-cookies',
  'accept-queue-overflow',
  'close-unread-data-rst',
  'zero-window-fin-wait-1',
  'keepalive-dead-peer',
  'process-crash',
  'host-crash-reboot',
];
