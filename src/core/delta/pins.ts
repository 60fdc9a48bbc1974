/**
 * Delta input pins against the tables on disk: pinned version vs latest, the pinned commit's time, file
 * counts, and whether each candidate file of the plan still exists (a vacuumed file means the plan
 * cannot be reproduced). `resolvePin` is pure over reader results; `resolvePins` gathers those results
 * through the FileSystem. O(active files + candidates) per pin after the reads.
 */

import type { FileSystem } from '../fs/fileSystem';
import { issue, type PlanIssue } from '../issues';
import { dataFilePath } from '../tables/readTableRows';
import { decodeLogPath } from './actions';
import { readDeltaTable, type DeltaTableResult } from './deltaTable';

export interface DeltaPin {
  readonly dataset: string;
  readonly tablePath: string;
  readonly version?: number;
  readonly timestamp?: number | string;
  /** Data files the plan scans: table-relative log paths, absolute paths or `file:` URIs. */
  readonly candidateFiles?: readonly string[];
}

export interface CandidateFileState {
  readonly path: string;
  readonly existsOnDisk: boolean;
  readonly activeAtPin: boolean;
  readonly activeAtLatest: boolean;
}

export interface PinResolution {
  readonly dataset: string;
  readonly tablePath: string;
  readonly pinnedVersion?: number;
  readonly latestVersion?: number;
  /** ms since the epoch. */
  readonly pinnedCommitTime?: number;
  readonly versionsBehind?: number;
  readonly filesAtPin?: number;
  readonly filesAtLatest?: number;
  readonly candidates: readonly CandidateFileState[];
  /** False when the pinned version cannot be read or a candidate file is gone. */
  readonly reproducible: boolean;
  readonly issues: PlanIssue[];
}

export interface PinFacts {
  /** The table at the pin, read with history. */
  readonly pinned: DeltaTableResult;
  /** The table at its latest version. */
  readonly latest: DeltaTableResult;
  /** Candidate paths (as `candidatePath` resolves them) that exist on disk. */
  readonly existing: ReadonlySet<string>;
}

/** Where a candidate lives on disk. */
export function candidatePath(tablePath: string, candidate: string): string {
  return candidate.startsWith('/') ? candidate : dataFilePath(tablePath, candidate);
}

/** A candidate as a table-relative path, to compare with the log's add paths. */
function relativeToTable(tablePath: string, candidate: string): string {
  const abs = decodeLogPath(candidatePath(tablePath, candidate));
  const prefix = tablePath.endsWith('/') ? tablePath : `${tablePath}/`;
  return abs.startsWith(prefix) ? abs.slice(prefix.length) : abs;
}

export function resolvePin(pin: DeltaPin, facts: PinFacts): PinResolution {
  const file = pin.tablePath;
  const where = pin.version !== undefined ? `version ${pin.version}` : pin.timestamp !== undefined ? `timestamp ${String(pin.timestamp)}` : 'the latest version';
  const issues: PlanIssue[] = facts.pinned.issues
    .filter((i) => i.severity === 'error')
    .map((i) => ({ ...i, message: `${pin.dataset} pinned at ${where}: ${i.message}` }));
  const pinned = facts.pinned.snapshot;
  const latest = facts.latest.snapshot;
  const latestVersion = facts.latest.latestVersion ?? latest?.version;
  const pinnedVersion = pinned?.version;
  const commit = facts.pinned.history?.find((c) => c.version === pinnedVersion);
  const atPin = new Set((pinned?.files ?? []).map((f) => decodeLogPath(f.path)));
  const atLatest = new Set((latest?.files ?? []).map((f) => decodeLogPath(f.path)));
  const candidates = (pin.candidateFiles ?? []).map((c) => {
    const rel = relativeToTable(pin.tablePath, c);
    return { path: c, existsOnDisk: facts.existing.has(candidatePath(pin.tablePath, c)), activeAtPin: atPin.has(rel), activeAtLatest: atLatest.has(rel) };
  });
  const gone = candidates.filter((c) => !c.existsOnDisk);
  if (gone.length > 0) {
    issues.push(issue('error', 'delta-pin-files-vacuumed', `${pin.dataset}: ${gone.length} of ${candidates.length} candidate files no longer exist (vacuumed?), so the plan cannot be reproduced; first: ${gone[0].path}`, { file }));
  }
  const stray = candidates.filter((c) => c.existsOnDisk && pinned !== undefined && !c.activeAtPin);
  if (stray.length > 0) {
    issues.push(issue('warning', 'delta-pin-file-not-active', `${pin.dataset}: ${stray.length} candidate files are not active at version ${pinnedVersion}; first: ${stray[0].path}`, { file }));
  }
  const versionsBehind = pinnedVersion !== undefined && latestVersion !== undefined ? latestVersion - pinnedVersion : undefined;
  if (versionsBehind !== undefined && versionsBehind > 0) {
    issues.push(issue('info', 'delta-pin-behind', `${pin.dataset} is pinned at version ${pinnedVersion}; the table is at ${latestVersion} (${versionsBehind} commits later)`, { file }));
  }
  return {
    dataset: pin.dataset,
    tablePath: pin.tablePath,
    pinnedVersion,
    latestVersion,
    pinnedCommitTime: commit?.timestamp,
    versionsBehind,
    filesAtPin: pinned?.files.length,
    filesAtLatest: latest?.files.length,
    candidates,
    reproducible: pinned !== undefined && pinned.version === (pin.version ?? pinned.version) && gone.length === 0,
    issues,
  };
}

export async function resolvePins(fs: FileSystem, pins: readonly DeltaPin[]): Promise<PinResolution[]> {
  const out: PinResolution[] = [];
  for (const pin of pins) {
    const pinned = await readDeltaTable(fs, pin.tablePath, { version: pin.version, timestamp: pin.timestamp, history: true });
    const latest = pin.version === undefined && pin.timestamp === undefined ? pinned : await readDeltaTable(fs, pin.tablePath);
    const existing = new Set<string>();
    for (const c of pin.candidateFiles ?? []) {
      const p = candidatePath(pin.tablePath, c);
      if ((await fs.stat(p))?.type === 'file') existing.add(p);
    }
    out.push(resolvePin(pin, { pinned, latest, existing }));
  }
  return out;
}
