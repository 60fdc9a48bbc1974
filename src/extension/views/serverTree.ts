/**
 * What the four Plan Lens tree views share: their data comes from the language server's custom requests
 * (a view that asks while the server is down shows its welcome text and logs why), and they refresh when
 * run artifacts change, debounced so a pipeline writing a run's dozen files redraws a view once. A
 * refresh cancels the view's requests still running: their answers are out of date, and the server stops
 * reading for them (a Delta log in a bucket) unless another request waits for the same read.
 */

import * as vscode from 'vscode';
import type { LanguageClient, RequestType } from 'vscode-languageclient/node';
import { isRequestCancelled } from '../languageClient';
import type { Logger } from '../logger';
import { Disposable } from '../util/dispose';

/** Long enough for a pipeline to finish writing a run's files, short enough to feel immediate. */
export const TREE_REFRESH_DELAY_MS = 500;

export abstract class ServerTree<T> extends Disposable implements vscode.TreeDataProvider<T> {
  private readonly changed = this.register(new vscode.EventEmitter<T | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The view's top-level answer, asked once until the next refresh. */
  private top: Promise<unknown> | undefined;
  /** Cancelled by the next refresh: every request asked since the last one carries its token. */
  private requests = new vscode.CancellationTokenSource();

  constructor(
    private readonly client: () => Promise<LanguageClient | undefined>,
    protected readonly logger: Logger,
  ) {
    super();
  }

  /** The view's id, where its progress shows while the server reads (a remote Delta log, 1,000 runs). */
  protected abstract readonly viewId: string;

  abstract getTreeItem(element: T): vscode.TreeItem;
  abstract getChildren(element?: T): vscode.ProviderResult<T[]>;

  /** Asks again now: what the view caches is dropped. */
  refresh(): void {
    clearTimeout(this.timer);
    this.supersede();
    this.top = undefined;
    this.changed.fire(undefined);
  }

  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), TREE_REFRESH_DELAY_MS);
  }

  override dispose(): void {
    clearTimeout(this.timer);
    this.requests.cancel();
    this.requests.dispose();
    super.dispose();
  }

  /**
   * The view's top-level answer: `load` runs once, then its promise is shared until the next refresh.
   * `load` gets the token the next refresh cancels.
   */
  protected topAnswer<R>(load: (superseded: vscode.CancellationToken) => Promise<R>): Promise<R> {
    this.top ??= load(this.requests.token);
    return this.top as Promise<R>;
  }

  /** A later top-level answer (the Delta Pins' states once read): the view redraws from it, unless refreshed since. */
  protected replaceTop<R>(superseded: vscode.CancellationToken, answer: R): void {
    if (superseded.isCancellationRequested) return;
    this.top = Promise.resolve(answer);
    this.changed.fire(undefined);
  }

  /**
   * The server's answer; undefined when the server is not running, the request fails (logged) or a
   * refresh cancelled it (not an error: a newer request asks instead).
   */
  protected async request<P, R>(type: RequestType<P, R, void>, params: P): Promise<R | undefined> {
    const token = this.requests.token;
    const client = await this.client();
    // The server failed to start (logged then).
    if (client === undefined || token.isCancellationRequested) return undefined;
    try {
      return await vscode.window.withProgress({ location: { viewId: this.viewId } }, () => client.sendRequest(type, params, token));
    } catch (e) {
      if (token.isCancellationRequested || isRequestCancelled(e)) return undefined;
      this.logger.error(`${type.method} failed`, e);
      return undefined;
    }
  }

  /** Cancels the requests of the answers a refresh replaces. */
  private supersede(): void {
    this.requests.cancel();
    this.requests.dispose();
    this.requests = new vscode.CancellationTokenSource();
  }
}

/** Local date and time to the minute, sortable: 2026-01-28 09:09. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The shortest prefixes (at least `min` characters) that tell the given ids apart, by id. */
export function shortIds(ids: readonly string[], min = 8): Map<string, string> {
  const sorted = [...new Set(ids)].sort();
  const out = new Map<string, string>();
  sorted.forEach((id, i) => {
    const shared = (other: string | undefined): number => {
      if (other === undefined) return 0;
      let n = 0;
      while (n < id.length && id[n] === other[n]) n++;
      return n;
    };
    const length = Math.max(min, Math.max(shared(sorted[i - 1]), shared(sorted[i + 1])) + 1);
    out.set(id, length >= id.length ? id : id.slice(0, length));
  });
  return out;
}
