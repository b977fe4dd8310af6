/**
 * What "Copy as Mermaid", "Save as .tcp.json" and "Export SVG" produce, from the sandbox's
 * event log. Pure. The SVG is standalone (fixed colours on white, no theme variables), so it
 * reads the same in a slide deck or a printed handout.
 */
import type { NormalizedStep, ResolvedOptions } from '../../core/tcp';
import { resolveOptions } from '../../core/tcp';
import type { EndpointId } from '../../core/tcp/types';
import type { LadderRow, LadderSegment } from '../../shared/ladder';
import { arrowFor, ladderHeight, ladderMetrics, ladderSegments, rowY, segmentText, sideX } from '../../shared/ladder';
import { denormalize } from '../../core/sandbox/session';
import { MAX_TITLE_CHARS } from '../../core/tcp/limits';

const other = (e: EndpointId): EndpointId => (e === 'A' ? 'B' : 'A');

/**
 * Characters no XML document may hold (outside XML 1.0's Char production: C0 controls other
 * than tab, LF and CR; lone surrogates; U+FFFE and U+FFFF), each replaced by U+FFFD so the
 * reader sees that something was there.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD');
}

function mermaidText(text: string): string {
  // Mermaid message text ends at a line break, treats ';' and '#' specially, and reads '%%'
  // as the start of a comment or directive; control characters it cannot draw.
  return xmlChars(text).replace(/[;#\n\r\t]/g, ' ').replace(/%%/g, '% %');
}

function originSuffix(s: LadderSegment): string {
  return s.origin === 'retransmit' ? ' (retransmission)' : s.origin === 'injected' ? ' (forged)' : s.origin === 'duplicate' ? ' (duplicate)' : '';
}

/**
 * A Mermaid sequence diagram. Each segment is drawn when it arrives (Mermaid cannot draw
 * crossing arrows). A lost one is a dotted line towards the receiver ending in a cross (Mermaid's
 * own "lost message" arrow) and says "(lost)"; a retransmission says so; one still in flight is an
 * open arrow at the end.
 */
export function toMermaid(rows: readonly LadderRow[], title: string): string {
  const out = ['sequenceDiagram', `    title ${mermaidText(title)}`, '    participant A', '    participant B'];
  const segments = ladderSegments(rows);
  const ending = new Map<number, LadderSegment[]>();
  for (const s of segments) {
    if (s.endRow !== null) ending.set(s.endRow, [...(ending.get(s.endRow) ?? []), s]);
  }
  rows.forEach(({ event }, r) => {
    for (const s of ending.get(r) ?? []) {
      const from = s.segment.from;
      const arrow = s.fate === 'dropped' ? '--x' : '->>';
      out.push(`    ${from}${arrow}${other(from)}: ${mermaidText(segmentText(s.segment))}${originSuffix(s)}${s.fate === 'dropped' ? ' (lost)' : ''}`);
    }
    if (event.error) out.push(`    Note over ${event.endpoint}: ${event.cause}() refused: ${mermaidText(event.error.code)}`);
    else if (event.from && event.to && event.from !== event.to) out.push(`    Note over ${event.endpoint}: ${event.from} → ${event.to}`);
    else if (event.cause !== 'segment' && event.cause !== 'drop' && event.cause !== 'duplicate' && event.cause !== 'inject' && event.from) {
      out.push(`    Note over ${event.endpoint}: ${event.cause === 'timer' ? `${event.timer ?? 'timer'} timer` : `${event.cause}()`} in ${event.from}`);
    }
    if (event.signal) out.push(`    Note over ${event.endpoint}: application told: ${event.signal}`);
  });
  for (const s of segments.filter((x) => x.fate === 'in-flight')) {
    out.push(`    ${s.segment.from}-)${other(s.segment.from)}: ${mermaidText(segmentText(s.segment))}${originSuffix(s)} (in flight)`);
  }
  return `${out.join('\n')}\n`;
}

/** A scenario file that replays what the learner did. */
export function toScenarioJson(settings: ResolvedOptions, steps: readonly NormalizedStep[], title: string): string {
  const scenario = {
    // Within the format's limit, so that the file plays again.
    title: title.slice(0, MAX_TITLE_CHARS),
    profile: settings.profile,
    variant: settings.variant,
    isn: { A: settings.isn.A, B: settings.isn.B },
    delayedAck: settings.delayedAck,
    ...socketSettings(settings),
    steps: steps.map(denormalize),
  };
  // One step per line: easy to read and to edit by hand.
  const head = JSON.stringify({ ...scenario, steps: [] }, null, 2).replace(/"steps": \[\]\n\}$/, '');
  const body = scenario.steps.map((s) => `    ${JSON.stringify(s)}`).join(',\n');
  return `${head}"steps": [\n${body}${body ? '\n' : ''}  ]\n}\n`;
}

