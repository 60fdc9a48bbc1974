/**
 * What VS Code puts on a webview for its three kinds of theme: a body class and CSS variables on the html
 * element's style. The values are those of Light Modern, Dark Modern and Dark High Contrast (VS Code
 * 1.100) for the variables the graph page reads.
 */

export type ThemeKind = 'light' | 'dark' | 'high-contrast';

export interface Theme {
  readonly kind: ThemeKind;
  readonly bodyClass: string;
  readonly variables: Readonly<Record<string, string>>;
}

const shared = { 'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif', 'font-size': '13px' };

export const themes: readonly Theme[] = [
  {
    kind: 'light',
    bodyClass: 'vscode-light',
    variables: {
      ...shared,
      'editor-background': '#ffffff', foreground: '#3b3b3b', 'editor-selectionBackground': '#add6ff', focusBorder: '#005fb8',
      'charts-red': '#e51400', 'charts-blue': '#1a85ff', 'charts-green': '#388a34', 'charts-purple': '#652d90', 'charts-yellow': '#bf8803', 'charts-orange': '#d18616',
      disabledForeground: '#61616180', 'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8', 'panel-border': '#e5e5e5',
      'editorHoverWidget-background': '#f8f8f8', 'editorHoverWidget-foreground': '#3b3b3b', 'editorHoverWidget-border': '#c8c8c8', 'widget-shadow': '#00000029',
    },
  },
  {
    kind: 'dark',
    bodyClass: 'vscode-dark',
    variables: {
      ...shared,
      'editor-background': '#1f1f1f', foreground: '#cccccc', 'editor-selectionBackground': '#264f78', focusBorder: '#0078d4',
      'charts-red': '#f14c4c', 'charts-blue': '#3794ff', 'charts-green': '#89d185', 'charts-purple': '#b180d7', 'charts-yellow': '#cca700', 'charts-orange': '#d18616',
      disabledForeground: '#cccccc80', 'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1', 'panel-border': '#2b2b2b',
      'editorHoverWidget-background': '#202020', 'editorHoverWidget-foreground': '#cccccc', 'editorHoverWidget-border': '#454545', 'widget-shadow': '#0000005c',
    },
  },
  {
    kind: 'high-contrast',
    bodyClass: 'vscode-high-contrast',
    variables: {
      ...shared,
      // High Contrast selects with white on black text everywhere else: the trap of issue 6 (white on white).
      'editor-background': '#000000', foreground: '#ffffff', 'editor-selectionBackground': '#ffffff', focusBorder: '#f38518',
      contrastBorder: '#6fc3df', contrastActiveBorder: '#f38518',
      'charts-red': '#f14c4c', 'charts-blue': '#3794ff', 'charts-green': '#89d185', 'charts-purple': '#b180d7', 'charts-yellow': '#cca700', 'charts-orange': '#d18616',
      disabledForeground: '#a5a5a5', 'button-background': '#000000', 'button-foreground': '#ffffff', 'button-border': '#6fc3df', 'panel-border': '#6fc3df',
      'editorHoverWidget-background': '#0c141f', 'editorHoverWidget-foreground': '#ffffff', 'editorHoverWidget-border': '#6fc3df',
    },
  },
];
