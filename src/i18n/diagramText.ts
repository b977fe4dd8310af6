/**
 * What the tutor says about every state, every transition (drawn, undrawn and "what if")
 * and every role of the state diagram, in every locale.
 *
 * The standard is RFC 9293; Linux is the worked example for timer values. Numbers follow
 * the course's convention: handshake SYN seq=x, SYN+ACK seq=y ack=x+1; close FIN seq=u
 * from the active closer, FIN seq=w from the passive closer.
 *
 * Labels are drawn on the arrows of a 720-unit-wide diagram; the webview breaks a label
 * into two lines at " / " (event above, segment sent below), so keep that separator.
 */
import type { DiagramText } from './types';
import type { Locale } from './types';

const en: DiagramText = {
  states: {
    CLOSED: {
      meaning: 'No connection: this endpoint holds no state for it at all (no TCB). Every connection starts and ends here.',
      who: 'Both sides: before the client calls connect() or the server calls listen(), and again once the connection is over.',
      entered:
        'From TIME-WAIT when the 2MSL timer expires, from LAST-ACK when the ACK of its FIN arrives, and from LISTEN or SYN-SENT on close(). Any other state can also drop straight here on an RST, an abort, or retransmissions that give up.',
      left: 'connect() sends a SYN and moves to SYN-SENT; listen() moves to LISTEN without sending anything.',
      note: 'RFC 9293 calls CLOSED fictional, because there is no TCB to be in it. A segment sent to a connection that does not exist (say, a port nobody listens on) is answered with RST, which the application sees as "connection refused".',
    },
    LISTEN: {
      meaning: 'The server is waiting on a local port for a connection request, that is, for a SYN.',
      who: 'The passive opener, normally a server, after its application calls bind() and listen().',
      entered:
        'From CLOSED when the application calls listen(). In the RFC model, a half-open connection that came from LISTEN returns here if an RST arrives while it is in SYN-RECEIVED.',
      left: 'A SYN arrives: the server answers SYN+ACK and moves to SYN-RECEIVED. close() returns to CLOSED; RFC 9293 also lets a SEND call here send a SYN and move to SYN-SENT, which the sockets API cannot do.',
      note: 'In real systems the listening socket itself stays in LISTEN and each SYN creates a separate new connection (on Linux, first a small request socket), so one listener serves many clients. Port numbers belong to the application: 80 is HTTP\'s port, not "TCP\'s port".',
    },
    'SYN-SENT': {
      meaning: 'The client has sent its SYN and is waiting for the server\'s SYN+ACK.',
      who: 'The active opener, normally a client, right after it calls connect().',
      entered:
        'From CLOSED when the application calls connect(): the client sends a SYN carrying its initial sequence number x. RFC 9293 also reaches it from LISTEN through a SEND call.',
      left: 'A SYN+ACK with ack=x+1 arrives: the client sends ACK and becomes ESTABLISHED. A bare SYN (simultaneous open) leads to SYN-RECEIVED; an RST (connection refused), close(), or giving up on SYN retransmissions leads to CLOSED.',
      note: 'The name means "SYN has been sent", not "waiting to send a SYN". Without an answer the client retransmits the SYN with growing intervals; the classic Linux default (tcp_syn_retries = 6) retries after 1, 3, 7, 15, 31 and 63 s and gives up at about 127 s, while recent kernels start with a few 1 s steps.',
    },
    'SYN-RECEIVED': {
      meaning: 'A SYN has been received and answered with SYN+ACK; the endpoint now waits for the ACK of its own SYN.',
      who: 'The passive opener, normally a server, halfway through the three-way handshake; in a simultaneous open, both sides.',
      entered:
        'From LISTEN when a SYN with seq=x arrives: the server replies SYN+ACK with seq=y, ack=x+1. From SYN-SENT when a bare SYN arrives (simultaneous open).',
      left: 'The ACK with ack=y+1 (possibly carrying data) leads to ESTABLISHED. An RST sends a connection that came from LISTEN back to LISTEN and one that came from SYN-SENT to CLOSED; close() sends FIN and moves to FIN-WAIT-1; an abort or too many SYN+ACK retransmissions lead to CLOSED.',
      note: 'Sending SYN+ACK does not make the server ESTABLISHED: only the arrival of the final ACK does. Linux keeps this half-open connection as a small request socket, retransmits SYN+ACK up to tcp_synack_retries times (default 5), and accept() returns the connection only once the handshake is complete.',
    },
    ESTABLISHED: {
      meaning: 'The connection is open: both initial sequence numbers have been acknowledged and data can flow in both directions.',
      who: 'Both sides: the client once it receives SYN+ACK and sends the final ACK, the server once that ACK arrives.',
      entered:
        'From SYN-SENT when a SYN+ACK acknowledges our SYN (we answer with ACK), or from SYN-RECEIVED when the ACK of our SYN arrives.',
      left: 'close() sends FIN and moves to FIN-WAIT-1; a FIN from the peer is acknowledged and moves to CLOSE-WAIT; an RST, an abort, or retransmissions that give up lead straight to CLOSED.',
      note: 'This is the data-transfer state, and a connection may sit here idle for hours. TCP does not probe an idle peer unless keepalive is turned on (Linux: first probe after 7200 s idle, then every 75 s, giving up after 9 unanswered probes).',
    },
    'FIN-WAIT-1': {
      meaning: 'This side has sent its FIN ("I will send no more data") and waits for that FIN to be acknowledged.',
      who: 'The active closer: whichever side calls close() first, client or server.',
      entered:
        'From ESTABLISHED when the application calls close() (or shutdown() for writing): after any queued data, a FIN with seq=u goes out. Also from SYN-RECEIVED on close().',
      left: 'The ACK of the FIN (ack=u+1) leads to FIN-WAIT-2; a peer FIN that also acknowledges ours leads straight to TIME-WAIT; a peer FIN that does not (simultaneous close) leads to CLOSING. An RST or an abort leads to CLOSED.',
      note: 'The FIN consumes one sequence number, which is why its ACK carries u+1. The FIN is retransmitted like data; a connection stuck in FIN-WAIT-1 usually means the peer never acknowledges it and may be gone.',
    },
    'FIN-WAIT-2': {
      meaning: 'Our FIN has been acknowledged, so our direction is closed; we wait for the peer\'s FIN. After shutdown(SHUT_WR) we still receive its data (a half-close); after close() Linux answers new data with RST.',
      who: 'The active closer, after the peer\'s kernel has acknowledged its FIN and before the peer\'s application has closed.',
      entered: 'From FIN-WAIT-1 when the ACK of our FIN (ack=u+1) arrives.',
      left: 'The peer\'s FIN (seq=w) arrives: we send ACK with ack=w+1 and move to TIME-WAIT. On Linux, a socket the application has already closed goes to CLOSED after tcp_fin_timeout; an RST also ends the connection.',
      note: 'RFC 9293 sets no timeout here: the peer may keep sending as long as it likes. Linux bounds FIN-WAIT-2 only for sockets the application has closed (orphans), with tcp_fin_timeout, 60 s by default; a socket that only called shutdown(SHUT_WR) can wait indefinitely.',
    },
    'CLOSE-WAIT': {
      meaning: 'The peer has closed its direction (we received and acknowledged its FIN); we may still send, and we wait for our own application to call close().',
      who: 'The passive closer: the side that receives the first FIN.',
      entered:
        'From ESTABLISHED when the peer\'s FIN (seq=u) arrives: the kernel acknowledges it with ack=u+1 on its own, and the application\'s read() returns 0 (end of file).',
      left: 'When the application calls close(), a FIN with seq=w is sent and the state becomes LAST-ACK. An RST or an abort leads to CLOSED.',
      note: 'The kernel cannot leave CLOSE-WAIT by itself; it waits for close(). Many sockets piling up here mean the application never closes them: a bug in the code, which no kernel setting fixes.',
    },
    CLOSING: {
      meaning: 'Both sides sent FIN at about the same time: we have received and acknowledged the peer\'s FIN, but ours is not acknowledged yet.',
      who: 'Only in a simultaneous close, where both sides are active closers.',
      entered: 'From FIN-WAIT-1 when the peer\'s FIN arrives without acknowledging our FIN; we answer it with ACK.',
      left: 'The ACK of our FIN arrives: TIME-WAIT. An RST or an abort leads to CLOSED.',
      note: 'Rare in practice. In a simultaneous close both sides go FIN-WAIT-1 → CLOSING → TIME-WAIT, so both pay TIME-WAIT.',
    },
    'LAST-ACK': {
      meaning: 'The passive closer has sent its own FIN and waits for the last ACK, the one that acknowledges that FIN.',
      who: 'The passive closer, after its application calls close().',
      entered: 'From CLOSE-WAIT when the application calls close(): a FIN with seq=w, ack=u+1 goes out.',
      left: 'The ACK with ack=w+1 arrives: CLOSED, and the connection is gone on this side. Until then the FIN is retransmitted; if retransmission gives up, or an RST arrives, it also ends in CLOSED.',
      note: 'If the last ACK is lost, the retransmitted FIN reaches the active closer, still in TIME-WAIT, which acknowledges it again: one of the two reasons TIME-WAIT exists.',
    },
    'TIME-WAIT': {
      meaning: 'The connection is finished, but the side that closed first waits 2×MSL before forgetting it.',
      who: 'Only the active closer (both sides after a simultaneous close).',
      entered:
        'From FIN-WAIT-2 when the peer\'s FIN arrives, from FIN-WAIT-1 when a FIN arrives that also acknowledges ours, or from CLOSING when our FIN is acknowledged; in every case the peer\'s FIN has been acknowledged.',
      left: 'When the 2MSL timer expires: CLOSED. If the peer retransmits its FIN, we acknowledge it again and restart the timer.',
      note: 'It waits to re-acknowledge the peer\'s FIN if our last ACK was lost, and to let stray old segments of this connection die out before the same four-tuple is reused. RFC 9293 takes MSL as 2 minutes (4 minutes in all); Linux holds TIME-WAIT for a fixed 60 s, and tcp_fin_timeout does not shorten it.',
    },
  },

  transitions: {
    'closed-listen': {
      label: 'listen',
      event: 'The server application calls listen() on a bound port: a passive open.',
      sent: 'Nothing is sent; the server only starts waiting for SYNs.',
    },
    'closed-syn-sent': {
      label: 'connect / SYN',
      event: 'The client application calls connect(): an active open.',
      sent: 'A SYN with the client\'s initial sequence number (seq=x), usually carrying the MSS option. The SYN consumes one sequence number.',
      note: 'The initial sequence number is not 0 or 1: RFC 9293 builds it from a clock plus a keyed hash of the addresses and ports, so that it is hard to guess and old segments do not fit the new connection.',
    },
    'listen-closed': {
      label: 'close',
      event: 'The server application closes its listening socket.',
      sent: 'Nothing is sent: there is no connection to close.',
      note: 'On Linux, connections that finished the handshake but were never accept()ed are reset when the listener closes.',
    },
    'listen-syn-received': {
      label: 'rcv SYN / SYN+ACK',
      event: 'A client\'s SYN (seq=x) arrives: the first segment of the three-way handshake.',
      sent: 'SYN+ACK with seq=y (the server\'s own initial sequence number) and ack=x+1: one segment both acknowledges the client\'s SYN and carries the server\'s SYN.',
      note: 'The server is not ESTABLISHED yet. A SYN flood attacks exactly this step, and the three-way handshake does not stop it; SYN cookies (tcp_syncookies on Linux) let the server answer without keeping any state.',
    },
    'listen-syn-sent': {
      label: 'send / SYN',
      event: 'In RFC 9293\'s model, the application issues SEND on a listening connection whose remote address is known, turning the passive open into an active one.',
      sent: 'A SYN with this endpoint\'s initial sequence number.',
      note: 'The sockets API has no such call (a listening socket cannot connect()), so you will not meet this edge on a real system.',
    },
    'syn-sent-closed': {
      label: 'close, RST, timeout',
      event: 'The application calls close() before any answer; or an RST arrives that acknowledges the SYN (nobody listens on that port); or the SYN retransmissions give up.',
      sent: 'Nothing is sent.',
      note: 'On Linux connect() then fails with ECONNREFUSED after an RST, or with ETIMEDOUT once tcp_syn_retries retransmissions have gone unanswered.',
    },
    'syn-sent-syn-received': {
      label: 'rcv SYN / SYN+ACK',
      event: 'While waiting for a SYN+ACK, the endpoint receives a bare SYN: the peer opened towards it at the same moment (simultaneous open).',
      sent: 'SYN+ACK: its own SYN again, with the same sequence number, now also acknowledging the peer\'s SYN.',
      note: 'Both sides do the same, so four segments (two SYNs, two SYN+ACKs) open one single connection.',
    },
    'syn-sent-established': {
      label: 'rcv SYN+ACK / ACK',
      event: 'The server\'s SYN+ACK arrives with seq=y and ack=x+1, acknowledging the client\'s SYN.',
      sent: 'The third segment of the handshake: ACK with seq=x+1, ack=y+1. It may already carry the first data bytes.',
      note: 'The client is ESTABLISHED as soon as it sends this ACK; the server only when it arrives. A SYN+ACK whose ack is not x+1 (for instance one answering an old SYN) is answered with RST instead.',
    },
    'syn-received-listen': {
      label: 'rcv RST',
      event: 'An RST arrives for the half-open connection, typically because the SYN was an old duplicate and the client rejected the SYN+ACK.',
      sent: 'Nothing is sent.',
      note: 'Only a connection that came from LISTEN goes back to LISTEN; after a simultaneous open an RST leads to CLOSED. This is how the three-way handshake disposes of stale SYNs.',
    },
    'syn-received-established': {
      label: 'rcv ACK of SYN',
      event: 'The third segment arrives: an ACK with ack=y+1, acknowledging the server\'s SYN.',
      sent: 'Nothing is sent: the handshake is complete.',
      note: 'If this ACK is lost, the server retransmits SYN+ACK, and the client\'s first data segment, which also carries ack=y+1, completes the handshake; the server does not answer that data with RST. On Linux the connection now joins the accept queue; if the queue is full, the ACK is dropped by default.',
    },
    'syn-received-fin-wait-1': {
      label: 'close / FIN',
      event: 'The application calls close() before the handshake has completed.',
      sent: 'A FIN (with ACK). RFC 9293 sends it now only if no data is waiting to go out; otherwise the close waits until ESTABLISHED.',
      note: 'Rare: with the sockets API a server gets a socket from accept() only after the handshake, so this edge mostly follows a simultaneous open.',
    },
    'established-fin-wait-1': {
      label: 'close / FIN',
      event: 'The application calls close() (or shutdown() for writing) first; this side becomes the active closer.',
      sent: 'A FIN with seq=u, one past the last data byte sent, with ACK set as on every segment after the handshake. The FIN consumes one sequence number.',
      note: 'If the application closes while received data is still unread, RFC 9293 says an RST should be sent instead of a FIN, and Linux does so: the connection is aborted rather than closed gracefully.',
    },
    'established-close-wait': {
      label: 'rcv FIN / ACK',
      event: 'The peer\'s FIN (seq=u) arrives: the peer will send no more data, and this side becomes the passive closer.',
      sent: 'ACK with ack=u+1. The kernel sends it without waiting for the application; if the application closes quickly, Linux may hold it back briefly so that it rides on this side\'s FIN.',
      note: 'A FIN closes only one direction: this side may go on sending. The application learns of the FIN when read() returns 0.',
    },
    'fin-wait-1-fin-wait-2': {
      label: 'rcv ACK of FIN',
      event: 'The peer acknowledges our FIN: ack=u+1.',
      sent: 'Nothing is sent.',
      note: 'Only the peer\'s direction is still open (a half-close): after shutdown(SHUT_WR) its data is received and acknowledged until its FIN comes; after close() nobody reads, and Linux answers it with RST.',
    },
    'fin-wait-1-closing': {
      label: 'rcv FIN / ACK',
      event: 'The peer\'s FIN arrives but does not acknowledge our FIN: both sides closed at about the same time (simultaneous close).',
      sent: 'ACK of the peer\'s FIN: the ack number is the FIN\'s sequence number plus one.',
      note: 'The peer does the same, so each side\'s ACK completes the other side\'s close, and both end in TIME-WAIT.',
    },
    'fin-wait-1-time-wait': {
      label: 'rcv FIN+ACK / ACK',
      event: 'One segment from the peer carries both the ACK of our FIN (ack=u+1) and the peer\'s own FIN (seq=w).',
      sent: 'ACK with seq=u+1, ack=w+1; the 2MSL timer starts.',
      note: 'This happens when the peer\'s application closes at once, so its ACK and FIN share a segment: the close takes three segments instead of four, and FIN-WAIT-2 is skipped.',
    },
    'fin-wait-2-time-wait': {
      label: 'rcv FIN / ACK',
      event: 'The peer\'s application has closed too: its FIN (seq=w, ack=u+1) arrives.',
      sent: 'The last ACK of the close, with seq=u+1, ack=w+1; the 2MSL timer starts.',
      note: 'Nothing ever acknowledges this ACK. If it is lost, the peer retransmits its FIN, and TIME-WAIT is still there to answer it.',
    },
    'closing-time-wait': {
      label: 'rcv ACK of FIN',
      event: 'During a simultaneous close, the peer\'s ACK of our FIN arrives.',
      sent: 'Nothing is sent; the 2MSL timer starts.',
    },
    'time-wait-closed': {
      label: '2MSL timeout',
      event: 'The TIME-WAIT timer of 2×MSL expires: 4 minutes with RFC 9293\'s 2-minute MSL, a fixed 60 s on Linux.',
      sent: 'Nothing is sent; the connection\'s record is deleted.',
      note: 'Advice to turn on tcp_tw_recycle is obsolete: it broke clients behind NAT and was removed in Linux 4.12. SO_REUSEADDR (to restart a listening server) and tcp_tw_reuse (for outgoing connections, with timestamps) are the safe tools.',
    },
    'close-wait-last-ack': {
      label: 'close / FIN',
      event: 'The passive closer\'s application, having read to end of file, calls close().',
      sent: 'A FIN with seq=w, ack=u+1. It consumes one sequence number.',
      note: 'How long CLOSE-WAIT lasts is entirely up to the application: the kernel sends this FIN only when close() is called.',
    },
    'last-ack-closed': {
      label: 'rcv ACK of FIN',
      event: 'The active closer\'s last ACK arrives: ack=w+1.',
      sent: 'Nothing is sent: the connection is gone on this side.',
      note: 'The passive closer does not wait afterwards: only the side that closed first pays TIME-WAIT.',
    },
    'synchronized-closed-reset': {
      label: 'rcv RST or abort',
      event: 'An acceptable RST arrives, the application aborts the connection (for example close() with SO_LINGER set to 0), or retransmissions give up because the peer stopped answering. Shown from ESTABLISHED, it applies to the other synchronized states too.',
      sent: 'Nothing after a received RST or a timeout. An abort in ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2 or CLOSE-WAIT sends an RST so that the peer drops the connection too.',
      note: 'With RFC 5961\'s checks (an optional mitigation in RFC 9293, implemented by Linux), an RST must carry exactly the next expected sequence number; one that is merely inside the window only triggers a "challenge ACK", which defeats blind reset attacks. Linux gives up retransmitting after tcp_retries2 (default 15, roughly 15 minutes).',
    },
    'syn-received-closed': {
      label: 'RST, abort, timeout',
      event: 'An RST arrives for a connection that came from a simultaneous open, the application aborts, or the SYN+ACK has been retransmitted too often without an ACK.',
      sent: 'Nothing after an RST or a timeout; an abort sends an RST.',
      note: 'Linux retransmits SYN+ACK tcp_synack_retries times (default 5, about 63 s in all) and then drops the half-open request; the listening socket itself stays in LISTEN.',
    },
    'fin-wait-2-closed': {
      label: 'Linux fin_timeout',
      event: 'Linux only: a socket the application has already closed (an orphan) has waited tcp_fin_timeout (60 s by default) in FIN-WAIT-2 without receiving the peer\'s FIN.',
      sent: 'Nothing is sent; the kernel quietly drops the connection. A FIN arriving later is answered with RST.',
      note: 'Not in RFC 9293, which lets FIN-WAIT-2 last as long as the peer keeps its side open. tcp_fin_timeout bounds only this orphan case; it does not shorten TIME-WAIT.',
    },
    'two-way-listen-established': {
      label: '2-way: SYN / SYN+ACK',
      event: 'What if (not real TCP): the server counts the connection as ESTABLISHED as soon as it has answered a SYN, without waiting for a third segment.',
      sent: 'SYN+ACK, as in the real handshake, but nothing ever confirms that the client received it.',
      note: 'This breaks the protocol. An old duplicate SYN would make the server open a connection the client never asked for and hold resources for it, and the server\'s sequence number y would never be acknowledged. With three segments, the client answers a stale SYN+ACK with RST.',
    },
    'no-time-wait-fin-wait-1-closed': {
      label: 'FIN+ACK / ACK, no wait',
      event: 'What if (not real TCP): the active closer receives the peer\'s FIN together with the ACK of its own FIN, sends the last ACK and forgets the connection at once.',
      sent: 'The last ACK (ack=w+1), which can now never be repeated.',
      note: 'If that ACK is lost, the peer retransmits its FIN, finds no connection, and gets an RST: it reports an error instead of a clean close. Delayed old segments could also slip into a new connection on the same four-tuple.',
    },
    'no-time-wait-fin-wait-2-closed': {
      label: 'rcv FIN / ACK, no wait',
      event: 'What if (not real TCP): in FIN-WAIT-2 the active closer receives the peer\'s FIN, acknowledges it and goes straight to CLOSED, skipping TIME-WAIT.',
      sent: 'The last ACK (seq=u+1, ack=w+1), with nobody left to resend it.',
      note: 'A lost last ACK now turns the peer\'s retransmitted FIN into an RST and an error on the peer\'s side, and stray segments of this connection may be accepted by the next one that reuses the same addresses and ports.',
    },
    'no-time-wait-closing-closed': {
      label: 'rcv ACK, no TIME-WAIT',
      event: 'What if (not real TCP): after a simultaneous close, the ACK of our FIN arrives and the endpoint goes straight to CLOSED.',
      sent: 'Nothing is sent.',
      note: 'Our own ACK of the peer\'s FIN may still be lost; without TIME-WAIT, the peer\'s retransmitted FIN meets an RST, and late segments of this connection could be mistaken for a new one on the same four-tuple.',
    },
  },

  roles: {
    'active-opener': 'Active opener',
    'passive-opener': 'Passive opener',
    'active-closer': 'Active closer',
    'passive-closer': 'Passive closer',
  },
};