const escapeXml = (s: string) => xmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toSvg(rows: readonly LadderRow[], title: string, width = 720): string {
  const m = ladderMetrics(width);
  const segments = ladderSegments(rows);
  const inFlight = segments.filter((s) => s.fate === 'in-flight');
  const top = 40;
  const height = ladderHeight(m, rows.length, inFlight.length) + top;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${m.width}" height="${height}" viewBox="0 0 ${m.width} ${height}" font-family="sans-serif" font-size="11">`);
  parts.push(`<title>${escapeXml(title)}</title>`);
  parts.push('<defs><marker id="a" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>');
  parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  parts.push(`<text x="${m.width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold" fill="#111">${escapeXml(title)}</text>`);
  parts.push(`<g transform="translate(0 ${top})">`);
  for (const e of ['A', 'B'] as const) {
    const x = sideX(m, e);
    parts.push(`<text x="${x}" y="12" text-anchor="middle" font-weight="bold" fill="#111">${e}</text>`);
    parts.push(`<line x1="${x}" y1="18" x2="${x}" y2="${height - top - 8}" stroke="#888" stroke-width="2"/>`);
  }
  rows.forEach(({ event }, r) => {
    const y = rowY(m, r);
    if (!m.compact) parts.push(`<text x="4" y="${y + 4}" fill="#777">${event.t.toFixed(3)}</text>`);
    if (event.from && event.to && event.from !== event.to) {
      const x = sideX(m, event.endpoint);
      const anchor = event.endpoint === 'A' ? 'end' : 'start';
      const dx = event.endpoint === 'A' ? -6 : 6;
      parts.push(`<text x="${x + dx}" y="${y + 4}" text-anchor="${anchor}" font-weight="bold" fill="#111">${escapeXml(event.to)}</text>`);
    }
  });
  let lane = 0;
  for (const s of segments) {
    const a = arrowFor(m, s, rows.length, s.fate === 'in-flight' ? lane++ : 0);
    const dash = s.fate === 'in-flight' || s.origin === 'injected' ? ' stroke-dasharray="6 4"' : '';
    const colour = s.segment.flags.includes('RST') ? '#b00020' : '#333';
    parts.push(`<line x1="${a.x1}" y1="${a.y1}" x2="${a.x2}" y2="${a.y2}" stroke="${colour}" stroke-width="1.5"${dash}${s.fate === 'delivered' ? ' marker-end="url(#a)"' : ''}/>`);
    if (s.fate === 'dropped') parts.push(`<text x="${a.x2}" y="${a.y2 + 5}" text-anchor="middle" font-size="16" fill="#b00020">✕</text>`);
    parts.push(`<text x="${a.lx}" y="${a.ly - 4}" text-anchor="middle" fill="${colour}">${escapeXml(segmentText(s.segment))}</text>`);
  }
  parts.push('</g></svg>');
  return `${parts.join('\n')}\n`;
}

/** The sockets settings that differ from the profile's defaults, in the scenario file's form. */
function socketSettings(settings: ResolvedOptions): Record<string, unknown> {
  const d = resolveOptions({ profile: settings.profile });
  const out: Record<string, unknown> = {};
  for (const k of ['autoRead', 'autoAccept', 'rcvBuf'] as const) {
    const v = settings[k];
    if (v === undefined || JSON.stringify(v) === JSON.stringify(d[k])) continue;
    out[k] = v.A === v.B ? v.A : { A: v.A, B: v.B };
  }
  for (const k of ['somaxconn', 'synBacklog', 'syncookies', 'abortOnOverflow'] as const) {
    const v = settings[k];
    if (v !== undefined && v !== d[k]) out[k] = v;
  }
  return out;
}

/**
 * The file a scenario is saved to: exactly one `.tcp.json` at the end. Save dialogs that add
 * the filter's extension themselves can produce `x.tcp.json.tcp.json` or `x.json`.
 */
export function scenarioFileName(name: string): string {
  const stem = name.replace(/(\.tcp\.json|\.json|\.tcp)+$/i, '');
  return `${stem === '' ? 'my-story' : stem}.tcp.json`;
}
