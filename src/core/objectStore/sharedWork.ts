/**
 * Work shared by every caller that asks for the same key (a Delta pin's resolution, read once for the
 * graph's task details and the Delta Pins view), each caller waiting under its own `CancelSignal`.
 *
 * A caller whose signal aborts stops waiting at once: its promise rejects with an `ObjectStoreError` of
 * kind `cancelled`. The work itself runs under a signal of its own, aborted only when every caller still
 * waiting has cancelled: one editor request superseded by a newer one never aborts a read that another
 * request is waiting for. Aborted work is forgotten at once, so the next caller starts it again; finished
 * work (and failed work) is kept. O(1) per caller.
 */

import { ObjectStoreError, type CancelSignal } from './objectStore';

interface Entry<T> {
  readonly promise: Promise<T>;
  readonly abort: () => void;
  /** Callers waiting for the work and not cancelled. */
  waiting: number;
  settled: boolean;
  /** The work's value once it resolved (absent until then, and for failed work). */
  value?: { readonly value: T };
}

/** A signal the core raises itself: the core has no AbortController (its tsconfig loads no host library). */
function cancelSource(): { readonly signal: CancelSignal; abort(): void } {
  const listeners = new Set<() => void>();
  const state = { aborted: false };
  const signal: CancelSignal = {
    get aborted() {
      return state.aborted;
    },
    addEventListener: (_type, listener) => void listeners.add(listener),
    removeEventListener: (_type, listener) => void listeners.delete(listener),
  };
  return {
    signal,
    abort() {
      if (state.aborted) return;
      state.aborted = true;
      for (const listener of [...listeners]) listener();
      listeners.clear();
    },
  };
}

/** The error a cancelled caller gets: the store's own kind, so readers and the server treat both alike. */
export function cancelledError(key: string): ObjectStoreError {
  return new ObjectStoreError('cancelled', key, `${key}: cancelled`);
}

/** True for the error a caller gets when its signal aborted. */
export function isCancelled(e: unknown): boolean {
  return e instanceof ObjectStoreError && e.kind === 'cancelled';
}

export class SharedWork<T> {
  private readonly entries = new Map<string, Entry<T>>();

  /**
   * The value of the work under `key`: started with a signal of its own when no caller has started it
   * (or the last start was aborted), else the running or finished work's.
   * @returns the work's value.
   * @throws an `ObjectStoreError` of kind `cancelled` when `signal` aborts first; whatever the work throws.
   */
  run(key: string, work: (signal: CancelSignal) => Promise<T>, signal?: CancelSignal): Promise<T> {
    if (signal?.aborted === true) return Promise.reject(cancelledError(key));
    let entry = this.entries.get(key);
    if (entry === undefined) {
      const source = cancelSource();
      const promise = work(source.signal);
      const started: Entry<T> = { promise, abort: () => source.abort(), waiting: 0, settled: false };
      // Work aborted after its last caller left has no one to report to: its outcome is dropped here.
      promise.then(
        (value) => {
          started.settled = true;
          started.value = { value };
        },
        () => {
          started.settled = true;
        },
      );
      this.entries.set(key, started);
      entry = started;
    }
    return entry.settled ? entry.promise : this.wait(key, entry, signal);
  }

  /**
   * The finished work's value without waiting.
   * @returns `{ value }` when the work under `key` resolved, undefined while it runs, failed or never ran.
   */
  peek(key: string): { readonly value: T } | undefined {
    return this.entries.get(key)?.value;
  }

  private wait(key: string, entry: Entry<T>, signal: CancelSignal | undefined): Promise<T> {
    entry.waiting++;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const leave = (): boolean => {
        if (done) return false;
        done = true;
        entry.waiting--;
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = (): void => {
        if (!leave()) return;
        reject(cancelledError(key));
        if (entry.waiting > 0 || entry.settled) return;
        entry.abort();
        if (this.entries.get(key) === entry) this.entries.delete(key);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (value) => {
          if (leave()) resolve(value);
        },
        (e: unknown) => {
          if (leave()) reject(e);
        },
      );
    });
  }
}
