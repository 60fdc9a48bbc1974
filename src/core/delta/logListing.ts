/**
 * What a `_delta_log` directory holds: commits by version, checkpoints (classic single-file, multi-part,
 * and v2 with a UUID name) and `_last_checkpoint`. One directory listing; O(entries log entries).
 * Names that match none of the protocol's patterns (.crc, compacted logs, temp files) are ignored.
 */

import { joinPath, type FileSystem } from '../fs/fileSystem';
import { issue, type PlanIssue } from '../issues';
import { parseJsonBytes, isJsonObject } from '../json/parseJson';

export interface CheckpointRef {
  readonly version: number;
  readonly kind: 'classic' | 'multipart' | 'v2';
  /** File names inside `_delta_log`, in part order. */
  readonly files: readonly string[];
  /** For a multi-part checkpoint: the number of parts its names announce. */
  readonly expectedParts?: number;
}

export interface LastCheckpoint {
  readonly version: number;
  readonly parts?: number;
}

export interface DeltaLogListing {
  readonly tablePath: string;
  readonly logDir: string;
  /** Commit file name by version. */
  readonly commits: ReadonlyMap<number, string>;
  /** Checkpoints, newest first. */
  readonly checkpoints: readonly CheckpointRef[];
  readonly lastCheckpoint?: LastCheckpoint;
  readonly issues: PlanIssue[];
}

const COMMIT = /^(\d{20})\.json$/;
const CLASSIC = /^(\d{20})\.checkpoint\.parquet$/;
const MULTIPART = /^(\d{20})\.checkpoint\.(\d{10})\.(\d{10})\.parquet$/;
const V2 = /^(\d{20})\.checkpoint\.[0-9a-fA-F-]{36}\.(json|parquet)$/;

export function deltaLogDir(tablePath: string): string {
  return joinPath(tablePath, '_delta_log');
}

export async function isDeltaTable(fs: FileSystem, path: string): Promise<boolean> {
  return (await fs.stat(deltaLogDir(path)))?.type === 'directory';
}

export async function listDeltaLog(fs: FileSystem, tablePath: string): Promise<DeltaLogListing> {
  const logDir = deltaLogDir(tablePath);
  const issues: PlanIssue[] = [];
  const commits = new Map<number, string>();
  const classic = new Map<number, string>();
  const v2 = new Map<number, string>();
  const multipart = new Map<number, { parts: Map<number, string>; expected: number }>();
  let hasLast = false;
  const stat = await fs.stat(logDir);
  if (stat?.type !== 'directory') {
    return { tablePath, logDir, commits, checkpoints: [], issues: [issue('error', 'delta-no-log', 'not a Delta table: no _delta_log directory', { file: tablePath })] };
  }
  for (const entry of await fs.readDirectory(logDir)) {
    if (entry.type !== 'file') continue;
    const name = entry.name;
    let m: RegExpExecArray | null;
    if ((m = COMMIT.exec(name))) commits.set(Number(m[1]), name);
    else if ((m = CLASSIC.exec(name))) classic.set(Number(m[1]), name);
    else if ((m = V2.exec(name))) {
      // Two v2 checkpoints of one version are equivalent; keep one, deterministically.
      const v = Number(m[1]);
      const prev = v2.get(v);
      if (prev === undefined || name < prev) v2.set(v, name);
    } else if ((m = MULTIPART.exec(name))) {
      const v = Number(m[1]);
      const expected = Number(m[3]);
      const group = multipart.get(v) ?? { parts: new Map<number, string>(), expected };
      group.parts.set(Number(m[2]), name);
      group.expected = Math.max(group.expected, expected);
      multipart.set(v, group);
    } else if (name === '_last_checkpoint') hasLast = true;
  }
  const checkpoints: CheckpointRef[] = [];
  for (const [version, name] of v2) checkpoints.push({ version, kind: 'v2', files: [name] });
  for (const [version, name] of classic) if (!v2.has(version)) checkpoints.push({ version, kind: 'classic', files: [name] });
  for (const [version, g] of multipart) {
    if (v2.has(version) || classic.has(version)) continue;
    const files = [...g.parts.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
    checkpoints.push({ version, kind: 'multipart', files, expectedParts: g.expected });
  }
  checkpoints.sort((a, b) => b.version - a.version);
  let lastCheckpoint: LastCheckpoint | undefined;
  if (hasLast) {
    const file = joinPath(logDir, '_last_checkpoint');
    const parsed = parseJsonBytes(await fs.readFile(file), file, { checkDuplicates: false });
    const v = parsed.value;
    if (isJsonObject(v) && typeof v.version === 'number') {
      lastCheckpoint = { version: v.version, parts: typeof v.parts === 'number' ? v.parts : undefined };
      if (!checkpoints.some((c) => c.version === v.version)) {
        issues.push(issue('warning', 'delta-last-checkpoint-missing', `_last_checkpoint names version ${v.version}, but no checkpoint of that version is in the log`, { file }));
      }
    } else {
      issues.push(...parsed.issues.map((i) => ({ ...i, severity: 'warning' as const })));
      if (parsed.issues.length === 0) issues.push(issue('warning', 'delta-last-checkpoint-invalid', '_last_checkpoint has no numeric "version"; the directory listing is used instead', { file }));
    }
  }
  return { tablePath, logDir, commits, checkpoints, lastCheckpoint, issues };
}
