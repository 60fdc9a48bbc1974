/**
 * The runs of a workspace root, for the Runs, Delta Pins and Cache Lineage views: the artifacts found by
 * the discovery globs (`planLens.artifactGlobs`/`excludeGlobs`), read once, re-read one by one as they
 * change, and joined into the plan model (runs grouped by run id and plan signature, drift, cache lineage,
 * plan-artifact rows).
 *
 * It keeps the read artifacts, not only the joined model: the views need each run's own schedule and
 * which files belong to which run, which the model folds away. It lists task graphs without reading them:
 * a task graph is analysed by the language server's plan session when it is opened, and parsing 1,000 of
 * them to list runs would cost seconds for nothing the views show.
 */

import { readArtifact, type ReadArtifact } from '../artifacts/readArtifact';
import { readPipelineTable } from '../artifacts/pipelineTables';
import type { ReadOptions } from '../artifacts/decode';
import { baseName, dirName, type FileSystem } from '../fs/fileSystem';
import type { PlanIssue } from '../issues';
import { buildModel, type BuiltModel } from '../load/buildModel';
import { compareCodePoints } from '../text/compareCodePoints';
import { DEFAULT_ARTIFACT_GLOBS, DEFAULT_EXCLUDE_GLOBS, discoverArtifacts, type DiscoveryOptions } from '../workspace/workspace';
import { GlobSet } from '../workspace/glob';

export interface RunCatalogOptions extends DiscoveryOptions, ReadOptions {}

/**
 * Listed but not read: the plan session reads a task graph; DOT is the same graph drawn; a validation
 * says nothing the views show; a `.msgpack` envelope is the same record as the `.json` one the pipeline
 * writes beside it. Reading them would double the first scan of a large workspace (1,000 runs: 3 s).
 */
const LISTED_ONLY = /(task_graph|node_link)[^/]*\.(json|dot)$|\.dot$|plan_validation[^/]*$/;

/** Read when first asked for (`deferredTables`). */
const DEFERRED_TABLE = /^datafusion_plan_artifacts_v\d+$/;
/** Files read at once: their reads overlap while the last ones are parsed. */
const READ_BATCH = 32;

export class RunCatalog {
  /** Discovered files and tables; `undefined` for a file that is listed only. */
  private readonly artifacts = new Map<string, ReadArtifact | undefined>();
  /** Plan-artifacts tables: `undefined` until first asked for (and again after they change). */
  private readonly deferred = new Map<string, ReadArtifact | undefined>();
  private discoveryIssues: PlanIssue[] = [];
  private built: BuiltModel | undefined;
  private generation = 0;

  constructor(
    private readonly fs: FileSystem,
    readonly root: string,
    private readonly options: RunCatalogOptions = {},
  ) {}

  /** Bumped on every scan or refresh: derived views compare it to know they are stale. */
  get version(): number {
    return this.generation;
  }

  async scan(): Promise<void> {
    const found = await discoverArtifacts(this.fs, this.root, this.options);
    this.discoveryIssues = found.issues;
    this.artifacts.clear();
    this.deferred.clear();
    const read = await inBatches(found.files, READ_BATCH, (file) => this.read(file));
    found.files.forEach((file, i) => this.artifacts.set(file, read[i]));
    for (const table of found.tables) {
      if (DEFERRED_TABLE.test(baseName(table))) this.deferred.set(table, undefined);
      else this.artifacts.set(table, await readPipelineTable(this.fs, table, this.options));
    }
    this.changed();
  }

  /**
   * The plan-artifacts tables (one row per view per run: plan text, pins, scan units), read on first
   * use: only the Delta Pins view needs them, and they are the largest thing a workspace holds.
   */
  async deferredTables(): Promise<ReadArtifact[]> {
    const out: ReadArtifact[] = [];
    for (const [table, known] of this.deferred) {
      const artifact = known ?? (await readPipelineTable(this.fs, table, this.options));
      this.deferred.set(table, artifact);
      out.push(artifact);
    }
    return out;
  }

  /** Re-reads the changed paths (a file inside a known table re-reads the table); new matches are added, deleted files dropped. */
  async refresh(changedPaths: readonly string[]): Promise<void> {
    const include = new GlobSet(this.options.include ?? DEFAULT_ARTIFACT_GLOBS);
    const exclude = new GlobSet(this.options.exclude ?? DEFAULT_EXCLUDE_GLOBS);
    const prefix = this.root.endsWith('/') ? this.root : this.root + '/';
    const tables = [...this.artifacts].filter(([, a]) => a?.format === 'delta').map(([t]) => t);
    const deferred = [...this.deferred.keys()];
    let touched = false;
    for (const p of changedPaths) {
      if (!p.startsWith(prefix)) continue;
      const later = deferred.find((t) => p.startsWith(t + '/'));
      if (later !== undefined) {
        this.deferred.set(later, undefined);
        touched = true;
        continue;
      }
      const table = tables.find((t) => p.startsWith(t + '/'));
      if (table !== undefined) {
        this.artifacts.set(table, await readPipelineTable(this.fs, table, this.options));
        touched = true;
        continue;
      }
      const rel = p.slice(prefix.length);
      if (!include.matches(rel) || exclude.matches(rel)) continue;
      const stat = await this.fs.stat(p);
      if (stat?.type === 'file') this.artifacts.set(p, await this.read(p));
      else this.artifacts.delete(p);
      touched = true;
    }
    if (touched) this.changed();
  }

  /** Every discovered path (files and table folders), sorted. */
  get files(): readonly string[] {
    return [...this.artifacts.keys(), ...this.deferred.keys()].sort(compareCodePoints);
  }

  /** The artifacts read (listed-only files are absent), in path order. */
  get readArtifacts(): readonly ReadArtifact[] {
    return [...this.artifacts.keys()]
      .sort(compareCodePoints)
      .map((f) => this.artifacts.get(f))
      .filter((a): a is ReadArtifact => a !== undefined);
  }

  /** The joined model of the read artifacts (built on first use after a change). */
  get model(): BuiltModel {
    this.built ??= this.build();
    return this.built;
  }

  private build(): BuiltModel {
    const built = buildModel(this.readArtifacts.filter((a) => !a.records.some((r) => r.kind === 'planlens_bundle')));
    return { model: built.model, issues: [...this.discoveryIssues, ...built.issues] };
  }

  private changed(): void {
    this.built = undefined;
    this.generation++;
  }

  private async read(file: string): Promise<ReadArtifact | undefined> {
    if (LISTED_ONLY.test(baseName(file))) return undefined;
    if (file.endsWith('.msgpack') && (await this.fs.stat(file.slice(0, -'.msgpack'.length) + '.json'))?.type === 'file') return undefined;
    return readArtifact(this.fs, file, this.options);
  }
}

/** Whether a path names a node-link task graph (the file the plan graph opens). */
export function isTaskGraphPath(path: string): boolean {
  return /(task_graph|node_link)[^/]*\.json$/.test(baseName(path));
}

/** The folder a file is in, by name: the pipeline writes a run's artifacts to folders named by its run id. */
export function folderNameOf(path: string): string {
  return baseName(dirName(path));
}

/** `work` over `items`, `size` at a time, results in order (a hand-written pool: ten lines, no dependency). */
async function inBatches<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}
