/** The CLI's progress line: only at a terminal, only after a second, redrawn at most every 100 ms, cleared at the end. */

import * as assert from 'node:assert/strict';
import { stderrProgress } from '../../../src/cli/progress';

function fakeStream(isTTY: boolean): { isTTY: boolean; written: string[]; write(text: string): void } {
  return {
    isTTY,
    written: [],
    write(text: string) {
      this.written.push(text);
    },
  };
}

suite('cli progress', () => {
  test('nothing when stderr is not a terminal, however long it takes', () => {
    let t = 0;
    const stream = fakeStream(false);
    const p = stderrProgress('reading commits', stream, () => t);
    for (let i = 1; i <= 1000; i++) {
      t += 10;
      p.update(i, 1000);
    }
    p.done();
    assert.deepEqual(stream.written, []);
  });

  test('at a terminal: silent for the first second, then redrawn in place, and cleared', () => {
    let t = 0;
    const stream = fakeStream(true);
    const p = stderrProgress('reading commits', stream, () => t);
    t = 500;
    p.update(1, 1000);
    assert.deepEqual(stream.written, [], 'work under a second shows nothing');
    t = 1000;
    p.update(2, 1000);
    t = 1050;
    p.update(3, 1000);
    t = 1200;
    p.update(4, 1000);
    t = 1210;
    p.update(1000, 1000);
    p.done();
    assert.deepEqual(stream.written, ['\rreading commits: 2/1000\u001b[K', '\rreading commits: 4/1000\u001b[K', '\rreading commits: 1000/1000\u001b[K', '\r\u001b[K']);
  });
});
