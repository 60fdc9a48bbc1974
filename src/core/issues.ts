/**
 * Problems found in user artifacts. Readers never throw on bad input: they return issues, each with the
 * file, a position (line/column and/or JSON pointer) and a reason, so the editor can show a diagnostic and
 * the CLI a message.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface IssueLocation {
  /** Workspace-relative or absolute path of the artifact, as the caller named it. */
  readonly file?: string;
  /** 1-based line and column, when the position inside the text is known. */
  readonly line?: number;
  readonly column?: number;
  /** RFC 6901 JSON pointer to the offending value, for JSON artifacts. */
  readonly pointer?: string;
  /** 0-based character offset into the text. */
  readonly offset?: number;
}

export interface PlanIssue {
  readonly severity: Severity;
  /** Stable, kebab-case identifier, e.g. `json-syntax` or `dependency-cycle`. */
  readonly code: string;
  readonly message: string;
  readonly location: IssueLocation;
}

export function issue(severity: Severity, code: string, message: string, location: IssueLocation): PlanIssue {
  return { severity, code, message, location };
}

export function hasErrors(issues: readonly PlanIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** Escapes one reference token of a JSON pointer (RFC 6901 §3). */
export function pointerToken(token: string | number): string {
  // Readers build a pointer per field they read: most tokens need no escaping, so skip the two regexes.
  if (typeof token === 'number') return String(token);
  return token.includes('~') || token.includes('/') ? token.replace(/~/g, '~0').replace(/\//g, '~1') : token;
}

export function pointer(...tokens: readonly (string | number)[]): string {
  return tokens.length === 0 ? '' : '/' + tokens.map(pointerToken).join('/');
}

/** One-line human form: `file:line:column: severity [code] message`. */
export function formatIssue(i: PlanIssue): string {
  const where = [i.location.file ?? '<input>', i.location.line, i.location.column].filter((p) => p !== undefined).join(':');
  const ptr = i.location.pointer !== undefined && i.location.line === undefined ? ` (at ${i.location.pointer || '/'})` : '';
  return `${where}: ${i.severity} [${i.code}] ${i.message}${ptr}`;
}
