/**
 * One analysis per plan version, in the language server: the text (the open document's, unsaved edits
 * included, else the file from disk, size-checked first, so a 100k-task plan opens without a text editor),
 * read and analysed once with its run's context (recorded costs, drift, cache status); diagnostics, the
 * outline, hover, definitions, the graph, task details, the summary and navigation all read the same
 * session. A session is keyed by the document version, or by the file's mtime and size when it is not
 * open, and by its run context, which is dropped when a file of the run changes.
 */

import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeNodeLinkGraph, type PlanAnalysis } from '../../core/analysis/analyzePlan';
import { costSourceOf, type CostSource } from '../../core/analysis/costSource';
import { artifactDocumentIssues } from '../../core/analysis/documentIssues';
import { outlineOf, type OutlineEntry } from '../../core/analysis/planOutline';
import { artifactsFolderOf, isProvenanceInput, PlanProvenance } from '../../core/analysis/planProvenance';
import { runContextOf, type RunContext } from '../../core/analysis/runContext';
import type { PlanIssue } from '../../core/issues';
import { DEFAULT_MAX_FILE_BYTES } from '../../core/json/parseJson';
import { readNodeLinkText } from '../../core/readers/nodeLink';
import type { NodeLinkGraph } from '../../core/readers/nodeLinkGraph';
import { nodeFileSystem } from '../../node/nodeFileSystem';
import { dataRootOf, s3SettingsOf, s3Store } from '../../node/nodeObjectStore';
import { nodeSha256 } from '../../node/nodeSha256';
import { LineIndex } from '../diagnostics';
import { readPlanFile, type PlanFileText } from './readPlanFile';

export interface PlanSession {
  readonly uri: string;
  /** Workspace-relative path, as views show it. */
  readonly title: string;
  readonly text: string;
  readonly graph?: NodeLinkGraph;
  readonly analysis?: PlanAnalysis;
  readonly context?: RunContext;
  readonly costSource: CostSource;
  /** Why there is no graph (unreadable, too large, not a task graph). */
  readonly problem?: string;
  /** What diagnostics show for this version. */
  issues(): Promise<PlanIssue[]>;
  outline(): OutlineEntry[];
  lines(): LineIndex;
  /** What the workspace confirms of its tasks (fingerprints, Delta pins); read on first use. */
  provenance(): Promise<PlanProvenance | undefined>;
}

/** Sessions of plans that are not open, kept for the graphs and summaries showing them. */
const KEPT_CLOSED_PLANS = 4;

export class PlanSessions {
  private readonly sessions = new Map<string, { readonly key: string; readonly session: Promise<PlanSession> }>();
  /** Run contexts by plan path: shared by every version of the plan until a run file changes. */
  private readonly contexts = new Map<string, Promise<RunContext>>();
  /**
   * Provenance by `.artifacts` folder: one for every plan of a workspace and for the Delta Pins view, so a
   * pin read for a task's details is not read again for the view (and the other way round).
   */
  private readonly provenances = new Map<string, Promise<PlanProvenance>>();
  private roots: string[] = [];
  private maxBytes = DEFAULT_MAX_FILE_BYTES;
  /** Pins on `s3://` tables are read through this store (`planLens.objectStore.*`). */
  private s3 = s3Store({});
  /** `planLens.objectStore.dataRoot`: where relative data paths live when not beside `.artifacts`. */
  private dataRoot: string | undefined;
  /** The object-store settings the store and data root were made from, to tell a change from a repeat. */
  private objectStoreSettings = JSON.stringify([{}, null]);

  constructor(private readonly documents: Pick<TextDocuments<TextDocument>, 'get'>) {}

  setWorkspaceRoots(roots: readonly string[]): void {
    this.roots = [...roots];
  }

  /** `planLens.maxFileSizeMB` changed: plans read from disk are read again under the new limit. */
  setMaxFileSizeMB(mb: unknown): void {
    const bytes = typeof mb === 'number' && Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : DEFAULT_MAX_FILE_BYTES;
    if (bytes === this.maxBytes) return;
    this.maxBytes = bytes;
    this.sessions.clear();
    this.contexts.clear();
    this.provenances.clear();
  }

  /**
   * `planLens.objectStore` (the store and the data root) changed: pins are resolved again, for task details
   * and the Delta Pins view alike, through a store with the new settings. Another setting's change is not
   * one of these: the states read so far are kept.
   */
  setObjectStore(settings: unknown): void {
    const s3 = s3SettingsOf(settings);
    const dataRoot = dataRootOf(settings);
    const key = JSON.stringify([s3, dataRoot ?? null]);
    if (key === this.objectStoreSettings) return;
    this.objectStoreSettings = key;
    this.s3 = s3Store(s3);
    this.dataRoot = dataRoot;
    this.provenances.clear();
  }

  /** The session of the plan's current version (computed once, then shared). */
  async get(uri: string): Promise<PlanSession> {
    const open = this.documents.get(uri);
    const file = filePath(uri);
    let key: string;
    if (open !== undefined) key = `v${open.version}`;
    else {
      const s = file === undefined ? undefined : await stat(file).catch(() => undefined);
      key = s === undefined ? 'missing' : `f${s.mtimeMs}:${s.size}`;
    }
    const known = this.sessions.get(uri);
    if (known?.key === key) return known.session;
    const session = this.load(uri, file, open);
    this.sessions.delete(uri);
    this.sessions.set(uri, { key, session });
    this.evictClosedPlans();
    return session;
  }

