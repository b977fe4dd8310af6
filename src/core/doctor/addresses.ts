/**
 * Addresses: Linux's /proc/net/tcp{,6} hex form decoded, IPv6 written as RFC 5952 says
 * (lower case, longest zero run as `::`), and the one printed form the doctor uses:
 * `127.0.0.1:8080`, `[::1]:8080`, port 0 or a wildcard as `*` (as `ss` prints it).
 */

/**
 * /proc/net/tcp prints each 32-bit word of the address as the kernel holds it in memory
 * (network byte order) read as a host-order integer: on a little-endian machine the bytes of
 * every word come out reversed. `littleEndian` is false only on big-endian kernels.
 */
export function procHexToIp(hex: string, littleEndian = true): string | null {
  if (hex.length === 8) {
    const b = wordBytes(hex, 0, littleEndian);
    return b ? `${b[0]}.${b[1]}.${b[2]}.${b[3]}` : null;
  }
  if (hex.length === 32) {
    const bytes: number[] = [];
    for (let w = 0; w < 4; w++) {
      const b = wordBytes(hex, w * 8, littleEndian);
      if (!b) return null;
      for (const x of b) bytes.push(x);
    }
    return formatIpv6(bytes);
  }
  return null;
}

function hexByte(hex: string, at: number): number {
  const n = parseInt(hex.slice(at, at + 2), 16);
  return Number.isNaN(n) ? -1 : n;
}

function wordBytes(hex: string, at: number, littleEndian: boolean): [number, number, number, number] | null {
  const b0 = hexByte(hex, at);
  const b1 = hexByte(hex, at + 2);
  const b2 = hexByte(hex, at + 4);
  const b3 = hexByte(hex, at + 6);
  if (b0 < 0 || b1 < 0 || b2 < 0 || b3 < 0) return null;
  return littleEndian ? [b3, b2, b1, b0] : [b0, b1, b2, b3];
}

/** Sixteen bytes as RFC 5952 text; IPv4-mapped addresses as `::ffff:a.b.c.d`, as ss prints them. */
export function formatIpv6(bytes: readonly number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
  }
  // The longest run of two or more zero groups (the first when tied) becomes `::`.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** The printed form: `ip:port`, `[ipv6]:port`; port -1 (none, or 0 from the kernel) is `*`. */
export function formatAddress(ip: string, port: number): string {
  const p = port < 0 ? '*' : String(port);
  return ip.includes(':') ? `[${ip}]:${p}` : `${ip}:${p}`;
}

/**
 * Splits `host:port` as ss, Linux netstat and Windows netstat print it: `127.0.0.1:80`,
 * `[::1]:80`, `*:*`, `:::22` (Linux netstat's `::` and port 22), `::ffff:127.0.0.1:80`,
 * `127.0.0.53%lo:53`. The port `*` or 0 becomes -1. Returns null when there is no port.
 */
export function splitHostPort(text: string): { ip: string; port: number } | null {
  const cut = text.lastIndexOf(':');
  if (cut <= 0) return null;
  let ip = text.slice(0, cut);
  const portText = text.slice(cut + 1);
  const port = parsePort(portText);
  if (port === null) return null;
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  return { ip, port };
}

/** macOS/BSD netstat: `127.0.0.1.8080`, `*.8080`, `*.*`, `::1.8080`, `fe80::1%lo0.8080`. */
export function splitBsdAddress(text: string): { ip: string; port: number } | null {
  const cut = text.lastIndexOf('.');
  if (cut <= 0) return null;
  const port = parsePort(text.slice(cut + 1));
  if (port === null) return null;
  return { ip: text.slice(0, cut), port };
}

function parsePort(text: string): number | null {
  if (text === '*') return -1;
  if (text.length === 0 || text.length > 5) return null;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    n = n * 10 + c;
  }
  if (n > 65535) return null;
  return n === 0 ? -1 : n;
}
