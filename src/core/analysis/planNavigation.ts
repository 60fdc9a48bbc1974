/**
 * Navigation inside a node-link task graph, for the editor's go-to-definition and hover: what the token
 * under the cursor refers to. A number after `"source":` or `"target":` is a node id; a string is a task
 * or evidence name wherever it is written (a node's name or output, a link's name, an item of the lists
 * embedded in `inputs`, `sources` or `required_*`). A name that is both a task and an evidence (a task's
 * output) goes to the task. The targets are the outline's entries (planOutline.ts).
 */

import { stringEnd, type OutlineEntry } from './planOutline';

export interface PlanReference {
  /** The span of the text that refers: the id, the name, or the list item. */
  readonly start: number;
  readonly end: number;
  readonly target: OutlineEntry;
}

/** `outline` is `planOutline` of the same text (callers keep it per document version). */
export function planReferenceAt(text: string, outline: readonly OutlineEntry[], offset: number): PlanReference | undefined {
  const token = tokenAt(text, offset);
  if (token === undefined) return undefined;
  if (token.kind === 'number') {
    const key = /"(source|target)"\s*:\s*$/.exec(text.slice(Math.max(0, token.start - 40), token.start));
    const id = Number(text.slice(token.start, token.end));
    const target = key === null ? undefined : outline.find((e) => e.id === id);
    return target === undefined ? undefined : { start: token.start, end: token.end, target };
  }
  const raw = text.slice(token.start + 1, token.end - 1);
  // Inside an embedded list (`"[\"a\", \"b\"]"`): the item under the cursor, between its escaped quotes.
  if (raw.startsWith('[')) {
    const open = text.lastIndexOf('\\"', offset - 1);
    const close = text.indexOf('\\"', offset);
    if (open < token.start || close === -1 || close >= token.end) return undefined;
    const item = text.slice(open + 2, close);
    if (item.includes('"') || item.includes('\\') || item.includes(',')) return undefined;
    const target = byName(outline, item);
    return target === undefined ? undefined : { start: open + 2, end: close, target };
  }
  let name: string;
  try {
    name = JSON.parse(text.slice(token.start, token.end)) as string;
  } catch {
    return undefined;
  }
  const target = byName(outline, name);
  return target === undefined ? undefined : { start: token.start, end: token.end, target };
}

function byName(outline: readonly OutlineEntry[], name: string): OutlineEntry | undefined {
  return outline.find((e) => e.kind === 'task' && e.name === name) ?? outline.find((e) => e.name === name);
}

/**
 * The JSON string or number token at `offset`, found by one scan from the start (strings may hold any
 * character, so only a scan knows whether a position is inside one). Undefined on anything else.
 */
function tokenAt(text: string, offset: number): { kind: 'string' | 'number'; start: number; end: number } | undefined {
  if (offset < 0 || offset >= text.length) return undefined;
  for (let i = 0; i <= offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(text, i);
      if (offset < end) return { kind: 'string', start: i, end };
      i = end - 1;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let end = i;
      while (end < text.length && /[-+.eE0-9]/.test(text[end])) end++;
      if (offset < end) return { kind: 'number', start: i, end };
      i = end - 1;
    }
  }
  return undefined;
}
