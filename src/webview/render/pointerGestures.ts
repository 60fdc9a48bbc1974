/**
 * Mouse, pen, touch and trackpad input on the canvas, turned into camera moves and picks: drag pans,
 * wheel zooms around the cursor (a trackpad pinch arrives as a wheel event with ctrlKey), two touching
 * fingers pinch-zoom around their midpoint, a press that does not move is a click.
 */

export interface GestureHandlers {
  panBy(dx: number, dy: number): void;
  zoomAround(factor: number, x: number, y: number): void;
  /** A press and release without a drag, at canvas CSS pixels. */
  click(x: number, y: number): void;
  /** The pointer hovers at canvas CSS pixels (undefined: it left the canvas or a drag began). */
  hover(x: number | undefined, y: number | undefined, clientX: number, clientY: number): void;
}

/** Movement in CSS pixels under which a press counts as a click. */
const CLICK_SLOP = 4;

export function attachGestures(canvas: HTMLCanvasElement, handlers: GestureHandlers): void {
  const pointers = new Map<number, { x: number; y: number }>();
  let pressedAt: { x: number; y: number } | undefined;
  let dragged = false;
  let pinchDistance = 0;
  const local = (e: { clientX: number; clientY: number }): { x: number; y: number } => {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  canvas.addEventListener('wheel', (e) => {
    e.preventDefault();
    const { x, y } = local(e);
    // Lines and pages as pixels, then a gentle exponential: a notch of a mouse wheel is about 1.2x.
    const pixels = e.deltaY * (e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1);
    handlers.zoomAround(Math.pow(2, -pixels * (e.ctrlKey ? 0.01 : 0.0025)), x, y);
  }, { passive: false });

  canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    canvas.setPointerCapture(e.pointerId);
    const p = local(e);
    pointers.set(e.pointerId, p);
    if (pointers.size === 1) {
      pressedAt = p;
      dragged = false;
    } else if (pointers.size === 2) {
      pinchDistance = spread(pointers);
      dragged = true;
    }
    canvas.classList.add('dragging');
  });

  canvas.addEventListener('pointermove', (e) => {
    const p = local(e);
    const before = pointers.get(e.pointerId);
    if (before === undefined) {
      handlers.hover(p.x, p.y, e.clientX, e.clientY);
      return;
    }
    if (pointers.size === 2) {
      const oldMid = midpoint(pointers);
      pointers.set(e.pointerId, p);
      const mid = midpoint(pointers);
      const distance = spread(pointers);
      handlers.panBy(mid.x - oldMid.x, mid.y - oldMid.y);
      if (pinchDistance > 0 && distance > 0) handlers.zoomAround(distance / pinchDistance, mid.x, mid.y);
      pinchDistance = distance;
      return;
    }
    pointers.set(e.pointerId, p);
    if (!dragged && pressedAt !== undefined && Math.hypot(p.x - pressedAt.x, p.y - pressedAt.y) >= CLICK_SLOP) {
      dragged = true;
      handlers.hover(undefined, undefined, e.clientX, e.clientY);
    }
    if (dragged) handlers.panBy(p.x - before.x, p.y - before.y);
  });

  const release = (e: PointerEvent, cancelled: boolean): void => {
    if (!pointers.delete(e.pointerId)) return;
    if (pointers.size === 0) {
      canvas.classList.remove('dragging');
      if (!cancelled && !dragged && pressedAt !== undefined) handlers.click(pressedAt.x, pressedAt.y);
      pressedAt = undefined;
    }
  };
  canvas.addEventListener('pointerup', (e) => release(e, false));
  canvas.addEventListener('pointercancel', (e) => release(e, true));
  canvas.addEventListener('pointerleave', (e) => {
    if (pointers.size === 0) handlers.hover(undefined, undefined, e.clientX, e.clientY);
  });
}

function midpoint(pointers: Map<number, { x: number; y: number }>): { x: number; y: number } {
  let x = 0;
  let y = 0;
  for (const p of pointers.values()) {
    x += p.x;
    y += p.y;
  }
  return { x: x / pointers.size, y: y / pointers.size };
}

function spread(pointers: Map<number, { x: number; y: number }>): number {
  const [a, b] = [...pointers.values()];
  return a === undefined || b === undefined ? 0 : Math.hypot(a.x - b.x, a.y - b.y);
}
