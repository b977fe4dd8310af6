/**
 * The lab's stories. Each is told twice from one definition: to the simulator as steps of a
 * sockets-model scenario, and to the Linux kernel as actions on real sockets on 127.0.0.1.
 * docs/lab.md explains how each one is made to happen on the kernel.
 *
 * Every step ends with a `flush` in the simulator (everything in flight is delivered), because
 * on loopback the kernel delivers a segment within the call that sent it: the lab compares
 * states once things are quiet, never in the middle of a flight.
 */
import type { LabStory } from './types';

const FLUSH = { flush: true } as const;

/**
 * More than one receive buffer of the simulator's (`rcvBuf` 65535) but less than two: the
 * sender fills the peer's window and keeps the rest queued, so its FIN waits behind data.
 */
const FILL_BYTES = 100_000;

/**
 * "The application reads everything that arrives": the kernel side reads without stopping,
 * the simulator reads what is there, lets the freed window pull in the rest, and reads again.
 */
function readAll(host: 'A' | 'B'): Readonly<Record<string, unknown>>[] {
  return [{ [host]: 'read' }, FLUSH, { [host]: 'read' }, FLUSH];
}

const listenB = { id: 'listen', action: 'B: listen()', sim: [{ B: 'listen' }], kernel: { do: 'listen', host: 'B' }, expect: { A: 'CLOSED', B: 'LISTEN' } } as const;
const connectA = { id: 'connect', action: 'A: connect()', sim: [{ A: 'connect' }, FLUSH], kernel: { do: 'connect', host: 'A' }, expect: { A: 'ESTABLISHED', B: 'ESTABLISHED' } } as const;

