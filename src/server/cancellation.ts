/**
 * Requests the editor cancels (a tree view refreshed again, another task selected in the graph): the
 * request's CancellationToken becomes the core's CancelSignal for the reads it makes, and a cancelled
 * request answers at once with LSP's RequestCancelled error, whatever its work is still doing.
 */

import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import type { CancelSignal } from '../core/objectStore/objectStore';

/**
 * Runs `work` under a signal that aborts when `token` is cancelled.
 * @returns the work's answer, when it comes before the cancellation.
 * @throws `ResponseError(RequestCancelled)` once the token is cancelled; whatever the work throws before.
 */
export async function cancellable<T>(token: CancellationToken | undefined, work: (signal: CancelSignal | undefined) => Promise<T>): Promise<T> {
  if (token === undefined) return work(undefined);
  const controller = new AbortController();
  const cancelled = new Promise<never>((_resolve, reject) => controller.signal.addEventListener('abort', () => reject(requestCancelled()), { once: true }));
  const listening = token.onCancellationRequested(() => controller.abort());
  if (token.isCancellationRequested) controller.abort();
  try {
    // The race answers at once even for work that does not watch the signal (reading a large plan); it
    // also handles whatever that work ends with later, so nothing is left as an unhandled rejection.
    return await Promise.race([work(controller.signal), cancelled]);
  } catch (e) {
    if (controller.signal.aborted) throw requestCancelled();
    throw e;
  } finally {
    listening.dispose();
  }
}

function requestCancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled by the editor');
}
