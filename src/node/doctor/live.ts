/**
 * Reads the TCP sockets of the machine this code runs on, without blocking the event loop
 * for long: Linux reads /proc/net/tcp and /proc/net/tcp6 directly (no child process) and
 * parses them a slice at a time; macOS runs `netstat -an -p tcp` and Windows `netstat -ano`
 * (execFile with argument arrays, never a shell). Used by the extension host and the CLI,
 * which may not import src/host, so it lives here: Node-only code that reads the machine,
 * with no `vscode` import.
 *
 * Owners on Linux: /proc/net/tcp names a socket's inode, not its process. Finding the owner
 * means reading the /proc/<pid>/fd links of every process, which is cheap only when they
 * are few, so it is bounded (MAX_FD_LINKS links) and optional; sockets not found keep a
 * null pid. Only processes this user may inspect are seen (all of them as root).
 */
import { execFile } from 'node:child_process';
import { readFile, readdir, readlink } from 'node:fs/promises';
import { endianness } from 'node:os';
import type { ParsedConnections } from '../../core/doctor/types';
import { DEFAULT_PORT_RANGE } from '../../core/doctor/types';
import { ConnectionParser } from '../../core/doctor/parse';
import type { SysctlName } from '../../i18n/doctor';
import { SYSCTL_NAMES } from '../../i18n/doctor';

export interface LiveOptions {
  readonly platform?: NodeJS.Platform;
  /** Linux: the files to read (tests and the benchmark point these at generated tables). */
  readonly procFiles?: readonly string[];
  /** Linux: find the owning process of each socket (bounded). */
  readonly owners?: boolean;
  /** Lines parsed between yields to the event loop. */
  readonly sliceLines?: number;
}

export interface SysctlValue {
  readonly name: SysctlName;
  readonly value: string | null;
}

export type LiveResult =
  | {
      readonly ok: true;
      readonly parsed: ParsedConnections;
      readonly portRange: readonly [number, number];
      /** Linux only: the settings the findings talk about, as this kernel has them. */
      readonly sysctls: readonly SysctlValue[] | null;
      /** Owners were looked up and the bound cut the search short. */
      readonly ownersPartial: boolean;
    }
  | { readonly ok: false; readonly message: string };

export const PROC_FILES = ['/proc/net/tcp', '/proc/net/tcp6'];
/** At most this many /proc/<pid>/fd links are read per refresh. */
export const MAX_FD_LINKS = 20_000;
const DEFAULT_SLICE = 4000;

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Feeds a buffer to the parser a slice of lines at a time, yielding between slices. */
async function feed(parser: ConnectionParser, data: Buffer, sliceLines: number): Promise<void> {
  // About 150 bytes a row in /proc: a slice of lines is a slice of bytes cut at a newline.
  const step = sliceLines * 160;
  let start = 0;
  while (start < data.length) {
    let end = Math.min(data.length, start + step);
    if (end < data.length) {
      const nl = data.indexOf(10, end);
      end = nl < 0 ? data.length : nl + 1;
    }
    parser.push(data.toString('latin1', start, end));
    start = end;
    if (start < data.length) await nextTick();
  }
}

function run(command: string, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024, windowsHide: true, timeout: 30_000 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout);
    });
  });
}

async function readText(path: string): Promise<string | null> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return null;
  }
}

export async function readSysctls(): Promise<SysctlValue[]> {
  return Promise.all(
    SYSCTL_NAMES.map(async (name) => {
      const value = await readText(`/proc/sys/${name.replace(/\./g, '/')}`);
      return { name, value: value === null ? null : value.replace(/\s+/g, ' ') };
    }),
  );
}

export function parsePortRange(text: string | null): readonly [number, number] | null {
  if (!text) return null;
  const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(text);
  if (!m) return null;
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  return lo > 0 && hi >= lo && hi <= 65535 ? [lo, hi] : null;
}

