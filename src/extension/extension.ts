/** Entry point of the extension host side. Activation is lazy: plan files, the Plan Lens views and commands. */

import * as vscode from 'vscode';
import { CommandManager } from './commands/commandManager';
import { CompareFeatures } from './compare/compareFeatures';
import type { ComparisonShown } from './compare/comparePanel';
import { targetTaskGraph } from './commands/planTarget';
import { pickRun } from './compare/runPicks';
import { GraphPanels, type GraphSent } from './graph/graphPanel';
import { startLanguageClient } from './languageClient';
import { showAnalysis } from './commands/showAnalysis';
import { Logger } from './logger';
import { watchRunFiles } from './util/runFiles';
import { PlanLensTrees } from './views/planLensTrees';
import type { LanguageClient } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
/**
 * The client once started (undefined if it could not start). Commands and views are registered before the
 * server is up, and a command run in that second (a summary asked for as the first plan opens) waits
 * for it rather than saying the server is not running.
 */
let clientStarted: (started: LanguageClient | undefined) => void = () => undefined;
const clientReady = new Promise<LanguageClient | undefined>((resolve) => (clientStarted = resolve));

/** What Plan Lens offers other extensions (and its in-editor tests, which cannot see into a webview). */
export interface PlanLensApi {
  /** A plan graph reached its panel from the language server. */
  readonly onDidSendGraph: vscode.Event<GraphSent>;
  /** A comparison of two runs reached its panel from the language server. */
  readonly onDidShowComparison: vscode.Event<ComparisonShown>;
  /** The data of the Runs, Delta Pins, Cache Lineage and Critical Path views, as the views read it. */
  readonly trees: Pick<PlanLensTrees, 'runs' | 'pins' | 'cache' | 'path'>;
}

export async function activate(context: vscode.ExtensionContext): Promise<PlanLensApi> {
  const logger = new Logger();
  context.subscriptions.push(logger);
  try {
    const api = activateFeatures(context, logger);
    // Diagnostics come from the language server; the rest of Plan Lens works without it, so a server
    // that cannot start is logged and reported, not fatal.
    client = await startLanguageClient(context).catch((e: unknown) => {
      logger.error('Cannot start the Plan Lens language server', e);
      return undefined;
    });
    clientStarted(client);
    logger.info(`Plan Lens ${String(context.extension.packageJSON.version)} activated (VS Code ${vscode.version}, ${vscode.env.appName})`);
    return api;
  } catch (e) {
    // VS Code does not tell the user when an extension fails to activate, so say it here, and rethrow so
    // the failure is also recorded as an activation error.
    logger.error('Cannot activate Plan Lens', e);
    void vscode.window.showErrorMessage(`Cannot activate Plan Lens: ${e instanceof Error ? e.message : String(e)}`, 'Show Logs').then((choice) => {
      if (choice === 'Show Logs') logger.show();
    });
    throw e;
  }
}

function activateFeatures(context: vscode.ExtensionContext, logger: Logger): PlanLensApi {
  const own = <T extends vscode.Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };
  const runFiles = watchRunFiles();
  own(runFiles.disposable);
  const server = (): Promise<LanguageClient | undefined> => clientReady;
  const graphs = own(new GraphPanels(context.extensionUri, server, logger, runFiles.event));
  const compare = own(new CompareFeatures(context.extensionUri, server, logger, graphs, runFiles.event));
  const trees = own(new PlanLensTrees(server, logger, graphs, (left, right) => compare.compareRuns(left, right), runFiles.event));
  own(
    new CommandManager(
      {
        'planLens.analysis.show': (arg) => showAnalysis(compare.summaries, arg),
        'planLens.graph.show': async (arg) => {
          const source = await targetTaskGraph(arg);
          if (source !== undefined) graphs.show(source);
        },
        'planLens.graph.compare': async (arg, baseline) => {
          // The plan graph itself, its comparison layer on: added tasks outlined, changed costs filled.
          const source = await targetTaskGraph(arg);
          const against = source === undefined ? undefined : baseline instanceof vscode.Uri ? baseline : await pickRun('Baseline run to draw the plan graph against', source);
          if (source !== undefined && against !== undefined) graphs.show(source, against);
        },
        'planLens.compare.runs': (left, right) => compare.compareRuns(left, right),
        'planLens.compare.with': (clicked, selected) => compare.compareWith(clicked, selected),
        'planLens.logs.show': () => logger.show(),
        'planLens.runs.refresh': () => trees.refresh(),
        'planLens.runs.openGraph': (node) => trees.openGraph(node),
        'planLens.runs.openSummary': (node) => trees.openSummary(node),
        'planLens.runs.openFile': (node) => trees.openFile(node),
        'planLens.runs.revealFile': (node) => trees.revealFile(node),
        'planLens.runs.compare': (node, selected) => trees.compare(node, selected),
      },
      logger,
    ),
  );
  return { onDidSendGraph: graphs.onDidSendGraph, onDidShowComparison: compare.panels.onDidShowComparison, trees };
}

export function deactivate(): Thenable<void> | undefined {
  // Everything else is owned by context.subscriptions, which VS Code disposes; the client stops here so
  // that its server process ends with the extension host.
  return client?.stop();
}
