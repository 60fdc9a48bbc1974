/**
 * The whole plan graph as a standalone SVG file: what "Export SVG" writes. Pure (no DOM), so it runs in
 * the page, in a worker or in a test alike, and deterministic: the same payload, positions and colours
 * give the same bytes (coordinates rounded to 0.01, no ids from counters or clocks).
 *
 * Every task is one `<g class="task ..." data-task="INDEX">` holding a `<title>` with the full name (what
 * a viewer shows on hover, since the box may cut the label), a `<rect>` and a `<text>` label clipped to
 * the box by a nested `<svg>` viewport (an SVG viewer cannot measure text for us to truncate it). Reduced
 * edges are curves in one group, the critical path's edges again on top in another. Styling is one
 * `<style>` block with classes (per kind, per flag) rather than attributes per task, which keeps a
 * 100k-task file near 30 MB instead of twice that.
 *
 * Task names, kinds and the title are plan data: every one is XML-escaped, and characters XML 1.0 does
 * not allow (C0 controls but tab, LF and CR; lone surrogates; U+FFFE, U+FFFF) become U+FFFD, so the file
 * always parses. Written as bytes into one growing buffer (`ByteWriter`), not as strings: 100k tasks and
 * 250k edges make millions of fragments, and collecting those strings was most of the time.
 */

import { TaskFlag, type GraphArrays, type GraphMeta } from '../../protocol/graphPayload';
import { ByteWriter } from './byteWriter';
import { formatNumber as displayNumber } from '../../core/text/formatNumber';

/** The colours of the export; the renderer's `Palette` has all of these, so it can be passed as is. */
export interface SvgColours {
  readonly background: string;
  readonly foreground: string;
  readonly boxFill: string;
  readonly edge: string;
  readonly critical: string;
  readonly notRun: string;
  readonly added: string;
  readonly costChangedFill: string;
  /** Border colour of a task by kind name. */
  kind(name: string): string;
  readonly fontFamily: string;
}

/** VS Code's light theme colours, for an export made without a theme at hand (and for tests). */
export const defaultSvgColours: SvgColours = {
  background: '#ffffff',
  foreground: '#3b3b3b',
  boxFill: '#ffffff',
  edge: 'rgba(59, 59, 59, 0.3)',
  critical: '#e51400',
  notRun: 'rgba(97, 97, 97, 0.5)',
  added: '#bf8803',
  costChangedFill: '#f6dcc0',
  kind: (name) => ({ scan: '#1a85ff', view: '#388a34', extract: '#652d90' })[name] ?? '#3b3b3b',
  fontFamily: 'system-ui, sans-serif',
};

export interface TaskPositions {
  /** Top-left corner of each task's box, in layout units. */
  readonly x: Float32Array;
  readonly y: Float32Array;
}

