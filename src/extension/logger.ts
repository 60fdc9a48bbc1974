/** The one Plan Lens log: a LogOutputChannel whose level the user sets with "Developer: Set Log Level". */

import * as vscode from 'vscode';
import { inspect } from 'node:util';

export class Logger implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Plan Lens', { log: true });

  trace(message: string, ...data: unknown[]): void {
    this.channel.trace(format(message, data));
  }

  info(message: string, ...data: unknown[]): void {
    this.channel.info(format(message, data));
  }

  warn(message: string, ...data: unknown[]): void {
    this.channel.warn(format(message, data));
  }

  /** Logs with the stack, so a notification's "Show Logs" leads to the cause. */
  error(message: string, error?: unknown): void {
    this.channel.error(error === undefined ? message : `${message}\n${error instanceof Error ? (error.stack ?? error.message) : inspect(error, { depth: 6 })}`);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

function format(message: string, data: readonly unknown[]): string {
  return data.length === 0 ? message : `${message} ${data.map((d) => (typeof d === 'string' ? d : inspect(d, { depth: 6 }))).join(' ')}`;
}

/** Every error notification offers the log. */
export async function showError(logger: Logger, message: string, error?: unknown): Promise<void> {
  logger.error(message, error);
  const detail = error instanceof Error ? `: ${error.message}` : '';
  if ((await vscode.window.showErrorMessage(`${message}${detail}`, 'Show Logs')) === 'Show Logs') logger.show();
}
