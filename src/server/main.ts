/**
 * The Plan Lens language server: diagnostics for plan files (node-link task graphs, schedule and
 * validation envelopes, Plan Lens bundles), computed by the core from the editor's text, so unsaved
 * edits are checked as typed (a burst of edits is checked once, after a short pause); the outline of a
 * task graph, every task and evidence node as a symbol; from any reference to a node (an id in a link, a
 * name anywhere) its definition and a hover with what the analysis knows of it; and the custom requests
 * (src/protocol/lsp.ts) the graph and the views are served by. A plan is analysed once per version
 * (plans/planSessions.ts), with its run's recorded costs, and every feature reads that analysis.
 */

import { createConnection, MarkupKind, ProposedFeatures, SymbolKind, TextDocuments, TextDocumentSyncKind, type DocumentSymbol, type Hover, type Location, type Position } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { planDocumentIssues } from '../core/analysis/documentIssues';
import { planReferenceAt, type PlanReference } from '../core/analysis/planNavigation';
import { type OutlineEntry } from '../core/analysis/planOutline';
import { fileURLToPath } from 'node:url';
import { registerPlanRequests } from './plans/planRequests';
import { PlanSessions } from './plans/planSessions';
import { LineIndex, toDiagnostic } from './diagnostics';

/** Long enough to let typing settle, short enough to feel immediate. */
const CHECK_DELAY_MS = 250;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const pending = new Map<string, ReturnType<typeof setTimeout>>();

connection.onInitialize((params) => {
  const options = params.initializationOptions as { maxFileSizeMB?: unknown } | undefined;
  if (typeof options?.maxFileSizeMB === 'number' && options.maxFileSizeMB > 0) plans.maxBytes = options.maxFileSizeMB * 1024 * 1024;
  plans.setWorkspaceRoots((params.workspaceFolders ?? []).map((f) => fileURLToPath(f.uri)).filter((p) => p !== ''));
  return {
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, documentSymbolProvider: true, definitionProvider: true, hoverProvider: true },
  };
});

const plans = new PlanSessions(documents);

/** The outline of the document's current version, from its one analysis (with its run's costs). */
async function outlineOf(document: TextDocument): Promise<OutlineEntry[]> {
  return (await plans.get(document.uri)).outline();
}

async function referenceAt(document: TextDocument | undefined, position: Position): Promise<PlanReference | undefined> {
  return document === undefined ? undefined : planReferenceAt(document.getText(), await outlineOf(document), document.offsetAt(position));
}

connection.onDefinition(async ({ textDocument, position }): Promise<Location | undefined> => {
  const document = documents.get(textDocument.uri);
  const reference = await referenceAt(document, position);
  if (document === undefined || reference === undefined) return undefined;
  return { uri: document.uri, range: { start: document.positionAt(reference.target.start), end: document.positionAt(reference.target.end) } };
});

connection.onHover(async ({ textDocument, position }): Promise<Hover | undefined> => {
  const document = documents.get(textDocument.uri);
  const reference = await referenceAt(document, position);
  if (document === undefined || reference === undefined) return undefined;
  const { target } = reference;
  return {
    contents: { kind: MarkupKind.PlainText, value: `${target.kind} ${target.name} (node ${target.id})\n${target.detail}` },
    range: { start: document.positionAt(reference.start), end: document.positionAt(reference.end) },
  };
});

connection.onDocumentSymbol(async ({ textDocument }): Promise<DocumentSymbol[]> => {
  const document = documents.get(textDocument.uri);
  if (document === undefined) return [];
  return (await outlineOf(document)).map((entry) => {
    const range = { start: document.positionAt(entry.start), end: document.positionAt(entry.end) };
    return { name: entry.name, detail: entry.detail, kind: entry.kind === 'task' ? SymbolKind.Function : SymbolKind.Variable, range, selectionRange: range };
  });
});

documents.onDidOpen((e) => void check(e.document));
documents.onDidChangeContent((e) => schedule(e.document));
documents.onDidClose((e) => {
  clearTimeout(pending.get(e.document.uri));
  pending.delete(e.document.uri);
  plans.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

function schedule(document: TextDocument): void {
  clearTimeout(pending.get(document.uri));
  pending.set(document.uri, setTimeout(() => void check(document), CHECK_DELAY_MS));
}

async function check(document: TextDocument): Promise<void> {
  pending.delete(document.uri);
  const text = document.getText();
  const version = document.version;
  try {
    const issues = await planDocumentIssues(text, fileName(document.uri));
    // A newer version is on its way to being checked: do not show stale results.
    if (documents.get(document.uri)?.version !== version) return;
    const lines = new LineIndex(text);
    await connection.sendDiagnostics({ uri: document.uri, version, diagnostics: issues.map((i) => toDiagnostic(i, lines)) });
  } catch (e) {
    // Readers return issues rather than throw; reaching here is a bug, reported without stopping the server.
    connection.console.error(`Plan Lens could not check ${document.uri}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

/** The name issues carry: the last path segment, which is what the artifact readers go by. */
function fileName(uri: string): string {
  const path = decodeURIComponent(uri.replace(/^[a-z][a-z0-9+.-]*:/i, '').replace(/[?#].*$/, ''));
  return path.slice(path.lastIndexOf('/') + 1) || path;
}

registerPlanRequests(connection, documents, plans);

documents.listen(connection);
connection.listen();
