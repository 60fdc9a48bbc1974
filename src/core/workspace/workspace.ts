/**
 * Workspace discovery: finds the pipeline's plan artifacts under a root by configurable globs (the
 * settings `planLens.artifactGlobs` and `planLens.excludeGlobs`; the defaults cover the plan files of
 * planFiles.ts anywhere, the pipeline's `.artifacts/` and `build/` layouts, run bundles and cache
 * lineage) and the pipeline's Delta tables by folder name. File access is injected, so the language
 * server, the CLI and the tests share this code. O(entries walked).
 */

import { joinPath, type FileSystem } from '../fs/fileSystem';
import { issue, type PlanIssue } from '../issues';
import { isPipelineTableName } from '../artifacts/pipelineTables';
import { compareCodePoints } from '../text/compareCodePoints';
import { GlobSet } from './glob';
import { PLAN_FILE_PATTERNS } from './planFiles';

/** Defaults for `planLens.artifactGlobs`: the plan files anywhere, and the rest of the pipeline's artifacts. */
export const DEFAULT_ARTIFACT_GLOBS: readonly string[] = [
  ...PLAN_FILE_PATTERNS.map((pattern) => `**/${pattern}`),
  '**/{plan_schedule,plan_validation,run_manifest,hamilton_,plan_expected_tasks,plan_artifact,datafusion_hamilton_events,datafusion_plan_artifacts}*.{json,jsonl,msgpack,msgpack.b64}',
  '**/{cli_plan_output,plan_output,plan,task_graph,node_link,diagnostics}*.{json,dot}',
  '**/cache_lineage.json',
  '**/cache_lineage/*.jsonl',
  '**/lineage/*.jsonl',
  '.artifacts/**/*.{json,jsonl,msgpack,msgpack.b64}',
  'build/plan/**/*.{json,jsonl,msgpack,msgpack.b64,dot}',
  'build/run_bundle/**/*.{json,jsonl,msgpack,msgpack.b64}',
];

/** Defaults for `planLens.excludeGlobs`: Delta logs and data, caches, dependencies. */
export const DEFAULT_EXCLUDE_GLOBS: readonly string[] = ['**/node_modules/**', '**/.git/**', '**/_delta_log/**', '**/*.parquet', '**/results/**', '**/meta.sqlite/**', '**/otel_*.json'];

export interface DiscoveryOptions {
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  /** Directory levels below the root to walk. */
  readonly maxDepth?: number;
  /** Stop after this many files, with a warning. */
  readonly maxFiles?: number;
}

export interface Discovery {
  /** Matching files, sorted, as paths joined to the root. */
  readonly files: readonly string[];
  /** The pipeline's Delta table directories (plan artifacts, events, run manifest, plan fingerprints). */
  readonly tables: readonly string[];
  readonly issues: PlanIssue[];
}

export async function discoverArtifacts(fs: FileSystem, root: string, options: DiscoveryOptions = {}): Promise<Discovery> {
  const include = new GlobSet(options.include ?? DEFAULT_ARTIFACT_GLOBS);
  const exclude = new GlobSet(options.exclude ?? DEFAULT_EXCLUDE_GLOBS);
  const maxDepth = options.maxDepth ?? 12;
  const maxFiles = options.maxFiles ?? 10_000;
  const files: string[] = [];
  const tables: string[] = [];
  const issues: PlanIssue[] = [];
  // Breadth-first with an explicit queue: no recursion, and a symlink loop is bounded by maxDepth.
  const queue: { rel: string; depth: number }[] = [{ rel: '', depth: 0 }];
  while (queue.length > 0) {
    const { rel, depth } = queue.shift() as { rel: string; depth: number };
    let entries;
    try {
      entries = await fs.readDirectory(rel === '' ? root : joinPath(root, rel));
    } catch (e) {
      issues.push(issue('warning', 'unreadable-directory', `cannot list the directory: ${e instanceof Error ? e.message : String(e)}`, { file: rel === '' ? root : joinPath(root, rel) }));
      continue;
    }
    for (const entry of [...entries].sort((a, b) => compareCodePoints(a.name, b.name))) {
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (exclude.matches(childRel) || exclude.matches(childRel + '/')) continue;
      if (entry.type === 'directory') {
        if (isPipelineTableName(entry.name) && (await fs.stat(joinPath(root, childRel, '_delta_log')))?.type === 'directory') tables.push(joinPath(root, childRel));
        else if (depth < maxDepth) queue.push({ rel: childRel, depth: depth + 1 });
      } else if (entry.type === 'file' && include.matches(childRel)) {
        if (files.length >= maxFiles) {
          issues.push(issue('warning', 'too-many-files', `more than ${maxFiles} artifact files under the root; the rest are ignored`, { file: root }));
          return { files, tables, issues };
        }
        files.push(joinPath(root, childRel));
      }
    }
  }
  files.sort(compareCodePoints);
  tables.sort(compareCodePoints);
  return { files, tables, issues };
}
