/**
 * Any input a user can point Plan Lens at, as one model: a Plan Lens bundle, a single pipeline artifact,
 * or a directory (a run directory or a whole workspace: every matching artifact below it is read and
 * joined). Used by `plan-lens analyze`, `plan-lens bundle` and the language server.
 */

import { baseName, type FileSystem } from '../fs/fileSystem';
import { isPipelineTableName, readPipelineTable } from '../artifacts/pipelineTables';
import { issue, type PlanIssue } from '../issues';
import { buildModel } from './buildModel';
import { readBundle } from './bundle';
import { emptyModel, type PlanModel } from '../model/planModel';
import { discoverArtifacts, type DiscoveryOptions } from '../workspace/workspace';
import type { ReadOptions } from '../artifacts/decode';
import { FieldReader } from '../artifacts/fields';
import { readArtifact, type ReadArtifact } from '../artifacts/readArtifact';

export interface LoadedPlan {
  readonly model: PlanModel;
  readonly issues: readonly PlanIssue[];
  /** What was read: `bundle`, `artifact` or `directory`. */
  readonly input: 'bundle' | 'artifact' | 'directory' | 'missing';
  readonly files: readonly string[];
}

export type LoadOptions = ReadOptions &
  DiscoveryOptions & {
    /** Called before each file of a directory is read, with how many are read and how many there are. */
    readonly onProgress?: (done: number, total: number) => void;
  };

export async function loadPlanInput(fs: FileSystem, path: string, options: LoadOptions = {}): Promise<LoadedPlan> {
  const st = await fs.stat(path);
  if (st === undefined) return { model: emptyModel(), issues: [issue('error', 'file-not-found', 'no such file or directory', { file: path })], input: 'missing', files: [] };
  if (st.type === 'directory') {
    const d = await discoverArtifacts(fs, path, options);
    const artifacts: ReadArtifact[] = [];
    const total = d.files.length + d.tables.length;
    for (const f of d.files) {
      options.onProgress?.(artifacts.length, total);
      artifacts.push(await readArtifact(fs, f, options));
    }
    for (const t of d.tables) {
      options.onProgress?.(artifacts.length, total);
      artifacts.push(await readPipelineTable(fs, t, options));
    }
    if (d.files.length === 0 && d.tables.length === 0 && isPipelineTableName(baseName(path))) artifacts.push(await readPipelineTable(fs, path, options));
    const bundles = artifacts.filter((a) => a.records.some((r) => r.kind === 'planlens_bundle'));
    const rest = artifacts.filter((a) => !bundles.includes(a));
    const issues: PlanIssue[] = [...d.issues];
    if (rest.length === 0 && bundles.length === 1) return fromBundle(bundles[0], d.issues);
    if (bundles.length > 0) issues.push(issue('info', 'bundle-skipped', `${bundles.length} Plan Lens bundle(s) in the directory were not joined with its pipeline artifacts`, { file: path }));
    if (artifacts.length === 0) issues.push(issue('warning', 'no-artifacts', 'no plan artifacts found in the directory (see planLens.artifactGlobs)', { file: path }));
    const built = buildModel(rest);
    return { model: built.model, issues: [...issues, ...built.issues], input: 'directory', files: rest.map((a) => a.file) };
  }
  const a = await readArtifact(fs, path, options);
  if (a.records.some((r) => r.kind === 'planlens_bundle')) return fromBundle(a, []);
  const built = buildModel([a]);
  return { model: built.model, issues: built.issues, input: 'artifact', files: [path] };
}

function fromBundle(a: ReadArtifact, extra: readonly PlanIssue[]): LoadedPlan {
  const rec = a.records.find((r) => r.kind === 'planlens_bundle');
  const r = new FieldReader(a.file, a.document.text, [...a.issues]);
  const read = rec !== undefined && rec.kind === 'planlens_bundle' ? readBundle(rec.value, r) : { issues: r.issues };
  r.resolvePositions();
  return { model: read.model ?? emptyModel(), issues: [...extra, ...r.issues], input: 'bundle', files: [a.file] };
}
