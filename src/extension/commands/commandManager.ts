/** The one place commands are registered: a handler for every id in `commandIds`, enforced by the type. */

import * as vscode from 'vscode';
import type { CommandId } from '../ids';
import type { Logger } from '../logger';
import { showError } from '../logger';
import { Disposable } from '../util/dispose';

export type CommandHandlers = { readonly [K in CommandId]: (...args: unknown[]) => unknown };

export class CommandManager extends Disposable {
  constructor(handlers: CommandHandlers, logger: Logger) {
    super();
    for (const [id, handler] of Object.entries(handlers) as [CommandId, CommandHandlers[CommandId]][]) {
      this.register(
        vscode.commands.registerCommand(id, async (...args: unknown[]) => {
          logger.trace(`command ${id}`);
          try {
            return await handler(...args);
          } catch (e) {
            await showError(logger, `Plan Lens: ${id} failed`, e);
            return undefined;
          }
        }),
      );
    }
  }
}
