/**
 * Calls back when the theme may have changed: VS Code swaps the body class (vscode-light, vscode-dark,
 * vscode-high-contrast) and rewrites the CSS variables on the html element's style; the OS may turn
 * forced colours on or off.
 */

export function watchTheme(onChange: () => void): void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
  matchMedia('(forced-colors: active)').addEventListener('change', onChange);
}