export const LAB_STORIES: readonly LabStory[] = [
  {
    name: 'normal-close',
    title: 'Open and close: TIME-WAIT on the side that closes first',
    fields: {},
    steps: [
      listenB,
      connectA,
      { id: 'close-a', action: 'A: close()', sim: [{ A: 'close' }, FLUSH], kernel: { do: 'close', host: 'A' }, expect: { A: 'FIN-WAIT-2', B: 'CLOSE-WAIT' } },
      { id: 'close-b', action: 'B: close()', sim: [{ B: 'close' }, FLUSH], kernel: { do: 'close', host: 'B' }, expect: { A: 'TIME-WAIT', B: 'CLOSED' } },
    ],
  },
  {
    name: 'half-close',
    title: 'shutdown(SHUT_WR): a half-close while data still flows the other way',
    fields: {},
    steps: [
      listenB,
      connectA,
      { id: 'shutdown-a', action: 'A: shutdown(SHUT_WR)', sim: [{ A: 'shutdown' }, FLUSH], kernel: { do: 'shutdown', host: 'A' }, expect: { A: 'FIN-WAIT-2', B: 'CLOSE-WAIT' } },
      { id: 'send-b', action: 'B: send(1000)', sim: [{ B: 'send', bytes: 1000 }, FLUSH], kernel: { do: 'send', host: 'B', bytes: 1000 }, expect: { A: 'FIN-WAIT-2', B: 'CLOSE-WAIT' } },
      { id: 'close-b', action: 'B: close()', sim: [{ B: 'close' }, FLUSH], kernel: { do: 'close', host: 'B' }, expect: { A: 'TIME-WAIT', B: 'CLOSED' } },
    ],
  },
  {
    name: 'close-wait',
    title: 'CLOSE-WAIT: a server that never calls close()',
    fields: {},
    steps: [
      listenB,
      connectA,
      { id: 'close-a', action: 'A: close()', sim: [{ A: 'close' }, FLUSH], kernel: { do: 'close', host: 'A' }, expect: { A: 'FIN-WAIT-2', B: 'CLOSE-WAIT' } },
      {
        id: 'send-b',
        action: 'B: send(100)',
        sim: [{ B: 'send', bytes: 100 }, FLUSH],
        kernel: { do: 'send', host: 'B', bytes: 100 },
        expect: { A: 'CLOSED', B: 'CLOSED', errors: { B: 'reset' } },
      },
    ],
  },
  {
    name: 'simultaneous-close',
    title: 'Simultaneous close: both sides close before either sees the other FIN, both end in TIME-WAIT',
    fields: { autoRead: false },
    steps: [
      listenB,
      connectA,
      { id: 'fill-a', action: `A: send() until B's window is 0`, sim: [{ A: 'send', bytes: FILL_BYTES }, FLUSH], kernel: { do: 'fill', host: 'A' }, expect: { A: 'ESTABLISHED', B: 'ESTABLISHED' } },
      { id: 'fill-b', action: `B: send() until A's window is 0`, sim: [{ B: 'send', bytes: FILL_BYTES }, FLUSH], kernel: { do: 'fill', host: 'B' }, expect: { A: 'ESTABLISHED', B: 'ESTABLISHED' } },
      { id: 'shutdown-a', action: 'A: shutdown(SHUT_WR)', sim: [{ A: 'shutdown' }, FLUSH], kernel: { do: 'shutdown', host: 'A' }, expect: { A: 'FIN-WAIT-1', B: 'ESTABLISHED' } },
      { id: 'shutdown-b', action: 'B: shutdown(SHUT_WR)', sim: [{ B: 'shutdown' }, FLUSH], kernel: { do: 'shutdown', host: 'B' }, expect: { A: 'FIN-WAIT-1', B: 'FIN-WAIT-1' } },
      { id: 'read-a', action: 'A: read()', sim: readAll('A'), kernel: { do: 'read', host: 'A' }, expect: { A: 'CLOSING', B: 'FIN-WAIT-2' } },
      { id: 'read-b', action: 'B: read()', sim: readAll('B'), kernel: { do: 'read', host: 'B' }, expect: { A: 'TIME-WAIT', B: 'TIME-WAIT' } },
    ],
  },
  {
    name: 'fin-wait-1-zero-window',
    title: 'FIN-WAIT-1 held by a peer that stops reading (zero window)',
    fields: { autoRead: { A: true, B: false } },
    steps: [
      listenB,
      connectA,
      { id: 'fill-a', action: `A: send() until B's window is 0`, sim: [{ A: 'send', bytes: FILL_BYTES }, FLUSH], kernel: { do: 'fill', host: 'A' }, expect: { A: 'ESTABLISHED', B: 'ESTABLISHED' } },
      { id: 'close-a', action: 'A: close()', sim: [{ A: 'close' }, FLUSH], kernel: { do: 'close', host: 'A' }, expect: { A: 'FIN-WAIT-1', B: 'ESTABLISHED' } },
      { id: 'read-b', action: 'B: read()', sim: readAll('B'), kernel: { do: 'read', host: 'B' }, expect: { A: 'FIN-WAIT-2', B: 'CLOSE-WAIT' } },
      { id: 'close-b', action: 'B: close()', sim: [{ B: 'close' }, FLUSH], kernel: { do: 'close', host: 'B' }, expect: { A: 'TIME-WAIT', B: 'CLOSED' } },
    ],
  },
  {
    name: 'last-ack-zero-window',
    title: 'LAST-ACK held by a peer that stops reading (zero window)',
    fields: { autoRead: { A: false, B: true } },
    steps: [
      listenB,
      connectA,
      { id: 'shutdown-a', action: 'A: shutdown(SHUT_WR)', sim: [{ A: 'shutdown' }, FLUSH], kernel: { do: 'shutdown', host: 'A' }, expect: { A: 'FIN-WAIT-2', B: 'CLOSE-WAIT' } },
      { id: 'fill-b', action: `B: send() until A's window is 0`, sim: [{ B: 'send', bytes: FILL_BYTES }, FLUSH], kernel: { do: 'fill', host: 'B' }, expect: { A: 'FIN-WAIT-2', B: 'CLOSE-WAIT' } },
      { id: 'close-b', action: 'B: close()', sim: [{ B: 'close' }, FLUSH], kernel: { do: 'close', host: 'B' }, expect: { A: 'FIN-WAIT-2', B: 'LAST-ACK' } },
      { id: 'read-a', action: 'A: read()', sim: readAll('A'), kernel: { do: 'read', host: 'A' }, expect: { A: 'TIME-WAIT', B: 'CLOSED' } },
    ],
  },
  {
    name: 'syn-sent-stuck-listener',
    title: 'SYN-SENT held by a listener whose process stopped calling accept()',
    fields: { autoAccept: { A: true, B: false } },
    steps: [
      {
        id: 'listen',
        action: 'B: listen(backlog=1), then stops calling accept()',
        sim: [{ B: 'listen', backlog: 1 }],
        kernel: { do: 'listen', host: 'B', backlog: 1, stuck: true },
        expect: { A: 'CLOSED', B: 'LISTEN' },
      },
      { id: 'connect-1', action: 'A: connect() #1', sim: [{ A: 'connect' }, FLUSH], kernel: { do: 'connect', host: 'A' }, expect: { A: 'ESTABLISHED', B: 'ESTABLISHED' } },
      { id: 'connect-2', action: 'A: connect() #2', sim: [{ A: 'connect' }, FLUSH], kernel: { do: 'connect', host: 'A' }, expect: { A: 'ESTABLISHED', B: 'ESTABLISHED' } },
      { id: 'connect-3', action: 'A: connect() #3', sim: [{ A: 'connect' }, FLUSH], kernel: { do: 'connect', host: 'A' }, expect: { A: 'SYN-SENT', B: 'ESTABLISHED' } },
      {
        id: 'accept',
        action: 'B: accept() again',
        sim: [{ B: 'accept' }, { advance: 1 }, FLUSH],
        kernel: { do: 'accept', host: 'B' },
        expect: { A: 'ESTABLISHED', B: 'ESTABLISHED' },
        // The SYN is retransmitted 1 s after the last one (Linux 6.5+, tcp_syn_linear_timeouts).
        waitMs: 6000,
      },
    ],
  },
  {
    name: 'connection-refused',
    title: 'Connection refused: a SYN to a port nobody listens on gets RST',
    fields: {},
    steps: [
      listenB,
      { id: 'close-listener', action: 'B: close() the listener', sim: [{ B: 'close' }], kernel: { do: 'close-listener', host: 'B' }, expect: { A: 'CLOSED', B: 'CLOSED' } },
      {
        id: 'connect',
        action: 'A: connect() to the closed port',
        sim: [{ A: 'connect' }, FLUSH],
        kernel: { do: 'connect', host: 'A' },
        expect: { A: 'CLOSED', B: 'CLOSED', errors: { A: 'refused' } },
      },
    ],
  },
  {
    name: 'linger-zero-abort',
    title: 'SO_LINGER 0: close() sends RST, no FIN and no TIME-WAIT',
    fields: {},
    steps: [
      listenB,
      connectA,
      {
        id: 'abort-a',
        action: 'A: close() with SO_LINGER {on, 0}',
        sim: [{ A: 'close', linger: 0 }, FLUSH],
        kernel: { do: 'abort', host: 'A' },
        expect: { A: 'CLOSED', B: 'CLOSED', errors: { B: 'reset' } },
      },
    ],
  },
  {
    name: 'close-unread-rst',
    title: 'close() with unread data sends RST',
    fields: { autoRead: { A: true, B: false } },
    steps: [
      listenB,
      connectA,
      { id: 'send-a', action: 'A: send(1000); B does not read', sim: [{ A: 'send', bytes: 1000 }, FLUSH], kernel: { do: 'send', host: 'A', bytes: 1000 }, expect: { A: 'ESTABLISHED', B: 'ESTABLISHED' } },
      {
        id: 'close-b',
        action: 'B: close() with 1000 octets unread',
        sim: [{ B: 'close' }, FLUSH],
        kernel: { do: 'close', host: 'B' },
        expect: { A: 'CLOSED', B: 'CLOSED', errors: { A: 'reset' } },
      },
    ],
  },
  {
    name: 'restart-reuseaddr',
    title: 'Server restart over its own TIME-WAIT, with SO_REUSEADDR: listen() succeeds',
    fields: {},
    steps: [
      { id: 'listen', action: 'B: listen(port 80, SO_REUSEADDR)', sim: [{ B: 'listen', port: 80, reuseAddr: true }], kernel: { do: 'listen', host: 'B' }, expect: { A: 'CLOSED', B: 'LISTEN' } },
      connectA,
      { id: 'close-b', action: 'B: close() first', sim: [{ B: 'close' }, FLUSH], kernel: { do: 'close', host: 'B' }, expect: { A: 'CLOSE-WAIT', B: 'FIN-WAIT-2' } },
      { id: 'close-a', action: 'A: close()', sim: [{ A: 'close' }, FLUSH], kernel: { do: 'close', host: 'A' }, expect: { A: 'CLOSED', B: 'TIME-WAIT' } },
      { id: 'stop', action: 'B: close() the listener (the server stops)', sim: [{ B: 'close', conn: 'listen' }], kernel: { do: 'close-listener', host: 'B' }, expect: { A: 'CLOSED', B: 'TIME-WAIT' } },
      {
        id: 'restart',
        action: 'B: listen(port 80, SO_REUSEADDR) again',
        sim: [{ B: 'listen', port: 80, reuseAddr: true }],
        kernel: { do: 'listen', host: 'B', port: 'same' },
        expect: { A: 'CLOSED', B: 'TIME-WAIT' },
      },
      { id: 'connect-again', action: 'A: connect() to the new listener', sim: [{ A: 'connect' }, FLUSH], kernel: { do: 'connect', host: 'A' }, expect: { A: 'ESTABLISHED', B: 'ESTABLISHED' } },
    ],
  },
  {
    name: 'restart-no-reuseaddr',
    title: 'listen() on a port held by TIME-WAIT without SO_REUSEADDR: EADDRINUSE',
    fields: {},
    steps: [
      { id: 'listen-a', action: 'A: listen(port 80)', sim: [{ A: 'listen', port: 80 }], kernel: { do: 'listen', host: 'A' }, expect: { A: 'LISTEN', B: 'CLOSED' } },
      {
        id: 'connect-b',
        action: 'B: connect() from port 5000, no SO_REUSEADDR',
        sim: [{ B: 'connect', port: 5000, to: 80 }, FLUSH],
        kernel: { do: 'connect', host: 'B' },
        expect: { A: 'ESTABLISHED', B: 'ESTABLISHED' },
      },
      { id: 'close-b', action: 'B: close() first', sim: [{ B: 'close' }, FLUSH], kernel: { do: 'close', host: 'B' }, expect: { A: 'CLOSE-WAIT', B: 'FIN-WAIT-2' } },
      { id: 'close-a', action: 'A: close()', sim: [{ A: 'close' }, FLUSH], kernel: { do: 'close', host: 'A' }, expect: { A: 'CLOSED', B: 'TIME-WAIT' } },
      {
        id: 'listen-b',
        action: 'B: listen(port 5000, SO_REUSEADDR)',
        sim: [{ B: 'listen', port: 5000, reuseAddr: true }],
        kernel: { do: 'listen', host: 'B', port: { conn: 1 } },
        expect: { A: 'CLOSED', B: 'TIME-WAIT', errors: { call: 'address-in-use' } },
      },
    ],
  },
];

