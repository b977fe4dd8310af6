/**
 * The sockets panel of the sandbox: for each host, its listening sockets with their SYN
 * queue and accept queue, and its connections with their ports and states. It renders
 * what the host sends (HostSocketsView) and decides nothing.
 */
import type { HostSocketsView, SocketConnectionView, SocketListenerView } from '../src/shared/protocol';
import type { UiStrings } from '../src/shared/strings';
import { format, h } from './dom';

export interface SocketsView {
  readonly element: HTMLElement;
  update(sockets: { readonly A: HostSocketsView; readonly B: HostSocketsView }): void;
}

export function renderSockets(strings: UiStrings, idPrefix: string): SocketsView {
  const columns = { A: h('div', { class: 'sk-host', id: `${idPrefix}-sockets-A` }), B: h('div', { class: 'sk-host', id: `${idPrefix}-sockets-B` }) };
  const element = h(
    'section',
    { class: 'sockets', 'aria-labelledby': `${idPrefix}-sockets-title` },
    h('h3', { id: `${idPrefix}-sockets-title` }, strings.socketsTitle),
    h('div', { class: 'sk-grid' }, columns.A, columns.B),
  );

  function queue(label: string, conns: readonly number[], cls: string): HTMLElement {
    const items = conns.length === 0 ? [h('span', { class: 'sk-empty' }, strings.socketsQueueEmpty)] : conns.map((n) => h('span', { class: 'sk-slot' }, String(n)));
    return h('div', { class: `sk-queue ${cls}`, 'aria-label': `${label}: ${conns.length === 0 ? strings.socketsQueueEmpty : conns.join(', ')}` }, h('span', { class: 'sk-qlabel' }, `${label} (${conns.length})`), ...items);
  }

  function listener(l: SocketListenerView): HTMLElement {
    if (l.state === 'CLOSED') return h('li', { class: 'sk-listener closed' }, format(strings.socketsListenerClosed, { port: l.port }));
    return h(
      'li',
      { class: 'sk-listener' },
      h('div', {}, format(strings.socketsListener, { port: l.port, backlog: l.backlog })),
      queue(strings.socketsSynQueue, l.synQueue, 'syn'),
      queue(strings.socketsAcceptQueue, l.acceptQueue, 'accept'),
    );
  }

  function connection(c: SocketConnectionView): HTMLElement {
    const notes: string[] = [];
    if (c.unread > 0 || c.window === 0) notes.push(format(strings.socketsUnread, { bytes: c.unread, window: c.window }));
    if (c.orphan) notes.push(strings.socketsOrphan);
    if (c.error) notes.push(c.error);
    return h(
      'li',
      { class: `sk-conn state-${c.state.toLowerCase()}` },
      format(strings.socketsConn, { conn: c.conn, local: c.local, remote: c.remote }),
      ' ',
      h('strong', {}, c.state),
      notes.length > 0 ? h('span', { class: 'sk-note' }, ` · ${notes.join(' · ')}`) : null,
    );
  }

  return {
    element,
    update(sockets) {
      for (const id of ['A', 'B'] as const) {
        const v = sockets[id];
        const head = h('h4', {}, format(strings.socketsHost, { endpoint: id }));
        let body: HTMLElement;
        if (v.down) body = h('p', { class: 'sk-down' }, strings.socketsDown);
        else if (v.listeners.length === 0 && v.connections.length === 0) body = h('p', { class: 'sk-empty' }, strings.socketsNone);
        else body = h('ul', {}, ...v.listeners.map(listener), ...v.connections.map(connection));
        columns[id].replaceChildren(head, body);
      }
    },
  };
}
