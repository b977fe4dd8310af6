/**
 * The sockets calls of one host, beside RFC 9293's five buttons: a compact "More…" group
 * (a native <details>, so it opens with Enter or Space and keeps the side panel narrow) with
 * a connection picker, listen and connect with their ports, and the less common calls
 * (shutdown, close with SO_LINGER 0, read, accept, keepalive, crash, reboot, kill). It only
 * sends intents; the host's simulator decides whether a call is legal and reports its error.
 */
import type { HostSocketsView, SandboxIntent } from '../src/shared/protocol';
import type { AnyCall, EndpointId } from '../src/shared/vocabulary';
import type { UiStrings } from '../src/shared/strings';
import { format, h } from './dom';

export interface SocketCallsView {
  readonly element: HTMLElement;
  update(host: HostSocketsView): void;
  /** The socket the picker names (none: the host's most recent connection), for send, close and abort too. */
  picked(): { readonly conn?: number | 'listen' };
}

type CallIntent = Extract<SandboxIntent, { type: 'sandbox/call' }>;

/** Linux's keepalive defaults (tcp_keepalive_time, tcp_keepalive_intvl, tcp_keepalive_probes). */
export const LINUX_KEEPALIVE = { idle: 7200, interval: 75, count: 9 } as const;

export function renderSocketCalls(strings: UiStrings, idPrefix: string, endpoint: EndpointId, post: (intent: SandboxIntent) => void): SocketCallsView {
  const id = (name: string): string => `${idPrefix}-${endpoint}-sk-${name}`;
  const label = (forId: string, text: string): HTMLElement => h('label', { for: forId }, text);
  function numberField(name: string, text: string, value: string, min: number, max: number, placeholder = ''): HTMLInputElement {
    const input = h('input', { id: id(name), type: 'number', min: String(min), max: String(max), value, inputmode: 'numeric', class: 'skc-num' });
    if (placeholder) input.placeholder = placeholder;
    input.dataset.label = text;
    return input;
  }
  /** A whole number from the field, or undefined when it is empty or out of range (the host's default applies). */
  function whole(input: HTMLInputElement, min: number, max: number): number | undefined {
    if (input.value.trim() === '') return undefined;
    const n = Number(input.value);
    return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  }
  function field(input: HTMLInputElement): HTMLElement {
    return h('span', { class: 'skc-field' }, label(input.id, input.dataset.label ?? ''), input);
  }
  function checkbox(name: string): HTMLInputElement {
    return h('input', { id: id(name), type: 'checkbox' });
  }
  function check(input: HTMLInputElement, text: string): HTMLElement {
    return h('span', { class: 'skc-field skc-check' }, input, label(input.id, text));
  }
  function button(name: string, text: string, hint: string, intent: () => CallIntent): HTMLButtonElement {
    const b = h('button', { type: 'button', id: id(name), class: 'skc-call', 'data-call': name, title: hint }, text);
    b.addEventListener('click', () => post(intent()));
    return b;
  }

  // Which socket a call acts on: the host's most recent connection by default.
  const picker = h('select', { id: id('conn') });
  const pickerField = h('span', { class: 'skc-field skc-conn' }, label(picker.id, strings.sockCallConn), picker);
  const picked = (): { conn?: number | 'listen' } => {
    const v = picker.value;
    if (v === 'listen') return { conn: 'listen' };
    const n = Number(v);
    return v !== '' && Number.isInteger(n) && n >= 1 ? { conn: n } : {};
  };
  const base = (call: AnyCall): CallIntent => ({ type: 'sandbox/call', endpoint, call });

  const listenPort = numberField('listen-port', strings.sockCallListenPort, '80', 1, 65535);
  const backlog = numberField('backlog', strings.sockCallBacklog, '128', 0, 65535);
  const listenReuse = checkbox('listen-reuse');
  const listen = button('listen', strings.sockCallListen, strings.sockCallListenHint, () => ({
    ...base('listen'),
    port: whole(listenPort, 1, 65535) ?? 80,
    backlog: whole(backlog, 0, 65535) ?? 128,
    reuseAddr: listenReuse.checked,
  }));

  const localPort = numberField('local-port', strings.sockCallLocalPort, '', 1, 65535, strings.sockCallEphemeral);
  const toPort = numberField('to-port', strings.sockCallToPort, '80', 1, 65535);
  const connectReuse = checkbox('connect-reuse');
  const connect = button('connect', strings.sockCallConnect, strings.sockCallConnectHint, () => {
    const port = whole(localPort, 1, 65535);
    return { ...base('connect'), ...(port !== undefined ? { port } : {}), to: whole(toPort, 1, 65535) ?? 80, reuseAddr: connectReuse.checked };
  });

  const calls = h(
    'div',
    { class: 'skc-calls', role: 'group', 'aria-label': strings.sockCallOthers },
    button('shutdown', strings.sockCallShutdown, strings.sockCallShutdownHint, () => ({ ...base('shutdown'), ...picked() })),
    button('close-linger', strings.sockCallCloseLinger, strings.sockCallCloseLingerHint, () => ({ ...base('close'), ...picked(), linger: 0 })),
    button('read', strings.sockCallRead, strings.sockCallReadHint, () => ({ ...base('read'), ...picked() })),
    button('accept', strings.sockCallAccept, strings.sockCallAcceptHint, () => base('accept')),
    button('keepalive', strings.sockCallKeepalive, format(strings.sockCallKeepaliveHint, LINUX_KEEPALIVE), () => ({ ...base('keepalive'), ...picked(), ...LINUX_KEEPALIVE })),
    button('crash', strings.sockCallCrash, strings.sockCallCrashHint, () => base('crash')),
    button('reboot', strings.sockCallReboot, strings.sockCallRebootHint, () => base('reboot')),
    button('kill', strings.sockCallKill, strings.sockCallKillHint, () => base('kill')),
  );

  const element = h(
    'details',
    { class: 'sock-calls', id: id('more') },
    h('summary', { id: id('summary') }, format(strings.sockCallMore, { endpoint })),
    h(
      'div',
      { class: 'skc-body' },
      pickerField,
      h('fieldset', { class: 'skc-set' }, h('legend', {}, strings.sockCallListenLegend), field(listenPort), field(backlog), check(listenReuse, strings.sockCallReuseAddr), listen),
      h('fieldset', { class: 'skc-set' }, h('legend', {}, strings.sockCallConnectLegend), field(localPort), field(toPort), check(connectReuse, strings.sockCallReuseAddr), connect),
      calls,
    ),
  );

  return {
    element,
    picked,
    update(host) {
      const before = picker.value;
      const options: HTMLOptionElement[] = [h('option', { value: '' }, strings.sockCallConnLatest)];
      for (const l of host.listeners) if (l.state === 'LISTEN') options.push(h('option', { value: 'listen' }, format(strings.sockCallConnListener, { port: l.port })));
      for (const c of host.connections) options.push(h('option', { value: String(c.conn) }, format(strings.sockCallConnOne, { conn: c.conn, local: c.local, remote: c.remote, state: c.state })));
      picker.replaceChildren(...options);
      picker.value = options.some((o) => o.value === before) ? before : '';
      // A choice only matters when the host has more than one socket to act on.
      pickerField.hidden = !(host.connections.length > 1 || host.listeners.some((l) => l.state === 'LISTEN'));
    },
  };
}
