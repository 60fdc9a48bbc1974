/**
 * The plan-artifact rows (`.artifacts/datafusion_plan_artifacts_v*`, artifact-formats.md §5.2) of the
 * workspace a plan is in, by plan fingerprint: the row a task's links name is the one that describes the
 * task as that run planned it (settings, UDFs, rewrite tags), whichever run wrote it. Read once per
 * workspace and kept until a file of the table changes; files over the default size limit are passed over.
 */

import * as path from 'node:path';
import { pipelineTableOfRows } from '../../core/artifacts/pipelineTables';
import { DEFAULT_MAX_FILE_BYTES } from '../../core/json/parseJson';
import type { ViewPlan } from '../../core/model/planModel';
import { readTableRows } from '../../core/tables/readTableRows';
import { compareCodePoints } from '../../core/text/compareCodePoints';
import { nodeFileSystem } from '../../node/nodeFileSystem';

const PLAN_ARTIFACT_TABLE = /^datafusion_plan_artifacts_v\d+$/;
/** How far up from the run folder the workspace's `.artifacts` folder is looked for (as the run context does). */
const ANCESTOR_LEVELS = 6;

export class ViewPlanRows {
  private readonly byArtifacts = new Map<string, Promise<ReadonlyMap<string, ViewPlan>>>();

  /** Rows by fingerprint for the plan file at `planPath` (empty outside a pipeline workspace). */
  of(planPath: string): Promise<ReadonlyMap<string, ViewPlan>> {
    const artifacts = artifactsFolderOf(planPath);
    if (artifacts === undefined) return Promise.resolve(new Map());
    let rows = this.byArtifacts.get(artifacts);
    if (rows === undefined) {
      rows = this.read(artifacts).catch(() => new Map());
      this.byArtifacts.set(artifacts, rows);
    }
    return rows;
  }

  /** A file changed: rows read from a table that holds it are read again when next asked for. */
  fileChanged(file: string): void {
    for (const artifacts of this.byArtifacts.keys()) if (file.startsWith(artifacts + path.sep)) this.byArtifacts.delete(artifacts);
  }

  private async read(artifacts: string): Promise<ReadonlyMap<string, ViewPlan>> {
    const entries = await nodeFileSystem.readDirectory(artifacts).catch(() => []);
    const tables = entries.filter((e) => e.type === 'directory' && PLAN_ARTIFACT_TABLE.test(e.name)).map((e) => path.join(artifacts, e.name)).sort(compareCodePoints);
    const byFingerprint = new Map<string, ViewPlan>();
    for (const table of tables) {
      const rows = await readTableRows(nodeFileSystem, table, { maxBytes: DEFAULT_MAX_FILE_BYTES });
      for (const record of pipelineTableOfRows(table, rows).records) if (record.kind === 'plan_artifact_row') byFingerprint.set(record.value.planFingerprint, record.value);
    }
    return byFingerprint;
  }
}

function artifactsFolderOf(planPath: string): string | undefined {
  for (let dir = path.dirname(planPath), level = 0; level < ANCESTOR_LEVELS && dir !== path.dirname(dir); dir = path.dirname(dir), level++) {
    if (path.basename(dir) === '.artifacts') return dir;
  }
  return undefined;
}
