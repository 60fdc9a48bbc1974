/**
 * Task names cut to their box by measured width, with an ellipsis; the full name stays in the tooltip
 * and the details. Widths are measured once per task at the layout's font size and reused at every
 * zoom (text width scales with the font), so a frame never measures more than the names it has not
 * drawn before.
 */

import { LABEL_FONT_UNITS } from './levelOfDetail';

const ELLIPSIS = '…';

export class LabelFitter {
  private readonly fitted = new Map<number, string>();
  private font = '';

  constructor(
    private readonly ctx: CanvasRenderingContext2D,
    /** Room for the text in layout units. */
    private readonly room: number,
  ) {}

  /** Forgets every fitted label when the font changes (a theme with another font family). */
  setFontFamily(family: string): void {
    const font = `${LABEL_FONT_UNITS}px ${family}`;
    if (font === this.font) return;
    this.font = font;
    this.fitted.clear();
  }

  label(task: number, name: string): string {
    let text = this.fitted.get(task);
    if (text === undefined) {
      text = this.fit(name);
      this.fitted.set(task, text);
    }
    return text;
  }

  private fit(name: string): string {
    const ctx = this.ctx;
    ctx.save();
    ctx.font = this.font;
    try {
      if (ctx.measureText(name).width <= this.room) return name;
      // The longest prefix that fits with the ellipsis: binary search on code points, so a surrogate pair is never split.
      const chars = Array.from(name);
      let lo = 0;
      let hi = chars.length;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (ctx.measureText(chars.slice(0, mid).join('') + ELLIPSIS).width <= this.room) lo = mid;
        else hi = mid - 1;
      }
      return chars.slice(0, lo).join('') + ELLIPSIS;
    } finally {
      ctx.restore();
    }
  }
}
