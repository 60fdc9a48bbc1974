/**
 * The one way the panels make elements: createElement and textContent only. Task names, column types and
 * reasons are plan data (hostile names included), so nothing here ever parses markup; the webview's lint
 * forbids the markup sinks outright.
 */

export interface ElementSpec {
  readonly className?: string;
  readonly text?: string;
  /** Attributes (aria-*, title, type, ...); values are set as text, never interpreted. */
  readonly attrs?: Readonly<Record<string, string>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, spec: ElementSpec = {}, children: ReadonlyArray<Node | string> = []): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (spec.className !== undefined) e.className = spec.className;
  if (spec.text !== undefined) e.textContent = spec.text;
  for (const [name, value] of Object.entries(spec.attrs ?? {})) e.setAttribute(name, value);
  if (children.length > 0) e.append(...children);
  return e;
}

/** Keys typed in a panel are the panel's: the graph's shortcuts ([ ] n p, arrows, Enter) must not see them. */
export function keepKeys(root: HTMLElement): void {
  for (const type of ['keydown', 'keypress', 'keyup'] as const) root.addEventListener(type, (e) => e.stopPropagation());
}
