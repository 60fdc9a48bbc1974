/**
 * Colour arithmetic for readable text: theme colours arrive as any CSS colour string, so they are
 * normalised by the canvas itself (no parser of our own for named, hsl or system colours), then
 * composited and compared by WCAG contrast ratio.
 */

export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;
}

/** A CSS colour as RGBA, or undefined when the browser does not take it as a colour. */
export function parseColour(ctx: CanvasRenderingContext2D, css: string): Rgba | undefined {
  const text = css.trim();
  if (text === '') return undefined;
  // fillStyle keeps its old value for an invalid colour: set a sentinel first to tell them apart.
  ctx.fillStyle = '#010203';
  ctx.fillStyle = text;
  const normal = String(ctx.fillStyle);
  if (normal === '#010203' && !/^#010203$/i.test(text)) return undefined;
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(normal);
  if (hex !== null) return { r: parseInt(hex[1], 16), g: parseInt(hex[2], 16), b: parseInt(hex[3], 16), a: 1 };
  const rgba = /^rgba?\(\s*([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\s*\)$/.exec(normal);
  if (rgba === null) return undefined;
  return { r: Number(rgba[1]), g: Number(rgba[2]), b: Number(rgba[3]), a: rgba[4] === undefined ? 1 : Number(rgba[4]) };
}

/** `top` painted over an opaque `bottom`. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a;
  return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
}

export function css(c: Rgba): string {
  return c.a >= 1 ? `rgb(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)})` : `rgba(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)}, ${c.a})`;
}

function channel(v: number): number {
  const s = v / 255;
  return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
}

export function luminance(c: Rgba): number {
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

/** WCAG 2 contrast ratio of two opaque colours, 1 to 21. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The candidate with the best contrast on `background` (the first one when it already reaches `enough`). */
export function mostReadable(background: Rgba, candidates: readonly Rgba[], enough = 4.5): Rgba {
  let best = candidates[0];
  let bestRatio = 0;
  for (const c of candidates) {
    const ratio = contrastRatio(over(c, background), background);
    if (ratio >= enough) return c;
    if (ratio > bestRatio) {
      best = c;
      bestRatio = ratio;
    }
  }
  return best;
}

export const black: Rgba = { r: 0, g: 0, b: 0, a: 1 };
export const white: Rgba = { r: 255, g: 255, b: 255, a: 1 };
