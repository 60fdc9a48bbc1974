/**
 * Starts the Plan Lens language server (dist/server.js, Node IPC) for plan files: the contributed
 * `planlens-json` language (task graphs, plan envelopes and `*.planlens.json` bundles), saved or
 * untitled. The server's own log is the "Plan Lens Language Server" output channel.
 */

import * as vscode from 'vscode';
import { LanguageClient, LSPErrorCodes, ResponseError, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { planLanguageId } from './ids';
import { runFileGlob } from './util/runFiles';

/** What a view says when the language server could not start (the log says why). */
export const SERVER_NOT_RUNNING = 'The Plan Lens language server is not running; see Plan Lens: Show Logs.';

/** The server's answer to a request the editor cancelled (a newer one asks instead): not an error to report. */
export function isRequestCancelled(e: unknown): boolean {
  return e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled;
}

export async function startLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: planLanguageId }],
    // The server reads plans from disk too (a graph opened from the Runs view has no document): same limit,
    // and the run's artifacts beside them, which it reads again when they change.
    // Pins on s3:// tables are read with the planLens.objectStore settings (no secrets: credentials come
    // from the AWS SDK's chain in the server's environment).
    initializationOptions: { planLens: { maxFileSizeMB: vscode.workspace.getConfiguration('planLens').get<number>('maxFileSizeMB'), objectStore: vscode.workspace.getConfiguration('planLens').get('objectStore') } },
    synchronize: { configurationSection: 'planLens', fileEvents: vscode.workspace.createFileSystemWatcher(runFileGlob) },
  };
  const client = new LanguageClient('planLens', 'Plan Lens Language Server', serverOptions, clientOptions);
  await client.start();
  return client;
}
