/**
 * The JSON shape of a Delta table read, shared by `plan-lens delta --json` and editor views: version,
 * protocol, metadata, schema, active files (size, partition values, record count from stats, deletion
 * vector cardinality) and history. O(active files + commits); parses each file's stats once.
 */

import type { PlanIssue } from '../issues';
import { isJsonObject, type JsonObject, type JsonValue } from '../json/parseJson';
import type { DeltaTableResult } from './deltaTable';
import type { ActiveFile } from './tableState';

function numRecords(f: ActiveFile): number | undefined {
  if (f.stats === undefined) return undefined;
  try {
    const s = JSON.parse(f.stats) as JsonValue;
    return isJsonObject(s) && typeof s.numRecords === 'number' ? s.numRecords : undefined;
  } catch {
    return undefined;
  }
}

function iso(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** JSON.stringify drops undefined fields, so optional values are left as they are. */
export function deltaTableReport(table: string, r: DeltaTableResult, issues: readonly PlanIssue[] = r.issues): JsonObject {
  const s = r.snapshot;
  const report = {
    table,
    version: s?.version,
    latestVersion: r.latestVersion,
    checkpointVersion: s?.checkpointVersion,
    protocol: s?.protocol,
    metadata: s?.metadata && {
      id: s.metadata.id,
      name: s.metadata.name,
      description: s.metadata.description,
      format: s.metadata.format,
      partitionColumns: s.metadata.partitionColumns,
      configuration: s.metadata.configuration,
      createdTime: s.metadata.createdTime,
    },
    schema: s?.schema,
    fileCount: s?.files.length,
    totalBytes: s?.files.reduce((n, f) => n + f.size, 0),
    files: s?.files.map((f) => ({
      path: f.path,
      size: f.size,
      modificationTime: f.modificationTime,
      partitionValues: f.partitionValues,
      numRecords: numRecords(f),
      addedInVersion: f.addedInVersion,
      deletionVector: f.deletionVector && { storageType: f.deletionVector.storageType, cardinality: f.deletionVector.cardinality },
    })),
    txns: s?.txns,
    domainMetadata: s?.domainMetadata,
    history: r.history?.map((c) => ({
      version: c.version,
      timestamp: c.timestamp,
      time: iso(c.timestamp),
      timestampSource: c.timestampSource,
      operation: c.operation,
      adds: c.adds,
      removes: c.removes,
      commitInfo: c.commitInfo,
    })),
    issues,
  };
  return JSON.parse(JSON.stringify(report)) as JsonObject;
}
