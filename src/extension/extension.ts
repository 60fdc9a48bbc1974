/** Entry point of the extension host side. Activation is lazy: plan files, the Plan Lens views and commands. */

import * as vscode from 'vscode';
import { AnalysisDocuments } from './analysis/analysisDocuments';
import { summarizePlan } from './analysis/summarizePlan';
import { CommandManager } from './commands/commandManager';
import { showAnalysis } from './commands/showAnalysis';
import { Logger } from './logger';
import { PlanFilesTree } from './views/planFilesTree';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const logger = new Logger();
  context.subscriptions.push(logger);
  try {
    activateFeatures(context, logger);
    logger.info(`Plan Lens ${String(context.extension.packageJSON.version)} activated (VS Code ${vscode.version}, ${vscode.env.appName})`);
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

function activateFeatures(context: vscode.ExtensionContext, logger: Logger): void {
  const own = <T extends vscode.Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };
  own(new AnalysisDocuments(summarizePlan));
  const planFiles = own(new PlanFilesTree());
  own(vscode.window.createTreeView('planLens.planFiles', { treeDataProvider: planFiles, showCollapseAll: false }));
  own(
    new CommandManager(
      {
        'planLens.analysis.show': (arg) => showAnalysis(arg),
        'planLens.planFiles.refresh': () => planFiles.refresh(),
        'planLens.logs.show': () => logger.show(),
      },
      logger,
    ),
  );
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions, which VS Code disposes.
}