// Characters to escape, and characters XML 1.0 forbids (a high surrogate not followed by a low one, a low
// one not preceded by a high one). Without the `u` flag the regex sees UTF-16 code units, which is what
// finding a lone surrogate needs.
// eslint-disable-next-line no-control-regex
const unsafe = /[&<>"']|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in XML element content and in attribute values (either quote). */
export function escapeXml(text: string): string {
  unsafe.lastIndex = 0;
  // Most names need nothing: test first, so the common case allocates no new string.
  if (!unsafe.test(text)) return text;
  unsafe.lastIndex = 0;
  return text.replace(unsafe, (c) => entities[c] ?? '\uFFFD');
}

/** Theme colours come from CSS variables: keep only what looks like a colour, so a value cannot break out of the style block. */
function colour(value: string, fallback: string): string {
  return /^[#\w\s(),.%+-]{1,100}$/.test(value) ? value : fallback;
}

/** Coordinates to 0.01 layout units: exact enough, shorter, and the same text on every run. */
function num(v: number): string {
  if (!Number.isFinite(v)) return '0';
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** The whole graph as SVG text. */
export function graphToSvg(meta: GraphMeta, arrays: GraphArrays, positions: TaskPositions, colours: SvgColours = defaultSvgColours): string {
  return new TextDecoder().decode(graphToSvgBytes(meta, arrays, positions, colours));
}

/** The whole graph as the UTF-8 bytes of an SVG file (what gets written; the declaration says UTF-8). */
export function graphToSvgBytes(meta: GraphMeta, arrays: GraphArrays, positions: TaskPositions, colours: SvgColours = defaultSvgColours): Uint8Array {
  const n = meta.taskCount;
  const w = meta.nodeWidth;
  const h = meta.nodeHeight;
  const { x, y } = positions;
  if (x.length < n || y.length < n) throw new Error(`svg export: ${x.length} positions for ${n} tasks`);
  const at = (v: number): number => (Number.isFinite(v) ? v : 0);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const px = at(x[i]);
    const py = at(y[i]);
    if (px < minX) minX = px;
    if (py < minY) minY = py;
    if (px + w > maxX) maxX = px + w;
    if (py + h > maxY) maxY = py + h;
  }
  if (n === 0) [minX, minY, maxX, maxY] = [0, 0, 1, 1];
  const margin = 20;
  const vx = minX - margin;
  const vy = minY - margin;
  const vw = maxX - minX + 2 * margin;
  const vh = maxY - minY + 2 * margin;
  const fontSize = Math.min(13, h * 0.46);
  const pad = Math.min(6, w / 10);
  const c = {
    background: colour(colours.background, defaultSvgColours.background),
    foreground: colour(colours.foreground, defaultSvgColours.foreground),
    boxFill: colour(colours.boxFill, defaultSvgColours.boxFill),
    edge: colour(colours.edge, defaultSvgColours.edge),
    critical: colour(colours.critical, defaultSvgColours.critical),
    notRun: colour(colours.notRun, defaultSvgColours.notRun),
    added: colour(colours.added, defaultSvgColours.added),
    costChangedFill: colour(colours.costChangedFill, defaultSvgColours.costChangedFill),
  };

  // About 340 bytes per task and 60 per edge: sized once so the buffer rarely grows.
  const out = new ByteWriter(4096 + 400 * n + 80 * (arrays.edgePairs.length >>> 1));
  const header: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(vw)}" height="${num(vh)}" viewBox="${num(vx)} ${num(vy)} ${num(vw)} ${num(vh)}" font-family="${escapeXml(colours.fontFamily)}" font-size="${num(fontSize)}">\n`,
    `<title>${escapeXml(meta.title)}</title>\n`,
    `<desc>${escapeXml(describe(meta))}</desc>\n`,
    '<defs>\n',
    `<marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerUnits="userSpaceOnUse" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0L8,4L0,8z" fill="${c.edge}"/></marker>\n`,
    `<marker id="arrow-critical" viewBox="0 0 8 8" refX="8" refY="4" markerUnits="userSpaceOnUse" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0L8,4L0,8z" fill="${c.critical}"/></marker>\n`,
    '</defs>\n',
    '<style>\n',
    `.edges path{fill:none;stroke:${c.edge};stroke-width:1;marker-end:url(#arrow)}\n`,
    `.critical-path path{fill:none;stroke:${c.critical};stroke-width:2.5;marker-end:url(#arrow-critical)}\n`,
    `.task rect{fill:${c.boxFill};stroke:${c.foreground};stroke-width:1}\n`,
    `.task text{fill:${c.foreground}}\n`,
    ...meta.kinds.map((kind, k) => `.k${k} rect{stroke:${colour(colours.kind(kind), c.foreground)}}\n`),
    `.task.critical rect{stroke:${c.critical};stroke-width:2.5}\n`,
    `.task.added rect{stroke:${c.added};stroke-dasharray:5 3}\n`,
    `.task.cost-changed rect{fill:${c.costChangedFill}}\n`,
    `.task.not-run{opacity:0.55}\n.task.not-run rect{stroke:${c.notRun};stroke-dasharray:3 3}\n`,
    '</style>\n',
    `<rect class="background" x="${num(vx)}" y="${num(vy)}" width="${num(vw)}" height="${num(vh)}" fill="${c.background}"/>\n`,
  ];
  for (const part of header) out.text(part);

  // Edges: a curve from the right middle of the source box to the left middle of the target's.
  const pairs = arrays.edgePairs;
  const step = new Int32Array(n).fill(-1);
  for (let s = 0; s < arrays.criticalPath.length; s++) if (arrays.criticalPath[s] < n) step[arrays.criticalPath[s]] = s;
  const curve = (s: number, t: number): void => {
    const x0 = at(x[s]) + w;
    const y0 = at(y[s]) + h / 2;
    const x1 = at(x[t]);
    const y1 = at(y[t]) + h / 2;
    const mid = (x0 + x1) / 2;
    out.text('<path d="M').num(x0).text(',').num(y0).text('C').num(mid).text(',').num(y0).text(' ').num(mid).text(',').num(y1).text(' ').num(x1).text(',').num(y1).text('"/>\n');
  };
  out.text('<g class="edges">\n');
  const critical: number[] = [];
  for (let k = 0; k + 1 < pairs.length; k += 2) {
    const s = pairs[k];
    const t = pairs[k + 1];
    if (s >= n || t >= n) continue;
    if (step[s] >= 0 && step[t] === step[s] + 1) critical.push(s, t);
    else curve(s, t);
  }
  out.text('</g>\n<g class="critical-path">\n');
  for (let k = 0; k < critical.length; k += 2) curve(critical[k], critical[k + 1]);
  out.text('</g>\n<g class="tasks">\n');

  const rectSize = `" width="${num(w)}" height="${num(h)}" rx="3"/><svg x="`;
  const labelBox = `" width="${num(Math.max(w - 2 * pad, 1))}" height="${num(h)}"><text x="0" y="${num(h / 2 + fontSize * 0.35)}">`;
  const names = arrays.names;
  for (let i = 0; i < n; i++) {
    const f = arrays.flags[i];
    out.text('<g class="task k').int(arrays.kind[i]);
    if ((f & TaskFlag.critical) !== 0) out.text(' critical');
    if ((f & TaskFlag.notRun) !== 0) out.text(' not-run');
    if ((f & TaskFlag.added) !== 0) out.text(' added');
    if ((f & TaskFlag.costChanged) !== 0) out.text(' cost-changed');
    const name = escapeXml(names[i] ?? '');
    const px = at(x[i]);
    const py = at(y[i]);
    out.text('" data-task="').int(i).text('"><title>').text(name).text('</title><rect x="').num(px).text('" y="').num(py);
    out.text(rectSize).num(px + pad).text('" y="').num(py).text(labelBox).text(name).text('</text></svg></g>\n');
  }
  out.text('</g>\n</svg>\n');
  return out.view();
}

function describe(meta: GraphMeta): string {
  const cost = meta.costSource.kind === 'recorded' ? `recorded costs from ${meta.costSource.file}` : 'costs max(priority, 1)';
  return `${meta.taskCount} tasks, ${meta.edgeCount} dependencies (transitive reduction), ${meta.generationCount} generations; critical path length ${displayNumber(meta.criticalPathLength)} (${cost}); signature ${meta.reducedSignature}`;
}
