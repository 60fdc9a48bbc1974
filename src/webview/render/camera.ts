/**
 * The view's transform from layout units (the payload's positions) to CSS pixels of the canvas:
 * screen = world * scale + translate. One uniform scale, so boxes keep their shape at every zoom.
 */

export interface Rect {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

export interface ViewSize {
  readonly width: number;
  readonly height: number;
}

export class Camera {
  scale = 1;
  tx = 0;
  ty = 0;
  /** Zoom limits, set from the plan's size: far enough out to see all of it, close enough to read a name. */
  minScale = 1e-4;
  maxScale = 4;

  screenX(worldX: number): number {
    return worldX * this.scale + this.tx;
  }

  screenY(worldY: number): number {
    return worldY * this.scale + this.ty;
  }

  worldX(screenX: number): number {
    return (screenX - this.tx) / this.scale;
  }

  worldY(screenY: number): number {
    return (screenY - this.ty) / this.scale;
  }

  /** The part of the world the view shows. */
  visible(view: ViewSize): Rect {
    return { minX: this.worldX(0), minY: this.worldY(0), maxX: this.worldX(view.width), maxY: this.worldY(view.height) };
  }

  /** Multiplies the scale by `factor`, keeping the world point under (screenX, screenY) where it is. */
  zoomAround(factor: number, screenX: number, screenY: number): void {
    const next = clamp(this.scale * factor, this.minScale, this.maxScale);
    const wx = this.worldX(screenX);
    const wy = this.worldY(screenY);
    this.scale = next;
    this.tx = screenX - wx * next;
    this.ty = screenY - wy * next;
  }

  panBy(dx: number, dy: number): void {
    this.tx += dx;
    this.ty += dy;
  }

  /** Puts the world point at the centre of the view, at `scale` (the current one by default). */
  centreOn(worldX: number, worldY: number, view: ViewSize, scale = this.scale): void {
    this.scale = clamp(scale, this.minScale, this.maxScale);
    this.tx = view.width / 2 - worldX * this.scale;
    this.ty = view.height / 2 - worldY * this.scale;
  }

  /** Puts the world point at (screenX, screenY), at `scale`. */
  placeAt(worldX: number, worldY: number, screenX: number, screenY: number, scale: number): void {
    this.scale = clamp(scale, this.minScale, this.maxScale);
    this.tx = screenX - worldX * this.scale;
    this.ty = screenY - worldY * this.scale;
  }

  /** Shows all of `bounds`, centred, with `margin` CSS pixels around it. */
  fit(bounds: Rect, view: ViewSize, margin: number): void {
    const scale = fitScale(bounds, view, margin);
    this.centreOn((bounds.minX + bounds.maxX) / 2, (bounds.minY + bounds.maxY) / 2, view, scale);
  }

  /**
   * Slides the view, on each axis, so that it shows no empty band beside `bounds` when they are larger
   * than the view, and centres them when smaller. Whatever of `bounds` was in view stays in view.
   */
  keepInView(bounds: Rect, view: ViewSize, margin: number): void {
    const slide = (low: number, high: number, size: number): number => {
      if (high - low <= size - 2 * margin) return (size - high - low) / 2;
      if (low > margin) return margin - low;
      if (high < size - margin) return size - margin - high;
      return 0;
    };
    this.tx += slide(this.screenX(bounds.minX), this.screenX(bounds.maxX), view.width);
    this.ty += slide(this.screenY(bounds.minY), this.screenY(bounds.maxY), view.height);
  }

  /** True when the whole of `bounds` is in view. */
  shows(bounds: Rect, view: ViewSize): boolean {
    const v = this.visible(view);
    return bounds.minX >= v.minX && bounds.minY >= v.minY && bounds.maxX <= v.maxX && bounds.maxY <= v.maxY;
  }
}

/** The scale at which `bounds` fills the view with `margin` pixels around it. */
export function fitScale(bounds: Rect, view: ViewSize, margin: number): number {
  const w = Math.max(bounds.maxX - bounds.minX, 1);
  const h = Math.max(bounds.maxY - bounds.minY, 1);
  return Math.max(Math.min((view.width - 2 * margin) / w, (view.height - 2 * margin) / h), 1e-6);
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY;
}
