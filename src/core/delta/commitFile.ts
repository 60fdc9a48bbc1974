/**
 * Newline-delimited JSON log files (commits and v2 JSON checkpoints) into actions, one line at a time:
 * a bad line becomes an issue with its line number and reason, and the other lines still count.
 * O(bytes). `JSON.parse` per line; the scanner runs only on a failing line, for the column and reason.
 */

import { issue, type PlanIssue } from '../issues';
import { decodeUtf8, parseJsonText, type JsonValue } from '../json/parseJson';
import { toAction, type DeltaAction } from './actions';

export interface LineAction {
  readonly action: DeltaAction;
  /** 1-based line in the file. */
  readonly line: number;
}

export interface ParsedLogFile {
  readonly actions: LineAction[];
  readonly issues: PlanIssue[];
}

export function parseLogFile(bytes: Uint8Array, file: string): ParsedLogFile {
  const decoded = decodeUtf8(bytes, file);
  if (decoded.text === undefined) return { actions: [], issues: decoded.issues };
  return parseLogText(decoded.text, file);
}

export function parseLogText(text: string, file: string): ParsedLogFile {
  const actions: LineAction[] = [];
  const issues: PlanIssue[] = [];
  let start = 0;
  let line = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const content = text.slice(start, end).trim();
    start = end + 1;
    if (content === '') continue;
    let raw: JsonValue;
    try {
      raw = JSON.parse(content) as JsonValue;
    } catch {
      const bad = parseJsonText(content, file).issues[0];
      const reason = bad?.message ?? 'invalid JSON';
      issues.push(issue('error', 'delta-commit-json', `${reason}${end === text.length ? ' (the last line may be truncated)' : ''}`, { file, line, column: bad?.location.column }));
      continue;
    }
    const r = toAction(raw);
    if ('action' in r) actions.push({ action: r.action, line });
    else if ('error' in r) issues.push(issue('error', 'delta-action-invalid', r.error, { file, line }));
    else if ('unknown' in r) issues.push(issue('info', 'delta-action-unknown', `unknown action "${r.unknown}" skipped`, { file, line }));
  }
  return { actions, issues };
}
