/**
 * A progress line on stderr for work that takes more than a second, redrawn in place: only when stderr is
 * a terminal, so piped and captured output (CI, `--json > file`, the tests) never holds it.
 */

export interface Progress {
  /** `label` names the step when the work is a few named steps rather than many like ones. */
  readonly update: (done: number, total: number, label?: string) => void;
  /** Clears the line, if one was drawn. */
  readonly done: () => void;
}

const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;

export function stderrProgress(what: string, stream: { isTTY?: boolean; columns?: number; write(text: string): unknown } = process.stderr, now: () => number = Date.now): Progress {
  const started = now();
  let drawn = 0;
  let shown = false;
  return {
    update(done, total, label) {
      if (stream.isTTY !== true) return;
      const t = now();
      if (t - started < SHOW_AFTER_MS || (t - drawn < REDRAW_EVERY_MS && done < total)) return;
      drawn = t;
      shown = true;
      const line = label === undefined ? `${what}: ${done}/${total}` : `${what}: ${label} (${done}/${total})`;
      // A line wider than the terminal wraps, and the carriage return would then redraw only its tail.
      const width = stream.columns === undefined || stream.columns < 2 ? line.length : stream.columns - 1;
      stream.write(`\r${line.length > width ? `${line.slice(0, width - 1)}…` : line}\u001b[K`);
    },
    done() {
      if (shown) stream.write('\r\u001b[K');
    },
  };
}