export function findStory(name: string): LabStory | undefined {
  return LAB_STORIES.find((s) => s.name === name);
}

/**
 * Lesson stories (scenario steps of the course) that have a twin in the lab: the same story,
 * played on this machine's kernel. `step` is the step's index in its lesson (the webview
 * knows lessons by id and index); a unit test checks it against the course content.
 */
export interface LessonLabTwin {
  readonly lesson: string;
  readonly step: number;
  readonly stepId: string;
  readonly story: string;
}

export const LESSON_LAB_TWINS: readonly LessonLabTwin[] = [
  { lesson: 'states', step: 1, stepId: 'states-s2', story: 'normal-close' },
  { lesson: 'close', step: 0, stepId: 'close-s1', story: 'half-close' },
  { lesson: 'why-four', step: 1, stepId: 'why-four-s2', story: 'half-close' },
  { lesson: 'simultaneous', step: 3, stepId: 'simultaneous-s4', story: 'simultaneous-close' },
  { lesson: 'close-wait', step: 1, stepId: 'close-wait-s2', story: 'close-wait' },
  { lesson: 'tuning', step: 1, stepId: 'tuning-s2', story: 'restart-reuseaddr' },
  { lesson: 'close-shutdown', step: 1, stepId: 'close-shutdown-s2', story: 'half-close' },
  // The lesson's roles are swapped (A holds B's unread bytes); the story is the same: close()
  // with unread data sends RST, not FIN, and the peer is reset.
  { lesson: 'close-shutdown', step: 7, stepId: 'close-shutdown-s3a', story: 'close-unread-rst' },
  { lesson: 'close-shutdown', step: 13, stepId: 'close-shutdown-s5', story: 'linger-zero-abort' },
  { lesson: 'listen-queues', step: 14, stepId: 'listen-queues-s4b', story: 'syn-sent-stuck-listener' },
  { lesson: 'server-time-wait', step: 7, stepId: 'server-tw-s3', story: 'restart-reuseaddr' },
];

/**
 * Known differences between the simulator in use and Linux, by story and step, each with the
 * reason the lab gives for it. A difference is shown only when it occurs; a unit test checks
 * that each listed one still occurs (so the list is cleaned up when the model is fixed).
 */
export type KnownDifferenceId = 'window-update-in-closing-or-last-ack';

export const KNOWN_DIFFERENCES: readonly { readonly story: string; readonly step: string; readonly id: KnownDifferenceId }[] = [
  // None today. The simulator's CLOSING and LAST-ACK used to take a window update without
  // sending what it allowed (Linux's tcp_ack() sends in every state through
  // tcp_data_snd_check); that differed on simultaneous-close/read-b and
  // last-ack-zero-window/read-a until the model was fixed.
];