  /** The document closed: its next session reads the file from disk. */
  forget(uri: string): void {
    this.sessions.delete(uri);
  }

  /** A file changed on disk: the sessions whose run context or provenance read it (or its folder) are redone. */
  fileChanged(changedUri: string): void {
    const changed = filePath(changedUri);
    if (changed === undefined) return;
    const folder = path.dirname(changed);
    for (const [plan, context] of this.contexts) {
      void context.then((c) => {
        if (path.dirname(plan) !== folder && !c.files.includes(changed)) return;
        if (this.contexts.get(plan) === context) this.contexts.delete(plan);
        this.dropSessionsOf(plan);
      });
    }
    // A provenance reads only the Delta tables and the plan-artifacts table: a new run's other files
    // leave its pin states (and its index of a thousand runs' rows) as they are.
    if (!isProvenanceInput(changed)) return;
    for (const artifacts of this.provenances.keys()) if (changed.startsWith(path.dirname(artifacts) + path.sep)) this.provenances.delete(artifacts);
  }

  /** The provenance of the workspace whose `.artifacts` folder is `artifactsDir` (read once, then shared). */
  provenanceIn(artifactsDir: string): Promise<PlanProvenance> {
    const key = path.resolve(artifactsDir);
    let provenance = this.provenances.get(key);
    if (provenance === undefined) {
      provenance = PlanProvenance.inArtifacts(nodeFileSystem, key, this.maxBytes, { s3: this.s3, ...(this.dataRoot === undefined ? {} : { dataRoot: this.dataRoot }) });
      this.provenances.set(key, provenance);
    }
    return provenance;
  }

  /** A file path relative to the workspace folder that holds it (else the absolute path). */
  relative(file: string): string {
    for (const root of this.roots) {
      const rel = path.relative(root, file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
    }
    return file;
  }

  /** Plans read from disk are kept while few: a 100k-task plan's session holds some 400 MB. */
  private evictClosedPlans(): void {
    // The map is in order of last (re)computation: the oldest go first.
    const closed = [...this.sessions.keys()].filter((uri) => this.documents.get(uri) === undefined);
    for (const uri of closed.slice(0, Math.max(0, closed.length - KEPT_CLOSED_PLANS))) this.sessions.delete(uri);
  }

  private dropSessionsOf(plan: string): void {
    for (const uri of this.sessions.keys()) if (filePath(uri) === plan) this.sessions.delete(uri);
  }

  private contextOf(file: string): Promise<RunContext> {
    let context = this.contexts.get(file);
    if (context === undefined) {
      context = runContextOf(nodeFileSystem, file, this.maxBytes).catch((e: unknown): RunContext => ({ runId: '', noCosts: `the run's artifacts cannot be read: ${e instanceof Error ? e.message : String(e)}`, files: [] }));
      this.contexts.set(file, context);
    }
    return context;
  }

  /** A plan's provenance: its workspace's, else one that says why nothing can be checked (nothing is read). */
  private provenanceOf(file: string): Promise<PlanProvenance> {
    const artifacts = artifactsFolderOf(file);
    return artifacts === undefined ? PlanProvenance.of(nodeFileSystem, file, this.maxBytes) : this.provenanceIn(artifacts);
  }

  private async load(uri: string, file: string | undefined, open: TextDocument | undefined): Promise<PlanSession> {
    const title = file === undefined ? uri : this.relative(file);
    const name = path.basename(file ?? uri);
    const read: PlanFileText = open !== undefined ? { text: open.getText() } : file === undefined ? { problem: `${uri}: only files on disk or open documents can be read`, issues: [] } : await readPlanFile(file, title, this.maxBytes);
    let lines: LineIndex | undefined;
    const base = {
      uri,
      title,
      text: read.text ?? '',
      lines: () => (lines ??= new LineIndex(read.text ?? '')),
      provenance: async () => (file === undefined ? undefined : this.provenanceOf(file)),
    };
    if (read.text === undefined) {
      const problem = read.problem ?? `${title} cannot be read`;
      return { ...base, costSource: { kind: 'priority' }, problem, issues: async () => [...(read.issues ?? [])], outline: () => [] };
    }
    const text = read.text;
    const nodeLink = readNodeLinkText(text, name);
    if (nodeLink.graph === undefined) {
      const notTaskGraph = nodeLink.issues.some((i) => i.code === 'not-node-link');
      const problem = nodeLink.issues[0]?.message ?? `${title} is not a task graph`;
      // Schedules, validations and bundles are checked as their own kind of artifact.
      return { ...base, costSource: { kind: 'priority' }, problem, issues: async () => (notTaskGraph ? artifactDocumentIssues(text, name) : nodeLink.issues), outline: () => [] };
    }
    const context = file === undefined ? undefined : await this.contextOf(file);
    const analysis = analyzeNodeLinkGraph(nodeLink.graph, nodeLink.issues, { costs: context?.costs?.costs, sha256: nodeSha256 }, text);
    const costSource = costSourceOf(analysis, context?.costs === undefined ? undefined : this.relative(context.costs.file), context?.noCosts ?? 'an unsaved plan has no run');
    const graph = nodeLink.graph;
    let outline: OutlineEntry[] | undefined;
    return {
      ...base,
      graph,
      analysis,
      ...(context === undefined ? {} : { context }),
      costSource,
      issues: async () => analysis.issues,
      outline: () => (outline ??= outlineOf(graph, analysis, text, name)),
    };
  }
}

/** The file a `file:` URI names; undefined for other schemes (untitled documents, virtual file systems). */
export function filePath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}
