/**
 * Reads Hamilton's `cache_logs.jsonl` (one JSON object per line, appended by every run and process) into
 * events. A bad line becomes a PlanIssue with its line and column and reading goes on, so one torn write
 * does not hide the rest of the history. O(bytes). Preconditions: none.
 */

import { issue, type PlanIssue } from '../issues';
import { DEFAULT_MAX_FILE_BYTES, isJsonObject, parseJsonText, sizeLimitIssue, type JsonValue } from '../json/parseJson';

export interface CacheLogEvent {
  /** 1-based line in the log file. */
  readonly line: number;
  readonly runId: string;
  /** Epoch seconds (UTC), as Python's `time.time()` wrote it. */
  readonly timestamp: number;
  readonly nodeName: string;
  readonly taskId: string | null;
  /** `adapter`, `metadata_store` or `result_store`; kept as written so newer actors survive. */
  readonly actor: string;
  readonly eventType: string;
  readonly msg: string | null;
  /** `str(value)` when it was truthy; Hamilton writes the raw falsy value otherwise, read here as null. */
  readonly value: string | null;
}

export interface CacheLogRead {
  readonly events: CacheLogEvent[];
  readonly issues: PlanIssue[];
}

export function readCacheLog(bytes: Uint8Array, file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): CacheLogRead {
  if (bytes.byteLength > maxBytes) return { events: [], issues: [sizeLimitIssue(file, bytes.byteLength, maxBytes)] };
  const events: CacheLogEvent[] = [];
  const issues: PlanIssue[] = [];
  const lines = splitLines(bytes, file, issues);
  const lastIndex = lines.length - 1;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    if (text === undefined || text.trim() === '') continue;
    const lineNo = i + 1;
    const value = parseLine(text);
    if (value === undefined) {
      const first = parseJsonText(text, file, { checkDuplicates: false }).issues[0];
      const torn = i === lastIndex && !endsWithNewline(bytes) ? ' (the last line is incomplete: the writing process may have stopped mid-line)' : '';
      issues.push(issue('error', 'cache-log-syntax', `${first?.message ?? 'invalid JSON'}${torn}`, { file, line: lineNo, column: first?.location.column }));
      continue;
    }
    const event = toEvent(value, lineNo);
    if (typeof event === 'string') issues.push(issue('error', 'cache-log-event', `not a cache log event: ${event}`, { file, line: lineNo, column: 1 }));
    else events.push(event);
  }
  return { events, issues };
}

/**
 * `JSON.parse` alone on the hot path: an event is a flat object, so the depth and duplicate-key scan of
 * `parseJsonText` buys nothing here (V8's parser is not recursive); `parseJsonText` runs only on a bad line,
 * for the position of the error.
 */
function parseLine(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

function endsWithNewline(bytes: Uint8Array): boolean {
  return bytes.length === 0 || bytes[bytes.length - 1] === 0x0a;
}

/**
 * Text of each line (no terminator). The whole file is decoded at once when it is valid UTF-8; otherwise
 * line by line, so one bad byte costs one line. A line that is not UTF-8 is `undefined` (already reported).
 */
function splitLines(bytes: Uint8Array, file: string, issues: PlanIssue[]): (string | undefined)[] {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  } catch {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const out: (string | undefined)[] = [];
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x0a) continue;
      try {
        const l = decoder.decode(bytes.subarray(start, i));
        out.push(l.endsWith('\r') ? l.slice(0, -1) : l);
      } catch {
        issues.push(issue('error', 'cache-log-encoding', 'the line is not valid UTF-8', { file, line: out.length + 1 }));
        out.push(undefined);
      }
      start = i + 1;
    }
    return out;
  }
}

function toEvent(o: JsonValue, line: number): CacheLogEvent | string {
  if (!isJsonObject(o)) return 'expected a JSON object';
  for (const key of ['run_id', 'node_name', 'actor', 'event_type'] as const) {
    if (typeof o[key] !== 'string') return `"${key}" must be a string`;
  }
  if (typeof o.timestamp !== 'number' || !Number.isFinite(o.timestamp)) return '"timestamp" must be a number of epoch seconds';
  const msg = o.msg;
  if (msg !== undefined && msg !== null && typeof msg !== 'string') return '"msg" must be a string or null';
  const taskId = o.task_id;
  if (taskId !== undefined && taskId !== null && typeof taskId !== 'string') return '"task_id" must be a string or null';
  return {
    line,
    runId: o.run_id as string,
    timestamp: o.timestamp,
    nodeName: o.node_name as string,
    taskId: taskId ?? null,
    actor: o.actor as string,
    eventType: o.event_type as string,
    msg: msg ?? null,
    value: typeof o.value === 'string' ? o.value : null,
  };
}
