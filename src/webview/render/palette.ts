/**
 * The renderer's colours, from VS Code's theme variables (the webview gets them as CSS custom
 * properties and a body class: vscode-light, vscode-dark, vscode-high-contrast). The selected task's text
 * colour is chosen by measured contrast against its fill, because themes disagree: High Contrast sets the
 * selection background to white with white text. Under `forced-colors` the system colours win.
 */

import { black, css, mostReadable, over, parseColour, white, type Rgba } from './colour';

export interface Palette {
  readonly background: string;
  readonly foreground: string;
  readonly boxFill: string;
  readonly edge: string;
  readonly critical: string;
  readonly selectedFill: string;
  readonly selectedText: string;
  readonly selectedBorder: string;
  readonly hoverBorder: string;
  readonly notRun: string;
  readonly added: string;
  readonly costChangedFill: string;
  readonly overviewText: string;
  /** Border colour of a task by kind name. */
  kind(name: string): string;
  /** Marker colour of a Hamilton cache status. */
  cache(status: string): string;
  readonly fontFamily: string;
  /** Wider strokes in high contrast, where borders carry the meaning colours carry elsewhere. */
  readonly strokeScale: number;
}

const lightDefaults: Record<string, string> = {
  'editor-background': '#ffffff',
  foreground: '#3b3b3b',
  'editor-selectionBackground': '#add6ff',
  focusBorder: '#005fb8',
  'charts-red': '#e51400',
  'charts-blue': '#1a85ff',
  'charts-green': '#388a34',
  'charts-purple': '#652d90',
  'charts-yellow': '#bf8803',
  'charts-orange': '#d18616',
  disabledForeground: 'rgba(97, 97, 97, 0.5)',
};

export function readPalette(ctx: CanvasRenderingContext2D, element: HTMLElement): Palette {
  const style = getComputedStyle(element);
  const fontFamily = style.fontFamily || 'sans-serif';
  if (matchMedia('(forced-colors: active)').matches) return forcedColoursPalette(fontFamily);
  const highContrast = element.classList.contains('vscode-high-contrast') || element.classList.contains('vscode-high-contrast-light');
  const colour = (name: string): Rgba => parseColour(ctx, style.getPropertyValue(`--vscode-${name}`)) ?? parseColour(ctx, lightDefaults[name] ?? '') ?? black;
  const optional = (name: string): Rgba | undefined => parseColour(ctx, style.getPropertyValue(`--vscode-${name}`));
  const background = over(colour('editor-background'), white);
  const foreground = over(colour('foreground'), background);
  const selection = over(colour('editor-selectionBackground'), background);
  const activeBorder = optional('contrastActiveBorder') ?? colour('focusBorder');
  const kinds: Record<string, string> = { scan: css(colour('charts-blue')), view: css(colour('charts-green')), extract: css(colour('charts-purple')) };
  const cacheColours: Record<string, string> = { hit: css(colour('charts-green')), executed: css(colour('charts-blue')), recomputed: css(colour('charts-orange')), failed: css(colour('charts-red')) };
  const orange = colour('charts-orange');
  return {
    background: css(background),
    foreground: css(foreground),
    boxFill: css(background),
    edge: css({ ...foreground, a: highContrast ? 0.6 : 0.3 }),
    critical: css(colour('charts-red')),
    selectedFill: css(selection),
    selectedText: css(mostReadable(selection, [foreground, background, black, white])),
    selectedBorder: css(activeBorder),
    hoverBorder: css(foreground),
    notRun: css(colour('disabledForeground')),
    added: css(colour('charts-yellow')),
    costChangedFill: css(over({ ...orange, a: 0.3 }, background)),
    overviewText: css(foreground),
    kind: (name) => kinds[name] ?? css(foreground),
    cache: (status) => cacheColours[status] ?? css(colour('charts-purple')),
    fontFamily,
    strokeScale: highContrast ? 1.5 : 1,
  };
}

/** Windows High Contrast and other forced palettes: only system colours, meaning carried by borders. */
function forcedColoursPalette(fontFamily: string): Palette {
  return {
    background: 'Canvas',
    foreground: 'CanvasText',
    boxFill: 'Canvas',
    edge: 'GrayText',
    critical: 'LinkText',
    selectedFill: 'Highlight',
    selectedText: 'HighlightText',
    selectedBorder: 'CanvasText',
    hoverBorder: 'CanvasText',
    notRun: 'GrayText',
    added: 'LinkText',
    costChangedFill: 'Canvas',
    overviewText: 'CanvasText',
    kind: () => 'CanvasText',
    cache: () => 'CanvasText',
    fontFamily,
    strokeScale: 1.5,
  };
}
