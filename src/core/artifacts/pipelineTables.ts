/**
 * The pipeline's Delta tables that hold plan artifacts (§8.1, §8.2): plan-artifact rows (v1 JSON columns,
 * v10 msgpack columns), Hamilton event rows (v1 `event_payload_json`, v2 `event_payload_msgpack`), the
 * run manifest table and the incremental `plan_fingerprints` table. Rows come from src/core/tables; each
 * row goes through the same record readers as a file, with `/rows/<i>` pointers.
 */

import { baseName, type FileSystem } from '../fs/fileSystem';
import { readTableRows, type TableRows } from '../tables/readTableRows';
import type { ReadOptions } from './decode';
import { FieldReader } from './fields';
import { readRecord, type ArtifactRecord, type ReadArtifact } from './readArtifact';

/** Table directory names Plan Lens reads, with the artifact name their rows carry when a row does not say. */
export const PIPELINE_TABLES: Readonly<Record<string, string | undefined>> = {
  datafusion_plan_artifacts_v1: undefined,
  datafusion_plan_artifacts_v10: undefined,
  datafusion_hamilton_events_v1: undefined,
  datafusion_hamilton_events_v2: undefined,
  run_manifest: 'run_manifest_v2',
  plan_fingerprints: undefined,
};

export function isPipelineTableName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(PIPELINE_TABLES, name);
}

export async function readPipelineTable(fs: FileSystem, dir: string, options: ReadOptions = {}): Promise<ReadArtifact> {
  return pipelineTableOfRows(dir, await readTableRows(fs, dir, options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}));
}

/** The records of a pipeline table's rows already read (a caller that also verifies them reads them once). */
export function pipelineTableOfRows(dir: string, table: TableRows): ReadArtifact {
  const issues = [...table.issues];
  const records: ArtifactRecord[] = [];
  const r = new FieldReader(dir, undefined, issues);
  const hint = PIPELINE_TABLES[baseName(dir)];
  table.rows.forEach((row, i) => {
    const rec = readRecord(row, r, `/rows/${i}`, hint);
    if (rec !== undefined) records.push(rec);
  });
  r.resolvePositions();
  return { file: dir, format: 'delta', records, issues, document: { file: dir, format: 'delta', issues: [] } };
}
