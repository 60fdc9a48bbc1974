/**
 * Plan issues as LSP diagnostics. An issue's 1-based line and column become a range over the JSON token
 * that starts there (a whole string, number or literal; one bracket), so the squiggle marks the offending
 * value rather than one character. An issue without a position (a whole-file problem) marks the start.
 */

import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { PlanIssue, Severity } from '../core/issues';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(issue: PlanIssue, lines: LineIndex): Diagnostic {
  return { range: lines.tokenRange(issue.location.line, issue.location.column), severity: severities[issue.severity], code: issue.code, source: 'Plan Lens', message: issue.message };
}

/** Line starts of a text, built once per document version. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** The LSP position (0-based line, UTF-16 character) of a character offset. */
  position(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }

  /** The character offset of an LSP position, clamped to its line. */
  offset(position: { readonly line: number; readonly character: number }): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const lineEnd = position.line + 1 < this.starts.length ? this.starts[position.line + 1] - 1 : this.text.length;
    return Math.min(this.starts[position.line] + Math.max(position.character, 0), lineEnd);
  }

  /** The range of the token at 1-based `line`:`column`; the document start when the position is unknown. */
  tokenRange(line: number | undefined, column: number | undefined): Range {
    if (line === undefined || line < 1 || line > this.starts.length) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const lineStart = this.starts[line - 1];
    const lineEnd = line < this.starts.length ? this.starts[line] - 1 : this.text.length;
    const start = Math.min(lineStart + Math.max((column ?? 1) - 1, 0), lineEnd);
    return { start: { line: line - 1, character: start - lineStart }, end: { line: line - 1, character: tokenEnd(this.text, start, lineEnd) - lineStart } };
  }
}

/** Where the JSON token starting at `start` ends, within its line. */
function tokenEnd(text: string, start: number, lineEnd: number): number {
  const c = text.charCodeAt(start);
  if (c === 0x22 /* " */) {
    for (let i = start + 1; i < lineEnd; i++) {
      const d = text.charCodeAt(i);
      if (d === 0x5c) i++;
      else if (d === 0x22) return i + 1;
    }
    return lineEnd;
  }
  if (c === 0x7b || c === 0x5b || c === 0x7d || c === 0x5d || c === 0x2c || c === 0x3a) return start + 1;
  let i = start;
  while (i < lineEnd && !/[\s,:{}[\]"]/.test(text[i])) i++;
  return Math.max(i, Math.min(start + 1, lineEnd));
}
