/**
 * Where the view opens: the whole plan when its names can be read at that size, else the start of the
 * critical path at a readable size (the minimap then shows the rest). Also the zoom limits for a plan.
 */

import { fitScale, type Camera, type ViewSize } from './camera';
import { LABEL_FONT_UNITS, labelPx, OPENING_LABEL_PX, READABLE_LABEL_PX } from './levelOfDetail';
import type { PlanGeometry, PlanGraph } from './planGraph';

/** CSS pixels left around the plan when it is fitted. */
export const FIT_MARGIN = 24;
/** The readable scale: labels at the opening size. */
export const READABLE_SCALE = OPENING_LABEL_PX / LABEL_FONT_UNITS;

export function setZoomLimits(camera: Camera, geometry: PlanGeometry, view: ViewSize): void {
  camera.minScale = Math.min(fitScale(geometry.bounds, view, FIT_MARGIN) / 2, READABLE_SCALE / 4);
  camera.maxScale = 4;
}

/** Applies the opening view (centred on `anchor` instead of the critical path's start when given); says which it was. */
export function openView(camera: Camera, graph: PlanGraph, geometry: PlanGeometry, view: ViewSize, anchor?: number): 'whole' | 'critical-start' | 'anchor' {
  const whole = fitScale(geometry.bounds, view, FIT_MARGIN);
  if (labelPx(whole) >= READABLE_LABEL_PX || graph.taskCount === 0) {
    camera.fit(geometry.bounds, view, FIT_MARGIN);
    // A handful of tasks fitted to a wide panel would be drawn in giant boxes: no larger than this.
    const largest = READABLE_SCALE * 1.5;
    if (camera.scale > largest) camera.centreOn((geometry.bounds.minX + geometry.bounds.maxX) / 2, (geometry.bounds.minY + geometry.bounds.maxY) / 2, view, largest);
    return 'whole';
  }
  if (anchor !== undefined && anchor >= 0 && anchor < graph.taskCount) {
    camera.centreOn(geometry.x[anchor] + graph.boxWidth / 2, geometry.y[anchor] + graph.boxHeight / 2, view, READABLE_SCALE);
    camera.keepInView(geometry.bounds, view, FIT_MARGIN);
    return 'anchor';
  }
  const first = graph.arrays.criticalPath.length > 0 ? graph.arrays.criticalPath[0] : topLeftTask(geometry);
  // The path runs left to right: its first task at the left edge, the rest of it in view to the right.
  camera.placeAt(geometry.x[first], geometry.y[first] + graph.boxHeight / 2, FIT_MARGIN * 2, view.height / 2, READABLE_SCALE);
  camera.keepInView(geometry.bounds, view, FIT_MARGIN);
  return 'critical-start';
}

function topLeftTask(geometry: PlanGeometry): number {
  let best = 0;
  for (let i = 1; i < geometry.x.length; i++) if (geometry.x[i] < geometry.x[best] || (geometry.x[i] === geometry.x[best] && geometry.y[i] < geometry.y[best])) best = i;
  return best;
}