const zhCn: DiagramText = {
  states: {
    CLOSED: {
      meaning: '没有连接：这一端根本不保存这条连接的任何状态（没有 TCB）。每条连接都从这里开始，也在这里结束。',
      who: '双方都会经过：客户端调用 connect()、服务器调用 listen() 之前，以及连接彻底结束之后。',
      entered:
        'TIME-WAIT 的 2MSL 计时器到期、LAST-ACK 收到对自己 FIN 的确认、在 LISTEN 或 SYN-SENT 状态调用 close()，都会回到这里。其他状态遇到 RST、中止或重传次数耗尽，也会直接进入 CLOSED。',
      left: '调用 connect() 发出 SYN，进入 SYN-SENT；调用 listen() 进入 LISTEN，此时不发送任何报文段。',
      note: 'RFC 9293 说 CLOSED 是一个“虚构”的状态，因为此时连 TCB 都不存在。发给一个不存在的连接的报文段（比如目标端口没有进程监听）会收到 RST，应用程序看到的就是“connection refused”（连接被拒绝）。',
    },
    LISTEN: {
      meaning: '服务器在某个本地端口上等待连接请求，也就是等待客户端的 SYN。',
      who: '被动打开方（通常是服务器），在应用程序调用 bind() 和 listen() 之后。',
      entered: '应用程序调用 listen() 时从 CLOSED 进入。按 RFC 的模型，从 LISTEN 进入 SYN-RECEIVED 的半连接如果收到 RST，会退回 LISTEN。',
      left: '收到 SYN 后回复 SYN+ACK，进入 SYN-RECEIVED；调用 close() 回到 CLOSED。RFC 9293 还允许在这里调用 SEND，发出 SYN 进入 SYN-SENT，但套接字 API 做不到这一点。',
      note: '实际系统中，监听套接字本身一直停在 LISTEN，每个到来的 SYN 都会产生一个独立的新连接（Linux 先用一个小的请求套接字表示它），所以一个监听套接字能服务很多客户端。端口号属于应用层协议：80 是 HTTP 的端口，并不是“TCP 的端口”。',
    },
    'SYN-SENT': {
      meaning: '客户端已经发出 SYN，正在等待服务器的 SYN+ACK。',
      who: '主动打开方（通常是客户端），调用 connect() 之后立即进入。',
      entered: '应用程序调用 connect() 时从 CLOSED 进入，同时发出携带初始序号 x 的 SYN。按 RFC 9293，在 LISTEN 状态调用 SEND 也会进入这里。',
      left: '收到确认号为 x+1 的 SYN+ACK 后回复 ACK，进入 ESTABLISHED；收到不带 ACK 的 SYN（同时打开）则进入 SYN-RECEIVED。收到 RST（连接被拒绝）、调用 close() 或 SYN 重传次数耗尽，都会回到 CLOSED。',
      note: 'SYN-SENT 的意思是“SYN 已发送”，而不是“等待发送”。收不到应答时，客户端会以越来越长的间隔重传 SYN：Linux 经典的默认值（tcp_syn_retries = 6）在第 1、3、7、15、31、63 秒重传，约 127 秒后放弃；较新的内核开头几次改为每隔 1 秒重传。',
    },
    'SYN-RECEIVED': {
      meaning: '已经收到对方的 SYN 并回复了 SYN+ACK，正在等待对方确认自己的 SYN。',
      who: '被动打开方（通常是服务器）在三次握手的中途经过；同时打开时，双方都会经过。',
      entered: '在 LISTEN 状态收到 SYN（seq=x）时进入，服务器回复 SYN+ACK（seq=y，ack=x+1）；在 SYN-SENT 状态收到不带 ACK 的 SYN（同时打开）时也会进入。',
      left: '收到确认号为 y+1 的 ACK（可能同时带着数据）后进入 ESTABLISHED。收到 RST 时，从 LISTEN 来的连接退回 LISTEN，从 SYN-SENT 来的连接进入 CLOSED；调用 close() 发出 FIN，进入 FIN-WAIT-1；中止或 SYN+ACK 重传次数耗尽则进入 CLOSED。',
      note: '服务器发出 SYN+ACK 并不等于进入 ESTABLISHED，要等第三次握手的 ACK 到达才算建立。Linux 把这种半连接保存成一个小的请求套接字，最多重传 SYN+ACK tcp_synack_retries 次（默认 5 次），握手完成后 accept() 才能拿到这个连接。',
    },
    ESTABLISHED: {
      meaning: '连接已建立：双方的初始序号都得到了确认，数据可以在两个方向上传输。',
      who: '双方都会进入：客户端在收到 SYN+ACK 并发出 ACK 时进入，服务器在收到这个 ACK 时进入。',
      entered: '在 SYN-SENT 收到确认了自己 SYN 的 SYN+ACK（并回复 ACK）时进入，或在 SYN-RECEIVED 收到对自己 SYN 的 ACK 时进入。',
      left: '应用程序调用 close() 发出 FIN，进入 FIN-WAIT-1；收到对方的 FIN 并回复 ACK，进入 CLOSE-WAIT；收到 RST、中止或重传次数耗尽，直接进入 CLOSED。',
      note: '这是正常收发数据的状态，连接可以在这里空闲好几个小时。除非开启了 keepalive，TCP 不会主动探测空闲的对端（Linux 默认空闲 7200 秒后开始探测，每 75 秒一次，连续 9 次无应答才放弃）。',
    },
    'FIN-WAIT-1': {
      meaning: '本端已经发出 FIN（表示“我不再发送数据了”），正在等待对方确认这个 FIN。',
      who: '主动关闭方，即先调用 close() 的一方，客户端和服务器都有可能。',
      entered: '在 ESTABLISHED 状态应用程序调用 close()（或用 shutdown() 关闭写方向）时进入：已排队的数据发完后，发出 seq=u 的 FIN。在 SYN-RECEIVED 状态调用 close() 也会进入。',
      left: '收到对 FIN 的确认（ack=u+1）进入 FIN-WAIT-2；收到对方的 FIN 且它同时确认了本端的 FIN，直接进入 TIME-WAIT；收到对方的 FIN 但它没有确认本端的 FIN（同时关闭），进入 CLOSING。收到 RST 或中止则进入 CLOSED。',
      note: 'FIN 占用一个序号，所以对它的确认号是 u+1。FIN 会像数据一样超时重传；连接长时间停在 FIN-WAIT-1，通常说明对方一直没有确认，可能已经不在了。',
    },
    'FIN-WAIT-2': {
      meaning: '本端的 FIN 已被确认，本端的发送方向已经关闭；现在等待对方的 FIN。如果调用的是 shutdown(SHUT_WR)，仍能接收对方的数据，这就是半关闭；如果调用的是 close()，Linux 会用 RST 回应新到的数据。',
      who: '主动关闭方：对方内核已经确认了 FIN，但对方应用程序还没有调用 close()。',
      entered: '在 FIN-WAIT-1 状态收到对本端 FIN 的确认（ack=u+1）时进入。',
      left: '收到对方的 FIN（seq=w）后回复 ACK（ack=w+1），进入 TIME-WAIT。在 Linux 上，应用程序已经关闭的套接字超过 tcp_fin_timeout 就直接进入 CLOSED；收到 RST 也会结束连接。',
      note: 'RFC 9293 没有给 FIN-WAIT-2 规定超时，对方想继续发送多久都可以。Linux 只对应用程序已经 close() 的“孤儿”套接字设上限（tcp_fin_timeout，默认 60 秒）；只调用了 shutdown(SHUT_WR) 的套接字可以一直等下去。',
    },
    'CLOSE-WAIT': {
      meaning: '对方已经关闭了它的发送方向（本端收到并确认了它的 FIN），本端仍可以发送数据，正在等自己的应用程序调用 close()。',
      who: '被动关闭方，即先收到 FIN 的一方。',
      entered: '在 ESTABLISHED 状态收到对方的 FIN（seq=u）时进入：内核自行回复 ACK（ack=u+1），应用程序的 read() 返回 0，表示读到了文件末尾。',
      left: '应用程序调用 close() 后发出 FIN（seq=w），进入 LAST-ACK。收到 RST 或中止则进入 CLOSED。',
      note: '内核不会自己离开 CLOSE-WAIT，必须等应用程序调用 close()。大量连接堆积在 CLOSE-WAIT，说明应用程序没有关闭套接字，这是代码缺陷，调内核参数解决不了。',
    },
    CLOSING: {
      meaning: '双方几乎同时发出了 FIN：本端已经收到并确认了对方的 FIN，但自己的 FIN 还没有被确认。',
      who: '只在同时关闭时出现，这时双方都是主动关闭方。',
      entered: '在 FIN-WAIT-1 状态收到对方的 FIN、而它并没有确认本端的 FIN 时进入，本端回复 ACK。',
      left: '收到对本端 FIN 的确认后进入 TIME-WAIT；收到 RST 或中止则进入 CLOSED。',
      note: '实际中很少见。同时关闭时，双方都走 FIN-WAIT-1 → CLOSING → TIME-WAIT，所以双方都要经历 TIME-WAIT。',
    },
    'LAST-ACK': {
      meaning: '被动关闭方已经发出自己的 FIN，正在等最后一个 ACK，也就是对这个 FIN 的确认。',
      who: '被动关闭方，在它的应用程序调用 close() 之后。',
      entered: '在 CLOSE-WAIT 状态应用程序调用 close() 时进入，发出 seq=w、ack=u+1 的 FIN。',
      left: '收到 ack=w+1 的 ACK 后进入 CLOSED，这一端的连接就此结束。在此之前 FIN 会超时重传；重传次数耗尽或收到 RST，也会进入 CLOSED。',
      note: '如果最后的 ACK 丢了，重传的 FIN 会到达仍处于 TIME-WAIT 的主动关闭方，由它再确认一次，这正是设置 TIME-WAIT 的原因之一。',
    },
    'TIME-WAIT': {
      meaning: '连接已经结束，但先关闭的一方还要等待 2MSL，才彻底删除这条连接。',
      who: '只有主动关闭方会进入（同时关闭时双方都会进入）。',
      entered: '在 FIN-WAIT-2 收到对方的 FIN、在 FIN-WAIT-1 收到同时确认了本端 FIN 的对方 FIN、或在 CLOSING 收到对本端 FIN 的确认时进入；无论哪种情况，对方的 FIN 都已经被确认。',
      left: '2MSL 计时器到期后进入 CLOSED。如果对方重传了 FIN，本端再回复一次 ACK，并重新开始计时。',
      note: '等待有两个目的：最后的 ACK 丢失时还能重新确认对方的 FIN；让这条连接滞留在网络中的旧报文段全部消失，再让同一个四元组被重新使用。RFC 9293 取 MSL 为 2 分钟（总共等 4 分钟），Linux 则固定等待 60 秒，调小 tcp_fin_timeout 并不能缩短它。',
    },
  },

  transitions: {
    'closed-listen': {
      label: '调用 listen()',
      event: '服务器应用程序在已绑定的端口上调用 listen()，即被动打开。',
      sent: '不发送任何报文段，服务器只是开始等待 SYN。',
    },
    'closed-syn-sent': {
      label: 'connect() / 发 SYN',
      event: '客户端应用程序调用 connect()，即主动打开。',
      sent: '发出携带客户端初始序号的 SYN（seq=x），通常带有 MSS 选项。SYN 本身占用一个序号。',
      note: '初始序号不是 0 或 1：RFC 9293 用一个时钟加上对地址和端口的带密钥哈希来生成它，既难以猜测，又让旧连接的报文段对不上新连接。',
    },
    'listen-closed': {
      label: '调用 close()',
      event: '服务器应用程序关闭了监听套接字。',
      sent: '不发送任何报文段，因为并没有要关闭的连接。',
      note: '在 Linux 上，已经完成握手、但还没被 accept() 取走的连接，会在监听套接字关闭时被 RST 掉。',
    },
    'listen-syn-received': {
      label: '收 SYN / 发 SYN+ACK',
      event: '收到客户端的 SYN（seq=x），这是三次握手的第一个报文段。',
      sent: '回复 SYN+ACK，seq=y（服务器自己的初始序号），ack=x+1：一个报文段既确认了客户端的 SYN，又带上了服务器自己的 SYN。',
      note: '此时服务器还没有进入 ESTABLISHED。SYN 洪泛攻击针对的正是这一步，三次握手本身挡不住它；真正的防御是 SYN cookies（Linux 的 tcp_syncookies），服务器不必保存状态也能应答。',
    },
    'listen-syn-sent': {
      label: 'send / 发 SYN',
      event: '按 RFC 9293 的模型，应用程序在已知对端地址的监听连接上调用 SEND，把被动打开变成主动打开。',
      sent: '发出携带本端初始序号的 SYN。',
      note: '套接字 API 没有这样的调用（监听套接字不能 connect()），所以在真实系统中见不到这条转换。',
    },
    'syn-sent-closed': {
      label: 'close、RST 或超时',
      event: '应用程序在收到应答之前调用了 close()；或者收到一个确认了 SYN 的 RST（对方端口没有进程监听）；或者 SYN 重传次数耗尽。',
      sent: '不发送任何报文段。',
      note: '在 Linux 上，收到 RST 时 connect() 返回 ECONNREFUSED；重传 tcp_syn_retries 次仍无应答时返回 ETIMEDOUT。',
    },
    'syn-sent-syn-received': {
      label: '收 SYN / 发 SYN+ACK',
      event: '本端在等待 SYN+ACK 时，收到了一个不带 ACK 的 SYN：对方恰好同时向本端发起了连接（同时打开）。',
      sent: '发出 SYN+ACK：还是自己原来的 SYN，序号不变，只是这次同时确认了对方的 SYN。',
      note: '双方都这样做，所以四个报文段（两个 SYN、两个 SYN+ACK）建立起的是同一条连接。',
    },
    'syn-sent-established': {
      label: '收 SYN+ACK / 发 ACK',
      event: '收到服务器的 SYN+ACK，seq=y，ack=x+1，确认了客户端的 SYN。',
      sent: '发出三次握手的第三个报文段：ACK，seq=x+1，ack=y+1。这个报文段已经可以携带数据。',
      note: '客户端发出这个 ACK 就进入 ESTABLISHED，服务器要等它到达才进入。如果 SYN+ACK 的确认号不是 x+1（比如它回应的是一个旧的 SYN），客户端会回复 RST。',
    },
    'syn-received-listen': {
      label: '收 RST',
      event: '这条半连接收到了 RST，典型情况是：那个 SYN 是旧连接的重复报文段，客户端拒绝了服务器的 SYN+ACK。',
      sent: '不发送任何报文段。',
      note: '只有从 LISTEN 来的连接才会退回 LISTEN；同时打开后收到 RST 则进入 CLOSED。三次握手正是靠这一步清除过期的重复 SYN。',
    },
    'syn-received-established': {
      label: '收到对 SYN 的 ACK',
      event: '第三个报文段到达：ack=y+1 的 ACK，确认了服务器的 SYN。',
      sent: '不发送任何报文段，三次握手完成。',
      note: '如果这个 ACK 丢了，服务器会重传 SYN+ACK；而客户端发出的第一个数据报文段同样带着 ack=y+1，也能完成握手，服务器并不会用 RST 回应这些数据。在 Linux 上，连接此时进入全连接队列（accept queue）；队列已满时，默认会丢弃这个 ACK。',
    },
    'syn-received-fin-wait-1': {
      label: 'close() / 发 FIN',
      event: '握手还没完成，应用程序就调用了 close()。',
      sent: '发出 FIN（带 ACK）。RFC 9293 规定只有在没有待发数据时才立即发送；否则要等进入 ESTABLISHED 之后再关闭。',
      note: '很少见：在套接字 API 中，服务器要等握手完成才能通过 accept() 拿到套接字，所以这条转换主要出现在同时打开之后。',
    },
    'established-fin-wait-1': {
      label: 'close() / 发 FIN',
      event: '应用程序先调用 close()（或用 shutdown() 关闭写方向），这一端成为主动关闭方。',
      sent: '发出 FIN，seq=u，即已发送的最后一个数据字节的下一个序号；和握手之后的所有报文段一样，ACK 标志也置位。FIN 占用一个序号。',
      note: '如果调用 close() 时接收缓冲区里还有没读完的数据，RFC 9293 建议发 RST 而不是 FIN，Linux 也是这样做的：连接被中止，而不是正常关闭。',
    },
    'established-close-wait': {
      label: '收 FIN / 发 ACK',
      event: '收到对方的 FIN（seq=u），表示对方不再发送数据，这一端成为被动关闭方。',
      sent: '回复 ACK，ack=u+1。这个 ACK 由内核发出，不用等应用程序；如果应用程序很快就调用 close()，Linux 可能稍等片刻，让它搭上本端随后发出的 FIN。',
      note: 'FIN 只关闭一个方向，这一端还可以继续发送数据。应用程序通过 read() 返回 0 得知对方发来了 FIN。',
    },
    'fin-wait-1-fin-wait-2': {
      label: '收到对 FIN 的 ACK',
      event: '对方确认了本端的 FIN：ack=u+1。',
      sent: '不发送任何报文段。',
      note: '现在只剩对方到本端的方向还开着（半关闭）：调用 shutdown(SHUT_WR) 时，对方的数据照常接收和确认，直到它的 FIN 到来；调用 close() 时已经没有人读，Linux 会用 RST 回应。',
    },
    'fin-wait-1-closing': {
      label: '收 FIN / 发 ACK',
      event: '收到对方的 FIN，但它没有确认本端的 FIN：双方几乎同时关闭（同时关闭）。',
      sent: '回复对对方 FIN 的确认，确认号是这个 FIN 的序号加 1。',
      note: '对方也会这样做，双方的 ACK 各自完成对方的关闭，最后双方都进入 TIME-WAIT。',
    },
    'fin-wait-1-time-wait': {
      label: '收 FIN+ACK / 发 ACK',
      event: '对方的一个报文段同时带着对本端 FIN 的确认（ack=u+1）和对方自己的 FIN（seq=w）。',
      sent: '回复 ACK，seq=u+1，ack=w+1，并启动 2MSL 计时器。',
      note: '当对方应用程序立刻关闭时，它的 ACK 和 FIN 会合并在一个报文段里：四次挥手只需要三个报文段，主动关闭方也跳过了 FIN-WAIT-2。',
    },
    'fin-wait-2-time-wait': {
      label: '收 FIN / 发 ACK',
      event: '对方应用程序也关闭了，它的 FIN（seq=w，ack=u+1）到达。',
      sent: '发出四次挥手的最后一个 ACK：seq=u+1，ack=w+1，并启动 2MSL 计时器。',
      note: '这个 ACK 不会再被任何人确认。如果它丢了，对方会重传 FIN，而 TIME-WAIT 还在，可以再回应一次。',
    },
    'closing-time-wait': {
      label: '收到对 FIN 的 ACK',
      event: '同时关闭过程中，收到了对方对本端 FIN 的确认。',
      sent: '不发送任何报文段，启动 2MSL 计时器。',
    },
    'time-wait-closed': {
      label: '2MSL 超时',
      event: 'TIME-WAIT 的 2MSL 计时器到期：按 RFC 9293 的 MSL（2 分钟）算是 4 分钟，Linux 则固定为 60 秒。',
      sent: '不发送任何报文段，连接的记录被删除。',
      note: '网上“打开 tcp_tw_recycle 加快回收”的建议已经过时：它会让 NAT 后面的客户端连不上，已在 Linux 4.12 中被移除。安全的做法是 SO_REUSEADDR（重启监听服务器）和 tcp_tw_reuse（用于主动发起的连接，需要时间戳选项）。',
    },
    'close-wait-last-ack': {
      label: 'close() / 发 FIN',
      event: '被动关闭方的应用程序读到文件末尾后，调用 close()。',
      sent: '发出 FIN，seq=w，ack=u+1。这个 FIN 占用一个序号。',
      note: 'CLOSE-WAIT 持续多久完全取决于应用程序：只有调用了 close()，内核才会发出这个 FIN。',
    },
    'last-ack-closed': {
      label: '收到对 FIN 的 ACK',
      event: '收到主动关闭方的最后一个 ACK：ack=w+1。',
      sent: '不发送任何报文段，这一端的连接就此结束。',
      note: '被动关闭方之后不用等待：只有先关闭的一方才需要经历 TIME-WAIT。',
    },
    'synchronized-closed-reset': {
      label: '收 RST 或中止',
      event: '收到一个有效的 RST、应用程序中止连接（比如设置 SO_LINGER 为 0 后调用 close()），或对方不再应答导致重传次数耗尽。图中从 ESTABLISHED 画起，其他同步状态也是一样。',
      sent: '收到 RST 或超时时不发送任何报文段。在 ESTABLISHED、FIN-WAIT-1、FIN-WAIT-2 或 CLOSE-WAIT 状态中止时，会发出 RST，让对方也丢弃这条连接。',
      note: '按 RFC 5961 的检查（RFC 9293 把它列为可选的缓解措施，Linux 实现了它），RST 的序号必须正好等于期望收到的下一个序号才会断开连接；只是落在窗口内的 RST 只会引来一个“挑战 ACK”，以此防御盲注入的 RST 攻击。Linux 重传 tcp_retries2 次（默认 15，约 15 分钟）后放弃。',
    },
    'syn-received-closed': {
      label: 'RST、终止或超时',
      event: '同时打开产生的连接收到 RST、应用程序中止，或 SYN+ACK 重传多次仍收不到 ACK。',
      sent: '收到 RST 或超时时不发送任何报文段；中止时发出 RST。',
      note: 'Linux 重传 SYN+ACK tcp_synack_retries 次（默认 5 次，总共约 63 秒）后丢弃这个半连接，监听套接字本身仍留在 LISTEN。',
    },
    'fin-wait-2-closed': {
      label: '超时（Linux）',
      event: '仅限 Linux：应用程序已经关闭的“孤儿”套接字在 FIN-WAIT-2 等了 tcp_fin_timeout（默认 60 秒）仍没收到对方的 FIN。',
      sent: '不发送任何报文段，内核悄悄丢弃这条连接。之后如果对方的 FIN 才到，会收到 RST。',
      note: 'RFC 9293 没有这条转换：只要对方不关闭，FIN-WAIT-2 可以一直持续。tcp_fin_timeout 只限制这种孤儿连接，并不能缩短 TIME-WAIT。',
    },
    'two-way-listen-established': {
      label: '两次握手：收 SYN',
      event: '假设（不是真正的 TCP）：服务器一回复 SYN 就认为连接已进入 ESTABLISHED，不再等第三个报文段。',
      sent: '照常发出 SYN+ACK，但没有任何报文段能证明客户端收到了它。',
      note: '这样会破坏协议：一个滞留在网络中的旧 SYN 到达时，服务器会为客户端根本没请求的连接分配资源；服务器的初始序号 y 也永远得不到确认。三次握手时，客户端会用 RST 拒绝过期的 SYN+ACK。',
    },
    'no-time-wait-fin-wait-1-closed': {
      label: '收 FIN / 回 ACK，不等待',
      event: '假设（不是真正的 TCP）：主动关闭方收到同时确认了自己 FIN 的对方 FIN，发出最后的 ACK 后立刻删除连接。',
      sent: '发出最后的 ACK（ack=w+1），但它再也没有机会重发。',
      note: '如果这个 ACK 丢了，对方重传 FIN 时找不到连接，只会收到 RST，于是对方报错，而不是正常关闭。迟到的旧报文段还可能混进使用同一个四元组的新连接。',
    },
    'no-time-wait-fin-wait-2-closed': {
      label: '收 FIN / 回 ACK，不等待',
      event: '假设（不是真正的 TCP）：主动关闭方在 FIN-WAIT-2 收到对方的 FIN，确认后直接进入 CLOSED，跳过 TIME-WAIT。',
      sent: '发出最后的 ACK（seq=u+1，ack=w+1），之后没人能再重发它。',
      note: '最后的 ACK 一旦丢失，对方重传的 FIN 只会换来 RST，对方因此报错；这条连接滞留的报文段也可能被下一条使用相同地址和端口的连接误收。',
    },
    'no-time-wait-closing-closed': {
      label: '收 ACK，跳过 TIME-WAIT',
      event: '假设（不是真正的 TCP）：同时关闭时，收到对本端 FIN 的确认后直接进入 CLOSED。',
      sent: '不发送任何报文段。',
      note: '本端对对方 FIN 的确认仍可能丢失；没有 TIME-WAIT，对方重传的 FIN 就会遇到 RST，这条连接迟到的报文段也可能被当成同一四元组上新连接的数据。',
    },
  },

  roles: {
    'active-opener': '主动打开方',
    'passive-opener': '被动打开方',
    'active-closer': '主动关闭方',
    'passive-closer': '被动关闭方',
  },
};

export const DIAGRAM_TEXT: Readonly<Record<Locale, DiagramText>> = { en, 'zh-cn': zhCn };
