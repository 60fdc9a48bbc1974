/**
 * One analysis per plan version, in the language server: the text (the open document's, unsaved edits
 * included, else the file from disk, size-checked first, so a 100k-task plan opens without a text editor),
 * read and analysed once with its run's context (recorded costs, drift); the outline, hover, definitions,
 * the graph, task details and navigation all read the same session. Keyed by document version, or by
 * the file's mtime and size when it is not open.
 */

import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeNodeLinkGraph, type PlanAnalysis } from '../../core/analysis/analyzePlan';
import { outlineOf, type OutlineEntry } from '../../core/analysis/planOutline';
import { runContextOf, type RunContext } from '../../core/analysis/runContext';
import { decodeUtf8, sizeLimitIssue } from '../../core/json/parseJson';
import { readNodeLinkText, type NodeLinkGraph } from '../../core/readers/nodeLink';
import type { CostSource } from '../../protocol/graphPayload';
import { nodeFileSystem } from '../../node/nodeFileSystem';
import { nodeSha256 } from '../../node/nodeSha256';

export interface PlanSession {
  readonly uri: string;
  /** Workspace-relative path, as views show it. */
  readonly title: string;
  readonly text: string;
  readonly graph?: NodeLinkGraph;
  readonly analysis?: PlanAnalysis;
  readonly context: RunContext;
  readonly costSource: CostSource;
  /** Why there is no graph (unreadable, too large, not a task graph). */
  readonly problem?: string;
  outline(): OutlineEntry[];
}

export class PlanSessions {
  private readonly sessions = new Map<string, { readonly key: string; readonly session: Promise<PlanSession> }>();
  private roots: string[] = [];
  maxBytes = 256 * 1024 * 1024;

  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  setWorkspaceRoots(roots: readonly string[]): void {
    this.roots = [...roots];
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
    this.sessions.set(uri, { key, session });
    return session;
  }

  forget(uri: string): void {
    this.sessions.delete(uri);
  }

  /** A file path relative to the workspace folder that holds it (else the absolute path). */
  relative(file: string): string {
    for (const root of this.roots) {
      const rel = path.relative(root, file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
    }
    return file;
  }

  private async load(uri: string, file: string | undefined, open: TextDocument | undefined): Promise<PlanSession> {
    const title = file === undefined ? uri : this.relative(file);
    const name = path.basename(file ?? uri);
    const priority: CostSource = { kind: 'priority' };
    const failed = (problem: string): PlanSession => ({ uri, title, text: '', context: {}, costSource: priority, problem, outline: () => [] });
    let text: string;
    if (open !== undefined) text = open.getText();
    else {
      if (file === undefined) return failed(`${uri}: only files can be read`);
      const s = await stat(file).catch(() => undefined);
      if (s === undefined) return failed(`${title}: no such file`);
      if (s.size > this.maxBytes) return failed(sizeLimitIssue(title, s.size, this.maxBytes).message);
      const decoded = decodeUtf8(await readFile(file), title);
      if (decoded.text === undefined) return failed(decoded.issues[0]?.message ?? `${title}: not UTF-8`);
      text = decoded.text;
    }
    const context = file === undefined ? {} : await runContextOf(nodeFileSystem, file, this.maxBytes).catch((): RunContext => ({}));
    const read = readNodeLinkText(text, name);
    if (read.graph === undefined) return { ...failed(read.issues[0]?.message ?? `${title}: not a task graph`), text, context };
    const costs = context.costs?.costs;
    const analysis = analyzeNodeLinkGraph(read.graph, read.issues, { costs, sha256: nodeSha256 }, text);
    const costSource: CostSource = context.costs === undefined ? priority : { kind: 'recorded', file: this.relative(context.costs.file), recordedTasks: analysis.recordedCosts };
    const graph = read.graph;
    let outline: OutlineEntry[] | undefined;
    return { uri, title, text, graph, analysis, context, costSource, outline: () => (outline ??= outlineOf(graph, analysis, text, name)) };
  }
}

function filePath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}
