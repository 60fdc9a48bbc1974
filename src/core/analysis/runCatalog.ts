/**
 * The runs of a workspace root, for the Runs, Delta Pins and Cache Lineage views: the artifacts found by
 * the discovery globs (`planLens.artifactGlobs`/`excludeGlobs`), read once, re-read one by one as they
 * change, and joined into the plan model (runs grouped by run id and plan signature, drift, cache lineage,
 * plan-artifact rows).
 *
 * It keeps its own map of read artifacts rather than wrapping `ArtifactWorkspace` because the views need
 * each run's own schedule and which files belong to which run, which the joined model folds away; and it
 * lists task graphs without reading them: a task graph is analysed by the language server's plan session
 * when it is opened, and parsing 1,000 of them to list runs would cost seconds for nothing the views show.
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

/** Listed but not read: the plan session reads a task graph; DOT is the same graph drawn. */
const LISTED_ONLY = /(task_graph|node_link)[^/]*\.(json|dot)$|\.dot$/;

export class RunCatalog {
  /** Discovered files and tables; `undefined` for a file that is listed only. */
  private readonly artifacts = new Map<string, ReadArtifact | undefined>();
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
    for (const file of found.files) this.artifacts.set(file, await this.read(file));
    for (const table of found.tables) this.artifacts.set(table, await readPipelineTable(this.fs, table, this.options));
    this.changed();
  }

  /** Re-reads the changed paths (a file inside a known table re-reads the table); new matches are added, deleted files dropped. */
  async refresh(changedPaths: readonly string[]): Promise<void> {
    const include = new GlobSet(this.options.include ?? DEFAULT_ARTIFACT_GLOBS);
    const exclude = new GlobSet(this.options.exclude ?? DEFAULT_EXCLUDE_GLOBS);
    const prefix = this.root.endsWith('/') ? this.root : this.root + '/';
    const tables = [...this.artifacts].filter(([, a]) => a?.format === 'delta').map(([t]) => t);
    let touched = false;
    for (const p of changedPaths) {
      if (!p.startsWith(prefix)) continue;
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
    return [...this.artifacts.keys()].sort(compareCodePoints);
  }

  /** The artifacts read (listed-only files are absent), in path order. */
  get readArtifacts(): readonly ReadArtifact[] {
    return this.files.map((f) => this.artifacts.get(f)).filter((a): a is ReadArtifact => a !== undefined);
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
    return LISTED_ONLY.test(baseName(file)) ? undefined : readArtifact(this.fs, file, this.options);
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
