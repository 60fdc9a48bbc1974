/**
 * One ELK web worker and its elk-api wrapper. The worker starts from a blob: URL made from the embedded
 * text of elkjs's worker script: a worker from a webview resource URL fails or hangs in VS Code, while a
 * blob worker only needs `worker-src blob:` in the webview's CSP. The script needs neither eval nor
 * `new Function` (checked under a strict CSP by test/webview/elk.test.ts). A short prelude in the same
 * blob makes the worker answer with typed arrays (compactLayout.ts).
 *
 * elk-api never settles a layout whose worker died or was terminated, so every call here also settles on
 * the session's end: a worker error or `terminate()`.
 */

import ElkConstructor, { type ELK, type ElkNode } from 'elkjs/lib/elk-api.js';
import elkWorkerSource from 'elkjs/lib/elk-worker.min.js';
import { compactRepliesPrelude, isCompactLayout, type CompactLayout } from './compactLayout';

export const WORKER_START_FAILED = "the layout worker could not start (the page's CSP must allow worker-src blob:)";

let workerUrl: string | undefined;

/** One blob for the page's lifetime: every restarted worker reuses it, so it is never revoked. */
function elkWorkerUrl(): string {
  workerUrl ??= URL.createObjectURL(new Blob([compactRepliesPrelude(), elkWorkerSource], { type: 'text/javascript' }));
  return workerUrl;
}

export class ElkWorkerSession {
  private readonly elk: ELK;
  private ended: Error | undefined;
  private readonly onEnd = new Set<(reason: Error) => void>();
  private warm = false;
  /** Settles when the warm-up layouts are done; rejects when the worker cannot run. */
  readonly ready: Promise<void>;

  /**
   * Starts the worker and lays out `warmUp` in it, one after the other.
   * @throws when the page may not start a worker (a CSP without `worker-src blob:`).
   */
  constructor(warmUp: readonly ElkNode[]) {
    const workers: Worker[] = [];
    this.elk = new ElkConstructor({
      // Only the layered algorithm: registering the others costs start-up time for nothing.
      algorithms: ['layered'],
      workerFactory: () => {
        const worker = new Worker(elkWorkerUrl(), { name: 'plan-lens-elk' });
        workers.push(worker);
        return worker;
      },
    });
    for (const worker of workers) {
      // Chromium reports a worker blocked by the CSP as an error event, not as an exception.
      worker.addEventListener('error', (event) => {
        const what = event.message || 'script error';
        this.end(new Error(this.warm ? `the layout worker failed: ${what}` : `${WORKER_START_FAILED}: ${what}`));
      });
      worker.addEventListener('messageerror', () => this.end(new Error('the layout worker sent a message that could not be read')));
    }
    this.ready = warmUp
      .reduce<Promise<unknown>>((previous, graph) => previous.then(() => this.layout(graph)), Promise.resolve())
      .then(() => {
        this.warm = true;
      });
    // A failed warm-up is reported to whoever waits on `ready`; this keeps it from being an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  get isWarm(): boolean {
    return this.warm;
  }

  get isEnded(): boolean {
    return this.ended !== undefined;
  }

  /** Lays `graph` out; the answer is compact (compactLayout.ts), in the order of its children and edges. */
  layout(graph: ElkNode): Promise<CompactLayout> {
    if (this.ended !== undefined) return Promise.reject(this.ended);
    return new Promise<CompactLayout>((resolve, reject) => {
      const onEnd = (reason: Error): void => reject(reason);
      this.onEnd.add(onEnd);
      this.elk.layout(graph).then(
        (laidOut: unknown) => {
          this.onEnd.delete(onEnd);
          if (isCompactLayout(laidOut)) resolve(laidOut);
          else reject(new Error('the layout worker answered without the compact layout'));
        },
        (error: unknown) => {
          this.onEnd.delete(onEnd);
          reject(asError(error));
        },
      );
    });
  }

  /** Stops the worker at once, whatever it is doing; pending layouts reject with `reason`. */
  terminate(reason: Error): void {
    this.elk.terminateWorker();
    this.end(reason);
  }

  private end(reason: Error): void {
    if (this.ended !== undefined) return;
    this.ended = reason;
    for (const listener of this.onEnd) listener(reason);
    this.onEnd.clear();
  }
}

/** ELK reports Java exceptions as plain objects with a message; keep that message. */
function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return new Error(`ELK: ${error.message}`);
  return new Error(`ELK: ${String(error)}`);
}