async function macPortRange(): Promise<readonly [number, number]> {
  try {
    const out = (await run('sysctl', ['-n', 'net.inet.ip.portrange.first', 'net.inet.ip.portrange.last'])).toString('utf8');
    return parsePortRange(out.split(/\s+/).join(' ')) ?? [49152, 65535];
  } catch {
    return [49152, 65535];
  }
}

/**
 * Fills in pid and program name for sockets whose inode a process holds, reading at most
 * MAX_FD_LINKS fd links. Returns false when the bound stopped the search early.
 */
export async function findOwners(parsed: ParsedConnections, maxLinks = MAX_FD_LINKS): Promise<boolean> {
  const t = parsed.table;
  const wanted = new Map<number, number[]>();
  for (let i = 0; i < t.length; i++) {
    const inode = t.inode[i];
    if (inode > 0) {
      const list = wanted.get(inode);
      if (list) list.push(i);
      else wanted.set(inode, [i]);
    }
  }
  if (wanted.size === 0) return true;
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((n) => /^\d+$/.test(n));
  } catch {
    return false;
  }
  let links = 0;
  let remaining = wanted.size;
  for (const pid of pids) {
    if (remaining === 0) break;
    if (links >= maxLinks) return false;
    let fds: string[];
    try {
      fds = await readdir(`/proc/${pid}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    let name: string | null | undefined;
    for (const fd of fds) {
      if (++links > maxLinks) return false;
      let target: string;
      try {
        target = await readlink(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (!target.startsWith('socket:[')) continue;
      const rows = wanted.get(Number(target.slice(8, -1)));
      if (!rows) continue;
      if (name === undefined) name = await readText(`/proc/${pid}/comm`);
      for (const i of rows) {
        if (t.pid[i] < 0) {
          t.pid[i] = Number(pid);
          t.process[i] = name;
        }
      }
      wanted.delete(Number(target.slice(8, -1)));
      remaining--;
    }
  }
  return true;
}

export async function readLive(options: LiveOptions = {}): Promise<LiveResult> {
  const platform = options.platform ?? process.platform;
  const slice = options.sliceLines ?? DEFAULT_SLICE;
  try {
    if (platform === 'linux') {
      const parser = new ConnectionParser({ format: 'proc', littleEndian: endianness() === 'LE' });
      for (const file of options.procFiles ?? PROC_FILES) {
        let data: Buffer;
        try {
          data = await readFile(file);
        } catch (error) {
          // A kernel without IPv6 has no tcp6; a missing tcp is an error.
          if ((error as NodeJS.ErrnoException).code === 'ENOENT' && file.endsWith('6')) continue;
          throw error;
        }
        await feed(parser, data, slice);
        parser.push('\n');
      }
      const parsed = parser.end();
      if (!parsed.ok) return { ok: false, message: parsed.message };
      const ownersPartial = options.owners ? !(await findOwners(parsed)) : false;
      const sysctls = await readSysctls();
      const range = parsePortRange(sysctls.find((s) => s.name === 'net.ipv4.ip_local_port_range')?.value ?? null) ?? DEFAULT_PORT_RANGE;
      return { ok: true, parsed, portRange: range, sysctls, ownersPartial };
    }
    if (platform === 'darwin' || platform === 'freebsd' || platform === 'openbsd') {
      const parser = new ConnectionParser({ format: 'netstat-macos' });
      await feed(parser, await run('netstat', ['-an', '-p', 'tcp']), slice);
      const parsed = parser.end();
      if (!parsed.ok) return { ok: false, message: parsed.message };
      return { ok: true, parsed, portRange: await macPortRange(), sysctls: null, ownersPartial: false };
    }
    if (platform === 'win32') {
      const parser = new ConnectionParser({ format: 'netstat-windows' });
      await feed(parser, await run('netstat', ['-ano']), slice);
      const parsed = parser.end();
      if (!parsed.ok) return { ok: false, message: parsed.message };
      // Windows' documented default dynamic range (netsh int ipv4 show dynamicport tcp).
      return { ok: true, parsed, portRange: [49152, 65535], sysctls: null, ownersPartial: false };
    }
    return { ok: false, message: `reading live connections is not supported on ${platform}` };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}
