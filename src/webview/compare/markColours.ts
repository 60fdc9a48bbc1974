/**
 * The comparison's marks as the renderer draws them (render/drawScene.ts `TaskMarks`): per task the
 * colour of its mark on one drawing, and which tasks that drawing fades because its run does not have
 * them. Colours are the theme's chart colours, read when the marks are made, so they follow the theme.
 */

import type { TaskMarks } from '../render/drawScene';
import type { TaskMark } from '../../protocol/compare';

/** Which drawing: the earlier run, the later run, or the overlay of both. */
export type Drawing = 'before' | 'after' | 'overlay';

/** Marks each drawing shows: a side shows what it has that the other lacks, and what changed. */
const SHOWN: Readonly<Record<Drawing, readonly TaskMark[]>> = { before: ['removed', 'changed'], after: ['added', 'changed'], overlay: ['added', 'removed', 'changed'] };

/** The theme variable and a fallback for each mark. */
const COLOUR: Readonly<Record<TaskMark, readonly [string, string]>> = {
  added: ['--vscode-charts-green', '#388a34'],
  // Not red: red is the critical path's colour.
  removed: ['--vscode-charts-purple', '#652d90'],
  changed: ['--vscode-charts-orange', '#d18616'],
};

export function markColour(mark: TaskMark, style: CSSStyleDeclaration): string {
  const [variable, fallback] = COLOUR[mark];
  const value = style.getPropertyValue(variable).trim();
  return value === '' ? fallback : value;
}

export function marksFor(drawing: Drawing, names: readonly string[], marks: Readonly<Record<string, TaskMark>>, style: CSSStyleDeclaration): TaskMarks {
  const shown = SHOWN[drawing];
  const mark = new Uint8Array(names.length);
  const faded = new Uint8Array(names.length);
  names.forEach((name, i) => {
    const m = marks[name];
    if (m === undefined) return;
    const k = shown.indexOf(m);
    if (k >= 0) mark[i] = k + 1;
    // A side draws the other run's tasks at their place, faded: the two drawings line up task for task.
    if ((drawing === 'before' && m === 'added') || (drawing === 'after' && m === 'removed')) faded[i] = 1;
  });
  return { mark, colours: shown.map((m) => markColour(m, style)), faded };
}

/** How many tasks of a drawing carry each mark (the page says it, and the tests read it). */
export function markCounts(drawing: Drawing, names: readonly string[], marks: Readonly<Record<string, TaskMark>>): string {
  const counts = SHOWN[drawing].map((m) => `${m}:${names.filter((n) => marks[n] === m).length}`);
  return counts.join(' ');
}
