/**
 * The Plan Lens language server. Every feature reads one analysis per plan version (plans/planSessions.ts,
 * with the run's recorded costs, drift and cache status): diagnostics for plan files as typed, the
 * outline, definitions and hovers of a task graph, and the custom requests (src/protocol/lsp.ts) the plan
 * graph, task details and the summary are served by, also for plans that are not open in an editor.
 */

import { fileURLToPath } from 'node:url';
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { registerCompareRequest } from './compare/compareRequest';
import { registerDocumentChecks } from './plans/documentChecks';
import { registerNavigation } from './plans/navigation';
import { registerPlanRequests } from './plans/planRequests';
import { PlanSessions } from './plans/planSessions';
import { registerTreeRequests } from './trees/treeRequests';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const plans = new PlanSessions(documents);
const trees = registerTreeRequests(connection, plans);
const comparisons = registerCompareRequest(connection, plans);

/** What the client sends as initializationOptions and with workspace/didChangeConfiguration. */
interface PlanLensSettings {
  readonly planLens?: { readonly maxFileSizeMB?: unknown; readonly objectStore?: unknown };
}

connection.onInitialize((params) => {
  plans.setMaxFileSizeMB((params.initializationOptions as PlanLensSettings | undefined)?.planLens?.maxFileSizeMB);
  plans.setObjectStore((params.initializationOptions as PlanLensSettings | undefined)?.planLens?.objectStore);
  plans.setWorkspaceRoots((params.workspaceFolders ?? []).filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri)));
  return { capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, documentSymbolProvider: true, definitionProvider: true, hoverProvider: true } };
});
connection.onDidChangeConfiguration(({ settings }) => {
  plans.setMaxFileSizeMB((settings as PlanLensSettings | undefined)?.planLens?.maxFileSizeMB);
  plans.setObjectStore((settings as PlanLensSettings | undefined)?.planLens?.objectStore);
});
// A run's artifacts (a new schedule, a regenerated plan) change what its plans' sessions hold.
connection.onDidChangeWatchedFiles(({ changes }) => {
  for (const change of changes) {
    plans.fileChanged(change.uri);
    comparisons.fileChanged(change.uri);
    trees.fileChanged(change.uri);
  }
});

registerDocumentChecks(connection, documents, plans);
registerNavigation(connection, documents, plans);
registerPlanRequests(connection, plans);

documents.listen(connection);
connection.listen();
