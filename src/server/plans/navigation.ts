/**
 * The editor's navigation in a plan file, from its one session: the outline (every task and evidence
 * node at its name, tasks with the cost, slack and critical path step the graph shows), go to definition
 * from any reference to a node, and a hover that says what the node is and which costs weighed it.
 */

import { MarkupKind, SymbolKind, type Connection, type DocumentSymbol, type Hover, type Location, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { costSourceText } from '../../core/analysis/costSource';
import { planReferenceAt, type PlanReference } from '../../core/analysis/planNavigation';
import type { OutlineEntry } from '../../core/analysis/planOutline';
import type { PlanSession, PlanSessions } from './planSessions';

/** What a hover on a reference to a node says: the node, the analysis' facts of it, and which costs weighed it. */
export function hoverText(session: PlanSession, target: OutlineEntry): string {
  const costs = target.kind === 'task' && session.analysis !== undefined ? `\ntask costs: ${costSourceText(session.costSource, session.analysis.tasks.length)}` : '';
  return `${target.kind} ${target.name} (node ${target.id})\n${target.detail}${costs}`;
}

export function registerNavigation(connection: Connection, documents: TextDocuments<TextDocument>, plans: PlanSessions): void {
  const referenceAt = async (uri: string, position: { line: number; character: number }): Promise<{ session: PlanSession; reference: PlanReference } | undefined> => {
    if (documents.get(uri) === undefined) return undefined;
    const session = await plans.get(uri);
    const reference = planReferenceAt(session.text, session.outline(), session.lines().offset(position));
    return reference === undefined ? undefined : { session, reference };
  };

  connection.onDefinition(async ({ textDocument, position }): Promise<Location | undefined> => {
    const found = await referenceAt(textDocument.uri, position);
    if (found === undefined) return undefined;
    const { session, reference } = found;
    return { uri: textDocument.uri, range: { start: session.lines().position(reference.target.start), end: session.lines().position(reference.target.end) } };
  });

  connection.onHover(async ({ textDocument, position }): Promise<Hover | undefined> => {
    const found = await referenceAt(textDocument.uri, position);
    if (found === undefined) return undefined;
    const { session, reference } = found;
    return {
      contents: { kind: MarkupKind.PlainText, value: hoverText(session, reference.target) },
      range: { start: session.lines().position(reference.start), end: session.lines().position(reference.end) },
    };
  });

  connection.onDocumentSymbol(async ({ textDocument }): Promise<DocumentSymbol[]> => {
    if (documents.get(textDocument.uri) === undefined) return [];
    const session = await plans.get(textDocument.uri);
    return session.outline().map((entry) => {
      const range = { start: session.lines().position(entry.start), end: session.lines().position(entry.end) };
      return { name: entry.name, detail: entry.detail, kind: entry.kind === 'task' ? SymbolKind.Function : SymbolKind.Variable, range, selectionRange: range };
    });
  });
}
