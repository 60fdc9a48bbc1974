/**
 * A progress line on stderr for work that takes more than a second, redrawn in place: only when stderr is
 * a terminal, so piped and captured output (CI, `--json > file`, the tests) never holds it.
 */

export interface Progress {
  readonly update: (done: number, total: number) => void;
  /** Clears the line, if one was drawn. */
  readonly done: () => void;
}

const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;

export function stderrProgress(what: string, stream: { isTTY?: boolean; write(text: string): unknown } = process.stderr, now: () => number = Date.now): Progress {
  const started = now();
  let drawn = 0;
  let shown = false;
  return {
    update(done, total) {
      if (stream.isTTY !== true) return;
      const t = now();
      if (t - started < SHOW_AFTER_MS || (t - drawn < REDRAW_EVERY_MS && done < total)) return;
      drawn = t;
      shown = true;
      stream.write(`\r${what}: ${done}/${total}\u001b[K`);
    },
    done() {
      if (shown) stream.write('\r\u001b[K');
    },
  };
}
