/**
 * Diagnostics for open plan documents from their sessions: every issue `plan-lens analyze` reports for
 * the file, on the offending value, recomputed a quarter second after typing stops so that a burst of
 * edits is analysed once, and never published for a version that is already outdated.
 */

import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic } from '../diagnostics';
import type { PlanSessions } from './planSessions';

/** Long enough to let typing settle, short enough to feel immediate. */
const CHECK_DELAY_MS = 250;

export function registerDocumentChecks(connection: Connection, documents: TextDocuments<TextDocument>, plans: PlanSessions): void {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  const check = async (document: TextDocument): Promise<void> => {
    pending.delete(document.uri);
    const version = document.version;
    try {
      const session = await plans.get(document.uri);
      const issues = await session.issues();
      if (documents.get(document.uri)?.version !== version) return;
      await connection.sendDiagnostics({ uri: document.uri, version, diagnostics: issues.map((i) => toDiagnostic(i, session.lines())) });
    } catch (e) {
      // Readers return issues rather than throw; reaching here is a bug, reported without stopping the server.
      connection.console.error(`Plan Lens could not check ${document.uri}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  };

  documents.onDidOpen((e) => void check(e.document));
  documents.onDidChangeContent((e) => {
    clearTimeout(pending.get(e.document.uri));
    pending.set(e.document.uri, setTimeout(() => void check(e.document), CHECK_DELAY_MS));
  });
  documents.onDidClose((e) => {
    clearTimeout(pending.get(e.document.uri));
    pending.delete(e.document.uri);
    plans.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
}
