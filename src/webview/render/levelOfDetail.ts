/**
 * What is worth drawing at a zoom: a box per task only when it is big enough to see, a name only when
 * it can be read. Thresholds in CSS pixels of the task box on screen.
 */

/** Label font size in layout units: a 28-unit box holds a 13-unit line with room above and below. */
export const LABEL_FONT_UNITS = 13;
/** Below this screen size labels are noise: not drawn. */
export const MIN_LABEL_PX = 8;
/** The size the view opens at: what the issue calls readable. */
export const READABLE_LABEL_PX = 11;
/** Opening scale when the whole plan is not readable: labels a little above the readable floor. */
export const OPENING_LABEL_PX = 12;

export type Detail =
  /** Tasks are sub-pixel: one box per generation and kind, with counts, and the critical path through them. */
  | 'overview'
  /** A filled pixel-ish box per task, batched per colour; only the critical path's edges and the selection's. */
  | 'dots'
  /** Outlined boxes, edges (thinned when too many), names when legible. */
  | 'boxes';

export function detailAt(scale: number, boxHeight: number): Detail {
  const px = boxHeight * scale;
  if (px < 1) return 'overview';
  if (px < 6) return 'dots';
  return 'boxes';
}

export function labelPx(scale: number): number {
  return LABEL_FONT_UNITS * scale;
}
