/**
 * Work shared by callers that cancel one by one (src/core/objectStore/sharedWork.ts): a caller that
 * cancels stops waiting at once; the work is aborted only when no caller waits any more, and is then
 * forgotten so the next caller starts it again; finished work is kept and can be peeked at.
 */

import * as assert from 'node:assert/strict';
import type { CancelSignal } from '../../../src/core/objectStore/objectStore';
import { isCancelled, SharedWork } from '../../../src/core/objectStore/sharedWork';

/** Work that ends when the test says, and records the signal it ran under. */
function controlledWork(): { run: (signal: CancelSignal) => Promise<string>; finish: (value: string) => void; starts: CancelSignal[] } {
  const starts: CancelSignal[] = [];
  let finish: (value: string) => void = () => undefined;
  return {
    starts,
    run: (signal) => {
      starts.push(signal);
      return new Promise<string>((resolve) => {
        finish = resolve;
      });
    },
    finish: (value) => finish(value),
  };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  assert.fail('the promise resolved');
}

suite('shared work under per-caller cancellation', () => {
  test('one of two callers cancels: it stops waiting at once, the other gets the value of the one run', async () => {
    const shared = new SharedWork<string>();
    const work = controlledWork();
    const first = new AbortController();
    const a = shared.run('k', work.run, first.signal);
    const b = shared.run('k', work.run, new AbortController().signal);
    first.abort();
    assert.ok(isCancelled(await rejection(a)), 'the cancelled caller gets a cancelled error');
    assert.equal(work.starts.length, 1);
    assert.equal(work.starts[0].aborted, false, 'the work the other caller waits for goes on');
    work.finish('read');
    assert.equal(await b, 'read');
    assert.deepEqual(shared.peek('k'), { value: 'read' });
  });

  test('every caller cancels: the work is aborted and forgotten, the next caller starts it again', async () => {
    const shared = new SharedWork<string>();
    const work = controlledWork();
    const callers = [new AbortController(), new AbortController()];
    const waits = callers.map((c) => shared.run('k', work.run, c.signal));
    for (const c of callers) c.abort();
    for (const w of waits) assert.ok(isCancelled(await rejection(w)));
    assert.equal(work.starts[0].aborted, true, 'no one waits: the work is told to stop');
    assert.equal(shared.peek('k'), undefined);
    const again = shared.run('k', work.run);
    assert.equal(work.starts.length, 2, 'a cancelled run is not kept');
    assert.equal(work.starts[1].aborted, false);
    work.finish('second');
    assert.equal(await again, 'second');
  });

  test('a caller without a signal keeps the work alive when the others cancel', async () => {
    const shared = new SharedWork<string>();
    const work = controlledWork();
    const cancelling = new AbortController();
    const patient = shared.run('k', work.run);
    const impatient = shared.run('k', work.run, cancelling.signal);
    cancelling.abort();
    await rejection(impatient);
    assert.equal(work.starts[0].aborted, false);
    work.finish('kept');
    assert.equal(await patient, 'kept');
  });

  test('finished work is answered without running again; a caller already cancelled starts nothing', async () => {
    const shared = new SharedWork<string>();
    const work = controlledWork();
    const first = shared.run('k', work.run);
    assert.equal(shared.peek('k'), undefined, 'running: nothing to peek at');
    work.finish('once');
    await first;
    assert.equal(await shared.run('k', work.run, new AbortController().signal), 'once');
    assert.equal(work.starts.length, 1);
    const cancelled = new AbortController();
    cancelled.abort();
    assert.ok(isCancelled(await rejection(shared.run('other', work.run, cancelled.signal))));
    assert.equal(work.starts.length, 1);
  });

  test('failed work fails every caller and is not peeked at', async () => {
    const shared = new SharedWork<string>();
    const failing = (): Promise<string> => Promise.reject(new Error('store down'));
    assert.match(String(await rejection(shared.run('k', failing))), /store down/);
    assert.match(String(await rejection(shared.run('k', failing, new AbortController().signal))), /store down/);
    assert.equal(shared.peek('k'), undefined);
  });
});
