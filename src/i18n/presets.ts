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
        'Watch A resend the same SYN seq=100 after 1 s and again 2 s later as its timeout doubles (Linux\'s classic schedule; kernels since 6.5 retry at 1 s steps first); the third copy gets through and the handshake completes at t=3 s.',
    },
    'zh-cn': {
      title: 'SYN 丢失：在第 1 秒和第 3 秒重传',
      watch:
        '前两个 SYN 都丢了，A 每次超时后重传同一个 SYN（seq=100），超时时间从 1 秒翻倍到 2 秒（这是 Linux 的经典时间表；6.5 起的内核头几次按 1 秒间隔重试），第三个 SYN 终于送达，握手在 t=3 秒完成。',
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
        'Watch both timers fire at t=1 s: B\'s resent SYN+ACK seq=300 ack=101 makes A ESTABLISHED, while A\'s resent SYN, which lies before B\'s RCV.NXT=101, only earns a bare ACK (the RFC model; Linux would resend its SYN+ACK), and B becomes ESTABLISHED when A\'s ACK arrives.',
    },
    'zh-cn': {
      title: 'SYN+ACK 丢失：双方都重传',
      watch:
        't=1 秒时双方的重传计时器同时到期：B 重传的 SYN+ACK（seq=300 ack=101）让 A 进入 ESTABLISHED；A 重传的 SYN 落在 B 的 RCV.NXT=101 之前，B 只回一个 ACK（这是 RFC 模型；Linux 会重发 SYN+ACK），等收到 A 的 ACK 才进入 ESTABLISHED。',
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
        'Watch A\'s abort send a single RST seq=201 (its SND.NXT after 100 bytes of data) and go straight to CLOSED with no TIME-WAIT, while B, whose RCV.NXT is exactly 201, is reset and its application told.',
    },
    'zh-cn': {
      title: '中止：用 RST 代替 FIN',
      watch:
        'A 中止连接时只发一个 RST（seq=201，即发完 100 字节后的 SND.NXT），直接进入 CLOSED，不经过 TIME-WAIT；B 的 RCV.NXT 正好是 201，连接被重置，应用程序也会得到通知。',
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
];
